// The headless runner's logic with injected I/O (so tests need no child process): read and validate a session
// (file or gallery experiment, with integration overrides), simulate, print the JSON result (spike times listed up
// to --max-spikes), optionally write the trace as CSV t,v,u,I. Returns the exit status: 0 ok, 1 run not completed
// (diverged/refused/stopped/cancelled), 2 bad input (a flag, the file, the JSON or the session).

import { simulate } from '../engine/simulate';
import type { SimResult } from '../engine/types';
import { traceCsv } from '../export/csv';
import { parseArgs, USAGE } from './args';
import { experimentList, loadSession } from './input';

/** The commands' I/O, injected (nodeIO.ts on the real process; fakes in tests). */
export interface CliIO {
  /** Reads a text file; throws (with the system's message) if it cannot. */
  readFile(path: string): string;
  /** Size of a file in bytes, or null when it cannot be told; lets an oversized file be refused unread. */
  fileSize?(path: string): number | null;
  /** Whether two paths name the same file (device and inode); without it, the same absolute path. */
  sameFile?(a: string, b: string): boolean;
  /** Writes chunks of text to a file; throws if it cannot. */
  writeFile(path: string, chunks: Iterable<string>): void;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Whether `a` and `b` name the same file, by io.sameFile when given, else by their absolute paths. */
function sameFile(io: CliIO, a: string, b: string): boolean {
  if (io.sameFile) return io.sameFile(a, b);
  const abs = (p: string) => (p.startsWith('/') ? p : `${process.cwd()}/${p}`).replace(/\/\.\//g, '/');
  return abs(a) === abs(b);
}

/** The JSON printed on stdout; `maxSpikes` caps the spike times listed (spikeCount is always the total). */
export function resultJson(name: string, r: SimResult, maxSpikes = Infinity): unknown {
  const listed = Math.min(r.spikes.length, maxSpikes);
  return {
    session: name,
    status: r.status,
    steps: r.steps,
    spikeCount: r.spikes.length,
    spikes: Array.from(r.spikes.subarray(0, listed)),
    ...(listed < r.spikes.length ? { spikesOmitted: r.spikes.length - listed } : {}),
    segments: r.segments.map((s) => ({
      label: s.label, t_start: s.t_start, t_end: s.t_end, params: s.params, slope: s.slope, preset: s.preset,
      spikeCount: s.spikeCount, rateHz: s.rateHz, firstSpikeLatency: s.firstSpikeLatency, isiMean: s.isiMean, isiCV: s.isiCV,
    })),
    snapshots: r.snapshots,
    final: r.final,
  };
}

// The trace CSV (t,v,u,I) and float32 text live with the other CSV exports (the app's downloads use them too).
export { float32Text, traceCsv } from '../export/csv';

/** `memoryBudgetBytes`: the engine's budget for the run (default DEFAULT_MEMORY_BUDGET, 256 MiB); tests pass a small one. */
export function runCli(argv: readonly string[], io: CliIO, opts: { memoryBudgetBytes?: number } = {}): number {
  const req = parseArgs(argv);
  if (req.kind === 'help') { io.stdout(USAGE + '\n'); return 0; }
  if (req.kind === 'error') { io.stderr(`error: ${req.message}\n\n${USAGE}\n`); return 2; }
  if (req.kind === 'list') { io.stdout(experimentList()); return 0; }

  if (req.file !== null && req.trace !== null && sameFile(io, req.trace, req.file)) {
    io.stderr(`error: --trace ${req.trace} is the session file itself; give the trace another path (nothing was written)\n`);
    return 2;
  }
  const input = loadSession(req, io.readFile, io.fileSize);
  if (!input.ok) { io.stderr(`error: ${input.message}\n`); return 2; }
  const session = input.session;

  const result = simulate(session, { record: req.trace !== null, memoryBudgetBytes: opts.memoryBudgetBytes });
  io.stdout(JSON.stringify(resultJson(session.name, result, req.maxSpikes), null, 2) + '\n');
  if (result.spikes.length > req.maxSpikes) {
    io.stderr(`note: listed the first ${req.maxSpikes.toLocaleString('en-US')} of ${result.spikes.length.toLocaleString('en-US')} spike times; --max-spikes <n> lists more\n`);
  }
  if (req.trace !== null && result.trace) {
    try {
      io.writeFile(req.trace, traceCsv(result.trace, session, result));
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
