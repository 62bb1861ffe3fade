// The `analyze` command's logic with injected I/O (tests need no child process): arguments, the session (file or
// experiment, shared loader), the selected segment's parameters and starting state (from a run of the session),
// equilibria and closed-form bifurcations, optionally a parameter sweep (F–I curve, ISIs, rheobase) and the phase
// plane's curves, printed as JSON. Exit status 0 ok, 1 the run stopped before the segment, 2 bad input.

import { isParamKey, type Params } from '../model/params';
import { simulate } from '../engine/simulate';
import { equilibria } from '../analysis/equilibria';
import { bifurcationsInI, localBifurcations } from '../analysis/bifurcations';
import { phasePlane } from '../analysis/phasePlane';
import { restBranches } from '../analysis/branches';
import {
  SWEEP_DEFAULTS, SWEEP_PARAMS, defaultSweepRange, isSweepParam, refineRheobase, rheobase, runSweep, sweepIssues,
  type SweepBase, type SweepSpec,
} from '../analysis/sweep';
import { OVERRIDE_OPTIONS, experimentList, loadSession, setOverride, type Overrides } from './input';
import type { CliIO } from './run';

export const ANALYZE_USAGE = `Usage:
  npm run analyze -- <session.json> [options]      analyse a session file
  npm run analyze -- --experiment <id> [options]   analyse a classic experiment of the gallery
  npm run analyze -- --list-experiments            list the experiments' ids
  npm run analyze -- --help

Options:
  --segment <N>          the segment whose parameters are analysed, 1-based as in the plot's labels (default 1)
  --sweep <param>        also sweep one of ${SWEEP_PARAMS.join(', ')}: each value runs from the segment's starting state
  --from <x> --to <y>    the sweep's range (default: around the bifurcations and the current value)
  --steps <n>            values in the sweep, ends included (default ${SWEEP_DEFAULTS.steps})
  --settle <ms>          unmeasured time after the onset (default ${SWEEP_DEFAULTS.settle})
  --window <ms>          measured window after it (default ${SWEEP_DEFAULTS.window})
  --start <given|rest>   each value starts from the segment's starting state (given, default) or from the
                         stable equilibrium at that value when there is one (rest)
  --refine <k>           narrow the rheobase bracket by k bisection runs (default 0)
  --phase                also print the phase plane's nullclines and separatrix (v, u pairs)
  --stepper, --spikes, --dt, --precision   override the session's integration, as for simulate

Prints JSON: segment (index, label, params, state at its start), equilibria [{v, u, type, stability,
eigenvalues: [[re, im], [re, im]]}] (1/ms), bifurcations [{kind: saddle-node | hopf | bogdanov-takens, param,
value, v, u, condition, criticality}] with the absent ones and why, and with --sweep a sweep {param, from, to,
points: [{value, rate, firstRate, isis, uAtSpike, spikes, windowSpikes, status}], rheobase, restBranches}
(rates in Hz, ISIs in ms). Exit status: 0 ok; 1 the run stopped before the segment (the JSON says why);
2 bad usage, unreadable file, invalid JSON, a session the schema rejects or a bad sweep (messages on stderr).`;

export interface AnalyzeRequest {
  file: string | null;
  experiment: string | null;
  overrides: Overrides;
  /** 1-based. */
  segment: number;
  sweep: { param: string; from?: number; to?: number; steps: number; settle: number; window: number; start: 'given' | 'rest'; refine: number } | null;
  phase: boolean;
}

type Parsed = { kind: 'help' } | { kind: 'list' } | { kind: 'error'; message: string } | ({ kind: 'run' } & AnalyzeRequest);

const VALUE_OPTIONS = ['--experiment', '--segment', '--sweep', '--from', '--to', '--steps', '--settle', '--window', '--start', '--refine', ...OVERRIDE_OPTIONS];

function num(name: string, text: string): number | string {
  const x = Number(text);
  return text.trim() !== '' && Number.isFinite(x) ? x : `${name} must be a finite number, got "${text}"`;
}

export function parseAnalyzeArgs(argv: readonly string[]): Parsed {
  let file: string | null = null;
  let experiment: string | null = null;
  let list = false;
  let phase = false;
  const overrides: Overrides = {};
  const nums: Record<string, number> = {};
  let sweepParam: string | null = null;
  let start: 'given' | 'rest' = 'given';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return { kind: 'help' };
    if (a === '--list-experiments') { list = true; continue; }
    if (a === '--phase') { phase = true; continue; }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_OPTIONS.includes(name)) {
      let value: string | undefined;
      if (eq > 0) value = a.slice(eq + 1);
      else { value = argv[i + 1]; i++; }
      if (value === undefined || value === '') return { kind: 'error', message: `${name} needs a value` };
      if (setOverride(overrides, name, value)) continue;
      if (name === '--experiment') { experiment = value; continue; }
      if (name === '--sweep') { sweepParam = value; continue; }
      if (name === '--start') {
        if (value !== 'given' && value !== 'rest') return { kind: 'error', message: `--start must be given or rest, got "${value}"` };
        start = value;
        continue;
      }
      const x = num(name, value);
      if (typeof x === 'string') return { kind: 'error', message: x };
      nums[name.slice(2)] = x;
      continue;
    }
    if (a.startsWith('-') && a !== '-') return { kind: 'error', message: `unknown option ${a}` };
    if (file !== null) return { kind: 'error', message: `one session file at a time (got ${JSON.stringify(file)} and ${JSON.stringify(a)})` };
    file = a;
  }
  if (list) return { kind: 'list' };
  if (file !== null && experiment !== null) return { kind: 'error', message: 'give either a session file or --experiment <id>, not both' };
  if (file === null && experiment === null) return { kind: 'error', message: 'no session given: pass a session file or --experiment <id>' };
  const segment = nums.segment ?? 1;
  if (!Number.isInteger(segment) || segment < 1) return { kind: 'error', message: `--segment must be an integer ≥ 1 (segments count from 1), got ${segment}` };
  const sweepOnly = ['from', 'to', 'steps', 'settle', 'window', 'refine'].filter((k) => k in nums);
  if (sweepParam === null && sweepOnly.length) return { kind: 'error', message: `--${sweepOnly[0]} needs --sweep <param>` };
  const refine = nums.refine ?? 0;
  if (!Number.isInteger(refine) || refine < 0 || refine > 40) return { kind: 'error', message: `--refine must be an integer in [0, 40], got ${refine}` };
  const sweep = sweepParam === null ? null : {
    param: sweepParam, from: nums.from, to: nums.to, steps: nums.steps ?? SWEEP_DEFAULTS.steps,
    settle: nums.settle ?? SWEEP_DEFAULTS.settle, window: nums.window ?? SWEEP_DEFAULTS.window, start, refine,
  };
  return { kind: 'run', file, experiment, overrides, segment, sweep, phase };
}

function pairs(v: Float32Array, u: Float32Array, n: number): (number[] | null)[] {
  const out: (number[] | null)[] = [];
  for (let i = 0; i < n; i++) out.push(Number.isNaN(v[i]) ? null : [v[i], u[i]]);
  return out;
}

export function runAnalyze(argv: readonly string[], io: CliIO): number {
  const req = parseAnalyzeArgs(argv);
  if (req.kind === 'help') { io.stdout(ANALYZE_USAGE + '\n'); return 0; }
  if (req.kind === 'error') { io.stderr(`error: ${req.message}\n\n${ANALYZE_USAGE}\n`); return 2; }
  if (req.kind === 'list') { io.stdout(experimentList()); return 0; }
  const input = loadSession(req, io.readFile);
  if (!input.ok) { io.stderr(`error: ${input.message}\n`); return 2; }
  const session = input.session;
  if (session.model === 'izh2007') {
    // The analysis works on the 2003 form's coefficients (u, I in mV/ms); the 2007 form maps onto them exactly
    // (izh2007.ts) but its special rules and its pA units are not carried through the analysis yet.
    io.stderr('error: the session uses the 2007 form (model "izh2007"); analyze handles the 2003 form only for now\n');
    return 2;
  }
  const n = session.protocol.length;
  if (req.segment > n) {
    io.stderr(`error: --segment must be in [1, ${n}] (the session has ${n} segment${n === 1 ? '' : 's'}), got ${req.segment}\n`);
    return 2;
  }
  if (req.sweep && !isSweepParam(req.sweep.param)) {
    io.stderr(`error: --sweep must be one of ${SWEEP_PARAMS.join(', ')}, got "${req.sweep.param}"${isParamKey(req.sweep.param) ? ' (equilibria do not give a sweep of it here)' : ''}\n`);
    return 2;
  }
  const i = req.segment - 1;
  // The segment's starting state: the run of the session up to there (spikes and statistics only).
  const run = simulate(session, { record: false });
  const seg = run.segments[i];
  const snap = run.snapshots[i + 1];
  if (!seg || !snap) {
    const msg = 'message' in run.status ? run.status.message : run.status.kind;
    io.stdout(JSON.stringify({ session: session.name, status: run.status }, null, 2) + '\n');
    io.stderr(`the run stopped before segment ${req.segment}: ${msg}\n`);
    return 1;
  }
  const params = seg.params as Params; // the 2003 form (checked above)
  const eq = equilibria(params);
  const bif = localBifurcations(params);
  const out: Record<string, unknown> = {
    session: session.name,
    segment: { index: i, number: req.segment, label: seg.label, t_start: seg.t_start, t_end: seg.t_end, params, slope: seg.slope, startState: snap.state },
    equilibria: eq.equilibria.map((e) => ({ v: e.v, u: e.u, type: e.type, stability: e.stability, eigenvalues: e.eigenvalues, trace: e.trace, det: e.det })),
    continuum: eq.continuum,
    bifurcations: bif.found,
    absentBifurcations: bif.absent,
  };
  if (seg.slope) out.note = `segment ${req.segment} is a ramp (${seg.slope} per ms): the analysis holds I at its start value ${params.I}`;
  if (req.sweep) {
    const param = req.sweep.param as SweepSpec['param'];
    const range = defaultSweepRange(params, param, bifurcationsInI(params).found.map((b) => b.value));
    const spec: Partial<SweepSpec> = {
      param, from: req.sweep.from ?? range.from, to: req.sweep.to ?? range.to,
      steps: req.sweep.steps, settle: req.sweep.settle, window: req.sweep.window,
    };
    const issues = sweepIssues(spec);
    if (issues.length) {
      io.stderr(`error: invalid sweep:\n${issues.map((x) => `  --${x.path}: ${x.message}`).join('\n')}\n`);
      return 2;
    }
    const full = spec as SweepSpec;
    const base: SweepBase = { params, integration: session.integration, options: session.options, initial: snap.state, start: req.sweep.start };
    const points = runSweep(base, full);
    const rb = rheobase(points);
    const refined = rb.bracket && req.sweep.refine > 0 ? refineRheobase(base, full, rb.bracket, req.sweep.refine) : null;
    out.sweep = {
      ...full, start: base.start, integration: session.integration,
      points: points.map((p) => ({
        value: p.value, rate: p.rate, firstRate: p.firstRate, isis: p.isis, uAtSpike: p.uAtSpike,
        spikes: p.spikes, windowSpikes: p.windowSpikes, status: p.status, ...(p.message ? { message: p.message } : {}),
      })),
      rheobase: param === 'I' ? { ...rb, refinedBracket: refined } : undefined,
      restBranches: restBranches(params, param, full.from, full.to),
    };
  }
  if (req.phase) {
    const pp = phasePlane(params, { points: [snap.state] });
    out.phase = {
      box: pp.box,
      nullclines: { v: pairs(pp.nullclines.v.v, pp.nullclines.v.u, pp.nullclines.v.length), u: pp.nullclines.u ? pairs(pp.nullclines.u.v, pp.nullclines.u.u, pp.nullclines.u.length) : null, uKind: pp.nullclines.uKind },
      separatrix: pp.manifolds.map((m) => ({ saddle: m.saddle, stable: pairs(m.stable.path.v, m.stable.path.u, m.stable.path.length), unstable: pairs(m.unstable.path.v, m.unstable.path.u, m.unstable.path.length) })),
    };
  }
  io.stdout(JSON.stringify(out, null, 2) + '\n');
  return 0;
}
