// Equilibria in closed form against numbers worked out independently here (the quadratic solved by hand for the
// published cells), against the residual of the flow, and the eigenvalues against a central finite-difference
// Jacobian's; the type table including the degenerate cases and the vertical (ucoef = 0) and horizontal (b = 0) cases.

import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type Params } from '../model/params';
import { classify, eigenvalues, equilibria, flow, typeText } from './equilibria';

const RS: Params = { ...DEFAULT_PARAMS, I: 0 };

/** Eigenvalues of [[p, q], [r, s]] by the textbook formula, as sorted [re, im] pairs (independent of the module). */
function eigTextbook(p: number, q: number, r: number, s: number): number[][] {
  const tr = p + s, det = p * s - q * r, disc = tr * tr - 4 * det;
  const out = disc >= 0
    ? [[(tr + Math.sqrt(disc)) / 2, 0], [(tr - Math.sqrt(disc)) / 2, 0]]
    : [[tr / 2, Math.sqrt(-disc) / 2], [tr / 2, -Math.sqrt(-disc) / 2]];
  return out;
}

/** Central-difference Jacobian of the flow at (v, u), step h. */
function fdJacobian(p: Params, v: number, u: number, h = 1e-4): [number, number, number, number] {
  const a = [0, 0], b = [0, 0], c = [0, 0], d = [0, 0];
  flow(p, v + h, u, a); flow(p, v - h, u, b); flow(p, v, u + h, c); flow(p, v, u - h, d);
  return [(a[0] - b[0]) / (2 * h), (c[0] - d[0]) / (2 * h), (a[1] - b[1]) / (2 * h), (c[1] - d[1]) / (2 * h)];
}

/** A small deterministic generator (LCG), so the random parameter sets are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

describe('equilibria: closed form', () => {
  it('regular spiking at I = 0: a stable node at v = −70 and a saddle at v = −50', () => {
    // 0.04v² + 5v + 140 = 0.2v  ⇔  v² + 120v + 3500 = 0  ⇔  (v + 70)(v + 50) = 0; u = 0.2v.
    const set = equilibria(RS);
    expect(set.equilibria).toHaveLength(2);
    const [rest, saddle] = set.equilibria;
    // Tolerance 1e-12 mV: float64 rounding of the quadratic formula (terms ~1e2).
    expect(rest.v).toBeCloseTo(-70, 12);
    expect(rest.u).toBeCloseTo(-14, 12);
    expect(rest.type).toBe('stable-node');
    expect(rest.stability).toBe('stable');
    expect(saddle.v).toBeCloseTo(-50, 12);
    expect(saddle.u).toBeCloseTo(-10, 12);
    expect(saddle.type).toBe('saddle');
    // By hand at v = −70: J = [[−0.6, −1], [0.004, −0.02]], tr = −0.62, det = 0.016, λ = (−0.62 ± √0.3204)/2.
    const r = Math.sqrt(0.62 * 0.62 - 4 * 0.016);
    expect(rest.eigenvalues[0][0]).toBeCloseTo((-0.62 + r) / 2, 12);
    expect(rest.eigenvalues[1][0]).toBeCloseTo((-0.62 - r) / 2, 12);
    // At v = −50: J11 = 1, tr = 0.98, det = −0.016.
    const r2 = Math.sqrt(0.98 * 0.98 + 4 * 0.016);
    expect(saddle.eigenvalues[0][0]).toBeCloseTo((0.98 + r2) / 2, 12);
    expect(saddle.eigenvalues[1][0]).toBeCloseTo((0.98 - r2) / 2, 12);
  });

  it('class 2 resting state (a = 0.2, b = 0.26) at I = 0 is a stable focus; at I = 0.41 an unstable focus', () => {
    const p = { ...DEFAULT_PARAMS, a: 0.2, b: 0.26, c: -65, d: 0, I: 0 };
    // 0.04v² + 4.74v + 140 = 0 ⇒ v = (−4.74 ± 0.26)/0.08 = −62.5, −56. At −62.5 J11 = 0: tr = −0.2, det = 0.052.
    const [rest, saddle] = equilibria(p).equilibria;
    expect(rest.v).toBeCloseTo(-62.5, 10);
    expect(saddle.v).toBeCloseTo(-56, 10);
    expect(rest.type).toBe('stable-focus');
    expect(rest.eigenvalues[0][0]).toBeCloseTo(-0.1, 12);
    expect(rest.eigenvalues[0][1]).toBeCloseTo(Math.sqrt(4 * 0.052 - 0.04) / 2, 12);
    expect(equilibria({ ...p, I: 0.41 }).equilibria[0].type).toBe('unstable-focus');
  });

  it('the 2004 panels: integrator rests at a stable node, resonator at a stable focus (b > a vs b < 0)', () => {
    // Integrator (4.1v + 108, b = −0.1): 0.04v² + 4.2v + 108 = 0 ⇒ v = −60 (and −45); J11 = −0.7, tr = −0.72,
    // det = 0.012, tr² − 4det > 0. Resonator (a = 0.1, b = 0.26): J11 = 0 at v = −62.5, tr = −0.1, det = 0.026 > tr²/4.
    const integ = equilibria({ ...DEFAULT_PARAMS, a: 0.02, b: -0.1, k1: 4.1, k0: 108, I: 0 }).equilibria[0];
    expect(integ.v).toBeCloseTo(-60, 10);
    expect(integ.type).toBe('stable-node');
    const res = equilibria({ ...DEFAULT_PARAMS, a: 0.1, b: 0.26, I: 0 }).equilibria[0];
    expect(res.v).toBeCloseTo(-62.5, 10);
    expect(res.type).toBe('stable-focus');
    expect(res.eigenvalues[0][1]).toBeCloseTo(Math.sqrt(0.026 - 0.0025), 12);
  });

  it('the flow vanishes at every equilibrium of random parameter sets (residual ≤ 1e-9 of its terms)', () => {
    const r = rng(7);
    let checked = 0;
    for (let n = 0; n < 400; n++) {
      const p: Params = {
        ...DEFAULT_PARAMS, a: -0.2 + 0.6 * r(), b: -1 + 2 * r(), I: -30 + 60 * r(), k2: 0.01 + 0.1 * r(), k1: 2 + 6 * r(),
        k0: 50 + 150 * r(), vref: -80 + 100 * r(), ucoef: r() < 0.1 ? 0 : 2 * r(),
      };
      const f = [0, 0];
      for (const e of equilibria(p).equilibria) {
        flow(p, e.v, e.u, f);
        const scale = Math.abs(p.k2 * e.v * e.v) + Math.abs(p.k1 * e.v) + Math.abs(p.k0) + Math.abs(e.u) + Math.abs(p.I);
        expect(Math.abs(f[0])).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(f[1])).toBeLessThanOrEqual(1e-9 * Math.abs(p.a) * (Math.abs(p.b * (e.v - p.vref)) + Math.abs(p.ucoef * e.u) + 1));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('eigenvalues agree with those of a finite-difference Jacobian (|Δλ| ≤ 1e-6 /ms)', () => {
    // The flow is quadratic in v: the central difference with h = 1e-4 is exact up to rounding (~1e-12/h ≈ 1e-8);
    // 1e-6 /ms leaves room for the square root near a repeated eigenvalue.
    const r = rng(11);
    let checked = 0;
    for (let n = 0; n < 300; n++) {
      const p: Params = { ...DEFAULT_PARAMS, a: 0.005 + 0.3 * r(), b: -0.5 + r(), I: -10 + 30 * r() };
      for (const e of equilibria(p).equilibria) {
        const J = fdJacobian(p, e.v, e.u);
        const ref = eigTextbook(J[0], J[1], J[2], J[3]);
        if (Math.abs(ref[0][0] - ref[1][0]) < 1e-4 && ref[0][1] === 0) continue; // near-repeated: ill-conditioned
        for (let i = 0; i < 2; i++) {
          expect(Math.abs(e.eigenvalues[i][0] - ref[i][0])).toBeLessThanOrEqual(1e-6);
          expect(Math.abs(e.eigenvalues[i][1] - ref[i][1])).toBeLessThanOrEqual(1e-6);
        }
        // The eigenvectors: J·e = λ·e.
        if (e.eigenvectors) {
          for (let i = 0; i < 2; i++) {
            const [x, y] = e.eigenvectors[i];
            const [j11, j12, j21, j22] = e.jacobian;
            const l = e.eigenvalues[i][0];
            expect(Math.abs(j11 * x + j12 * y - l * x)).toBeLessThanOrEqual(1e-9);
            expect(Math.abs(j21 * x + j22 * y - l * y)).toBeLessThanOrEqual(1e-9);
          }
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('ucoef = 0 (vertical u-nullcline v = vref): one equilibrium at vref whatever I; the accommodation cell is a stable focus', () => {
    const p: Params = { ...DEFAULT_PARAMS, a: 0.02, b: 1, c: -55, d: 4, vref: -65, ucoef: 0, I: 0 };
    for (const I of [-20, 0, 5, 40]) {
      const set = equilibria({ ...p, I });
      expect(set.equilibria).toHaveLength(1);
      const e = set.equilibria[0];
      expect(e.v).toBe(-65);
      // u = 0.04·4225 − 325 + 140 + I = −16 + I
      expect(e.u).toBeCloseTo(-16 + I, 12);
      // tr = 2·0.04·(−65) + 5 = −0.2, det = a·b = 0.02: tr² − 4det = −0.04 < 0
      expect(e.type).toBe('stable-focus');
      expect(e.eigenvalues[0][0]).toBeCloseTo(-0.1, 12);
      expect(e.eigenvalues[0][1]).toBeCloseTo(0.1, 12);
    }
  });

  it('b = 0 (horizontal u-nullcline u = 0): the equilibria are the roots of the v-nullcline', () => {
    // 0.04v² + 5v + 140 − 10 = 0 at I = −10 ⇒ v = (−5 ± √(25 − 20.8))/0.08
    const set = equilibria({ ...DEFAULT_PARAMS, b: 0, I: -10 });
    const r = Math.sqrt(25 - 0.16 * 130);
    expect(set.equilibria.map((e) => e.v)).toEqual([expect.closeTo((-5 - r) / 0.08, 10), expect.closeTo((-5 + r) / 0.08, 10)]);
    expect(set.equilibria.every((e) => e.u === 0)).toBe(true);
  });

  it('no equilibria beyond the fold; a continuum when u cannot change (a = 0 or b = ucoef = 0)', () => {
    expect(equilibria({ ...RS, I: 4.1 }).equilibria).toHaveLength(0);
    expect(equilibria({ ...RS, a: 0 })).toMatchObject({ equilibria: [], continuum: 'v-nullcline' });
    expect(equilibria({ ...RS, b: 0, ucoef: 0 })).toMatchObject({ equilibria: [], continuum: 'v-nullcline' });
  });

  it('at the saddle-node current (I = 4 for b = 0.2) the two equilibria merge into one saddle-node at v = −60', () => {
    const set = equilibria({ ...RS, I: 4 });
    expect(set.equilibria).toHaveLength(1);
    expect(set.equilibria[0].type).toBe('saddle-node');
    expect(set.equilibria[0].v).toBeCloseTo(-60, 12);
    expect(set.equilibria[0].eigenvalues[1][0]).toBeCloseTo(0, 12);
    // 1e-6 below: still two, 0.045 mV apart each side of −60 (v = −60 ± √(1e-6/0.04)).
    const below = equilibria({ ...RS, I: 4 - 1e-6 }).equilibria;
    expect(below).toHaveLength(2);
    expect(below[1].v - below[0].v).toBeCloseTo(2 * Math.sqrt(1e-6 / 0.04), 6);
  });
});

describe('classify', () => {
  it('names every type, including the degenerate ones within the stated tolerance', () => {
    expect(classify(-1, -1, 0.5, -1).type).toBe('stable-focus');
    expect(classify(1, -1, 0.5, 1).type).toBe('unstable-focus');
    expect(classify(-3, 0, 0, -1).type).toBe('stable-node');
    expect(classify(3, 0, 0, 1).type).toBe('unstable-node');
    expect(classify(1, 0, 0, -1).type).toBe('saddle');
    expect(classify(1, -1, 2, -1).type).toBe('centre');
    expect(classify(1, -1, 0.5, -0.5)).toEqual({ type: 'saddle-node', stability: 'neutral' });
    expect(classify(0.5, -1, 0.25, -0.5)).toEqual({ type: 'bogdanov-takens', stability: 'neutral' });
    // Just outside the tolerance (1e-9 relative) the generic type comes back.
    expect(classify(1 + 1e-7, -1, 2, -1).type).toBe('unstable-focus');
    expect(classify(1, -1, 0.5 + 1e-7, -0.5).type).toBe('unstable-node');
  });
  it('eigenvalues are ordered larger real part first; complex pairs with +im first', () => {
    expect(eigenvalues(-1, -2)).toEqual([[1, 0], [-2, 0]]);
    expect(eigenvalues(2, 5)).toEqual([[1, 2], [1, -2]]);
  });
  it('has readable names', () => {
    expect(typeText('stable-focus')).toBe('stable focus');
    expect(typeText('bogdanov-takens')).toBe('Bogdanov–Takens');
  });
});
