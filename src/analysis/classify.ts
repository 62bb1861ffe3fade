// Firing-pattern classifier: from a neuron's spike train over a window of constant (step) input, a class — silent,
// phasic spiking, phasic bursting, tonic spiking, adapting, tonic bursting, mixed mode, irregular — and measures:
// spike count, mean rate (Hz), first-spike latency (ms), CV of the intervals, adaptation index, spikes per burst.
//
// The rules (thresholds below, each with its reason), in order:
//  1. No spike: silent.
//  2. Phasic: firing stops — the silence after the last spike is longer than PHASIC_SILENCE_FRACTION of the window and
//     longer than PHASIC_SILENCE_ISI × the longest interval. One spike: phasic spiking (whatever the silence); two or
//     more that stop: phasic bursting (an onset group, e.g. Izhikevich 2004 D).
//  3. Bursts: intervals sorted, the largest ratio between neighbours (the gap) splits them into intra-burst and
//     inter-burst intervals when it is ≥ BURST_GAP_RATIO (bursting intervals are bimodal; a regular or adapting
//     train's are not). Groups = runs of spikes joined by intra-burst intervals.
//     - tonic bursting: at least two groups of ≥ 2 spikes and at least half the later groups are bursts.
//     - mixed mode: the first group has ≥ MIXED_MIN_BURST spikes, the later groups (≥ 2) are single spikes, and the
//       tonic phase does not keep slowing down (last tonic interval ≤ MIXED_MAX_TONIC_DRIFT × the first one: IB's
//       post-burst pause is its longest interval); a tonic phase that keeps lengthening is adaptation (2004 F).
//     - otherwise the groups are discarded (a single onset doublet is not a burst) and 4. decides.
//  4. Single spikes: with ≥ IRREGULAR_MIN_ISIS late intervals (the second half) whose CV > IRREGULAR_CV: irregular;
//     else adapting when the late interval (median of the last third) is ≥ ADAPTING_RATIO × the first; else tonic.
//
// Measures: adaptation index = (ISI_late − ISI_first)/(ISI_late + ISI_first) ∈ (−1, 1) (0: none; 1/3: the rate
// halves), ISI_first the first interval (of the tonic phase in mixed mode); spikes per burst = mean size of the
// bursts (1 without bursts, 0 when silent).
//
// Failure cases (by construction, stated so no one is surprised):
//  - Izhikevich 2004 A "tonic spiking" (d = 6) adapts more than 2003 RS "regular spiking, adapting" (d = 8): first
//    interval 4.0 ms → 27.5 ms against 6.0 → 33.3 ms. No rule on the firing pattern can call A tonic and RS adapting;
//    both are "adapting" here (a rapid onset adaptation, Hippocampome's RASP), as the 2004 caption itself says
//    ("after two quick spikes the train settles").
//  - A tonic train slower than the window (one spike) reads as phasic spiking; a long first-spike latency with one
//    spike likewise. Windows of a few intervals make every ratio coarse (2003 TC at I = 1.5 for 120 ms: 14 → 37 ms
//    reads as adapting; over 1 s at I = 10 it is tonic).
//  - Bursts whose intra-burst intervals overlap the inter-burst ones (ratio < BURST_GAP_RATIO), e.g. weak chattering
//    near the IB/CH border, are read as irregular or tonic; chaotic firing with a bimodal interval histogram as bursts.
//  - Mixed mode needs ≥ 2 single spikes after the burst; a burst followed by one spike reads as tonic bursting or irregular.

export const FIRING_CLASSES = [
  'silent', 'phasic spiking', 'phasic bursting', 'tonic spiking', 'adapting', 'tonic bursting', 'mixed mode', 'irregular',
] as const;
export type FiringClass = (typeof FIRING_CLASSES)[number];

/** Silence after the last spike, as a fraction of the window, beyond which firing has stopped (phasic). */
export const PHASIC_SILENCE_FRACTION = 0.25;
/** …and as a multiple of the longest interval (a slow tonic train's last silence is at most about one interval). */
export const PHASIC_SILENCE_ISI = 3;
/** Smallest ratio between neighbouring sorted intervals that separates intra- from inter-burst intervals. */
export const BURST_GAP_RATIO = 3;
/** Spikes in the initial burst of mixed mode (2 would make every onset doublet a burst). */
export const MIXED_MIN_BURST = 3;
/** Largest lengthening of the tonic phase that is still mixed mode (IB/E: 0.8–0.9; 2004 F keeps slowing: 1.27). */
export const MIXED_MAX_TONIC_DRIFT = 1.1;
/** Late interval over first interval at which a train counts as adapting: the rate at least halves. */
export const ADAPTING_RATIO = 2;
/** CV of the late intervals above which single-spike firing is irregular (periodic trains: < 0.05). */
export const IRREGULAR_CV = 0.25;
export const IRREGULAR_MIN_ISIS = 4;

export interface SpikeTrain {
  /** The first spike times in the window, ms, increasing. */
  head: ArrayLike<number>;
  /** The last spike times, ms, increasing (may be empty); with `gap`, spikes between head and tail are missing. */
  tail: ArrayLike<number>;
  /** Spikes in the window (≥ head.length + tail.length). */
  count: number;
  /** Window [t0, t1], ms. */
  t0: number;
  t1: number;
  /** Mean and CV of all the intervals when known (a batch's running statistics); else computed from the spikes. */
  isiMean?: number | null;
  isiCV?: number | null;
}

export interface FiringMeasures {
  spikeCount: number;
  /** Hz. */
  rateHz: number;
  /** First spike − t0, ms; null when silent. */
  latency: number | null;
  /** CV of the inter-spike intervals (≥ 2 intervals), else null. */
  cv: number | null;
  /** (ISI_late − ISI_first)/(ISI_late + ISI_first), null with fewer than 2 intervals. */
  adaptation: number | null;
  /** Mean spikes per burst (1 without bursts, 0 when silent). */
  spikesPerBurst: number;
}

export interface Classification extends FiringMeasures {
  cls: FiringClass;
}

/** A full spike train (all spikes in the window). */
export function fullTrain(spikes: ArrayLike<number>, t0: number, t1: number): SpikeTrain {
  return { head: spikes, tail: [], count: spikes.length, t0, t1 };
}

// The helpers below work on ranges [lo, hi) of one scratch buffer of intervals (no arrays allocated per train) and
// sort copies in a second one: a map classifies every pixel, and allocations, comparator sorts and spreads cost as
// much as a tenth of its run. Same values, same order of summation as the plain definitions: the same results.

let ALL = new Float64Array(256);
let SORTED = new Float64Array(256);

/** Sorts ALL[lo, hi) into SORTED[0, n): insertion sort for short (and nearly sorted) runs, else the native sort. */
function sortRange(lo: number, hi: number): number {
  const n = hi - lo;
  if (n > 128) {
    SORTED.set(ALL.subarray(lo, hi));
    SORTED.subarray(0, n).sort();
    return n;
  }
  for (let i = 0; i < n; i++) {
    const x = ALL[lo + i];
    let j = i - 1;
    while (j >= 0 && SORTED[j] > x) { SORTED[j + 1] = SORTED[j]; j--; }
    SORTED[j + 1] = x;
  }
  return n;
}

function median(lo: number, hi: number): number {
  const n = sortRange(lo, hi);
  if (n === 0) return NaN;
  const m = n >> 1;
  return n % 2 ? SORTED[m] : 0.5 * (SORTED[m - 1] + SORTED[m]);
}

/** Start of the last third of [lo, hi) (at least its last element). */
function lastThird(lo: number, hi: number): number {
  const n = hi - lo;
  return n === 0 ? hi : lo + Math.min(n - 1, Math.floor((2 * n) / 3));
}

function cvOf(lo: number, hi: number): number | null {
  const n = hi - lo;
  if (n < 2) return null;
  let m = 0;
  for (let i = lo; i < hi; i++) m += ALL[i];
  m /= n;
  let ss = 0;
  for (let i = lo; i < hi; i++) ss += (ALL[i] - m) * (ALL[i] - m);
  return m > 0 ? Math.sqrt(ss / n) / m : null;
}

function maxOf(lo: number, hi: number): number {
  let m = -Infinity;
  for (let i = lo; i < hi; i++) m = Math.max(m, ALL[i]);
  return m;
}

/** Groups of spikes joined by intervals below the burst threshold, from a run of consecutive intervals (appended to out). */
function groups(lo: number, hi: number, theta: number, out: number[] = []): number[] {
  let size = 1;
  for (let i = lo; i < hi; i++) {
    if (ALL[i] < theta) size++;
    else { out.push(size); size = 1; }
  }
  out.push(size);
  return out;
}

/** The burst threshold (geometric mean across the largest gap of the sorted intervals), or null without bimodality. */
function burstThreshold(lo: number, hi: number): number | null {
  if (hi - lo < 2) return null;
  const n = sortRange(lo, hi);
  const s = SORTED;
  let best = 0, at = -1;
  for (let i = 0; i + 1 < n; i++) {
    const r = s[i] > 0 ? s[i + 1] / s[i] : Infinity;
    if (r > best) { best = r; at = i; }
  }
  return best >= BURST_GAP_RATIO ? Math.sqrt(s[at] * s[at + 1]) : null;
}

function adaptationIndex(first: number, late: number): number {
  return (late - first) / (late + first);
}

function result(
  spikeCount: number, rateHz: number, latency: number, cv: number | null, cls: FiringClass, adaptation: number | null, spikesPerBurst: number,
): Classification {
  return { spikeCount, rateHz, latency, cv, cls, adaptation, spikesPerBurst };
}

/** Classifies a spike train (see the rules at the top of this file). */
export function classifyTrain(train: SpikeTrain): Classification {
  const T = train.t1 - train.t0;
  const n = train.count;
  const rateHz = T > 0 ? (n * 1000) / T : 0;
  if (n === 0) {
    return { cls: 'silent', spikeCount: 0, rateHz: 0, latency: null, cv: null, adaptation: null, spikesPerBurst: 0 };
  }
  const { head, tail } = train;
  const latency = head[0] - train.t0;
  const lastSpike = tail.length ? tail[tail.length - 1] : head[head.length - 1];

  // Intervals of consecutive spikes inside each known run: the head's, then the tail's (the first one across the
  // junction when nothing is missing). all = [0, nAll), head part h = [0, nh), tail part t = [nh, nAll).
  const gap = n > head.length + tail.length;
  const nh = Math.max(0, head.length - 1);
  const across = !gap && tail.length > 0 && head.length > 0 ? 1 : 0;
  const nAll = nh + across + Math.max(0, tail.length - 1);
  if (ALL.length < nAll) { ALL = new Float64Array(2 * nAll); SORTED = new Float64Array(2 * nAll); }
  for (let i = 1; i < head.length; i++) ALL[i - 1] = head[i] - head[i - 1];
  if (across) ALL[nh] = tail[0] - head[head.length - 1];
  for (let i = 1; i < tail.length; i++) ALL[nh + across + i - 1] = tail[i] - tail[i - 1];
  const tLen = nAll - nh;
  // early: the head's intervals (all without them); without a gap the train is one sequence: "late" is its second
  // half and "steady" all of it; with a gap, both are the tail's intervals.
  const earlyHi = nh > 0 ? nh : nAll;
  const useTail = gap && tLen > 0;
  const lateLo = useTail ? nh : Math.floor(nAll / 2);
  const steadyLo = useTail ? nh : 0;
  const firstIsi = earlyHi > 0 ? ALL[0] : NaN;

  const cv = train.isiCV !== undefined && train.isiCV !== null ? train.isiCV : (nAll >= 2 ? cvOf(0, nAll) : null);
  if (n === 1) return result(n, rateHz, latency, cv, 'phasic spiking', null, 1);

  const longest = maxOf(0, nAll);
  const silence = train.t1 - lastSpike;
  const lateIsi = median(lastThird(steadyLo, nAll), nAll);
  const adaptation = nAll >= 2 ? adaptationIndex(firstIsi, lateIsi) : null;

  if (silence > PHASIC_SILENCE_FRACTION * T && silence > PHASIC_SILENCE_ISI * longest) {
    const theta = burstThreshold(0, nAll);
    return result(n, rateHz, latency, cv, 'phasic bursting', adaptation, theta ? meanBurst(groups(0, earlyHi, theta)) : n);
  }

  const theta = burstThreshold(0, nAll);
  if (theta !== null) {
    // Groups in the head (onset) and, separately, in the tail (steady state) when spikes are missing in between.
    const g = gap ? groups(lateLo, nAll, theta, groups(0, earlyHi, theta)) : groups(0, nAll, theta);
    let bursts = 0, laterBursts = 0;
    for (let k = 0; k < g.length; k++) {
      if (g[k] >= 2) { bursts++; if (k > 0) laterBursts++; }
    }
    const later = g.length - 1;
    if (bursts >= 2 && laterBursts * 2 >= later) {
      return result(n, rateHz, latency, cv, 'tonic bursting', adaptation, meanBurst(g));
    }
    if (g[0] >= MIXED_MIN_BURST && later >= 2 && laterBursts === 0) {
      // The tonic phase: intervals after the first burst.
      const tonicLo = Math.min(g[0] - 1, nAll);
      const firstTonic = tonicLo < nAll ? ALL[tonicLo] : NaN, lastTonic = median(lastThird(tonicLo, nAll), nAll);
      if (lastTonic <= MIXED_MAX_TONIC_DRIFT * firstTonic) {
        return result(n, rateHz, latency, cv, 'mixed mode', adaptationIndex(firstTonic, lastTonic), g[0]);
      }
    }
  }

  if (nAll - lateLo >= IRREGULAR_MIN_ISIS) {
    const lateCv = cvOf(lateLo, nAll);
    if (lateCv !== null && lateCv > IRREGULAR_CV) return result(n, rateHz, latency, cv, 'irregular', adaptation, 1);
  }
  const adapting = nAll >= 2 && lateIsi >= ADAPTING_RATIO * firstIsi;
  return result(n, rateHz, latency, cv, adapting ? 'adapting' : 'tonic spiking', adaptation, 1);
}

function meanBurst(g: number[]): number {
  let sum = 0, count = 0;
  for (const k of g) if (k >= 2) { sum += k; count++; }
  return count ? sum / count : 1;
}
