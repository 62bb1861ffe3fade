// Command-line arguments of the headless runner (`npm run simulate -- ...`): parsing into a request, and the help text.
// Pure: no I/O. Integration overrides are passed through as given; the session schema validates them (dt in ms).

import { setOverride, type Overrides } from './input';

export type { Overrides };

export const USAGE = `Usage:
  npm run simulate -- <session.json> [options]     run a session file
  npm run simulate -- --experiment <id> [options]  run a classic experiment of the gallery
  npm run simulate -- --list-experiments           list the experiments' ids
  npm run simulate -- --help

Options:
  --trace <out.csv>      also write the recorded trace t,v,u (ms, mV, mV/ms) at full resolution as CSV
  --stepper <s>          override integration.stepper: rk4 | euler | euler_sequential | exp_euler | euler_halfstep
  --spikes <m>           override integration.spikes: exact | step
  --dt <ms>              override integration.dt
  --precision <p>        override integration.precision: float32 | float64

Prints the result as JSON on stdout: status, steps, spikes (ms), segments (label, t_start, t_end, params,
spikeCount, rateHz, firstSpikeLatency, isiMean, isiCV), snapshots, final state.
Exit status: 0 ok; 1 the run diverged, was refused (memory budget) or cancelled (the JSON says why);
2 bad usage, unreadable file, invalid JSON or a session the schema rejects (messages on stderr).`;

export type CliRequest =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'run'; file: string | null; experiment: string | null; trace: string | null; overrides: Overrides }
  | { kind: 'error'; message: string };

const VALUE_OPTIONS = ['--trace', '--experiment', '--stepper', '--spikes', '--dt', '--precision'] as const;

export function parseArgs(argv: readonly string[]): CliRequest {
  let file: string | null = null;
  let experiment: string | null = null;
  let trace: string | null = null;
  let list = false;
  const overrides: Overrides = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return { kind: 'help' };
    if (a === '--list-experiments') { list = true; continue; }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      let value: string | undefined;
      if (eq > 0) value = a.slice(eq + 1);
      else { value = argv[i + 1]; i++; }
      if (value === undefined || value === '') return { kind: 'error', message: `${name} needs a value` };
      if (name === '--trace') trace = value;
      else if (name === '--experiment') experiment = value;
      else setOverride(overrides, name, value);
      continue;
    }
    if (a.startsWith('-') && a !== '-') return { kind: 'error', message: `unknown option ${a}` };
    if (file !== null) return { kind: 'error', message: `one session file at a time (got ${JSON.stringify(file)} and ${JSON.stringify(a)})` };
    file = a;
  }
  if (list) return { kind: 'list' };
  if (file !== null && experiment !== null) return { kind: 'error', message: 'give either a session file or --experiment <id>, not both' };
  if (file === null && experiment === null) return { kind: 'error', message: 'no session given: pass a session file or --experiment <id>' };
  return { kind: 'run', file, experiment, trace, overrides };
}
