// A population run advanced in chunks (the worker streams between them; the CLI and tests run it whole): the
// network built from its recipe and seed, the spike store (Float64 times in ms, Int32 cells), the recorded potentials
// (Float32, every `recordEvery` steps) and the two schemes (paper.ts: net.m's 1 ms scheme; rk4.ts: rk4 at dt with
// exact spike times). Memory is planned up front (memory.ts); a run that does not fit is refused before allocating.

import { NET_V0, stepsPerMs, totalCells, type NetworkSpec } from '../../model/network';
import { HEAP, buildCells, buildSynapses, floatSynapses, type ArrayAlloc, type Cells, type RawSynapses, type Synapses } from './build';
import { WasmArena, arenaBytes, buildSynapsesWasm, networkWasmModule, type NetworkWasmExports } from './wasm';
import { NETWORK_MEMORY_BUDGET, planMemory, type MemoryPlan } from './memory';
import { Rng, STREAM_NETWORK, STREAM_NOISE } from './prng';
import { paperSteps } from './paper';
import { rk4Steps, Rk4State } from './rk4';

export type NetStatus =
  | { kind: 'running' }
  | { kind: 'done' }
  | { kind: 'stopped' }
  | { kind: 'diverged'; message: string }
  | { kind: 'full'; message: string };

export interface NetworkOptions {
  /** Keep v of every cell (sampled to fit the budget); default true. */
  recordV?: boolean;
  memoryBudget?: number;
  /**
   * Where the paper's scheme runs: 'auto' (default) WebAssembly SIMD when available, else plain JS; 'js' or 'wasm' to
   * choose (the two give the same bits; rk4 always runs in JS).
   */
  engine?: 'auto' | 'js' | 'wasm';
}

/** The WebAssembly side of a run: the instance's exports and the byte offset of the noise generator's state. */
export interface WasmRun {
  ex: NetworkWasmExports;
  arena: WasmArena;
  /** Byte offset of the generator state block; its Int32 and Float64 views. */
  st: number;
  words: Int32Array;
  spare: Float64Array;
}

/** Spikes in time order (within one step, by cell index). */
export class SpikeStore {
  t: Float64Array;
  cell: Int32Array;
  count = 0;
  constructor(readonly max: number, initial = 4096) {
    const cap = Math.max(1, Math.min(initial, max));
    this.t = new Float64Array(cap);
    this.cell = new Int32Array(cap);
  }
  /** Adds a spike; false when the store is full (the run stops). */
  push(t: number, cell: number): boolean {
    if (this.count === this.t.length) {
      if (this.count >= this.max) return false;
      const cap = Math.min(this.max, this.t.length * 2);
      const t2 = new Float64Array(cap); t2.set(this.t); this.t = t2;
      const c2 = new Int32Array(cap); c2.set(this.cell); this.cell = c2;
    }
    this.t[this.count] = t;
    this.cell[this.count] = cell;
    this.count++;
    return true;
  }
}

export class NetworkSim {
  readonly n: number;
  readonly ne: number;
  /** Step length (ms) and steps per ms. */
  readonly h: number;
  readonly m: number;
  readonly totalSteps: number;
  readonly cells: Cells;
  /** Float64 weights (JS paths), or raw draws on the WebAssembly path (build.ts's RawSynapses). */
  readonly syn: Synapses | RawSynapses;
  readonly noiseRng: Rng;
  readonly v: Float64Array;
  readonly u: Float64Array;
  /** Synaptic input of the current step (paper) or the pulses active now (rk4), mV/ms. */
  readonly synI: Float64Array;
  /** Thalamic input of the current step / millisecond, mV/ms. */
  readonly noiseI: Float64Array;
  readonly fired: Int32Array;
  readonly spikes: SpikeStore;
  /** v of every cell at sample k (k·recordEvery steps): vRec[k·n + i]; null when not recorded. */
  readonly vRec: Float32Array | null;
  readonly recordEvery: number;
  samples = 0;
  /** Steps done. */
  step = 0;
  status: NetStatus = { kind: 'running' };
  readonly rk4: Rk4State | null;
  readonly plan: MemoryPlan;
  /** Set when the paper's scheme runs on WebAssembly (the arrays above are views into its memory). */
  readonly wasm: WasmRun | null;

  constructor(readonly spec: NetworkSpec, plan: MemoryPlan, wasmModule: WebAssembly.Module | null = null) {
    this.plan = plan;
    const n = totalCells(spec);
    this.n = n;
    this.ne = spec.populations.excitatory.count;
    this.m = stepsPerMs(spec.scheme);
    this.h = 1 / this.m;
    this.totalSteps = Math.round(spec.duration * this.m);
    let alloc: ArrayAlloc = HEAP;
    let arena: WasmArena | null = null;
    const vRecLength = plan.vRecord / 4;
    if (wasmModule) {
      // Everything the kernels touch, in one arena sized up front (growing it later would detach the views): the
      // cells' ten Float64 arrays, three generator blocks, the synapses (sparse: with the builder's scratch), fired,
      // and the recorded v (Float32).
      const k = spec.connectivity.kind === 'dense' ? 0 : Math.min(spec.connectivity.inputs, n);
      const syn32 = spec.connectivity.kind === 'dense' ? [n * n] : [n * k, n + 1, n * k, n, Math.max(1, k), n];
      arena = new WasmArena(wasmModule, arenaBytes([...new Array<number>(10).fill(n), 4, 4, 4], [n, vRecLength, ...syn32]));
      alloc = arena;
    }
    const rng = new Rng(spec.seed, STREAM_NETWORK);
    this.cells = buildCells(spec, rng, alloc);
    this.noiseRng = new Rng(spec.seed, STREAM_NOISE);
    let syn: Synapses | RawSynapses;
    let S: RawSynapses | null = null;
    if (arena) {
      syn = S = buildSynapsesWasm(spec, rng, arena, arena.rngBlock(rng), arena.rngBlock(rng));
    } else {
      syn = buildSynapses(spec, rng, alloc);
    }
    this.syn = syn;
    this.v = alloc.f64(n).fill(NET_V0);
    this.u = alloc.f64(n);
    for (let i = 0; i < n; i++) this.u[i] = this.cells.b[i] * this.v[i];
    this.synI = alloc.f64(n);
    this.noiseI = alloc.f64(n);
    this.fired = alloc.i32(n);
    if (arena && S) {
      const block = arena.rngBlock(this.noiseRng);
      this.wasm = { ex: arena.ex, arena, st: block.st, words: block.words, spare: block.spare };
      arena.ex.setup(n, this.v.byteOffset, this.u.byteOffset, this.cells.a.byteOffset, this.cells.b.byteOffset,
        this.cells.c.byteOffset, this.cells.d.byteOffset, this.cells.noise.byteOffset, this.noiseI.byteOffset,
        this.synI.byteOffset, this.fired.byteOffset, block.st, S.kind === 'dense' ? 1 : 0, S.raw.byteOffset,
        S.kind === 'sparse' ? S.start.byteOffset : 0, S.kind === 'sparse' ? S.target.byteOffset : 0,
        this.ne, spec.weights.excitatory, -spec.weights.inhibitory);
      this.vRec = vRecLength > 0 ? arena.f32(vRecLength) : null;
    } else {
      this.wasm = null;
      this.vRec = vRecLength > 0 ? new Float32Array(vRecLength) : null;
    }
    this.spikes = new SpikeStore(plan.maxSpikes);
    this.recordEvery = plan.recordEvery;
    this.rk4 = spec.scheme.method === 'rk4' ? new Rk4State(n) : null;
  }

  /** Simulated time reached, ms (the paper's scheme stamps its state after s steps as s + 1 ms; see paper.ts). */
  get time(): number {
    return this.step * this.h;
  }

  /** Time of recorded sample k, ms. */
  sampleTime(k: number): number {
    return (this.rk4 ? 0 : 1) + k * this.recordEvery * this.h;
  }

  /** Which engine runs the steps. */
  get engine(): 'wasm' | 'js' {
    return this.wasm ? 'wasm' : 'js';
  }

  get finished(): boolean {
    return this.status.kind !== 'running';
  }

  /** Records v of all cells when step s is a sampling step (called at the start of step s). */
  sample(s: number): void {
    const rec = this.vRec;
    if (!rec || s % this.recordEvery !== 0) return;
    const k = s / this.recordEvery;
    if ((k + 1) * this.n > rec.length) return;
    const base = k * this.n, v = this.v;
    for (let i = 0; i < this.n; i++) rec[base + i] = v[i];
    this.samples = k + 1;
  }

  /** v(t) of one cell as recorded: sample times (ms) and values (mV). */
  trace(cell: number): { t: Float64Array; v: Float32Array } {
    const k = this.samples;
    const t = new Float64Array(k), v = new Float32Array(k);
    const rec = this.vRec;
    if (rec && cell >= 0 && cell < this.n) {
      for (let s = 0; s < k; s++) { t[s] = this.sampleTime(s); v[s] = rec[s * this.n + cell]; }
    }
    return { t, v };
  }

  /** Advances by at most maxSteps steps; returns the steps taken. Stops at the duration, a full store or divergence. */
  advance(maxSteps: number): number {
    if (this.finished) return 0;
    const end = Math.min(this.totalSteps, this.step + Math.max(0, Math.floor(maxSteps)));
    const s0 = this.step;
    const reached = this.rk4 ? rk4Steps(this, s0, end) : paperSteps(this, s0, end);
    this.step = reached;
    if (this.status.kind === 'running' && this.step >= this.totalSteps) this.status = { kind: 'done' };
    return reached - s0;
  }

  /** Ends a run early (status 'stopped'); what was simulated stays. */
  stop(): void {
    if (!this.finished) this.status = { kind: 'stopped' };
  }

  /** Marks the run diverged at time t. */
  diverge(message: string): void {
    this.status = { kind: 'diverged', message };
  }

  /** Records a spike; on a full store stops the run and returns false. */
  spike(t: number, cell: number): boolean {
    if (this.spikes.push(t, cell)) return true;
    if (this.status.kind === 'running') {
      this.status = {
        kind: 'full',
        message: `the spike store is full at t = ${t.toFixed(1)} ms (${this.spikes.count} spikes, ${Math.round(this.spikes.max * 12 / 2 ** 20)} MiB of the memory budget): shorten the duration or use fewer cells`,
      };
    }
    return false;
  }

  /** Bytes held in typed arrays (the memory test compares this with the budget). */
  heldBytes(): number {
    if (this.wasm) {
      // The arena holds the cells, synapses (with the builder's scratch) and recorded v; spikes are ordinary arrays.
      return this.wasm.arena.size + this.spikes.t.byteLength + this.spikes.cell.byteLength;
    }
    const S = floatSynapses(this.syn);
    const arrays: ArrayBufferView[] = [
      this.cells.r, this.cells.a, this.cells.b, this.cells.c, this.cells.d, this.cells.noise,
      this.v, this.u, this.synI, this.noiseI, this.fired, this.spikes.t, this.spikes.cell,
      S.w, ...(S.kind === 'sparse' ? [S.start, S.target] : []),
      ...(this.vRec ? [this.vRec] : []), ...(this.rk4 ? this.rk4.arrays() : []),
    ];
    return arrays.reduce((s, a) => s + a.byteLength, 0);
  }
}

export type CreateResult = { ok: true; sim: NetworkSim } | { ok: false; message: string; plan: MemoryPlan };

/** Plans the memory and builds the run, or refuses it (nothing large is allocated then). */
export function createNetwork(spec: NetworkSpec, opts: NetworkOptions = {}): CreateResult {
  const steps = Math.round(spec.duration * stepsPerMs(spec.scheme));
  const plan = planMemory(spec, steps, opts.recordV ?? true, opts.memoryBudget ?? NETWORK_MEMORY_BUDGET);
  if (!plan.ok) return { ok: false, message: plan.message, plan };
  const want = opts.engine ?? 'auto';
  const module = spec.scheme.method === 'paper' && want !== 'js' ? networkWasmModule() : null;
  if (want === 'wasm' && spec.scheme.method === 'paper' && !module) {
    return { ok: false, message: 'WebAssembly with SIMD is not available here: run with the plain-JS engine', plan };
  }
  return { ok: true, sim: new NetworkSim(spec, plan, module) };
}

/** Runs a network to its end (CLI, tests). */
export function runNetwork(spec: NetworkSpec, opts: NetworkOptions = {}): CreateResult {
  const r = createNetwork(spec, opts);
  if (r.ok) r.sim.advance(Infinity);
  return r;
}
