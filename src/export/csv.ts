// The run's data as CSV, for the command line (`--trace`, `npm run export -- --to csv`) and the app's downloads (the
// worker writes the trace in chunks): the trace at full resolution t,v,u,I (ms, mV, mV/ms, mV/ms; every sample the
// engine recorded, float32 written shortest round-trip; I the current in force, ramps included, engine/current.ts),
// for the whole run or a time window; the spike times with their segment; the per-segment table. Pure.

import { currentCursor } from '../engine/current';
import type { Checkpoint, SegmentResult, Trace } from '../engine/types';
import { PARAM_KEYS } from '../model/params';
import type { Session } from '../model/session';

export const TRACE_HEADER = 't,v,u,I\n';

/** Shortest decimal text that reads back to the same float32 value (by toPrecision: plain and slow, the reference). */
export function float32TextPlain(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  for (let p = 6; p < 9; p++) {
    const s = Number(x.toPrecision(p)).toString();
    if (Math.fround(Number(s)) === x) return s;
  }
  return Number(x.toPrecision(9)).toString();
}

const POW10 = Array.from({ length: 81 }, (_, i) => Number(`1e${i - 40}`));

/**
 * Shortest decimal text that reads back to the same float32 value: the same text as float32TextPlain, about 6× faster
 * (a trace CSV writes four per sample). For p = 6 … 9 significant digits the value is rounded to an integer mantissa m
 * with k decimals; m / 10^k is then the correctly rounded double of that decimal (both exact, k ≤ 22), so the
 * round-trip test is exact, and the text is m with the point set by string operations. Values outside
 * [1e-6, 1e21) (JavaScript's exponent notation) take the plain path.
 */
export function float32Text(x: number): string {
  if (x === 0) return '0';
  const neg = x < 0, ax = neg ? -x : x;
  if (!(ax >= 1e-6 && ax < 1e21)) return float32TextPlain(x);
  const e = Math.floor(Math.log10(ax));
  for (let p = 6; p <= 9; p++) {
    const k = p - 1 - e;
    if (k > 22 || k < -22) break;
    const m = Math.round(k >= 0 ? ax * POW10[k + 40] : ax / POW10[40 - k]);
    const y = k >= 0 ? m / POW10[k + 40] : m * POW10[40 - k];
    if (Math.fround(y) !== ax) continue;
    let s: string;
    if (k <= 0) s = String(y);
    else {
      let digits = String(m);
      let kk = k;
      while (kk > 0 && digits.charCodeAt(digits.length - 1) === 48) { digits = digits.slice(0, -1); kk--; }
      if (kk === 0) s = digits;
      else if (digits.length > kk) s = `${digits.slice(0, digits.length - kk)}.${digits.slice(digits.length - kk)}`;
      else s = `0.${'0'.repeat(kk - digits.length)}${digits}`;
    }
    return neg ? `-${s}` : s;
  }
  return float32TextPlain(x);
}

/**
 * Sample indices [k0, k1) of the trace inside the window [t0, t1] (ms, both ends included; null = every sample).
 * Times never decrease along a trace (a spike's sample shares its time with the reset), so this is a binary search.
 */
export function traceRange(tr: Pick<Trace, 't' | 'length'>, window: readonly [number, number] | null): [number, number] {
  if (!window) return [0, tr.length];
  const lower = (x: number, strict: boolean) => {
    let lo = 0, hi = tr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? tr.t[mid] <= x : tr.t[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo;
  };
  const k0 = lower(Math.fround(window[0]), false);
  const k1 = lower(Math.fround(window[1]), true);
  return [k0, Math.max(k0, k1)];
}

/** Rows k0 .. k1 − 1 of the trace CSV (no header). */
export function traceRows(tr: Trace, session: Session, checkpoints: readonly Checkpoint[], k0: number, k1: number): string {
  const current = currentCursor(session, checkpoints);
  let out = '';
  for (let k = k0; k < k1; k++) {
    const t = tr.t[k];
    out += `${float32Text(t)},${float32Text(tr.v[k])},${float32Text(tr.u[k])},${float32Text(Math.fround(current(k, t)))}\n`;
  }
  return out;
}

/** The trace CSV of a run (header first), in chunks of about 1 MB: a long trace never becomes one huge string. */
export function* traceCsv(
  tr: Trace, session: Session, r: { checkpoints?: readonly Checkpoint[] }, window: readonly [number, number] | null = null,
): Generator<string> {
  const [k0, k1] = traceRange(tr, window);
  yield TRACE_HEADER;
  const rows = 20_000; // about 1 MB of text
  for (let k = k0; k < k1; k += rows) yield traceRows(tr, session, r.checkpoints ?? [], k, Math.min(k1, k + rows));
}

/** A text field: quoted (RFC 4180), and kept from being read as a formula by spreadsheets (a leading = + - @). */
export function csvText(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

const n = (x: number | null): string => (x === null || !Number.isFinite(x) ? '' : String(x));

/**
 * The spikes as CSV: "t,segment,label" (t in ms, exactly as the engine reports it; the segment 1-based as in the
 * plot, the one whose integration produced the spike, from the segments' spike counts).
 */
export function spikesCsv(spikes: ArrayLike<number>, segments: readonly SegmentResult[]): string {
  let out = 't,segment,label\n';
  let seg = 0;
  let left = segments[0]?.spikeCount ?? 0;
  for (let k = 0; k < spikes.length; k++) {
    while (left === 0 && seg < segments.length - 1) { seg++; left = segments[seg].spikeCount; }
    left--;
    out += `${spikes[k]},${seg + 1},${csvText(segments[seg]?.label ?? '')}\n`;
  }
  return out;
}

/** The per-segment table as CSV: what the readouts show, plus each segment's effective parameters. */
export function segmentsCsv(segments: readonly SegmentResult[]): string {
  const head = ['segment', 'label', 't_start_ms', 't_end_ms', 'preset', 'spikes', 'rate_Hz', 'first_spike_latency_ms',
    'isi_mean_ms', 'isi_cv', 'I_slope_per_ms', ...PARAM_KEYS];
  let out = head.join(',') + '\n';
  for (const s of segments) {
    out += [s.index + 1, csvText(s.label), s.t_start, s.t_end, csvText(s.preset ?? ''), s.spikeCount, s.rateHz,
      n(s.firstSpikeLatency), n(s.isiMean), n(s.isiCV), s.slope, ...PARAM_KEYS.map((k) => s.params[k])].join(',') + '\n';
  }
  return out;
}
