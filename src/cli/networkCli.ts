// The headless network runner's logic with injected I/O (`npm run network -- [network.json] [options]`; the entry is
// network.ts): read and validate a network file (the paper's network without one) with overrides, run it, print the
// readouts as JSON, optionally write the spikes as CSV. Exit status: 0 ok, 1 refused/diverged/store full, 2 bad input.

import { summarize, type BandPeak } from '../analysis/network';
import { totalCells, type NetworkSpec } from '../model/network';
import { parseNetwork } from '../model/networkSchema';
import { formatIssues } from '../model/schema';
import { createNetwork, type NetworkSim } from '../engine/network/sim';
import { spikesCsv } from '../engine/network/csv';
import type { CliIO } from './run';

export const NETWORK_USAGE = `Usage:
  npm run network -- [network.json] [options]   run a network file (without one: the paper's network, Izhikevich 2003)
  npm run network -- --help

Options:
  --seed <n>          override the seed (a whole number in [0, 4294967295])
  --duration <ms>     override the simulated time (whole ms)
  --spikes <out.csv>  also write the spikes as CSV: t_ms,neuron,type (neurons numbered from 0, excitatory first)

Prints JSON on stdout: network, seed, duration_ms, scheme, connectivity, status, cells (count, spikes and mean rate
in Hz per type), spikes, peaks (alpha 6–14 Hz and gamma 25–80 Hz of the population rate's spectrum: f_hz, ratio to
the median density over 2–100 Hz, significant), time_ms (build, run), speedup over real time.
Exit status: 0 ok; 1 refused (memory budget), diverged or spike store full (the JSON or stderr says why);
2 bad usage, unreadable file, invalid JSON or a network the schema rejects (messages on stderr).`;

type NetRequest =
  | { kind: 'help' }
  | { kind: 'error'; message: string }
  | { kind: 'run'; file: string | null; spikes: string | null; overrides: Record<string, number | string> };

const VALUE_OPTIONS = ['--seed', '--duration', '--spikes'] as const;

export function parseNetworkArgs(argv: readonly string[]): NetRequest {
  let file: string | null = null;
  let spikes: string | null = null;
  const overrides: Record<string, number | string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return { kind: 'help' };
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') return { kind: 'error', message: `${name} needs a value` };
      if (name === '--spikes') { spikes = value; continue; }
      const x = Number(value);
      overrides[name.slice(2)] = value.trim() !== '' && Number.isFinite(x) ? x : value;
      continue;
    }
    if (a.startsWith('-') && a !== '-') return { kind: 'error', message: `unknown option ${a} (options: ${VALUE_OPTIONS.join(', ')}, --help)` };
    if (file !== null) return { kind: 'error', message: `one network file at a time (got ${JSON.stringify(file)} and ${JSON.stringify(a)})` };
    file = a;
  }
  return { kind: 'run', file, spikes, overrides };
}

function peakJson(p: BandPeak | null) {
  return p ? { f_hz: round(p.f, 2), ratio: round(p.ratio, 2), significant: p.significant } : null;
}

function round(x: number, digits: number): number {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : x;
}

/** The readouts printed by the CLI (the view shows the same). */
export function networkResultJson(spec: NetworkSpec, sim: NetworkSim, buildMs: number, runMs: number) {
  const duration = sim.time;
  const s = summarize(sim.spikes.t, sim.spikes.cell, sim.spikes.count, sim.ne, sim.n, duration);
  return {
    network: spec.name,
    seed: spec.seed,
    duration_ms: duration,
    scheme: spec.scheme,
    connectivity: spec.connectivity,
    status: sim.status.kind,
    ...('message' in sim.status ? { message: sim.status.message } : {}),
    cells: Object.fromEntries((['excitatory', 'inhibitory'] as const).map((k) => [k, {
      count: s.types[k].count, spikes: s.types[k].spikes, rate_hz: round(s.types[k].rateHz, 3),
    }])),
    spikes: sim.spikes.count,
    peaks: { alpha: peakJson(s.alpha), gamma: peakJson(s.gamma) },
    time_ms: { build: round(buildMs, 1), run: round(runMs, 1) },
    speedup: runMs > 0 ? round(duration / runMs, 2) : null,
  };
}

export function runNetworkCli(argv: readonly string[], io: CliIO, now: () => number = () => performance.now()): number {
  const req = parseNetworkArgs(argv);
  if (req.kind === 'help') { io.stdout(NETWORK_USAGE + '\n'); return 0; }
  if (req.kind === 'error') { io.stderr(`error: ${req.message}\n\n${NETWORK_USAGE}\n`); return 2; }
  let raw: unknown = {};
  const source = req.file ?? "the paper's network";
  if (req.file !== null) {
    let text: string;
    try {
      text = io.readFile(req.file);
    } catch (err) {
      io.stderr(`error: cannot read network file ${req.file}: ${(err as Error).message}\n`);
      return 2;
    }
    try {
      raw = JSON.parse(text);
    } catch (err) {
      io.stderr(`error: ${req.file} is not valid JSON: ${(err as Error).message}\n`);
      return 2;
    }
  }
  if (Object.keys(req.overrides).length && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    raw = { ...(raw as Record<string, unknown>), ...req.overrides };
  }
  const parsed = parseNetwork(raw);
  if (!parsed.ok) {
    io.stderr(`error: invalid network (${source}):\n${formatIssues(parsed.issues)}\n`);
    return 2;
  }
  const spec = parsed.spec;
  const t0 = now();
  const created = createNetwork(spec, { recordV: false });
  if (!created.ok) {
    io.stderr(`refused: ${created.message}\n`);
    io.stdout(JSON.stringify({ network: spec.name, cells: totalCells(spec), status: 'refused', message: created.message }, null, 2) + '\n');
    return 1;
  }
  const sim = created.sim;
  const t1 = now();
  sim.advance(Infinity);
  const t2 = now();
  io.stdout(JSON.stringify(networkResultJson(spec, sim, t1 - t0, t2 - t1), null, 2) + '\n');
  if (req.spikes !== null) {
    try {
      io.writeFile(req.spikes, spikesCsv(spec, sim.spikes.t, sim.spikes.cell, sim.spikes.count));
    } catch (err) {
      io.stderr(`error: cannot write the spikes to ${req.spikes}: ${(err as Error).message}\n`);
      return 2;
    }
  }
  if (sim.status.kind !== 'done') {
    io.stderr(`run ${sim.status.kind}${'message' in sim.status ? `: ${sim.status.message}` : ''}\n`);
    return 1;
  }
  return 0;
}

