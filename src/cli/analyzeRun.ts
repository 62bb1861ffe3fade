// The `analyze` command's logic with injected I/O (tests need no child process): arguments, the session (file or
// experiment, shared loader), the selected segment's parameters and starting state (from a run of the session),
// equilibria and closed-form bifurcations, optionally a parameter sweep (F–I curve, ISIs, rheobase) and the phase
// plane's curves, printed as JSON. Exit status 0 ok, 1 the run stopped before the segment, 2 bad input.

import type { Params } from '../model/params';
import { LIMITS } from '../model/schema';
import { simulate } from '../engine/simulate';
import { equilibria } from '../analysis/equilibria';
import { bifurcationsInI, localBifurcations } from '../analysis/bifurcations';
import { phasePlane } from '../analysis/phasePlane';
import { analysisUnsupported } from '../analysis/phaseFrame';
import { restBranches } from '../analysis/branches';
import {
  SWEEP_DEFAULTS, SWEEP_LIMITS, SWEEP_PARAMS, defaultSweepRange, refineRheobase, rheobase, runSweep, sweepIssues,
  type SweepBase, type SweepParam, type SweepSpec,
} from '../analysis/sweep';
import { flagHelp, parseFlags, type FlagValues } from './flags';
import { OVERRIDE_FLAGS, experimentList, loadSession, overridesOf, sessionSource, type Overrides } from './input';
import type { CliIO } from './run';

/** The analyze command's flags (parsed by the shared parser, flags.ts: each value checked against its range). */
export const ANALYZE_FLAGS = {
  experiment: { kind: 'text', value: '<id>', help: 'analyse a classic experiment of the gallery instead of a file' },
  'list-experiments': { kind: 'switch', help: "list the experiments' ids" },
  segment: { kind: 'number', value: '<N>', min: 1, max: LIMITS.segments.max, integer: true, help: 'the segment whose parameters are analysed, 1-based as in the plot\'s labels (default 1)' },
  sweep: { kind: 'choice', choices: SWEEP_PARAMS, help: "also sweep this parameter: each value runs from the segment's starting state" },
  from: { kind: 'number', value: '<x>', min: -100, max: 100, help: "the sweep's first value (default: around the bifurcations and the current value; the parameter's own range applies)" },
  to: { kind: 'number', value: '<y>', min: -100, max: 100, help: "the sweep's last value" },
  steps: { kind: 'number', value: '<n>', min: SWEEP_LIMITS.steps.min, max: SWEEP_LIMITS.steps.max, integer: true, help: `values in the sweep, ends included (default ${SWEEP_DEFAULTS.steps})` },
  settle: { kind: 'number', value: '<ms>', min: SWEEP_LIMITS.settle.min, max: SWEEP_LIMITS.settle.max, unit: 'ms', help: `unmeasured time after the onset (default ${SWEEP_DEFAULTS.settle})` },
  window: { kind: 'number', value: '<ms>', min: SWEEP_LIMITS.window.min, max: SWEEP_LIMITS.window.max, unit: 'ms', help: `measured window after it (default ${SWEEP_DEFAULTS.window})` },
  start: { kind: 'choice', choices: ['given', 'rest'], help: "each value starts from the segment's starting state (given, default) or from the stable equilibrium at that value (rest)" },
  refine: { kind: 'number', value: '<k>', min: 0, max: 40, integer: true, help: 'narrow the rheobase bracket by k bisection runs (default 0)' },
  phase: { kind: 'switch', help: "also print the phase plane's nullclines and separatrix (v, u pairs)" },
  ...OVERRIDE_FLAGS,
} as const;

export const ANALYZE_USAGE = `Usage:
  npm run analyze -- <session.json> [options]      analyse a session file
  npm run analyze -- --experiment <id> [options]   analyse a classic experiment of the gallery
  npm run analyze -- --list-experiments            list the experiments' ids
  npm run analyze -- --help

Options:
${flagHelp(ANALYZE_FLAGS)}

Prints JSON: segment (index, label, params, state at its start), equilibria [{v, u, type, stability,
eigenvalues: [[re, im], [re, im]]}] (1/ms), bifurcations [{kind: saddle-node | hopf | bogdanov-takens, param,
value, v, u, condition, criticality}] with the absent ones and why, and with --sweep a sweep {param, from, to,
points: [{value, rate, firstRate, isis, uAtSpike, spikes, windowSpikes, status}], rheobase, restBranches}
(rates in Hz, ISIs in ms). Exit status: 0 ok; 1 the run stopped before the segment (the JSON says why);
2 bad usage (a flag's value out of its range), unreadable file, invalid JSON, a session the schema rejects or a bad
sweep (messages on stderr).`;

export interface AnalyzeRequest {
  file: string | null;
  experiment: string | null;
  overrides: Overrides;
  /** 1-based. */
  segment: number;
  sweep: { param: SweepParam; from?: number; to?: number; steps: number; settle: number; window: number; start: 'given' | 'rest'; refine: number } | null;
  phase: boolean;
}

type Parsed = { kind: 'help' } | { kind: 'list' } | { kind: 'error'; message: string } | ({ kind: 'run' } & AnalyzeRequest);

export function parseAnalyzeArgs(argv: readonly string[]): Parsed {
  const p = parseFlags(argv, ANALYZE_FLAGS);
  if (!p.ok) return { kind: 'error', message: p.message };
  if (p.help) return { kind: 'help' };
  const f: FlagValues<typeof ANALYZE_FLAGS> = p.flags;
  if (f['list-experiments']) return { kind: 'list' };
  const src = sessionSource(p.positional, f.experiment);
  if (!src.ok) return { kind: 'error', message: src.message };
  const { file, experiment } = src;
  const sweepOnly = (['from', 'to', 'steps', 'settle', 'window', 'start', 'refine'] as const).filter((k) => f[k] !== undefined);
  if (f.sweep === undefined && sweepOnly.length) return { kind: 'error', message: `--${sweepOnly[0]} needs --sweep <param>` };
  const overrides = overridesOf(f);
  const sweep = f.sweep === undefined ? null : {
    param: f.sweep as SweepParam, from: f.from, to: f.to, steps: f.steps ?? SWEEP_DEFAULTS.steps,
    settle: f.settle ?? SWEEP_DEFAULTS.settle, window: f.window ?? SWEEP_DEFAULTS.window,
    start: (f.start ?? 'given') as 'given' | 'rest', refine: f.refine ?? 0,
  };
  return { kind: 'run', file, experiment, overrides, segment: f.segment ?? 1, sweep, phase: !!f.phase };
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
  const input = loadSession(req, io.readFile, io.fileSize);
  if (!input.ok) { io.stderr(`error: ${input.message}\n`); return 2; }
  const session = input.session;
  const unsupported = analysisUnsupported(session);
  if (unsupported) { io.stderr(`error: the session uses the ${session.model} model; ${unsupported}\n`); return 2; }
  const n = session.protocol.length;
  if (req.segment > n) {
    io.stderr(`error: --segment must be in [1, ${n}] (the session has ${n} segment${n === 1 ? '' : 's'}), got ${req.segment}\n`);
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
    const param = req.sweep.param;
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
