// The command line's shared flag parser (every command: simulate, analyze, map, network, export): a table of flags
// with kinds and allowed ranges, parsed from argv into typed values, or one clear message naming the flag, the
// value given and what is allowed (the caller exits 2 with it). Pure: no I/O.

import { suggest } from '../model/schema';

export type FlagSpec =
  /** Present or absent (`--list-experiments`); takes no value. */
  | { kind: 'switch'; help: string }
  /** Any non-empty text (a path, an id); `value` names it in the help ("<out.csv>"). */
  | { kind: 'text'; value: string; help: string }
  /** A finite number in [min, max] (integer when `integer`); `unit` is said in messages ("ms"). */
  | { kind: 'number'; value: string; min: number; max: number; unit?: string; integer?: boolean; help: string }
  /** One of `choices`. */
  | { kind: 'choice'; choices: readonly string[]; help: string };

/** Flag name (without "--") → spec. */
export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

type ValueOf<F extends FlagSpec> = F extends { kind: 'switch' } ? true : F extends { kind: 'number' } ? number : string;
export type FlagValues<S extends FlagSpecs> = { -readonly [K in keyof S]?: ValueOf<S[K]> };

export type FlagParse<S extends FlagSpecs> =
  | { ok: true; flags: FlagValues<S>; positional: string[]; help: boolean }
  | { ok: false; message: string };

/** "[0.0001, 1] ms", "an integer in [1, 64]". */
export function rangeText(f: Extract<FlagSpec, { kind: 'number' }>): string {
  return `${f.integer ? 'an integer' : 'a number'} in [${f.min}, ${f.max}]${f.unit ? ` ${f.unit}` : ''}`;
}

/** What a flag accepts, for messages: "a number in [0.0001, 1] ms", "one of rk4, euler". */
export function allowedText(f: FlagSpec): string {
  switch (f.kind) {
    case 'switch': return 'no value';
    case 'text': return `a value ${f.value}`;
    case 'number': return rangeText(f);
    case 'choice': return `one of ${f.choices.join(', ')}`;
  }
}

/** A given value, quoted and cut for a message. */
function given(v: string): string {
  return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
}

/** Checks one flag's value text; returns the typed value or a message naming the flag. */
export function flagValue(name: string, f: FlagSpec, text: string): { ok: true; value: string | number } | { ok: false; message: string } {
  const flag = `--${name}`;
  switch (f.kind) {
    case 'switch': return { ok: false, message: `${flag} takes no value (got ${given(text)})` };
    case 'text': return { ok: true, value: text };
    case 'choice': {
      if (f.choices.includes(text)) return { ok: true, value: text };
      return { ok: false, message: `${flag}: must be ${allowedText(f)}, got ${given(text)}${suggest(text, f.choices)}` };
    }
    case 'number': {
      const x = text.trim() === '' ? NaN : Number(text);
      if (!Number.isFinite(x) || (f.integer && !Number.isInteger(x))) {
        return { ok: false, message: `${flag}: must be ${rangeText(f)}, got ${given(text)}` };
      }
      if (x < f.min || x > f.max) return { ok: false, message: `${flag}: ${x} is out of range: allowed ${rangeText(f).replace(/^an? (integer|number) in /, '')}` };
      return { ok: true, value: x };
    }
  }
}

/**
 * Parses argv against `specs`: `--name value` and `--name=value`, switches, `--help`/`-h`, and `--` ending the
 * options; everything else is positional. Unknown flags (with a "did you mean"), missing or bad values and a flag
 * given twice are errors.
 */
export function parseFlags<S extends FlagSpecs>(argv: readonly string[], specs: S): FlagParse<S> {
  const flags: Record<string, string | number | true> = {};
  const positional: string[] = [];
  let help = false;
  const names = Object.keys(specs);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (a === '--help' || a === '-h') { help = true; continue; }
    if (!a.startsWith('-') || a === '-') { positional.push(a); continue; }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = (eq > 0 ? a.slice(0, eq) : a).replace(/^--?/, '');
    const f = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    if (!f || !a.startsWith('--')) {
      const hint = name.length >= 3 ? suggest(name, names).replace(/"([^"]+)"/, '--$1') : '';
      return { ok: false, message: `unknown option ${a.length > 60 ? `${a.slice(0, 60)}…` : a}${hint}` };
    }
    if (name in flags) return { ok: false, message: `--${name} is given twice` };
    if (f.kind === 'switch') {
      if (eq > 0) return { ok: false, message: `--${name} takes no value (got ${given(a.slice(eq + 1))})` };
      flags[name] = true;
      continue;
    }
    let text: string | undefined;
    if (eq > 0) text = a.slice(eq + 1);
    else {
      text = argv[i + 1];
      // "--trace --dt 0.1": the next flag is not a value (a negative number is, for number flags).
      if (text !== undefined && text.startsWith('--')) text = undefined;
      else i++;
    }
    if (text === undefined || text === '') return { ok: false, message: `--${name} needs a value: ${allowedText(f)}` };
    const v = flagValue(name, f, text);
    if (!v.ok) return v;
    flags[name] = v.value;
  }
  return { ok: true, flags: flags as FlagValues<S>, positional, help };
}

/** The "Options:" lines of a usage text, aligned. */
export function flagHelp(specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, f]) => [
    `--${name}${f.kind === 'switch' ? '' : ` ${f.kind === 'choice' ? '<' + f.choices.join('|') + '>' : f.value}`}`,
    f.kind === 'number' ? `${f.help} (${rangeText(f).replace(/^an? (integer|number) in /, '')})` : f.help,
  ]);
  const w = Math.min(24, Math.max(...rows.map((r) => r[0].length)));
  // A flag too long for the column gets its description on the next line.
  return rows.map(([l, h]) => (l.length > w ? `  ${l}\n  ${' '.repeat(w)}  ${h}` : `  ${l.padEnd(w)}  ${h}`)).join('\n');
}
