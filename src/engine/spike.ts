// Location of a threshold crossing inside one step, for the 'exact' spike mode (rk4 and euler).
// g(θ) = v(step of length θ·h from the step's start) − v_th is solved for θ ∈ (0, 1] by safeguarded Newton
// (derivative h·dv/dt at the re-integrated point) inside a bracket, seeded by cubic Hermite interpolation of v.
// Under the 2007 LTS/TC rule the cut-off moves with u (v_th + thU·u): g = v − v_th − thU·u, g' = v' − thU·u'.
// The root is the crossing of the stepper's own solution, so its time error is the stepper's local error / v'
// (O(h⁵) for rk4). Times in ms, v in mV.

import { dudt, dvdt, step, type Coeffs } from './rhs';

const MAX_ITER = 60;

/** g at a state: v minus the cut-off there. */
function gap(c: Coeffs, v: number, u: number): number {
  return c.thU === 0 ? v - c.vth : v - (c.vth + c.thU * u);
}

/** dg/dt at a state. */
function gapRate(c: Coeffs, v: number, u: number, t: number): number {
  return c.thU === 0 ? dvdt(c, v, u, t) : dvdt(c, v, u, t) - c.thU * dudt(c, v, u);
}

/**
 * Finds θ such that stepping θ·h from (v0, u0) at t0 reaches the cut-off. v0 is below it; v1 (the full step's v)
 * is at or above it, or non-finite. On success returns θ ∈ (0, 1] and writes the state at the crossing into out
 * ([cut-off, u]); returns −1 when no finite bracket exists (the step itself diverged).
 */
export function locateCrossing(
  stepper: number, c: Coeffs, v0: number, u0: number, t0: number, h: number, v1: number, u1: number,
  out: Float64Array,
): number {
  let lo = 0, glo = gap(c, v0, u0);
  let hi = 1, ghi = gap(c, v1, u1);
  let uHi = u1, vHi = v1;
  if (!Number.isFinite(ghi)) {
    // The full step blew up: shrink the upper end until the re-integrated state is finite.
    let bad = 1;
    hi = -1;
    for (let i = 0; i < 200 && bad - lo > 1e-15; i++) {
      const th = 0.5 * (lo + bad);
      step(stepper, c, v0, u0, t0, th * h, out);
      const g = gap(c, out[0], out[1]);
      if (!Number.isFinite(g) || !Number.isFinite(out[1])) { bad = th; continue; }
      if (g >= 0) { hi = th; ghi = g; uHi = out[1]; vHi = out[0]; break; }
      lo = th; glo = g;
    }
    if (hi < 0) return -1;
  }
  const tol = 1e-12 * Math.max(1, Math.abs(c.vth));
  // Seed: cubic Hermite interpolation of v on [lo, hi] (endpoint slopes from the vector field).
  let theta = lo - glo * (hi - lo) / (ghi - glo);
  {
    const H = (hi - lo) * h;
    const tLo = t0 + lo * h, tHi = t0 + hi * h;
    // State at lo: the step's start when lo = 0 (the usual case), else re-integrate.
    let vLo = v0, uLo = u0;
    if (lo > 0) { step(stepper, c, v0, u0, t0, lo * h, out); vLo = out[0]; uLo = out[1]; }
    const m0 = H * gapRate(c, vLo, uLo, tLo);
    const m1 = H * gapRate(c, c.thU === 0 ? ghi + c.vth : vHi, uHi, tHi);
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
    const g = gap(c, out[0], out[1]);
    if (!Number.isFinite(g)) { hi = theta; theta = 0.5 * (lo + hi); continue; }
    if (Math.abs(g) <= Math.abs(gBest)) { best = theta; gBest = g; uAt = out[1]; }
    if (Math.abs(g) <= tol) break;
    if (g < 0) { lo = theta; glo = g; } else { hi = theta; ghi = g; }
    if (hi - lo <= 1e-15) break;
    const slope = h * gapRate(c, out[0], out[1], t0 + theta * h);
    let next = slope > 0 ? theta - g / slope : NaN;
    if (!(next > lo && next < hi)) next = lo - glo * (hi - lo) / (ghi - glo); // regula falsi
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    theta = next;
  }
  out[0] = c.thU === 0 ? c.vth : c.vth + c.thU * uAt;
  out[1] = uAt;
  return best;
}
