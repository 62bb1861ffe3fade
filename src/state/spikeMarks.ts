// Spike markers for the time plot, derived from a run's spike times: the spikes inside the visible window, at most one
// marker per pixel column (a burst of 200 spikes in one column is one marker saying "200 spikes"), each drawn at the
// threshold v_th in force at that time (where the trace's spike sample is). Times in ms, v in mV.

import { effectiveParams, segmentStart, type Session } from '../model/session';

export interface SpikeMarks {
  /** Time of the first spike in each marked column, ms. */
  x: Float64Array;
  /** v_th at that time, mV. */
  y: Float64Array;
  /** Hover texts ("spike at 123.45 ms" or "3 spikes, 123.45–124.10 ms"). */
  text: string[];
  /** Spikes inside the window (≥ the number of markers). */
  inWindow: number;
}

const fmt = (t: number): string => t.toFixed(2);

/**
 * Markers of `spikes` (ascending, ms) for the window [w0, w1] drawn over `columns` pixel columns. Spikes outside the
 * window are left out.
 */
export function spikeMarks(spikes: ArrayLike<number>, session: Session, window: [number, number], columns: number): SpikeMarks {
  const [w0, w1] = window;
  const cols = Math.max(1, Math.floor(columns));
  const span = w1 - w0;
  const xs: number[] = [];
  const ys: number[] = [];
  const text: string[] = [];
  let inWindow = 0;
  if (!(span > 0)) return { x: new Float64Array(0), y: new Float64Array(0), text, inWindow };
  const eff = effectiveParams(session);
  const starts = session.protocol.map((_, i) => segmentStart(session.protocol, i));
  let seg = 0;
  let col = -1;
  let count = 0;
  let first = 0;
  let last = 0;
  const flush = (): void => {
    if (count === 0) return;
    xs.push(first);
    ys.push(eff[segAt(first)].v_th);
    text.push(count === 1 ? `spike at ${fmt(first)} ms` : `${count} spikes, ${fmt(first)}–${fmt(last)} ms`);
  };
  const segAt = (t: number): number => {
    while (seg + 1 < starts.length && t >= starts[seg + 1]) seg++;
    return seg;
  };
  for (let i = 0; i < spikes.length; i++) {
    const t = spikes[i];
    if (t < w0 || t > w1) continue;
    inWindow++;
    const c = Math.min(cols - 1, Math.floor(((t - w0) / span) * cols));
    if (c !== col) {
      flush();
      col = c;
      count = 0;
      first = t;
    }
    count++;
    last = t;
  }
  flush();
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), text, inWindow };
}
