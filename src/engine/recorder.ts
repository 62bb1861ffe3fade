// Trace recording into preallocated Float32Array buffers (t in ms, v in mV, u in mV/ms), sized from the step
// count plus a margin for spike samples and grown by doubling in the rare case that spikes exceed it.
// Also the memory-budget arithmetic that decides whether a recorded run is refused.

/** Bytes per recorded sample: t, v, u as float32. */
export const BYTES_PER_SAMPLE = 12;
export const DEFAULT_MEMORY_BUDGET = 256 * 1024 * 1024;

/** Samples to preallocate for a run of `steps` steps: one per step, the initial sample, and room for spikes. */
export function initialCapacity(steps: number): number {
  return steps + 1 + Math.min(Math.ceil(steps / 16), 1 << 20) + 256;
}

export interface TraceBuffers { t: Float32Array; v: Float32Array; u: Float32Array }

/**
 * Whether recycled buffers fit a run needing `capacity` samples: each holds at least that many and not more than
 * 4× (so a long run's buffers do not pin memory for short ones), and none shares memory with `avoid` (e.g. the trace
 * a resumed run copies its prefix from).
 */
export function buffersFit(b: TraceBuffers, capacity: number, avoid: readonly ArrayBufferLike[] = []): boolean {
  const arrays = [b.t, b.v, b.u];
  if (arrays.some((a) => !(a instanceof Float32Array) || a.length < capacity || a.length > 4 * capacity + 1024)) return false;
  const bufs = arrays.map((a) => a.buffer);
  if (new Set(bufs).size !== 3) return false;
  return !bufs.some((x) => avoid.includes(x));
}

export class Recorder {
  t: Float32Array;
  v: Float32Array;
  u: Float32Array;
  length = 0;

  /** Fresh zeroed buffers of `capacity` samples, or `reuse` (their old contents are overwritten, never read). */
  constructor(capacity: number, reuse?: TraceBuffers) {
    if (reuse) {
      this.t = reuse.t; this.v = reuse.v; this.u = reuse.u;
      return;
    }
    this.t = new Float32Array(capacity);
    this.v = new Float32Array(capacity);
    this.u = new Float32Array(capacity);
  }

  /** Makes room for n more samples (doubling the buffers if needed). */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.t.length) return;
    let cap = this.t.length * 2;
    while (cap < need) cap *= 2;
    this.t = grow(this.t, cap, this.length);
    this.v = grow(this.v, cap, this.length);
    this.u = grow(this.u, cap, this.length);
  }

  push(t: number, v: number, u: number): void {
    if (this.length === this.t.length) this.reserve(1);
    const k = this.length++;
    this.t[k] = t; this.v[k] = v; this.u[k] = u;
  }
}

function grow(a: Float32Array, cap: number, used: number): Float32Array {
  const b = new Float32Array(cap);
  b.set(a.subarray(0, used));
  return b;
}
