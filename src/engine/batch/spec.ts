// What a batch is and what it returns: N independent neurons under one session (integration, transient, protocol),
// each with its own values of chosen parameters (in chosen segments) and its own initial state; per neuron the
// spikes of a window of segments (first `capacity` times, count, last time, running interval statistics) and status.
// Neuron i of a batch is, by definition, the session `neuronSession(spec, i)`: both engines must equal simulate() on it.

import { PARAM_KEYS, type ParamKey, type Params } from '../../model/params';
import { effectiveParams, type Session } from '../../model/session';

export interface BatchVary {
  param: ParamKey;
  /** One value per neuron (at least `count`). */
  values: ArrayLike<number>;
  /** Segments (indices) in which the value holds; default every segment (and so the transient, which runs at segment 0's). */
  segments?: readonly number[];
}

export interface BatchSpec {
  session: Session;
  /** Number of neurons, ≥ 1. */
  count: number;
  /** Per-neuron parameter values; a parameter not listed keeps the session's value. */
  vary?: readonly BatchVary[];
  /** Per-neuron initial state (mV, mV/ms); default the session's. */
  initial?: { v?: ArrayLike<number>; u?: ArrayLike<number> };
  /** Segments whose spikes are recorded: [from, to] inclusive; default all. */
  window?: { from: number; to: number };
  /** Spike times kept per neuron (the first ones in the window), 1 … 4096; default 64. Counts and statistics cover all. */
  capacity?: number;
  /** Also keep the last `tail` spike times beyond the first `capacity` (a ring), 0 … 4096; default 0. */
  tail?: number;
}

export const DEFAULT_CAPACITY = 64;
export const MAX_CAPACITY = 4096;

/** Neuron status codes. */
export const NEURON_OK = 0;
export const NEURON_DIVERGED = 1;
/** Not run: its initial state could not be resolved (initial mode 'rest' without a stable equilibrium, as simulate refuses). */
export const NEURON_REFUSED = 2;
export const DIV_REASONS = ['bounds', 'non-finite', 'runaway'] as const;
export type DivReason = (typeof DIV_REASONS)[number];

export interface BatchOutput {
  status: 'ok';
  engine: 'wasm-simd' | 'js';
  count: number;
  capacity: number;
  /** Window of segments recorded and its time span (ms). */
  window: { from: number; to: number; t0: number; t1: number };
  /** Spikes recorded in the window, per neuron. */
  spikeCount: Int32Array;
  /** Neuron i's first min(spikeCount[i], capacity) spike times at [i·capacity …], ms (recorded time). */
  spikes: Float64Array;
  tailCapacity: number;
  /** Ring of neuron i's last spike times beyond the first `capacity`, at [i·tailCapacity …] (see neuronTail). */
  tail: Float64Array;
  /** Last spike time in the window (NaN without spikes), ms. */
  lastSpike: Float64Array;
  /** Running mean and sum of squared deviations of all inter-spike intervals in the window (Welford), ms, ms². */
  isiMean: Float64Array;
  isiM2: Float64Array;
  /** NEURON_OK, NEURON_DIVERGED or NEURON_REFUSED. */
  neuronStatus: Uint8Array;
  /** Where a diverged neuron stopped: time (ms), variable (0 v, 1 u), reason (index in DIV_REASONS), segment. */
  divT: Float64Array;
  divVar: Uint8Array;
  divReason: Uint8Array;
  divSegment: Int32Array;
  /** Final state (for a diverged neuron: as left by the failing step, like simulate's `final`). */
  finalV: Float64Array;
  finalU: Float64Array;
  /** Integration steps per neuron (for rates: neuron-steps = count × stepsPerNeuron). */
  stepsPerNeuron: number;
}

export type BatchResult = BatchOutput | { status: 'cancelled' };

export interface BatchOptions {
  /** Polled between blocks of neurons; true abandons the batch (no partial results are returned). */
  shouldCancel?: () => boolean;
  /** 'auto' (default): WebAssembly SIMD when available, else plain JS. */
  engine?: 'auto' | 'wasm' | 'js';
}

/** Checks a spec; throws RangeError naming the field and the allowed range. */
export function checkSpec(spec: BatchSpec): void {
  const n = spec.count;
  if (!(Number.isInteger(n) && n >= 1 && n <= 1 << 24)) throw new RangeError(`count must be an integer in 1 … ${1 << 24}, got ${n}`);
  const P = spec.session.protocol.length;
  for (const [k, vy] of (spec.vary ?? []).entries()) {
    if (!(PARAM_KEYS as readonly string[]).includes(vy.param)) {
      throw new RangeError(`vary[${k}].param must be one of ${PARAM_KEYS.join(', ')}, got ${String(vy.param)}`);
    }
    if (!(vy.values.length >= n)) throw new RangeError(`vary[${k}].values must hold at least ${n} values, got ${vy.values.length}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(vy.values[i])) throw new RangeError(`vary[${k}].values[${i}] (${vy.param}) must be finite, got ${vy.values[i]}`);
    }
    for (const s of vy.segments ?? []) {
      if (!(Number.isInteger(s) && s >= 0 && s < P)) throw new RangeError(`vary[${k}].segments must be segment indices in 0 … ${P - 1}, got ${s}`);
    }
  }
  for (const key of ['v', 'u'] as const) {
    const arr = spec.initial?.[key];
    if (!arr) continue;
    if (!(arr.length >= n)) throw new RangeError(`initial.${key} must hold at least ${n} values, got ${arr.length}`);
    for (let i = 0; i < n; i++) if (!Number.isFinite(arr[i])) throw new RangeError(`initial.${key}[${i}] must be finite, got ${arr[i]}`);
  }
  const w = spec.window;
  if (w && !(Number.isInteger(w.from) && Number.isInteger(w.to) && w.from >= 0 && w.from <= w.to && w.to < P)) {
    throw new RangeError(`window must be segment indices with 0 ≤ from ≤ to ≤ ${P - 1}, got ${w.from} … ${w.to}`);
  }
  const cap = spec.capacity ?? DEFAULT_CAPACITY;
  if (!(Number.isInteger(cap) && cap >= 1 && cap <= MAX_CAPACITY)) throw new RangeError(`capacity must be an integer in 1 … ${MAX_CAPACITY}, got ${cap}`);
  const tail = spec.tail ?? 0;
  if (!(Number.isInteger(tail) && tail >= 0 && tail <= MAX_CAPACITY)) throw new RangeError(`tail must be an integer in 0 … ${MAX_CAPACITY}, got ${tail}`);
}

export function windowOf(spec: BatchSpec): { from: number; to: number } {
  return spec.window ?? { from: 0, to: spec.session.protocol.length - 1 };
}

/**
 * Effective parameters of every segment for a neuron, written into `out[segment]` (reused objects): the session's
 * effective parameters with each varied parameter replaced, in its segments, by the neuron's value.
 */
export class EffectiveParams {
  readonly base: Params[];
  /** For each segment, the varies that apply there. */
  private readonly active: BatchVary[][];

  constructor(spec: BatchSpec) {
    // The session model's own keys (for the 2007 form C, k, vr …: the JS engine maps each neuron's session through
    // the model, the SIMD module runs the 2003 form only; see wasmSupports).
    this.base = effectiveParams(spec.session) as Params[];
    this.active = this.base.map((_, s) => (spec.vary ?? []).filter((vy) => !vy.segments || vy.segments.includes(s)));
  }

  /** Value of `key` in segment s for neuron i. */
  value(s: number, key: ParamKey, i: number): number {
    let x = this.base[s][key];
    for (const vy of this.active[s]) if (vy.param === key) x = vy.values[i];
    return x;
  }

  /** Whether parameter `key` in segment s differs between neurons. */
  varies(s: number, key: ParamKey): boolean {
    return this.active[s].some((vy) => vy.param === key);
  }

  params(s: number, i: number): Params {
    const p = { ...this.base[s] };
    for (const vy of this.active[s]) p[vy.param] = vy.values[i];
    return p;
  }
}

/** The session neuron i of the batch runs: every segment assigns its effective parameters explicitly. */
export function neuronSession(spec: BatchSpec, i: number, eff = new EffectiveParams(spec)): Session {
  const s = spec.session;
  const protocol = s.protocol.map((seg, k) => {
    const { preset: _preset, ...rest } = seg;
    return { ...rest, assign: eff.params(k, i) };
  });
  // Per-neuron initial values are explicit; otherwise the session's initial state and mode ('rest', 'b_v0' are
  // resolved per neuron, with its own parameters, as simulate does).
  const given = spec.initial?.v || spec.initial?.u;
  const v = spec.initial?.v ? spec.initial.v[i] : s.initial.v;
  const u = spec.initial?.u ? spec.initial.u[i] : s.initial.u;
  const initial = given ? { v, u } : { ...s.initial };
  return { ...s, params: eff.params(0, i), initial, protocol };
}
