// 'euler_sequential': the author's scheme of the 2003/2004 MATLAB figure scripts (1st order, fixed dt in ms).
// On the grid t_n = origin + n·dt, with I sampled at the step's start t_n: v ← v + dt·(k2·v² + k1·v + k0 − u + I),
// then u ← u + dt·a·(b·(v − vref) − ucoef·u) with the NEW v; if v > v_th (strict): spike stamped at t_n, v ← c, u ← u + d.

import type { Coeffs } from './rhs';
import { DIVERGENCE_LIMIT, RUN_CANCELLED, RUN_DIVERGED, RUN_OK, CANCEL_POLL_STEPS, type RunState } from './integrate';

/**
 * Steps n = first .. last − 1 of the grid origin + n·dt with coefficients c (the segment in force at each
 * step's start; steps are never split). Samples follow the scripts' plotting convention (VV(n) against
 * tspan(n)): the sample at t_n holds the state after step n, or (t_n, v_th) for a spike (u before the reset).
 */
export function sequentialSteps(r: RunState, c: Coeffs, origin: number, first: number, last: number): number {
  const dt = r.dt;
  const k2 = c.k2, k1 = c.k1, k0 = c.k0, vr = c.vref, uc = c.ucoef, a = c.a, b = c.b;
  const vth = c.vth, cr = c.c, d = c.d, I0 = c.I, sl = c.slope, tSeg = c.tSeg;
  const f32 = r.f32, sc = r.f32s, LIM = DIVERGENCE_LIMIT;
  const rec = r.recording ? r.rec : null;
  let n = first;
  while (n < last) {
    const chunkEnd = Math.min(last, n + CANCEL_POLL_STEPS);
    if (rec) rec.reserve(chunkEnd - n + 8);
    const tb = rec ? rec.t : sc, vb = rec ? rec.v : sc, ub = rec ? rec.u : sc;
    let k = rec ? rec.length : 0;
    let v = r.v, u = r.u;
    for (; n < chunkEnd; n++) {
      const t = origin + n * dt;
      const I = I0 + sl * (t - tSeg);
      v = v + dt * (k2 * (v * v) + k1 * v + k0 - u + I);
      u = u + dt * a * (b * (v - vr) - uc * u);
      if (!(v > -LIM && v < LIM && u > -LIM && u < LIM)) {
        r.v = v; r.u = u;
        if (rec) rec.length = k;
        r.steps += n - first + 1;
        r.diverge(t);
        return RUN_DIVERGED;
      }
      if (v > vth) {
        r.pushSpike(t);
        if (rec) { tb[k] = t; vb[k] = vth; ub[k] = u; k++; }
        v = cr; u = u + d;
        if (f32) { sc[0] = v; sc[1] = u; v = sc[0]; u = sc[1]; }
        continue;
      }
      if (f32) { sc[0] = v; sc[1] = u; v = sc[0]; u = sc[1]; }
      if (rec) { tb[k] = t; vb[k] = v; ub[k] = u; k++; }
    }
    r.v = v; r.u = u;
    if (rec) rec.length = k;
    r.steps += n - first;
    first = n;
    if (n < last && r.shouldCancel && r.shouldCancel()) { r.stopT = origin + n * r.dt; return RUN_CANCELLED; }
  }
  return RUN_OK;
}
