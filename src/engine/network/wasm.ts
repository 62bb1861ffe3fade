// The paper's scheme on WebAssembly (asm/network.ts, f64x2 SIMD): loads the generated module once, gives each run a
// fresh instance whose memory holds the run's arrays (a bump arena grown once to the planned size, so the typed-array
// views stay valid) and drives the kernels step by step. Bit-identical to the plain-JS path (paper.ts); ms, mV.

import { NETWORK_WASM_BASE64 } from './networkWasm.generated';

export interface NetworkWasmExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  fire(n: number, v: number, u: number, c: number, d: number, fired: number): number;
  synDense(n: number, w: number, fired: number, nf: number, syn: number): void;
  synSparse(start: number, target: number, w: number, fired: number, nf: number, syn: number): void;
  update(n: number, v: number, u: number, a: number, b: number, noise: number, syn: number): void;
  normals(st: number, out: number, scale: number, n: number): void;
  polarFactors(src: number, dst: number, n: number): void;
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

/** Bytes an arena needs for arrays of these lengths (Float64 or Int32 elements), alignment included. */
export function arenaBytes(f64Lengths: readonly number[], i32Lengths: readonly number[]): number {
  let b = 0;
  for (const l of f64Lengths) b += align(l * 8);
  for (const l of i32Lengths) b += align(l * 4);
  return b;
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
}
