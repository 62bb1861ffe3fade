// Number parsing and formatting for the UI: strict parsing of typed numbers (ASCII or typographic minus, decimal
// comma accepted), compact display without float noise, range messages naming the allowed interval and unit.

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

/** Fixed decimals with a typographic minus, for read-only numbers. */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '—';
  const s = x.toFixed(digits);
  return s.startsWith('-') && Number(s) !== 0 ? '\u2212' + s.slice(1) : s.replace(/^-/, '');
}

/** Compact display for read-only numbers with a typographic minus. */
export function formatShort(x: number, significant = 4): string {
  if (!Number.isFinite(x)) return '—';
  const r = Number(x.toPrecision(significant));
  const s = String(Object.is(r, -0) ? 0 : r);
  return s.replace(/^-/, '\u2212');
}

/** "a must be a number in [-0.2, 2] 1/ms" */
export function rangeMessage(label: string, min: number, max: number, unit: string, integer = false): string {
  const u = unit && unit !== '1' ? ` ${unit}` : '';
  return `${label} must be ${integer ? 'a whole number' : 'a number'} in [${min}, ${max}]${u}`;
}

/** Integer with thin-space thousands separators, for counts in status texts. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US').replace(/,/g, '\u2009');
}
