// Command-line arguments of the headless runner (`npm run simulate -- ...`): its flags (parsed by the shared
// parser in flags.ts, which checks every value against the schema's ranges: dt in ms), the request, the help text.
// Pure: no I/O.

import { flagHelp, parseFlags, type FlagValues } from './flags';
import { OVERRIDE_FLAGS, overridesOf, sessionSource, type Overrides } from './input';

export type { Overrides };

/** Spike times listed in the JSON unless --max-spikes says otherwise (about 1.5 MB of JSON). */
export const DEFAULT_MAX_SPIKES = 100_000;

export const SIMULATE_FLAGS = {
  trace: { kind: 'text', value: '<out.csv>', help: 'also write the recorded trace t,v,u,I (ms, mV, mV/ms, mV/ms) at full resolution as CSV' },
  experiment: { kind: 'text', value: '<id>', help: 'run a classic experiment of the gallery instead of a file' },
  'list-experiments': { kind: 'switch', help: "list the experiments' ids" },
  ...OVERRIDE_FLAGS,
  'max-spikes': {
    kind: 'number', value: '<n>', min: 0, max: 1e9, integer: true,
    help: `most spike times listed in the JSON (default ${DEFAULT_MAX_SPIKES}; spikeCount is always the total)`,
  },
} as const;


export const USAGE = `Usage:
  npm run simulate -- <session.json> [options]     run a session file
  npm run simulate -- --experiment <id> [options]  run a classic experiment of the gallery
  npm run simulate -- --list-experiments           list the experiments' ids
  npm run simulate -- --help

Options:
${flagHelp(SIMULATE_FLAGS)}

Prints the result as JSON on stdout: status, steps, spikeCount, spikes (ms; the first --max-spikes of them),
segments (label, t_start, t_end, params, spikeCount, rateHz, firstSpikeLatency, isiMean, isiCV), snapshots, final.
Exit status: 0 ok; 1 the run diverged, was refused or stopped (memory budget) or cancelled (the JSON says why);
2 bad usage (a flag's value out of its range), unreadable or oversized file, invalid JSON or a session the schema
rejects (messages on stderr).`;


export type CliRequest =
  | { kind: 'help' }
  | { kind: 'list' }
  | {
    kind: 'run'; file: string | null; experiment: string | null; trace: string | null; overrides: Overrides;
    maxSpikes: number;
  }
  | { kind: 'error'; message: string };

export function parseArgs(argv: readonly string[]): CliRequest {
  const p = parseFlags(argv, SIMULATE_FLAGS);
  if (!p.ok) return { kind: 'error', message: p.message };
  if (p.help) return { kind: 'help' };
  const f: FlagValues<typeof SIMULATE_FLAGS> = p.flags;
  if (f['list-experiments']) return { kind: 'list' };
  const src = sessionSource(p.positional, f.experiment);
  if (!src.ok) return { kind: 'error', message: src.message };
  const { file, experiment } = src;
  const overrides = overridesOf(f);
  return { kind: 'run', file, experiment, trace: f.trace ?? null, overrides, maxSpikes: f['max-spikes'] ?? DEFAULT_MAX_SPIKES };
}
