// What a session becomes in another simulator's script (dynlib, Brian2, NEST): the steps of dt each segment takes on
// the target's fixed grid, the effective parameters and what changes at each segment's start, the plot's bands, lines
// and current, and the facts the scripts' opening comments are made of. Pure. Times in ms, v in mV, u and I in mV/ms.

import { DEFAULT_PARAMS, PARAM_KEYS, type ParamKey, type Params } from '../model/params';
import { modelOf } from '../model/models';
import { effectiveParams, segmentChangeLabel, segmentStart, sessionDuration, type Session } from '../model/session';
import { gridPosition } from '../engine/grid';
import { resolveInitial } from '../engine/initial';
import { NO_EXTRAS, coeffsOf, expEulerWeight, hasRules } from '../engine/rhs';
import { extrasOf } from '../engine/simulate';
import { sequentialRange } from '../engine/eulerSequential';
import { showCurrentPanel } from '../ui/explorer/currentPanel';
import { segmentColor } from '../ui/shared/palette';

/** The equation coefficients that the standard model (NEST's izhikevich, dynlib's builtin) has fixed. */
export const EQUATION_KEYS = ['k2', 'k1', 'k0', 'vref', 'ucoef'] as const satisfies readonly ParamKey[];
/** The parameters the standard model has: a, b, c, d, I, v_th. */
export const NEURON_KEYS = PARAM_KEYS.filter((k) => !(EQUATION_KEYS as readonly string[]).includes(k));

export interface PlanSegment {
  index: number;
  start: number;
  until: number;
  /** Steps of dt the target takes in this segment (its boundaries moved onto the grid where they are off it). */
  steps: number;
  /** Index of the segment's first step on the recorded grid (0 at the end of the transient). */
  firstStep: number;
  /**
   * Time a ramp counts from, ms: I = I + slope·(t − rampOrigin). The segment's start in the author's scheme (whose
   * steps sample the ramp on the grid, as the engine does); else the start moved onto the grid, as the target runs it.
   */
  rampOrigin: number;
  /** Effective parameters during the segment (I at its start for a ramp). */
  params: Params;
  /** Parameters whose value differs from the previous segment's (every parameter for segment 0). */
  changed: ParamKey[];
  preset: string | null;
  /** Whether the preset alone explains the changes of a, b, c, d (the rest are the segment's own assignments). */
  presetExplains: boolean;
  /** Ramp of I within the segment, (mV/ms) per ms; 0 = constant. */
  slope: number;
  /** The boundary label of the explorer's plot. */
  label: string;
  color: string;
}

/** A session the scripts cannot start: its initial state does not resolve (the engine refuses it the same way). */
export class ScriptError extends Error {}

export interface ScriptPlan {
  session: Session;
  /** The state the run starts from (the initial mode resolved as the engine does) and how it was chosen. */
  initial: { v: number; u: number; how: string | null };
  /** The model's u (and I) per engine unit: 1, or C for the 2007 form (the scripts run in engine units). */
  uScale: number;
  /** Lower clamp of v after every step (NEST's V_min), or null. */
  vMin: number | null;
  /** Refractory hold after each spike, ms; 0 = none. */
  refractory: number;
  dt: number;
  sequential: boolean;
  /** Steps of the unrecorded transient (at the first segment's parameters, no ramp). */
  transientSteps: number;
  /** The transient is not a whole number of steps (the target rounds it). */
  transientOffGrid: boolean;
  segments: PlanSegment[];
  totalSteps: number;
  duration: number;
  /** k2, k1, k0, vref, ucoef are 0.04, 5, 140, 0, 1 throughout. */
  standardEquation: boolean;
  ramps: boolean;
  /** Segment boundaries (ms) between grid points, which a target stepping whole steps moves to the nearest one. */
  offGrid: number[];
  /** Exact spike times (located inside the step) are asked for: no peer has them. */
  exactSpikes: boolean;
  /** The plot shows I(t) as a third panel (as the explorer's does). */
  showCurrent: boolean;
  /** The v axis: the explorer's −80..50 mV. */
  vRange: [number, number];
}

/** A number as a short readable text for comments and labels. */
export function num(x: number): string {
  return String(Number(x.toPrecision(10)));
}

export function planScript(session: Session): ScriptPlan {
  const { dt, stepper, spikes } = session.integration;
  const sequential = stepper === 'euler_sequential';
  // Each segment as the engine integrates it (the generalised coefficients; the 2007 form mapped, u scaled by C).
  const model = modelOf(session);
  const engine = effectiveParams(session).map((p) => model.toEngine(p));
  const ruled = engine.findIndex((g) => hasRules({ ...NO_EXTRAS, ...g.rules }));
  if (ruled >= 0) {
    throw new ScriptError(`Segment ${ruled + 1} uses special rules of the 2007 book's cells (a u-dependent peak or reset, a cap of u, ` +
      'a b switch or a cubic u drive), which the scripts for other simulators do not write yet; export the session file instead.');
  }
  const uScale = engine[0].uScale;
  if (engine.some((g) => g.uScale !== uScale)) {
    throw new ScriptError('The membrane capacitance C changes between segments (u is rescaled at the boundary), which the scripts for other simulators do not write yet.');
  }
  const eff: Params[] = engine.map((g) => g.params);
  const P = session.protocol;
  const T = sessionDuration(session);
  const offGrid: number[] = [];
  const segments = P.map((seg, i): PlanSegment => {
    const start = segmentStart(P, i);
    let steps: number;
    let firstStep: number;
    if (sequential) {
      // The author's scheme: the grid steps the engine samples with this segment (boundary points as `untilInclusive`
      // says; the last segment also takes the grid point at its end, 0:dt:T, as the figure scripts do).
      const r = sequentialRange(P, i, dt);
      firstStep = r.first;
      steps = r.last - r.first;
    } else {
      const pe = gridPosition(seg.until, 0, dt);
      if (!Number.isInteger(pe)) offGrid.push(seg.until);
      firstStep = Math.round(gridPosition(start, 0, dt));
      steps = Math.round(pe) - firstStep;
    }
    const rampOrigin = sequential ? start : Number((firstStep * dt).toPrecision(12));
    const prev = i > 0 ? eff[i - 1] : null;
    const changed = PARAM_KEYS.filter((k) => !prev || prev[k] !== eff[i][k]);
    const preset = seg.preset ?? null;
    const presetExplains = preset !== null && model.id === 'izh2003' && !!model.presets[preset] &&
      Object.entries(model.presets[preset].values).every(([k, v]) => eff[i][k as ParamKey] === v);
    return {
      index: i, start, until: seg.until, steps, firstStep, rampOrigin, params: eff[i], changed, preset, presetExplains,
      slope: seg.slope ?? 0, label: segmentChangeLabel(session, i), color: segmentColor(i),
    };
  });
  const { v: v0, u: u0, mode: m0 } = session.initial;
  const start = resolveInitial({ initial: { v: v0, u: u0 / uScale, mode: m0 } }, coeffsOf(eff[0], 0, 0, extrasOf(session)));
  if (!start.ok) throw new ScriptError(start.message);
  const mode = session.initial.mode ?? 'explicit';
  const how = mode === 'b_v0' ? `u0 = b*(v0 - vref)/ucoef at the first segment's parameters (the explorer's "u0 = b·v0")`
    : mode === 'rest' ? 'the resting equilibrium of the first segment\'s parameters (the explorer\'s "rest")' : null;
  const trPos = gridPosition(session.transient, 0, dt);
  const transientSteps = sequential ? Math.ceil(trPos) : Math.round(trPos);
  const standardEquation = [session.params, ...eff].every((p) => EQUATION_KEYS.every((k) => p[k] === DEFAULT_PARAMS[k]));
  return {
    session, initial: { v: start.v, u: start.u, how }, uScale, vMin: session.options?.vMin ?? null, refractory: session.options?.refractory ?? 0,
    dt, sequential, transientSteps, transientOffGrid: !Number.isInteger(trPos), segments,
    totalSteps: segments.reduce((n, s) => n + s.steps, 0), duration: T, standardEquation,
    ramps: P.some((s) => (s.slope ?? 0) !== 0), offGrid, exactSpikes: !sequential && spikes === 'exact',
    showCurrent: showCurrentPanel(session), vRange: [-80, 50],
  };
}

/** The session's current as plotted: per segment its start and end value (steps vertical, ramps sloped). */
export function currentPoints(plan: ScriptPlan): { t: number[]; I: number[] } {
  const t: number[] = [];
  const I: number[] = [];
  for (const s of plan.segments) {
    t.push(s.start, s.until);
    I.push(s.params.I, s.params.I + s.slope * (s.until - s.start));
  }
  return { t, I };
}

/** The comment paragraphs every script shares: what the session is, and the model. */
export function sessionSummary(plan: ScriptPlan, target: string): string[] {
  const s = plan.session;
  const i = s.integration;
  return [
    `"${s.name}": a session of Izhikevich Explorer, exported as a ${target} script.`,
    '',
    'Model: dv/dt = k2*v^2 + k1*v + k0 - u + I, du/dt = a*(b*(v - vref) - ucoef*u); when v reaches v_th: v = c, u = u + d. ' +
      't in ms, v in mV, u and I in mV/ms (the model\'s own units; the script keeps them as plain numbers).',
    `In the explorer: ${i.stepper} at dt = ${num(i.dt)} ms, ${plan.sequential ? 'spikes as in the author\'s scheme' : `${i.spikes} spikes`}, ` +
      `${i.precision}, transient ${num(s.transient)} ms, ${s.protocol.length} segment${s.protocol.length === 1 ? '' : 's'} to ${num(plan.duration)} ms.`,
    ...((s.model ?? 'izh2003') === 'izh2007'
      ? ['The session is in the 2007 form (C, k, vr, vt; u and I in pA); this script runs it in the generalised form ' +
        'above, the explorer\'s own mapping: v unchanged, u, I, c-shifts and d divided by C (pA -> mV/ms).']
      : []),
  ];
}

/** How to run a script and what it prints (the common part of the opening comment). */
export function usageParagraphs(file: string, extra: string[] = []): string[] {
  return [
    'Run it with: python3 <this file>. Without a display, or with MPLBACKEND=Agg, it saves the figure as ' +
      `"${file}" in the current folder instead of showing it.`,
    'The last line printed is the spike times in ms as one line of JSON (recorded time: 0 is the end of the ' +
      'transient), so a run can be compared with the explorer\'s automatically.',
    ...extra,
  ];
}

/** The sentence for "exact spikes", shared by the targets (none of them locates the crossing inside the step). */
export function exactSpikesNote(dt: number): string {
  return `- exact spike times: the explorer locates each threshold crossing inside the step; here v >= v_th is tested ` +
    `after each step and the spike stamped at its end, up to dt = ${num(dt)} ms late. The reset comes late too, so the ` +
    'difference grows from spike to spike; in long or bursting runs spike counts per segment can differ.';
}

/** The sentence for boundaries off the grid. */
export function offGridNote(plan: ScriptPlan): string | null {
  const parts: string[] = [];
  if (plan.offGrid.length) {
    parts.push(`segment ends between grid points (${plan.offGrid.slice(0, 5).map(num).join(', ')}${plan.offGrid.length > 5 ? ', ...' : ''} ms)`);
  }
  if (plan.transientOffGrid) parts.push(`the transient of ${num(plan.session.transient)} ms`);
  if (!parts.length) return null;
  return `- ${parts.join(' and ')}: the explorer takes a shortened step there; this script runs whole steps of ` +
    `${num(plan.dt)} ms, so each such time moves to the nearest grid point.`;
}

/** A label in the plot: the explorer's text as is (its markup-free plain text). */
export function plotLabel(s: PlanSegment): string {
  return s.label;
}

/** The protocol with each segment's end where the target's whole steps put it (the same for ends on the grid). */
export function onGrid(session: Session, plan: ScriptPlan): Session['protocol'] {
  return session.protocol.map((s, i) => {
    const g = plan.segments[i];
    return { ...s, until: Number(((g.firstStep + g.steps) * plan.dt).toPrecision(12)) };
  });
}

/** Weight of du/dt in the exponential-Euler update of u over one step (the engine's expEulerWeight) for a segment. */
export function expEulerPhi(plan: ScriptPlan, s: PlanSegment): number {
  return expEulerWeight(coeffsOf(s.params, 0, 0), plan.dt);
}

/** The initial state of a matching engine session: explicit, in the model's units (the plan's is in engine units). */
export function matchingInitial(plan: ScriptPlan): { v: number; u: number } {
  return { v: plan.initial.v, u: plan.initial.u * plan.uScale };
}
