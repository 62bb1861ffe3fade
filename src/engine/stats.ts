// Per-segment spike statistics: count, mean rate (Hz), first-spike latency (ms), mean inter-spike interval (ms)
// and its coefficient of variation (population standard deviation / mean, dimensionless).
// Input: the run's spike times (ms) with the index range produced while the segment was integrated.

export interface SpikeStats {
  spikeCount: number;
  rateHz: number;
  firstSpikeLatency: number | null;
  isiMean: number | null;
  isiCV: number | null;
}

/** Statistics of spikes[from .. to−1] for a segment starting at tStart and lasting `duration` ms. */
export function spikeStats(spikes: Float64Array, from: number, to: number, tStart: number, duration: number): SpikeStats {
  const n = to - from;
  const rateHz = duration > 0 ? (n * 1000) / duration : 0;
  if (n === 0) return { spikeCount: 0, rateHz, firstSpikeLatency: null, isiMean: null, isiCV: null };
  const firstSpikeLatency = spikes[from] - tStart;
  if (n < 2) return { spikeCount: n, rateHz, firstSpikeLatency, isiMean: null, isiCV: null };
  const m = n - 1;
  const isiMean = (spikes[to - 1] - spikes[from]) / m;
  if (n < 3) return { spikeCount: n, rateHz, firstSpikeLatency, isiMean, isiCV: null };
  let ss = 0;
  for (let i = from + 1; i < to; i++) {
    const d = spikes[i] - spikes[i - 1] - isiMean;
    ss += d * d;
  }
  const isiCV = isiMean > 0 ? Math.sqrt(ss / m) / isiMean : null;
  return { spikeCount: n, rateHz, firstSpikeLatency, isiMean, isiCV };
}
