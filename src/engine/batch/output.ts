// Allocation of a batch's per-neuron output arrays and the time span of its window of segments (ms).

import { segmentStart, type Session } from '../../model/session';
import type { BatchOutput } from './spec';

export function windowTimes(session: Session, w: { from: number; to: number }): { t0: number; t1: number } {
  return { t0: segmentStart(session.protocol, w.from), t1: session.protocol[w.to].until };
}

export function allocOutput(
  n: number, cap: number, tailCap: number, engine: BatchOutput['engine'], window: BatchOutput['window'], stepsPerNeuron: number,
): BatchOutput {
  return {
    status: 'ok', engine, count: n, capacity: cap, window,
    spikeCount: new Int32Array(n),
    spikes: new Float64Array(n * cap),
    tailCapacity: tailCap,
    tail: new Float64Array(n * tailCap),
    lastSpike: new Float64Array(n).fill(NaN),
    isiMean: new Float64Array(n),
    isiM2: new Float64Array(n),
    neuronStatus: new Uint8Array(n),
    divT: new Float64Array(n).fill(NaN),
    divVar: new Uint8Array(n),
    divReason: new Uint8Array(n),
    divSegment: new Int32Array(n),
    finalV: new Float64Array(n),
    finalU: new Float64Array(n),
    stepsPerNeuron,
  };
}
