// The `map` command's logic with injected I/O (tests need no child process): a session (file or experiment, shared
// loader with integration overrides), two axes, a protocol (the session's own, analysed over chosen segments, or a
// step of I from rest), computed on the batch engine and classified; prints or writes JSON. Exit 0 ok, 2 bad input.

import {
  MAP_LEGEND, MAP_MEASURES, axisValues, checkMapSpec, computeMapJob, type MapAxis, type MapProtocol, type MapSpec,
} from '../analysis/firingMap';
import { isParamKey } from '../model/params';
import { OVERRIDE_FLAGS, experimentList, loadSession, type Overrides } from './input';
import { flagHelp, parseFlags } from './flags';
import type { CliIO } from './run';

export const MEASURE_NAMES = ['class', ...MAP_MEASURES.map((m) => m.key)] as const;

/** The command's flags (shared parser, flags.ts; the integration overrides are simulate's). */
export const MAP_FLAGS = {
  experiment: { kind: 'text', value: '<id>', help: 'map a classic experiment of the gallery instead of a session file' },
  'list-experiments': { kind: 'switch', help: "list the experiments' ids" },
  x: { kind: 'text', value: '<param>=<min>:<max>:<n>', help: 'the horizontal axis, e.g. a=0:0.2:64' },
  y: { kind: 'text', value: '<param>=<min>:<max>:<n>', help: 'the vertical axis, e.g. b=0.1:0.3:64' },
  measure: { kind: 'choice', choices: MEASURE_NAMES, help: 'what the grid holds (default class)' },
  step: { kind: 'text', value: '<I>:<ms>', help: "instead of the session's protocol: from rest (10 ms at I = 0), a step of I for <ms>" },
  segments: { kind: 'text', value: '<a>:<b>', help: "with the session's protocol, the segments analysed (1-based; default the last)" },
  out: { kind: 'text', value: '<map.json>', help: 'write the JSON there instead of printing it' },
  ...OVERRIDE_FLAGS,
} as const;

export const MAP_USAGE = `Usage:
  npm run map -- <session.json> --x <axis> --y <axis> [options]      map a session file
  npm run map -- --experiment <id> --x <axis> --y <axis> [options]   map a classic experiment of the gallery
  npm run map -- --list-experiments | --help

Axes: <param>=<min>:<max>:<n>: n samples from min to max, ends included, n ≤ 512; the parameter is any of a, b,
c, d, I, v_th, k2, k1, k0, vref, ucoef, within its allowed range.

Options:
${flagHelp(MAP_FLAGS)}

Prints JSON: x and y ({param, values}), measure (and its unit), grid (rows over y, each a list over x: class names,
or numbers with null where undefined), classes (the legend), protocol, integration, engine, timeMs, neuronSteps.
Exit status: 0 ok; 2 bad usage, unreadable file, invalid JSON, a session the schema rejects, bad axes (messages on
stderr naming the field and the allowed range).`;

type Parsed =
  | { kind: 'help' } | { kind: 'list' } | { kind: 'error'; message: string }
  | { kind: 'run'; file: string | null; experiment: string | null; overrides: Overrides; x: MapAxis; y: MapAxis;
    measure: (typeof MEASURE_NAMES)[number]; step: { I: number; duration: number } | null;
    segments: { from: number; to: number } | null; out: string | null };

function parseAxis(name: string, text: string | undefined): MapAxis | string {
  if (text === undefined) return `--${name} is required, e.g. --${name} ${name === 'x' ? 'a=0:0.2:64' : 'b=0.1:0.3:64'}`;
  const m = /^([A-Za-z_0-9]+)=([^:]+):([^:]+):([^:]+)$/.exec(text.trim());
  if (!m) return `--${name} must look like <param>=<min>:<max>:<n> (e.g. a=0:0.2:64), got "${text.slice(0, 60)}"`;
  const [, param, a, b, c] = m;
  if (!isParamKey(param)) return `--${name}: unknown parameter "${param}" (one of a, b, c, d, I, v_th, k2, k1, k0, vref, ucoef)`;
  const min = Number(a), max = Number(b), n = Number(c);
  if (a.trim() === '' || !Number.isFinite(min)) return `--${name}: min must be a finite number, got "${a}"`;
  if (b.trim() === '' || !Number.isFinite(max)) return `--${name}: max must be a finite number, got "${b}"`;
  if (!Number.isInteger(n)) return `--${name}: n must be an integer in 1 … 512, got "${c}"`;
  return { param, min, max, n };
}

export function parseMapArgs(argv: readonly string[]): Parsed {
  const r = parseFlags(argv, MAP_FLAGS);
  if (!r.ok) return { kind: 'error', message: r.message };
  if (r.help) return { kind: 'help' };
  const f = r.flags;
  if (f['list-experiments']) return { kind: 'list' };
  if (r.positional.length > 1) return { kind: 'error', message: `only one session file, got ${r.positional.map((p) => `"${p}"`).join(' and ')}` };
  const file = r.positional[0] ?? null;
  const experiment = f.experiment ?? null;
  if (file === null && experiment === null) return { kind: 'error', message: 'give a session file or --experiment <id> (see --help)' };
  if (file !== null && experiment !== null) return { kind: 'error', message: 'give either a session file or --experiment, not both' };
  const x = parseAxis('x', f.x), y = parseAxis('y', f.y);
  if (typeof x === 'string') return { kind: 'error', message: x };
  if (typeof y === 'string') return { kind: 'error', message: y };
  const overrides: Overrides = {};
  if (f.stepper !== undefined) overrides.stepper = f.stepper;
  if (f.spikes !== undefined) overrides.spikes = f.spikes;
  if (f.dt !== undefined) overrides.dt = f.dt;
  if (f.precision !== undefined) overrides.precision = f.precision;
  let step: { I: number; duration: number } | null = null;
  if (f.step !== undefined) {
    const m = /^([^:]+):([^:]+)$/.exec(f.step);
    const I = m ? Number(m[1]) : NaN, duration = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(I) || !Number.isFinite(duration)) return { kind: 'error', message: `--step must be <I>:<ms>, e.g. 10:1000, got "${f.step.slice(0, 60)}"` };
    step = { I, duration };
  }
  let segments: { from: number; to: number } | null = null;
  if (f.segments !== undefined) {
    const m = /^(\d+):(\d+)$/.exec(f.segments);
    if (!m) return { kind: 'error', message: `--segments must be <from>:<to> (1-based segment numbers), got "${f.segments.slice(0, 60)}"` };
    segments = { from: Number(m[1]) - 1, to: Number(m[2]) - 1 };
  }
  const measure = (f.measure ?? 'class') as (typeof MEASURE_NAMES)[number];
  return { kind: 'run', file, experiment, overrides, x, y, measure, step, segments, out: f.out ?? null };
}

export function runMap(argv: readonly string[], io: CliIO, now: () => number = () => performance.now()): number {
  const p = parseMapArgs(argv);
  if (p.kind === 'help') { io.stdout(MAP_USAGE + '\n'); return 0; }
  if (p.kind === 'list') { io.stdout(experimentList()); return 0; }
  if (p.kind === 'error') { io.stderr(`error: ${p.message}\n`); return 2; }
  const loaded = loadSession({ file: p.file, experiment: p.experiment, overrides: p.overrides }, io.readFile);
  if (!loaded.ok) { io.stderr(`error: ${loaded.message}\n`); return 2; }
  const session = loaded.session;
  const last = session.protocol.length - 1;
  const protocol: MapProtocol = p.step ? { kind: 'step', ...p.step } : { kind: 'session', window: p.segments ?? { from: last, to: last } };
  const spec: MapSpec = { session, integration: session.integration, x: p.x, y: p.y, protocol };
  try {
    checkMapSpec(spec);
  } catch (e) {
    io.stderr(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const t0 = now();
  const n = p.x.n * p.y.n;
  const res = computeMapJob({ spec, pixels: Int32Array.from({ length: n }, (_, i) => i) });
  if (!res) { io.stderr('error: the computation was cancelled\n'); return 1; }
  const timeMs = now() - t0;
  const mi = MAP_MEASURES.findIndex((m) => m.key === p.measure);
  const grid: (string | number | null)[][] = [];
  for (let iy = 0; iy < p.y.n; iy++) {
    const row: (string | number | null)[] = [];
    for (let ix = 0; ix < p.x.n; ix++) {
      const q = iy * p.x.n + ix;
      if (mi < 0) row.push(MAP_LEGEND[res.cls[q]]);
      else { const v = res.values[q * MAP_MEASURES.length + mi]; row.push(Number.isFinite(v) ? Number(v.toPrecision(7)) : null); }
    }
    grid.push(row);
  }
  const json = {
    source: loaded.source,
    x: { param: p.x.param, values: Array.from(axisValues(p.x)) },
    y: { param: p.y.param, values: Array.from(axisValues(p.y)) },
    measure: p.measure, unit: mi < 0 ? null : MAP_MEASURES[mi].unit || null,
    grid, classes: MAP_LEGEND, protocol, integration: spec.integration, engine: res.engine,
    timeMs: Math.round(timeMs), neuronSteps: res.neuronSteps,
  };
  const text = JSON.stringify(json) + '\n';
  if (p.out) {
    try { io.writeFile(p.out, [text]); } catch (e) { io.stderr(`error: cannot write ${p.out}: ${(e as Error).message}\n`); return 2; }
    io.stderr(`wrote ${p.out} (${p.x.n} × ${p.y.n} pixels, ${Math.round(timeMs)} ms, ${res.engine})\n`);
  } else io.stdout(text);
  return 0;
}
