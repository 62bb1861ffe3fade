// The phase-plane frame through the simulation worker's core and client: a run with a phase request answers with the
// frame of the selected segment (its equilibria, its trajectory as the trace's piece, launched runs), a phase command
// recomputes it for the kept result, the automatic box holds still across runs, buffers are transferred, and the
// client folds a phase request into a waiting run or zoom instead of queueing it.

import { describe, expect, it } from 'vitest';
import { SimCore } from './core';
import { SimClient, type WorkerLike } from './client';
import { replyTransferables, type RunReply, type WorkerCommand, type WorkerReply } from './protocol';
import { simulate } from '../engine/simulate';
import { makeSession } from '../engine/testing';
import type { PhaseRequest } from '../analysis/phaseFrame';

const session = makeSession({ params: { I: 0 }, protocol: [{ until: 100 }, { until: 300, assign: { I: 10 } }] });
const req = (segment: number, extra: Partial<PhaseRequest> = {}): PhaseRequest => ({
  segment, px: { w: 500, h: 360 }, box: null, launches: [], launchMs: 100, ...extra,
});

describe('phase frames in SimCore', () => {
  it('a run with a phase request answers with the frame of that segment', () => {
    const core = new SimCore(simulate);
    const r = core.handle({ type: 'run', id: 1, session, columns: 500, phase: req(0) }) as RunReply;
    expect(r.type).toBe('run');
    const f = r.phase!;
    expect(f.segment).toBe(0);
    expect(f.plane.equilibria.equilibria.map((e) => e.type)).toEqual(['stable-node', 'saddle']);
    // Segment 2 (I = 10): no equilibria, the trajectory fires (one jump per spike of the segment).
    const r2 = core.handle({ type: 'phase', id: 2, phase: req(1) });
    expect(r2.type).toBe('phase');
    if (r2.type !== 'phase') return;
    const f2 = r2.phase!;
    expect(f2.plane.equilibria.equilibria).toEqual([]);
    const spikesIn2 = Array.from(simulate(session).spikes).filter((t) => t >= 100).length;
    expect(spikesIn2).toBeGreaterThan(3);
    expect(f2.run!.jumps.length).toBe(3 * spikesIn2);
    expect(f2.run!.flow.t[0]).toBeCloseTo(100, 3);
    expect(r2.runId).toBe(1);
  });

  it('launched trajectories are engine runs from the clicked points, at the segment\'s parameters', () => {
    const core = new SimCore(simulate);
    core.handle({ type: 'run', id: 1, session, columns: 500 });
    const from = [{ v: -55, u: -12 }, { v: -45, u: -9.5 }];
    const r = core.handle({ type: 'phase', id: 2, phase: req(0, { launches: from, launchMs: 150 }) });
    if (r.type !== 'phase') throw new Error(r.type);
    expect(r.phase!.launched.map((l) => l.from)).toEqual(from);
    const direct = from.map((p) => simulate(makeSession({ params: { I: 0 }, initial: p, protocol: [{ until: 150 }] }), { record: false }).spikes.length);
    expect(r.phase!.launched.map((l) => l.spikes)).toEqual(direct);
    // One point below the threshold returns to rest, the other fires.
    expect(direct.sort()).toEqual([0, 1]);
  });

  it('keeps the automatic box while it still fits; uses a box fixed by the user as given', () => {
    const core = new SimCore(simulate);
    const a = (core.handle({ type: 'run', id: 1, session, columns: 500, phase: req(0) }) as RunReply).phase!.plane.box;
    const s2 = { ...session, params: { ...session.params, I: 0.3 } };
    const b = (core.handle({ type: 'run', id: 2, session: s2, columns: 500, phase: req(0) }) as RunReply).phase!.plane.box;
    expect(b).toEqual(a);
    const fixed = { vMin: -70, vMax: -40, uMin: -16, uMax: -8 };
    const c = core.handle({ type: 'phase', id: 3, phase: req(0, { box: fixed }) });
    if (c.type !== 'phase') throw new Error(c.type);
    expect(c.phase!.plane.box).toEqual(fixed);
    expect(c.phase!.plane.autoBox).toBe(false);
  });

  it('transfers the frame\'s buffers with the reply', () => {
    const core = new SimCore(simulate);
    const r = core.handle({ type: 'run', id: 1, session, columns: 500, phase: req(1) }) as RunReply;
    const bufs = replyTransferables(r);
    expect(bufs).toContain(r.phase!.plane.nullclines.v.v.buffer);
    expect(bufs).toContain(r.phase!.run!.flow.t.buffer);
    expect(new Set(bufs).size).toBe(bufs.length);
  });

  it('a phase command before any run answers with no frame', () => {
    const core = new SimCore(simulate);
    expect(core.handle({ type: 'phase', id: 1, phase: req(0) })).toMatchObject({ type: 'phase', runId: -1, phase: null });
  });
});

class FakeWorker implements WorkerLike {
  posted: WorkerCommand[] = [];
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  postMessage(m: WorkerCommand) { this.posted.push(m); }
  terminate() {}
  answer(id: number) { this.onmessage?.({ data: { type: 'error', id, message: '' } as WorkerReply } as MessageEvent<WorkerReply>); }
}

describe('SimClient with phase requests', () => {
  it('folds a phase request into the waiting run or zoom, and a waiting phase request into a newer zoom', () => {
    const workers: FakeWorker[] = [];
    const client = new SimClient({ createWorker: () => { const w = new FakeWorker(); workers.push(w); return w; }, onReply: () => {} });
    const w = () => workers[0];
    const id1 = client.run(session, 500);
    const id2 = client.run(session, 500);
    client.phase(req(1));
    w().answer(id1);
    const sent = w().posted[1];
    expect(sent).toMatchObject({ type: 'run', id: id2, phase: { segment: 1 } });
    const id3 = client.zoom(0, 50, 500);
    client.phase(req(0));
    w().answer(id2);
    expect(w().posted[2]).toMatchObject({ type: 'zoom', id: id3, phase: { segment: 0 } });
    client.phase(req(1, { launches: [{ v: -60, u: -12 }] }));
    client.zoom(0, 80, 500);
    w().answer(id3);
    expect(w().posted[3]).toMatchObject({ type: 'zoom', t1: 80, phase: { segment: 1, launches: [{ v: -60, u: -12 }] } });
  });
});
