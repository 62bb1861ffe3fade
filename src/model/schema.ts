// Validation of sessions from any source (app state, localStorage, URL, file import, CLI).
// Reports every problem with its path, the value given and what is allowed; unknown keys are errors
// with a "did you mean" hint. Missing optional fields are filled with defaults.
// The work per issue and the report are bounded whatever the input: values are echoed cut to ECHO_CHARS, the hint
// is only computed for keys of comparable length, at most LIMITS.issues issues are listed (the rest are counted),
// and parseSessionText refuses texts longer than LIMITS.fileBytes before parsing them.

import { PARAM_SPECS, isParamKey, type Params } from './params';
import { MODELS, MODEL_IDS, type ModelDef, type ModelParams } from './models';
import {
  DEFAULT_INTEGRATION, INITIAL_MODES, PRECISIONS, SESSION_FORMAT, SESSION_VERSION, SPIKE_MODES, STEPPERS,
  effectiveParams, type Initial, type Integration, type ModelOptions, type Segment, type Session,
} from './session';

export interface SchemaIssue {
  /** Dotted path of the offending field, e.g. "protocol[2].assign.I". */
  path: string;
  message: string;
}

/** `omitted`: issues found beyond the LIMITS.issues listed (counted, not described). */
export type ParseResult = { ok: true; session: Session } | { ok: false; issues: SchemaIssue[]; omitted?: number };

/** Limits that are not parameters. */
export const LIMITS = {
  dt: { min: 0.0001, max: 1, unit: 'ms' },
  transient: { min: 0, max: 1e5, unit: 'ms' },
  /** A segment's end time: in (0, 1e6] ms (0 itself is not an end time). */
  until: { min: 0, max: 1e6, unit: 'ms', exclusiveMin: true },
  slope: { min: -100, max: 100, unit: '(mV/ms)/ms' },
  /** Largest |slope| of a ramp of the 2007 form's current, pA/ms. */
  slope2007: 10000,
  segments: { max: 200 },
  name: { maxLength: 120 },
  label: { maxLength: 80 },
  refractory: { min: 0, max: 1000, unit: 'ms' },
  vMin: { min: -200, max: 200, unit: 'mV' },
  /** Issues listed in full in one report; further ones are only counted ("and 9,800 more problems"). */
  issues: 50,
  /**
   * Longest session text (characters, ≈ bytes) accepted from a file, storage or the command line. The largest valid
   * session (200 segments, every field at its longest, pretty-printed) is well under a third of it (schema.test.ts).
   */
  fileBytes: 1024 * 1024,
} as const;

/** Longest piece of a given value repeated in a message. */
export const ECHO_CHARS = 60;

/** A string as JSON, cut to ECHO_CHARS with its length said when longer (for every message echoing user text). */
export function quoted(x: string): string {
  if (x.length <= ECHO_CHARS) return JSON.stringify(x);
  return `${JSON.stringify(x.slice(0, ECHO_CHARS)).slice(0, -1)}…" (${x.length.toLocaleString('en-US')} characters)`;
}

/** Appends a short sketch of x to out.s (depth ≤ 3, stops once longer than ECHO_CHARS: bounded work, no deep recursion). */
function sketch(x: unknown, depth: number, out: { s: string }): void {
  if (out.s.length > ECHO_CHARS) return;
  if (typeof x === 'string') { out.s += JSON.stringify(x.length > ECHO_CHARS ? x.slice(0, ECHO_CHARS) : x); return; }
  if (typeof x !== 'object' || x === null) { out.s += typeof x === 'number' && Number.isNaN(x) ? 'NaN' : String(x); return; }
  const isArray = Array.isArray(x);
  if (depth >= 3) { out.s += isArray ? '[…]' : '{…}'; return; }
  out.s += isArray ? '[' : '{';
  let first = true;
  if (isArray) {
    for (let i = 0; i < x.length && out.s.length <= ECHO_CHARS; i++) {
      if (!first) out.s += ',';
      first = false;
      sketch(x[i], depth + 1, out);
    }
  } else {
    for (const k in x) {
      if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
      if (out.s.length > ECHO_CHARS) break;
      if (!first) out.s += ',';
      first = false;
      out.s += JSON.stringify(k.length > ECHO_CHARS ? k.slice(0, ECHO_CHARS) : k) + ':';
      sketch((x as Record<string, unknown>)[k], depth + 1, out);
    }
  }
  out.s += isArray ? ']' : '}';
}

/** Plain-number text of a value for messages (JSON-like for non-numbers), at most about ECHO_CHARS long. */
export function show(x: unknown): string {
  if (typeof x === 'number') return Number.isNaN(x) ? 'NaN' : String(x);
  if (x === undefined) return 'nothing';
  if (typeof x === 'string') return quoted(x);
  const out = { s: '' };
  sketch(x, 0, out);
  return out.s.length > ECHO_CHARS ? `${out.s.slice(0, ECHO_CHARS)}…` : out.s;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
  return dp[a.length][b.length];
}

/**
 * "did you mean" suggestion among `allowed`, or ''. A candidate is suggested within an edit distance of
 * max(2, ⌊length/2⌋); the distance is at least the difference in length, so candidates whose length differs by more
 * are skipped unseen (a 10 MB key costs nothing here).
 */
export function suggest(given: string, allowed: readonly string[]): string {
  const within = Math.max(2, Math.floor(given.length / 2));
  let best = '';
  let bestD = Infinity;
  for (const k of allowed) {
    if (Math.abs(given.length - k.length) > within) continue;
    const d = editDistance(given, k);
    if (d < bestD) { bestD = d; best = k; }
  }
  return best && bestD <= within ? ` (did you mean "${best}"?)` : '';
}

/** Collects issues while reading untrusted data (shared by the session and network schemas). */
export class Checker {
  issues: SchemaIssue[] = [];
  /** Issues found beyond LIMITS.issues. */
  omitted = 0;
  get full(): boolean { return this.issues.length >= LIMITS.issues; }
  add(path: string, message: string) {
    if (this.full) this.omitted++;
    else this.issues.push({ path, message });
  }

  object(x: unknown, path: string): Record<string, unknown> | null {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) {
      this.add(path || '(root)', `must be an object, got ${show(x)}`);
      return null;
    }
    return x as Record<string, unknown>;
  }

  unknownKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string) {
    for (const k of Object.keys(obj)) {
      if (allowed.includes(k)) continue;
      if (this.full) { this.omitted++; continue; }
      this.add(join(path, k.length > ECHO_CHARS ? `${k.slice(0, ECHO_CHARS)}…` : k), `unknown key ${quoted(k)}${suggest(k, allowed)}; allowed: ${allowed.join(', ')}`);
    }
  }

  number(x: unknown, path: string, min: number, max: number, unit: string, opts: { exclusiveMin?: boolean } = {}): number | null {
    const range = `${opts.exclusiveMin ? '(' : '['}${min}, ${max}] ${unit}`.trim();
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      this.add(path, `must be a finite number in ${range}, got ${show(x)}`);
      return null;
    }
    if (x < min || x > max || (opts.exclusiveMin && x === min)) {
      this.add(path, `${show(x)} is out of range: allowed ${range}`);
      return null;
    }
    // −0 becomes 0: JSON (files, links) cannot hold −0, so a session read back is then exactly the same.
    return x === 0 ? 0 : x;
  }

  oneOf<T extends string>(x: unknown, path: string, allowed: readonly T[]): T | null {
    if (typeof x !== 'string' || !allowed.includes(x as T)) {
      const hint = typeof x === 'string' ? suggest(x, allowed) : '';
      this.add(path, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${show(x)}${hint}`);
      return null;
    }
    return x as T;
  }

  string(x: unknown, path: string, maxLength: number): string | null {
    if (typeof x !== 'string') { this.add(path, `must be a string, got ${show(x)}`); return null; }
    if (x.length > maxLength) { this.add(path, `is ${x.length} characters long; at most ${maxLength} allowed`); return null; }
    const bad = plainTextProblem(x);
    if (bad) { this.add(path, bad); return null; }
    return x;
  }
}

/**
 * Why a name or label is not plain text, or null: control characters (line breaks, escapes) and markup tags
 * ("<b>", "</", "<!--", "<script") are refused, so that text from a file or a link can never act as markup in a
 * plot, an exported SVG or a script's comment. "I<5" or "a < b" stay allowed.
 */
export function plainTextProblem(s: string): string | null {
  const ctl = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.exec(s);
  if (ctl) return `must be plain text on one line: control character U+${ctl[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at position ${ctl.index + 1}`;
  const tag = /<[A-Za-z!?/]/.exec(s);
  if (tag) return `must be plain text: "${s.slice(tag.index, tag.index + 12)}" at position ${tag.index + 1} looks like markup (write "<" followed by a space or a digit, e.g. "I < 5")`;
  return null;
}

/** Path of a child field: "a.b" or "a[2]". */
export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Checks one parameter value against its allowed range (the 2003 form's, or `model`'s); returns a message or null. */
export function checkParam(key: keyof Params | string, value: unknown, model: ModelDef = MODELS.izh2003): string | null {
  const c = new Checker();
  const s = model.specs[key] ?? PARAM_SPECS[key as keyof Params];
  c.number(value, key, s.min, s.max, s.unit === '1' ? '' : s.unit);
  return c.issues.length ? c.issues[0].message : null;
}

function parseParams(c: Checker, x: unknown, path: string, partial: boolean, model: ModelDef): ModelParams | null {
  const obj = c.object(x, path);
  if (!obj) return null;
  c.unknownKeys(obj, model.keys, path);
  const out: ModelParams = {};
  for (const k of model.keys) {
    if (obj[k] === undefined) { if (!partial) out[k] = model.defaults[k]; continue; }
    const s = model.specs[k];
    const v = c.number(obj[k], join(path, k), s.min, s.max, s.unit === '1' ? '' : s.unit);
    if (v !== null) out[k] = v;
  }
  return out;
}

/** Limits of a ramp's slope in the model's units of I per ms. */
export function slopeLimits(model: ModelDef): { min: number; max: number; unit: string } {
  return model.id === 'izh2003' ? LIMITS.slope : { min: -LIMITS.slope2007, max: LIMITS.slope2007, unit: model.units.slope };
}

function parseIntegration(c: Checker, x: unknown): Integration {
  const out: Integration = { ...DEFAULT_INTEGRATION };
  if (x === undefined) return out;
  const obj = c.object(x, 'integration');
  if (!obj) return out;
  c.unknownKeys(obj, ['dt', 'stepper', 'spikes', 'precision'], 'integration');
  if (obj.dt !== undefined) out.dt = c.number(obj.dt, 'integration.dt', LIMITS.dt.min, LIMITS.dt.max, 'ms') ?? out.dt;
  if (obj.stepper !== undefined) out.stepper = c.oneOf(obj.stepper, 'integration.stepper', STEPPERS) ?? out.stepper;
  if (obj.spikes !== undefined) out.spikes = c.oneOf(obj.spikes, 'integration.spikes', SPIKE_MODES) ?? out.spikes;
  if (obj.precision !== undefined) out.precision = c.oneOf(obj.precision, 'integration.precision', PRECISIONS) ?? out.precision;
  return out;
}

/** The model options (refractory period, V_min); null when absent or all off (options at their defaults are dropped). */
function parseOptions(c: Checker, x: unknown): ModelOptions | null {
  if (x === undefined) return null;
  const obj = c.object(x, 'options');
  if (!obj) return null;
  c.unknownKeys(obj, ['refractory', 'vMin'], 'options');
  const out: ModelOptions = {};
  if (obj.refractory !== undefined) {
    const r = c.number(obj.refractory, 'options.refractory', LIMITS.refractory.min, LIMITS.refractory.max, LIMITS.refractory.unit);
    if (r) out.refractory = r;
  }
  if (obj.vMin !== undefined && obj.vMin !== null) {
    const v = c.number(obj.vMin, 'options.vMin', LIMITS.vMin.min, LIMITS.vMin.max, LIMITS.vMin.unit);
    if (v !== null) out.vMin = v;
  }
  return Object.keys(out).length ? out : null;
}

function parseSegment(c: Checker, x: unknown, i: number, prevUntil: number, model: ModelDef): Segment | null {
  const path = join('protocol', i);
  const obj = c.object(x, path);
  if (!obj) return null;
  c.unknownKeys(obj, ['until', 'preset', 'assign', 'slope', 'label', 'untilInclusive'], path);
  const seg: Segment = { until: NaN };
  const until = c.number(obj.until, join(path, 'until'), LIMITS.until.min, LIMITS.until.max, 'ms', { exclusiveMin: LIMITS.until.exclusiveMin });
  if (until !== null) {
    if (until <= prevUntil) c.add(join(path, 'until'), `${until} ms must be later than the segment's start, ${prevUntil} ms (segments are ordered; "until" is an absolute end time)`);
    else seg.until = until;
  }
  if (obj.preset !== undefined) {
    const p = c.oneOf(obj.preset, join(path, 'preset'), model.presetIds);
    if (p) seg.preset = p;
  }
  if (obj.assign !== undefined) {
    const a = parseParams(c, obj.assign, join(path, 'assign'), true, model);
    if (a) seg.assign = a;
  }
  if (obj.slope !== undefined) {
    const lim = slopeLimits(model);
    const s = c.number(obj.slope, join(path, 'slope'), lim.min, lim.max, lim.unit);
    if (s !== null && s !== 0) seg.slope = s;
  }
  if (obj.label !== undefined) {
    const l = c.string(obj.label, join(path, 'label'), LIMITS.label.maxLength);
    if (l) seg.label = l;
  }
  if (obj.untilInclusive !== undefined) {
    if (typeof obj.untilInclusive !== 'boolean') c.add(join(path, 'untilInclusive'), `must be true or false, got ${show(obj.untilInclusive)}`);
    else if (obj.untilInclusive) seg.untilInclusive = true;
  }
  return seg;
}

/**
 * Validates and normalises a session. Accepts partial `params` (defaults fill the rest), an
 * optional `integration`, `transient` and `initial`; `format` and `version`, if given, must match.
 */
export function parseSession(x: unknown): ParseResult {
  const c = new Checker();
  const obj = c.object(x, '');
  if (!obj) return { ok: false, issues: c.issues, omitted: 0 };
  c.unknownKeys(obj, ['format', 'version', 'name', 'model', 'params', 'initial', 'options', 'integration', 'transient', 'protocol'], '');
  if (obj.format !== undefined && obj.format !== SESSION_FORMAT) c.add('format', `must be "${SESSION_FORMAT}", got ${show(obj.format)}`);
  if (obj.version !== undefined && obj.version !== SESSION_VERSION) c.add('version', `must be ${SESSION_VERSION}, got ${show(obj.version)} (this file is from another version of the app)`);
  const name = obj.name === undefined ? 'untitled' : c.string(obj.name, 'name', LIMITS.name.maxLength) ?? 'untitled';

  const modelId = obj.model === undefined ? 'izh2003' : c.oneOf(obj.model, 'model', MODEL_IDS) ?? 'izh2003';
  const model = MODELS[modelId];
  const params: ModelParams = { ...model.defaults, ...(obj.params === undefined ? {} : parseParams(c, obj.params, 'params', true, model) ?? {}) };

  const initial: Initial = { ...model.defaultInitial };
  if (obj.initial !== undefined) {
    const io = c.object(obj.initial, 'initial');
    if (io) {
      c.unknownKeys(io, ['v', 'u', 'mode'], 'initial');
      for (const k of ['v', 'u'] as const) {
        if (io[k] === undefined) continue;
        const s = model.state[k];
        const v = c.number(io[k], `initial.${k}`, s.min, s.max, s.unit);
        if (v !== null) initial[k] = v;
      }
      if (io.mode !== undefined) {
        const m = c.oneOf(io.mode, 'initial.mode', INITIAL_MODES);
        if (m && m !== 'explicit') initial.mode = m;
      }
    }
  }
  const options = parseOptions(c, obj.options);

  const integration = parseIntegration(c, obj.integration);
  const transient = obj.transient === undefined ? 0 : c.number(obj.transient, 'transient', LIMITS.transient.min, LIMITS.transient.max, 'ms') ?? 0;

  const protocol: Segment[] = [];
  if (!Array.isArray(obj.protocol)) {
    c.add('protocol', `must be a list of at least one segment ({"until": end time in ms, ...}), got ${show(obj.protocol)}`);
  } else if (obj.protocol.length === 0 || obj.protocol.length > LIMITS.segments.max) {
    c.add('protocol', `must have 1 to ${LIMITS.segments.max} segments, got ${obj.protocol.length}`);
  } else {
    let prev = 0;
    obj.protocol.forEach((s, i) => {
      const seg = parseSegment(c, s, i, prev, model);
      if (seg) { protocol.push(seg); if (Number.isFinite(seg.until)) prev = seg.until; }
    });
  }

  if (c.issues.length === 0) {
    // Cross-field rule: the reset value must lie below the cut-off in every segment, or the neuron would spike forever.
    const session = { params, protocol, model: modelId };
    const eff = effectiveParams(session);
    const pk = model.peakKey;
    if (!(params.c < params[pk])) c.add('params.c', `reset c = ${params.c} mV must be below ${pk} = ${params[pk]} mV`);
    eff.forEach((p, i) => {
      if (!(p.c < p[pk])) c.add(`protocol[${i}]`, `reset c = ${p.c} mV must be below ${pk} = ${p[pk]} mV in this segment`);
    });
    const vMin = options?.vMin;
    if (vMin !== undefined) {
      const i = eff.findIndex((p) => !(vMin < p[pk]));
      if (i >= 0) c.add('options.vMin', `V_min = ${vMin} mV must be below ${pk} (${eff[i][pk]} mV in segment ${i + 1}), or v would be clamped above the cut-off and fire every step`);
    }
  }

  if (c.issues.length) return { ok: false, issues: c.issues, omitted: c.omitted };
  return {
    ok: true,
    session: {
      format: SESSION_FORMAT, version: SESSION_VERSION, name, ...(modelId === 'izh2003' ? {} : { model: modelId }),
      params, initial, ...(options ? { options } : {}), integration, transient, protocol,
    },
  };
}

/**
 * One line per issue: "path: message"; at most `max` lines, then one "… and 9,800 more problems" line counting the
 * rest (those not listed here and `omitted`, the ones parseSession only counted).
 */
export function formatIssues(issues: readonly SchemaIssue[], omitted = 0, max: number = LIMITS.issues): string {
  const lines = issues.slice(0, max).map((i) => `${i.path}: ${i.message}`);
  const more = Math.max(0, issues.length - max) + omitted;
  if (more > 0) lines.push(`… and ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'}`);
  return lines.join('\n');
}

/** The text of a session file: a leading UTF-8 byte-order mark is dropped (editors on Windows write one). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Size of a text in the messages: "10.0 MB", "512 kB", "120 bytes". */
export function sizeText(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e4) return `${Math.round(n / 1e3)} kB`;
  return `${n.toLocaleString('en-US')} bytes`;
}

/** The message for a session text longer than LIMITS.fileBytes (`what`: "the file", "the saved session"…). */
export function oversizeMessage(what: string, size: number): string {
  return `${what} is ${sizeText(size)}; a session is at most ${sizeText(LIMITS.fileBytes)} ` +
    `(the largest valid one, 200 segments with every field set, is about a third of that). Nothing was read from it.`;
}

/**
 * The JSON value of a session text (file, storage, command line): refused unread when longer than LIMITS.fileBytes,
 * byte-order mark dropped, JSON errors reported with the parser's message (as path "(file)").
 */
export function readSessionJson(text: string, what = 'the file'): { ok: true; data: unknown } | { ok: false; issues: SchemaIssue[]; omitted: number } {
  if (text.length > LIMITS.fileBytes) return { ok: false, issues: [{ path: '(file)', message: oversizeMessage(what, text.length) }], omitted: 0 };
  try {
    return { ok: true, data: JSON.parse(stripBom(text)) };
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return { ok: false, issues: [{ path: '(file)', message: `not valid JSON: ${m.length > 200 ? `${m.slice(0, 200)}…` : m}` }], omitted: 0 };
  }
}

/** A session from its JSON text: readSessionJson, then parseSession. */
export function parseSessionText(text: string, what = 'the file'): ParseResult {
  const j = readSessionJson(text, what);
  return j.ok ? parseSession(j.data) : j;
}

/** Whether a key names a parameter (re-exported for UI field validation). */
export { isParamKey };
