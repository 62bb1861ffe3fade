// Number parsing and formatting for the UI: strict parsing of typed numbers (ASCII or typographic minus, decimal
// comma accepted), compact display without float noise, range messages naming the allowed interval and unit.
// One convention for every number the app shows (readouts, status, tables, plot ticks and hovers): a decimal point,
// digits grouped in threes by a thin space from 1 000 up (1 500, 150 048, 1 231.20), a typographic minus (−80).
// Editable fields show plain numbers (1500) so they can be typed back.

/** Thousands separator of the convention (U+2009 THIN SPACE). */
export const THOUSANDS = '\u2009';
/** Plotly's `separators` for the convention: decimal point, then the thousands separator. */
export const PLOTLY_SEPARATORS = '.' + THOUSANDS;

/** "1234567.5" → "1 234 567.5" (integer part grouped from 1 000 up; an exponent form is left alone). */
export function groupThousands(s: string): string {
  if (/e/i.test(s)) return s;
  const m = /^([-\u2212]?)(\d+)(.*)$/.exec(s);
  if (!m || m[2].length < 4) return s;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, THOUSANDS) + m[3];
}

/** A typed number, or null when the text is not a plain finite number ("abc", "NaN", "1e", ""). */
export function parseNumber(text: string): number | null {
  let s = text.trim().replace(/\u2212/g, '-');
  if (!s.includes('.') && /^[+-]?\d*,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}

/** Display of a value without float noise (0.1 + 0.2 → 0.3), keeping up to 10 significant digits. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Number(x.toPrecision(10));
  return String(Object.is(r, -0) ? 0 : r);
}

/** A message's numbers grouped by the convention ("6,700,000 spikes" → "6 700 000 spikes"), e.g. the engine's texts. */
export function groupedInText(text: string): string {
  return text.replace(/(\d),(?=\d{3}(?!\d))/g, '$1' + THOUSANDS);
}

/** Fixed decimals with a typographic minus and grouped thousands, for read-only numbers. */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '—';
  const s = x.toFixed(digits);
  return groupThousands(s.startsWith('-') && Number(s) !== 0 ? '\u2212' + s.slice(1) : s.replace(/^-/, ''));
}

/**
 * Like formatFixed, but a non-zero value too small to show at `digits` decimals keeps 3 significant digits
 * (0.000166, not 0.00), so a readout never shows a false zero.
 */
export function formatMeasure(x: number, digits: number): string {
  if (Number.isFinite(x) && x !== 0 && Math.abs(x) < 0.5 * Math.pow(10, -digits)) {
    const s = Number(x.toPrecision(3)).toFixed(Math.min(20, Math.max(digits, 2 - Math.floor(Math.log10(Math.abs(x))))));
    return s.replace(/^-/, '\u2212');
  }
  return formatFixed(x, digits);
}

/** Compact display for read-only numbers with a typographic minus and grouped thousands. */
export function formatShort(x: number, significant = 4): string {
  if (!Number.isFinite(x)) return '—';
  const r = Number(x.toPrecision(significant));
  const s = String(Object.is(r, -0) ? 0 : r);
  return groupThousands(s.replace(/^-/, '\u2212'));
}

/** "a must be a number in [-0.2, 2] 1/ms" */
export function rangeMessage(label: string, min: number, max: number, unit: string, integer = false, exclusiveMin = false): string {
  const u = unit && unit !== '1' ? ` ${unit}` : '';
  return `${label} must be ${integer ? 'a whole number' : 'a number'} in ${exclusiveMin ? '(' : '['}${min}, ${max}]${u}`;
}

/** Integer with thin-space thousands separators, for counts. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return groupThousands(String(Math.round(n)).replace(/^-/, '\u2212'));
}
