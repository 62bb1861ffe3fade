// The session as a runnable dynlib script in the style of dynlib's own Izhikevich example (seed 000): setup of the
// builtin model with the session's stepper and dtype, config(dt), assign, run(T, transient) then run(resume=True) per
// segment, preset switches as apply_preset (dynlib's presets) or assign of their values, the v(t) plot with vbands and
// vlines, snapshots printed. Changed equation coefficients, ramps and the author's scheme use an inline model instead.

import { PARAM_KEYS, type ParamKey } from '../model/params';
import { modelOf } from '../model/models';
import type { Session } from '../model/session';
import { fileBaseName } from './fileName';
import {
  NEURON_KEYS, exactSpikesNote, expEulerPhi, num, matchingInitial, planScript, sessionSummary, usageParagraphs, type PlanSegment, type ScriptPlan,
} from './plan';
import { commentBlock, oneLine, pyFloat, pyStr } from './python';

/** The presets of dynlib's builtin izhikevich model (src/dynlib/models/ode/izhikevich.toml), with the same values as ours. */
export const DYNLIB_PRESETS: readonly string[] = ['regular_spiking', 'intrinsic_bursting', 'bursting', 'fast_spiking', 'low_threshold', 'resonator'];

/** Whether the builtin model (fixed equation, no time dependence, dynlib's own steppers) can run the session. */
function usesBuiltin(plan: ScriptPlan): boolean {
  return plan.standardEquation && !plan.ramps && DYNLIB_STEPPERS.includes(plan.session.integration.stepper);
}

/** The explorer's steppers that are dynlib steppers of the same name; the others are written into the model. */
const DYNLIB_STEPPERS: readonly string[] = ['rk4', 'euler'];

/**
 * The engine settings whose run the dynlib script should reproduce step for step: the same stepper, dt and precision,
 * spikes tested after each step (dynlib's reset event in phase "end"). Checked here only by reading the script
 * (dynlib cannot be installed on this machine); the peers' note records 45 spikes for the seed's scenario, equal to the
 * engine's rk4 + step + float32.
 */
export function dynlibMatching(session: Session): Session | null {
  const plan = planScript(session);
  if (plan.refractory > 0) return null;
  return { ...session, initial: matchingInitial(plan), integration: { ...session.integration, spikes: 'step' } };
}

/** What the dynlib script cannot express, and what that changes. */
export function dynlibLimitations(plan: ScriptPlan): string[] {
  const out: string[] = [];
  if (plan.refractory > 0) {
    out.push(`- the refractory period of ${num(plan.refractory)} ms: this script has none (dynlib's events cannot hold the ` +
      'state for a while), so v and u move on right after each reset and spikes can follow each other sooner.');
  }
  if (plan.exactSpikes) out.push(exactSpikesNote(plan.dt));
  if (plan.offGrid.length || plan.transientOffGrid) {
    out.push('- times between grid points (segment ends or the transient): dynlib runs to each T on its own; the explorer ' +
      'takes a shortened step there. Where dynlib rounds to whole steps instead, spike times can move by up to a step.');
  }
  return out;
}

/** The inline model: the explorer's equation with every coefficient a parameter, a ramp term, the spike log. */
function inlineModel(plan: ScriptPlan): string {
  const p = plan.segments[0].params;
  const stepper = plan.session.integration.stepper;
  const input = 'I' + (plan.ramps ? ' + slope * (t - t_seg)' : '');
  const f = (v: string, u: string) => `k2 * ${v} * ${v} + k1 * ${v} + k0 - ${u} + ${input}`;
  const g = (v: string, u: string) => `a * (b * (${v} - vref) - ucoef * ${u})`;
  // The first-order schemes as dynlib's euler (x + h * dx per step) with dv, du chosen so that each step is the scheme's.
  let dv = f('v', 'u');
  let du = g('v', 'u');
  if (stepper === 'euler_sequential') {
    du = g(`(v + h * (${f('v', 'u')}))`, 'u'); // u takes the new v
  } else if (stepper === 'euler_halfstep') {
    const w = `(v + 0.5 * h * (${f('v', 'u')}))`;
    dv = `0.5 * (${f('v', 'u')}) + 0.5 * (${f(w, 'u')})`; // v + h*dv = two half steps with the same u
    du = g(`(v + h * (${dv}))`, 'u');
  } else if (stepper === 'exp_euler') {
    du = `phi / h * ${g('v', 'u')}`; // u + h*du = u + phi * g: exponential Euler
    dv = f('v', `(u + phi * ${g('v', 'u')})`); // v with the new u
  }
  const params = PARAM_KEYS.map((k) => `${k} = ${pyFloat(p[k])}`);
  if (plan.ramps) params.push('slope = 0.0', 't_seg = 0.0');
  if (!DYNLIB_STEPPERS.includes(stepper)) params.push(`h = ${pyFloat(plan.dt)}  # the step`);
  if (stepper === 'exp_euler') params.push(`phi = ${pyFloat(expEulerPhi(plan, plan.segments[0]))}  # (1 - exp(-a*ucoef*h))/(a*ucoef), set per segment`);
  if (plan.vMin !== null) params.push(`v_min = ${pyFloat(plan.vMin)}`);
  return `MODEL = '''
inline:
[model]
type = "ode"

[states]
v = ${pyFloat(plan.initial.v)}
u = ${pyFloat(plan.initial.u)}

[params]
${params.join('\n')}

[equations]
expr = """
dv = ${dv}
du = ${du}
"""
${plan.vMin !== null ? VMIN_EVENT : ''}
[events.reset]
cond = "${plan.sequential ? 'v > v_th' : 'v >= v_th'}"
phase = "end"
action = """
v = c
u = u + d
"""
log = ["t"]
'''`;
}

/** The lower clamp of v (NEST's V_min) as an event after each step. */
const VMIN_EVENT = `
[events.clamp]
cond = "v < v_min"
phase = "end"
action = "v = v_min"
`;

/** The mod that makes the builtin model's reset event log its time (the spike times). */
const SPIKE_LOG_MOD = `SPIKE_LOG = '''
inline:
[mod]
name = "log_spike_times"

[mod.replace.events.reset]
cond = "v >= v_th"
phase = "end"
action = """
v = c
u = u + d
"""
log = ["t"]
'''`;

/** The mod adding the lower clamp of v to the builtin model (a parameter and an event). */
const VMIN_MOD = (vMin: number) => `VMIN_CLAMP = '''
inline:
[mod]
name = "clamp_v"

[mod.add.params]
v_min = ${pyFloat(vMin)}

[mod.add.events.clamp]
cond = "v < v_min"
phase = "end"
action = "v = v_min"
'''`;

/** assign(...) of the given keys' values in a segment. */
function assignCall(s: PlanSegment, keys: readonly ParamKey[]): string {
  return `sim.assign(${keys.map((k) => `${k}=${pyFloat(s.params[k])}`).join(', ')})`;
}

export function dynlibScript(session: Session): string {
  const plan = planScript(session);
  const builtin = usesBuiltin(plan);
  const figureFile = `${fileBaseName(session.name)}_dynlib.png`;
  const limitations = dynlibLimitations(plan);
  const integ = session.integration;
  const stepper = DYNLIB_STEPPERS.includes(integ.stepper) ? integ.stepper : 'euler';
  const modelNote = builtin
    ? 'The model is dynlib\'s builtin izhikevich (the same equation, reset and presets), its reset event logging the spike times.'
    : `The model is written inline (dynlib's DSL) because the session ${[
      !plan.standardEquation ? 'changes the equation coefficients' : '',
      plan.ramps ? 'ramps its current (I + slope * (t - t_seg))' : '',
      plan.sequential ? 'uses the author\'s scheme (euler_sequential: dynlib\'s euler with u updated from the new v, ' +
        'v + h * dv, which is that scheme step for step; its spikes, v > v_th, are stamped at the step\'s end and ' +
        'reported one step earlier, at its start, as the author\'s scheme does)' : '',
      integ.stepper === 'euler_halfstep' ? 'uses the half-step scheme (euler_halfstep: dynlib\'s euler with dv the mean of ' +
        'the slopes of two half steps and u from the new v, which is that scheme step for step)' : '',
      integ.stepper === 'exp_euler' ? 'uses exponential Euler for u (exp_euler: dynlib\'s euler with du scaled by ' +
        'phi / h and v from the new u, which is that scheme step for step)' : '',
    ].filter(Boolean).join(', ')}.`;
  const header = commentBlock([
    ...sessionSummary(plan, 'dynlib'),
    '',
    limitations.length ? 'What this script cannot express, and what that changes:' : 'Every setting of the session carries over.',
    ...limitations,
    '',
    modelNote,
    `Integration: dynlib's "${stepper}" stepper at dt = ${num(plan.dt)} ms in ${integ.precision}, the reset event tested ` +
      'after each step (phase "end"), as the explorer\'s step-detected spikes.',
    '',
    ...usageParagraphs(figureFile),
  ]);

  const L: string[] = [];
  L.push('#!/usr/bin/env python3', header, '');
  L.push('import json', '', 'import matplotlib', 'from dynlib import setup', 'from dynlib.plot import series, fig, export', '');
  if (builtin) {
    L.push(SPIKE_LOG_MOD, '');
    if (plan.vMin !== null) L.push(VMIN_MOD(plan.vMin), '');
    L.push(`sim = setup("builtin://ode/izhikevich", stepper=${pyStr(stepper)}, jit=True, dtype=${pyStr(integ.precision)}, ` +
      `mods=[SPIKE_LOG${plan.vMin !== null ? ', VMIN_CLAMP' : ''}])`);
  } else {
    L.push(inlineModel(plan), '');
    L.push(`sim = setup(MODEL, stepper=${pyStr(stepper)}, jit=True, dtype=${pyStr(integ.precision)})`);
  }
  L.push('');
  L.push(`TRANSIENT = ${pyFloat(session.transient)}  # ms, unrecorded, at the first segment's parameters`);
  // Each segment's end time. The author's scheme samples whole grid steps (the last segment's end point included), so
  // there each T is where the segment's last grid step ends; otherwise the session's own end times.
  const T = plan.segments.map((s, i) => {
    const end = plan.sequential ? Number(((s.firstStep + s.steps) * plan.dt).toPrecision(12)) : s.until;
    return `T${i} = ${pyFloat(end)}${plan.sequential && end !== s.until ? `  # the segment ends at ${num(s.until)} ms; its last step (the author's scheme) ends here` : ''}`;
  });
  L.push(...T, '');
  L.push(`sim.config(dt=${pyFloat(plan.dt)})`);
  L.push(`sim.assign(v=${pyFloat(plan.initial.v)}, u=${pyFloat(plan.initial.u)})${plan.initial.how ? `  # ${plan.initial.how}` : ''}`);
  const keysOf = (s: PlanSegment) => (builtin ? NEURON_KEYS : PARAM_KEYS).filter((k) => s.changed.includes(k));
  for (const s of plan.segments) {
    const i = s.index;
    L.push(`# segment ${i + 1}: ${num(s.start)}-${num(s.until)} ms, "${oneLine(s.label)}"${s.slope ? `; I ramps by ${num(s.slope)} per ms` : ''}`);
    let keys = keysOf(s);
    if (i === 0) keys = (builtin ? NEURON_KEYS : PARAM_KEYS).slice();
    const presetValues = s.preset ? modelOf(session).presets[s.preset]?.values ?? {} : {};
    if (s.preset && i > 0 && builtin && (session.model ?? 'izh2003') === 'izh2003' && DYNLIB_PRESETS.includes(s.preset)) {
      L.push(`sim.apply_preset(${pyStr(s.preset)})`);
      const preset = presetValues as Record<string, number>;
      // The preset sets its keys; anything else that changes (or differs from the preset) is assigned after it.
      keys = keys.filter((k) => !(k in preset) || preset[k] !== s.params[k]);
    } else if (s.preset) {
      L.push(`# preset "${s.preset}" (${Object.entries(presetValues).map(([k, v]) => `${k}=${num(v as number)}`).join(', ')}) as assigned values`);
    }
    if (keys.length) L.push(assignCall(s, keys));
    if (integ.stepper === 'exp_euler' && (i === 0 ? false : s.changed.includes('a') || s.changed.includes('ucoef'))) {
      L.push(`sim.assign(phi=${pyFloat(expEulerPhi(plan, s))})`);
    }
    // dynlib's clock counts the transient; its results are shifted back to recorded time, the model's t is not.
    if (plan.ramps) L.push(`sim.assign(slope=${pyFloat(s.slope)}, t_seg=TRANSIENT + ${pyFloat(s.rampOrigin)})`);
    L.push(`sim.create_snapshot(${pyStr(`${i + 1}: ${s.label}`.slice(0, 100))})`);
    L.push(i === 0 ? `sim.run(T=T0, transient=TRANSIENT)` : `sim.run(T=T${i}, resume=True)`);
  }
  L.push('');
  L.push('res = sim.results()');
  L.push(plan.sequential
    ? `spike_times = [float(t) - ${pyFloat(plan.dt)} for t in res.event("reset").t]  # stamped at the step's start, as the author's scheme does`
    : 'spike_times = [float(t) for t in res.event("reset").t]');
  L.push('');
  L.push('# dynlib 0.40 names the single-series plot series.line; earlier versions (the seed example) series.plot.');
  L.push('plot_series = getattr(series, "line", None) or getattr(series, "plot")');
  L.push('ax = fig.single(size=(8, 4))');
  L.push('plot_series(');
  L.push('    x=res.t,');
  L.push('    y=res["v"],');
  L.push('    ax=ax,');
  L.push(`    ylim=(${pyFloat(plan.vRange[0])}, ${pyFloat(plan.vRange[1])}),`);
  L.push(`    title=${pyStr(`${session.name}: membrane potential (v)`)},`);
  const startOf = (i: number) => (plan.sequential ? pyFloat(plan.segments[i].start) : i === 0 ? pyFloat(0) : `T${i - 1}`);
  const endOf = (i: number) => (plan.sequential ? pyFloat(plan.segments[i].until) : `T${i}`);
  L.push(`    vbands=[${plan.segments.map((s) => `(${startOf(s.index)}, ${endOf(s.index)}, ${pyStr(s.color)})`).join(', ')}],`);
  L.push(`    vlines=[${plan.segments.map((s) => `(${startOf(s.index)}, ${pyStr(s.label)})`).join(', ')}],`);
  L.push('    vlines_color="red",');
  L.push(')');
  L.push('if matplotlib.get_backend().lower() in ("agg", "cairo", "pdf", "pgf", "ps", "svg", "template"):');
  L.push(`    export.savefig(ax, ${pyStr(figureFile)})`);
  L.push(`    print("figure saved as " + ${pyStr(figureFile)})`);
  L.push('else:');
  L.push('    export.show()');
  L.push('');
  L.push('print("SNAPSHOTS: ", sim.list_snapshots())');
  L.push('print("Snapshot Parameter Vector: ", sim.param_vector(source="snapshot"))');
  L.push('print("Snapshot Parameter Dictionary: ", sim.param_dict(source="snapshot"))');
  L.push('print(json.dumps([round(x, 9) for x in spike_times]))', '');
  return L.join('\n');
}
