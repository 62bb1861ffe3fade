// Location of a threshold crossing inside one step, for the 'exact' spike mode (rk4 and euler).
// g(θ) = v(step of length θ·h from the step's start) − v_th is solved for θ ∈ (0, 1] by safeguarded Newton
// (derivative h·dv/dt at the re-integrated point) inside a bracket, seeded by cubic Hermite interpolation of v.
// The root is the crossing of the stepper's own solution, so its time error is the stepper's local error / v'
// (O(h⁵) for rk4). Times in ms, v in mV.

import { dvdt, step, type Coeffs } from './rhs';

const MAX_ITER = 60;

/**
 * Finds θ such that stepping θ·h from (v0, u0) at t0 gives v = c.vth. v0 < vth is required; v1 (the full
 * step's v) is ≥ vth or non-finite. On success returns θ ∈ (0, 1] and writes the state at the crossing
 * into out ([v_th, u]); returns −1 when no finite bracket exists (the step itself diverged).
 */
export function locateCrossing(
  stepper: number, c: Coeffs, v0: number, u0: number, t0: number, h: number, v1: number, u1: number,
  out: Float64Array,
): number {
  const vth = c.vth;
  let lo = 0, glo = v0 - vth;
  let hi = 1, ghi = v1 - vth;
  let uHi = u1;
  if (!Number.isFinite(ghi)) {
    // The full step blew up: shrink the upper end until the re-integrated state is finite.
    let bad = 1;
    hi = -1;
    for (let i = 0; i < 200 && bad - lo > 1e-15; i++) {
      const th = 0.5 * (lo + bad);
      step(stepper, c, v0, u0, t0, th * h, out);
      const g = out[0] - vth;
      if (!Number.isFinite(g) || !Number.isFinite(out[1])) { bad = th; continue; }
      if (g >= 0) { hi = th; ghi = g; uHi = out[1]; break; }
      lo = th; glo = g;
    }
    if (hi < 0) return -1;
  }
  const tol = 1e-12 * Math.max(1, Math.abs(vth));
  // Seed: cubic Hermite interpolation of v on [lo, hi] (endpoint slopes from the vector field).
  let theta = lo - glo * (hi - lo) / (ghi - glo);
  {
    const H = (hi - lo) * h;
    const tLo = t0 + lo * h, tHi = t0 + hi * h;
    // State at lo: the step's start when lo = 0 (the usual case), else re-integrate.
    let vLo = v0, uLo = u0;
    if (lo > 0) { step(stepper, c, v0, u0, t0, lo * h, out); vLo = out[0]; uLo = out[1]; }
    const m0 = H * dvdt(c, vLo, uLo, tLo);
    const m1 = H * dvdt(c, ghi + vth, uHi, tHi);
    const p0 = glo, p1 = ghi;
    let s = (theta - lo) / (hi - lo);
    if (Number.isFinite(m0) && Number.isFinite(m1)) {
      for (let i = 0; i < 8; i++) {
        const s2 = s * s, s3 = s2 * s;
        const p = (2 * s3 - 3 * s2 + 1) * p0 + (s3 - 2 * s2 + s) * m0 + (-2 * s3 + 3 * s2) * p1 + (s3 - s2) * m1;
        const dp = (6 * s2 - 6 * s) * p0 + (3 * s2 - 4 * s + 1) * m0 + (-6 * s2 + 6 * s) * p1 + (3 * s2 - 2 * s) * m1;
        if (!(dp > 0)) break;
        const sn = s - p / dp;
        if (!(sn > 0 && sn < 1)) break;
        s = sn;
      }
      theta = lo + s * (hi - lo);
    }
  }
  let uAt = uHi, best = hi, gBest = ghi;
  for (let it = 0; it < MAX_ITER; it++) {
    if (!(theta > lo && theta < hi)) theta = 0.5 * (lo + hi);
    step(stepper, c, v0, u0, t0, theta * h, out);
    const g = out[0] - vth;
    if (!Number.isFinite(g)) { hi = theta; theta = 0.5 * (lo + hi); continue; }
    if (Math.abs(g) <= Math.abs(gBest)) { best = theta; gBest = g; uAt = out[1]; }
    if (Math.abs(g) <= tol) break;
    if (g < 0) { lo = theta; glo = g; } else { hi = theta; ghi = g; }
    if (hi - lo <= 1e-15) break;
    const slope = h * dvdt(c, out[0], out[1], t0 + theta * h);
    let next = slope > 0 ? theta - g / slope : NaN;
    if (!(next > lo && next < hi)) next = lo - glo * (hi - lo) / (ghi - glo); // regula falsi
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    theta = next;
  }
  out[0] = vth;
  out[1] = uAt;
  return best;
}
