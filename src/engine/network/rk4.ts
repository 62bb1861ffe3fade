// The accurate scheme: classic rk4 (rhs.ts's step, global O(h⁴)) at dt = 1/m ms with exact spike times and synaptic
// input delivered at the spike's time. Each cell's input is piecewise constant: the thalamic noise of the current
// millisecond (drawn as in the paper's scheme, one σ·randn per cell per ms) plus the pulses of the spikes of the last
// 1 ms (a spike of j at tₛ adds W[i, j] to cell i's input on [tₛ, tₛ + 1), the continuous form of net.m's synapse).
// Every step is cut at each event: all cells are integrated to the earliest threshold crossing (located inside the
// step by locateCrossing, O(h⁵) in time), the crossing cell is reset and its pulse starts; pulse ends cut steps too.

import { NET_VTH } from '../../model/network';
import { DEFAULT_PARAMS } from '../../model/params';
import { STEPPER_RK4, coeffsOf, step, type Coeffs } from '../rhs';
import { locateCrossing } from '../spike';
import type { NetworkSim } from './sim';
import { floatSynapses } from './build';

/**
 * Events (spikes, pulse ends) one step may hold before the run counts as runaway firing: 4 per cell and 1000 more
 * (with 1 ms pulses and no delay, weights strong enough to re-fire a cell within its own pulse multiply without end).
 */
export function maxEventsPerStep(n: number): number {
  return 4 * n + 1000;
}

/** Working arrays of the rk4 scheme: trial states and the queue of active pulses (end time, presynaptic cell). */
export class Rk4State {
  readonly vt: Float64Array;
  readonly ut: Float64Array;
  qTime = new Float64Array(1024);
  qCell = new Int32Array(1024);
  qHead = 0;
  qLen = 0;
  readonly out = new Float64Array(2);
  readonly loc = new Float64Array(2);
  /** One cell's coefficients (standard model, no extras); a, b and I are set per cell before each step. */
  readonly cf: Coeffs = coeffsOf({ ...DEFAULT_PARAMS, k2: 0.04, k1: 5, k0: 140, vref: 0, ucoef: 1, v_th: NET_VTH, I: 0 }, 0, 0);

  constructor(n: number) {
    this.vt = new Float64Array(n);
    this.ut = new Float64Array(n);
  }

  arrays(): ArrayBufferView[] {
    return [this.vt, this.ut, this.qTime, this.qCell];
  }

  push(t: number, cell: number): void {
    const cap = this.qTime.length;
    if (this.qLen === cap) {
      const t2 = new Float64Array(cap * 2), c2 = new Int32Array(cap * 2);
      for (let k = 0; k < this.qLen; k++) {
        t2[k] = this.qTime[(this.qHead + k) % cap];
        c2[k] = this.qCell[(this.qHead + k) % cap];
      }
      this.qTime = t2; this.qCell = c2; this.qHead = 0;
    }
    const at = (this.qHead + this.qLen) % this.qTime.length;
    this.qTime[at] = t;
    this.qCell[at] = cell;
    this.qLen++;
  }

  /** End time of the oldest active pulse (Infinity when none). */
  headTime(): number {
    return this.qLen > 0 ? this.qTime[this.qHead] : Infinity;
  }

  pop(): number {
    const cell = this.qCell[this.qHead];
    this.qHead = (this.qHead + 1) % this.qTime.length;
    this.qLen--;
    return cell;
  }
}

/** Adds sign·W[·, j] to the synaptic input (a pulse of cell j starts or ends). */
function deliver(sim: NetworkSim, j: number, sign: number): void {
  const syn = sim.synI, S = floatSynapses(sim.syn), w = S.w;
  if (S.kind === 'dense') {
    const n = sim.n, base = j * n;
    if (sign > 0) for (let i = 0; i < n; i++) syn[i] += w[base + i];
    else for (let i = 0; i < n; i++) syn[i] -= w[base + i];
  } else {
    const start = S.start, target = S.target;
    if (sign > 0) for (let p = start[j], e = start[j + 1]; p < e; p++) syn[target[p]] += w[p];
    else for (let p = start[j], e = start[j + 1]; p < e; p++) syn[target[p]] -= w[p];
  }
}

/** Runs steps s0 … s1 − 1; returns the step reached (s1 unless the run ended early). */
export function rk4Steps(sim: NetworkSim, s0: number, s1: number): number {
  const st = sim.rk4 as Rk4State;
  const n = sim.n, m = sim.m;
  const v = sim.v, u = sim.u, syn = sim.synI, noise = sim.noiseI;
  const { a, b, c, d, noise: sigma } = sim.cells;
  const vt = st.vt, ut = st.ut, out = st.out, loc = st.loc, cf = st.cf;
  const vth = NET_VTH;
  const maxEvents = maxEventsPerStep(n);
  for (let s = s0; s < s1; s++) {
    if (s % m === 0) sim.noiseRng.normals(noise, sigma, n);
    sim.sample(s);
    let ta = s / m;
    const tEnd = (s + 1) / m;
    for (let events = 0; ; events++) {
      if (events > maxEvents) {
        sim.diverge(`runaway firing: more than ${maxEvents} spikes and pulse ends within the step at t = ${ta.toFixed(3)} ms (weights too strong for rk4's instantaneous synapses; lower the weight scales)`);
        return s;
      }
      // Pulses that have ended by now.
      while (st.headTime() <= ta) deliver(sim, st.pop(), -1);
      if (st.qLen === 0) syn.fill(0); // no pulse active: clear the rounding residue of the adds and subtracts
      // Cells at or above the cut-off now (the initial state, or a crossing reached exactly at a cut) fire at ta.
      let firedNow = false;
      for (let i = 0; i < n; i++) {
        if (v[i] >= vth) {
          v[i] = c[i]; u[i] += d[i];
          if (!sim.spike(ta, i)) return s;
          st.push(ta + 1, i);
          deliver(sim, i, 1);
          firedNow = true;
        }
      }
      if (firedNow) continue;
      const tb = Math.min(tEnd, st.headTime());
      const H = tb - ta;
      if (!(H > 0)) { if (ta >= tEnd) break; continue; }
      // Trial: every cell over [ta, tb] with its input held; the earliest crossing (lowest index on ties) wins.
      let first = -1, tFirst = Infinity, uFirst = 0;
      for (let i = 0; i < n; i++) {
        cf.a = a[i]; cf.b = b[i]; cf.I = noise[i] + syn[i];
        const v0 = v[i], u0 = u[i];
        step(STEPPER_RK4, cf, v0, u0, ta, H, out);
        const v1 = out[0], u1 = out[1];
        vt[i] = v1; ut[i] = u1;
        if (v1 < vth) {
          if (!(u1 - u1 === 0) || v1 < -1e6) { sim.diverge(`cell ${i} diverged near t = ${ta.toFixed(3)} ms`); return s; }
          continue;
        }
        const theta = locateCrossing(STEPPER_RK4, cf, v0, u0, ta, H, v1, u1, loc);
        if (theta < 0 || !(loc[1] - loc[1] === 0)) { sim.diverge(`cell ${i} diverged near t = ${ta.toFixed(3)} ms`); return s; }
        const ts = theta >= 1 ? tb : ta + theta * H;
        if (ts < tFirst) { tFirst = ts; first = i; uFirst = loc[1]; }
      }
      if (first < 0) {
        v.set(vt); u.set(ut);
        ta = tb;
        if (ta >= tEnd) break;
        continue;
      }
      // Everyone to the crossing; the crossing cell resets there and its pulse starts.
      const H2 = tFirst - ta;
      if (H2 >= H) {
        v.set(vt); u.set(ut);
      } else if (H2 > 0) {
        for (let i = 0; i < n; i++) {
          if (i === first) continue;
          cf.a = a[i]; cf.b = b[i]; cf.I = noise[i] + syn[i];
          step(STEPPER_RK4, cf, v[i], u[i], ta, H2, out);
          v[i] = out[0]; u[i] = out[1];
        }
      }
      v[first] = c[first];
      u[first] = uFirst + d[first];
      if (!sim.spike(tFirst, first)) return s;
      st.push(tFirst + 1, first);
      deliver(sim, first, 1);
      ta = tFirst;
      if (ta >= tEnd) break;
    }
  }
  return s1;
}
