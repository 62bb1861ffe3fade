// Plain-JavaScript batch engine: each neuron is simulate() (the engine itself, record: false) on its own session
// (spec.ts neuronSession), its window's spikes and statistics copied out. Used where WebAssembly SIMD is unavailable
// and as the reference the SIMD engine is tested against. Same steppers, spike modes, precision; ms, mV.

import { countSteps, simulate } from '../simulate';
import {
  type BatchOptions, type BatchOutput, type BatchResult, type BatchSpec, DEFAULT_CAPACITY, DIV_REASONS, EffectiveParams,
  NEURON_DIVERGED, NEURON_OK, NEURON_REFUSED, checkSpec, neuronSession, windowOf,
} from './spec';
import { allocOutput, windowTimes } from './output';

/** Neurons between cancellation polls. */
const POLL_NEURONS = 16;

export function runBatchJs(spec: BatchSpec, opts: BatchOptions = {}): BatchResult {
  checkSpec(spec);
  const n = spec.count;
  const cap = spec.capacity ?? DEFAULT_CAPACITY;
  const tailCap = spec.tail ?? 0;
  const w = windowOf(spec);
  const eff = new EffectiveParams(spec);
  const out: BatchOutput = allocOutput(n, cap, tailCap, 'js', { ...w, ...windowTimes(spec.session, w) }, countSteps(spec.session));
  for (let i = 0; i < n; i++) {
    if (i % POLL_NEURONS === 0 && i > 0 && opts.shouldCancel?.()) return { status: 'cancelled' };
    const r = simulate(neuronSession(spec, i, eff), { record: false });
    const cps = r.checkpoints ?? [];
    const from = cps[w.from]?.nSpikes ?? r.spikes.length;
    const to = cps[w.to + 1]?.nSpikes ?? r.spikes.length;
    let count = 0, last = NaN, mean = 0, m2 = 0;
    for (let k = from; k < to; k++) {
      const t = r.spikes[k];
      if (count < cap) out.spikes[i * cap + count] = t;
      else if (tailCap > 0) out.tail[i * tailCap + ((count - cap) % tailCap)] = t;
      if (count > 0) {
        const isi = t - last;
        const delta = isi - mean;
        mean = mean + delta / count;
        m2 = m2 + delta * (isi - mean);
      }
      last = t;
      count++;
    }
    out.spikeCount[i] = count;
    out.lastSpike[i] = last;
    out.isiMean[i] = mean;
    out.isiM2[i] = m2;
    out.finalV[i] = r.final.v;
    out.finalU[i] = r.final.u;
    if (r.status.kind === 'refused') {
      out.neuronStatus[i] = NEURON_REFUSED;
    } else if (r.status.kind === 'diverged') {
      out.neuronStatus[i] = NEURON_DIVERGED;
      out.divT[i] = r.status.t;
      out.divVar[i] = r.status.variable === 'v' ? 0 : 1;
      out.divReason[i] = DIV_REASONS.indexOf(r.status.reason);
      out.divSegment[i] = r.status.segment;
    } else {
      out.neuronStatus[i] = NEURON_OK;
    }
  }
  return out;
}
