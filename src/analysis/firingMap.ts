// Parameter-space maps of firing patterns: a grid over two parameters (x, y), every pixel a neuron run on the batch
// engine under one protocol (a step of I from rest, or a session's own protocol) and classified (classify.ts).
// Pure functions shared by the worker, the CLI and the tests; progressive order of the pixels (coarse to fine).
// Parameter values in their units (params.ts), times ms, rates Hz.

import { PARAM_SPECS, type ParamKey } from '../model/params';
import { SESSION_FORMAT, SESSION_VERSION, effectiveParams, type Integration, type Session } from '../model/session';
import {
  NEURON_DIVERGED, NEURON_REFUSED, neuronSession, neuronSpikes, neuronTail, runBatch, type BatchOptions, type BatchOutput,
  type BatchSpec,
} from '../engine/batch';
import { FIRING_CLASSES, classifyTrain, type Classification } from './classify';

export interface MapAxis {
  param: ParamKey;
  min: number;
  max: number;
  /** Number of samples, 1 … MAX_RESOLUTION. */
  n: number;
}

export type MapProtocol =
  /**
   * From the resting state at I = 0 (a `delay` ms baseline at I = 0, default 10), a step of I (mV/ms) lasting
   * `duration` ms; classified over the step.
   */
  | { kind: 'step'; I: number; duration: number; delay?: number }
  /** The session's own protocol and initial state; classified over segments from … to. */
  | { kind: 'session'; window: { from: number; to: number } };

export interface MapSpec {
  /** Parameters (those not on an axis), and for kind 'session' the protocol, transient and initial state. */
  session: Session;
  integration: Integration;
  x: MapAxis;
  y: MapAxis;
  protocol: MapProtocol;
  /** With a step: the segment of `session` whose effective parameters the pixels take (default 0). */
  paramsFrom?: number;
}

export const MAX_RESOLUTION = 512;
/** Baseline at I = 0 before a step, ms. */
export const DEFAULT_DELAY = 10;
/** Pixel codes after the classes 0 … 7: the neuron diverged; it has no resting state to start from. */
export const DIVERGED_CODE = FIRING_CLASSES.length;
export const NO_REST_CODE = FIRING_CLASSES.length + 1;
export const MAP_LEGEND = [...FIRING_CLASSES, 'diverged', 'no resting state'] as const;
export type MapClass = (typeof MAP_LEGEND)[number];

/** The numeric measures of a pixel, in this order in MapJobResult.values. */
export const MAP_MEASURES = [
  { key: 'count', label: 'spike count', unit: '' },
  { key: 'rate', label: 'mean rate', unit: 'Hz' },
  { key: 'latency', label: 'first-spike latency', unit: 'ms' },
  { key: 'cv', label: 'CV of ISIs', unit: '' },
  { key: 'adaptation', label: 'adaptation index', unit: '' },
  { key: 'burst', label: 'spikes per burst', unit: '' },
] as const;
export type MeasureKey = (typeof MAP_MEASURES)[number]['key'];
export const N_MEASURES = MAP_MEASURES.length;

/** Spike times kept per pixel at the start and at the end of the window (onset pattern and steady state). */
const HEAD = 48, TAIL = 48;

/**
 * Values along an axis: min + i·(max − min)/(n − 1) (min alone when n = 1), rounded to 12 significant digits so
 * that round steps stay round (0.15, not 0.15000000000000002) in readouts, files and the explorer.
 */
export function axisValues(ax: MapAxis): Float64Array {
  const out = new Float64Array(ax.n);
  for (let i = 0; i < ax.n; i++) {
    out[i] = ax.n === 1 ? ax.min : i === ax.n - 1 ? ax.max : Number((ax.min + (i * (ax.max - ax.min)) / (ax.n - 1)).toPrecision(12));
  }
  return out;
}

/** Checks a map spec; throws RangeError naming the field and the allowed range. */
export function checkMapSpec(spec: MapSpec): void {
  if ((spec.session.model ?? 'izh2003') !== 'izh2003') {
    throw new RangeError(`the map works on the 2003 form's parameters (a, b, c, d, I, v_th, k2 …); this session uses the model "${spec.session.model}": switch the explorer to the 2003 form to map it`);
  }
  for (const name of ['x', 'y'] as const) {
    const ax = spec[name];
    const ps = PARAM_SPECS[ax.param];
    if (!ps) throw new RangeError(`${name}.param must be a parameter name, got ${String(ax.param)}`);
    if (!(Number.isInteger(ax.n) && ax.n >= 1 && ax.n <= MAX_RESOLUTION)) {
      throw new RangeError(`${name}: the resolution must be an integer in 1 … ${MAX_RESOLUTION}, got ${ax.n}`);
    }
    for (const end of ['min', 'max'] as const) {
      const v = ax[end];
      if (!(Number.isFinite(v) && v >= ps.min && v <= ps.max)) {
        throw new RangeError(`${name}.${end} (${ax.param}) must be in ${ps.min} … ${ps.max} ${ps.unit}, got ${v}`);
      }
    }
    if (!(ax.max > ax.min) && ax.n > 1) throw new RangeError(`${name}: max (${ax.max}) must be greater than min (${ax.min})`);
  }
  if (spec.x.param === spec.y.param) throw new RangeError(`x and y must be different parameters (both are ${spec.x.param})`);
  const p = spec.protocol;
  if (p.kind === 'step') {
    const Ispec = PARAM_SPECS.I;
    if (!(Number.isFinite(p.I) && p.I >= Ispec.min && p.I <= Ispec.max)) throw new RangeError(`step I must be in ${Ispec.min} … ${Ispec.max} mV/ms, got ${p.I}`);
    if (!(Number.isFinite(p.duration) && p.duration >= 1 && p.duration <= 100_000)) throw new RangeError(`step duration must be in 1 … 100000 ms, got ${p.duration}`);
  } else {
    const P = spec.session.protocol.length;
    const w = p.window;
    if (!(Number.isInteger(w.from) && Number.isInteger(w.to) && w.from >= 0 && w.from <= w.to && w.to < P)) {
      throw new RangeError(`the analysed segments must satisfy 1 ≤ from ≤ to ≤ ${P} (segment numbers), got ${w.from + 1} … ${w.to + 1}`);
    }
  }
  const dt = spec.integration.dt;
  if (!(Number.isFinite(dt) && dt >= 1e-4 && dt <= 1)) throw new RangeError(`dt must be in 0.0001 … 1 ms, got ${dt}`);
}

/** The session every pixel runs (before its two parameters are set), and the window classified. */
export function mapSession(spec: MapSpec): { session: Session; window: { from: number; to: number } } {
  const s = spec.session;
  if (spec.protocol.kind === 'session') {
    return { session: { ...s, integration: { ...spec.integration } }, window: spec.protocol.window };
  }
  const eff = effectiveParams(s);
  const params = { ...eff[Math.min(Math.max(0, spec.paramsFrom ?? 0), eff.length - 1)] };
  // Every pixel starts at its own resting state: initial mode 'rest' takes the stable equilibrium of the first
  // segment's parameters, here the baseline at I = 0 (a pixel without one is refused, as the explorer would).
  const delay = spec.protocol.delay ?? DEFAULT_DELAY;
  const session: Session = {
    format: SESSION_FORMAT, version: SESSION_VERSION, name: s.name, params: { ...params, I: 0 },
    initial: { v: s.initial.v, u: s.initial.u, mode: 'rest' }, integration: { ...spec.integration }, transient: 0,
    protocol: [
      { until: delay, assign: { I: 0 }, label: 'rest I=0' },
      { until: delay + spec.protocol.duration, assign: { I: spec.protocol.I }, label: `step I=${spec.protocol.I}` },
    ],
  };
  if (s.options) session.options = { ...s.options };
  return { session, window: { from: 1, to: 1 } };
}

/** The single-neuron session of a pixel: what the explorer opens and the inset shows (exactly what the map ran). */
export function pixelSession(spec: MapSpec, ix: number, iy: number): Session {
  const s = neuronSession(jobBatch({ spec, pixels: Int32Array.of(iy * spec.x.n + ix) }), 0);
  const xv = axisValues(spec.x)[ix], yv = axisValues(spec.y)[iy];
  return { ...s, name: `${spec.session.name} at ${spec.x.param}=${fmt(xv)}, ${spec.y.param}=${fmt(yv)}` };
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}

export interface MapJob {
  spec: MapSpec;
  /** Pixel indices iy·nx + ix. */
  pixels: Int32Array;
}

export interface MapJobResult {
  pixels: Int32Array;
  /** Class code per pixel (index in MAP_LEGEND). */
  cls: Uint8Array;
  /** N_MEASURES values per pixel (MAP_MEASURES order), NaN where undefined (e.g. latency when silent). */
  values: Float32Array;
  engine: BatchOutput['engine'];
  /** Neuron-steps integrated. */
  neuronSteps: number;
}

/** The batch that computes a job's pixels. */
export function jobBatch(job: MapJob): BatchSpec {
  const { spec, pixels } = job;
  const { session, window } = mapSession(spec);
  const nx = spec.x.n;
  const xs = axisValues(spec.x), ys = axisValues(spec.y);
  const n = pixels.length;
  const xv = new Float64Array(n), yv = new Float64Array(n);
  for (let k = 0; k < n; k++) { xv[k] = xs[pixels[k] % nx]; yv[k] = ys[Math.floor(pixels[k] / nx)]; }
  // With a step, an axis of I sets the step's amplitude (the baseline stays at I = 0); any other axis holds throughout.
  const segments = (param: ParamKey) => (spec.protocol.kind === 'step' && param === 'I' ? [1] : undefined);
  const batch: BatchSpec = {
    session, count: n, window, capacity: HEAD, tail: TAIL,
    vary: [{ param: spec.x.param, values: xv, segments: segments(spec.x.param) }, { param: spec.y.param, values: yv, segments: segments(spec.y.param) }],
  };
  return batch;
}

/** Classifies neuron i of a batch output. */
export function classifyNeuron(out: BatchOutput, i: number): Classification {
  const head = neuronSpikes(out, i), tail = neuronTail(out, i);
  const n = out.spikeCount[i];
  const m = n - 1;
  const isiCV = m >= 2 && out.isiMean[i] > 0 ? Math.sqrt(Math.max(0, out.isiM2[i]) / m) / out.isiMean[i] : null;
  return classifyTrain({ head, tail, count: n, t0: out.window.t0, t1: out.window.t1, isiCV });
}

/** Computes a job (synchronously; the worker entry and the CLI call this). Null when cancelled. */
export function computeMapJob(job: MapJob, opts: BatchOptions = {}): MapJobResult | null {
  const out = runBatch(jobBatch(job), opts);
  if (out.status !== 'ok') return null;
  const n = job.pixels.length;
  const cls = new Uint8Array(n), values = new Float32Array(n * N_MEASURES).fill(NaN);
  for (let i = 0; i < n; i++) {
    if (out.neuronStatus[i] === NEURON_DIVERGED) { cls[i] = DIVERGED_CODE; continue; }
    if (out.neuronStatus[i] === NEURON_REFUSED) { cls[i] = NO_REST_CODE; continue; }
    const c = classifyNeuron(out, i);
    cls[i] = FIRING_CLASSES.indexOf(c.cls);
    const v = values.subarray(i * N_MEASURES, (i + 1) * N_MEASURES);
    v[0] = c.spikeCount; v[1] = c.rateHz; v[2] = c.latency ?? NaN; v[3] = c.cv ?? NaN; v[4] = c.adaptation ?? NaN;
    v[5] = c.spikesPerBurst;
  }
  return { pixels: job.pixels, cls, values, engine: out.engine, neuronSteps: n * out.stepsPerNeuron };
}

/**
 * Progressive order: level k samples the pixels whose coordinates are multiples of stride s_k (s_0 the largest power
 * of two giving at least COARSE samples along the longer axis, then halving to 1), each pixel once, at its coarsest
 * level. Returns, per level, the stride and the pixel indices.
 */
export function progressiveLevels(nx: number, ny: number, coarse = 16): { stride: number; pixels: Int32Array }[] {
  let s = 1;
  while (Math.ceil(Math.max(nx, ny) / (2 * s)) >= coarse) s *= 2;
  const levels: { stride: number; pixels: Int32Array }[] = [];
  for (let stride = s; stride >= 1; stride /= 2) {
    const list: number[] = [];
    for (let iy = 0; iy < ny; iy += stride) {
      for (let ix = 0; ix < nx; ix += stride) {
        const coarser = stride < s && ix % (2 * stride) === 0 && iy % (2 * stride) === 0;
        if (!coarser) list.push(iy * nx + ix);
      }
    }
    levels.push({ stride, pixels: Int32Array.from(list) });
  }
  return levels;
}

/**
 * Splits a level into jobs of at most `size` pixels (at least `minJobs` when it has that many pixels). With `taper`
 * (the map's last level), its last minJobs jobs' worth of pixels go in quarter-size jobs, so that the workers run out
 * of work together instead of one finishing a whole job while the others wait.
 */
export function chunk(pixels: Int32Array, size: number, minJobs = 1, taper = false): Int32Array[] {
  const per = Math.max(1, Math.min(size, Math.ceil(pixels.length / minJobs)));
  const small = taper ? Math.max(1, Math.ceil(per / 4)) : per;
  const tailFrom = taper ? Math.max(0, pixels.length - minJobs * per) : pixels.length;
  const out: Int32Array[] = [];
  let i = 0;
  for (; i < tailFrom; i += per) out.push(pixels.slice(i, Math.min(i + per, tailFrom)));
  for (i = tailFrom; i < pixels.length; i += small) out.push(pixels.slice(i, i + small));
  return out;
}
