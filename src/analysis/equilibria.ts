// Equilibria of the generalised Izhikevich model in closed form, with the Jacobian's eigenvalues and a type.
// f(v,u) = k2·v² + k1·v + k0 − u + I, g(v,u) = a·(b·(v − vref) − ucoef·u) with I held constant (a segment's
// parameters; a ramp is frozen at its start). v in mV, u and I in mV/ms, eigenvalues in 1/ms. No iteration anywhere.
//
// Derivation. g = 0 gives, for ucoef ≠ 0, u = s·(v − vref) with s = b/ucoef; putting it into f = 0:
//   k2·v² + (k1 − s)·v + (k0 + I + s·vref) = 0,   D = (k1 − s)² − 4·k2·(k0 + I + s·vref),
// two equilibria for D > 0, one (a saddle-node) for D = 0, none for D < 0 (k2 > 0 always: the schema's range).
// For ucoef = 0 (and b ≠ 0), g = 0 is the vertical line v = vref: exactly one equilibrium (vref, Q(vref)) with
// Q(v) = k2·v² + k1·v + k0 + I, whatever I. For a = 0 or b = ucoef = 0, g ≡ 0: every point of the v-nullcline is an
// equilibrium (a continuum), reported as such.
// Jacobian J = [[2·k2·v + k1, −1], [a·b, −a·ucoef]]: tr = 2·k2·v + k1 − a·ucoef, det = a·(b − ucoef·(2·k2·v + k1)).
// At the two roots 2·k2·v + k1 − s = ±√D, so det = ∓a·ucoef·√D: for a·ucoef > 0 the upper root is the saddle and
// the lower one the node or focus (the rest state).

import type { Params } from '../model/params';

export type EquilibriumType =
  | 'stable-node' | 'unstable-node' | 'stable-focus' | 'unstable-focus' | 'saddle'
  /** tr = 0, det > 0: purely imaginary eigenvalues (the Andronov–Hopf point; a linear centre). */
  | 'centre'
  /** det = 0, tr ≠ 0: one zero eigenvalue (the fold of the two equilibria). */
  | 'saddle-node'
  /** det = 0 and tr = 0: a double zero eigenvalue. */
  | 'bogdanov-takens';

export type Stability = 'stable' | 'unstable' | 'neutral';

/** An eigenvalue as [re, im], 1/ms. */
export type Complex = [number, number];

export interface Equilibrium {
  v: number;
  u: number;
  type: EquilibriumType;
  stability: Stability;
  /** Larger real part first; a complex pair as [re, +im], [re, −im]. */
  eigenvalues: [Complex, Complex];
  /** Real eigenvectors (direction in (v, u), unit length in mV-and-mV/ms units), in the order of the eigenvalues; null for a complex pair. */
  eigenvectors: [[number, number], [number, number]] | null;
  trace: number;
  det: number;
  /** [J11, J12, J21, J22] */
  jacobian: [number, number, number, number];
  /** Which root of the quadratic: 'lower' (smaller v), 'upper', 'double' (D = 0), or 'single' (ucoef = 0). */
  root: 'lower' | 'upper' | 'double' | 'single';
}

export interface EquilibriumSet {
  equilibria: Equilibrium[];
  /**
   * 'v-nullcline' when g ≡ 0 (a = 0, or b = ucoef = 0): u never changes and every point of the v-nullcline is an
   * equilibrium; `equilibria` is then empty. null otherwise.
   */
  continuum: 'v-nullcline' | null;
  /** D of the quadratic above (NaN when ucoef = 0 or for a continuum); 0 when within the tolerance. */
  discriminant: number;
}

/**
 * Relative tolerance of the degenerate cases: a quantity counts as zero when it is within DEGENERACY_TOL of the
 * magnitude of the terms it is the sum of (|tr| ≤ tol·(|J11| + |J22|), |det| ≤ tol·(|J11·J22| + |J12·J21|),
 * |D| ≤ tol·((k1 − s)² + 4·k2·|k0 + I + s·vref|)). Float64 rounding of these sums is ~1e-16 relative, so values
 * typed or set exactly at a bifurcation (I = 4 for b = 0.2) land inside; the smallest slider step (0.001 on a)
 * changes them by far more than 1e-9 relative, so no ordinary setting is called degenerate.
 */
export const DEGENERACY_TOL = 1e-9;

/** The u equation vanishes identically (no recovery dynamics). */
export function uFrozen(p: Params): boolean {
  return p.a === 0 || (p.b === 0 && p.ucoef === 0);
}

/** Q(v) = k2·v² + k1·v + k0 + I: the v-nullcline u = Q(v). */
export function vNullclineU(p: Params, v: number): number {
  return (p.k2 * v + p.k1) * v + p.k0 + p.I;
}

/** dv/dt and du/dt at (v, u) for constant I. */
export function flow(p: Params, v: number, u: number, out: Float64Array | number[]): void {
  out[0] = (p.k2 * v + p.k1) * v + p.k0 - u + p.I;
  out[1] = p.a * (p.b * (v - p.vref) - p.ucoef * u);
}

/** Eigenvalues of a real 2×2 matrix from its trace and determinant, larger real part first. */
export function eigenvalues(tr: number, det: number): [Complex, Complex] {
  const disc = tr * tr - 4 * det;
  if (disc >= 0) {
    const r = Math.sqrt(disc);
    // Stable form: the root of larger magnitude from tr ± r without cancellation, the other as det / it.
    const q = tr >= 0 ? (tr + r) / 2 : (tr - r) / 2;
    let l1: number, l2: number;
    if (q === 0) { l1 = 0; l2 = 0; } else { l1 = q; l2 = det / q; }
    return l1 >= l2 ? [[l1, 0], [l2, 0]] : [[l2, 0], [l1, 0]];
  }
  const im = Math.sqrt(-disc) / 2;
  return [[tr / 2, im], [tr / 2, -im]];
}

/** Type and stability from the Jacobian, with the tolerance DEGENERACY_TOL. */
export function classify(j11: number, j12: number, j21: number, j22: number): { type: EquilibriumType; stability: Stability } {
  const tr = j11 + j22;
  const det = j11 * j22 - j12 * j21;
  const trZero = Math.abs(tr) <= DEGENERACY_TOL * (Math.abs(j11) + Math.abs(j22));
  const detZero = Math.abs(det) <= DEGENERACY_TOL * (Math.abs(j11 * j22) + Math.abs(j12 * j21));
  if (detZero) return { type: trZero ? 'bogdanov-takens' : 'saddle-node', stability: 'neutral' };
  if (det < 0) return { type: 'saddle', stability: 'unstable' };
  if (trZero) return { type: 'centre', stability: 'neutral' };
  const focus = tr * tr - 4 * det < 0;
  if (tr < 0) return { type: focus ? 'stable-focus' : 'stable-node', stability: 'stable' };
  return { type: focus ? 'unstable-focus' : 'unstable-node', stability: 'unstable' };
}

/** Jacobian [J11, J12, J21, J22] at v (it does not depend on u). */
export function jacobian(p: Params, v: number): [number, number, number, number] {
  return [2 * p.k2 * v + p.k1, -1, p.a * p.b, -p.a * p.ucoef];
}

/** The equilibrium at (v, u) with its linearisation. */
export function equilibriumAt(p: Params, v: number, u: number, root: Equilibrium['root']): Equilibrium {
  const J = jacobian(p, v);
  const [j11, j12, j21, j22] = J;
  const tr = j11 + j22;
  const det = j11 * j22 - j12 * j21;
  const { type, stability } = classify(j11, j12, j21, j22);
  const ev = eigenvalues(tr, det);
  let vecs: Equilibrium['eigenvectors'] = null;
  if (ev[0][1] === 0) {
    // (J − λ)·e = 0: from the first row, (j11 − λ)·e_v + j12·e_u = 0 with j12 = −1, so e = (1, j11 − λ).
    const vec = (l: number): [number, number] => {
      const x = 1, y = j11 - l;
      const n = Math.hypot(x, y);
      return [x / n, y / n];
    };
    vecs = [vec(ev[0][0]), vec(ev[1][0])];
  }
  return { v, u, type, stability, eigenvalues: ev, eigenvectors: vecs, trace: tr, det, jacobian: J, root };
}

/** All equilibria, lower v first. */
export function equilibria(p: Params): EquilibriumSet {
  if (uFrozen(p)) return { equilibria: [], continuum: 'v-nullcline', discriminant: NaN };
  if (p.ucoef === 0) {
    const v = p.vref;
    return { equilibria: [equilibriumAt(p, v, vNullclineU(p, v), 'single')], continuum: null, discriminant: NaN };
  }
  const s = p.b / p.ucoef;
  const B = p.k1 - s;
  const C = p.k0 + p.I + s * p.vref;
  let D = B * B - 4 * p.k2 * C;
  if (Math.abs(D) <= DEGENERACY_TOL * (B * B + 4 * p.k2 * Math.abs(C))) D = 0;
  const uOf = (v: number) => s * (v - p.vref);
  if (D < 0) return { equilibria: [], continuum: null, discriminant: D };
  if (D === 0) {
    const v = -B / (2 * p.k2);
    return { equilibria: [equilibriumAt(p, v, uOf(v), 'double')], continuum: null, discriminant: 0 };
  }
  // Roots without cancellation: q = −(B + sign(B)·√D)/2, roots q/k2 and C/q.
  const r = Math.sqrt(D);
  const q = -0.5 * (B + (B >= 0 ? r : -r));
  let x1 = q / p.k2;
  let x2 = q !== 0 ? C / q : -x1;
  if (x1 > x2) { const t = x1; x1 = x2; x2 = t; }
  return {
    equilibria: [equilibriumAt(p, x1, uOf(x1), 'lower'), equilibriumAt(p, x2, uOf(x2), 'upper')],
    continuum: null,
    discriminant: D,
  };
}

/** Human text of a type: "stable node", "saddle-node", "Bogdanov–Takens". */
export function typeText(t: EquilibriumType): string {
  if (t === 'bogdanov-takens') return 'Bogdanov\u2013Takens';
  if (t === 'saddle-node') return 'saddle-node';
  return t.replace('-', ' ');
}
