// 'euler_sequential': the author's scheme of the 2003/2004 MATLAB figure scripts (1st order, fixed dt in ms).
// On the grid t_n = origin + n·dt, with I sampled at the step's start t_n: v ← v + dt·(k2·v² + k1·v + k0 − u + I),
// then u ← u + dt·a·(b·(v − vref) − ucoef·u) with the NEW v; if v > v_th (strict): spike stamped at t_n, v ← c, u ← u + d.
// Input sampling (the scripts' own): step n takes the segment in force at t_n; a grid point lying exactly on a
// boundary belongs to the later segment unless the earlier one has `untilInclusive` (the scripts' `t > T1` onsets).
// Options: after the update v ← max(v, V_min); a refractory hold of τ after a spike at t_s holds the steps at
// t_s < t_m ≤ t_s + τ (their samples show the reset state). Special rules (2007 cells) take a general per-step path.

import { threshold, type Coeffs } from './rhs';
import type { Segment } from '../model/session';
import { gridPosition } from './grid';
import {
  CANCEL_POLL_STEPS, DIVERGENCE_LIMIT, RUN_DIVERGED, RUN_OK, RUN_OVER_BUDGET, fire, type RunState,
} from './integrate';

/**
 * The grid steps [first, last) of segment i on the grid 0, dt, 2dt, …: those whose start t_n lies in the segment,
 * a grid point on a boundary going to the earlier segment when that one has `untilInclusive`. The last segment
 * also takes the grid point at its end (the scripts' loop runs over 0:dt:T, T included).
 */
export function sequentialRange(P: readonly Segment[], i: number, dt: number): { first: number; last: number } {
  const pos = (t: number, inclusive: boolean | undefined): number => {
    const x = gridPosition(t, 0, dt);
    return Number.isInteger(x) && inclusive ? x + 1 : Math.ceil(x);
  };
  const first = i === 0 ? 0 : pos(P[i - 1].until, P[i - 1].untilInclusive);
  const last = i === P.length - 1 ? Math.floor(gridPosition(P[i].until, 0, dt)) + 1 : pos(P[i].until, P[i].untilInclusive);
  return { first, last: Math.max(first, last) };
}

/**
 * Steps n = first .. last − 1 of the grid origin + n·dt with coefficients c (the segment in force at each
 * step's start; steps are never split). Samples follow the scripts' plotting convention (VV(n) against
 * tspan(n)): the sample at t_n holds the state after step n, or (t_n, v_th) for a spike (u before the reset).
 */
export function sequentialSteps(r: RunState, c: Coeffs, origin: number, first: number, last: number): number {
  const cf = r.cf;
  cf[0] = r.dt; cf[1] = c.k2; cf[2] = c.k1; cf[3] = c.k0; cf[4] = c.a; cf[5] = c.b; cf[6] = c.vref; cf[7] = c.ucoef;
  cf[8] = c.I; cf[9] = c.slope; cf[10] = c.tSeg; cf[11] = c.vth; cf[12] = c.vmin;
  let n = first;
  let nextPoll = first + CANCEL_POLL_STEPS;
  while (n < last) {
    const chunkEnd = Math.min(last, nextPoll);
    const t0 = origin + n * r.dt;
    if (c.rules || r.refrUntil >= t0 - 1e-9 * r.dt - 1e-12 * Math.abs(t0)) {
      // General path, one step: a special rule, or a step at t_m ≤ t_s + τ (held).
      r.steps++;
      if (!sequentialStep(r, c, t0)) return RUN_DIVERGED;
      n++;
    } else {
      const rec = r.recording ? r.rec : null;
      let stop: number;
      if (rec) {
        if (!rec.reserve(chunkEnd - n + 1)) { r.stopT = t0; return RUN_OVER_BUDGET; }
        stop = sequentialRun(r.st, cf, r.f32, true, rec.t, rec.v, rec.u, rec.length, origin, n, chunkEnd);
        rec.length += stop - n;
      } else {
        const d = r.f32s;
        stop = sequentialRun(r.st, cf, r.f32, false, d, d, d, 0, origin, n, chunkEnd);
      }
      r.steps += stop - n;
      n = stop;
      if (n < chunkEnd) {
        // Step n was taken by sequentialRun and left v > v_th or the bounds: its result is the state.
        r.steps++;
        const t = origin + n * r.dt;
        const v = r.v, u = r.u;
        if (!(v > -DIVERGENCE_LIMIT && v < DIVERGENCE_LIMIT && u > -DIVERGENCE_LIMIT && u < DIVERGENCE_LIMIT)) {
          r.diverge(t);
          return RUN_DIVERGED;
        }
        fire(r, c, t, u);
        n++;
      }
    }
    if (n >= nextPoll && n < last) {
      nextPoll = n + CANCEL_POLL_STEPS;
      const st = r.poll(origin + n * r.dt);
      if (st !== RUN_OK) return st;
    }
  }
  return RUN_OK;
}

/**
 * One step of the scheme at grid time t through the general path (special rules, refractory hold): the scripts'
 * arithmetic with b(v) and the cubic drive of u; spike when v > the cut-off (strict). Returns false on divergence.
 */
function sequentialStep(r: RunState, c: Coeffs, t: number): boolean {
  if (r.refrUntil >= t - 1e-9 * r.dt - 1e-12 * Math.abs(t)) {
    r.sample(t, r.v, r.u);
    return true;
  }
  const dt = r.dt, v = r.v, u = r.u;
  const I = c.I + c.slope * (t - c.tSeg);
  const v1 = v + dt * (c.k2 * (v * v) + c.k1 * v + c.k0 - u + I);
  const b = v1 > c.vsw ? c.bHi : c.b;
  const x = v1 - c.vb;
  const u1 = u + dt * c.a * (b * (v1 - c.vref) + (x > 0 ? c.ucub * x * x * x : 0) - c.ucoef * u);
  if (!(v1 > -DIVERGENCE_LIMIT && v1 < DIVERGENCE_LIMIT && u1 > -DIVERGENCE_LIMIT && u1 < DIVERGENCE_LIMIT)) {
    r.v = v1; r.u = u1; r.diverge(t);
    return false;
  }
  if (v1 > threshold(c, u1)) { fire(r, c, t, u1); return true; }
  r.v = v1 < c.vmin ? c.vmin : v1; r.u = u1;
  r.round();
  r.sample(t, r.v, r.u);
  return true;
}

/**
 * The fast loop over steps n = from .. to − 1 (typed arrays and primitives only). Returns `to`, or the index of
 * the step whose result has v > v_th or leaves the bounds; that result (not reset) is left in st.
 * The arithmetic is in the scripts' order (e.g. k2·(v·v), dt·a·(…)) so it reproduces them bit for bit.
 */
function sequentialRun(
  st: Float64Array, cf: Float64Array, f32: boolean, rec: boolean, tb: Float32Array, vb: Float32Array, ub: Float32Array,
  k: number, origin: number, from: number, to: number,
): number {
  const dt = cf[0], k2 = cf[1], k1 = cf[2], k0 = cf[3], a = cf[4], b = cf[5], vr = cf[6], uc = cf[7];
  const I0 = cf[8], sl = cf[9], tSeg = cf[10], vth = cf[11], vmin = cf[12];
  const LIM = DIVERGENCE_LIMIT;
  let v = st[0], u = st[1];
  let n = from;
  for (; n < to; n++) {
    const t = origin + n * dt;
    const I = I0 + sl * (t - tSeg);
    let v1 = v + dt * (k2 * (v * v) + k1 * v + k0 - u + I);
    let u1 = u + dt * a * (b * (v1 - vr) - uc * u);
    if (!(v1 <= vth && v1 > -LIM && u1 < LIM && u1 > -LIM)) { v = v1; u = u1; break; }
    if (v1 < vmin) v1 = vmin;
    if (f32) { v1 = Math.fround(v1); u1 = Math.fround(u1); }
    v = v1; u = u1;
    if (rec) { tb[k] = t; vb[k] = v; ub[k] = u; k++; }
  }
  st[0] = v; st[1] = u;
  return n;
}
