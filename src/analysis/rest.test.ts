// Equilibria with the 2007 rules (on equilibria.ts's closed form) against the vector field itself: each one zeroes dv/dt and du/dt (engine's rhs), none
// is missed (a dense scan of the nullcline gap finds the same roots), and stability agrees with the eigenvalues of a
// finite-difference Jacobian. Also the 2007 rules (b switch, cubic u drive).

import { describe, expect, it } from 'vitest';
import { equilibriaWithRules as equilibria, restingState } from './rest';
import { NO_EXTRAS, coeffsOf, dudt, dvdt, type Coeffs } from '../engine/rhs';
import { DEFAULT_PARAMS, type Params } from '../model/params';

function C(p: Partial<Params>, extras: Partial<typeof NO_EXTRAS> = {}): Coeffs {
  return coeffsOf({ ...DEFAULT_PARAMS, ...p }, 0, 0, { ...NO_EXTRAS, ...extras });
}

/** Eigenvalues' real parts of the finite-difference Jacobian at (v, u). */
function stableNumerically(c: Coeffs, v: number, u: number): boolean {
  const h = 1e-6;
  const j11 = (dvdt(c, v + h, u, 0) - dvdt(c, v - h, u, 0)) / (2 * h), j12 = (dvdt(c, v, u + h, 0) - dvdt(c, v, u - h, 0)) / (2 * h);
  const j21 = (dudt(c, v + h, u) - dudt(c, v - h, u)) / (2 * h), j22 = (dudt(c, v, u + h) - dudt(c, v, u - h)) / (2 * h);
  const tr = j11 + j22, det = j11 * j22 - j12 * j21;
  return tr < 0 && det > 0;
}

/** Roots of the nullcline gap by a dense scan (0.001 mV), independent of the closed form. */
function scanRoots(c: Coeffs): number[] {
  const g = (v: number) => dvdt(c, v, (dudt(c, v, 0) / c.a) / c.ucoef, 0); // u on the u-nullcline
  const out: number[] = [];
  for (let v = -200; v < 200; v += 0.001) if (g(v) * g(v + 0.001) < 0) out.push(v);
  return out;
}

describe('equilibria', () => {
  const cases: [string, Coeffs][] = [
    ['RS at I = 0', C({ I: 0 })],
    ['resonator at I = 0.4', C({ a: 0.1, b: 0.26, I: 0.4 })],
    ['class 1 (b = −0.1, 4.1v + 108)', C({ b: -0.1, k1: 4.1, k0: 108, I: 0 })],
    ['vref and ucoef off their defaults', C({ b: 0.5, vref: -20, ucoef: 1.7, I: 3 })],
    ['TC-like b switch at −65 mV', C({ b: 0.075, I: 0.1, k2: 0.008, k1: 0.88, k0: 24 }, { vsw: -65, bHi: 0 })],
    ['FS-like cubic drive above −55 mV', C({ b: 0, I: 1.5, k2: 0.05, k1: 4.75, k0: 110, vref: -55 }, { ucub: 0.00125, vb: -55 })],
  ];
  for (const [name, c] of cases) {
    it(`${name}: zeroes the vector field, misses none, stability as the Jacobian's eigenvalues say`, () => {
      const eq = equilibria(c);
      const scan = scanRoots(c);
      expect(eq.length).toBe(scan.length);
      eq.forEach((e, i) => {
        expect(Math.abs(e.v - scan[i])).toBeLessThan(2e-3);
        // |f| relative to the terms' size: the closed form is exact up to rounding.
        expect(Math.abs(dvdt(c, e.v, e.u, 0))).toBeLessThan(1e-9 * Math.max(1, Math.abs(e.u)));
        expect(Math.abs(dudt(c, e.v, e.u))).toBeLessThan(1e-9 * Math.max(1, Math.abs(e.u)));
        expect(e.stability === 'stable', `${e.type} at ${e.v}`).toBe(stableNumerically(c, e.v, e.u));
      });
    });
  }

  it('RS at I = 0: rest at (−70, −14), a saddle at −50; none at I = 10', () => {
    const [a, b] = equilibria(C({ I: 0 }));
    expect(a.v).toBeCloseTo(-70, 12); expect(a.u).toBeCloseTo(-14, 12); expect(a.type).toBe('stable-node');
    expect(b.v).toBeCloseTo(-50, 12); expect(b.type).toBe('saddle');
    expect(restingState(C({ I: 10 }))).toBeNull();
  });

});
