// The session as a runnable Brian2 script: one NeuronGroup with the session's equations, threshold and reset, the
// protocol as one run per segment with the parameters changed in between (a ramp as I0 + slope·(t − t_seg)),
// StateMonitor and SpikeMonitor, the explorer's plot. rk4 and euler are Brian's own methods (stamps: see below);
// the author's scheme (euler_sequential) is a run_regularly update, exact. Pure: session in, Python text out.

import { PARAM_KEYS, type ParamKey } from '../model/params';
import type { Session } from '../model/session';
import { fileBaseName } from './fileName';
import {
  exactSpikesNote, num, offGridNote, onGrid, planScript, sessionSummary, usageParagraphs, type PlanSegment, type ScriptPlan,
} from './plan';
import { PLOT_FUNCTION, PRINT_SPIKES, figureConstants, segmentCounts, showOrSave } from './pyplot';
import { commentBlock, oneLine, pyFloat, pyInt, pyStr } from './python';

/**
 * The engine settings whose run the Brian2 script reproduces step for step (up to rounding): the same stepper and dt,
 * spikes tested after each step, double precision, segment ends on the grid.
 */
export function brian2Matching(session: Session): Session {
  const plan = planScript(session);
  const dt = session.integration.dt;
  const protocol = plan.sequential ? session.protocol : onGrid(session, plan);
  const transient = plan.sequential ? session.transient : Number((plan.transientSteps * dt).toPrecision(12));
  return {
    ...session, protocol, transient,
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
function segmentComment(s: PlanSegment, steps: number): string {
  const what = s.preset ? `preset "${s.preset}"${s.presetExplains ? '' : ' and own values'}` : '';
  return `# segment ${s.index + 1}: ${num(s.start)}-${num(s.until)} ms (${steps} steps), "${oneLine(s.label)}"${what ? `; ${what}` : ''}` +
    (s.slope ? `; I ramps by ${num(s.slope)} per ms` : '');
}

export function brian2Script(session: Session): string {
  const plan = planScript(session);
  const { dt } = plan;
  const figureFile = `${fileBaseName(session.name)}_brian2.png`;
  const limitations = brian2Limitations(plan);
  const sequential = plan.sequential;
  const ramps = plan.ramps;
  const stamp = sequential
    ? 'Brian2 stamps a spike at the start of the step after which it was detected, as the author\'s scheme does.'
    : 'Brian2 stamps a spike at the start of the step after which v >= v_th was found; the explorer (and NEST, dynlib) ' +
      'at its end: the script adds dt to the times it reports, so they compare directly.';
  const header = commentBlock([
    ...sessionSummary(plan, 'Brian2 (2.5 or later)'),
    '',
    limitations.length ? 'What this script cannot express, and what that changes:' : 'Every setting of the session carries over.',
    ...limitations,
    '',
    sequential
      ? 'The author\'s scheme (euler_sequential): v is advanced first, then u with the new v, I taken at each step\'s ' +
        'start, a spike when v > v_th; written as a run_regularly update, so it is the explorer\'s step for step.'
      : `Integration: Brian's "${session.integration.stepper}" method at dt = ${num(dt)} ms, threshold v >= v_th tested after each step.`,
    stamp,
    '',
    ...usageParagraphs(figureFile, [
      'BRIAN2_TARGET=numpy|cython chooses Brian\'s code generation (default "auto": cython when a compiler is there, ' +
        'fastest for long runs; numpy needs none and starts at once).',
    ]),
  ]);

  // Model: parameters are per-neuron constants, changed between the runs of the segments.
  const paramNames = PARAM_KEYS.map((k) => (k === 'I' && ramps ? 'I0' : k));
  const eqLines: string[] = [];
  if (sequential) {
    eqLines.push('v : 1', 'u : 1');
  } else {
    eqLines.push('dv/dt = (k2*v**2 + k1*v + k0 - u + I)/ms : 1', 'du/dt = a*(b*(v - vref) - ucoef*u)/ms : 1');
  }
  if (ramps && !sequential) eqLines.push('I = I0 + slope*(t/ms - t_seg) : 1  # the current, a ramp within a segment');
  for (const p of paramNames) eqLines.push(`${p} : 1`);
  if (ramps) eqLines.push('slope : 1', 't_seg : 1');
  const threshold = sequential ? 'v > v_th' : 'v >= v_th';

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
  L.push(`neuron = b2.NeuronGroup(1, EQUATIONS, threshold=${pyStr(threshold)}, reset="v = c; u += d", ` +
    `${sequential ? '' : `method=${pyStr(session.integration.stepper)}, `}namespace={})`);
  if (sequential) {
    L.push('# The author\'s scheme, one update per step at the step\'s start time t (before the threshold test).');
    const I = ramps ? 'I0 + slope*(t/ms - t_seg)' : 'I';
    L.push(`neuron.run_regularly("""\nI_step = ${I}\nv_next = v + dt/ms*(k2*(v*v) + k1*v + k0 - u + I_step)\n` +
      'u = u + dt/ms*a*(b*(v_next - vref) - ucoef*u)\nv = v_next\n""", when="groups")');
  }
  L.push(`neuron.v = ${pyFloat(session.initial.v)}`, `neuron.u = ${pyFloat(session.initial.u)}`);
  L.push(paramLine('neuron', PARAM_KEYS, first, ramps).replace(/; /g, '\n'));
  if (ramps) L.push('neuron.slope = 0.0', 'neuron.t_seg = 0.0');
  L.push('');
  L.push('state = b2.StateMonitor(neuron, ["v", "u"], record=0)', 'spikes = b2.SpikeMonitor(neuron)');
  L.push('net = b2.Network(neuron, state, spikes)', '');
  if (plan.transientSteps > 0) {
    L.push(`# transient: ${num(session.transient)} ms, not recorded`);
    L.push('state.active = False', 'spikes.active = False', 'net.run(TRANSIENT_STEPS * DT * b2.ms)', 'state.active = True', 'spikes.active = True', '');
  }
  for (const s of plan.segments) {
    L.push(segmentComment(s, s.steps));
    if (s.index > 0 && s.changed.length) L.push(paramLine('neuron', s.changed, s, ramps));
    // Brian's clock counts the transient too: the ramp's origin is the segment's start on that clock.
    if (ramps) L.push(`neuron.slope = ${pyFloat(s.slope)}; neuron.t_seg = TRANSIENT_STEPS * DT + ${pyFloat(s.rampOrigin)}`);
    if (s.steps > 0) L.push(`net.run(${pyInt(s.steps)} * DT * b2.ms)`);
  }
  L.push('');
  L.push('# Recorded time: steps since the end of the transient, times DT' + (sequential ? '.' : ' (+ DT: the explorer stamps a spike at the step\'s end).'));
  L.push('steps = np.round(spikes.t_ / (DT * 1e-3)).astype(np.int64) - TRANSIENT_STEPS');
  L.push(`spike_times = (steps${sequential ? '' : ' + 1'}) * DT`);
  L.push('t = np.round(state.t_ / (DT * 1e-3)).astype(np.int64) - TRANSIENT_STEPS');
  L.push('t = t * DT');
  L.push('');
  L.push(segmentCounts(sequential));
  L.push('');
  L.push('', PLOT_FUNCTION, '', '');
  L.push('fig = plot_session(t, state.v[0], state.u[0], spike_times, NAME)');
  L.push(showOrSave(figureFile));
  L.push(PRINT_SPIKES, '');
  return L.join('\n');
}
