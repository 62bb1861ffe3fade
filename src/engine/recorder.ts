// Trace recording into preallocated Float32Array buffers (t in ms, v in mV, u in mV/ms), sized from the recorded
// step count plus a margin for spike samples and grown by doubling in the rare case that spikes exceed it.
// Also the memory budget of a run: every buffer it grows (trace samples and spike times) is charged to one
// MemoryBudget, and a growth past the limit is refused, so that a cell firing at every step cannot take gigabytes.

/** Bytes per recorded sample: t, v, u as float32. */
export const BYTES_PER_SAMPLE = 12;
export const DEFAULT_MEMORY_BUDGET = 256 * 1024 * 1024;
/** Bytes per spike time (Float64Array). */
export const BYTES_PER_SPIKE = 8;
/** Spike times a run's buffer holds before it first grows. */
export const INITIAL_SPIKES = 256;

/**
 * The bytes a run may hold in its growing buffers. `request` charges a growth and refuses it (returning false and
 * setting `exceeded`) when the total would pass `limit`; the caller then stops the run (status 'refused', stoppedAt).
 */
export class MemoryBudget {
  used = 0;
  exceeded = false;
  constructor(readonly limit: number) {}
  request(bytes: number): boolean {
    if (this.used + bytes > this.limit) { this.exceeded = true; return false; }
    this.used += bytes;
    return true;
  }
}

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

  /**
   * Fresh zeroed buffers of `capacity` samples, or `reuse` (their old contents are overwritten, never read). The
   * caller has checked that they fit `budget`; they are charged to it here.
   */
  constructor(capacity: number, reuse?: TraceBuffers, readonly budget: MemoryBudget | null = null) {
    if (reuse) {
      this.t = reuse.t; this.v = reuse.v; this.u = reuse.u;
    } else {
      this.t = new Float32Array(capacity);
      this.v = new Float32Array(capacity);
      this.u = new Float32Array(capacity);
    }
    budget?.request(this.t.length * BYTES_PER_SAMPLE);
  }

  /**
   * Makes room for n more samples (doubling the buffers if needed, or growing to what the budget still allows).
   * Returns false, leaving the buffers as they are, when even that does not fit the budget.
   */
  reserve(n: number): boolean {
    const need = this.length + n;
    const have = this.t.length;
    if (need <= have) return true;
    let cap = Math.max(1, have * 2);
    while (cap < need) cap *= 2;
    if (this.budget) {
      const room = Math.floor((this.budget.limit - this.budget.used) / BYTES_PER_SAMPLE) + have;
      cap = Math.min(cap, room);
      if (cap < need || !this.budget.request((cap - have) * BYTES_PER_SAMPLE)) { this.budget.exceeded = true; return false; }
    }
    this.t = grow(this.t, cap, this.length);
    this.v = grow(this.v, cap, this.length);
    this.u = grow(this.u, cap, this.length);
    return true;
  }

  /** Appends a sample; dropped when the buffers are full and the budget refuses to grow them (budget.exceeded). */
  push(t: number, v: number, u: number): void {
    if (this.length === this.t.length && !this.reserve(1)) return;
    const k = this.length++;
    this.t[k] = t; this.v[k] = v; this.u[k] = u;
  }
}

function grow(a: Float32Array, cap: number, used: number): Float32Array {
  const b = new Float32Array(cap);
  b.set(a.subarray(0, used));
  return b;
}
