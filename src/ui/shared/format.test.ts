// Tests of the number convention of format.ts: a decimal point, thin-space thousands from 1 000 up, typographic
// minus, no false zeros in readouts; Plotly gets the same separators.
import { describe, expect, it } from 'vitest';
import { PLOTLY_SEPARATORS, THOUSANDS, formatCount, formatFixed, formatMeasure, formatShort, groupThousands, groupedInText } from './format';

const T = THOUSANDS;

describe('number convention', () => {
  it('groups digits in threes with a thin space from 1 000 up, everywhere', () => {
    expect(THOUSANDS).toBe('\u2009');
    expect(formatCount(47)).toBe('47');
    expect(formatCount(1500)).toBe(`1${T}500`);
    expect(formatCount(150048)).toBe(`150${T}048`);
    expect(formatCount(253411)).toBe(`253${T}411`);
    expect(formatFixed(1231.2, 1)).toBe(`1${T}231.2`);
    expect(formatFixed(724031.4, 1)).toBe(`724${T}031.4`);
    expect(formatFixed(999.95, 1)).toBe(`1${T}000.0`);
    expect(formatFixed(-1500, 0)).toBe(`\u22121${T}500`);
    expect(formatShort(600000, 7)).toBe(`600${T}000`);
    expect(formatShort(1234.5678, 6)).toBe(`1${T}234.57`);
    expect(groupThousands('1e+21')).toBe('1e+21');
    expect(groupedInText('more than 6,700,000 spikes (about 6,700 per ms), a, b = 1,5')).toBe(`more than 6${T}700${T}000 spikes (about 6${T}700 per ms), a, b = 1,5`);
    // never a comma as a thousands separator
    for (const s of [formatCount(1e6), formatFixed(1e6, 2), formatShort(1e6, 7)]) expect(s).not.toMatch(/,/);
  });

  it('gives Plotly the same decimal point and thousands separator', () => {
    expect(PLOTLY_SEPARATORS).toBe(`.${T}`);
  });

  it('uses a typographic minus and no negative zero', () => {
    expect(formatFixed(-80, 0)).toBe('\u221280');
    expect(formatFixed(-0.001, 1)).toBe('0.0');
    expect(formatShort(-0)).toBe('0');
  });

  it('never shows a false zero for a small non-zero measure', () => {
    expect(formatMeasure(0.000165885, 2)).toBe('0.000166');
    expect(formatMeasure(0.0042, 2)).toBe('0.00420');
    expect(formatMeasure(0, 2)).toBe('0.00');
    expect(formatMeasure(11.714, 2)).toBe('11.71');
    expect(formatMeasure(-0.0001234, 3)).toBe('\u22120.000123');
  });
});
