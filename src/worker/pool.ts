// A pool of workers for batch work, sized by navigator.hardwareConcurrency: jobs queue FIFO and go to the first idle
// worker; each job belongs to a request, and `cancel(request)` drops its queued jobs and discards the replies of
// its running ones (newest request wins: a client cancels the previous request before submitting the next).
// Typed by the job and reply messages; buffers are transferred both ways. Works with fakes (WorkerLike) in tests.

/** What the pool needs of a Worker (a real one, an in-process one, or a fake in tests). */
export interface PoolWorker<C, R> {
  postMessage(message: C, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<R>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

/** Rejection reason of a job whose request was cancelled. */
export class JobCancelled extends Error {
  constructor() { super('cancelled'); this.name = 'JobCancelled'; }
}

interface Job<C, R> {
  request: number;
  command: C;
  transfer: Transferable[];
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

interface Slot<C, R> {
  worker: PoolWorker<C, R>;
  job: Job<C, R> | null;
}

export interface PoolStats {
  /** Jobs posted to workers. */
  posted: number;
  /** Queued jobs dropped by a cancel. */
  dropped: number;
  /** Replies of cancelled jobs that arrived and were discarded. */
  discarded: number;
  /** Workers replaced after an error. */
  restarts: number;
}

/** Default pool size: the machine's logical cores (navigator.hardwareConcurrency), at least 1. */
export function defaultPoolSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return Math.max(1, Math.min(16, Number.isFinite(n) && n ? n : 1));
}

export class WorkerPool<C, R> {
  private readonly slots: Slot<C, R>[] = [];
  private readonly queue: Job<C, R>[] = [];
  private readonly cancelled = new Set<number>();
  private disposed = false;
  readonly stats: PoolStats = { posted: 0, dropped: 0, discarded: 0, restarts: 0 };

  constructor(private readonly createWorker: () => PoolWorker<C, R>, readonly size = defaultPoolSize()) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Queues a job of `request`; resolves with its reply, rejects with JobCancelled if the request is cancelled first. */
  submit(request: number, command: C, transfer: Transferable[] = []): Promise<R> {
    if (this.disposed) return Promise.reject(new Error('the worker pool was disposed'));
    if (this.cancelled.has(request)) return Promise.reject(new JobCancelled());
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ request, command, transfer, resolve, reject });
      this.pump();
    });
  }

  /** Drops the request's queued jobs and discards its running jobs' replies (their promises reject with JobCancelled). */
  cancel(request: number): void {
    this.cancelled.add(request);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].request !== request) continue;
      const [job] = this.queue.splice(i, 1);
      this.stats.dropped++;
      job.reject(new JobCancelled());
    }
    for (const slot of this.slots) {
      if (slot.job && slot.job.request === request) slot.job.reject(new JobCancelled());
    }
  }

  /** Jobs queued or running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.reject(new JobCancelled());
    for (const slot of this.slots) {
      slot.job?.reject(new JobCancelled());
      slot.job = null;
      slot.worker.terminate();
    }
  }

  private spawn(): Slot<C, R> {
    const slot: Slot<C, R> = { worker: this.createWorker(), job: null };
    slot.worker.onmessage = (e) => this.finish(slot, e.data, null);
    slot.worker.onerror = (e) => {
      e.preventDefault?.();
      // A worker that failed (e.g. out of memory) is replaced; its job fails with the error.
      const failed = slot.job;
      slot.worker.terminate();
      const fresh = this.spawn();
      slot.worker = fresh.worker;
      slot.worker.onmessage = (ev) => this.finish(slot, ev.data, null);
      slot.worker.onerror = fresh.worker.onerror;
      this.stats.restarts++;
      this.finish(slot, null, new Error(`batch worker failed: ${e.message || 'unknown error'}`), failed);
    };
    return slot;
  }

  private finish(slot: Slot<C, R>, reply: R | null, error: Error | null, job = slot.job): void {
    slot.job = null;
    if (job) {
      if (this.cancelled.has(job.request)) this.stats.discarded++;
      else if (error) job.reject(error);
      else job.resolve(reply as R);
    }
    this.pump();
  }

  private pump(): void {
    if (this.disposed) return;
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      this.stats.posted++;
      slot.worker.postMessage(job.command, job.transfer);
    }
  }
}
