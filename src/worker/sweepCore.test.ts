// The sweep worker's job handling without a worker (the scheduler is a queue run by the test): the branches come at
// once, the points stream in coarse-to-fine batches equal to the library's sweep, a newer command replaces the job
// between slices (no reply of the old one after the new start), cancel stops it, the end carries the rheobase.

import { describe, expect, it } from 'vitest';
import { SweepCore } from './sweepCore';
import type { SweepReply } from './sweepProtocol';
import { DEFAULT_PARAMS } from '../model/params';
import { DEFAULT_INTEGRATION } from '../model/session';
import { runSweep, type SweepBase, type SweepSpec } from '../analysis/sweep';

const base: SweepBase = { params: { ...DEFAULT_PARAMS }, integration: { ...DEFAULT_INTEGRATION, dt: 0.05 }, initial: { v: -70, u: -14 } };
const spec: SweepSpec = { param: 'I', from: 0, to: 12, steps: 13, settle: 50, window: 200 };

function harness(sliceMs = 0) {
  const replies: SweepReply[] = [];
  const queue: (() => void)[] = [];
  let t = 0;
  const core = new SweepCore({ post: (r) => replies.push(r), schedule: (f) => queue.push(f), now: () => (t += 1), sliceMs });
  const drain = (max = 1000) => { for (let i = 0; i < max && queue.length; i++) queue.shift()!(); };
  const step = () => queue.shift()?.();
  return { core, replies, drain, step, queue };
}

describe('SweepCore', () => {
  it('sends the branches first, then every point once (equal to runSweep), then done with the rheobase', () => {
    const h = harness(3);
    h.core.handle({ type: 'sweep', id: 1, base, spec, refine: 4, needU: false });
    expect(h.replies[0].type).toBe('start');
    h.drain();
    const points = h.replies.flatMap((r) => (r.type === 'points' ? r.points : []));
    expect(points.map((p) => p.index).sort((a, b) => a - b)).toEqual([...Array(13).keys()]);
    const lib = runSweep(base, spec);
    for (const p of points) expect(p.rate).toBe(lib[p.index].rate);
    // Batch points carry no u at the spikes; with needU they do (below).
    expect(points.every((p) => p.uAtSpike === null)).toBe(true);
    expect(h.replies.filter((r) => r.type === 'points').length).toBeGreaterThan(1);
    const done = h.replies[h.replies.length - 1];
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(done.rheobase.bracket).toEqual([3, 4]);
    expect(done.refined![1] - done.refined![0]).toBeCloseTo(1 / 16, 12);
    expect(h.core.busy).toBe(false);
  });

  it('a newer command replaces the running job between slices', () => {
    const h = harness(0);
    h.core.handle({ type: 'sweep', id: 1, base, spec, refine: 0, needU: false });
    h.step(); // one slice of job 1
    h.core.handle({ type: 'sweep', id: 2, base, spec: { ...spec, param: 'd', from: 2, to: 8, steps: 4 }, refine: 0, needU: true });
    const cut = h.replies.length;
    h.drain();
    const after = h.replies.slice(cut);
    expect(after.every((r) => r.id === 2)).toBe(true);
    expect(after[after.length - 1].type).toBe('done');
    expect(h.replies.some((r) => r.id === 1 && r.type === 'done')).toBe(false);
    const uPoints = after.flatMap((r) => (r.type === 'points' ? r.points : []));
    expect(uPoints.every((p) => Array.isArray(p.uAtSpike) && p.uAtSpike.length === p.windowSpikes)).toBe(true);
    // Only one chain of slices at a time.
    expect(h.queue.length).toBe(0);
  });

  it('cancel stops the job', () => {
    const h = harness(0);
    h.core.handle({ type: 'sweep', id: 5, base, spec, refine: 0, needU: false });
    h.step();
    h.core.handle({ type: 'cancel', id: 5 });
    const n = h.replies.length;
    h.drain();
    expect(h.replies.length).toBe(n);
    expect(h.core.busy).toBe(false);
  });
});
