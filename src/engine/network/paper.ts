// The paper's scheme exactly as net.m runs it (Izhikevich 2003), one 1 ms step per iteration t = 1, 2, …:
//   cells with v ≥ 30 fire (tested before integrating; spike time t ms), v ← c, u ← u + d;
//   I = thalamic noise (σ·randn, drawn afresh) + Σ over the fired cells j (ascending) of W[·, j] (summed from 0);
//   v ← v + 0.5·(0.04v² + 5v + 140 − u + I) twice (two 0.5 ms Euler half-steps, same u and I); u ← u + a(bv − u).
// Forward Euler, O(h) with h = 1 ms. The state tested in iteration t (after t − 1 steps) is the state "at t ms".
// The expressions are net.m's, operation for operation (0.04*(v*v), left to right), so a transcription of the script
// gives the same bits; the single-neuron engine's euler_halfstep is the same scheme in its own (k2·v·v) rounding.

import type { NetworkSim } from './sim';
import { floatSynapses } from './build';

const VTH = 30;

/** Runs steps s0 … s1 − 1 (iteration t = s + 1); returns the step reached (s1 unless the run ended early). */
export function paperSteps(sim: NetworkSim, s0: number, s1: number): number {
  if (sim.wasm) return paperStepsWasm(sim, s0, s1);
  const n = sim.n;
  const v = sim.v, u = sim.u, syn = sim.synI, noise = sim.noiseI, fired = sim.fired;
  const { a, b, c, d, noise: sigma } = sim.cells;
  const S = floatSynapses(sim.syn);
  const rng = sim.noiseRng;
  for (let s = s0; s < s1; s++) {
    sim.sample(s);
    const t = s + 1;
    // Fire: test before integrating, reset.
    let nf = 0;
    let bad = false;
    for (let i = 0; i < n; i++) {
      const vi = v[i];
      if (vi >= VTH) {
        fired[nf++] = i;
        v[i] = c[i];
        u[i] += d[i];
      } else if (!(vi - vi === 0)) {
        bad = true;
      }
    }
    if (bad) {
      sim.diverge(`a cell's v became non-finite before t = ${t} ms (weights or noise too strong)`);
      return s;
    }
    for (let k = 0; k < nf; k++) {
      if (!sim.spike(t, fired[k])) return s;
    }
    // Synaptic input: the fired cells' weight columns, summed in ascending order from 0.
    if (nf > 0) {
      const w = S.w;
      if (S.kind === 'dense') {
        for (let k = 0; k < nf; k++) {
          const base = fired[k] * n;
          for (let i = 0; i < n; i++) syn[i] += w[base + i];
        }
      } else {
        const start = S.start, target = S.target;
        for (let k = 0; k < nf; k++) {
          const j = fired[k];
          for (let p = start[j], e = start[j + 1]; p < e; p++) syn[target[p]] += w[p];
        }
      }
    }
    // Thalamic input, then two 0.5 ms half-steps of v and one 1 ms step of u with the new v.
    rng.normals(noise, sigma, n);
    for (let i = 0; i < n; i++) {
      const I = noise[i] + syn[i];
      syn[i] = 0;
      const ui = u[i];
      let vi = v[i];
      vi = vi + 0.5 * (0.04 * (vi * vi) + 5 * vi + 140 - ui + I);
      vi = vi + 0.5 * (0.04 * (vi * vi) + 5 * vi + 140 - ui + I);
      v[i] = vi;
      u[i] = ui + a[i] * (b[i] * vi - ui);
    }
  }
  return s1;
}

/**
 * The same steps on the WebAssembly kernels (asm/network.ts), one call per step (the recorded sample, fire test,
 * weight columns, noise and half-steps all inside): same order of operations, same bits.
 */
function paperStepsWasm(sim: NetworkSim, s0: number, s1: number): number {
  const ex = sim.wasm!.ex;
  const n = sim.n, fired = sim.fired, spikes = sim.spikes;
  const rec = sim.vRec, every = sim.recordEvery, recAt = rec ? rec.byteOffset : 0;
  for (let s = s0; s < s1; s++) {
    // sim.sample(s)'s rule: the sample of this step goes to rec[k·n …] when it fits.
    let p = 0;
    if (rec && s % every === 0) {
      const k = s / every;
      if ((k + 1) * n <= rec.length) { p = recAt + k * n * 4; sim.samples = k + 1; }
    }
    const t = s + 1;
    const nf = ex.step(p, spikes.max - spikes.count);
    if (nf < 0) {
      sim.diverge(`a cell's v became non-finite before t = ${t} ms (weights or noise too strong)`);
      return s;
    }
    // (When the spikes do not fit, step() integrated nothing and the push below stops the run, as the JS path does.)
    for (let k = 0; k < nf; k++) {
      if (!sim.spike(t, fired[k])) return s;
    }
  }
  return s1;
}
