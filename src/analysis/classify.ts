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

/** Intervals of consecutive spikes inside each known run (head, tail; and across them when nothing is missing). */
function intervals(train: SpikeTrain): { early: number[]; late: number[]; steady: number[]; all: number[] } {
  const { head, tail } = train;
  const gap = train.count > head.length + tail.length;
  const h: number[] = [];
  for (let i = 1; i < head.length; i++) h.push(head[i] - head[i - 1]);
  const t: number[] = [];
  if (!gap && tail.length && head.length) t.push(tail[0] - head[head.length - 1]);
  for (let i = 1; i < tail.length; i++) t.push(tail[i] - tail[i - 1]);
  const all = [...h, ...t];
  // Without a gap the train is one sequence: "late" is its second half; with a gap, the tail's intervals.
  const steady = gap && t.length ? t : all;
  return { early: h.length ? h : all, late: gap && t.length ? t : all.slice(Math.floor(all.length / 2)), steady, all };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** The last third of a list (at least its last element). */
function lastThird(xs: number[]): number[] {
  return xs.slice(Math.min(xs.length - 1, Math.floor((2 * xs.length) / 3)));
}

function cvOf(xs: number[]): number | null {
  if (xs.length < 2) return null;
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return m > 0 ? Math.sqrt(ss / xs.length) / m : null;
}

/** Groups of spikes joined by intervals below the burst threshold, from a list of consecutive intervals. */
function groups(isis: number[], theta: number): number[] {
  const out: number[] = [];
  let size = 1;
  for (const d of isis) {
    if (d < theta) size++;
    else { out.push(size); size = 1; }
  }
  out.push(size);
  return out;
}

/** The burst threshold (geometric mean across the largest gap of the sorted intervals), or null without bimodality. */
function burstThreshold(isis: number[]): number | null {
  if (isis.length < 2) return null;
  const s = [...isis].sort((a, b) => a - b);
  let best = 0, at = -1;
  for (let i = 0; i + 1 < s.length; i++) {
    const r = s[i] > 0 ? s[i + 1] / s[i] : Infinity;
    if (r > best) { best = r; at = i; }
  }
  return best >= BURST_GAP_RATIO ? Math.sqrt(s[at] * s[at + 1]) : null;
}

function adaptationIndex(first: number, late: number): number {
  return (late - first) / (late + first);
}

/** Classifies a spike train (see the rules at the top of this file). */
export function classifyTrain(train: SpikeTrain): Classification {
  const T = train.t1 - train.t0;
  const n = train.count;
  const rateHz = T > 0 ? (n * 1000) / T : 0;
  if (n === 0) {
    return { cls: 'silent', spikeCount: 0, rateHz: 0, latency: null, cv: null, adaptation: null, spikesPerBurst: 0 };
  }
  const latency = train.head[0] - train.t0;
  const lastSpike = train.tail.length ? train.tail[train.tail.length - 1] : train.head[train.head.length - 1];
  const { early, late, steady, all } = intervals(train);
  const cv = train.isiCV !== undefined && train.isiCV !== null ? train.isiCV : (all.length >= 2 ? cvOf(all) : null);
  const base = { spikeCount: n, rateHz, latency, cv };
  if (n === 1) return { ...base, cls: 'phasic spiking', adaptation: null, spikesPerBurst: 1 };

  const longest = Math.max(...all);
  const silence = train.t1 - lastSpike;
  const lateIsi = median(lastThird(steady));
  const adaptation = all.length >= 2 ? adaptationIndex(early[0], lateIsi) : null;

  if (silence > PHASIC_SILENCE_FRACTION * T && silence > PHASIC_SILENCE_ISI * longest) {
    const theta = burstThreshold(all);
    return { ...base, cls: 'phasic bursting', adaptation, spikesPerBurst: theta ? meanBurst(groups(early, theta)) : n };
  }

  const theta = burstThreshold(all);
  if (theta !== null) {
    // Groups in the head (onset) and, separately, in the tail (steady state) when spikes are missing in between.
    const gap = train.count > train.head.length + train.tail.length;
    const g = gap ? [...groups(early, theta), ...groups(late, theta)] : groups(all, theta);
    const later = g.slice(1);
    const bursts = g.filter((k) => k >= 2).length;
    const laterBursts = later.filter((k) => k >= 2).length;
    if (bursts >= 2 && laterBursts * 2 >= later.length) {
      return { ...base, cls: 'tonic bursting', adaptation, spikesPerBurst: meanBurst(g) };
    }
    if (g[0] >= MIXED_MIN_BURST && later.length >= 2 && laterBursts === 0) {
      // The tonic phase: intervals after the first burst.
      const tonic = all.slice(g[0] - 1);
      const firstTonic = tonic[0], lastTonic = median(lastThird(tonic));
      if (lastTonic <= MIXED_MAX_TONIC_DRIFT * firstTonic) {
        return { ...base, cls: 'mixed mode', adaptation: adaptationIndex(firstTonic, lastTonic), spikesPerBurst: g[0] };
      }
    }
  }

  if (late.length >= IRREGULAR_MIN_ISIS) {
    const lateCv = cvOf(late);
    if (lateCv !== null && lateCv > IRREGULAR_CV) return { ...base, cls: 'irregular', adaptation, spikesPerBurst: 1 };
  }
  const adapting = all.length >= 2 && lateIsi >= ADAPTING_RATIO * early[0];
  return { ...base, cls: adapting ? 'adapting' : 'tonic spiking', adaptation, spikesPerBurst: 1 };
}

function meanBurst(g: number[]): number {
  const b = g.filter((k) => k >= 2);
  return b.length ? b.reduce((s, k) => s + k, 0) / b.length : 1;
}
