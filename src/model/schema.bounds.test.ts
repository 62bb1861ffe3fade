// Tests of the schema's bounded work and report size on hostile input (issue 9, item 1): huge strings and keys,
// many issues, deep nesting, oversized or BOM-prefixed texts. Each case used to freeze (seconds to minutes of
// edit-distance tables) or to produce a report as large as the input; they must now finish at once with short,
// capped messages. No timing assertions: vitest's per-test timeout (5 s) is what catches a regression to the old cost.

import { describe, expect, it } from 'vitest';
import { PARAM_KEYS } from './params';
import { PRESET_IDS } from './presets';
import { ECHO_CHARS, LIMITS, formatIssues, parseSession, parseSessionText } from './schema';

const base = () => ({ protocol: [{ until: 100 }] as Record<string, unknown>[] });

function rejected(x: unknown) {
  const r = parseSession(x);
  if (r.ok) throw new Error('expected a rejection');
  return r;
}

/** Longest message a report may hold: the fixed text plus the capped echo of the value. */
const MAX_MESSAGE = 400;

describe('schema: bounded work and reports on hostile input', () => {
  it('200 presets of 50,000 characters (10 MB): one short issue each, the value echoed cut', () => {
    const long = 'x'.repeat(50_000);
    const s = { protocol: Array.from({ length: 200 }, (_, i) => ({ until: (i + 1) * 10, preset: long })) };
    const r = rejected(s);
    expect(r.issues.length + (r.omitted ?? 0)).toBe(200);
    expect(r.issues.length).toBe(LIMITS.issues);
    expect(r.issues[0].path).toBe('protocol[0].preset');
    expect(r.issues[0].message).toContain('(50,000 characters)');
    expect(r.issues[0].message).toContain(`"${'x'.repeat(ECHO_CHARS)}…"`);
    for (const i of r.issues) expect(i.message.length).toBeLessThan(MAX_MESSAGE);
    const text = formatIssues(r.issues, r.omitted);
    expect(text.split('\n').at(-1)).toBe('… and 150 more problems');
    expect(text.length).toBeLessThan(LIMITS.issues * MAX_MESSAGE);
  });

  it('a 10 MB unknown key: one issue, key and path cut, no "did you mean" computed', () => {
    const key = 'k'.repeat(10_000_000);
    const r = rejected({ ...base(), params: { [key]: 1 } });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].path).toBe(`params.${'k'.repeat(ECHO_CHARS)}…`);
    expect(r.issues[0].message).toMatch(/^unknown key "k{60}…" \(10,000,000 characters\); allowed: /);
    expect(r.issues[0].message.length).toBeLessThan(MAX_MESSAGE);
  });

  it('a near-miss key still gets its hint (the length bound skips only impossible candidates)', () => {
    const r = rejected({ ...base(), params: { v_thh: -50, vth: -50 } });
    expect(r.issues.map((i) => i.message)).toEqual([
      expect.stringContaining('(did you mean "v_th"?)'),
      expect.stringContaining('(did you mean "v_th"?)'),
    ]);
    const p = rejected({ ...base(), protocol: [{ until: 10, preset: PRESET_IDS[0] + 'x' }] });
    expect(p.issues[0].message).toContain(`(did you mean "${PRESET_IDS[0]}"?)`);
  });

  it('100,000 unknown keys: LIMITS.issues listed, the rest counted ("and 99,950 more")', () => {
    const params: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) params[`junk${i}`] = i;
    const r = rejected({ ...base(), params });
    expect(r.issues).toHaveLength(LIMITS.issues);
    expect(r.omitted).toBe(100_000 - LIMITS.issues);
    expect(formatIssues(r.issues, r.omitted)).toMatch(/\n… and 99,950 more problems$/);
    // A caller may list fewer and still count every one.
    expect(formatIssues(r.issues, r.omitted, 3).split('\n')).toHaveLength(4);
    expect(formatIssues(r.issues, r.omitted, 3)).toMatch(/… and 99,997 more problems$/);
  });

  it('5,000 levels of nesting as a value: a short sketch of it, no stack overflow', () => {
    let v: unknown = 1;
    for (let i = 0; i < 5000; i++) v = [v];
    let o: unknown = 1;
    for (let i = 0; i < 5000; i++) o = { x: o };
    const r = rejected({ ...base(), params: { a: v }, name: o });
    const a = r.issues.find((i) => i.path === 'params.a')!;
    expect(a.message).toMatch(/got \[\[\[\[…\]\]\]\]$/);
    expect(r.issues.find((i) => i.path === 'name')!.message).toBe('must be a string, got {"x":{"x":{"x":{…}}}}');
  });

  it('an object value is sketched, not serialised whole', () => {
    const big = Object.fromEntries(PARAM_KEYS.map((k) => [k, 'y'.repeat(1000)]));
    const r = rejected({ ...base(), initial: { v: big } });
    expect(r.issues[0].message.length).toBeLessThan(MAX_MESSAGE);
    expect(r.issues[0].message).toMatch(/got \{"\w+":"y+…$/);
  });
});

describe('parseSessionText: size cap, byte-order mark, JSON errors', () => {
  it('refuses a text longer than LIMITS.fileBytes unread, saying its size and the limit', () => {
    const text = JSON.stringify({ ...base(), name: 'n' }) + ' '.repeat(10_000_000);
    const r = parseSessionText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ path: '(file)', message: expect.stringMatching(/^the file is 10\.0 MB; a session is at most 1\.0 MB/) }]);
  });

  it('accepts a UTF-8 byte-order mark (as browsers do when they decode a file)', () => {
    const r = parseSessionText('\uFEFF' + JSON.stringify(base()));
    expect(r.ok).toBe(true);
  });

  it('reports invalid JSON with the parser message, cut', () => {
    const r = parseSessionText('{"protocol": [' + 'x'.repeat(100_000));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0].path).toBe('(file)');
    expect(r.issues[0].message).toMatch(/^not valid JSON: /);
    expect(r.issues[0].message.length).toBeLessThan(MAX_MESSAGE);
  });

  it('the largest valid session (200 segments, every field at its longest) is under a third of the cap', () => {
    const assign = Object.fromEntries(PARAM_KEYS.map((k) => [k, k === 'c' ? -65.12345678901234 : k === 'v_th' ? 30.123456789012345 : 0.012345678901234567]));
    const protocol = Array.from({ length: LIMITS.segments.max }, (_, i) => ({
      until: 990_000 + i * 5.123456789012345, preset: PRESET_IDS.reduce((a, b) => (b.length > a.length ? b : a)),
      assign, slope: -0.012345678901234567, label: 'L'.repeat(LIMITS.label.maxLength),
    }));
    const s = { name: 'N'.repeat(LIMITS.name.maxLength), protocol, transient: 99_999.12345678901, initial: { v: -65.12345678901234, u: -13.123456789012345 } };
    const r = parseSession(s);
    expect(r.ok, r.ok ? '' : formatIssues(r.issues)).toBe(true);
    if (!r.ok) return;
    const text = JSON.stringify(r.session, null, 2);
    expect(text.length).toBeLessThan(LIMITS.fileBytes / 3);
    expect(parseSessionText(text).ok).toBe(true);
  });
});
