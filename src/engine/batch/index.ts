// The batch engine's entry: runBatch(spec) integrates N independent neurons (spec.ts) on the WebAssembly SIMD
// engine when this JavaScript engine has it (wasm.ts), else on the plain-JS one (js.ts); both equal simulate() per
// neuron, bit for bit. Also per-neuron spike statistics from a batch's output. Times ms, rates Hz.

import { spikeStats, type SpikeStats } from '../stats';
import { runBatchJs } from './js';
import { type BatchOptions, type BatchOutput, type BatchResult, type BatchSpec } from './spec';
import { runBatchWasm } from './wasm';

export * from './spec';
export { batchWasmReady, initBatchWasm, wasmSimdSupported } from './wasm';

/** Runs a batch (synchronously; poll opts.shouldCancel to abandon it). Throws RangeError for a malformed spec. */
export function runBatch(spec: BatchSpec, opts: BatchOptions = {}): BatchResult {
  const engine = opts.engine ?? 'auto';
  if (engine !== 'js') {
    const r = runBatchWasm(spec, opts);
    if (r) return r;
    if (engine === 'wasm') throw new Error('The WebAssembly SIMD batch engine is not available in this JavaScript engine');
  }
  return runBatchJs(spec, opts);
}

/**
 * Spike statistics of neuron i over the window (as simulate's per-segment statistics): exact from the kept spike
 * times when all of them were kept, else count, latency and interval mean from the running values and the CV from
 * the running sum of squares (equal to rounding).
 */
export function neuronStats(out: BatchOutput, i: number): SpikeStats {
  const n = out.spikeCount[i];
  const duration = out.window.t1 - out.window.t0;
  if (n <= out.capacity) return spikeStats(out.spikes, i * out.capacity, i * out.capacity + n, out.window.t0, duration);
  const first = out.spikes[i * out.capacity];
  const m = n - 1;
  const isiMean = (out.lastSpike[i] - first) / m;
  const sd = Math.sqrt(Math.max(0, out.isiM2[i]) / m);
  return {
    spikeCount: n, rateHz: duration > 0 ? (n * 1000) / duration : 0, firstSpikeLatency: first - out.window.t0,
    isiMean, isiCV: isiMean > 0 ? sd / isiMean : null,
  };
}

/** Neuron i's last kept spike times beyond the first `capacity`, in order (empty when all fit in the first ones). */
export function neuronTail(out: BatchOutput, i: number): Float64Array {
  const beyond = out.spikeCount[i] - out.capacity;
  const k = Math.min(Math.max(0, beyond), out.tailCapacity);
  const res = new Float64Array(k);
  for (let j = 0; j < k; j++) res[j] = out.tail[i * out.tailCapacity + ((beyond - k + j) % out.tailCapacity)];
  return res;
}

/** Neuron i's kept spike times (a view). */
export function neuronSpikes(out: BatchOutput, i: number): Float64Array {
  const k = Math.min(out.spikeCount[i], out.capacity);
  return out.spikes.subarray(i * out.capacity, i * out.capacity + k);
}
