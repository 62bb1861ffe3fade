// Tests of the worker's computation without a worker: a run returns decimated traces within the column budget with
// peaks kept, zoom re-decimates the kept full-resolution result, refused runs keep the previous data, errors are replies.
import { describe, expect, it } from 'vitest';
import { SimCore, clampWindow, currentTrace, type SimulateFn } from './core';
import { replyTransferables } from './protocol';
import type { SimResult } from '../engine/types';
import type { Session } from '../model/session';
import reference from '../model/sessions/reference.json';
import { parseSession } from '../model/schema';
import { simulate } from '../engine/simulate';

function referenceSession(): Session {
  const r = parseSession(reference);
  if (!r.ok) throw new Error('reference session invalid');
  return r.session;
}

/** A synthetic engine: a sawtooth v with a peak at v_th every 10 ms, sampled every dt, over the protocol. */
const fakeSimulate: SimulateFn = (session) => {
  const dur = session.protocol[session.protocol.length - 1].until;
  const n = Math.round(dur / session.integration.dt) + 1;
  const t = new Float32Array(n);
  const v = new Float32Array(n);
  const u = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = i * session.integration.dt;
    v[i] = i % 1000 === 999 ? 30 : -65 + (i % 1000) / 50;
    u[i] = -13 + Math.sin(i / 3000);
  }
  const spikes = new Float64Array(Math.floor(n / 1000));
  for (let k = 0; k < spikes.length; k++) spikes[k] = t[k * 1000 + 999];
  return {
    status: { kind: 'ok' }, trace: { t, v, u, length: n }, spikes, segments: [], snapshots: [], steps: n - 1,
    final: { v: v[n - 1], u: u[n - 1] },
  } satisfies SimResult;
};

describe('SimCore', () => {
  it('runs and reduces v and u to at most 2 points per column, keeping the peaks', () => {
    const core = new SimCore(fakeSimulate);
    const s = referenceSession();
    const reply = core.handle({ type: 'run', id: 1, session: s, columns: 700 });
    expect(reply.type).toBe('run');
    if (reply.type !== 'run') return;
    const tr = reply.traces!;
    expect(tr.window).toEqual([0, 1500]);
    expect(tr.fullLength).toBe(150001);
    expect(tr.v.length).toBeLessThanOrEqual(2 * 700 + 2);
    expect(tr.v.x.length).toBe(tr.v.length); // exact-length arrays
    expect(tr.v.yMax).toBe(30);
    const peaks = Array.from(tr.v.y).filter((y) => y === 30).length;
    expect(peaks).toBe(150); // one peak every 10 ms, each in its own column
    expect(tr.I.length).toBe(10);
    expect(Array.from(tr.I.y)).toEqual([0, 0, 5, 5, 10, 10, 15, 15, 10, 10]);
    expect(reply.spikes.length).toBe(150);
    expect(reply.duration).toBe(1500);
    // every buffer goes into the transfer list, none twice
    const tl = replyTransferables(reply);
    expect(tl.length).toBe(7);
    expect(new Set(tl).size).toBe(7);
  });

  it('zoom re-decimates the kept full-resolution data for the window, so detail appears', () => {
    const core = new SimCore(fakeSimulate);
    core.handle({ type: 'run', id: 1, session: referenceSession(), columns: 100 });
    const z = core.handle({ type: 'zoom', id: 2, t0: 100, t1: 105, columns: 1000 });
    expect(z.type).toBe('zoom');
    if (z.type !== 'zoom') return;
    expect(z.runId).toBe(1);
    const v = z.traces!.v;
    // 501 samples inside [100, 105] at dt = 0.01 ≤ 2·1000: passed through, plus one sample beyond each edge
    expect(v.length).toBe(503);
    expect(v.x[0]).toBeCloseTo(99.99, 3);
    expect(v.x[v.length - 1]).toBeCloseTo(105.01, 3);
    expect(z.traces!.window).toEqual([100, 105]);
  });

  it('answers a zoom before any run with no traces, and keeps the previous data when a run is refused', () => {
    const core = new SimCore(fakeSimulate);
    const z = core.handle({ type: 'zoom', id: 1, t0: 0, t1: 1, columns: 10 });
    expect(z.type === 'zoom' && z.traces === null).toBe(true);
    core.handle({ type: 'run', id: 2, session: referenceSession(), columns: 100 });
    const refusing = new SimCore(fakeSimulate);
    expect(refusing.lastRunId).toBe(null);
    let refuse = false;
    const sometimesRefuses: SimulateFn = (s, o) => refuse
      ? { status: { kind: 'refused', message: 'too long' }, trace: null, spikes: new Float64Array(0), segments: [], snapshots: [], steps: 0, final: { v: NaN, u: NaN } }
      : fakeSimulate(s, o);
    const c2 = new SimCore(sometimesRefuses);
    c2.handle({ type: 'run', id: 3, session: referenceSession(), columns: 100 });
    refuse = true;
    const r = c2.handle({ type: 'run', id: 4, session: referenceSession(), columns: 100 });
    expect(r.type === 'run' && r.status.kind === 'refused' && r.traces === null).toBe(true);
    expect(c2.lastRunId).toBe(3);
    const z2 = c2.handle({ type: 'zoom', id: 5, t0: 0, t1: 10, columns: 10 });
    expect(z2.type === 'zoom' && z2.runId === 3 && z2.traces !== null).toBe(true);
  });

  it('turns an exception of the engine into an error reply', () => {
    const core = new SimCore(() => { throw new Error('boom'); });
    const r = core.handle({ type: 'run', id: 9, session: referenceSession(), columns: 10 });
    expect(r).toEqual({ type: 'error', id: 9, message: 'boom' });
  });
});

describe('helpers', () => {
  it('clampWindow keeps windows inside the run and falls back to the whole run', () => {
    expect(clampWindow(null, 100)).toEqual([0, 100]);
    expect(clampWindow([-5, 50], 100)).toEqual([0, 50]);
    expect(clampWindow([60, 500], 100)).toEqual([60, 100]);
    expect(clampWindow([70, 20], 100)).toEqual([0, 100]);
    expect(clampWindow([NaN, 20], 100)).toEqual([0, 100]);
  });

  it('currentTrace draws steps and ramps of I', () => {
    const s = referenceSession();
    s.protocol[1] = { ...s.protocol[1], slope: 0.1 };
    const I = currentTrace(s);
    expect(Array.from(I.x.subarray(2, 4))).toEqual([300, 600]);
    expect(I.y[2]).toBe(5);
    expect(I.y[3]).toBeCloseTo(35, 4);
    expect(I.yMax).toBeCloseTo(35, 4);
    expect(I.yMin).toBe(0);
  });
});

describe('SimCore resumes from the kept run', () => {
  /** Detaches the reply's transferred buffers, as postMessage does. */
  const transfer = (reply: ReturnType<SimCore['handle']>) => { structuredClone(reply, { transfer: replyTransferables(reply) }); };
  const editI = (s: Session, i: number, I: number): Session => ({
    ...s, protocol: s.protocol.map((seg, j) => (j === i ? { ...seg, assign: { ...seg.assign, I } } : seg)),
  });

  it('an edit of the last segment integrates only that segment; display data equal a fresh full run', () => {
    const core = new SimCore(simulate);
    const s = referenceSession();
    const r1 = core.handle({ type: 'run', id: 1, session: s, columns: 900 });
    expect(r1.type === 'run' && r1.timing.resumedFrom).toBe(0);
    if (r1.type !== 'run') return;
    expect(r1.timing.stepsIntegrated).toBe(r1.steps);
    transfer(r1); // the reply's spikes buffer is transferred away; the kept result must keep its own
    const s2 = editI(s, 4, 12);
    const r2 = core.handle({ type: 'run', id: 2, session: s2, columns: 900 });
    const fresh = new SimCore(simulate).handle({ type: 'run', id: 2, session: s2, columns: 900 });
    expect(r2.type).toBe('run');
    if (r2.type !== 'run' || fresh.type !== 'run') return;
    expect(r2.timing.resumedFrom).toBe(4);
    expect(r2.timing.stepsIntegrated).toBe(30000); // 300 ms at dt = 0.01 of 155,000 steps
    expect(r2.timing.columnsReused).toBeGreaterThan(500); // the first 1200 ms of 1500 in 900 columns (minus spikes' ends)
    const strip = (r: typeof r2) => ({ ...r, timing: null });
    expect(strip(r2)).toEqual(strip(fresh));
    // A change of dt cannot resume.
    transfer(r2);
    const s3 = { ...s2, integration: { ...s2.integration, dt: 0.02 } };
    const r3 = core.handle({ type: 'run', id: 3, session: s3, columns: 900 });
    expect(r3.type === 'run' && r3.timing.resumedFrom === 0 && r3.timing.stepsIntegrated === r3.steps).toBe(true);
  });

  it('a refused run keeps the previous run to resume from', () => {
    const core = new SimCore(simulate, 8 * 1024 * 1024);
    const s = referenceSession();
    core.handle({ type: 'run', id: 1, session: s, columns: 100 });
    const tooLong = { ...s, integration: { ...s.integration, dt: 0.001 } };
    const refused = core.handle({ type: 'run', id: 2, session: tooLong, columns: 100 });
    expect(refused.type === 'run' && refused.status.kind).toBe('refused');
    const r = core.handle({ type: 'run', id: 3, session: editI(s, 3, 14), columns: 100 });
    expect(r.type === 'run' && r.timing.resumedFrom).toBe(3);
    expect(core.lastRunId).toBe(3);
  });
});

describe('SimCore recycles trace buffers', () => {
  it('records a run into the buffers of the result before the kept one, never into the kept one\'s; replies unchanged', () => {
    const offered: (Float32Array | undefined)[] = [];
    const results: SimResult[] = [];
    const spy: SimulateFn = (s, o) => { offered.push(o?.buffers?.t); const r = simulate(s, o); results.push(r); return r; };
    const core = new SimCore(spy);
    const fresh = new SimCore(simulate);
    const s = referenceSession();
    for (let k = 0; k < 4; k++) {
      const sk = { ...s, protocol: s.protocol.map((seg, j) => (j === 4 ? { ...seg, assign: { ...seg.assign, I: 10 + k } } : seg)) };
      const a = core.handle({ type: 'run', id: k, session: sk, columns: 300 });
      const b = fresh.handle({ type: 'run', id: k, session: sk, columns: 300 });
      expect(a.type === 'run' && b.type === 'run').toBe(true);
      if (a.type !== 'run' || b.type !== 'run') return;
      expect({ ...a, timing: null }).toEqual({ ...b, timing: null });
      if (k > 0) expect(a.timing.columnsReused).toBeGreaterThan(0);
    }
    expect(offered[0]).toBeUndefined();
    expect(offered[1]).toBeUndefined();
    // Run 2 gets run 0's buffers (run 1's are kept for zooms and resume), and so on.
    expect(offered[2]).toBe(results[0].trace!.t);
    expect(results[2].trace!.t).toBe(results[0].trace!.t);
    expect(offered[3]).toBe(results[1].trace!.t);
    // After a zoom the memo holds the zoom's columns: the next run reduces in full, with the same output.
    core.handle({ type: 'zoom', id: 7, t0: 100, t1: 200, columns: 300 });
    const s5 = { ...s, protocol: s.protocol.map((seg, j) => (j === 4 ? { ...seg, assign: { ...seg.assign, I: 3 } } : seg)) };
    const a5 = core.handle({ type: 'run', id: 8, session: s5, columns: 300 });
    const b5 = fresh.handle({ type: 'run', id: 8, session: s5, columns: 300 });
    if (a5.type !== 'run' || b5.type !== 'run') throw new Error('run expected');
    expect(a5.timing.resumedFrom).toBe(4);
    expect(a5.timing.columnsReused).toBe(0);
    expect({ ...a5, timing: null }).toEqual({ ...b5, timing: null });
    // The kept run still zooms correctly.
    const z = core.handle({ type: 'zoom', id: 9, t0: 1200, t1: 1300, columns: 100 });
    const zf = fresh.handle({ type: 'zoom', id: 9, t0: 1200, t1: 1300, columns: 100 });
    expect(z.type === 'zoom' && zf.type === 'zoom').toBe(true);
    if (z.type !== 'zoom' || zf.type !== 'zoom') return;
    expect({ ...z, timing: null }).toEqual({ ...zf, timing: null });
  });
});
