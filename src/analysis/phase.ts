// The (v, u) phase plane's geometry for one parameter set: the view box, the two nullclines (including the vertical
// u-nullcline of ucoef = 0 and the horizontal one of b = 0) and the vector field on a grid, drawn as arrows along
// the flow in screen space whose length codes the speed (a log measure). Closed forms only; v in mV, u in mV/ms, t in ms.

import type { Params } from '../model/params';
import { flow, uFrozen, vNullclineU } from './equilibria';

/** A rectangle of the phase plane: v in mV, u in mV/ms. */
export interface Box {
  vMin: number;
  vMax: number;
  uMin: number;
  uMax: number;
}

/** Plot area in pixels (for arrows of equal on-screen length and arc-length steps of manifolds). */
export interface Pixels {
  w: number;
  h: number;
}

/** A polyline; NaN in v and u separates pieces. */
export interface Path {
  v: Float32Array;
  u: Float32Array;
  length: number;
}

export interface Nullclines {
  /** dv/dt = 0: u = k2·v² + k1·v + k0 + I, sampled over the box's v range. */
  v: Path;
  /** du/dt = 0: a line (u = (b/ucoef)·(v − vref)), the vertical v = vref (ucoef = 0), or everywhere (g ≡ 0). */
  u: Path | null;
  uKind: 'line' | 'vertical' | 'everywhere';
}

export function validBox(b: Box | null | undefined): b is Box {
  return !!b && [b.vMin, b.vMax, b.uMin, b.uMax].every(Number.isFinite) && b.vMax > b.vMin && b.uMax > b.uMin;
}

function path(n: number): Path {
  return { v: new Float32Array(n), u: new Float32Array(n), length: n };
}

/** Both nullclines over the box; the v-nullcline with `samples` points (uniform in v; it is a parabola). */
export function nullclines(p: Params, box: Box, samples = 241): Nullclines {
  const n = Math.max(2, samples);
  const vn = path(n);
  for (let i = 0; i < n; i++) {
    const v = box.vMin + ((box.vMax - box.vMin) * i) / (n - 1);
    vn.v[i] = v;
    vn.u[i] = vNullclineU(p, v);
  }
  if (uFrozen(p)) return { v: vn, u: null, uKind: 'everywhere' };
  const un = path(2);
  if (p.ucoef === 0) {
    un.v[0] = p.vref; un.u[0] = box.uMin;
    un.v[1] = p.vref; un.u[1] = box.uMax;
    return { v: vn, u: un, uKind: 'vertical' };
  }
  const s = p.b / p.ucoef;
  un.v[0] = box.vMin; un.u[0] = s * (box.vMin - p.vref);
  un.v[1] = box.vMax; un.u[1] = s * (box.vMax - p.vref);
  return { v: vn, u: un, uKind: 'line' };
}

/** Points a view box should show. */
export interface BoxContent {
  params: Params;
  /** Equilibria and other points of interest (the current state, launched starts). */
  points: { v: number; u: number }[];
  /** Extent of the trajectory to show, if any. */
  trajectory?: Box | null;
}

/**
 * The box that shows what matters: v from below the reset, the equilibria and the trajectory up to v_th (plus
 * margins); u over the trajectory, the equilibria, the minimum of the v-nullcline and the u-nullcline over that v
 * range (clamped so a steep u-nullcline does not squash the rest), with 8% margins.
 */
export function autoBox(c: BoxContent): Box {
  const p = c.params;
  const vs = [p.c, p.v_th, ...c.points.map((q) => q.v)];
  if (c.trajectory) vs.push(c.trajectory.vMin, c.trajectory.vMax);
  if (p.ucoef === 0 && !uFrozen(p)) vs.push(p.vref);
  const finite = (x: number) => Number.isFinite(x) && Math.abs(x) < 1e5;
  let vLo = Math.min(...vs.filter(finite));
  let vHi = Math.max(p.v_th, ...vs.filter(finite));
  vLo = Math.min(vLo, vHi - 20);
  const vPad = 0.06 * (vHi - vLo);
  vLo -= vPad;
  vHi += vPad * 0.5;
  const us: number[] = c.points.map((q) => q.u);
  if (c.trajectory) us.push(c.trajectory.uMin, c.trajectory.uMax);
  // Minimum of the v-nullcline (its vertex) when it lies in the v range, else its value at the nearer end.
  const vVertex = -p.k1 / (2 * p.k2);
  const vq = Math.min(vHi, Math.max(vLo, vVertex));
  us.push(vNullclineU(p, vq));
  if (!uFrozen(p) && p.ucoef !== 0) {
    const s = p.b / p.ucoef;
    for (const v of [vLo, vHi]) us.push(s * (v - p.vref));
  }
  const fu = us.filter(finite);
  let uLo = Math.min(...fu);
  let uHi = Math.max(...fu);
  // Keep the box from being dominated by a steep u-nullcline when a trajectory or equilibria give the scale.
  const core = [...c.points.map((q) => q.u), ...(c.trajectory ? [c.trajectory.uMin, c.trajectory.uMax] : []), vNullclineU(p, vq)].filter(finite);
  if (core.length) {
    const cLo = Math.min(...core), cHi = Math.max(...core);
    const span = Math.max(cHi - cLo, 10);
    uLo = Math.max(uLo, cLo - span);
    uHi = Math.min(uHi, cHi + span);
  }
  if (!(uHi - uLo > 1)) { const m = (uHi + uLo) / 2; uLo = m - 5; uHi = m + 5; }
  const uPad = 0.08 * (uHi - uLo);
  return { vMin: vLo, vMax: vHi, uMin: uLo - uPad, uMax: uHi + uPad };
}

/**
 * `wanted` unless the previous auto box still shows it well: it contains `wanted` and is not more than 1.6 times
 * as wide or tall. Keeps the view still while a slider moves things a little (the equilibria are then seen to move).
 */
export function keepBox(prev: Box | null | undefined, wanted: Box): Box {
  if (!validBox(prev)) return wanted;
  const contains = prev.vMin <= wanted.vMin && prev.vMax >= wanted.vMax && prev.uMin <= wanted.uMin && prev.uMax >= wanted.uMax;
  const tight = prev.vMax - prev.vMin <= 1.6 * (wanted.vMax - wanted.vMin) && prev.uMax - prev.uMin <= 1.6 * (wanted.uMax - wanted.uMin);
  return contains && tight ? prev : wanted;
}

/** Arrows of the vector field: one polyline (shafts and heads, NaN-separated), 8 entries per arrow. */
export interface VectorField {
  /** Grid columns and rows. */
  nx: number;
  ny: number;
  arrows: Path;
  /** Speeds (box sizes per ms: |(f/Δv, g/Δu)|) mapped to the shortest and the longest arrow (5th and 95th percentiles). */
  speedRange: [number, number];
}

/**
 * The vector field on an nx × ny grid over the box: arrows along (dv/dt, du/dt) in screen space (direction), whose
 * length codes the speed (a measure: log speed between the grid's 5th and 95th percentiles maps to 30 %–100 % of the
 * longest arrow, 75 % of the cell). Speed = |(f/Δv_box, g/Δu_box)|, box sizes per ms. One path, so one trace to draw.
 */
export function vectorField(p: Params, box: Box, px: Pixels, spacingPx = 42): VectorField {
  const nx = Math.max(3, Math.min(60, Math.round(px.w / spacingPx)));
  const ny = Math.max(3, Math.min(60, Math.round(px.h / spacingPx)));
  const dV = box.vMax - box.vMin, dU = box.uMax - box.uMin;
  const sx = px.w / dV, sy = px.h / dU; // pixels per mV, per mV/ms
  const N = nx * ny;
  const dirX = new Float64Array(N), dirY = new Float64Array(N), logSpeed = new Float64Array(N);
  const cv = new Float64Array(N), cu = new Float64Array(N);
  const f = new Float64Array(2);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const v = box.vMin + dV * ((i + 0.5) / nx);
      const u = box.uMin + dU * ((j + 0.5) / ny);
      flow(p, v, u, f);
      const X = f[0] * sx, Y = f[1] * sy;
      const m = Math.hypot(X, Y);
      cv[k] = v; cu[k] = u;
      dirX[k] = m > 0 ? X / m : 0;
      dirY[k] = m > 0 ? Y / m : 0;
      logSpeed[k] = Math.log10(Math.hypot(f[0] / dV, f[1] / dU) || 1e-30);
    }
  }
  const sorted = Array.from(logSpeed).sort((x, y) => x - y);
  const lo = sorted[Math.floor(0.05 * (N - 1))], hi = sorted[Math.ceil(0.95 * (N - 1))];
  const arrows = path(N * 8);
  const maxLen = 0.75 * Math.min(px.w / nx, px.h / ny); // pixels
  const ca = Math.cos(0.45), sa = Math.sin(0.45);
  let o = 0;
  for (let k = 0; k < N; k++) {
    const frac = hi > lo ? Math.min(1, Math.max(0, (logSpeed[k] - lo) / (hi - lo))) : 1;
    const len = maxLen * (0.3 + 0.7 * frac);
    const head = Math.min(0.4 * len, 0.3 * maxLen);
    const dx = dirX[k], dy = dirY[k];
    // Shaft centred on the grid point, in pixels, converted back to (v, u).
    const x0 = cv[k] - (dx * len) / 2 / sx, y0 = cu[k] - (dy * len) / 2 / sy;
    const x1 = cv[k] + (dx * len) / 2 / sx, y1 = cu[k] + (dy * len) / 2 / sy;
    const P = arrows;
    P.v[o] = x0; P.u[o] = y0; o++;
    P.v[o] = x1; P.u[o] = y1; o++;
    P.v[o] = NaN; P.u[o] = NaN; o++;
    // Head: two barbs rotated ±0.45 rad from the reversed direction.
    const bx = -dx, by = -dy;
    const l1x = bx * ca - by * sa, l1y = bx * sa + by * ca;
    const l2x = bx * ca + by * sa, l2y = -bx * sa + by * ca;
    P.v[o] = x1 + (l1x * head) / sx; P.u[o] = y1 + (l1y * head) / sy; o++;
    P.v[o] = x1; P.u[o] = y1; o++;
    P.v[o] = x1 + (l2x * head) / sx; P.u[o] = y1 + (l2y * head) / sy; o++;
    P.v[o] = NaN; P.u[o] = NaN; o++;
    P.v[o] = NaN; P.u[o] = NaN; o++;
  }
  return { nx, ny, arrows, speedRange: [10 ** lo, 10 ** hi] };
}
