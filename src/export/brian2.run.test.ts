// Runs the exported Brian2 scripts (Debian's python3-brian, /usr/bin/python3) for the reference scenario and five
// gallery experiments and compares their spikes with the engine run at the settings the script reproduces
// (brian2Matching: same stepper and dt, spikes tested after each step, double precision). Brian's numpy code target:
// no compiler is needed and nothing is compiled first, which on a fresh machine is faster than cython (measured in
// the notes: 25 s of CPU for the 155,000 steps of the reference scenario, against a 27 s first compile for cython).
//
// Tolerance: the same spike count in every segment and every spike time within 1e-6 ms. Both step on the same grid
// and report the step at which v >= v_th was found (Brian2 stamps the step's start; the script adds dt), so times are
// the same multiples of dt up to the printing of decimals (1e-9); a difference in the arithmetic's rounding could only
// show as a spike one whole step (>= 0.01 ms) early or late, which this tolerance does not hide.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import { getExperiment } from '../model/experiments';
import { MODELS } from '../model/models';
import { parseSession } from '../model/schema';
import type { Session } from '../model/session';
import reference from '../model/sessions/reference.json';
import { accurateIntegration } from '../state/experimentLink';
import { brian2Matching, brian2Script } from './brian2';
import { fileBaseName } from './fileName';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

/** Brian2 is there (Debian's python3-brian; .ci/run installs it). Outside CI a machine without it skips these tests. */
function brian2Available(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import brian2'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const available = brian2Available();
if (!available && process.env.CI) throw new Error('Brian2 is missing: .ci/run must install python3-brian');

const parsed = (x: unknown): Session => {
  const r = parseSession(x);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.session;
};
const experiment = (id: string, accurate = false): Session => {
  const e = getExperiment(id)!;
  return parsed(accurate ? { ...e.session, integration: accurateIntegration(e) } : e.session);
};

const dir = mkdtempSync(join(tmpdir(), 'izh-brian2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome { spikes: number[]; stdout: string }

async function runScript(name: string, session: Session): Promise<Outcome> {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, brian2Script(session));
  const { stdout } = await run(PYTHON, [file], {
    cwd: dir, timeout: 600_000, maxBuffer: 64 << 20,
    env: { ...process.env, MPLBACKEND: 'Agg', BRIAN2_TARGET: 'numpy', PYTHONWARNINGS: 'ignore' },
  });
  const lines = stdout.trimEnd().split('\n');
  return { spikes: JSON.parse(lines[lines.length - 1]) as number[], stdout };
}

/** The engine's spikes and per-segment counts at the settings the script reproduces. */
function engine(session: Session): { spikes: number[]; counts: number[] } {
  const r = simulate(brian2Matching(session), { record: false });
  expect(r.status.kind).toBe('ok');
  return { spikes: Array.from(r.spikes), counts: r.segments.map((s) => s.spikeCount) };
}

function compare(name: string, session: Session, out: Outcome): void {
  const exp = engine(session);
  expect(out.spikes.length, `${name}: spike count`).toBe(exp.spikes.length);
  const worst = Math.max(0, ...out.spikes.map((t, k) => Math.abs(t - exp.spikes[k])));
  expect(worst, `${name}: largest spike time difference (ms)`).toBeLessThan(1e-6);
  // The script's own per-segment summary agrees with the engine's segment statistics.
  const counts = [...out.stdout.matchAll(/^segment \d+ .*: (\d+) spikes$/gm)].map((m) => Number(m[1]));
  expect(counts, `${name}: spikes per segment`).toEqual(exp.counts);
  expect(exp.spikes.length, `${name}: a comparison needs spikes`).toBeGreaterThan(0);
  // The figure was saved (headless: MPLBACKEND=Agg).
  const png = join(dir, `${fileBaseName(session.name)}_brian2.png`);
  expect(statSync(png).size, `${name}: figure`).toBeGreaterThan(20_000);
}

const CASES: Array<[string, Session]> = [
  // The user's scenario: rk4 at 0.01 ms, 50 ms transient, five segments, a preset switch (155,000 steps).
  ['reference', parsed(reference)],
  // The author's scheme (run_regularly): a step onset, bursts.
  ['tonic_bursting', experiment('tonic_bursting')],
  // The author's scheme with a ramp and changed coefficients (k1 = 4.1, k0 = 108).
  ['class1_excitability', experiment('class1_excitability')],
  // Pulses: short segments with boundaries on grid points (untilInclusive).
  ['spike_latency', experiment('spike_latency')],
  // vref = −65, ucoef = 0 and ramps, in the accurate scheme (rk4, dt = 0.01; the ramp's time inside the rk4 stages).
  ['accommodation_accurate', experiment('accommodation', true)],
  // A 2003 cell class in the accurate scheme.
  ['fs_2003_accurate', experiment('fs_2003', true)],
  // The peers' variants (run_regularly updates and options): exponential Euler with u0 = b·v0, the lower clamp of v
  // and a ramp; the half-step scheme, a transient and a refractory hold; rk4 with a hold and a clamp; the author's
  // scheme with a hold.
  ['exp_euler_bv0_vmin', parsed({ name: 'exp euler', initial: { v: -70, u: 0, mode: 'b_v0' }, options: { vMin: -72 },
    integration: { stepper: 'exp_euler', spikes: 'step', dt: 0.1, precision: 'float64' },
    protocol: [{ until: 50, assign: { I: 0 } }, { until: 300, assign: { I: 12 }, slope: 0.02 }, { until: 400, assign: { I: -5 } }] })],
  ['halfstep_refractory', parsed({ name: 'half step', options: { refractory: 2 }, transient: 10,
    integration: { stepper: 'euler_halfstep', spikes: 'step', dt: 0.1, precision: 'float64' }, protocol: [{ until: 300, assign: { I: 14 } }] })],
  ['rk4_refractory_vmin', parsed({ name: 'rk4 hold', options: { refractory: 1.5, vMin: -70 },
    integration: { stepper: 'rk4', spikes: 'step', dt: 0.05, precision: 'float64' },
    protocol: [{ until: 200, assign: { I: 10 }, preset: 'chattering' }, { until: 300, assign: { I: -10 } }] })],
  // The 2007 form (C, k, vr, vt; u and I in pA), run in its generalised form.
  ['rs_2007', parsed({ name: 'rs 2007', model: 'izh2007', params: { ...MODELS.izh2007.defaults, ...MODELS.izh2007.presets.RS.values },
    initial: { v: -60, u: 0 }, integration: { stepper: 'euler', spikes: 'step', dt: 0.1, precision: 'float64' },
    protocol: [{ until: 100, assign: { I: 0 } }, { until: 400, assign: { I: 100 } }] })],
  ['sequential_refractory', parsed({ name: 'sequential hold', options: { refractory: 1 },
    integration: { stepper: 'euler_sequential', dt: 0.25 }, protocol: [{ until: 200, assign: { I: 10 }, preset: 'chattering' }] })],
];

/** Runs tasks at most `k` at a time, in order. */
function limit(k: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return (task) => new Promise((resolve, reject) => {
    const go = () => {
      active++;
      task().then(resolve, reject).finally(() => { active--; waiting.shift()?.(); });
    };
    if (active < k) go(); else waiting.push(go);
  });
}

describe.skipIf(!available)('exported Brian2 scripts, run by Brian2', () => {
  // Two scripts at a time (the machine's two cores), started when the file loads; each test awaits its own.
  const slot = limit(2);
  const outcomes = new Map<string, Promise<Outcome>>();
  if (available) {
    for (const [name, session] of CASES) {
      const p = slot(() => runScript(name, session));
      p.catch(() => {}); // reported by the test that awaits it
      outcomes.set(name, p);
    }
  }
  for (const [name, session] of CASES) {
    it(`${name}: the same spikes as the engine at the script's settings`, async () => {
      compare(name, session, await outcomes.get(name)!);
    }, 600_000);
  }
});
