// The session: everything a user makes (parameters, initial state, integration settings, transient,
// protocol of segments). One shape for app state, URL, file import/export and the CLI; validated by schema.ts.
// Times in ms (absolute, recorded time starts at 0 after the transient), v in mV, u and I in mV/ms.

import { MODELS, modelOf, type ModelId, type ModelParams } from './models';

export const SESSION_FORMAT = 'izhikevich-explorer/session';
export const SESSION_VERSION = 1;

export const STEPPERS = ['rk4', 'euler', 'euler_sequential', 'exp_euler', 'euler_halfstep'] as const;
/**
 * rk4: classic 4th-order Runge–Kutta. euler: forward Euler (1st order, v and u from the same old state; NEST's
 * default, consistent_integration = true). euler_sequential: the author's scheme of the 2003/2004 figure scripts:
 * forward Euler for v, then u updated with the new v, on the grid t0 + n·dt with the current sampled at each step's
 * start; a spike when v > v_th after the update, stamped at the step's start. It ignores `spikes`.
 * exp_euler (Jaxley's): u by exponential Euler towards b·(v − vref)/ucoef with time constant 1/(a·ucoef) (exact for u
 * when v is frozen), then v by forward Euler with the new u; 1st order. euler_halfstep: the published network scheme
 * (NEST consistent_integration = false): two half-steps of v with the same u and input, then u with the new v; 1st
 * order. Spike rule of rk4, euler, exp_euler and euler_halfstep: `spikes` ('step' is what Jaxley and NEST do).
 */
export type Stepper = (typeof STEPPERS)[number];
export const SPIKE_MODES = ['exact', 'step'] as const;
/** exact: threshold crossing located inside the step to the integrator's order. step: tested after each step, stamped at its end. */
export type SpikeMode = (typeof SPIKE_MODES)[number];
export const PRECISIONS = ['float32', 'float64'] as const;
export type Precision = (typeof PRECISIONS)[number];

export interface Integration {
  /** Step size, ms. */
  dt: number;
  stepper: Stepper;
  spikes: SpikeMode;
  /** State held in single (float32) or double (float64) precision between steps. */
  precision: Precision;
}

export interface Segment {
  /** Absolute end time of the segment, ms (recorded time; the first segment starts at 0). */
  until: number;
  /** Preset of the session's model applied at the segment's start (before `assign`). */
  preset?: string;
  /** Parameter values (the model's keys) set at the segment's start; they persist into later segments until changed. */
  assign?: ModelParams;
  /** Linear ramp of I within this segment only: I(t) = I + slope·(t − t_start), in (mV/ms) per ms. Default 0. */
  slope?: number;
  label?: string;
  /**
   * Rule of the author's scheme (euler_sequential) for a grid point lying exactly at `until`: true = it is still
   * sampled with this segment (the figure scripts' `t > until` for the next input, or `t <= until` for this one);
   * absent = it belongs to the next segment (half-open segments, as in continuous time). The other steppers ignore
   * it: in continuous time a single instant carries no input.
   */
  untilInclusive?: boolean;
}

/** How the initial state is chosen. Absent: explicit v and u. */
export const INITIAL_MODES = ['explicit', 'b_v0', 'rest'] as const;
export type InitialMode = (typeof INITIAL_MODES)[number];

export interface Initial {
  /** mV; ignored when mode = 'rest'. */
  v: number;
  /** mV/ms; used only when the mode is explicit (kept, so switching back restores it). */
  u: number;
  /**
   * 'b_v0': u0 on the u-nullcline at v0 with the first segment's parameters, b·(v0 − vref)/ucoef — b·v0 in the
   * standard form (the scripts' and Jaxley's rule). 'rest': v0 and u0 at the stable equilibrium of the first
   * segment's parameters (the run is refused with a message when there is none). Absent or 'explicit': v and u.
   */
  mode?: InitialMode;
}

/** Options of the model beyond its parameters (the peers' variants). Absent fields are off. */
export interface ModelOptions {
  /**
   * Absolute refractory period, ms (BrainPy's IzhikevichRef): for this long after each spike v is held at its reset
   * value and u at its post-spike value, and no spike can occur. 0 or absent = none.
   */
  refractory?: number;
  /** Lower clamp of v, mV (NEST's V_min): after every step v ← max(v, vMin). Absent = none. */
  vMin?: number;
}

export interface Session {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  name: string;
  /**
   * The neuron model: absent (or 'izh2003') = the 2003 form with the generalised coefficients; 'izh2007' = the
   * 2007 form (C, k, vr, vt, vpeak …; u and I in pA). Decides the keys of `params` and `assign` and the units.
   */
  model?: ModelId;
  /** Parameters (the model's keys) in force before the first segment's assignments. */
  params: ModelParams;
  initial: Initial;
  /** Options of the model (refractory period, lower clamp of v); absent = none. */
  options?: ModelOptions;
  integration: Integration;
  /** Unrecorded run before t = 0 at the first segment's parameters (slope ignored), ms. 0 = none. */
  transient: number;
  protocol: Segment[];
}

export const DEFAULT_INTEGRATION: Integration = { dt: 0.01, stepper: 'rk4', spikes: 'exact', precision: 'float32' };

/** Effective parameters of each segment (the model's keys): presets and assignments applied cumulatively, in order. */
export function effectiveParams(session: Pick<Session, 'params' | 'protocol' | 'model'>): ModelParams[] {
  const out: ModelParams[] = [];
  const presets = modelOf(session).presets;
  let p: ModelParams = { ...session.params };
  for (const seg of session.protocol) {
    if (seg.preset && presets[seg.preset]) p = { ...p, ...presets[seg.preset].values };
    if (seg.assign) p = { ...p, ...seg.assign };
    out.push(p);
  }
  return out;
}

/** Start time of segment i (ms): 0 for the first, else the previous segment's `until`. */
export function segmentStart(protocol: readonly Segment[], i: number): number {
  return i === 0 ? 0 : protocol[i - 1].until;
}

/** Total recorded duration, ms. */
export function sessionDuration(session: Pick<Session, 'protocol'>): number {
  const p = session.protocol;
  return p.length ? p[p.length - 1].until : 0;
}

/**
 * What changed at the start of segment i, as a short label for the plot's vertical line:
 * the preset switched to, then every assigned parameter ("I=5", "bursting, I=10"), then a ramp.
 * The first segment always names its current. The segment's own `label` wins when given.
 */
export function segmentChangeLabel(session: Pick<Session, 'params' | 'protocol' | 'model'>, i: number): string {
  const seg = session.protocol[i];
  if (seg.label) return seg.label;
  const eff = effectiveParams(session)[i];
  const parts: string[] = [];
  if (seg.preset) parts.push(seg.preset);
  const shown = modelOf(session).keys.filter((k) => seg.assign?.[k] !== undefined || (i === 0 && k === 'I'));
  for (const k of shown) parts.push(`${k}=${fmt(eff[k])}`);
  if (seg.slope) parts.push(`I ramp ${fmt(seg.slope)}/ms`);
  return parts.length ? parts.join(', ') : `segment ${i + 1}`;
}

function fmt(x: number): string {
  const r = Math.round(x * 1e4) / 1e4;
  return String(Object.is(r, -0) ? 0 : r);
}

/** A fresh session with the model's default parameters and one constant segment (the 2007 form: a step from rest). */
export function defaultSession(model: ModelId = 'izh2003'): Session {
  const m = MODELS[model];
  const base = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    name: 'untitled',
    params: { ...m.defaults },
    initial: { ...m.defaultInitial },
    integration: { ...DEFAULT_INTEGRATION },
    transient: 0,
  } as const;
  if (model === 'izh2003') return { ...base, protocol: [{ until: 1000 }] };
  return {
    ...base, model, initial: { ...m.defaultInitial, mode: 'rest' },
    params: { ...m.defaults, I: 0 },
    protocol: [{ until: 100, assign: { I: 0 } }, { until: 1000, assign: { I: m.defaults.I } }],
  };
}
