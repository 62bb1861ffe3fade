// Branches of the equilibria over one parameter, for the bifurcation diagram: v* against the parameter, split into
// stable and unstable pieces, with the closed-form saddle-node and Hopf points that fall in the range. Over I the
// branch is parametrised by v (I(v) = s·(v − vref) − Q₀(v) is explicit), so the fold is drawn exactly; over other
// parameters the closed form of equilibria.ts is sampled. v in mV, the parameter in its own unit.

import type { ParamKey, Params } from '../model/params';
import { equilibria, equilibriumAt, uFrozen, type Stability } from './equilibria';
import { isBifurcationParam, localBifurcations, type Bifurcation } from './bifurcations';

export interface BranchPiece {
  /** Parameter values. */
  x: number[];
  /** v of the equilibrium, mV. */
  v: number[];
  /** Both eigenvalues with negative real part (drawn solid), or not (dashed). */
  stable: boolean;
}

export interface RestBranches {
  param: ParamKey;
  pieces: BranchPiece[];
  /** Closed-form bifurcations of `param` inside [from, to]. */
  points: Bifurcation[];
}

interface Pt { x: number; v: number; st: Stability }

/**
 * Splits a branch (points ordered along it) into pieces of one stability. A neutral point (saddle-node, centre)
 * ends the piece before it and starts the next; neighbouring pieces share their boundary point.
 */
function split(pts: Pt[], out: BranchPiece[]): void {
  let cur: BranchPiece | null = null;
  let carry: Pt | null = null;
  for (const q of pts) {
    if (q.st === 'neutral') {
      if (cur) { cur.x.push(q.x); cur.v.push(q.v); }
      cur = null;
      carry = q;
      continue;
    }
    const stable = q.st === 'stable';
    if (cur && cur.stable === stable) { cur.x.push(q.x); cur.v.push(q.v); continue; }
    const next: BranchPiece = { x: [], v: [], stable };
    if (cur) { next.x.push(cur.x[cur.x.length - 1]); next.v.push(cur.v[cur.v.length - 1]); }
    else if (carry) { next.x.push(carry.x); next.v.push(carry.v); }
    carry = null;
    next.x.push(q.x); next.v.push(q.v);
    out.push(next);
    cur = next;
  }
}

/** Equilibrium branches of `param` over [from, to] with `samples` points per branch. */
export function restBranches(p: Params, param: ParamKey, from: number, to: number, samples = 240): RestBranches {
  const lo = Math.min(from, to), hi = Math.max(from, to);
  const pieces: BranchPiece[] = [];
  const points = isBifurcationParam(param)
    ? localBifurcations(p, [param]).found.filter((b) => b.value >= lo && b.value <= hi)
    : [];
  if (uFrozen(p)) return { param, pieces, points };
  if (param === 'I' && p.ucoef !== 0) {
    // I(v) = s·(v − vref) − k2·v² − k1·v − k0: a downward parabola with its top (the fold) at v_SN.
    const s = p.b / p.ucoef;
    const Iof = (v: number) => s * (v - p.vref) - (p.k2 * v + p.k1) * v - p.k0;
    const vSN = (s - p.k1) / (2 * p.k2);
    const ISN = Iof(vSN);
    if (lo > ISN) return { param, pieces, points };
    // v where I(v) = lo on each side of the fold (the ends of the range drawn).
    const half = Math.sqrt(Math.max(0, (ISN - lo) / p.k2));
    const vA = vSN - half, vB = vSN + half;
    const vs: number[] = [];
    for (let i = 0; i < samples; i++) {
      // Denser near the fold, where I(v) turns: v = vSN ± half·w² style spacing on each side.
      const w = -1 + (2 * i) / (samples - 1);
      vs.push(vSN + half * Math.sign(w) * w * w);
    }
    const special = points.map((b) => b.v).filter((v) => v > vA && v < vB);
    vs.push(vSN, ...special);
    vs.sort((x, y) => x - y);
    // Values of I beyond `hi` (only when hi < I_SN, near the fold) cut the branch in two.
    let run: Pt[] = [];
    for (const v of vs) {
      const I = Iof(v);
      if (I > hi) { if (run.length) split(run, pieces); run = []; continue; }
      const e = equilibriumAt({ ...p, I }, v, s * (v - p.vref), 'lower');
      run.push({ x: I, v, st: v === vSN ? 'neutral' : e.stability });
    }
    split(run, pieces);
    return { param, pieces, points };
  }
  // Sampled: each root ('lower'/'upper'/'single') is a branch; exact bifurcation values are added to the samples.
  const xs: number[] = [];
  for (let i = 0; i < samples; i++) xs.push(lo + ((hi - lo) * i) / Math.max(1, samples - 1));
  xs.push(...points.map((b) => b.value));
  xs.sort((x, y) => x - y);
  const lower: Pt[] = [], upper: Pt[] = [];
  for (const x of xs) {
    const set = equilibria({ ...p, [param]: x });
    for (const e of set.equilibria) {
      const neutral = e.stability === 'neutral';
      const q: Pt = { x, v: e.v, st: neutral ? 'neutral' : e.stability };
      if (e.root === 'upper') upper.push(q);
      else if (e.root === 'double') { lower.push(q); upper.push(q); }
      else lower.push(q);
    }
  }
  // Each branch may exist on several intervals of x (e.g. b with two folds): a gap in x between samples splits it.
  const byGaps = (pts: Pt[]) => {
    const step = (hi - lo) / Math.max(1, samples - 1);
    let run: Pt[] = [];
    for (let i = 0; i < pts.length; i++) {
      if (run.length && pts[i].x - run[run.length - 1].x > 1.5 * step) { split(run, pieces); run = []; }
      run.push(pts[i]);
    }
    split(run, pieces);
  };
  byGaps(lower);
  byGaps(upper);
  return { param, pieces, points };
}
