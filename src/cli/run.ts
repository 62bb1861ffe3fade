// The headless runner's logic with injected I/O (so tests need no child process): read and validate a session
// (file or gallery experiment, with integration overrides), simulate, print the JSON result, optionally write the
// trace as CSV. Returns the exit status: 0 ok, 1 run not completed (diverged/refused/cancelled), 2 bad input.

import { simulate } from '../engine/simulate';
import type { SimResult, Trace } from '../engine/types';
import { parseArgs, USAGE } from './args';
import { experimentList, loadSession } from './input';

export interface CliIO {
  /** Reads a text file; throws (with the system's message) if it cannot. */
  readFile(path: string): string;
  /** Writes chunks of text to a file; throws if it cannot. */
  writeFile(path: string, chunks: Iterable<string>): void;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The JSON printed on stdout. */
export function resultJson(name: string, r: SimResult): unknown {
  return {
    session: name,
    status: r.status,
    steps: r.steps,
    spikes: Array.from(r.spikes),
    segments: r.segments.map((s) => ({
      label: s.label, t_start: s.t_start, t_end: s.t_end, params: s.params, slope: s.slope, preset: s.preset,
      spikeCount: s.spikeCount, rateHz: s.rateHz, firstSpikeLatency: s.firstSpikeLatency, isiMean: s.isiMean, isiCV: s.isiCV,
    })),
    snapshots: r.snapshots,
    final: r.final,
  };
}

/** Shortest decimal text that reads back to the same float32 value. */
export function float32Text(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  for (let p = 6; p < 9; p++) {
    const s = Number(x.toPrecision(p)).toString();
    if (Math.fround(Number(s)) === x) return s;
  }
  return Number(x.toPrecision(9)).toString();
}

/** CSV "t,v,u" of a trace, in chunks of about 1 MB (a long trace never becomes one huge string). */
export function* traceCsv(tr: Trace): Generator<string> {
  let buf = 't,v,u\n';
  for (let k = 0; k < tr.length; k++) {
    buf += `${float32Text(tr.t[k])},${float32Text(tr.v[k])},${float32Text(tr.u[k])}\n`;
    if (buf.length > 1 << 20) { yield buf; buf = ''; }
  }
  yield buf;
}

export function runCli(argv: readonly string[], io: CliIO): number {
  const req = parseArgs(argv);
  if (req.kind === 'help') { io.stdout(USAGE + '\n'); return 0; }
  if (req.kind === 'error') { io.stderr(`error: ${req.message}\n\n${USAGE}\n`); return 2; }
  if (req.kind === 'list') {
    io.stdout(experimentList());
    return 0;
  }

  const input = loadSession(req, io.readFile);
  if (!input.ok) {
    io.stderr(`error: ${input.message}\n`);
    return 2;
  }
  const session = input.session;
  const result = simulate(session, { record: req.trace !== null });
  io.stdout(JSON.stringify(resultJson(session.name, result), null, 2) + '\n');
  if (req.trace !== null && result.trace) {
    try {
      io.writeFile(req.trace, traceCsv(result.trace));
    } catch (err) {
      io.stderr(`error: cannot write the trace to ${req.trace}: ${(err as Error).message}\n`);
      return 2;
    }
  }
  if (result.status.kind !== 'ok') {
    const msg = 'message' in result.status ? `: ${result.status.message}` : '';
    io.stderr(`run ${result.status.kind}${msg}\n`);
    return 1;
  }
  return 0;
}
