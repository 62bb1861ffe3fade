// The `export` command's logic with injected I/O (tests need no child process): a session (file or gallery experiment,
// shared loader) written as a runnable dynlib, Brian2 or NEST script, as the explorer's figure in SVG, or as CSV
// (trace t,v,u,I at full resolution, spikes, or the per-segment table), to a file or stdout.
// Exit status: 0 ok; 1 the run diverged or was refused (what was recorded is still written); 2 bad input.

import { simulate } from '../engine/simulate';
import { segmentsCsv, spikesCsv, traceCsv } from '../export/csv';
import { runFigure } from '../export/figure';
import { SCRIPT_TARGETS, exportScript, isScriptTarget } from '../export/scripts';
import { figureSvg } from '../export/svg';
import { sessionDuration } from '../model/session';
import { EXPORT_LIMITS } from '../state/persistence';
import { flagHelp, parseFlags, type FlagValues } from './flags';
import { OVERRIDE_FLAGS, experimentList, loadSession } from './input';
import type { CliIO } from './run';

export const EXPORT_FORMATS = [...SCRIPT_TARGETS, 'svg', 'csv'] as const;
export const CSV_TABLES = ['trace', 'spikes', 'segments'] as const;

export const EXPORT_FLAGS = {
  to: { kind: 'choice', choices: EXPORT_FORMATS, help: 'what to write (required): a script for dynlib, Brian2 or NEST, the figure as SVG, or CSV' },
  out: { kind: 'text', value: '<file>', help: 'write to this file (default: stdout)' },
  experiment: { kind: 'text', value: '<id>', help: 'export a classic experiment of the gallery instead of a file' },
  'list-experiments': { kind: 'switch', help: "list the experiments' ids" },
  csv: { kind: 'choice', choices: CSV_TABLES, help: 'with --to csv: the trace t,v,u,I at full resolution (default), the spikes, or the segment table' },
  window: { kind: 'text', value: '<t0,t1>', help: 'with --to csv (trace) or svg: only this time window, ms' },
  width: { kind: 'number', value: '<px>', min: EXPORT_LIMITS.width.min, max: EXPORT_LIMITS.width.max, integer: true, help: 'with --to svg: width (default 1200)' },
  height: { kind: 'number', value: '<px>', min: EXPORT_LIMITS.height.min, max: EXPORT_LIMITS.height.max, integer: true, help: 'with --to svg: height (default 800)' },
  ...OVERRIDE_FLAGS,
} as const;

export const EXPORT_USAGE = `Usage:
  npm run export -- <session.json> --to <format> [options]
  npm run export -- --experiment <id> --to <format> [options]
  npm run export -- --list-experiments
  npm run export -- --help

Formats:
  dynlib, brian2, nest   a runnable Python script reproducing the session; its opening comment says which settings
                         the simulator cannot express and what that changes. Run headless with MPLBACKEND=Agg (the
                         figure is saved); the last line it prints is the spike times (ms) as JSON.
  svg                    the explorer's figure (v, u, I panels, bands, boundary lines and labels), drawn here
                         without a browser from the same figure description as the app's plot
  csv                    the run's data: --csv trace (t,v,u,I in ms, mV, mV/ms, mV/ms at full resolution),
                         spikes (t,segment,label) or segments (the per-segment table with parameters)

Options:
${flagHelp(EXPORT_FLAGS)}

Exit status: 0 ok; 1 the run diverged or was refused (the data recorded up to there are still written; the message
on stderr); 2 bad usage, an unreadable file, invalid JSON or a session the schema rejects.`;

function parseWindow(text: string): [number, number] | string {
  const m = /^\s*(-?[\d.eE+]+)\s*,\s*(-?[\d.eE+]+)\s*$/.exec(text);
  const a = m ? Number(m[1]) : NaN, b = m ? Number(m[2]) : NaN;
  if (!Number.isFinite(a) || !Number.isFinite(b) || !(a < b)) return `--window: must be two times t0,t1 in ms with t0 < t1, got ${JSON.stringify(text)}`;
  return [a, b];
}

export function runExport(argv: readonly string[], io: CliIO): number {
  const p = parseFlags(argv, EXPORT_FLAGS);
  const fail = (message: string) => { io.stderr(`error: ${message}\n\n${EXPORT_USAGE}\n`); return 2; };
  if (!p.ok) return fail(p.message);
  if (p.help) { io.stdout(EXPORT_USAGE + '\n'); return 0; }
  const f: FlagValues<typeof EXPORT_FLAGS> = p.flags;
  if (f['list-experiments']) { io.stdout(experimentList()); return 0; }
  if (p.positional.length > 1) return fail(`one session file at a time (got ${JSON.stringify(p.positional[0])} and ${JSON.stringify(p.positional[1])})`);
  const file = p.positional[0] ?? null;
  const experiment = f.experiment ?? null;
  if (file !== null && experiment !== null) return fail('give either a session file or --experiment <id>, not both');
  if (file === null && experiment === null) return fail('no session given: pass a session file or --experiment <id>');
  const to = f.to;
  if (!to) return fail(`--to is required: one of ${EXPORT_FORMATS.join(', ')}`);
  if (f.csv && to !== 'csv') return fail('--csv goes with --to csv');
  if ((f.width !== undefined || f.height !== undefined) && to !== 'svg') return fail('--width and --height go with --to svg');
  let window: [number, number] | null = null;
  if (f.window !== undefined) {
    if (to !== 'svg' && !(to === 'csv' && (f.csv ?? 'trace') === 'trace')) return fail('--window goes with --to svg or --to csv (trace)');
    const w = parseWindow(f.window);
    if (typeof w === 'string') return fail(w);
    window = w;
  }
  const overrides = { stepper: f.stepper, spikes: f.spikes, dt: f.dt, precision: f.precision };
  for (const k of Object.keys(overrides) as (keyof typeof overrides)[]) if (overrides[k] === undefined) delete overrides[k];
  const input = loadSession({ file, experiment, overrides }, io.readFile, io.fileSize);
  if (!input.ok) { io.stderr(`error: ${input.message}\n`); return 2; }
  const session = input.session;
  if (window) {
    const T = sessionDuration(session);
    if (window[0] < 0 || window[1] > T) return fail(`--window: ${window[0]},${window[1]} must lie within the run, 0 to ${T} ms`);
  }
  if (f.out !== undefined && file !== null && (io.sameFile ? io.sameFile(f.out, file) : f.out === file)) {
    return fail(`--out ${f.out} is the session file itself; choose another file`);
  }

  const write = (chunks: Iterable<string>): number => {
    if (f.out === undefined) { for (const c of chunks) io.stdout(c); return 0; }
    try {
      io.writeFile(f.out, chunks);
      return 0;
    } catch (err) {
      io.stderr(`error: cannot write ${f.out}: ${(err as Error).message}\n`);
      return 2;
    }
  };
  const runProblem = (status: { kind: string; message?: string }): number => {
    if (status.kind === 'ok') return 0;
    io.stderr(`run ${status.kind}${status.message ? `: ${status.message}` : ''}\n`);
    return 1;
  };

  if (isScriptTarget(to)) {
    const r = exportScript(to, { kind: 'neuron', session });
    if (!r.ok) { io.stderr(`error: ${r.message}\n`); return 1; }
    return write([r.text]);
  }
  if (to === 'svg') {
    let fig;
    try {
      fig = runFigure(session, { width: f.width ?? 1200, height: f.height ?? 800, window });
    } catch (err) {
      io.stderr(`error: ${(err as Error).message}\n`);
      return 1;
    }
    return write([figureSvg(fig)]) || runProblem(fig.run.status as { kind: string; message?: string });
  }
  const table = f.csv ?? 'trace';
  const result = simulate(session, { record: table === 'trace' });
  if (result.status.kind === 'refused') return runProblem(result.status);
  let code: number;
  if (table === 'trace') code = write(traceCsv(result.trace!, session, result, window));
  else if (table === 'spikes') code = write([spikesCsv(result.spikes, result.segments)]);
  else code = write([segmentsCsv(result.segments)]);
  return code || runProblem(result.status as { kind: string; message?: string });
}
