// The headless network runner's logic with injected I/O (`npm run network -- [network.json] [options]`; the entry is
// network.ts): read and validate a network file (the paper's network without one) with overrides, run it, print the
// readouts as JSON, optionally write the spikes as CSV. Exit status: 0 ok, 1 refused/diverged/store full, 2 bad input.

import { summarize, type BandPeak } from '../analysis/network';
import { NETWORK_LIMITS, totalCells, type NetworkSpec } from '../model/network';
import { parseNetwork } from '../model/networkSchema';
import { LIMITS, formatIssues, readSessionJson } from '../model/schema';
import { flagHelp, parseFlags } from './flags';
import { createNetwork, type NetworkSim } from '../engine/network/sim';
import { spikesCsv } from '../engine/network/csv';
import type { CliIO } from './run';

/** The command's flags (flags.ts): overrides of the file's seed and duration, and the spike CSV. */
export const NETWORK_FLAGS = {
  seed: { kind: 'number', value: '<n>', min: NETWORK_LIMITS.seed.min, max: NETWORK_LIMITS.seed.max, integer: true, help: 'override the seed' },
  duration: { kind: 'number', value: '<ms>', min: NETWORK_LIMITS.duration.min, max: NETWORK_LIMITS.duration.max, unit: 'ms', integer: true, help: 'override the simulated time' },
  spikes: { kind: 'text', value: '<out.csv>', help: 'also write the spikes as CSV: t_ms,neuron,type (neurons from 0, excitatory first)' },
} as const;

export const NETWORK_USAGE = `Usage:
  npm run network -- [network.json] [options]   run a network file (without one: the paper's network, Izhikevich 2003)
  npm run network -- --help

Options:
${flagHelp(NETWORK_FLAGS)}

Prints JSON on stdout: network, seed, duration_ms, scheme, connectivity, status, cells (count, spikes and mean rate
in Hz per type), spikes, peaks (alpha 6–14 Hz and gamma 25–80 Hz of the population rate's spectrum: f_hz, ratio to
the median density over 2–100 Hz, significant), time_ms (build, run), speedup over real time.
Exit status: 0 ok; 1 refused (memory budget), diverged or spike store full (the JSON or stderr says why);
2 bad usage, unreadable file, invalid JSON or a network the schema rejects (messages on stderr).`;

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
  const req = parseFlags(argv, NETWORK_FLAGS);
  if (!req.ok) { io.stderr(`error: ${req.message}\n\n${NETWORK_USAGE}\n`); return 2; }
  if (req.help) { io.stdout(NETWORK_USAGE + '\n'); return 0; }
  if (req.positional.length > 1) {
    io.stderr(`error: one network file at a time (got ${req.positional.map((p) => JSON.stringify(p)).join(' and ')})\n\n${NETWORK_USAGE}\n`);
    return 2;
  }
  const file = req.positional[0] ?? null;
  const spikesOut = req.flags.spikes ?? null;
  let raw: unknown = {};
  const source = file ?? "the paper's network";
  if (file !== null) {
    if (spikesOut !== null && (io.sameFile ? io.sameFile(file, spikesOut) : file === spikesOut)) {
      io.stderr(`error: --spikes ${spikesOut} would overwrite the network file itself; choose another file\n`);
      return 2;
    }
    const size = io.fileSize?.(file) ?? null;
    if (size !== null && size > LIMITS.fileBytes) {
      io.stderr(`error: ${file} is ${(size / 2 ** 20).toFixed(1)} MiB; a network file is at most ${LIMITS.fileBytes / 2 ** 20} MiB (recipe and seed, no matrix). Nothing was read from it.\n`);
      return 2;
    }
    let text: string;
    try {
      text = io.readFile(file);
    } catch (err) {
      io.stderr(`error: cannot read network file ${file}: ${(err as Error).message}\n`);
      return 2;
    }
    const j = readSessionJson(text, file);
    if (!j.ok) {
      io.stderr(`error: ${file}: ${j.issues[0].message}\n`);
      return 2;
    }
    raw = j.data;
  }
  const overrides: Record<string, number> = {};
  if (req.flags.seed !== undefined) overrides.seed = req.flags.seed;
  if (req.flags.duration !== undefined) overrides.duration = req.flags.duration;
  if (Object.keys(overrides).length && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    raw = { ...(raw as Record<string, unknown>), ...overrides };
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
  if (spikesOut !== null) {
    try {
      io.writeFile(spikesOut, spikesCsv(spec, sim.spikes.t, sim.spikes.cell, sim.spikes.count));
    } catch (err) {
      io.stderr(`error: cannot write the spikes to ${spikesOut}: ${(err as Error).message}\n`);
      return 2;
    }
  }
  if (sim.status.kind !== 'done') {
    io.stderr(`run ${sim.status.kind}${'message' in sim.status ? `: ${sim.status.message}` : ''}\n`);
    return 1;
  }
  return 0;
}

