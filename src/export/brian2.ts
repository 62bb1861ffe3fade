// The session as a runnable Brian2 script: one NeuronGroup with the session's equations, threshold and reset, the
// protocol as one run per segment with the parameters changed in between (a ramp as I0 + slope·(t − t_seg)),
// StateMonitor and SpikeMonitor, the explorer's plot. rk4 and euler are Brian's own methods (stamps: see below);
// the author's scheme (euler_sequential) is a run_regularly update, exact. Pure: session in, Python text out.

import { PARAM_KEYS, type ParamKey } from '../model/params';
import type { Session } from '../model/session';
import { fileBaseName } from './fileName';
import {
  exactSpikesNote, expEulerPhi, num, offGridNote, onGrid, matchingInitial, planScript, sessionSummary, usageParagraphs, type PlanSegment, type ScriptPlan,
} from './plan';
import { PLOT_FUNCTION, PRINT_SPIKES, figureConstants, segmentCounts, showOrSave } from './pyplot';
import { commentBlock, oneLine, pyFloat, pyInt, pyStr } from './python';

/** The steppers Brian2 runs as its own integration methods; the others are run_regularly updates. */
const BRIAN_METHODS = ['rk4', 'euler'] as const;
const isMethod = (stepper: string): boolean => (BRIAN_METHODS as readonly string[]).includes(stepper);

/**
 * The engine settings whose run the Brian2 script reproduces step for step (up to rounding): the same stepper and dt,
 * spikes tested after each step, double precision, segment ends on the grid, the same options.
 */
export function brian2Matching(session: Session): Session {
  const plan = planScript(session);
  const dt = session.integration.dt;
  const protocol = plan.sequential ? session.protocol : onGrid(session, plan);
  const transient = plan.sequential ? session.transient : Number((plan.transientSteps * dt).toPrecision(12));
  return {
    ...session, protocol, transient, initial: matchingInitial(plan),
    integration: { ...session.integration, spikes: 'step', precision: 'float64' },
  };
}

/** What the Brian2 script cannot express, and what that changes. */
export function brian2Limitations(plan: ScriptPlan): string[] {
  const out: string[] = [];
  const i = plan.session.integration;
  if (plan.exactSpikes) out.push(exactSpikesNote(plan.dt));
  if (i.precision === 'float32') {
    out.push('- float32: the explorer held v and u in single precision between steps; Brian2 computes in double. ' +
      'Spike times differ in the last digits at first, and the difference can grow over long runs.');
  }
  const og = offGridNote(plan);
  if (og) out.push(og);
  return out;
}

const paramLine = (group: string, keys: readonly ParamKey[], s: PlanSegment, ramps: boolean): string =>
  keys.map((k) => `${group}.${k === 'I' && ramps ? 'I0' : k} = ${pyFloat(s.params[k])}`).join('; ');

/** Why a segment changes what it changes, as a comment. */
function segmentComment(s: PlanSegment): string {
  const what = s.preset ? `preset "${s.preset}"${s.presetExplains ? '' : ' and own values'}` : '';
  return `# segment ${s.index + 1}: ${num(s.start)}-${num(s.until)} ms (${s.steps} steps), "${oneLine(s.label)}"${what ? `; ${what}` : ''}` +
    (s.slope ? `; I ramps by ${num(s.slope)} per ms` : '');
}

/** The update of one step for the steppers Brian has no method for (abstract code of a run_regularly at the step's start t). */
function updateCode(stepper: string, ramps: boolean, vMin: number | null, refractory: boolean): string {
  // With a refractory period the update is skipped for the steps that start within it: HOLD_STEPS steps after the
  // step in which the spike was found (t_last, set by the reset), as the explorer holds them.
  const I = ramps ? 'I0 + slope*(t/ms - t_seg)' : 'I';
  const f = (v: string, u: string) => `k2*(${v}*${v}) + k1*${v} + k0 - ${u} + I_step`;
  const g = (v: string, u: string) => `a*(b*(${v} - vref) - ucoef*${u})`;
  const lines = [`I_step = ${I}`];
  if (stepper === 'euler_sequential') {
    lines.push(`v_next = v + dt/ms*(${f('v', 'u')})`, `u_next = u + dt/ms*${g('v_next', 'u')}`);
  } else if (stepper === 'exp_euler') {
    lines.push(`u_next = u + phi*${g('v', 'u')}  # phi = (1 - exp(-a*ucoef*dt))/(a*ucoef), set per segment`,
      `v_next = v + dt/ms*(${f('v', 'u_next')})`);
  } else {
    lines.push(`w = v + 0.5*dt/ms*(${f('v', 'u')})`, `v_next = w + 0.5*dt/ms*(${f('w', 'u')})`, `u_next = u + dt/ms*${g('v_next', 'u')}`);
  }
  if (refractory) {
    lines.push('free = int((t - t_last)/dt > HOLD_STEPS + 0.5)  # 0 while refractory', 'v = v + free*(v_next - v)', 'u = u + free*(u_next - u)');
  } else {
    lines.push('v = v_next', 'u = u_next');
  }
  if (vMin !== null) lines.push('v = clip(v, v_min, 1e300)  # the lower clamp of v (NEST\'s V_min)');
  return lines.join('\n');
}

export function brian2Script(session: Session): string {
  const plan = planScript(session);
  const { dt } = plan;
  const stepper = session.integration.stepper;
  const method = isMethod(stepper);
  const figureFile = `${fileBaseName(session.name)}_brian2.png`;
  const limitations = brian2Limitations(plan);
  const sequential = plan.sequential;
  const ramps = plan.ramps;
  const stampAtStart = sequential;
  const SCHEME: Record<string, string> = {
    euler_sequential: 'The author\'s scheme (euler_sequential): v is advanced first, then u with the new v, I taken at each step\'s start, a spike when v > v_th.',
    exp_euler: 'Jaxley\'s scheme (exp_euler): u by exponential Euler (exact for u at frozen v), then v by forward Euler with the new u.',
    euler_halfstep: 'The published network scheme (euler_halfstep, NEST\'s consistent_integration = False): two half steps of v, then u with the new v.',
  };
  const header = commentBlock([
    ...sessionSummary(plan, 'Brian2 (2.5 or later)'),
    ...(plan.initial.how ? [`The initial state is ${plan.initial.how}: v0 = ${num(plan.initial.v)} mV, u0 = ${num(plan.initial.u)}.`] : []),
    '',
    limitations.length ? 'What this script cannot express, and what that changes:' : 'Every setting of the session carries over.',
    ...limitations,
    '',
    method
      ? `Integration: Brian's "${stepper}" method at dt = ${num(dt)} ms, threshold v >= v_th tested after each step.`
      : `${SCHEME[stepper]} It is written as a run_regularly update at each step's start, so it is the explorer's step for step.`,
    stampAtStart
      ? 'Brian2 stamps a spike at the start of the step after which it was detected, as the author\'s scheme does.'
      : 'Brian2 stamps a spike at the start of the step after which v >= v_th was found; the explorer (and NEST, dynlib) ' +
        'at its end: the script adds dt to the times it reports, so they compare directly.',
    ...(plan.refractory > 0 ? [`After each spike v and u are held for ${num(plan.refractory)} ms, the steps the explorer holds` +
      (method ? ' (Brian\'s refractoriness, counted from its stamp of the spike one step earlier, so set one step longer).' : '.')] : []),
    '',
    ...usageParagraphs(figureFile, [
      'BRIAN2_TARGET=numpy|cython chooses Brian\'s code generation (default "auto": cython when a compiler is there, ' +
        'fastest for long runs; numpy needs none and starts at once).',
    ]),
  ]);

  // Model: parameters are per-neuron constants, changed between the runs of the segments.
  const paramNames = PARAM_KEYS.map((k) => (k === 'I' && ramps ? 'I0' : k));
  const hold = plan.refractory > 0 ? ' (unless refractory)' : '';
  const eqLines: string[] = [];
  if (method) {
    eqLines.push(`dv/dt = (k2*v**2 + k1*v + k0 - u + I)/ms : 1${hold}`, `du/dt = a*(b*(v - vref) - ucoef*u)/ms : 1${hold}`);
    if (ramps) eqLines.push('I = I0 + slope*(t/ms - t_seg) : 1  # the current, a ramp within a segment');
  } else {
    eqLines.push('v : 1', 'u : 1');
  }
  for (const p of paramNames) eqLines.push(`${p} : 1`);
  if (ramps) eqLines.push('slope : 1', 't_seg : 1');
  if (stepper === 'exp_euler') eqLines.push('phi : 1  # exponential-Euler weight of du/dt over one step, ms');
  if (plan.vMin !== null) eqLines.push('v_min : 1');
  const threshold = sequential ? 'v > v_th' : 'v >= v_th';
  // Brian counts the hold from its stamp t_n; the explorer from the spike's time, t_n + dt in the step-stamped schemes.
  const refractory = plan.refractory > 0 && method ? `, refractory=${pyFloat(Number((plan.refractory + dt).toPrecision(12)))} * b2.ms` : '';
  const ownHold = plan.refractory > 0 && !method;
  if (ownHold) eqLines.push('t_last : second  # the start of the step in which the last spike was found');
  // Steps held after the spike's step t_n: the explorer holds refractory/dt of them (those starting in [t_n + dt,
  // t_n + dt + refractory) when the spike is stamped at the step's end; t_n < t <= t_n + refractory in the author's scheme).
  const holdSteps = Math.max(0, Math.round(plan.refractory / dt));
  const reset = ownHold ? 'v = c; u += d; t_last = t' : 'v = c; u += d';

  const first = plan.segments[0];
  const L: string[] = [];
  L.push('#!/usr/bin/env python3', header, '');
  L.push('import json', 'import os', '', 'import matplotlib', 'import matplotlib.pyplot as plt', 'import numpy as np', 'import brian2 as b2', '');
  L.push('b2.prefs.codegen.target = os.environ.get("BRIAN2_TARGET", "auto")');
  L.push(`DT = ${pyFloat(dt)}  # ms`);
  L.push('b2.defaultclock.dt = DT * b2.ms');
  L.push(`TRANSIENT_STEPS = ${pyInt(plan.transientSteps)}  # unrecorded, at the first segment's parameters`);
  L.push(`NAME = ${pyStr(session.name)}`, '');
  L.push(figureConstants(plan), '');
  L.push(`EQUATIONS = """\n${eqLines.join('\n')}\n"""`);
  if (ownHold) L.push(`HOLD_STEPS = ${pyInt(holdSteps)}  # steps held after the step of a spike (refractory ${num(plan.refractory)} ms)`);
  L.push(`neuron = b2.NeuronGroup(1, EQUATIONS, threshold=${pyStr(threshold)}, reset=${pyStr(reset)}${refractory}, ` +
    `${method ? `method=${pyStr(stepper)}, ` : ''}namespace={})`);
  if (!method) {
    L.push('# One update per step at the step\'s start time t, before the threshold test.');
    L.push(`neuron.run_regularly("""\n${updateCode(stepper, ramps, plan.vMin, ownHold)}\n""", when="groups")`);
  } else if (plan.vMin !== null) {
    L.push('# The lower clamp of v (NEST\'s V_min), after each step and before the threshold test.');
    L.push('neuron.run_regularly("v = clip(v, v_min, 1e300)", when="groups", order=1)');
  }
  L.push(`neuron.v = ${pyFloat(plan.initial.v)}`, `neuron.u = ${pyFloat(plan.initial.u)}`);
  L.push(paramLine('neuron', PARAM_KEYS, first, ramps).replace(/; /g, '\n'));
  if (ramps) L.push('neuron.slope = 0.0', 'neuron.t_seg = 0.0');
  if (plan.vMin !== null) L.push(`neuron.v_min = ${pyFloat(plan.vMin)}`);
  if (ownHold) L.push('neuron.t_last = -1e9 * b2.second');
  const phi = (s: PlanSegment) => `neuron.phi = ${pyFloat(expEulerPhi(plan, s))}`;
  if (stepper === 'exp_euler') L.push(phi(first));
  L.push('');
  L.push('state = b2.StateMonitor(neuron, ["v", "u"], record=0)', 'spikes = b2.SpikeMonitor(neuron)');
  L.push('net = b2.Network(neuron, state, spikes)', '');
  if (plan.transientSteps > 0) {
    L.push(`# transient: ${num(session.transient)} ms, not recorded`);
    L.push('state.active = False', 'spikes.active = False', 'net.run(TRANSIENT_STEPS * DT * b2.ms)', 'state.active = True', 'spikes.active = True', '');
  }
  for (const s of plan.segments) {
    L.push(segmentComment(s));
    if (s.index > 0 && s.changed.length) L.push(paramLine('neuron', s.changed, s, ramps));
    if (s.index > 0 && stepper === 'exp_euler' && (s.changed.includes('a') || s.changed.includes('ucoef'))) L.push(phi(s));
    // Brian's clock counts the transient too: the ramp's origin is the segment's start on that clock.
    if (ramps) L.push(`neuron.slope = ${pyFloat(s.slope)}; neuron.t_seg = TRANSIENT_STEPS * DT + ${pyFloat(s.rampOrigin)}`);
    if (s.steps > 0) L.push(`net.run(${pyInt(s.steps)} * DT * b2.ms)`);
  }
  L.push('');
  L.push('# Recorded time: steps since the end of the transient, times DT' + (stampAtStart ? '.' : ' (+ DT: the explorer stamps a spike at the step\'s end).'));
  L.push('steps = np.round(spikes.t_ / (DT * 1e-3)).astype(np.int64) - TRANSIENT_STEPS');
  L.push(`spike_times = (steps${stampAtStart ? '' : ' + 1'}) * DT`);
  L.push('t = np.round(state.t_ / (DT * 1e-3)).astype(np.int64) - TRANSIENT_STEPS');
  L.push('t = t * DT');
  L.push('');
  L.push(segmentCounts(stampAtStart));
  L.push('', PLOT_FUNCTION, '', '');
  L.push('fig = plot_session(t, state.v[0], state.u[0], spike_times, NAME)');
  L.push(showOrSave(figureFile));
  L.push(PRINT_SPIKES, '');
  return L.join('\n');
}
