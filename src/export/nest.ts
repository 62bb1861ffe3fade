// The session as a runnable NEST 3 (PyNEST) script: the built-in `izhikevich` model with the session's parameters and
// `consistent_integration` chosen to match the stepper where it can, the protocol's steps as I_e and parameter switches
// between Simulate calls (they act at once), its ramps as a step_current_generator staircase timed for the connection
// delay, multimeter and spike recorder, the explorer's plot. Pure: session in, Python text out.

import type { ParamKey } from '../model/params';
import type { Session } from '../model/session';
import { fileBaseName } from './fileName';
import {
  NEURON_KEYS, exactSpikesNote, num, offGridNote, onGrid, matchingInitial, planScript, sessionSummary, usageParagraphs, type PlanSegment, type ScriptPlan,
} from './plan';
import { PLOT_FUNCTION, PRINT_SPIKES, figureConstants, segmentCounts, showOrSave } from './pyplot';
import { commentBlock, oneLine, pyFloat, pyInt, pyStr } from './python';

/** NEST's names of the parameters its izhikevich model has. */
const NEST_NAME: Partial<Record<ParamKey, string>> = { a: 'a', b: 'b', c: 'c', d: 'd', I: 'I_e', v_th: 'V_th' };

/** Ramp steps that cannot be scheduled: a generator's current reaches the neuron from its third step on. */
function earlyRamp(plan: ScriptPlan): boolean {
  return plan.segments.some((s) => s.slope !== 0 && plan.transientSteps + s.firstStep < 2 && s.steps > 0);
}

/**
 * The engine settings whose run the NEST script reproduces step for step (up to rounding): forward Euler
 * (consistent_integration) at the same dt, spikes tested after each step, double precision, segment ends on the grid.
 * Null when no engine setting does: the author's scheme (NEST's other numerics are not it), changed equation
 * coefficients (NEST's model has them fixed), or a ramp starting in the first two steps.
 */
export function nestMatching(session: Session): Session | null {
  const plan = planScript(session);
  if (plan.sequential || !plan.standardEquation || earlyRamp(plan) || plan.refractory > 0) return null;
  const dt = session.integration.dt;
  const { options: _o, ...rest } = session;
  return {
    ...rest,
    ...(plan.vMin !== null ? { options: { vMin: plan.vMin } } : {}),
    initial: matchingInitial(plan),
    protocol: onGrid(session, plan),
    transient: Number((plan.transientSteps * dt).toPrecision(12)),
    integration: { ...session.integration, stepper: nestStepper(session), spikes: 'step', precision: 'float64' },
  };
}

/** The engine stepper NEST's izhikevich runs for the session's: the published numerics for the half-step scheme. */
function nestStepper(session: Session): 'euler' | 'euler_halfstep' {
  return session.integration.stepper === 'euler_halfstep' ? 'euler_halfstep' : 'euler';
}

/** What the NEST script cannot express, and what that changes. */
export function nestLimitations(plan: ScriptPlan): string[] {
  const out: string[] = [];
  const i = plan.session.integration;
  if (!plan.standardEquation) {
    out.push('- changed equation coefficients (k2, k1, k0, vref, ucoef differ from 0.04, 5, 140, 0, 1): NEST\'s izhikevich ' +
      'model has them fixed, so this script runs the standard equation and its results differ from the explorer\'s. ' +
      'A NESTML model (see the NESTML Izhikevich tutorial) with the coefficients as parameters can express them.');
  }
  if (i.stepper === 'exp_euler') {
    out.push(`- exp_euler (u by exponential Euler, then v with the new u): NEST's izhikevich model has forward Euler ` +
      '(consistent_integration = True) instead, also first order; spike times differ from the explorer\'s by O(dt).');
  }
  if (plan.refractory > 0) {
    out.push(`- the refractory period of ${num(plan.refractory)} ms: NEST's izhikevich model has none, so v and u move on ` +
      'right after each reset and spikes can follow each other sooner (BrainPy\'s IzhikevichRef, or a NESTML model, has one).');
  }
  if (i.stepper === 'rk4') {
    out.push(`- rk4: NEST's izhikevich model integrates with forward Euler (consistent_integration = True); at dt = ${num(plan.dt)} ms ` +
      'its error is first order instead of fourth: spike times drift apart from the explorer\'s, and counts can differ. ' +
      'A smaller resolution brings it closer.');
  }
  if (plan.sequential) {
    out.push('- the author\'s scheme (euler_sequential: v, then u with the new v, one full step each, a spike when v > v_th ' +
      'stamped at the step\'s start): the nearest NEST has is consistent_integration = False, the published numerics ' +
      '(v in two half steps, then u with the new v, a spike when v >= V_th stamped at the step\'s end). Spike times ' +
      'and counts can differ from the explorer\'s.');
  }
  if (plan.exactSpikes) out.push(exactSpikesNote(plan.dt));
  if (i.precision === 'float32') {
    out.push('- float32: the explorer held v and u in single precision between steps; NEST computes in double. ' +
      'Spike times differ in the last digits at first, and the difference can grow over long runs.');
  }
  if (earlyRamp(plan)) {
    out.push('- a ramp in the first two steps: a generator\'s current reaches the neuron from the third step on, so the ' +
      'ramp\'s value in the second step (slope * dt) is missing there.');
  }
  const og = offGridNote(plan);
  if (og) out.push(og);
  return out;
}

/** tics_per_ms NEST needs for the resolution dt (its default 1000 resolves 0.001 ms), or null for the default. */
function ticsFor(dt: number): number | null {
  for (let k = 3; k <= 9; k++) {
    const tics = 10 ** k;
    if (Math.abs(dt * tics - Math.round(dt * tics)) < 1e-9) return k === 3 ? null : tics;
  }
  return 1e9;
}

const nestParams = (s: PlanSegment, keys: readonly ParamKey[]): string =>
  `{${keys.filter((k) => NEST_NAME[k]).map((k) => `${pyStr(NEST_NAME[k]!)}: ${pyFloat(s.params[k])}`).join(', ')}}`;

export function nestScript(session: Session): string {
  const plan = planScript(session);
  const { dt } = plan;
  const figureFile = `${fileBaseName(session.name)}_nest.png`;
  const limitations = nestLimitations(plan);
  const consistent = !plan.sequential && session.integration.stepper !== 'euler_halfstep';
  const header = commentBlock([
    ...sessionSummary(plan, 'NEST 3 (PyNEST)'),
    ...(plan.initial.how ? [`The initial state is ${plan.initial.how}: v0 = ${num(plan.initial.v)} mV, u0 = ${num(plan.initial.u)}.`] : []),
    '',
    limitations.length ? 'What this script cannot express, and what that changes:' : 'Every setting of the session carries over.',
    ...limitations,
    '',
    `Integration: NEST's izhikevich model at resolution ${num(dt)} ms with consistent_integration = ${consistent ? 'True (forward Euler on the old v and u)' : 'False (the published numerics)'}; ` +
      'after each step v >= V_th resets v to c and adds d to u, the spike stamped at the step\'s end, as in the explorer.',
    'The protocol\'s steps are I_e and parameter changes between Simulate calls: they act at once. (A current ' +
      'generator\'s output reaches the neuron only after the connection delay and one more step, which would shift every ' +
      'step of the protocol.) ' + (plan.ramps ? 'Ramps are a step_current_generator with one value per step, each sent ' +
      'one step early over a connection with the shortest delay (one step), so it acts in its own step.' : ''),
    'NEST\'s current unit is pA and the izhikevich model adds it to dv/dt as it is: the values here are the explorer\'s ' +
      'I in mV/ms, unchanged.',
    '',
    ...usageParagraphs(figureFile),
  ]);

  const tics = ticsFor(dt);
  const first = plan.segments[0];
  const L: string[] = [];
  L.push('#!/usr/bin/env python3', header, '');
  L.push('import json', 'import sys', '', 'import matplotlib', 'import matplotlib.pyplot as plt', 'import numpy as np', 'import nest', '');
  L.push(`DT = ${pyFloat(dt)}  # ms, NEST's resolution`);
  L.push(`TRANSIENT_STEPS = ${pyInt(plan.transientSteps)}  # unrecorded, at the first segment's parameters`);
  L.push(`NAME = ${pyStr(session.name)}`, '');
  L.push(figureConstants(plan), '');
  if (!plan.standardEquation) {
    L.push('print("warning: the session changes the equation coefficients (k2, k1, k0, vref, ucoef), which NEST\'s izhikevich ' +
      'model has fixed; this run uses the standard equation", file=sys.stderr)', '');
  }
  L.push('nest.ResetKernel()', 'nest.set_verbosity("M_WARNING")');
  L.push(`nest.SetKernelStatus({${tics ? `"tics_per_ms": ${pyFloat(tics)}, ` : ''}"resolution": DT, "print_time": False})`, '');
  L.push('neuron = nest.Create("izhikevich", params={');
  L.push(`    "consistent_integration": ${consistent ? 'True' : 'False'},`);
  L.push(`    "V_m": ${pyFloat(plan.initial.v)}, "U_m": ${pyFloat(plan.initial.u)},`);
  L.push(`    ${nestParams(first, NEURON_KEYS).slice(1, -1)},`);
  if (plan.vMin !== null) L.push(`    "V_min": ${pyFloat(plan.vMin)},  # the lower clamp of v after each step`);
  L.push('})');
  L.push('multimeter = nest.Create("multimeter", params={"record_from": ["V_m", "U_m"], "interval": DT})');
  L.push('spike_recorder = nest.Create("spike_recorder")');
  L.push('nest.Connect(multimeter, neuron)', 'nest.Connect(neuron, spike_recorder)');
  if (plan.ramps) {
    const ramps: string[] = [];
    for (const s of plan.segments) {
      if (s.slope === 0 || s.steps === 0) continue;
      const offset = Number((s.firstStep * dt - s.rampOrigin).toPrecision(12));
      ramps.push(`(${pyInt(plan.transientSteps + s.firstStep)}, ${pyInt(s.steps)}, ${pyFloat(s.slope)}, ${pyFloat(offset)})`);
    }
    L.push('');
    L.push('# The ramps: (first step, steps, slope per ms, ms from the ramp\'s origin to its first step). Each step m gets');
    L.push('# slope * (time since the origin at its start); the value is sent at step m - 1 over a connection of one step\'s');
    L.push('# delay, and NEST delivers it for step m.');
    L.push(`RAMPS = [${ramps.join(', ')}]`);
    L.push('staircase = {}');
    L.push('for first, n, slope, offset in RAMPS:');
    L.push('    staircase[first + n] = 0.0  # the ramp ends with its segment');
    L.push('for first, n, slope, offset in RAMPS:');
    L.push('    for k in range(n):');
    L.push('        staircase[first + k] = slope * (k * DT + offset)');
    L.push('steps = sorted(m for m in staircase if m >= 2)  # a generator reaches the neuron from its third step on');
    L.push('ramp = nest.Create("step_current_generator", params={');
    L.push('    "amplitude_times": [round((m - 1) * DT, 9) for m in steps],');
    L.push('    "amplitude_values": [staircase[m] for m in steps],');
    L.push('})');
    L.push('nest.Connect(ramp, neuron, syn_spec={"delay": DT})');
  }
  L.push('');
  if (plan.transientSteps > 0) {
    L.push(`# transient: ${num(session.transient)} ms (${plan.transientSteps} steps), not part of the recorded time`);
    L.push(`nest.Simulate(${pyFloat(Number((plan.transientSteps * dt).toPrecision(12)))})`);
  }
  for (const s of plan.segments) {
    L.push(`# segment ${s.index + 1}: ${num(s.start)}-${num(s.until)} ms (${s.steps} steps), "${oneLine(s.label)}"` +
      `${s.preset ? `; preset "${s.preset}"` : ''}${s.slope ? `; I ramps by ${num(s.slope)} per ms` : ''}`);
    if (s.index > 0) {
      const keys = s.changed.filter((k) => NEST_NAME[k]);
      if (keys.length) L.push(`neuron.set(${nestParams(s, keys)})`);
    }
    if (s.steps > 0) L.push(`nest.Simulate(${pyFloat(Number((s.steps * dt).toPrecision(12)))})`);
  }
  L.push('');
  L.push('# Recorded time: steps since the end of the transient, times DT.');
  L.push('events = spike_recorder.get("events")');
  L.push('steps = np.round(np.asarray(events["times"], dtype=float) / DT).astype(np.int64) - TRANSIENT_STEPS');
  L.push('spike_times = steps[steps > 0] * DT');
  L.push('trace = multimeter.get("events")');
  L.push('t_steps = np.round(np.asarray(trace["times"], dtype=float) / DT).astype(np.int64) - TRANSIENT_STEPS');
  L.push('kept = t_steps >= 0');
  L.push('t = t_steps[kept] * DT');
  L.push('v = np.asarray(trace["V_m"], dtype=float)[kept]');
  L.push('u = np.asarray(trace["U_m"], dtype=float)[kept]');
  L.push('');
  L.push(segmentCounts(false));
  L.push('', '', PLOT_FUNCTION, '', '');
  L.push('fig = plot_session(t, v, u, spike_times, NAME)');
  L.push(showOrSave(figureFile));
  L.push(PRINT_SPIKES, '');
  return L.join('\n');
}
