// Typed client of the simulation worker. At most one command is in flight; while the worker is busy, a newer
// command replaces the pending one (stale commands are dropped, never queued). Replies for commands that are no
// longer in flight (superseded, or from a worker that was restarted) are ignored. Runs stuck too long are abandoned.
// Export chunks (csv) are the exception: queued in order behind the latest run or zoom, answered by a promise.

import type { Session } from '../model/session';
import type { CsvCommand, CsvReply, PhaseCommand, RunCommand, SimReply, WorkerCommand, WorkerReply, ZoomCommand } from './protocol';
import type { PhaseRequest } from '../analysis/phaseFrame';

/** What the client needs of a Worker (a real one, or a fake in tests). */
export interface WorkerLike {
  postMessage(message: WorkerCommand): void;
  onmessage: ((e: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface ReplyInfo {
  /** A newer command is waiting: this reply is already out of date (it is still newer than what is shown). */
  newerPending: boolean;
}

export interface SimClientOptions {
  createWorker: () => WorkerLike;
  onReply: (reply: SimReply, info: ReplyInfo) => void;
  /**
   * A run in flight for longer than this while a newer run waits is abandoned: the worker is terminated and
   * a fresh one takes the newer run (a synchronous integration cannot be interrupted otherwise). Default 1000 ms.
   */
  restartAfterMs?: number;
}

export interface SimClientStats {
  sent: number;
  /** Commands replaced while pending, never sent. */
  dropped: number;
  /** Replies ignored because their command was no longer in flight. */
  ignored: number;
  restarts: number;
}

const now: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

export class SimClient {
  private worker: WorkerLike;
  private inFlight: WorkerCommand | null = null;
  private inFlightSince = 0;
  private pending: RunCommand | ZoomCommand | PhaseCommand | null = null;
  /** Export chunks waiting, in order, and the promise of each (and of the one in flight). */
  private exports: CsvCommand[] = [];
  private readonly waiting = new Map<number, { resolve: (r: CsvReply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  readonly stats: SimClientStats = { sent: 0, dropped: 0, ignored: 0, restarts: 0 };

  constructor(private readonly opts: SimClientOptions) {
    this.worker = this.spawn();
  }

  /** Requests a simulation (and the phase-plane frame, when `phase` is given); returns the command id. */
  run(session: Session, columns: number, window: [number, number] | null = null, phase: PhaseRequest | null = null): number {
    const cmd: RunCommand = { type: 'run', id: this.nextId++, session, columns, window, ...(phase ? { phase } : {}) };
    this.submit(cmd);
    return cmd.id;
  }

  /** Requests the latest result re-decimated for a time window; returns the command id. */
  zoom(t0: number, t1: number, columns: number, phase: PhaseRequest | null = null): number {
    const cmd: ZoomCommand = { type: 'zoom', id: this.nextId++, t0, t1, columns, ...(phase ? { phase } : {}) };
    this.submit(cmd);
    return cmd.id;
  }

  /** Requests the phase-plane frame of the latest result; returns the command id (a waiting run or zoom absorbs it). */
  phase(phase: PhaseRequest): number {
    const cmd: PhaseCommand = { type: 'phase', id: this.nextId++, phase };
    this.submit(cmd);
    return cmd.id;
  }

  /**
   * Requests a chunk of CSV of run `runId` (which the worker must still keep). Chunks are never dropped: they wait
   * behind the latest run or zoom. Rejected with the worker's message (e.g. the run changed) or when it restarts.
   */
  csv(fields: Omit<CsvCommand, 'type' | 'id'>): Promise<CsvReply> {
    const cmd: CsvCommand = { type: 'csv', id: this.nextId++, ...fields };
    return new Promise<CsvReply>((resolve, reject) => {
      if (this.disposed) { reject(new Error('the simulation worker was stopped')); return; }
      this.waiting.set(cmd.id, { resolve, reject });
      if (!this.inFlight) this.send(cmd); else this.exports.push(cmd);
    });
  }

  /** Whether a command is in flight or waiting. */
  get busy(): boolean { return this.inFlight !== null || this.pending !== null; }

  dispose(): void {
    this.disposed = true;
    this.clearRestartTimer();
    this.worker.terminate();
    this.inFlight = null;
    this.pending = null;
    this.failExports('the simulation worker was stopped');
  }

  /** Rejects every export chunk waiting or in flight. */
  private failExports(message: string): void {
    this.exports = [];
    for (const w of this.waiting.values()) w.reject(new Error(message));
    this.waiting.clear();
  }

  private spawn(): WorkerLike {
    const w = this.opts.createWorker();
    w.onmessage = (e) => this.receive(w, e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      this.crashed(w, e.message || 'the simulation worker stopped unexpectedly');
    };
    return w;
  }

  private submit(cmd: RunCommand | ZoomCommand | PhaseCommand): void {
    if (this.disposed) return;
    if (!this.inFlight) { this.send(cmd); return; }
    const prev = this.pending;
    if (prev) this.stats.dropped++;
    if (cmd.type === 'zoom' && prev && prev.type === 'run') {
      // A newer window for a run that has not started: the run takes the window and keeps its id (the zoom
      // command is absorbed; its reply is the run's reply).
      this.pending = { ...prev, window: [cmd.t0, cmd.t1], columns: cmd.columns, phase: cmd.phase ?? prev.phase };
    } else if (cmd.type === 'phase' && prev && prev.type !== 'phase') {
      // A newer phase-plane request for a waiting run or zoom: it computes that frame (one reply for both).
      this.pending = { ...prev, phase: cmd.phase };
    } else if (cmd.type === 'zoom' && prev && prev.type === 'phase' && !cmd.phase) {
      this.pending = { ...cmd, phase: prev.phase };
    } else {
      this.pending = cmd;
    }
    this.scheduleRestartCheck();
  }

  private send(cmd: WorkerCommand): void {
    this.inFlight = cmd;
    this.inFlightSince = now();
    this.stats.sent++;
    this.worker.postMessage(cmd);
  }

  private receive(from: WorkerLike, reply: WorkerReply): void {
    if (from !== this.worker || !this.inFlight || reply.id !== this.inFlight.id) {
      this.stats.ignored++;
      return;
    }
    this.inFlight = null;
    this.clearRestartTimer();
    const next = this.pending;
    this.pending = null;
    // Start the newest command before handing the reply over, so the worker computes while the UI paints; export
    // chunks go when no run or zoom waits.
    if (next) this.send(next);
    else if (this.exports.length) this.send(this.exports.shift()!);
    const w = this.waiting.get(reply.id);
    if (w) {
      this.waiting.delete(reply.id);
      if (reply.type === 'csv') w.resolve(reply);
      else w.reject(new Error(reply.type === 'error' ? reply.message : 'unexpected reply'));
      return;
    }
    if (reply.type === 'csv') return;
    this.opts.onReply(reply, { newerPending: next !== null });
  }

  private crashed(w: WorkerLike, message: string): void {
    if (w !== this.worker) return;
    const lost = this.inFlight;
    this.restart();
    if (lost && lost.type !== 'csv') this.opts.onReply({ type: 'error', id: lost.id, message }, { newerPending: this.inFlight !== null });
  }

  /** Terminates the worker (its in-flight command is abandoned) and sends the pending command to a fresh one. */
  private restart(): void {
    this.clearRestartTimer();
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.stats.restarts++;
    this.inFlight = null;
    // The new worker keeps no result: exports of the old one cannot go on.
    this.failExports('the simulation worker was restarted; export again');
    this.worker = this.spawn();
    const next = this.pending;
    this.pending = null;
    if (next) this.send(next);
  }

  private scheduleRestartCheck(): void {
    if (this.restartTimer !== null) return;
    if (this.inFlight?.type !== 'run' || this.pending?.type !== 'run') return;
    const limit = this.opts.restartAfterMs ?? 1000;
    const wait = Math.max(0, this.inFlightSince + limit - now());
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.inFlight?.type === 'run' && this.pending?.type === 'run' && now() - this.inFlightSince >= limit) this.restart();
      else this.scheduleRestartCheck();
    }, wait);
  }

  private clearRestartTimer(): void {
    if (this.restartTimer !== null) { clearTimeout(this.restartTimer); this.restartTimer = null; }
  }
}

/** The real module worker. */
export function createSimWorker(): WorkerLike {
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'izhikevich-sim' }) as unknown as WorkerLike;
}
