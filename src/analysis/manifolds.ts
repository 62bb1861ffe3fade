// Invariant manifolds of a saddle: the stable manifold (the separatrix: the real threshold between returning to rest
// and firing) integrated backwards in time from the saddle along its stable eigenvector, and the unstable manifold
// forwards. Method: classic RK4 on the flow normalised to unit speed in screen pixels (arc-length parametrisation,
// O(h⁴) in the arc step h, default 1.5 px), both branches; v in mV, u in mV/ms, the continuous flow (no reset).

import type { Params } from '../model/params';
import { flow, type Equilibrium } from './equilibria';
import type { Box, Path, Pixels } from './phase';

export interface ManifoldOptions {
  /** Arc-length step, pixels. */
  stepPx?: number;
  /** Longest branch, pixels of arc (a branch winding onto a cycle stops here). */
  maxLengthPx?: number;
  /** First point's distance from the saddle along the eigenvector, pixels. */
  offsetPx?: number;
  /** Margin around the box beyond which a branch stops, as a fraction of the box. */
  margin?: number;
}

export interface Manifold {
  /** The two branches (each starting at the saddle), NaN-separated in one path. */
  path: Path;
  /** Per branch: why it stopped. */
  ends: ('left-box' | 'equilibrium' | 'length')[];
}

export interface SaddleManifolds {
  saddle: { v: number; u: number };
  stable: Manifold;
  unstable: Manifold;
}

/**
 * One branch from (v0, u0) with direction sign dir (+1 forwards in time, −1 backwards): points appended to vs/us.
 * RK4 on dx/ds = ±F/|F|_px where |F|_px = |(f·sx, g·sy)|: s is arc length in pixels.
 */
function branch(
  p: Params, v0: number, u0: number, dir: number, box: Box, sx: number, sy: number, h: number, maxLength: number, maxSteps: number,
  stopAt: { v: number; u: number }[], margin: number, vs: number[], us: number[],
): Manifold['ends'][number] {
  const f = new Float64Array(2);
  const rhs = (v: number, u: number, out: Float64Array) => {
    flow(p, v, u, f);
    const m = Math.hypot(f[0] * sx, f[1] * sy);
    if (!(m > 0)) { out[0] = 0; out[1] = 0; return; }
    out[0] = (dir * f[0]) / m;
    out[1] = (dir * f[1]) / m;
  };
  const k1 = new Float64Array(2), k2 = new Float64Array(2), k3 = new Float64Array(2), k4 = new Float64Array(2);
  const mv = margin * (box.vMax - box.vMin), mu = margin * (box.uMax - box.uMin);
  let v = v0, u = u0;
  vs.push(v); us.push(u);
  const J22 = -p.a * p.ucoef, J21 = p.a * p.b;
  let arc = 0;
  for (let n = 0; n < maxSteps && arc < maxLength; n++) {
    // The normalised field is stiff where the flow is slow (near the saddle the backward stable manifold has the
    // unstable eigenvalue across it): RK4 stays stable for h·Λ/|F| < 2.8 (Λ the Jacobian's spectral radius, |F| the
    // speed in px/ms). Steps of 0.75·|F|/Λ px there (for accuracy,
    // not only stability), h elsewhere.
    flow(p, v, u, f);
    const speed = Math.hypot(f[0] * sx, f[1] * sy);
    const J11 = 2 * p.k2 * v + p.k1;
    const tr = J11 + J22, det = J11 * J22 + J21;
    const lam = Math.abs(tr) / 2 + Math.sqrt(Math.abs((tr * tr) / 4 - det));
    const hn = Math.max(1e-3, Math.min(h, lam > 0 ? (0.75 * speed) / lam : h));
    arc += hn;
    rhs(v, u, k1);
    if (k1[0] === 0 && k1[1] === 0) return 'equilibrium';
    rhs(v + 0.5 * hn * k1[0], u + 0.5 * hn * k1[1], k2);
    rhs(v + 0.5 * hn * k2[0], u + 0.5 * hn * k2[1], k3);
    rhs(v + hn * k3[0], u + hn * k3[1], k4);
    const nv = v + (hn / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
    const nu = u + (hn / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
    // Reaching an equilibrium (in screen distance): end exactly there.
    for (const e of stopAt) {
      if (Math.hypot((nv - e.v) * sx, (nu - e.u) * sy) < 1.5 * hn) {
        vs.push(e.v); us.push(e.u);
        return 'equilibrium';
      }
    }
    if (!Number.isFinite(nv) || !Number.isFinite(nu)) return 'left-box';
    v = nv; u = nu;
    vs.push(v); us.push(u);
    if (v < box.vMin - mv || v > box.vMax + mv || u < box.uMin - mu || u > box.uMax + mu) return 'left-box';
  }
  return 'length';
}

function manifold(
  p: Params, s: Equilibrium, vec: [number, number], dir: number, box: Box, px: Pixels, o: Required<ManifoldOptions>,
  others: { v: number; u: number }[],
): Manifold {
  const sx = px.w / (box.vMax - box.vMin), sy = px.h / (box.uMax - box.uMin);
  // The eigenvector in pixels, normalised, then the offset back in (v, u).
  const ex = vec[0] * sx, ey = vec[1] * sy;
  const m = Math.hypot(ex, ey);
  const dv = ((ex / m) * o.offsetPx) / sx, du = ((ey / m) * o.offsetPx) / sy;
  const vs: number[] = [], us: number[] = [];
  const ends: Manifold['ends'] = [];
  const maxSteps = 4 * Math.ceil(o.maxLengthPx / o.stepPx);
  for (const sign of [1, -1]) {
    if (sign < 0) { vs.push(NaN); us.push(NaN); }
    vs.push(s.v); us.push(s.u);
    ends.push(branch(p, s.v + sign * dv, s.u + sign * du, dir, box, sx, sy, o.stepPx, o.maxLengthPx, maxSteps, others, o.margin, vs, us));
  }
  // Output at ≥ 1 px spacing (the integration takes much finer steps near the saddle): fewer points to draw.
  const ov: number[] = [], ou: number[] = [];
  let lv = NaN, lu = NaN;
  for (let i = 0; i < vs.length; i++) {
    const v = vs[i], u = us[i];
    const last = i === vs.length - 1 || Number.isNaN(vs[i + 1]);
    if (Number.isNaN(v) || Number.isNaN(lv) || last || Math.hypot((v - lv) * sx, (u - lu) * sy) >= 1) {
      ov.push(v); ou.push(u); lv = v; lu = u;
    }
  }
  return { path: { v: Float32Array.from(ov), u: Float32Array.from(ou), length: ov.length }, ends };
}

/** Stable and unstable manifolds of every saddle among `eqs` (usually one). */
export function saddleManifolds(p: Params, eqs: Equilibrium[], box: Box, px: Pixels, opts: ManifoldOptions = {}): SaddleManifolds[] {
  const o: Required<ManifoldOptions> = {
    stepPx: opts.stepPx ?? 1.5,
    maxLengthPx: opts.maxLengthPx ?? 6 * (px.w + px.h),
    offsetPx: opts.offsetPx ?? 0.5,
    margin: opts.margin ?? 0.05,
  };
  const out: SaddleManifolds[] = [];
  for (const s of eqs) {
    if (s.type !== 'saddle' || !s.eigenvectors) continue;
    const others = eqs.filter((e) => e !== s);
    // eigenvalues are ordered larger first: [0] unstable (λ > 0), [1] stable (λ < 0).
    out.push({
      saddle: { v: s.v, u: s.u },
      stable: manifold(p, s, s.eigenvectors[1], -1, box, px, o, others),
      unstable: manifold(p, s, s.eigenvectors[0], 1, box, px, o, others),
    });
  }
  return out;
}
