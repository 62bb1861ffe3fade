// Local bifurcations of the equilibria in closed form: saddle-node (fold) and Andronov–Hopf values of I, a, b and
// vref (c and d act only at the reset, so equilibria do not depend on them), with existence conditions and, for the
// Hopf points, the first Lyapunov coefficient (sub- or supercritical). Units: I mV/ms, a 1/ms, b 1, vref mV.
//
// Notation (see equilibria.ts): Q(v) = k2·v² + k1·v + k0 + I, s = b/ucoef, J11(v) = 2·k2·v + k1,
// tr(v) = J11 − a·ucoef, det(v) = a·(b − ucoef·J11).
//
// Saddle-node: the quadratic k2·v² + (k1 − s)·v + (k0 + I + s·vref) has a double root (D = 0), at
//   v_SN = (s − k1)/(2·k2), where J11 = s and so det = 0. In I: I_SN = (k1 − s)²/(4·k2) − k0 − s·vref, for every
//   a ≠ 0, ucoef ≠ 0 (equilibria exist for I < I_SN). In b (through s): D = 0 reads
//   s² − (2·k1 + 4·k2·vref)·s + k1² − 4·k2·(k0 + I) = 0, whose discriminant simplifies to 16·k2·Q(vref), so
//   s = k1 + 2·k2·vref ± 2·√(k2·Q(vref)) (the two lines through (vref, 0) tangent to the parabola), real iff
//   Q(vref) ≥ 0; b_SN = ucoef·s. In vref (s ≠ 0): vref_SN = ((k1 − s)²/(4·k2) − k0 − I)/s. In a: none (det = 0 at
//   J11 = b/ucoef does not involve a; a = 0 is the degenerate continuum).
// Andronov–Hopf: tr = 0 with det > 0. tr = 0 fixes v_H = (a·ucoef − k1)/(2·k2); there J11 = a·ucoef and
//   det = a·(b − a·ucoef²), so the Hopf point exists iff a·(b − a·ucoef²) > 0 (standard form: b > a). The parameter
//   value then puts an equilibrium at v_H: I_H = s·(v_H − vref) − k2·v_H² − k1·v_H − k0;
//   b_H = ucoef·Q(v_H)/(v_H − vref) (v_H ≠ vref); vref_H = v_H − Q(v_H)/s (s ≠ 0). In a, at a fixed equilibrium
//   v*: a_H = J11(v*)/ucoef, existing iff det = a_H·(b − ucoef·J11(v*)) > 0. With ucoef = 0 the one equilibrium is
//   v = vref, tr = 2·k2·vref + k1 and det = a·b, neither depends on I: no bifurcation in I; the Hopf point is at
//   vref_H = −k1/(2·k2) if a·b > 0.
//   At b = a·ucoef² the Hopf and saddle-node points coincide: a Bogdanov–Takens point (double zero eigenvalue).
// First Lyapunov coefficient. Shifting to the Hopf equilibrium, x = v − v_H, y = u − u_H:
//   x' = α·x − y + k2·x², y' = β·x − α·y, α = a·ucoef, β = a·b, ω² = β − α².
//   Kuznetsov's formula (Elements of Applied Bifurcation Theory, eq. 3.20) with q = (1, α − iω),
//   p ∝ (β, −(α + iω)), B(x, y) = (2·k2·x1·y1, 0) and no cubic terms reduces to l1 = k2²·α/ω³ (worked out in
//   bifurcations.test.ts's comment and checked there numerically): for a·ucoef > 0, always positive, so the Hopf
//   bifurcation of this model is subcritical (an unstable cycle shrinks onto the rest state: rest coexists with
//   firing just below I_H, the bistability of the 2004 panel P).

import type { ParamKey, Params } from '../model/params';
import { DEGENERACY_TOL, equilibria, uFrozen, vNullclineU } from './equilibria';

export type BifurcationKind = 'saddle-node' | 'hopf' | 'bogdanov-takens';
export const BIFURCATION_PARAMS = ['I', 'a', 'b', 'vref'] as const;
export type BifurcationParam = (typeof BIFURCATION_PARAMS)[number];

export interface Bifurcation {
  kind: BifurcationKind;
  param: BifurcationParam;
  /** The parameter's value at the bifurcation (the others as given). */
  value: number;
  /** Where the equilibrium is at the bifurcation. */
  v: number;
  u: number;
  /** Angular frequency at a Hopf point, rad/ms (ω = √det); its period 2π/ω ms. */
  omega?: number;
  /** First Lyapunov coefficient at a Hopf point: > 0 subcritical, < 0 supercritical. */
  lyapunov?: number;
  criticality?: 'subcritical' | 'supercritical' | 'degenerate';
  /** The existence condition that holds, as text. */
  condition: string;
}

export interface AbsentBifurcation {
  kind: BifurcationKind;
  param: BifurcationParam;
  /** Why there is none (the condition that fails). */
  reason: string;
}

export interface BifurcationSet {
  found: Bifurcation[];
  absent: AbsentBifurcation[];
}

function n(x: number): string {
  return String(Number(x.toPrecision(4)));
}

function hopfExtras(p: Params, a: number): Pick<Bifurcation, 'omega' | 'lyapunov' | 'criticality'> {
  const alpha = a * p.ucoef;
  const omega2 = a * p.b - alpha * alpha;
  const omega = Math.sqrt(omega2);
  const l1 = (p.k2 * p.k2 * alpha) / (omega2 * omega);
  const crit = Math.abs(alpha) <= DEGENERACY_TOL * Math.abs(a) ? 'degenerate' : l1 > 0 ? 'subcritical' : 'supercritical';
  return { omega, lyapunov: l1, criticality: crit };
}

/** Saddle-node and Hopf values of I (closed forms above). */
export function bifurcationsInI(p: Params): BifurcationSet {
  const found: Bifurcation[] = [];
  const absent: AbsentBifurcation[] = [];
  if (uFrozen(p)) {
    const reason = 'a = 0 or b = ucoef = 0: u is constant, the v-nullcline is a continuum of equilibria';
    return { found, absent: [{ kind: 'saddle-node', param: 'I', reason }, { kind: 'hopf', param: 'I', reason }] };
  }
  if (p.ucoef === 0) {
    const reason = 'ucoef = 0: the one equilibrium sits at v = vref and its Jacobian does not depend on I';
    return { found, absent: [{ kind: 'saddle-node', param: 'I', reason }, { kind: 'hopf', param: 'I', reason }] };
  }
  const s = p.b / p.ucoef;
  const vSN = (s - p.k1) / (2 * p.k2);
  const ISN = ((p.k1 - s) * (p.k1 - s)) / (4 * p.k2) - p.k0 - s * p.vref;
  const bt = Math.abs(p.b - p.a * p.ucoef * p.ucoef) <= DEGENERACY_TOL * (Math.abs(p.b) + Math.abs(p.a * p.ucoef * p.ucoef));
  found.push({
    kind: bt ? 'bogdanov-takens' : 'saddle-node', param: 'I', value: ISN, v: vSN, u: s * (vSN - p.vref),
    condition: `ucoef ≠ 0: equilibria exist for I < ${n(ISN)}`,
  });
  if (bt) return { found, absent };
  const detH = p.a * (p.b - p.a * p.ucoef * p.ucoef);
  if (detH > 0) {
    const vH = (p.a * p.ucoef - p.k1) / (2 * p.k2);
    const IH = s * (vH - p.vref) - p.k2 * vH * vH - p.k1 * vH - p.k0;
    found.push({
      kind: 'hopf', param: 'I', value: IH, v: vH, u: s * (vH - p.vref), ...hopfExtras(p, p.a),
      condition: p.ucoef === 1 ? `b > a (${n(p.b)} > ${n(p.a)})` : `a·(b − a·ucoef²) > 0`,
    });
  } else {
    absent.push({
      kind: 'hopf', param: 'I',
      reason: p.ucoef === 1 && p.a > 0 ? `needs b > a (here b = ${n(p.b)} ≤ a = ${n(p.a)})` : 'needs a·(b − a·ucoef²) > 0',
    });
  }
  return { found, absent };
}

/** Hopf values of a, one per equilibrium where it exists (equilibria do not depend on a). */
export function bifurcationsInA(p: Params): BifurcationSet {
  const found: Bifurcation[] = [];
  const absent: AbsentBifurcation[] = [{ kind: 'saddle-node', param: 'a', reason: 'equilibria do not depend on a (det = 0 does not involve it)' }];
  if (p.ucoef === 0 || (p.b === 0 && p.ucoef === 0)) {
    absent.push({ kind: 'hopf', param: 'a', reason: 'ucoef = 0: tr = 2·k2·v + k1 does not depend on a' });
    return { found, absent };
  }
  // Equilibria at any a ≠ 0 (their positions do not depend on a).
  const set = equilibria({ ...p, a: p.a === 0 ? 1 : p.a });
  for (const e of set.equilibria) {
    const J11 = 2 * p.k2 * e.v + p.k1;
    const aH = J11 / p.ucoef;
    const det = aH * (p.b - p.ucoef * J11);
    // a_H = 0 (J11 = 0 at this equilibrium) is the degenerate a = 0 (no u dynamics), not a Hopf point.
    const zero = Math.abs(J11) <= DEGENERACY_TOL * (Math.abs(2 * p.k2 * e.v) + Math.abs(p.k1));
    if (det > 0 && !zero) {
      found.push({
        kind: 'hopf', param: 'a', value: aH, v: e.v, u: e.u, ...hopfExtras(p, aH),
        condition: `at the ${e.root} equilibrium v = ${n(e.v)}: det = a·(b − ucoef·J11) > 0`,
      });
    }
  }
  if (!found.length) absent.push({ kind: 'hopf', param: 'a', reason: set.equilibria.length ? 'det ≤ 0 where tr = 0' : 'no equilibrium' });
  return { found, absent };
}

/** Saddle-node and Hopf values of b. */
export function bifurcationsInB(p: Params): BifurcationSet {
  const found: Bifurcation[] = [];
  const absent: AbsentBifurcation[] = [];
  if (p.a === 0 || p.ucoef === 0) {
    const reason = p.a === 0 ? 'a = 0: u is constant' : 'ucoef = 0: the equilibrium stays at v = vref and tr does not depend on b';
    return { found, absent: [{ kind: 'saddle-node', param: 'b', reason }, { kind: 'hopf', param: 'b', reason }] };
  }
  const Qr = vNullclineU(p, p.vref);
  if (Qr >= 0) {
    const root = 2 * Math.sqrt(p.k2 * Qr);
    const base = p.k1 + 2 * p.k2 * p.vref;
    const ss = root === 0 ? [base] : [base - root, base + root];
    for (const s of ss) {
      const vSN = (s - p.k1) / (2 * p.k2);
      found.push({
        kind: 'saddle-node', param: 'b', value: p.ucoef * s, v: vSN, u: s * (vSN - p.vref),
        condition: `Q(vref) = k2·vref² + k1·vref + k0 + I = ${n(Qr)} ≥ 0`,
      });
    }
  } else {
    absent.push({ kind: 'saddle-node', param: 'b', reason: `Q(vref) = ${n(Qr)} < 0: no line through (vref, 0) touches the v-nullcline` });
  }
  const vH = (p.a * p.ucoef - p.k1) / (2 * p.k2);
  if (vH !== p.vref) {
    const bH = (p.ucoef * vNullclineU(p, vH)) / (vH - p.vref);
    const det = p.a * (bH - p.a * p.ucoef * p.ucoef);
    if (det > 0) {
      found.push({
        kind: 'hopf', param: 'b', value: bH, v: vH, u: (bH / p.ucoef) * (vH - p.vref), ...hopfExtras({ ...p, b: bH }, p.a),
        condition: `det = a·(b − a·ucoef²) > 0 at b = ${n(bH)}`,
      });
    } else {
      absent.push({ kind: 'hopf', param: 'b', reason: `at the b that puts an equilibrium on tr = 0 (${n(bH)}), det ≤ 0` });
    }
  } else {
    absent.push({ kind: 'hopf', param: 'b', reason: 'v_H = vref: no b puts an equilibrium there' });
  }
  return { found, absent };
}

/** Saddle-node and Hopf values of vref. */
export function bifurcationsInVref(p: Params): BifurcationSet {
  const found: Bifurcation[] = [];
  const absent: AbsentBifurcation[] = [];
  if (uFrozen(p)) {
    const reason = 'a = 0 or b = ucoef = 0: u is constant';
    return { found, absent: [{ kind: 'saddle-node', param: 'vref', reason }, { kind: 'hopf', param: 'vref', reason }] };
  }
  if (p.ucoef === 0) {
    absent.push({ kind: 'saddle-node', param: 'vref', reason: 'ucoef = 0: there is always exactly one equilibrium' });
    const vH = -p.k1 / (2 * p.k2);
    if (p.a * p.b > 0) {
      found.push({ kind: 'hopf', param: 'vref', value: vH, v: vH, u: vNullclineU(p, vH), ...hopfExtras(p, p.a), condition: 'ucoef = 0 and a·b > 0' });
    } else {
      absent.push({ kind: 'hopf', param: 'vref', reason: 'ucoef = 0 needs a·b > 0' });
    }
    return { found, absent };
  }
  const s = p.b / p.ucoef;
  if (s === 0) {
    const reason = 'b = 0: the u-nullcline u = 0 does not depend on vref';
    return { found, absent: [{ kind: 'saddle-node', param: 'vref', reason }, { kind: 'hopf', param: 'vref', reason }] };
  }
  const vSN = (s - p.k1) / (2 * p.k2);
  const vrefSN = (((p.k1 - s) * (p.k1 - s)) / (4 * p.k2) - p.k0 - p.I) / s;
  found.push({ kind: 'saddle-node', param: 'vref', value: vrefSN, v: vSN, u: s * (vSN - vrefSN), condition: 'b ≠ 0, ucoef ≠ 0' });
  const detH = p.a * (p.b - p.a * p.ucoef * p.ucoef);
  if (detH > 0) {
    const vH = (p.a * p.ucoef - p.k1) / (2 * p.k2);
    const vrefH = vH - vNullclineU(p, vH) / s;
    found.push({ kind: 'hopf', param: 'vref', value: vrefH, v: vH, u: vNullclineU(p, vH), ...hopfExtras(p, p.a), condition: 'a·(b − a·ucoef²) > 0' });
  } else {
    absent.push({ kind: 'hopf', param: 'vref', reason: 'needs a·(b − a·ucoef²) > 0' });
  }
  return { found, absent };
}

/** All closed-form bifurcations of the equilibria in the given parameters (default I, a, b, vref). */
export function localBifurcations(p: Params, params: readonly BifurcationParam[] = BIFURCATION_PARAMS): BifurcationSet {
  const found: Bifurcation[] = [];
  const absent: AbsentBifurcation[] = [];
  for (const k of params) {
    const r = k === 'I' ? bifurcationsInI(p) : k === 'a' ? bifurcationsInA(p) : k === 'b' ? bifurcationsInB(p) : bifurcationsInVref(p);
    found.push(...r.found);
    absent.push(...r.absent);
  }
  return { found, absent };
}

export function isBifurcationParam(k: ParamKey | string): k is BifurcationParam {
  return (BIFURCATION_PARAMS as readonly string[]).includes(k);
}
