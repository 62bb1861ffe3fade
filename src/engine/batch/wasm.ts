// WebAssembly SIMD batch engine: loads the generated module (asm/batch.ts, f64x2 lanes), lays its memory out, and
// drives it block by block (64 neurons each): per block the raw coefficients of every span slot and the initial
// state go in, spikes, statistics, status and the final state come out. Same numerics as simulate(); ms, mV.

import { countSteps, extrasOf } from '../simulate';
import { coeffsOf, NO_EXTRAS, type CoeffExtras } from '../rhs';
import { resolveInitial } from '../initial';
import { planSpan, gridPosition } from '../grid';
import { sequentialRange } from '../eulerSequential';
import { segmentStart, type Session } from '../../model/session';
import type { ParamKey } from '../../model/params';
import { BATCH_WASM_BASE64 } from './batchWasm.generated';
import {
  type BatchOptions, type BatchOutput, type BatchResult, type BatchSpec, DEFAULT_CAPACITY, EffectiveParams,
  NEURON_DIVERGED, NEURON_OK, NEURON_REFUSED, checkSpec, windowOf,
} from './spec';
import { allocOutput, windowTimes } from './output';

// Layout constants of asm/batch.ts.
export const BLOCK = 64;
const RAW_FIELDS = 13;
const SPAN_FIELDS = 10;
const DERIVED_FIELDS = 22;
/** Raw coefficient fields in the module's order (k2 … I; then slope and tSeg, set per slot). */
const RAW_PARAMS: readonly ParamKey[] = ['k2', 'k1', 'k0', 'vref', 'ucoef', 'a', 'b', 'c', 'd', 'v_th', 'I'];
const R_SLOPE = 11, R_TSEG = 12;

/** Steppers the module has (the others run on the plain-JS engine until they are added: see the README). */
export const STEPPER_IDS: Partial<Record<Session['integration']['stepper'], number>> = { rk4: 0, euler: 1, euler_sequential: 2 };

/** Whether the module computes this session's kind of run: its stepper, the 2003 form, no model options (refractory, V_min). */
export function wasmSupports(session: Session): boolean {
  const x: CoeffExtras = extrasOf(session);
  const plain = (Object.keys(NO_EXTRAS) as (keyof CoeffExtras)[]).every((k) => Object.is(x[k], NO_EXTRAS[k]));
  // The module reads the 2003 form's coefficients; the 2007 form (its own keys, rules, u in pA) runs on the JS engine.
  return STEPPER_IDS[session.integration.stepper] !== undefined && plain && (session.model ?? 'izh2003') === 'izh2003';
}

interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  runBlock(
    raw: number, spans: number, nSpans: number, der: number, v: number, u: number,
    count: number, buf: number, cap: number, tail: number, tailCap: number, last: number, mean: number, m2: number, status: number, why: number,
    divT: number, fin: number, lanes: number, dt: number, stepper: number, exact: number, f32: number,
  ): number;
}

let compiled: WebAssembly.Module | null = null;
let failed = false;

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const bin = atob(BATCH_WASM_BASE64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Whether this JavaScript engine runs WebAssembly with SIMD (validates the module; compiles nothing). */
export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(moduleBytes());
  } catch {
    return false;
  }
}

/** Compiles the module asynchronously (required before use on a browser's main thread). Resolves to availability. */
export async function initBatchWasm(): Promise<boolean> {
  if (compiled) return true;
  if (failed) return false;
  try {
    const bytes = moduleBytes();
    if (!WebAssembly.validate(bytes)) { failed = true; return false; }
    compiled = await WebAssembly.compile(bytes);
  } catch {
    failed = true;
  }
  return compiled !== null;
}

/** The compiled module, compiling it synchronously when allowed (Node, workers); null when unavailable. */
function wasmModule(): WebAssembly.Module | null {
  if (compiled || failed) return compiled;
  try {
    const bytes = moduleBytes();
    if (!WebAssembly.validate(bytes)) failed = true;
    else compiled = new WebAssembly.Module(bytes);
  } catch {
    failed = true;
  }
  return compiled;
}

let instance: Exports | null = null;

/**
 * The module's one instance, made once and reused by every batch (runBatchWasm is synchronous, so batches never
 * overlap in it; each lays its buffers out afresh and runBlock resets every lane it reads): a map's many jobs then
 * neither instantiate the module nor grow a fresh memory each time.
 */
function wasmInstance(mod: WebAssembly.Module): Exports | null {
  if (instance) return instance;
  try {
    instance = new WebAssembly.Instance(mod, {}).exports as unknown as Exports;
  } catch {
    return null;
  }
  return instance;
}

/** Whether runBatchWasm can run now (the module compiled or compilable synchronously here). */
export function batchWasmReady(): boolean {
  return wasmModule() !== null;
}

interface Span { slot: number; rec: boolean; t0: number; t1: number; origin: number; first: number; last: number; head: boolean; tail: boolean; single: boolean }

/** The spans simulate() integrates (transient, then each segment), with the grid steps of each. */
export function planSpans(session: Session, window: { from: number; to: number }): { spans: Span[]; slots: number } {
  const { dt, stepper } = session.integration;
  const P = session.protocol;
  const Ttr = session.transient;
  const tr = Ttr > 0 ? 1 : 0;
  const spans: Span[] = [];
  const none = { head: false, tail: false, single: false };
  if (stepper === 'euler_sequential') {
    if (tr) spans.push({ slot: 0, rec: false, t0: -Ttr, t1: 0, origin: -Ttr, first: 0, last: Math.ceil(gridPosition(0, -Ttr, dt)), ...none });
    for (let i = 0; i < P.length; i++) {
      const { first, last } = sequentialRange(P, i, dt);
      spans.push({ slot: tr + i, rec: i >= window.from && i <= window.to, t0: segmentStart(P, i), t1: P[i].until, origin: 0, first, last, ...none });
    }
  } else {
    const add = (slot: number, rec: boolean, t0: number, t1: number, origin: number) => {
      const p = planSpan(t0, t1, origin, dt);
      spans.push({ slot, rec, t0, t1, origin, first: p.first, last: p.last, head: p.headPiece, tail: p.tailPiece, single: p.single });
    };
    if (tr) add(0, false, -Ttr, 0, -Ttr);
    for (let i = 0; i < P.length; i++) add(tr + i, i >= window.from && i <= window.to, segmentStart(P, i), P[i].until, 0);
  }
  return { spans, slots: tr + P.length };
}

/** Byte offsets of the module's working buffers. */
interface Layout {
  raw: number; spans: number; der: number; v: number; u: number; count: number; buf: number; tail: number; last: number;
  mean: number; m2: number; status: number; why: number; divT: number; fin: number; end: number;
}

function layout(base: number, slots: number, nSpans: number, cap: number, tailCap: number): Layout {
  let p = base;
  const take = (bytes: number) => { const at = p; p += Math.ceil(bytes / 16) * 16; return at; };
  const L = {
    raw: take(slots * RAW_FIELDS * BLOCK * 8), spans: take(nSpans * SPAN_FIELDS * 8), der: take(DERIVED_FIELDS * BLOCK * 8),
    v: take(BLOCK * 8), u: take(BLOCK * 8), count: take(BLOCK * 4), buf: take(BLOCK * cap * 8), tail: take(BLOCK * tailCap * 8), last: take(BLOCK * 8),
    mean: take(BLOCK * 8), m2: take(BLOCK * 8), status: take(BLOCK * 4), why: take(BLOCK * 4), divT: take(BLOCK * 8),
    fin: take(2 * BLOCK * 8), end: 0,
  };
  L.end = p;
  return L;
}

/** Runs the batch on the WebAssembly SIMD engine; null when that engine is unavailable here or lacks the session's kind of run. */
export function runBatchWasm(spec: BatchSpec, opts: BatchOptions = {}): BatchResult | null {
  checkSpec(spec);
  if (!wasmSupports(spec.session)) return null;
  const mod = wasmModule();
  if (!mod) return null;
  const ex = wasmInstance(mod);
  if (!ex) return null;
  const session = spec.session;
  const n = spec.count;
  const cap = spec.capacity ?? DEFAULT_CAPACITY;
  const tailCap = spec.tail ?? 0;
  const w = windowOf(spec);
  const { spans, slots } = planSpans(session, w);
  const L = layout(ex.heapBase(), slots, spans.length, cap, tailCap);
  const need = L.end - ex.memory.buffer.byteLength;
  if (need > 0) ex.memory.grow(Math.ceil(need / 65536));
  const buf = ex.memory.buffer;
  const f64 = new Float64Array(buf), i32 = new Int32Array(buf);

  // Span records.
  spans.forEach((s, k) => {
    f64.set([s.slot, s.rec ? 1 : 0, s.t0, s.t1, s.origin, s.first, s.last, s.head ? 1 : 0, s.tail ? 1 : 0, s.single ? 1 : 0],
      (L.spans >> 3) + k * SPAN_FIELDS);
  });

  // Per slot: the effective-parameter segment it runs, its slope and tSeg.
  const eff = new EffectiveParams(spec);
  const tr = session.transient > 0 ? 1 : 0;
  const slotSeg = (slot: number) => (slot < tr ? 0 : slot - tr);
  const slotSlope = (slot: number) => (slot < tr ? 0 : session.protocol[slot - tr].slope ?? 0);
  const slotTSeg = (slot: number) => (slot < tr ? -session.transient : segmentStart(session.protocol, slot - tr));

  const integ = session.integration;
  const stepper = STEPPER_IDS[integ.stepper] ?? 0;
  const exact = integ.spikes === 'exact' ? 1 : 0;
  const f32 = integ.precision === 'float32';
  const fr = f32 ? Math.fround : (x: number) => x;
  const out: BatchOutput = allocOutput(n, cap, tailCap, 'wasm-simd', { ...w, ...windowTimes(session, w) }, countSteps(session));
  const initV = spec.initial?.v, initU = spec.initial?.u;

  // The resting state (initial mode 'rest') and u = b·v0 ('b_v0') depend on segment 0's k2, k1, k0, I, a, b, vref and
  // ucoef only (src/analysis/rest.ts solves with c = d = 0, v_th = ∞; the module runs no special rules): neurons equal
  // in those share one solve — in a map of the (c, d) plane, all of them.
  const REST_KEYS = ['k2', 'k1', 'k0', 'I', 'a', 'b', 'vref', 'ucoef'] as const;
  const restKey = new Float64Array(REST_KEYS.length);
  let restOf: ReturnType<typeof resolveInitial> | null = null;
  const initialOf = (i: number) => {
    let same = restOf !== null;
    REST_KEYS.forEach((k, f) => { const x = eff.value(0, k, i); if (!Object.is(x, restKey[f])) { same = false; restKey[f] = x; } });
    if (!same) restOf = resolveInitial(session, coeffsOf(eff.params(0, i), 0, 0));
    return restOf!;
  };

  for (let b0 = 0; b0 < n; b0 += BLOCK) {
    if (b0 > 0 && opts.shouldCancel?.()) return { status: 'cancelled' };
    const lanes = Math.min(BLOCK, n - b0);
    const lanesRun = lanes + (lanes & 1);
    // A padding lane (odd block) repeats the block's last neuron; its results are dropped.
    const idx = (l: number) => b0 + Math.min(l, lanes - 1);
    for (let slot = 0; slot < slots; slot++) {
      const seg = slotSeg(slot);
      const rowBase = (L.raw >> 3) + slot * RAW_FIELDS * BLOCK;
      RAW_PARAMS.forEach((key, f) => {
        const row = rowBase + f * BLOCK;
        if (eff.varies(seg, key)) for (let l = 0; l < lanesRun; l++) f64[row + l] = eff.value(seg, key, idx(l));
        else f64.fill(eff.base[seg][key], row, row + lanesRun);
      });
      f64.fill(slotSlope(slot), rowBase + R_SLOPE * BLOCK, rowBase + R_SLOPE * BLOCK + lanesRun);
      f64.fill(slotTSeg(slot), rowBase + R_TSEG * BLOCK, rowBase + R_TSEG * BLOCK + lanesRun);
    }
    // Initial state per neuron: explicit values, or the session's mode resolved with the neuron's own parameters
    // (as simulate does); a neuron that simulate would refuse runs from the session's values and is marked refused.
    const refused: boolean[] = [];
    for (let l = 0; l < lanesRun; l++) {
      const i = idx(l);
      let v = initV ? initV[i] : session.initial.v, u = initU ? initU[i] : session.initial.u;
      if (!initV && !initU && session.initial.mode && session.initial.mode !== 'explicit') {
        const r = initialOf(i);
        if (r.ok) { v = r.v; u = r.u; } else refused[l] = true;
      }
      f64[(L.v >> 3) + l] = fr(v);
      f64[(L.u >> 3) + l] = fr(u);
    }
    ex.runBlock(L.raw, L.spans, spans.length, L.der, L.v, L.u, L.count, L.buf, cap, L.tail, tailCap, L.last, L.mean, L.m2, L.status,
      L.why, L.divT, L.fin, lanesRun, integ.dt, stepper, exact, f32 ? 1 : 0);
    for (let l = 0; l < lanes; l++) {
      const i = b0 + l;
      const c = i32[(L.count >> 2) + l];
      out.spikeCount[i] = c;
      const kept = Math.min(c, cap);
      out.spikes.set(f64.subarray((L.buf >> 3) + l * cap, (L.buf >> 3) + l * cap + kept), i * cap);
      // The ring's written part only (the rest of the module's memory holds earlier blocks' and batches' spikes).
      const ring = Math.min(Math.max(0, c - cap), tailCap);
      if (ring > 0) out.tail.set(f64.subarray((L.tail >> 3) + l * tailCap, (L.tail >> 3) + l * tailCap + ring), i * tailCap);
      out.lastSpike[i] = f64[(L.last >> 3) + l];
      out.isiMean[i] = f64[(L.mean >> 3) + l];
      out.isiM2[i] = f64[(L.m2 >> 3) + l];
      if (refused[l]) {
        out.spikeCount[i] = 0;
        out.lastSpike[i] = NaN; out.isiMean[i] = 0; out.isiM2[i] = 0;
        out.neuronStatus[i] = NEURON_REFUSED;
        out.finalV[i] = session.initial.v; out.finalU[i] = session.initial.u;
      } else if (i32[(L.status >> 2) + l] !== 0) {
        const why = i32[(L.why >> 2) + l];
        out.neuronStatus[i] = NEURON_DIVERGED;
        out.divT[i] = f64[(L.divT >> 3) + l];
        out.divVar[i] = why & 1;
        out.divReason[i] = (why >> 1) & 3;
        out.divSegment[i] = Math.max(0, (why >> 3) - tr);
        out.finalV[i] = f64[(L.fin >> 3) + 2 * l];
        out.finalU[i] = f64[(L.fin >> 3) + 2 * l + 1];
      } else {
        out.neuronStatus[i] = NEURON_OK;
        out.finalV[i] = f64[(L.v >> 3) + l];
        out.finalU[i] = f64[(L.u >> 3) + l];
      }
    }
  }
  return out;
}
