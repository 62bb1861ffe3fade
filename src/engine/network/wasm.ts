// The paper's scheme on WebAssembly (asm/network.ts, f64x2 SIMD): loads the generated module once, gives each run a
// fresh instance whose memory holds the run's arrays (a bump arena grown once to the planned size, so the typed-array
// views stay valid), draws the synapses there (raw weights) and exposes the kernels (paper.ts calls one per step).
// Bit-identical to the plain-JS path (paper.ts, build.ts); ms, mV.

import { totalCells, type NetworkSpec } from '../../model/network';
import type { RawSynapses } from './build';
import { NETWORK_WASM_BASE64 } from './networkWasm.generated';
import type { Rng } from './prng';

export interface NetworkWasmExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  fire(n: number, v: number, u: number, c: number, d: number, fired: number): number;
  update(n: number, v: number, u: number, a: number, b: number, noise: number, syn: number): void;
  normals(st: number, out: number, scale: number, n: number): void;
  polarFactors(src: number, dst: number, n: number): void;
  setup(n: number, v: number, u: number, a: number, b: number, c: number, d: number, sigma: number, noise: number,
    syn: number, fired: number, st: number, dense: number, w: number, start: number, target: number, ne: number,
    we: number, wi: number): void;
  step(rec: number, room: number): number;
  draws(st: number, out: number, count: number): void;
  sparseDraws(st: number, n: number, k: number, perm: number, swaps: number, start: number, fill: number,
    target: number, w: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const bin = atob(NETWORK_WASM_BASE64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The compiled module, or null where WebAssembly with SIMD is not available (the plain-JS path runs then). */
export function networkWasmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = moduleBytes();
    // Small module: synchronous compilation is allowed everywhere (workers, Node, even a page's main thread).
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

const ALIGN = 16;
const align = (x: number) => Math.ceil(x / ALIGN) * ALIGN;

/** Bytes an arena needs for arrays of these lengths (Float64, or 4-byte Int32/Uint32/Float32 elements), alignment included. */
export function arenaBytes(f64Lengths: readonly number[], i32Lengths: readonly number[]): number {
  let b = 0;
  for (const l of f64Lengths) b += align(l * 8);
  for (const l of i32Lengths) b += align(l * 4);
  return b;
}

/** A generator's state block in the module's layout (prng.ts's exportState): byte offset and its two views. */
export interface RngBlock {
  st: number;
  words: Int32Array;
  spare: Float64Array;
}

/**
 * The synapses drawn by the module's kernels (draws, sparseDraws) from the generator `rng`: build.ts's buildSynapses
 * (same draws, order and layout) with the weights kept raw (RawSynapses), ten times faster (no call per draw). `rng` is
 * left where buildSynapses leaves it; a and b are two generator blocks of the arena.
 */
export function buildSynapsesWasm(spec: NetworkSpec, rng: Rng, arena: WasmArena, a: RngBlock, b: RngBlock): RawSynapses {
  const ex = arena.ex;
  const n = totalCells(spec);
  rng.exportState(a.words, a.spare);
  if (spec.connectivity.kind === 'dense') {
    const raw = arena.u32(n * n);
    ex.draws(a.st, raw.byteOffset, n * n);
    rng.importState(a.words, a.spare);
    return { kind: 'dense', n, raw };
  }
  const k = Math.min(spec.connectivity.inputs, n);
  // Pass 1 (generator a) counts each cell's outputs; pass 2 replays the same draws from a copy (b) and places them.
  rng.exportState(b.words, b.spare);
  const start = arena.i32(n + 1), perm = arena.i32(n), swaps = arena.i32(Math.max(1, k)), fill = arena.i32(n);
  ex.sparseDraws(a.st, n, k, perm.byteOffset, swaps.byteOffset, start.byteOffset, fill.byteOffset, 0, 0);
  for (let j = 0; j < n; j++) start[j + 1] += start[j];
  const nnz = start[n];
  const target = arena.i32(nnz), raw = arena.u32(nnz);
  ex.sparseDraws(b.st, n, k, perm.byteOffset, swaps.byteOffset, start.byteOffset, fill.byteOffset, target.byteOffset, raw.byteOffset);
  rng.importState(b.words, b.spare);
  return { kind: 'sparse', n, start, target, raw };
}

/** A run's arrays in a fresh instance's memory. */
export class WasmArena {
  readonly ex: NetworkWasmExports;
  private p: number;
  private readonly end: number;

  constructor(module: WebAssembly.Module, bytes: number) {
    this.ex = new WebAssembly.Instance(module, {}).exports as unknown as NetworkWasmExports;
    this.p = align(this.ex.heapBase());
    this.end = this.p + bytes;
    const have = this.ex.memory.buffer.byteLength;
    if (this.end > have) this.ex.memory.grow(Math.ceil((this.end - have) / 65536));
  }

  /** Bytes of the instance's memory. */
  get size(): number {
    return this.ex.memory.buffer.byteLength;
  }

  private take(bytes: number): number {
    const at = this.p;
    this.p += align(bytes);
    if (this.p > this.end) throw new Error(`network arena overflow (${this.p} > ${this.end} bytes)`);
    return at;
  }

  f64(length: number): Float64Array {
    return new Float64Array(this.ex.memory.buffer, this.take(length * 8), length);
  }

  i32(length: number): Int32Array {
    return new Int32Array(this.ex.memory.buffer, this.take(length * 4), length);
  }

  u32(length: number): Uint32Array {
    return new Uint32Array(this.ex.memory.buffer, this.take(length * 4), length);
  }

  f32(length: number): Float32Array {
    return new Float32Array(this.ex.memory.buffer, this.take(length * 4), length);
  }

  /** A 32-byte generator state block holding `rng`'s state. */
  rngBlock(rng: Rng): RngBlock {
    const spare = this.f64(4);
    const words = new Int32Array(spare.buffer, spare.byteOffset, 8);
    rng.exportState(words, spare);
    return { st: spare.byteOffset, words, spare };
  }
}
