// Tests of the shared flag parser (used by every command): typed values, negative numbers as values, "--" ending
// the options, messages naming the flag and its allowed range, and the aligned help lines.

import { describe, expect, it } from 'vitest';
import { flagHelp, parseFlags } from './flags';

const SPECS = {
  I: { kind: 'number', value: '<mV/ms>', min: -100, max: 100, unit: 'mV/ms', help: 'injected current' },
  n: { kind: 'number', value: '<n>', min: 1, max: 64, integer: true, help: 'grid size' },
  out: { kind: 'text', value: '<file>', help: 'output file' },
  mode: { kind: 'choice', choices: ['fast', 'exact'], help: 'mode' },
  quiet: { kind: 'switch', help: 'say less' },
} as const;

describe('parseFlags', () => {
  it('gives typed values; a negative number is a value; "--" ends the options', () => {
    const r = parseFlags(['--I', '-5', 'a.json', '--n=8', '--quiet', '--mode', 'exact', '--', '--out'], SPECS);
    expect(r).toEqual({ ok: true, flags: { I: -5, n: 8, quiet: true, mode: 'exact' }, positional: ['a.json', '--out'], help: false });
  });
  it('names the flag, the value and the allowed range', () => {
    expect(parseFlags(['--I', '1e3'], SPECS)).toEqual({ ok: false, message: '--I: 1000 is out of range: allowed [-100, 100] mV/ms' });
    expect(parseFlags(['--n', '0x'], SPECS)).toEqual({ ok: false, message: '--n: must be an integer in [1, 64], got "0x"' });
    expect(parseFlags(['--mode', 'fats'], SPECS)).toEqual({ ok: false, message: '--mode: must be one of fast, exact, got "fats" (did you mean "fast"?)' });
    expect(parseFlags(['-q'], SPECS)).toEqual({ ok: false, message: 'unknown option -q' });
    expect(parseFlags(['--out='], SPECS)).toEqual({ ok: false, message: '--out needs a value: a value <file>' });
    const long = parseFlags(['--n', 'x'.repeat(1000)], SPECS);
    expect(!long.ok && long.message.length).toBeLessThan(120);
  });
  it('help lines name each flag with its value and range', () => {
    const h = flagHelp(SPECS).split('\n');
    expect(h).toHaveLength(5);
    expect(h[0]).toMatch(/^ {2}--I <mV\/ms> +injected current \(\[-100, 100\] mV\/ms\)$/);
    expect(h[3]).toMatch(/^ {2}--mode <fast\|exact> +mode$/);
  });
});
