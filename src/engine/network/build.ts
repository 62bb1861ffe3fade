// The network's fixed part drawn from its recipe and seed: per-neuron parameters and the synapses, in the draw order
// of net.m (stream STREAM_NETWORK): r of the excitatory cells, r of the inhibitory cells, then the weights — dense:
// column by column (presynaptic j = 0 … N−1, then postsynaptic i = 0 … N−1), w = 0.5·U or −1·U by j's type, as
// S = [0.5*rand(N,Ne), -rand(N,Ni)] fills them; sparse: postsynaptic i = 0 … N−1, for each of its K inputs an index
// draw (partial Fisher–Yates: k-th pick = P[k + floor(U·(N − k))], swapped to position k, swaps undone after the row),
// then that input's weight draw. Parameters p = base + spread·r^power (integer powers by repeated multiplication).
// Stored as Float64 (weights too); sparse synapses grouped by presynaptic cell (targets ascending).

import type { NetworkSpec, ParamRecipe } from '../../model/network';
import { Rng } from './prng';

export interface Cells {
  n: number;
  /** Excitatory cells are 0 … ne − 1, inhibitory ne … n − 1. */
  ne: number;
  r: Float64Array;
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
  d: Float64Array;
  /** Standard deviation of each cell's thalamic noise, mV/ms. */
  noise: Float64Array;
}

/** Where a network's arrays are made: ordinary typed arrays, or views into a WebAssembly arena (wasm.ts). */
export interface ArrayAlloc {
  f64(length: number): Float64Array;
  i32(length: number): Int32Array;
}

export const HEAP: ArrayAlloc = { f64: (l) => new Float64Array(l), i32: (l) => new Int32Array(l) };

/** Synapses: W[j·n + i] the weight from j onto i (dense), or grouped by presynaptic cell j (sparse). mV/ms. */
export type Synapses =
  | { kind: 'dense'; n: number; w: Float64Array }
  | { kind: 'sparse'; n: number; start: Int32Array; target: Int32Array; w: Float64Array };

/**
 * The WebAssembly path's synapses (wasm.ts): the same layout with each weight kept as its raw draw r (u32), the weight
 * being scale·(r/2³²) with the presynaptic cell's scale (w_exc, or −w_inh) — the same number, half the bytes.
 */
export type RawSynapses =
  | { kind: 'dense'; n: number; raw: Uint32Array }
  | { kind: 'sparse'; n: number; start: Int32Array; target: Int32Array; raw: Uint32Array };

/** The Float64 weights of the JS paths; raw (WebAssembly) synapses are read by the module only. */
export function floatSynapses(s: Synapses | RawSynapses): Synapses {
  if ('raw' in s) throw new Error('these synapses are the WebAssembly engine\'s (raw weights)');
  return s;
}

/** r^p: repeated multiplication for a small integer power (as r.^2 in MATLAB and r**2 in Python), Math.pow otherwise. */
export function powR(r: number, p: number): number {
  if (p === 1) return r;
  if (p === 0) return 1;
  if (Number.isInteger(p) && p > 0 && p <= 10) {
    let x = r;
    for (let k = 1; k < p; k++) x *= r;
    return x;
  }
  return Math.pow(r, p);
}

function param(rec: ParamRecipe, r: number): number {
  return rec.spread === 0 ? rec.base : rec.base + rec.spread * powR(r, rec.power);
}

/** Draws r per cell (excitatory first) and computes a, b, c, d and the noise amplitude. */
export function buildCells(spec: NetworkSpec, rng: Rng, alloc: ArrayAlloc = HEAP): Cells {
  const ex = spec.populations.excitatory, inh = spec.populations.inhibitory;
  const ne = ex.count, n = ne + inh.count;
  const cells: Cells = {
    n, ne,
    r: alloc.f64(n), a: alloc.f64(n), b: alloc.f64(n),
    c: alloc.f64(n), d: alloc.f64(n), noise: alloc.f64(n),
  };
  for (let i = 0; i < n; i++) cells.r[i] = rng.uniform();
  for (let i = 0; i < n; i++) {
    const pop = i < ne ? ex : inh;
    const r = cells.r[i];
    cells.a[i] = param(pop.a, r);
    cells.b[i] = param(pop.b, r);
    cells.c[i] = param(pop.c, r);
    cells.d[i] = param(pop.d, r);
    cells.noise[i] = i < ne ? spec.noise.excitatory : spec.noise.inhibitory;
  }
  return cells;
}

/** Draws the synapses (after buildCells on the same generator). */
export function buildSynapses(spec: NetworkSpec, rng: Rng, alloc: ArrayAlloc = HEAP): Synapses {
  const ne = spec.populations.excitatory.count;
  const n = ne + spec.populations.inhibitory.count;
  const we = spec.weights.excitatory, wi = -spec.weights.inhibitory;
  if (spec.connectivity.kind === 'dense') {
    const w = alloc.f64(n * n);
    for (let j = 0; j < n; j++) {
      const scale = j < ne ? we : wi;
      const base = j * n;
      for (let i = 0; i < n; i++) w[base + i] = scale * rng.uniform();
    }
    return { kind: 'dense', n, w };
  }
  const k = Math.min(spec.connectivity.inputs, n);
  // Pass 1 counts each cell's outputs; pass 2 repeats the same draws from a copy of the generator and places them.
  const replay = rng.clone();
  const start = alloc.i32(n + 1);
  const scratch = { perm: new Int32Array(n), swaps: new Int32Array(k) };
  sparseDraws(rng, n, ne, k, we, wi, scratch, start, null, null);
  for (let j = 0; j < n; j++) start[j + 1] += start[j];
  const nnz = start[n];
  const target = alloc.i32(nnz);
  const w = alloc.f64(nnz);
  sparseDraws(replay, n, ne, k, we, wi, scratch, start, target, w);
  return { kind: 'sparse', n, start, target, w };
}

/**
 * The sparse draws, row by row. Without `target`: counts the outputs of each cell into start[j + 1]. With it: writes
 * each synapse at its presynaptic cell's next free slot (start[j] + filled so far).
 */
function sparseDraws(
  g: Rng, n: number, ne: number, k: number, we: number, wi: number, scratch: { perm: Int32Array; swaps: Int32Array },
  start: Int32Array, target: Int32Array | null, w: Float64Array | null,
): void {
  const { perm, swaps } = scratch;
  for (let i = 0; i < n; i++) perm[i] = i;
  const fill = target ? new Int32Array(n) : null;
  for (let post = 0; post < n; post++) {
    for (let q = 0; q < k; q++) {
      const pick = q + Math.floor(g.uniform() * (n - q));
      swaps[q] = pick;
      const pre = perm[pick];
      perm[pick] = perm[q];
      perm[q] = pre;
      const weight = (pre < ne ? we : wi) * g.uniform();
      if (target && w && fill) {
        const at = start[pre] + fill[pre]++;
        target[at] = post;
        w[at] = weight;
      } else {
        start[pre + 1]++;
      }
    }
    for (let q = k - 1; q >= 0; q--) {
      const pick = swaps[q];
      const x = perm[pick];
      perm[pick] = perm[q];
      perm[q] = x;
    }
  }
}
