// The sweep worker's computation, callable without a worker (tests inject the scheduler): one job at a time, newest
// wins. A job sends the rest-state branches at once, then computes points in coarse-to-fine order in slices of about
// `sliceMs`, posting each slice's points and yielding between slices so a newer command (or cancel) is seen within
// one slice; at the end the rheobase and its bisection. Points come from the batch engine (a block of values per
// slice, sized to fill it) or, when u at each spike is wanted, from simulate one value at a time (analysis/sweep.ts).

import { restBranches } from '../analysis/branches';
import { bifurcationsInI } from '../analysis/bifurcations';
import { coarseToFine, refineRheobase, rheobase, sweepPoint, sweepPointsBatch, type SweepPoint } from '../analysis/sweep';
import type { SweepCommand, SweepReply, SweepWorkerCommand } from './sweepProtocol';

export interface SweepCoreOptions {
  post: (reply: SweepReply) => void;
  /** Runs `f` soon, after pending messages have been handled (a MessageChannel in the worker). */
  schedule: (f: () => void) => void;
  now: () => number;
  /** Computing time per slice before yielding, ms (default 30). */
  sliceMs?: number;
}

export class SweepCore {
  private job: {
    cmd: SweepCommand; order: number[]; next: number; points: SweepPoint[]; t0: number;
    buffers?: { t: Float32Array; v: Float32Array; u: Float32Array };
    /** Values per batch, adapted so a slice takes about sliceMs. */
    block: number;
  } | null = null;

  /** A slice is scheduled (one chain of slices at a time). */
  private scheduled = false;

  constructor(private readonly o: SweepCoreOptions) {}

  private scheduleSlice(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.o.schedule(() => { this.scheduled = false; this.slice(); });
  }

  get busy(): boolean { return this.job !== null; }

  handle(cmd: SweepWorkerCommand): void {
    if (cmd.type === 'cancel') { if (this.job && this.job.cmd.id <= cmd.id) this.job = null; return; }
    try {
      const { base, spec } = cmd;
      const branches = restBranches(base.params, spec.param, spec.from, spec.to);
      this.o.post({ type: 'start', id: cmd.id, branches, bifurcationsOfI: bifurcationsInI(base.params).found });
    } catch (e) {
      this.o.post({ type: 'error', id: cmd.id, message: e instanceof Error ? e.message : String(e) });
      this.job = null;
      return;
    }
    this.job = { cmd, order: coarseToFine(cmd.spec.steps), next: 0, points: new Array(cmd.spec.steps), t0: this.o.now(), block: 4 };
    this.scheduleSlice();
  }

  /** One slice of the current job; schedules the next while the job lasts. */
  private slice(): void {
    const job = this.job;
    if (!job) return;
    const { cmd } = job;
    const limit = this.o.now() + (this.o.sliceMs ?? 30);
    const batch: SweepPoint[] = [];
    try {
      while (job.next < job.order.length) {
        if (cmd.needU) {
          const r = sweepPoint(cmd.base, cmd.spec, job.order[job.next], job.buffers);
          job.buffers = r.buffers;
          job.points[r.point.index] = r.point;
          batch.push(r.point);
          job.next++;
        } else {
          const t = this.o.now();
          const idx = job.order.slice(job.next, job.next + job.block);
          for (const p of sweepPointsBatch(cmd.base, cmd.spec, idx)) { job.points[p.index] = p; batch.push(p); }
          job.next += idx.length;
          // Next block sized to fill a slice (at least 4 values: the SIMD lanes).
          const took = Math.max(0.1, this.o.now() - t);
          const per = took / idx.length;
          job.block = Math.max(4, Math.min(256, Math.round((this.o.sliceMs ?? 30) / per)));
        }
        if (this.o.now() >= limit) break;
      }
    } catch (e) {
      this.o.post({ type: 'error', id: cmd.id, message: e instanceof Error ? e.message : String(e) });
      this.job = null;
      return;
    }
    const elapsed = () => this.o.now() - job.t0;
    if (batch.length) this.o.post({ type: 'points', id: cmd.id, points: batch, done: job.next, total: job.order.length, elapsedMs: elapsed() });
    if (job.next < job.order.length) { this.scheduleSlice(); return; }
    // Finished: the threshold, refined when the sweep is over I.
    const rb = rheobase(job.points);
    let refined: [number, number] | null = null;
    if (rb.bracket && cmd.spec.param === 'I' && cmd.refine > 0) refined = refineRheobase(cmd.base, cmd.spec, rb.bracket, cmd.refine);
    this.o.post({ type: 'done', id: cmd.id, elapsedMs: elapsed(), rheobase: rb, refined });
    this.job = null;
  }
}
