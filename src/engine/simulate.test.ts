// simulate(): 'step' mode against an independent textbook float64 RK4 written here, transient semantics, snapshots,
// segment statistics, divergence, refusal by the memory budget, cancellation and record: false.
// Reference scenario: transient 50 ms at I = 0, then I = 0/5/10/15 until 300/600/900/1200, bursting I = 10 until 1500.

import { describe, expect, it } from 'vitest';
import { simulate, countSteps } from './simulate';
import { makeSession, maxAbsDiff, referenceSession } from './testing';

/** The reference scenario in 'step' mode, the plain way: textbook RK4, threshold tested after each step. */
function independentStepMode(dt: number) {
  const f = (v: number, u: number, I: number, a: number, b: number) => [0.04 * v * v + 5 * v + 140 - u + I, a * (b * v - u)];
  const rk4 = (v: number, u: number, I: number, a: number, b: number) => {
    const [k1v, k1u] = f(v, u, I, a, b);
    const [k2v, k2u] = f(v + (dt / 2) * k1v, u + (dt / 2) * k1u, I, a, b);
    const [k3v, k3u] = f(v + (dt / 2) * k2v, u + (dt / 2) * k2u, I, a, b);
    const [k4v, k4u] = f(v + dt * k3v, u + dt * k3u, I, a, b);
    return [v + (dt / 6) * (k1v + 2 * k2v + 2 * k3v + k4v), u + (dt / 6) * (k1u + 2 * k2u + 2 * k3u + k4u)];
  };
  // [end (ms), I, c, d]; a = 0.02, b = 0.2 throughout.
  const segs = [[300, 0, -65, 8], [600, 5, -65, 8], [900, 10, -65, 8], [1200, 15, -65, 8], [1500, 10, -50, 2]];
  let v = -65, u = -13;
  for (let n = 0; n < Math.round(50 / dt); n++) {
    [v, u] = rk4(v, u, 0, 0.02, 0.2);
    if (v >= 30) { v = -65; u += 8; }
  }
  const spikes: number[][] = segs.map(() => []);
  const vAt: number[] = [v];
  let s = 0;
  for (let n = 0; n < Math.round(1500 / dt); n++) {
    while (n >= Math.round(segs[s][0] / dt)) s++;
    const [, I, c, d] = segs[s];
    [v, u] = rk4(v, u, I, 0.02, 0.2);
    if (v >= 30) { spikes[s].push((n + 1) * dt); vAt.push(30); v = c; u += d; } else vAt.push(v);
  }
  return { spikes, vAt, final: { v, u } };
}

describe("'step' mode against an independent float64 implementation", () => {
  for (const dt of [0.01, 0.05]) {
    it(`reference scenario, dt = ${dt}`, () => {
      const want = independentStepMode(dt);
      const r = simulate(referenceSession({ dt, spikes: 'step', precision: 'float64' }));
      expect(r.segments.map((s) => s.spikeCount)).toEqual(want.spikes.map((x) => x.length));
      // Spike times are grid times: identical up to the rounding of n·dt.
      expect(maxAbsDiff(r.spikes, want.spikes.flat())).toBeLessThan(1e-9);
      // The engine reassociates the RK4 arithmetic: states agree to rounding (1e-9 allows for 1e-16 growing over 150k steps).
      expect(Math.abs(r.final.v - want.final.v)).toBeLessThan(1e-9);
      expect(Math.abs(r.final.u - want.final.u)).toBeLessThan(1e-9);
      // The trace holds the same values (stored as float32: 4e-6 mV resolution near 65 mV).
      const tr = r.trace!;
      expect(tr.length).toBe(want.vAt.length);
      expect(maxAbsDiff(tr.v.subarray(0, tr.length), want.vAt)).toBeLessThan(1e-4);
      if (dt === 0.01) expect(want.spikes.map((x) => x.length)).toEqual([0, 4, 7, 10, 24]);
    });
  }
});

describe('transient', () => {
  const base = { params: { I: 0 }, integration: { dt: 0.01, precision: 'float64' as const } };

  it("runs at the first segment's parameters, unrecorded; recorded time starts at 0", () => {
    // The first segment assigns I = 10: the transient must run at I = 10 (and spike), not at params.I = 0.
    const withTr = simulate(makeSession({ ...base, transient: 50, protocol: [{ until: 100, assign: { I: 10 } }] }));
    const plain = simulate(makeSession({ ...base, protocol: [{ until: 50, assign: { I: 10 } }, { until: 150 }] }));
    const early = Array.from(plain.spikes).filter((t) => t < 50);
    expect(early.length).toBeGreaterThan(0); // spikes happened during the transient ...
    expect(withTr.spikes[0]).toBeGreaterThanOrEqual(0); // ... and are not reported
    expect(maxAbsDiff(withTr.spikes, Array.from(plain.spikes).filter((t) => t >= 50).map((t) => t - 50))).toBeLessThan(1e-9);
    expect(withTr.snapshots[1].state.v).toBeCloseTo(plain.snapshots[2].state.v, 9);
    expect(withTr.snapshots[1].state.u).toBeCloseTo(plain.snapshots[2].state.u, 9);
    expect(withTr.trace!.t[0]).toBe(0);
    expect(withTr.trace!.t[withTr.trace!.length - 1]).toBe(100);
    expect(withTr.steps).toBe(15000);
  });

  it("ignores the first segment's ramp", () => {
    const a = simulate(makeSession({ ...base, transient: 30, protocol: [{ until: 10, assign: { I: 3 }, slope: 0.5 }] }));
    const b = simulate(makeSession({ ...base, transient: 30, protocol: [{ until: 10, assign: { I: 3 } }] }));
    expect(a.snapshots[1].state).toEqual(b.snapshots[1].state);
    expect(a.final.v).not.toBe(b.final.v);
  });

  it('a transient off the grid ends with a shortened step exactly at 0', () => {
    const r = simulate(makeSession({ ...base, transient: 0.025, integration: { dt: 0.01 }, protocol: [{ until: 0.05 }] }));
    expect(r.steps).toBe(3 + 5);
    expect(Array.from(r.trace!.t.subarray(0, r.trace!.length))).toEqual([0, 0.01, 0.02, 0.03, 0.04, 0.05].map(Math.fround));
  });
});

describe('snapshots and segment results of the reference scenario', () => {
  const r = simulate(referenceSession({ spikes: 'exact', precision: 'float64' }));

  it('snapshots: initial, then one per segment with its change label, time, step, parameters and state', () => {
    expect(r.snapshots.map((s) => s.name)).toEqual(['initial', 'I=0', 'I=5', 'I=10', 'I=15', 'bursting, I=10']);
    expect(r.snapshots.map((s) => s.t)).toEqual([-50, 0, 300, 600, 900, 1200]);
    expect(r.snapshots.map((s) => s.step)).toEqual([0, 5000, 35000, 65000, 95000, 125000]);
    expect(r.snapshots[0].params.I).toBe(10); // session.params, before any assignment
    expect(r.snapshots[0].state).toEqual({ v: -65, u: -13 });
    expect(r.snapshots.map((s) => s.params.I)).toEqual([10, 0, 5, 10, 15, 10]);
    expect([r.snapshots[5].params.c, r.snapshots[5].params.d]).toEqual([-50, 2]);
    expect(r.snapshots[1].state.v).toBeCloseTo(-70, 0); // at rest after 50 ms at I = 0
    expect(r.steps).toBe(155000);
    expect(countSteps(referenceSession())).toBe(155000);
  });

  it('segment statistics agree with the spike times', () => {
    expect(r.segments.map((s) => [s.t_start, s.t_end])).toEqual([[0, 300], [300, 600], [600, 900], [900, 1200], [1200, 1500]]);
    expect(r.segments[4].preset).toBe('bursting');
    expect(r.segments[0]).toMatchObject({ spikeCount: 0, rateHz: 0, firstSpikeLatency: null, isiMean: null, isiCV: null });
    for (const seg of r.segments.slice(1)) {
      const sp = Array.from(r.spikes).filter((t) => t >= seg.t_start && t < seg.t_end);
      const isi = sp.slice(1).map((t, i) => t - sp[i]);
      const mean = isi.reduce((x, y) => x + y, 0) / isi.length;
      const sd = Math.sqrt(isi.reduce((x, y) => x + (y - mean) ** 2, 0) / isi.length);
      expect(seg.spikeCount).toBe(sp.length);
      expect(seg.rateHz).toBeCloseTo((sp.length / 300) * 1000, 9);
      expect(seg.firstSpikeLatency).toBeCloseTo(sp[0] - seg.t_start, 9);
      expect(seg.isiMean).toBeCloseTo(mean, 9);
      expect(seg.isiCV).toBeCloseTo(sd / mean, 9);
    }
  });
});

describe('status', () => {
  it('diverged: a too-large rk4 step overshoots in step mode; the message says where and suggests a smaller dt', () => {
    const s = (spikes: 'step' | 'exact') => makeSession({
      initial: { v: 25, u: -13 }, integration: { dt: 1, spikes, precision: 'float64' }, protocol: [{ until: 10, label: 'kick' }],
    });
    const r = simulate(s('step'));
    expect(r.status.kind).toBe('diverged');
    if (r.status.kind !== 'diverged') return;
    expect(r.status).toMatchObject({ t: 1, variable: 'v', segment: 0 });
    expect(r.status.message).toMatch(/v left ±1e6 at t = 1 ms in segment 1 \("kick"\)/);
    expect(r.status.message).toMatch(/smaller dt/);
    expect(r.trace!.length).toBe(1); // only the initial sample; no NaN or huge value is recorded
    // Exact mode locates the crossing inside the same step instead.
    expect(simulate(s('exact')).status.kind).toBe('ok');
  });

  it('diverged: u runs away (a < 0) and the run stops with finite results', () => {
    const r = simulate(makeSession({ params: { a: -0.2, b: 2, I: 0 }, integration: { dt: 0.1 }, protocol: [{ until: 1000 }] }));
    expect(r.status.kind).toBe('diverged');
    if (r.status.kind !== 'diverged') return;
    expect(r.status.t).toBeGreaterThan(0);
    expect(r.status.t).toBeLessThan(1000);
    const tr = r.trace!;
    for (let k = 0; k < tr.length; k++) expect(Number.isFinite(tr.v[k]) && Number.isFinite(tr.u[k])).toBe(true);
    expect(r.segments[0].t_end).toBeCloseTo(r.status.t, 9);
  });

  it('diverged under rk4 + exact at a small dt: the message blames the model and names the unstable parameter, not the step', () => {
    // The same runaway at dt = 0.01 and 0.001 (checked below) shows it is the equations' own solution.
    const s = (dt: number) => makeSession({ params: { a: -0.2, b: 2, I: 0 }, integration: { dt, precision: 'float64' }, protocol: [{ until: 1000 }] });
    const r = simulate(s(0.01));
    const fine = simulate(s(0.001));
    expect(r.status.kind).toBe('diverged');
    expect(fine.status.kind).toBe('diverged');
    if (r.status.kind !== 'diverged' || fine.status.kind !== 'diverged') return;
    expect(Math.abs(r.status.t - fine.status.t)).toBeLessThan(1);
    expect(r.status.message).toMatch(/model itself running away/);
    expect(r.status.message).toMatch(/a = -0.2 < 0/);
    expect(r.status.message).not.toMatch(/rk4 with exact spikes/);
  });

  it('refused: a recorded run over the memory budget says what to change, with the numbers', () => {
    const s = referenceSession();
    const r = simulate(s, { memoryBudgetBytes: 1024 * 1024 });
    expect(r.status.kind).toBe('refused');
    if (r.status.kind !== 'refused') return;
    expect(r.status.message).toMatch(/MiB/);
    expect(r.status.message).toMatch(/150,000 samples \(1,500 ms at dt = 0.01 ms; the 50 ms transient is not recorded\)/); // 155,000 steps, 5,000 of them in the transient
    expect(r.status.message).toMatch(/Raise dt to at least/);
    expect(r.status.message).toMatch(/without recording the trace/);
    expect(r.trace).toBeNull();
    expect(simulate(s, { memoryBudgetBytes: 1024 * 1024, record: false }).status.kind).toBe('ok');
  });

  it('refused at once with the default budget for a run of 10¹⁰ steps (nothing is allocated)', () => {
    const r = simulate(makeSession({ integration: { dt: 0.0001 }, protocol: [{ until: 1e6 }] }));
    expect(r.status.kind).toBe('refused');
  });

  it('cancelled: shouldCancel is polled every 4096 steps', () => {
    let polls = 0;
    const r = simulate(referenceSession(), { shouldCancel: () => ++polls >= 3 });
    expect(r.status.kind).toBe('cancelled');
    // Polled after each 4096 steps of a span: at 4096 in the 5000-step transient, then 4096 and 8192 into segment 1.
    expect(r.steps).toBe(5000 + 2 * 4096);
    expect(polls).toBe(3);
    // Partial results up to where it stopped: segment 1 reached 81.92 ms.
    expect(r.segments).toHaveLength(1);
    expect(r.segments[0].t_end).toBeCloseTo(81.92, 9);
  });

  it('cancelled: also polled when spikes interrupt the fast loop more often than every 4096 steps', () => {
    let polls = 0;
    const s = makeSession({ integration: { dt: 0.01 }, protocol: [{ until: 1000, preset: 'fast_spiking', assign: { I: 10 } }] });
    const r = simulate(s, { shouldCancel: () => ++polls >= 2 });
    expect(r.status.kind).toBe('cancelled');
    expect(r.steps).toBe(2 * 4096);
    expect(r.spikes.length).toBeGreaterThan(5); // a spike every ~7 ms = 700 steps
  });

  it('record: false keeps spikes, statistics and snapshots, and the same spikes', () => {
    const a = simulate(referenceSession(), { record: false });
    const b = simulate(referenceSession());
    expect(a.trace).toBeNull();
    expect(Array.from(a.spikes)).toEqual(Array.from(b.spikes));
    expect(a.segments).toEqual(b.segments);
    expect(a.snapshots).toEqual(b.snapshots);
  });

  it('throws a RangeError naming the field for a malformed session', () => {
    expect(() => simulate(makeSession({ integration: { dt: 0 } }))).toThrow(/integration\.dt/);
    expect(() => simulate(makeSession({ protocol: [{ until: 5 }, { until: 5 }] }))).toThrow(/protocol\[1\]\.until/);
  });
});
