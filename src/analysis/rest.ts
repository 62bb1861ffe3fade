// Equilibria with the 2007 cells' special rules, and the resting state used by "start at the resting equilibrium".
// Without rules they are equilibria.ts's closed form. The b switch (b → bHi above vsw: TC, RTN) makes the model
// piecewise: equilibria.ts per piece, roots kept on their own side. The cubic drive of u above vb (FS) turns the
// nullcline intersection into a cubic there: bracketed on a fine grid and bisected to machine precision (below vb the
// closed form holds). Stability by equilibria.ts's classify with the Jacobian's J21 = a·(b(v) + 3·ucub·(v − vb)²).
// v in mV, u in mV/ms (the generalised units).

import type { Params } from '../model/params';
import type { ModelRules } from '../model/models';
import { classify, equilibria as closedForm, typeText, vNullclineU, type EquilibriumType, type Stability } from './equilibria';

export interface RestEquilibrium {
  v: number;
  u: number;
  type: EquilibriumType;
  stability: Stability;
}

type Model = Pick<Params, 'k2' | 'k1' | 'k0' | 'I' | 'a' | 'b' | 'vref' | 'ucoef'> & Pick<ModelRules, 'bHi' | 'vsw' | 'ucub' | 'vb'>;

function asParams(m: Model, b: number): Params {
  return { k2: m.k2, k1: m.k1, k0: m.k0, I: m.I, a: m.a, b, vref: m.vref, ucoef: m.ucoef, c: 0, d: 0, v_th: Infinity };
}

/** Roots of f on (lo, hi): sign changes on a grid of n cells, each bisected. */
function bracketRoots(f: (v: number) => number, lo: number, hi: number, n = 4000): number[] {
  const out: number[] = [];
  let x0 = lo, f0 = f(lo);
  for (let i = 1; i <= n; i++) {
    const x1 = lo + ((hi - lo) * i) / n, f1 = f(x1);
    if (f0 * f1 < 0) {
      let a = x0, b = x1, fa = f0;
      for (let k = 0; k < 200 && b - a > 1e-13 * Math.max(1, Math.abs(a)); k++) {
        const mid = 0.5 * (a + b), fm = f(mid);
        if (fm === 0) { a = b = mid; break; }
        if (fa * fm < 0) b = mid; else { a = mid; fa = fm; }
      }
      out.push(0.5 * (a + b));
    } else if (f1 === 0) out.push(x1);
    x0 = x1; f0 = f1;
  }
  return out;
}

/** Every isolated equilibrium with v in [−1000, 1000] mV, lower v first (none when u never changes: a = 0). */
export function equilibriaWithRules(m: Model): RestEquilibrium[] {
  const found: { v: number; u: number; b: number }[] = [];
  const pieces: [number, number, number][] = m.vsw === Infinity ? [[-Infinity, Infinity, m.b]] : [[-Infinity, m.vsw, m.b], [m.vsw, Infinity, m.bHi]];
  for (const [lo, hi, b] of pieces) {
    const inPiece = (v: number) => (lo === -Infinity ? v <= hi : v > lo);
    const cubicFrom = m.ucub === 0 ? Infinity : m.vb;
    // Below vb (or everywhere without the cubic): the closed form of equilibria.ts.
    for (const e of closedForm(asParams(m, b)).equilibria) if (inPiece(e.v) && e.v <= cubicFrom) found.push({ v: e.v, u: e.u, b });
    if (m.ucub !== 0) {
      // Above vb: the nullclines k2·v² + k1·v + k0 + I = u = (b(v − vref) + ucub(v − vb)³)/ucoef, or drive = 0 when ucoef = 0.
      const drive = (v: number) => b * (v - m.vref) + m.ucub * (v - m.vb) ** 3;
      const gap = m.ucoef !== 0 ? (v: number) => vNullclineU(asParams(m, b), v) - drive(v) / m.ucoef : drive;
      const a0 = Math.max(lo, m.vb), z = Math.min(hi, 1000);
      if (a0 < z && m.a !== 0) for (const v of bracketRoots(gap, a0, z)) if (v > a0 && inPiece(v)) found.push({ v, u: vNullclineU(asParams(m, b), v), b });
    }
  }
  found.sort((x, y) => x.v - y.v);
  return found.map(({ v, u, b }) => {
    const x = v - m.vb;
    const j21 = m.a * (b + (m.ucub !== 0 && x > 0 ? 3 * m.ucub * x * x : 0));
    return { v, u, ...classify(2 * m.k2 * v + m.k1, -1, j21, -m.a * m.ucoef) };
  });
}

/** The resting state: the stable equilibrium with the lowest v, or null (none is stable, or there is none). */
export function restingState(m: Model): RestEquilibrium | null {
  return equilibriaWithRules(m).find((e) => e.stability === 'stable') ?? null;
}

export { typeText };
