// Reading and validating the session a command works on, shared by the headless commands (simulate, analyze): a
// session file or a gallery experiment, integration overrides merged in, then the schema. Pure apart from the
// injected readFile; failures come back as the message to print (exit status 2).

import { parseSession, formatIssues } from '../model/schema';
import { EXPERIMENTS, getExperiment } from '../model/experiments';
import type { Session } from '../model/session';

/** Integration settings given on the command line (passed through as given; the schema validates them). */
export interface Overrides {
  stepper?: string;
  spikes?: string;
  /** A number when the text parses as one; else the text itself, for the schema to reject with its message. */
  dt?: number | string;
  precision?: string;
}

export type SessionInput =
  | { ok: true; session: Session; source: string }
  | { ok: false; message: string };

function withOverrides(raw: unknown, o: Overrides): unknown {
  if (Object.keys(o).length === 0 || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const obj = raw as Record<string, unknown>;
  const integ = typeof obj.integration === 'object' && obj.integration !== null && !Array.isArray(obj.integration)
    ? obj.integration as Record<string, unknown> : {};
  return { ...obj, integration: { ...integ, ...o } };
}

/** The session of a file or an experiment id, with overrides, validated; or the error message (without "error: "). */
export function loadSession(
  req: { file: string | null; experiment: string | null; overrides: Overrides },
  readFile: (path: string) => string,
): SessionInput {
  let raw: unknown;
  let source: string;
  if (req.experiment !== null) {
    const e = getExperiment(req.experiment);
    if (!e) return { ok: false, message: `no experiment "${req.experiment}"; run with --list-experiments to see the ids` };
    raw = e.session;
    source = `experiment ${e.id}`;
  } else {
    const file = req.file as string;
    source = file;
    let text: string;
    try {
      text = readFile(file);
    } catch (err) {
      return { ok: false, message: `cannot read session file ${file}: ${(err as Error).message}` };
    }
    try {
      raw = JSON.parse(text);
    } catch (err) {
      return { ok: false, message: `${file} is not valid JSON: ${(err as Error).message}` };
    }
  }
  const parsed = parseSession(withOverrides(raw, req.overrides));
  if (!parsed.ok) return { ok: false, message: `invalid session (${source}):\n${formatIssues(parsed.issues)}` };
  return { ok: true, session: parsed.session, source };
}

/** The integration override options shared by the commands. */
export const OVERRIDE_OPTIONS = ['--stepper', '--spikes', '--dt', '--precision'] as const;

/** Sets override `name` (one of OVERRIDE_OPTIONS) from its text; false for any other option. */
export function setOverride(o: Overrides, name: string, value: string): boolean {
  switch (name) {
    case '--stepper': o.stepper = value; return true;
    case '--spikes': o.spikes = value; return true;
    case '--precision': o.precision = value; return true;
    case '--dt': {
      const x = Number(value);
      o.dt = value.trim() !== '' && Number.isFinite(x) ? x : value;
      return true;
    }
    default: return false;
  }
}

/** The gallery's experiments, one line each (id, name, figure): what --list-experiments prints. */
export function experimentList(): string {
  const w = Math.max(...EXPERIMENTS.map((e) => e.id.length));
  return EXPERIMENTS.map((e) => `${e.id.padEnd(w)}  ${e.name} (${e.figure})`).join('\n') + '\n';
}
