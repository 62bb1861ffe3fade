// Memory accounting of a network run (bytes of its typed arrays) against a stated budget, and the refusal message
// saying what to change. Counted: synapses (dense N² Float64; sparse N·K × (Float64 weight + Int32 target)), the
// cells' arrays, the builder's scratch, the recorded potentials (Float32, sampled coarser to fit) and a spike reserve.
// The plan is the plain-JS path's; the WebAssembly path needs less (raw u32 weights: 8 instead of 12 bytes a synapse).

import { inputsPerNeuron, totalCells, type NetworkSpec } from '../../model/network';

const MiB = 1 << 20;

/** All typed arrays of one run together stay within this (the worker, the CLI and the tests use it). */
export const NETWORK_MEMORY_BUDGET = 256 * MiB;
/** Recorded membrane potentials of all cells (Float32): sampled every few steps when a run would need more. */
export const V_RECORD_BUDGET = 32 * MiB;
/** A run needs room for at least this much spike storage (12 bytes a spike: Float64 time + Int32 cell). */
export const MIN_SPIKE_RESERVE = 16 * MiB;
export const BYTES_PER_SPIKE = 12;
/** Float64 arrays per cell: r, a, b, c, d, noise σ, v, u, synaptic input, noise, trial v and u (rk4), plus Int32 fired. */
const BYTES_PER_CELL = 12 * 8 + 4;

export interface MemoryPlan {
  synapses: number;
  cells: number;
  /** Builder scratch (released once the network is built). */
  scratch: number;
  /** Recorded potentials, and the sampling interval (steps) that keeps them within V_RECORD_BUDGET. */
  vRecord: number;
  recordEvery: number;
  /** What is left for spikes. */
  spikeBytes: number;
  maxSpikes: number;
  total: number;
  ok: boolean;
  /** When refused: what it needs, the budget, and what to change. */
  message: string;
}

function mib(b: number): string {
  return `${(b / MiB).toFixed(b < 10 * MiB ? 1 : 0)} MiB`;
}

export function synapseBytes(n: number, k: number, dense: boolean): number {
  return dense ? n * n * 8 : n * k * 12 + (n + 1) * 4;
}

function vRecordBytes(n: number, steps: number, recordV: boolean): { bytes: number; every: number } {
  if (!recordV || n <= 0 || steps <= 0) return { bytes: 0, every: 1 };
  const every = Math.max(1, Math.ceil((n * steps * 4) / V_RECORD_BUDGET));
  return { bytes: n * Math.ceil(steps / every) * 4, every };
}

/** Bytes a run needs before any spike: synapses, cells, builder scratch, recorded potentials. */
function fixedBytes(n: number, k: number, dense: boolean, steps: number, recordV: boolean): number {
  return synapseBytes(n, k, dense) + n * BYTES_PER_CELL + (dense ? 0 : n * 8 + k * 4) + vRecordBytes(n, steps, recordV).bytes;
}

/** Largest N (or K, for sparse) that fits: f is increasing, f(lo) fits. */
function largestFitting(lo: number, hi: number, fits: (x: number) => boolean): number {
  if (!fits(lo)) return lo - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** Plans the memory of a run of `steps` steps (recordV: keep v of every cell). */
export function planMemory(spec: NetworkSpec, steps: number, recordV: boolean, budget = NETWORK_MEMORY_BUDGET): MemoryPlan {
  const n = totalCells(spec);
  const dense = spec.connectivity.kind === 'dense';
  const k = inputsPerNeuron(spec);
  const synapses = synapseBytes(n, k, dense);
  const cells = n * BYTES_PER_CELL;
  const scratch = dense ? 0 : n * 8 + k * 4;
  const { bytes: vRecord, every: recordEvery } = vRecordBytes(n, steps, recordV);
  const fixed = fixedBytes(n, k, dense, steps, recordV);
  const spikeBytes = Math.max(0, budget - fixed);
  const fits = (f: number) => budget - f >= MIN_SPIKE_RESERVE;
  const ok = fits(fixed);
  let message = '';
  if (!ok) {
    const what = dense
      ? `dense connectivity of ${n} cells needs ${mib(synapses)} for its ${n}×${n} weight matrix`
      : `${n} cells with ${k} inputs each need ${mib(synapses)} for their ${n * k} synapses`;
    const kMax = largestFitting(1, n, (x) => fits(fixedBytes(n, x, false, steps, recordV)));
    const fixes: string[] = [];
    if (dense) {
      const kSuggest = Math.min(1000, Math.max(1, kMax));
      const nMax = largestFitting(1, n, (x) => fits(fixedBytes(x, x, true, steps, recordV)));
      fixes.push(`choose sparse connectivity (${kSuggest} inputs per neuron needs ${mib(synapseBytes(n, kSuggest, false))})`);
      fixes.push(`or use at most ${nMax} cells with dense connectivity`);
    } else if (kMax >= 1) {
      fixes.push(`use at most ${kMax} inputs per neuron for ${n} cells`);
      fixes.push(`or fewer cells`);
    } else {
      fixes.push(`use fewer cells`);
    }
    message = `${what}; with the cells' state (${mib(cells)}) and a spike reserve of ${mib(MIN_SPIKE_RESERVE)} that exceeds the memory budget of ${mib(budget)}: ${fixes.join(' ')}.`;
  }
  return {
    synapses, cells, scratch, vRecord, recordEvery, spikeBytes,
    maxSpikes: Math.floor(spikeBytes / BYTES_PER_SPIKE),
    total: fixed + Math.min(spikeBytes, MIN_SPIKE_RESERVE), ok, message,
  };
}
