// Parameter sweeps through the engine: for each value of a, b, c, d or I, `simulate` runs a segment's parameters from
// a given state for a settling time then a measured window, and the spikes give the mean rate over the window, the
// first-ISI rate from the onset, every ISI and u at each spike in the window (ISI and reset-map diagrams), and the
// F–I curve with its rheobase. Same integration settings as the explorer's run (the session's stepper, dt, spike
// mode, precision), so a sweep point is exactly the explorer's run of that value. t and ISIs in ms, rates in Hz.

import { PARAM_SPECS, type Params } from '../model/params';
import { SESSION_FORMAT, SESSION_VERSION, type Integration, type ModelOptions, type Session } from '../model/session';
import { simulate } from '../engine/simulate';
import { MAX_CAPACITY, NEURON_OK, neuronSpikes, runBatch } from '../engine/batch';
import type { SimResult } from '../engine/types';
import { equilibria } from './equilibria';

export const SWEEP_PARAMS = ['I', 'a', 'b', 'c', 'd'] as const;
export type SweepParam = (typeof SWEEP_PARAMS)[number];

export function isSweepParam(k: string): k is SweepParam {
  return (SWEEP_PARAMS as readonly string[]).includes(k);
}

export interface SweepSpec {
  param: SweepParam;
  from: number;
  to: number;
  /** Number of values (from and to included). */
  steps: number;
  /** Unmeasured settling time after the onset, ms. */
  settle: number;
  /** Measured window after the settling time, ms. */
  window: number;
}

/** What every sweep point shares: the segment's parameters, the integration and the starting state. */
export interface SweepBase {
  params: Params;
  integration: Integration;
  /** The session's model options (refractory period, lower clamp of v), kept so a point is the explorer's run. */
  options?: ModelOptions;
  /** The state each run starts from (the selected segment's starting state in the explorer and the CLI). */
  initial: { v: number; u: number };
  /**
   * 'given' (default): every value starts from `initial` (a step of the parameter from the segment's start, as the
   * protocol would apply it). 'rest': from the stable equilibrium at that value when there is one (the lowest in v),
   * else from `initial`; firing then starts only where the rest state is lost.
   */
  start?: 'given' | 'rest';
}

export interface SweepPoint {
  /** Position in the sweep (0 .. steps − 1). */
  index: number;
  value: number;
  /**
   * Mean rate in the measured window, Hz: (n − 1)/(t_n − t_1) over the n ≥ 2 spikes inside it (the mean ISI's
   * inverse: not quantised to 1/window), n/window with fewer; 0 without spikes.
   */
  rate: number;
  /** 1000 / (t₂ − t₁) for the first two spikes after the onset, Hz; 0 with fewer than two. */
  firstRate: number;
  /** Every inter-spike interval inside the window, ms. */
  isis: number[];
  /** u just before the reset at each spike inside the window, mV/ms (null when the run was too long to record). */
  uAtSpike: number[] | null;
  /** Spikes in the whole run (settling time included). */
  spikes: number;
  /** Spikes inside the window. */
  windowSpikes: number;
  /** 'diverged': the run stopped early (rates from the spikes before it; the message says why). */
  status: 'ok' | 'diverged';
  message?: string;
}

export const SWEEP_DEFAULTS = { steps: 100, settle: 200, window: 800 } as const;
/** Limits of a sweep request (the CLI and the panel check them; messages name the field and the range). */
export const SWEEP_LIMITS = {
  steps: { min: 1, max: 2000 },
  settle: { min: 0, max: 1e5 },
  window: { min: 1, max: 1e5 },
} as const;
/** Runs longer than this many samples are not recorded (u at each spike is then omitted). */
export const SWEEP_RECORD_MAX_SAMPLES = 4_000_000;

/** Problems of a sweep spec as field + message (empty when valid). */
export function sweepIssues(s: Partial<SweepSpec>): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!s.param || !isSweepParam(s.param)) out.push({ path: 'param', message: `must be one of ${SWEEP_PARAMS.join(', ')}, got ${JSON.stringify(s.param)}` });
  const spec = s.param && isSweepParam(s.param) ? PARAM_SPECS[s.param] : null;
  for (const k of ['from', 'to'] as const) {
    const x = s[k];
    if (typeof x !== 'number' || !Number.isFinite(x)) out.push({ path: k, message: `must be a finite number, got ${String(x)}` });
    else if (spec && (x < spec.min || x > spec.max)) out.push({ path: k, message: `must be in [${spec.min}, ${spec.max}] ${spec.unit} (the range of ${spec.key}), got ${x}` });
  }
  const lim = (k: 'steps' | 'settle' | 'window', int: boolean) => {
    const x = s[k];
    const L = SWEEP_LIMITS[k];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < L.min || x > L.max || (int && !Number.isInteger(x))) {
      out.push({ path: k, message: `must be ${int ? 'an integer' : 'a number'} in [${L.min}, ${L.max}]${int ? '' : ' ms'}, got ${String(x)}` });
    }
  };
  lim('steps', true);
  lim('settle', false);
  lim('window', false);
  if (typeof s.from === 'number' && typeof s.to === 'number' && s.steps !== undefined && s.steps > 1 && s.from === s.to) {
    out.push({ path: 'to', message: `must differ from from (${s.from}) when steps > 1` });
  }
  return out;
}

export function sweepValue(spec: SweepSpec, i: number): number {
  return spec.steps <= 1 ? spec.from : spec.from + ((spec.to - spec.from) * i) / (spec.steps - 1);
}

/** The session of one sweep value: a settling segment then the measured window, from base.initial, no transient. */
export function sweepSession(base: SweepBase, spec: SweepSpec, value: number): Session {
  const params = { ...base.params, [spec.param]: value };
  const protocol = spec.settle > 0
    ? [{ until: spec.settle, label: 'settle' }, { until: spec.settle + spec.window, label: 'window' }]
    : [{ until: spec.window, label: 'window' }];
  const initial = { ...startState(base, params) };
  return {
    format: SESSION_FORMAT, version: SESSION_VERSION, name: `sweep ${spec.param}=${value}`,
    params, initial, integration: { ...base.integration }, transient: 0, protocol,
    ...(base.options ? { options: { ...base.options } } : {}),
  };
}

/** Reads the sweep measures from a run of sweepSession. */
export function measure(spec: SweepSpec, index: number, value: number, r: SimResult, vth: number): SweepPoint {
  const t0 = spec.settle, t1 = spec.settle + spec.window;
  const sp = r.spikes;
  const isis: number[] = [];
  const idx: number[] = [];
  for (let k = 0; k < sp.length; k++) {
    if (sp[k] >= t0 && sp[k] < t1) {
      idx.push(k);
      if (idx.length > 1) isis.push(sp[k] - sp[k - 1]);
    }
  }
  let uAt: number[] | null = null;
  const tr = r.trace;
  if (tr) {
    // Each spike's sample (t_spike, v_th, u before the reset) in the recorded trace (t is non-decreasing).
    uAt = [];
    const vthF = Math.fround(vth);
    for (const k of idx) {
      const ts = Math.fround(sp[k]);
      let lo = 0, hi = tr.length;
      while (lo < hi) { const m = (lo + hi) >>> 1; if (tr.t[m] < ts) lo = m + 1; else hi = m; }
      while (lo < tr.length && tr.t[lo] === ts && tr.v[lo] !== vthF) lo++;
      if (lo < tr.length && tr.t[lo] === ts) uAt.push(tr.u[lo]);
      else { uAt = null; break; }
    }
  }
  const diverged = r.status.kind === 'diverged';
  return {
    index, value,
    rate: idx.length >= 2
      ? (1000 * (idx.length - 1)) / (sp[idx[idx.length - 1]] - sp[idx[0]])
      : (idx.length / spec.window) * 1000,
    firstRate: sp.length >= 2 ? 1000 / (sp[1] - sp[0]) : 0,
    isis, uAtSpike: uAt, spikes: sp.length, windowSpikes: idx.length,
    status: diverged ? 'diverged' : 'ok',
    ...(diverged && 'message' in r.status ? { message: r.status.message } : {}),
  };
}

/** Runs sweep value i (buffers: recycled trace buffers of an earlier point, returned for the next). */
export function sweepPoint(base: SweepBase, spec: SweepSpec, i: number, buffers?: { t: Float32Array; v: Float32Array; u: Float32Array }): { point: SweepPoint; buffers?: { t: Float32Array; v: Float32Array; u: Float32Array } } {
  const value = sweepValue(spec, i);
  const session = sweepSession(base, spec, value);
  const samples = (spec.settle + spec.window) / base.integration.dt;
  const record = samples <= SWEEP_RECORD_MAX_SAMPLES;
  const r = simulate(session, { record, buffers });
  const point = measure(spec, i, value, r, session.params.v_th);
  return { point, buffers: r.trace ? { t: r.trace.t, v: r.trace.v, u: r.trace.u } : buffers };
}

/** The state a sweep value starts from (see SweepBase.start). */
function startState(base: SweepBase, params: Params): { v: number; u: number } {
  if (base.start === 'rest') {
    const rest = equilibria(params).equilibria.find((e) => e.stability === 'stable');
    if (rest) return { v: rest.v, u: rest.u };
  }
  return base.initial;
}

/**
 * Sweep values `indices` at once through the batch engine (engine/batch: WebAssembly SIMD when available, bit for
 * bit equal to simulate per neuron): the same points as sweepPoint except uAtSpike (null: the batch keeps spike
 * times only). A value whose run diverged, or fired more often than the batch keeps, is run by sweepPoint instead,
 * so every point is exactly simulate's.
 */
export function sweepPointsBatch(base: SweepBase, spec: SweepSpec, indices: readonly number[]): SweepPoint[] {
  if (!indices.length) return [];
  const values = indices.map((i) => sweepValue(spec, i));
  const session = sweepSession({ ...base, start: 'given' }, spec, values[0]);
  const starts = values.map((x) => startState(base, { ...base.params, [spec.param]: x }));
  // Room for every spike of a run firing at up to 1 kHz (capped at the batch's limit).
  const capacity = Math.min(MAX_CAPACITY, Math.max(64, Math.ceil(spec.settle + spec.window)));
  const out = runBatch({
    session, count: values.length, vary: [{ param: spec.param, values }], capacity,
    initial: { v: starts.map((q) => q.v), u: starts.map((q) => q.u) },
  });
  if (out.status !== 'ok') return indices.map((i) => sweepPoint(base, spec, i).point);
  const vth = session.params.v_th;
  return indices.map((idx, k) => {
    if (out.neuronStatus[k] !== NEURON_OK || out.spikeCount[k] > out.capacity) return sweepPoint(base, spec, idx).point;
    const r = { spikes: neuronSpikes(out, k), trace: null, status: { kind: 'ok' } } as unknown as SimResult;
    return measure(spec, idx, values[k], r, vth);
  });
}

/**
 * Order in which to compute the values so the whole range shows early: the ends and the middle first, then the
 * values halfway between, and so on (each value once).
 */
export function coarseToFine(steps: number): number[] {
  const out: number[] = [];
  const seen = new Uint8Array(steps);
  for (let stride = 1 << Math.max(0, Math.ceil(Math.log2(Math.max(1, steps))) - 1); stride >= 1; stride >>= 1) {
    for (let i = 0; i < steps; i += stride) if (!seen[i]) { seen[i] = 1; out.push(i); }
    // The upper end right after the first, coarsest pass.
    if (steps > 0 && !seen[steps - 1]) { seen[steps - 1] = 1; out.push(steps - 1); }
  }
  return out;
}

/** A whole sweep, synchronously (CLI, tests); points sorted by index. onPoint sees them in computing order. */
export function runSweep(base: SweepBase, spec: SweepSpec, onPoint?: (p: SweepPoint) => void): SweepPoint[] {
  const out: SweepPoint[] = new Array(spec.steps);
  let buffers: { t: Float32Array; v: Float32Array; u: Float32Array } | undefined;
  for (const i of coarseToFine(spec.steps)) {
    const r = sweepPoint(base, spec, i, buffers);
    buffers = r.buffers;
    out[i] = r.point;
    onPoint?.(r.point);
  }
  return out;
}

export interface Rheobase {
  /** Lowest value after which the cell fires in the window (midpoint of the bracket), or null. */
  value: number | null;
  /** [last silent value, first firing value] of the sweep, scanning upwards. */
  bracket: [number, number] | null;
  /** Rate at the first firing value, Hz: near zero for class 1, clearly positive (a jump) for class 2. */
  onsetRate: number | null;
}

/** The F–I curve's threshold: the first change from silence (no spike in the window) to firing, scanning upwards. */
export function rheobase(points: readonly (SweepPoint | undefined)[]): Rheobase {
  const pts = points.filter((p): p is SweepPoint => !!p && p.status === 'ok').sort((a, b) => a.value - b.value);
  for (let i = 1; i < pts.length; i++) {
    if (pts[i - 1].windowSpikes === 0 && pts[i].windowSpikes > 0) {
      return { value: (pts[i - 1].value + pts[i].value) / 2, bracket: [pts[i - 1].value, pts[i].value], onsetRate: pts[i].rate };
    }
  }
  return { value: null, bracket: null, onsetRate: null };
}

/** Narrows a rheobase bracket by bisection with the engine (`iterations` runs); returns the refined bracket. */
export function refineRheobase(base: SweepBase, spec: SweepSpec, bracket: [number, number], iterations = 10): [number, number] {
  let [lo, hi] = bracket;
  const one: SweepSpec = { ...spec, steps: 1 };
  for (let k = 0; k < iterations; k++) {
    const mid = (lo + hi) / 2;
    const r = sweepPoint(base, { ...one, from: mid, to: mid }, 0);
    if (r.point.windowSpikes > 0) hi = mid; else lo = mid;
  }
  return [lo, hi];
}

/** Rounds x outward to a multiple of q (down for the lower end, up for the upper). */
function outward(x: number, q: number, up: boolean): number {
  return (up ? Math.ceil(x / q - 1e-9) : Math.floor(x / q + 1e-9)) * q;
}

/**
 * A range for sweeping `param` that shows the interesting part: for I, from a little below the lowest local
 * bifurcation (where the rest state is lost) to well above it and above the current I (span at least 10); for the
 * others, the slider's range widened to include the current value. Rounded outward to a step of the slider's scale.
 */
export function defaultSweepRange(p: Params, param: SweepParam, bifurcationsOfI: readonly number[]): { from: number; to: number } {
  const spec = PARAM_SPECS[param];
  if (param === 'I') {
    const marks = bifurcationsOfI.filter(Number.isFinite);
    const lo = Math.min(p.I, ...marks), hi = Math.max(p.I, ...marks);
    const span = Math.max(hi - lo, 10);
    const from = Math.max(spec.min, outward(lo - 0.25 * span, 1, false));
    const to = Math.min(spec.max, outward(hi + 0.5 * span, 1, true));
    return { from, to };
  }
  const q = (spec.sliderMax - spec.sliderMin) / 20;
  const from = Math.max(spec.min, outward(Math.min(spec.sliderMin, p[param]), q, false));
  const to = Math.min(spec.max, outward(Math.max(spec.sliderMax, p[param]), q, true));
  return { from: Number(from.toPrecision(6)), to: Number(to.toPrecision(6)) };
}
