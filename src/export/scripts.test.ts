// Tests of "Export as script": every target's script for the reference scenario, every gallery experiment (author's
// and accurate scheme) and awkward sessions (ramps from t = 0, float32, segment ends off the grid, changed equation
// coefficients, quotes and backslashes in labels) compiles with Python (py_compile); the scripts equal reviewed golden
// files (src/export/golden, rewritten with UPDATE_GOLDEN=1 and then read again by a person); the opening comment says
// what the target cannot express; the settings each script reproduces are the ones stated. dynlib and NEST cannot be
// installed here, so their scripts are compiled and reviewed, not run (the Brian2 scripts run in brian2.run.test.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPERIMENTS, getExperiment } from '../model/experiments';
import { MODELS } from '../model/models';
import { parseSession } from '../model/schema';
import type { Session } from '../model/session';
import reference from '../model/sessions/reference.json';
import { accurateIntegration } from '../state/experimentLink';
import { planScript } from './plan';
import { SCRIPT_TARGETS, SCRIPT_TARGET_INFO, exportScript } from './scripts';

export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const parsed = (x: unknown): Session => {
  const r = parseSession(x);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.session;
};

const REF = parsed(reference);
const experiment = (id: string, accurate = false): Session => {
  const e = getExperiment(id)!;
  return parsed(accurate ? { ...e.session, integration: accurateIntegration(e) } : e.session);
};

/** Sessions that exercise every branch of the generators. */
const AWKWARD: Record<string, Session> = {
  ramp_from_zero: parsed({
    name: 'ramp from zero', integration: { stepper: 'euler', spikes: 'step', precision: 'float64', dt: 0.1 },
    protocol: [{ until: 100, assign: { I: 0 }, slope: 0.2, label: 'ramp' }, { until: 150, assign: { I: 3 } }],
  }),
  off_grid_float32: parsed({
    name: 'off grid', transient: 12.345, integration: { stepper: 'rk4', spikes: 'exact', precision: 'float32', dt: 0.1 },
    protocol: [{ until: 50.07, assign: { I: 5 } }, { until: 120.123, preset: 'chattering', assign: { I: 12, d: 3 } }, { until: 200, preset: 'thalamo_cortical' }],
  }),
  coefficients: parsed({
    name: 'coefficients', params: { k1: 4.1, k0: 108, vref: -65, ucoef: 0 },
    protocol: [{ until: 100, assign: { I: 2 }, slope: 0.01 }, { until: 200, assign: { k2: 0.05 } }],
  }),
  hostile_text: parsed({
    name: 'quotes " \' """ \\ \u00e9\u2013\u65e5 ${x} {y}', protocol: [{ until: 10, label: 'a "b" \'c\' """ \\n \\ %s {0} <5' }, { until: 20, label: "''' end" }],
  }),
  new_steppers_options: parsed({
    name: 'exp euler', initial: { v: -70, u: 0, mode: 'b_v0' }, options: { vMin: -72, refractory: 1.5 },
    integration: { stepper: 'exp_euler', spikes: 'step', dt: 0.1, precision: 'float64' },
    protocol: [{ until: 50, assign: { I: 0 } }, { until: 300, assign: { I: 12, a: 0.03 }, slope: 0.02 }],
  }),
  halfstep_rest: parsed({
    name: 'half step', initial: { v: -70, u: 0, mode: 'rest' }, options: { vMin: -80 },
    integration: { stepper: 'euler_halfstep', spikes: 'exact', dt: 0.1, precision: 'float32' },
    protocol: [{ until: 100, assign: { I: 0 } }, { until: 200, assign: { I: 10 } }],
  }),
  tiny_dt: parsed({ name: 'tiny dt', integration: { dt: 0.0005, stepper: 'euler', spikes: 'step', precision: 'float64' }, protocol: [{ until: 1 }] }),
};

const ALL: Array<[string, Session]> = [
  ['reference', REF],
  ...EXPERIMENTS.flatMap((e): Array<[string, Session]> => [[e.id, experiment(e.id)], [`${e.id}_accurate`, experiment(e.id, true)]]),
  ...Object.entries(AWKWARD),
];

const text = (target: (typeof SCRIPT_TARGETS)[number], session: Session): string => {
  const r = exportScript(target, { kind: 'neuron', session });
  if (!r.ok) throw new Error(r.message);
  return r.text;
};

const dir = mkdtempSync(join(tmpdir(), 'izh-scripts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOLDEN = new URL('./golden/', import.meta.url);
const GOLDEN_CASES: Array<[string, Session]> = [
  ['reference', REF],
  ['tonic_bursting', experiment('tonic_bursting')],
  ['class1_excitability', experiment('class1_excitability')],
  ['accommodation_accurate', experiment('accommodation', true)],
  ['off_grid_float32', AWKWARD.off_grid_float32],
  ['new_steppers_options', AWKWARD.new_steppers_options],
];

describe('export as script', () => {
  it('every script compiles with Python (py_compile), for every target and session', () => {
    const files: string[] = [];
    let refused = 0;
    for (const [name, session] of ALL) {
      for (const target of SCRIPT_TARGETS) {
        const r = exportScript(target, { kind: 'neuron', session });
        if (!r.ok) {
          // Only the 2007 book cells with special rules (LTS, FS, TC, RTN) are refused, with the reason.
          expect(session.model, name).toBe('izh2007');
          expect(r.message).toMatch(/special rules of the 2007 book's cells/);
          refused++;
          continue;
        }
        const file = join(dir, `${name}_${target}.py`);
        writeFileSync(file, r.text);
        files.push(file);
      }
    }
    expect(refused).toBeLessThan(files.length / 4);
    // One interpreter for all of them; a syntax error names the file and line and fails the test.
    const code = 'import py_compile, sys\nfor f in sys.argv[1:]:\n    py_compile.compile(f, doraise=True)\nprint(len(sys.argv) - 1)';
    const out = execFileSync(PYTHON, ['-c', code, ...files], { encoding: 'utf8' });
    expect(Number(out.trim())).toBe(files.length);
  }, 60_000);

  it('equals the reviewed golden files (UPDATE_GOLDEN=1 rewrites them)', () => {
    for (const [name, session] of GOLDEN_CASES) {
      for (const target of SCRIPT_TARGETS) {
        const script = text(target, session);
        const file = new URL(`${name}.${target}.py`, GOLDEN);
        if (process.env.UPDATE_GOLDEN) writeFileSync(file, script);
        expect(script, `${name}.${target}.py`).toBe(readFileSync(file, 'utf8'));
      }
    }
  });

  it('ends with the spike times as JSON and names the file after the session', () => {
    for (const target of SCRIPT_TARGETS) {
      const r = exportScript(target, { kind: 'neuron', session: REF });
      if (!r.ok) throw new Error(r.message);
      expect(r.fileName).toBe(`dynlib-izhikevich-current-steps_${target}.py`);
      const lines = r.text.trimEnd().split('\n');
      expect(lines[lines.length - 1]).toMatch(/^print\(json\.dumps\(\[round\(.*spike_times\]\)\)$/);
      expect(r.text.startsWith('#!/usr/bin/env python3\n# "dynlib-izhikevich-current-steps"')).toBe(true);
      expect(r.text).toMatch(/MPLBACKEND=Agg/);
      expect(r.text).toMatch(/savefig/);
    }
  });

  it('says in the opening comment what each target cannot express', () => {
    const head = (target: (typeof SCRIPT_TARGETS)[number], s: Session) => {
      const text = SCRIPT_TARGET_INFO[target].script(s);
      return text.slice(0, text.indexOf('\nimport '));
    };
    // Reference: rk4, exact spikes, float32.
    expect(head('brian2', REF)).toMatch(/exact spike times/);
    expect(head('brian2', REF)).toMatch(/float32/);
    expect(head('dynlib', REF)).toMatch(/exact spike times/);
    expect(head('dynlib', REF)).not.toMatch(/float32:/); // dynlib runs float32 itself
    expect(head('nest', REF)).toMatch(/- rk4: NEST's izhikevich model integrates with forward Euler/);
    // The author's scheme with changed coefficients: NEST can express neither; Brian2 and dynlib both.
    const c1 = experiment('class1_excitability');
    expect(head('nest', c1)).toMatch(/changed equation coefficients/);
    expect(head('nest', c1)).toMatch(/the author's scheme/);
    expect(head('brian2', c1)).toMatch(/Every setting of the session carries over/);
    expect(head('dynlib', c1)).toMatch(/Every setting of the session carries over/);
    expect(head('dynlib', c1)).toMatch(/written inline/);
    // Boundaries between grid points and an off-grid transient.
    expect(SCRIPT_TARGET_INFO.brian2.limitations(AWKWARD.off_grid_float32).join(' '))
      .toMatch(/segment ends between grid points \(50\.07, 120\.123 ms\) and the transient of 12\.345 ms/);
    // A ramp from t = 0 without transient: NEST's generator cannot reach the second step.
    expect(head('nest', AWKWARD.ramp_from_zero)).toMatch(/a ramp in the first two steps/);
    expect(head('nest', AWKWARD.ramp_from_zero)).not.toMatch(/forward Euler;/);
    // A session every target expresses fully.
    const plain = parsed({ integration: { stepper: 'euler', spikes: 'step', precision: 'float64', dt: 0.1 }, protocol: [{ until: 100 }] });
    for (const t of SCRIPT_TARGETS) expect(head(t, plain)).toMatch(/Every setting of the session carries over/);
  });

  it('states the engine settings each script reproduces', () => {
    expect(SCRIPT_TARGET_INFO.brian2.matching(REF)?.integration).toEqual({ dt: 0.01, stepper: 'rk4', spikes: 'step', precision: 'float64' });
    expect(SCRIPT_TARGET_INFO.dynlib.matching(REF)?.integration).toEqual({ dt: 0.01, stepper: 'rk4', spikes: 'step', precision: 'float32' });
    expect(SCRIPT_TARGET_INFO.nest.matching(REF)?.integration).toEqual({ dt: 0.01, stepper: 'euler', spikes: 'step', precision: 'float64' });
    expect(SCRIPT_TARGET_INFO.nest.matching(experiment('tonic_bursting'))).toBeNull(); // the author's scheme
    expect(SCRIPT_TARGET_INFO.nest.matching(AWKWARD.coefficients)).toBeNull();
    expect(SCRIPT_TARGET_INFO.nest.matching(AWKWARD.ramp_from_zero)).toBeNull();
    // Off-grid ends move to the nearest grid point, as the scripts run them.
    const m = SCRIPT_TARGET_INFO.brian2.matching(AWKWARD.off_grid_float32)!;
    expect(m.protocol.map((s) => s.until)).toEqual([50.1, 120.1, 200]);
    expect(m.transient).toBe(12.3);
  });

  it('writes the 2007 form in its generalised form, and refuses the book cells\' special rules with a message', () => {
    const m = MODELS.izh2007;
    const rs = parsed({ model: 'izh2007', params: { ...m.defaults, ...m.presets.RS.values }, initial: { v: -60, u: 0 }, protocol: [{ until: 100, assign: { I: 100 } }] });
    for (const t of SCRIPT_TARGETS) expect(text(t, rs)).toMatch(/2007 form/);
    const lts = parsed({ model: 'izh2007', params: { ...m.defaults, ...m.presets.LTS.values }, protocol: [{ until: 100 }] });
    const r = exportScript('brian2', { kind: 'neuron', session: lts });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/special rules of the 2007 book's cells/);
  });

  it('refuses a session whose initial state does not resolve, with the engine\'s message', () => {
    const s = parsed({ initial: { v: -70, u: 0, mode: 'rest' }, protocol: [{ until: 10, assign: { I: 40 } }] });
    for (const t of SCRIPT_TARGETS) {
      const r = exportScript(t, { kind: 'neuron', session: s });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/Cannot start at the resting equilibrium/);
    }
  });

  it('carries the peers\' options and initial modes over where the target has them', () => {
    const s = AWKWARD.new_steppers_options;
    expect(text('nest', s)).toMatch(/"V_min": -72\.0/);
    expect(SCRIPT_TARGET_INFO.nest.limitations(s).join(' ')).toMatch(/refractory period of 1\.5 ms: NEST's izhikevich model has none/);
    expect(SCRIPT_TARGET_INFO.nest.limitations(s).join(' ')).toMatch(/exp_euler/);
    expect(SCRIPT_TARGET_INFO.nest.matching(s)).toBeNull();
    expect(text('brian2', s)).toMatch(/HOLD_STEPS = 15/);
    expect(text('brian2', s)).toMatch(/u_next = u \+ phi\*/);
    // u0 = b·v0 resolved: 0.2 · −70.
    expect(text('brian2', s)).toMatch(/^neuron\.u = -14\.0$/m);
    expect(text('dynlib', s)).toMatch(/^sim\.assign\(v=-70\.0, u=-14\.0\)  # u0 = b\*\(v0 - vref\)\/ucoef/m);
    expect(SCRIPT_TARGET_INFO.dynlib.limitations(s).join(' ')).toMatch(/refractory period of 1\.5 ms: this script has none/);
    const h = AWKWARD.halfstep_rest;
    expect(text('nest', h)).toMatch(/"consistent_integration": False/);
    expect(SCRIPT_TARGET_INFO.nest.matching(h)?.integration.stepper).toBe('euler_halfstep');
    expect(SCRIPT_TARGET_INFO.nest.matching(h)?.options).toEqual({ vMin: -80 });
  });

  it('plans the author\'s scheme on its grid: steps per segment as the engine takes them, the end point included', () => {
    const p = planScript(experiment('tonic_bursting'));
    // dt 0.25, the step at 22 ms (t > 22 in the script: 22 is still I = 0): grid points 0 … 22 (89) before it,
    // 22.25 … 220 (792) after, 220 itself included.
    expect(p.segments.map((s) => s.steps)).toEqual([89, 792]);
    expect(p.segments.map((s) => s.firstStep)).toEqual([0, 89]);
    // A boundary without untilInclusive: its grid point belongs to the later segment.
    const q = planScript(parsed({ integration: { stepper: 'euler_sequential', dt: 0.5 }, protocol: [{ until: 10 }, { until: 20 }] }));
    expect(q.segments.map((s) => [s.firstStep, s.steps])).toEqual([[0, 20], [20, 21]]);
    const r = planScript(REF);
    expect(r.transientSteps).toBe(5000);
    expect(r.segments.map((s) => s.steps)).toEqual([30000, 30000, 30000, 30000, 30000]);
  });

  it('writes each segment\'s changes, presets and the protocol\'s runs into the scripts', () => {
    const b = SCRIPT_TARGET_INFO.brian2.script(REF);
    expect(b.match(/^net\.run\(30000 \* DT \* b2\.ms\)$/gm)).toHaveLength(5);
    expect(b).toMatch(/^neuron\.c = -50\.0; neuron\.d = 2\.0; neuron\.I = 10\.0$/m);
    expect(b).toMatch(/^net\.run\(TRANSIENT_STEPS \* DT \* b2\.ms\)$/m);
    const n = SCRIPT_TARGET_INFO.nest.script(REF);
    expect(n.match(/^nest\.Simulate\(300\.0\)$/gm)).toHaveLength(5);
    expect(n).toMatch(/^nest\.Simulate\(50\.0\)$/m);
    expect(n).toMatch(/^neuron\.set\(\{"c": -50\.0, "d": 2\.0, "I_e": 10\.0\}\)$/m);
    const d = SCRIPT_TARGET_INFO.dynlib.script(REF);
    expect(d).toMatch(/^sim\.run\(T=T0, transient=TRANSIENT\)$/m);
    expect(d.match(/^sim\.run\(T=T\d, resume=True\)$/gm)).toHaveLength(4);
    expect(d).toMatch(/^sim\.apply_preset\("bursting"\)\nsim\.assign\(I=10\.0\)$/m);
    // A preset dynlib's builtin model does not have becomes assigned values.
    const t = SCRIPT_TARGET_INFO.dynlib.script(AWKWARD.off_grid_float32);
    expect(t).toMatch(/# preset "chattering" \(a=0\.02, b=0\.2, c=-50, d=2\) as assigned values\nsim\.assign\(/);
  });
});
