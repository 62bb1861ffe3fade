// Equilibria of the generalised Izhikevich model in closed form, with their stability: the resting state used by
// "start at the resting equilibrium". u-nullcline u = (b(v)·(v − vref) + ucub·max(0, v − vb)³)/ucoef, v-nullcline
// u = k2·v² + k1·v + k0 + I; their intersections solve a quadratic per piece of b(v) (exact), or a cubic above vb
// (the 2007 FS rule; bracketed and bisected to machine precision). Stability from the Jacobian's trace and
// determinant. v in mV, u in mV/ms.

import type { Coeffs } from '../engine/rhs';

export type EquilibriumKind = 'stable node' | 'stable focus' | 'unstable node' | 'unstable focus' | 'saddle' | 'degenerate';

export interface Equilibrium {
  v: number;
  u: number;
  stable: boolean;
  kind: EquilibriumKind;
  /** Trace and determinant of the Jacobian there. */
  trace: number;
  det: number;
}

type Model = Pick<Coeffs, 'k2' | 'k1' | 'k0' | 'I' | 'a' | 'b' | 'vref' | 'ucoef' | 'bHi' | 'vsw' | 'ucub' | 'vb'>;

/** The drive of u at v (du/dt = a·(drive(v) − ucoef·u)). */
function drive(m: Model, v: number): number {
  const b = v > m.vsw ? m.bHi : m.b;
  const x = v - m.vb;
  return b * (v - m.vref) + (x > 0 ? m.ucub * x * x * x : 0);
}

function driveSlope(m: Model, v: number): number {
  const b = v > m.vsw ? m.bHi : m.b;
  const x = v - m.vb;
  return b + (x > 0 ? 3 * m.ucub * x * x : 0);
}

/** Real roots of p2·x² + p1·x + p0 = 0 (numerically stable form); a linear or constant equation when p2 = 0. */
export function quadraticRoots(p2: number, p1: number, p0: number): number[] {
  if (p2 === 0) return p1 === 0 ? [] : [-p0 / p1];
  const disc = p1 * p1 - 4 * p2 * p0;
  if (disc < 0) return [];
  if (disc === 0) return [-p1 / (2 * p2)];
  const q = -0.5 * (p1 + Math.sign(p1 || 1) * Math.sqrt(disc));
  const r = [q / p2, p0 / q].sort((x, y) => x - y);
  return r;
}

/** Roots of f on (lo, hi): sign changes on a fine grid, bisected. */
function bracketRoots(f: (v: number) => number, lo: number, hi: number, n = 4000): number[] {
  const out: number[] = [];
  let x0 = lo, f0 = f(lo);
  for (let i = 1; i <= n; i++) {
    const x1 = lo + ((hi - lo) * i) / n, f1 = f(x1);
    if (f0 === 0) out.push(x0);
    else if (f0 * f1 < 0) {
      let a = x0, b = x1, fa = f0;
      for (let k = 0; k < 200 && b - a > 1e-13 * Math.max(1, Math.abs(a)); k++) {
        const m = 0.5 * (a + b), fm = f(m);
        if (fm === 0) { a = b = m; break; }
        if (fa * fm < 0) b = m; else { a = m; fa = fm; }
      }
      out.push(0.5 * (a + b));
    }
    x0 = x1; f0 = f1;
  }
  return out;
}

/** Every equilibrium with v in [−1000, 1000] mV, ordered by v. */
export function equilibria(m: Model): Equilibrium[] {
  const vs: number[] = [];
  const pieces: [number, number][] = m.vsw === Infinity ? [[-Infinity, Infinity]] : [[-Infinity, m.vsw], [m.vsw, Infinity]];
  if (m.ucoef !== 0) {
    // F(v) = k2·v² + k1·v + k0 + I − drive(v)/ucoef = 0.
    for (const [lo, hi] of pieces) {
      const b = lo === -Infinity ? m.b : m.bHi;
      const inPiece = (v: number) => (lo === -Infinity ? v <= hi : v > lo);
      const quad = quadraticRoots(m.k2, m.k1 - b / m.ucoef, m.k0 + m.I + (b * m.vref) / m.ucoef);
      if (m.ucub === 0) { vs.push(...quad.filter(inPiece)); continue; }
      // The cubic term acts above vb only: the quadratic's roots below vb, a bracketed cubic above.
      vs.push(...quad.filter((v) => inPiece(v) && v <= m.vb));
      const F = (v: number) => m.k2 * v * v + m.k1 * v + m.k0 + m.I - drive(m, v) / m.ucoef;
      const a = Math.max(lo, m.vb), z = Math.min(hi, 1000);
      if (a < z) vs.push(...bracketRoots(F, a, z).filter((v) => v > a && inPiece(v)));
    }
  } else {
    // du/dt = a·drive(v): equilibria where drive(v) = 0.
    for (const [lo, hi] of pieces) {
      const b = lo === -Infinity ? m.b : m.bHi;
      const inPiece = (v: number) => (lo === -Infinity ? v <= hi : v > lo);
      if (b !== 0 && inPiece(m.vref) && !(m.ucub !== 0 && m.vref > m.vb)) vs.push(m.vref);
      if (m.ucub !== 0) {
        const a = Math.max(lo, m.vb), z = Math.min(hi, 1000);
        if (a < z) vs.push(...bracketRoots((v) => drive(m, v), a, z).filter((v) => v > a && inPiece(v)));
      }
    }
  }
  const uniq = [...new Set(vs)].filter((v) => Number.isFinite(v) && Math.abs(v) <= 1000).sort((x, y) => x - y);
  return uniq.map((v) => {
    const u = m.k2 * v * v + m.k1 * v + m.k0 + m.I;
    const fv = 2 * m.k2 * v + m.k1;
    const trace = fv - m.a * m.ucoef;
    const det = -m.a * m.ucoef * fv + m.a * driveSlope(m, v);
    let kind: EquilibriumKind;
    if (det < 0) kind = 'saddle';
    else if (det === 0 || trace === 0) kind = 'degenerate';
    else {
      const focus = trace * trace - 4 * det < 0;
      kind = `${trace < 0 ? 'stable' : 'unstable'} ${focus ? 'focus' : 'node'}` as EquilibriumKind;
    }
    return { v, u, stable: kind === 'stable node' || kind === 'stable focus', kind, trace, det };
  });
}

/** The resting state: the stable equilibrium with the lowest v, or null (none is stable, or there is none). */
export function restingState(m: Model): Equilibrium | null {
  return equilibria(m).find((e) => e.stable) ?? null;
}
