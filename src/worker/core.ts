// The worker's computation, callable without a worker (unit tests, Node): runs the engine on a session (resuming from
// the kept run's first changed segment), keeps the latest full-resolution result, and reduces v/u to min/max per pixel
// column of the requested window for display.
// The engine function is injected so the worker passes the real `simulate` and tests may pass any function.

import type { Session } from '../model/session';
import { effectiveParams, segmentStart, sessionDuration } from '../model/session';
import type { RunOptions, SimResult } from '../engine/types';
import type { TraceBuffers } from '../engine/recorder';
import { createXYBuffer, decimateCapacity, sliceXY, type XYBuffer } from '../engine/decimate';
import { PairMemo, decimatePairMinMax } from '../engine/decimatePair';
import { TRACE_HEADER, spikesCsv, traceRange, traceRows } from '../export/csv';
import type {
  CsvCommand, CsvReply, DisplayTraces, PhaseCommand, PhaseReply, RunCommand, RunReply, WorkerCommand, WorkerReply, XYData,
  ZoomCommand, ZoomReply,
} from './protocol';
import { phaseFrame, type PhaseFrame, type PhaseRequest } from '../analysis/phaseFrame';
import type { Box } from '../analysis/phase';

export type SimulateFn = (session: Session, opts?: RunOptions) => SimResult;

/**
 * Memory the worker allows one run's buffers (trace t, v, u as float32 and spike times); a run that would not fit is
 * refused with a message, one that outgrows it (firing at almost every step) is stopped there.
 */
export const WORKER_MEMORY_BUDGET_BYTES = 128 * 1024 * 1024;
/**
 * Largest trace buffers (t, v, u together, bytes) kept for recycling once their result is replaced: the next run
 * records into them instead of allocating and zeroing fresh ones. Larger ones are released to the GC.
 */
export const MAX_SPARE_BYTES = 32 * 1024 * 1024;
/** Most pixel columns a request may ask for (keeps display traces small whatever the caller sends). */
export const MAX_COLUMNS = 8192;

const now: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

export class SimCore {
  /** The latest recorded run: kept for zooms and as the starting point of the next run (RunOptions.resume). */
  private last: { id: number; session: Session; result: SimResult; duration: number } | null = null;
  /** Trace buffers of the result before `last` (no longer referenced anywhere), for the next run to record into. */
  private spare: TraceBuffers | null = null;
  private vBuf: XYBuffer = createXYBuffer(1024);
  private uBuf: XYBuffer = createXYBuffer(1024);
  /** Column states of the last reduction into vBuf/uBuf (always of `last`): a resumed run re-reduces only its new part. */
  private readonly memo = new PairMemo();
  /** The automatic phase-plane box shown last, per segment (kept while it still fits, so the view holds still). */
  private phaseBoxes = new Map<number, Box>();
  /** I(t) of the session of the kept result. */
  private currentI: XYData = { x: new Float32Array(0), y: new Float32Array(0), length: 0, yMin: NaN, yMax: NaN };

  constructor(private readonly simulate: SimulateFn, private readonly memoryBudgetBytes = WORKER_MEMORY_BUDGET_BYTES) {}

  /** Id of the run whose full-resolution data is kept, or null. */
  get lastRunId(): number | null { return this.last ? this.last.id : null; }

  handle(cmd: WorkerCommand): WorkerReply {
    try {
      return cmd.type === 'run' ? this.run(cmd) : cmd.type === 'zoom' ? this.zoom(cmd) : cmd.type === 'phase' ? this.phase(cmd) : this.csv(cmd);
    } catch (e) {
      return { type: 'error', id: cmd.id, message: e instanceof Error ? e.message : String(e) };
    }
  }

  run(cmd: RunCommand): RunReply {
    const t0 = now();
    // Resume from the kept run: only the segments from the first changed one on are integrated. The kept result is
    // only read; it is replaced (and so released) once the new one is complete, so at most two are held.
    const prev = this.last;
    const spare = this.spare;
    this.spare = null; // handed to the engine: from now on they may belong to the new result
    const result = this.simulate(cmd.session, {
      record: true, memoryBudgetBytes: this.memoryBudgetBytes,
      resume: prev ? { session: prev.session, result: prev.result } : undefined,
      buffers: spare ?? undefined,
    });
    const t1 = now();
    const duration = sessionDuration(cmd.session);
    if (result.trace) {
      this.last = { id: cmd.id, session: cmd.session, result, duration };
      // The replaced result is referenced nowhere else (replies carry copies): its buffers become the spare.
      const old = prev?.result.trace;
      if (old && old.t.byteLength + old.v.byteLength + old.u.byteLength <= MAX_SPARE_BYTES && old.t !== result.trace.t) {
        this.spare = { t: old.t, v: old.v, u: old.u };
      }
    } else {
      this.spare = spare; // nothing was recorded (refused): the spare was not used
    }
    // Samples shared with the previous run (the one last reduced): those before the checkpoint it resumed from.
    const resumed = prev !== null && result.stepsIntegrated !== undefined && result.stepsIntegrated < result.steps;
    const shared = resumed ? result.checkpoints?.[result.resumedFrom ?? 0]?.length ?? 0 : 0;
    const traces = result.trace ? this.reduceLast(cmd.window ?? null, cmd.columns, cmd.session, shared) : null;
    const t2 = now();
    const phase = cmd.phase ? this.phaseOf(cmd.phase) : undefined;
    return {
      type: 'run',
      id: cmd.id,
      runId: cmd.id,
      status: result.status,
      traces,
      // A copy: the reply's buffers are transferred, and the kept result's spikes must survive for the next resume.
      spikes: result.spikes.slice(),
      segments: result.segments,
      snapshots: result.snapshots,
      steps: result.steps,
      final: result.final,
      duration,
      timing: {
        simulateMs: t1 - t0, decimateMs: t2 - t1,
        resumedFrom: result.resumedFrom ?? 0, stepsIntegrated: result.stepsIntegrated ?? result.steps,
        columnsReused: result.trace ? this.memo.reused : 0,
      },
      ...(phase !== undefined ? { phase } : {}),
    };
  }

  zoom(cmd: ZoomCommand): ZoomReply {
    const t0 = now();
    if (!this.last) return { type: 'zoom', id: cmd.id, runId: -1, traces: null, timing: { decimateMs: 0 } };
    const traces = this.reduceLast([cmd.t0, cmd.t1], cmd.columns, null);
    const decimateMs = now() - t0;
    const phase = cmd.phase ? this.phaseOf(cmd.phase) : undefined;
    return { type: 'zoom', id: cmd.id, runId: this.last.id, traces, timing: { decimateMs }, ...(phase !== undefined ? { phase } : {}) };
  }

  phase(cmd: PhaseCommand): PhaseReply {
    return { type: 'phase', id: cmd.id, runId: this.last ? this.last.id : -1, phase: this.phaseOf(cmd.phase) };
  }

  /** The phase-plane frame of the kept result (null without one). */
  private phaseOf(req: PhaseRequest): PhaseFrame | null {
    const last = this.last;
    if (!last) return null;
    const prev = req.box ? null : this.phaseBoxes.get(req.segment) ?? null;
    const f = phaseFrame(last.session, last.result, req, prev, this.simulate);
    if (f.plane.autoBox) this.phaseBoxes.set(f.segment, f.plane.box);
    return f;
  }

  /**
   * A chunk of CSV of the kept result: trace rows from sample `from` (at most `rows`; the header with the first
   * chunk), or all the spikes with their segment. Refused with a message when the result kept is not run `runId`.
   */
  csv(cmd: CsvCommand): CsvReply | { type: 'error'; id: number; message: string } {
    const last = this.last;
    if (!last || last.id !== cmd.runId) {
      return { type: 'error', id: cmd.id, message: 'the run changed while it was being exported (the session was edited); export again' };
    }
    const r = last.result;
    if (cmd.table === 'spikes') {
      return { type: 'csv', id: cmd.id, runId: last.id, text: spikesCsv(r.spikes, r.segments), next: 0, total: r.spikes.length, written: r.spikes.length, done: true };
    }
    const trace = r.trace!;
    const [k0, k1] = traceRange(trace, cmd.window);
    const from = cmd.from < 0 ? k0 : Math.max(k0, Math.min(k1, cmd.from));
    const to = Math.min(k1, from + Math.max(1, Math.floor(cmd.rows)));
    const text = (cmd.from < 0 ? TRACE_HEADER : '') + traceRows(trace, last.session, r.checkpoints ?? [], from, to);
    return { type: 'csv', id: cmd.id, runId: last.id, text, next: to, total: k1 - k0, written: to - k0, done: to >= k1 };
  }

  private reduceLast(window: [number, number] | null, columns: number, session: Session | null, shared = 0): DisplayTraces {
    const last = this.last!;
    const trace = last.result.trace!;
    const cols = Math.min(MAX_COLUMNS, Math.max(1, Math.floor(Number.isFinite(columns) ? columns : 1000)));
    const [w0, w1] = clampWindow(window, last.duration);
    if (this.vBuf.x.length < decimateCapacity(cols)) { this.vBuf = createXYBuffer(cols); this.uBuf = createXYBuffer(cols); }
    decimatePairMinMax(trace.t, trace.v, trace.u, trace.length, w0, w1, cols, this.vBuf, this.uBuf, this.memo, shared);
    if (session) this.currentI = currentTrace(session);
    return {
      window: [w0, w1],
      columns: cols,
      v: sliceXY(this.vBuf),
      u: sliceXY(this.uBuf),
      I: copyXY(this.currentI),
      fullLength: trace.length,
    };
  }
}

/** The window clamped to [0, duration]; the whole run when absent, inverted or degenerate. */
export function clampWindow(window: [number, number] | null, duration: number): [number, number] {
  if (!window) return [0, duration];
  let [a, b] = window;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return [0, duration];
  a = Math.max(0, a);
  b = Math.min(duration, b);
  if (!(b > a)) return [0, duration];
  return [a, b];
}

/** I(t) of the protocol: per segment its start and end values (steps show as vertical jumps; ramps as slopes). */
export function currentTrace(session: Pick<Session, 'params' | 'protocol' | 'model'>): XYData {
  const eff = effectiveParams(session);
  const n = session.protocol.length * 2;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  let yMin = Infinity;
  let yMax = -Infinity;
  session.protocol.forEach((seg, i) => {
    const s = segmentStart(session.protocol, i);
    const I0 = eff[i].I;
    const I1 = I0 + (seg.slope ?? 0) * (seg.until - s);
    x[2 * i] = s; y[2 * i] = I0;
    x[2 * i + 1] = seg.until; y[2 * i + 1] = I1;
    yMin = Math.min(yMin, I0, I1);
    yMax = Math.max(yMax, I0, I1);
  });
  return { x, y, length: n, yMin: n ? yMin : NaN, yMax: n ? yMax : NaN };
}

function copyXY(a: XYData): XYData {
  return { x: a.x.slice(), y: a.y.slice(), length: a.length, yMin: a.yMin, yMax: a.yMax };
}
