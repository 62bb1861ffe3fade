// Readouts of a network run from its spikes: counts and mean rates per cell type, the population rate in 1 ms bins
// (bin k holds spikes with k < t ≤ k + 1, in Hz per cell) and its Welch spectrum (fs = 1 kHz) with the strongest
// alpha (6–14 Hz) and gamma (25–80 Hz) peaks, each compared with the median density over 2–100 Hz.

import type { CellType } from '../model/network';
import { bandPeak, medianPower, welch, type Peak, type Spectrum } from './spectrum';

export const ALPHA_BAND: [number, number] = [6, 14];
export const GAMMA_BAND: [number, number] = [25, 80];
/** Reference range of the peaks' ratio (median density). */
export const REFERENCE_BAND: [number, number] = [2, 100];
/** A band's top counts as a peak when it is a local maximum at least this many times the reference median. */
export const PEAK_RATIO = 2;

export interface TypeStats {
  count: number;
  spikes: number;
  /** Mean rate over the simulated time, Hz per cell (NaN without cells). */
  rateHz: number;
}

export interface BandPeak extends Peak {
  /** The top is a local maximum inside the band and stands PEAK_RATIO above the reference. */
  significant: boolean;
}

export interface NetworkSummary {
  /** Simulated time the readouts cover, ms. */
  duration: number;
  types: Record<CellType, TypeStats>;
  /** Spikes of all cells per 1 ms bin over the number of cells, Hz. */
  popRate: Float64Array;
  spectrum: Spectrum;
  alpha: BandPeak | null;
  gamma: BandPeak | null;
}

/** Population rate (Hz per cell) in 1 ms bins over [0, duration]. */
export function populationRate(t: ArrayLike<number>, count: number, cells: number, duration: number): Float64Array {
  const bins = Math.max(0, Math.ceil(duration - 1e-9));
  const r = new Float64Array(bins);
  if (!bins || cells <= 0) return r;
  for (let k = 0; k < count; k++) {
    let b = Math.ceil(t[k]) - 1;
    if (b < 0) b = 0;
    if (b >= bins) b = bins - 1;
    r[b] += 1;
  }
  const scale = 1000 / cells;
  for (let b = 0; b < bins; b++) r[b] *= scale;
  return r;
}

/** Welch segment length for a rate signal of `bins` 1 ms samples: 512 ms (1024 ms for long runs, less for short). */
export function segmentFor(bins: number): number {
  if (bins >= 16384) return 1024;
  if (bins >= 1000) return 512;
  return Math.min(256, bins);
}

function peakIn(spec: Spectrum, band: [number, number], ref: number): BandPeak | null {
  const p = bandPeak(spec, band[0], band[1], ref);
  if (!p) return null;
  // Local maximum: the top bin is not at the band's edge, or its outer neighbour is lower.
  let top = -1;
  for (let i = 1; i < spec.f.length; i++) if (spec.f[i] >= band[0] && spec.f[i] <= band[1] && (top < 0 || spec.p[i] > spec.p[top])) top = i;
  const local = top > 0 && top + 1 < spec.p.length && spec.p[top] >= spec.p[top - 1] && spec.p[top] >= spec.p[top + 1];
  return { ...p, significant: local && p.ratio >= PEAK_RATIO };
}

/** Counts and mean rates per type from the spike counts of each (rates over `duration` ms). */
export function typeStats(ne: number, ni: number, spikesE: number, spikesI: number, duration: number): Record<CellType, TypeStats> {
  const sec = duration / 1000;
  return {
    excitatory: { count: ne, spikes: spikesE, rateHz: ne > 0 && sec > 0 ? spikesE / ne / sec : NaN },
    inhibitory: { count: ni, spikes: spikesI, rateHz: ni > 0 && sec > 0 ? spikesI / ni / sec : NaN },
  };
}

export interface RhythmSummary {
  spectrum: Spectrum;
  alpha: BandPeak | null;
  gamma: BandPeak | null;
}

/** The population rate's spectrum and its alpha and gamma peaks. */
export function rhythms(popRate: Float64Array): RhythmSummary {
  const spectrum = welch(popRate, 1000, segmentFor(popRate.length), 1024);
  const ref = medianPower(spectrum, REFERENCE_BAND[0], REFERENCE_BAND[1]);
  return { spectrum, alpha: peakIn(spectrum, ALPHA_BAND, ref), gamma: peakIn(spectrum, GAMMA_BAND, ref) };
}

export function summarize(
  t: ArrayLike<number>, cell: ArrayLike<number>, count: number, ne: number, n: number, duration: number,
): NetworkSummary {
  let se = 0;
  for (let k = 0; k < count; k++) if (cell[k] < ne) se++;
  const popRate = populationRate(t, count, n, duration);
  return { duration, types: typeStats(ne, n - ne, se, count - se, duration), popRate, ...rhythms(popRate) };
}
