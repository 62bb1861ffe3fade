// Reading and validating the session a command works on, shared by the headless commands (simulate, analyze, …): a
// session file or a gallery experiment, integration overrides checked as flags (naming the flag and its range) and
// merged in, then the schema. Files over LIMITS.fileBytes are refused by their size before they are read, a UTF-8
// byte-order mark is dropped, messages are capped. Pure apart from the injected file access; failures come back as
// the message to print (exit status 2).

import { LIMITS, formatIssues, oversizeMessage, parseSession, readSessionJson } from '../model/schema';
import { EXPERIMENTS, getExperiment } from '../model/experiments';
import { PRECISIONS, SPIKE_MODES, STEPPERS, type Session } from '../model/session';
import { flagValue } from './flags';

/** Integration settings given on the command line (checked against OVERRIDE_FLAGS by loadSession). */
export interface Overrides {
  stepper?: string;
  spikes?: string;
  /** A number; text that does not parse as one is kept as given and reported as a bad --dt by loadSession. */
  dt?: number | string;
  precision?: string;
}

/** The integration override flags shared by the commands, as parseFlags specs (flags.ts). */
export const OVERRIDE_FLAGS = {
  stepper: { kind: 'choice', choices: STEPPERS, help: 'override integration.stepper' },
  spikes: { kind: 'choice', choices: SPIKE_MODES, help: 'override integration.spikes' },
  dt: { kind: 'number', value: '<ms>', min: LIMITS.dt.min, max: LIMITS.dt.max, unit: LIMITS.dt.unit, help: 'override integration.dt' },
  precision: { kind: 'choice', choices: PRECISIONS, help: 'override integration.precision' },
} as const;

/**
 * Where the session comes from, from a command's positional arguments and its --experiment flag (exactly one of a
 * file and an experiment), or the message; and the override flags given, as Overrides.
 */
export function sessionSource(
  positional: readonly string[], experiment: string | undefined,
): { ok: true; file: string | null; experiment: string | null } | { ok: false; message: string } {
  if (positional.length > 1) {
    return { ok: false, message: `one session file at a time (got ${JSON.stringify(positional[0])} and ${JSON.stringify(positional[1])})` };
  }
  const file = positional[0] ?? null;
  const exp = experiment ?? null;
  if (file !== null && exp !== null) return { ok: false, message: 'give either a session file or --experiment <id>, not both' };
  if (file === null && exp === null) return { ok: false, message: 'no session given: pass a session file or --experiment <id>' };
  return { ok: true, file, experiment: exp };
}

export function overridesOf(f: { stepper?: string; spikes?: string; dt?: number; precision?: string }): Overrides {
  const o: Overrides = {};
  if (f.stepper !== undefined) o.stepper = f.stepper;
  if (f.spikes !== undefined) o.spikes = f.spikes;
  if (f.dt !== undefined) o.dt = f.dt;
  if (f.precision !== undefined) o.precision = f.precision;
  return o;
}

export type SessionInput =
  | { ok: true; session: Session; source: string }
  | { ok: false; message: string };

/** The first override that is not an allowed value, as a flag message ("--dt: must be a number in …"), or null. */
export function checkOverrides(o: Overrides): string | null {
  for (const name of Object.keys(OVERRIDE_FLAGS) as (keyof typeof OVERRIDE_FLAGS)[]) {
    const v = o[name];
    if (v === undefined) continue;
    const r = flagValue(name, OVERRIDE_FLAGS[name], String(v));
    if (!r.ok) return r.message;
  }
  return null;
}

function withOverrides(raw: unknown, o: Overrides): unknown {
  if (Object.keys(o).length === 0 || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const obj = raw as Record<string, unknown>;
  const integ = typeof obj.integration === 'object' && obj.integration !== null && !Array.isArray(obj.integration)
    ? obj.integration as Record<string, unknown> : {};
  return { ...obj, integration: { ...integ, ...o } };
}

/** A text cut for a message. */
function cut(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/**
 * The session of a file or an experiment id, with overrides, validated; or the error message (without "error: ").
 * `fileSize` (bytes, null when unknown) lets an oversized file be refused before it is read.
 */
export function loadSession(
  req: { file: string | null; experiment: string | null; overrides: Overrides },
  readFile: (path: string) => string,
  fileSize?: (path: string) => number | null,
): SessionInput {
  const bad = checkOverrides(req.overrides);
  if (bad) return { ok: false, message: bad };
  let raw: unknown;
  let source: string;
  if (req.experiment !== null) {
    const e = getExperiment(req.experiment);
    if (!e) return { ok: false, message: `no experiment ${JSON.stringify(cut(req.experiment))}; run with --list-experiments to see the ids` };
    raw = e.session;
    source = `experiment ${e.id}`;
  } else {
    const file = req.file as string;
    source = file;
    const size = fileSize ? fileSize(file) : null;
    if (size !== null && size > LIMITS.fileBytes) return { ok: false, message: oversizeMessage(file, size) };
    let text: string;
    try {
      text = readFile(file);
    } catch (err) {
      return { ok: false, message: `cannot read session file ${file}: ${(err as Error).message}` };
    }
    const j = readSessionJson(text, file);
    if (!j.ok) {
      const m = j.issues[0].message;
      return { ok: false, message: m.startsWith('not valid JSON') ? `${file} is ${m}` : m };
    }
    raw = j.data;
  }
  const parsed = parseSession(withOverrides(raw, req.overrides));
  if (!parsed.ok) return { ok: false, message: `invalid session (${source}):\n${formatIssues(parsed.issues, parsed.omitted)}` };
  return { ok: true, session: parsed.session, source };
}

/** The gallery's experiments, one line each (id, name, figure): what --list-experiments prints. */
export function experimentList(): string {
  const w = Math.max(...EXPERIMENTS.map((e) => e.id.length));
  return EXPERIMENTS.map((e) => `${e.id.padEnd(w)}  ${e.name} (${e.figure})`).join('\n') + '\n';
}
