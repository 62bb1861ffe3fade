// Progressive computation of a firing-pattern map on the batch pool: the pixels in coarse-to-fine levels
// (analysis/firingMap.ts progressiveLevels), each level cut into jobs spread over the workers, results reported
// tile by tile with progress and an estimated time left. Starting a new map cancels the one in flight (newest wins):
// its queued jobs never run and its late results are dropped, so nothing of it reaches the new map.

import { chunk, checkMapSpec, progressiveLevels, type MapJobResult, type MapSpec } from '../analysis/firingMap';
import type { BatchCommand, BatchReply } from './batchProtocol';
import { JobCancelled } from './pool';

/** Pixels per job: ~0.5 M neuron-steps at dt 0.1 ms over 1 s, some tens of ms on one core. */
export const JOB_PIXELS = 512;

export interface MapProgress {
  /** Request id of the map this is about. */
  request: number;
  done: number;
  total: number;
  /** Finest stride complete so far (Infinity before the first level completes). */
  completeStride: number;
  elapsedMs: number;
  /** Estimated time left, ms (null until a first job has finished). */
  etaMs: number | null;
  /** Engine the workers used ('wasm-simd' or 'js'). */
  engine: MapJobResult['engine'] | null;
}

export interface MapRunCallbacks {
  /** A job's pixels, computed at a level of this stride (each pixel paints its stride × stride block until refined). */
  onTile(result: MapJobResult, stride: number, progress: MapProgress): void;
  onDone(progress: MapProgress): void;
  onError(message: string, progress: MapProgress): void;
}

/** What the runner needs of the pool. */
export interface BatchPoolLike {
  readonly size: number;
  submit(request: number, command: BatchCommand, transfer?: Transferable[]): Promise<BatchReply>;
  cancel(request: number): void;
}

const clock: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

export class MapRunner {
  private request = 0;

  constructor(private readonly pool: BatchPoolLike, private readonly now: () => number = clock) {}

  /** The request in flight (0: none started). */
  get current(): number { return this.request; }

  /** Cancels the map in flight, if any. */
  cancel(): void {
    if (this.request) this.pool.cancel(this.request);
  }

  /** Starts computing `spec` (after cancelling the previous map); returns its request id. Throws RangeError for a bad spec. */
  start(spec: MapSpec, cb: MapRunCallbacks): number {
    checkMapSpec(spec);
    this.cancel();
    const request = ++this.request;
    const levels = progressiveLevels(spec.x.n, spec.y.n);
    const total = levels.reduce((s, l) => s + l.pixels.length, 0);
    const t0 = this.now();
    const progress: MapProgress = { request, done: 0, total, completeStride: Infinity, elapsedMs: 0, etaMs: null, engine: null };
    const left = levels.map((l) => l.pixels.length);
    let failed = false;
    levels.forEach((level, k) => {
      for (const pixels of chunk(level.pixels, JOB_PIXELS, this.pool.size, k === levels.length - 1)) {
        this.pool.submit(request, { type: 'map', job: { spec, pixels } }).then((reply) => {
          if (failed || request !== this.request) return;
          if (reply.type !== 'map') {
            failed = true;
            cb.onError(reply.type === 'error' ? reply.message : 'unexpected reply', progress);
            return;
          }
          progress.done += reply.result.pixels.length;
          progress.engine = reply.result.engine;
          left[k] -= reply.result.pixels.length;
          // The finest stride whose level and all coarser ones are complete.
          let s = Infinity;
          for (let j = 0; j < levels.length && left[j] === 0; j++) s = levels[j].stride;
          progress.completeStride = s;
          progress.elapsedMs = this.now() - t0;
          progress.etaMs = (progress.elapsedMs * (total - progress.done)) / progress.done;
          cb.onTile(reply.result, level.stride, { ...progress });
          if (progress.done === total) cb.onDone({ ...progress, etaMs: 0 });
        }, (e: unknown) => {
          if (e instanceof JobCancelled || failed || request !== this.request) return;
          failed = true;
          cb.onError(e instanceof Error ? e.message : String(e), progress);
        });
      }
    });
    return request;
  }
}
