// Closed-form bifurcations against independent checks: the saddle-node current of b = 0.2 is 4 (worked by hand), the
// equilibria appear/vanish across it; the Hopf current against the sign change of the rest state's real part; the
// b, a and vref values against the degeneracy they must produce; the first Lyapunov coefficient's sign against
// trajectories of the smooth flow (subcritical: escape; supercritical: a small stable cycle).
//
// l1 worked out (Kuznetsov 3.20, C = 0): with q = (1, α − iω), p = (β, −(α + iω))/conj(2ω(ω + iα)),
//   B(q, q̄) = (2k2, 0), A⁻¹B(q, q̄) = (2k2/ω²)(−α, −β), B(q, A⁻¹B) = (−4k2²α/ω², 0);
//   B(q, q) = (2k2, 0), (2iω − A)⁻¹B(q, q) = −(2k2/(3ω²))(2iω + α, β), B(q̄, ·) = (−4k2²(2iω + α)/(3ω²), 0);
//   ⟨p, (z, 0)⟩ = βz/(2ω(ω + iα)); the bracket is (2βk2²/(3ω³))·(5α − 2iω)/(ω + iα), real part 2k2²α/ω²,
//   so l1 = k2²·α/ω³.

import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type Params } from '../model/params';
import { equilibria, flow } from './equilibria';
import { bifurcationsInA, bifurcationsInB, bifurcationsInI, bifurcationsInVref, localBifurcations } from './bifurcations';

const RS: Params = { ...DEFAULT_PARAMS, I: 0 };
const CLASS2: Params = { ...DEFAULT_PARAMS, a: 0.2, b: 0.26, c: -65, d: 0, I: 0 };
const CLASS1: Params = { ...DEFAULT_PARAMS, a: 0.02, b: -0.1, c: -55, d: 6, k1: 4.1, k0: 108, I: 0 };

function restRe(p: Params): number {
  const e = equilibria(p).equilibria[0];
  return e.eigenvalues[0][0];
}

/** The smooth flow (no reset) by classic RK4 from (v, u) for T ms; max |v − v*| over the last 300 ms, or the escape time. */
function smoothRun(p: Params, v: number, u: number, vStar: number, T: number, dt = 0.01): { escaped: number | null; lateAmp: number } {
  const k = [[0, 0], [0, 0], [0, 0], [0, 0]];
  let late = 0;
  const N = Math.round(T / dt);
  for (let n = 0; n < N; n++) {
    flow(p, v, u, k[0]);
    flow(p, v + (dt / 2) * k[0][0], u + (dt / 2) * k[0][1], k[1]);
    flow(p, v + (dt / 2) * k[1][0], u + (dt / 2) * k[1][1], k[2]);
    flow(p, v + dt * k[2][0], u + dt * k[2][1], k[3]);
    v += (dt / 6) * (k[0][0] + 2 * k[1][0] + 2 * k[2][0] + k[3][0]);
    u += (dt / 6) * (k[0][1] + 2 * k[1][1] + 2 * k[2][1] + k[3][1]);
    const d = Math.abs(v - vStar);
    if (d > 20) return { escaped: n * dt, lateAmp: d };
    if (n * dt > T - 300) late = Math.max(late, d);
  }
  return { escaped: null, lateAmp: late };
}

describe('saddle-node', () => {
  it('for b = 0.2 (standard v equation) the saddle-node current is 4: (5 − 0.2)²/(4·0.04) − 140 = 144 − 140', () => {
    const sn = bifurcationsInI(RS).found.find((b) => b.kind === 'saddle-node')!;
    // 1e-12: float64 rounding of 4.8²/0.16 − 140.
    expect(sn.value).toBeCloseTo(4, 12);
    expect(sn.v).toBeCloseTo(-60, 12);
    expect(sn.u).toBeCloseTo(-12, 12);
    // 1e-6 away: outside the degeneracy tolerance (|D| ≤ 1e-9·46 ⇔ |I − 4| ≤ 2.9e-7).
    expect(equilibria({ ...RS, I: 4 - 1e-6 }).equilibria).toHaveLength(2);
    expect(equilibria({ ...RS, I: 4 + 1e-6 }).equilibria).toHaveLength(0);
  });
  it('class 1 panel (4.1v + 108, b = −0.1): I_SN = 4.2²/0.16 − 108 = 2.25 and no Hopf point (b < a)', () => {
    const r = bifurcationsInI(CLASS1);
    expect(r.found.map((b) => b.kind)).toEqual(['saddle-node']);
    expect(r.found[0].value).toBeCloseTo(2.25, 12);
    expect(r.absent.find((b) => b.kind === 'hopf')!.reason).toMatch(/b > a/);
  });
  it('in b: the two tangents through (vref, 0), b = 5 ± 2√5.6 for regular spiking at I = 0', () => {
    const sn = bifurcationsInB(RS).found.filter((b) => b.kind === 'saddle-node').map((b) => b.value);
    expect(sn[0]).toBeCloseTo(5 - 2 * Math.sqrt(5.6), 12);
    expect(sn[1]).toBeCloseTo(5 + 2 * Math.sqrt(5.6), 12);
    for (const b of sn) {
      expect(equilibria({ ...RS, b: b - 1e-6 }).equilibria.length + equilibria({ ...RS, b: b + 1e-6 }).equilibria.length).toBe(2);
      expect(equilibria({ ...RS, b }).equilibria.map((e) => e.type)).toEqual(['saddle-node']);
    }
  });
  it('in vref: the equilibria merge there', () => {
    const sn = bifurcationsInVref(RS).found.find((b) => b.kind === 'saddle-node')!;
    expect(sn.value).toBeCloseTo(20, 10); // (4.8²/0.16 − 140)/0.2
    expect(equilibria({ ...RS, vref: sn.value }).equilibria.map((e) => e.type)).toEqual(['saddle-node']);
  });
  it('none in I when ucoef = 0 (the Jacobian does not depend on I), none when u is frozen', () => {
    expect(bifurcationsInI({ ...RS, ucoef: 0, vref: -65 }).found).toEqual([]);
    expect(bifurcationsInI({ ...RS, a: 0 }).found).toEqual([]);
  });
});

describe('Andronov–Hopf', () => {
  it('class 2 (a = 0.2, b = 0.26): v_H = (0.2 − 5)/0.08 = −60 and I_H = 0.26·(−60) − 144 + 300 − 140 = 0.4', () => {
    const h = bifurcationsInI(CLASS2).found.find((b) => b.kind === 'hopf')!;
    expect(h.v).toBeCloseTo(-60, 12);
    expect(h.value).toBeCloseTo(0.4, 12);
    // ω² = a·b − a² = 0.052 − 0.04
    expect(h.omega).toBeCloseTo(Math.sqrt(0.012), 12);
  });
  it('the rest state\'s real part changes sign at I_H (several cells with b > a)', () => {
    const cells: Params[] = [CLASS2, RS, { ...DEFAULT_PARAMS, a: 0.1, b: 0.26 }, { ...DEFAULT_PARAMS, a: 0.05, b: 0.26, vref: -3, ucoef: 1.2, k1: 4.5 }];
    for (const p of cells) {
      const h = bifurcationsInI(p).found.find((b) => b.kind === 'hopf')!;
      expect(h).toBeDefined();
      const sn = bifurcationsInI(p).found.find((b) => b.kind === 'saddle-node')!;
      expect(h.value).toBeLessThan(sn.value);
      const eps = 1e-6 * Math.max(1, Math.abs(h.value));
      expect(restRe({ ...p, I: h.value - eps })).toBeLessThan(0);
      expect(restRe({ ...p, I: h.value + eps })).toBeGreaterThan(0);
      expect(equilibria({ ...p, I: h.value }).equilibria[0].type).toBe('centre');
    }
  });
  it('exists only when b > a in the standard form; b = a is a Bogdanov–Takens point', () => {
    expect(bifurcationsInI({ ...RS, b: 0.015 }).found.map((b) => b.kind)).toEqual(['saddle-node']);
    const bt = bifurcationsInI({ ...RS, a: 0.2, b: 0.2 });
    expect(bt.found.map((b) => b.kind)).toEqual(['bogdanov-takens']);
    expect(equilibria({ ...RS, a: 0.2, b: 0.2, I: bt.found[0].value }).equilibria.map((e) => e.type)).toEqual(['bogdanov-takens']);
  });
  it('in b and in a: tr = 0 at the equilibrium they put on v_H, det > 0', () => {
    const hb = bifurcationsInB(CLASS2).found.find((b) => b.kind === 'hopf')!;
    const eb = equilibria({ ...CLASS2, b: hb.value }).equilibria.find((e) => Math.abs(e.v - hb.v) < 1e-9)!;
    expect(eb.type).toBe('centre');
    // Class 2 at I = 0.3: rest at v = −61, right of the parabola's vertex (J11 = 0.12 > 0), so a_H = 0.12.
    const pa = { ...CLASS2, I: 0.3 };
    const ha = bifurcationsInA(pa).found;
    expect(ha.map((h) => h.value)).toEqual([expect.closeTo(0.12, 10)]);
    for (const h of ha) {
      const e = equilibria({ ...pa, a: h.value }).equilibria.find((q) => Math.abs(q.v - h.v) < 1e-9)!;
      expect(e.type).toBe('centre');
      expect(e.det).toBeGreaterThan(0);
    }
  });
  it('vertical u-nullcline (ucoef = 0): Hopf in vref at −k1/(2k2) = −62.5 when a·b > 0', () => {
    const p = { ...RS, ucoef: 0, vref: -65, b: 1 };
    const h = bifurcationsInVref(p).found.find((b) => b.kind === 'hopf')!;
    expect(h.value).toBe(-62.5);
    expect(equilibria({ ...p, vref: -62.5 }).equilibria[0].type).toBe('centre');
  });
  it('l1 = k2²·a·ucoef/ω³: subcritical for a > 0 (the smooth flow escapes past I_H), supercritical for a < 0 (a small stable cycle)', () => {
    // Subcritical: class 2. Just past I_H the focus is unstable and no small cycle exists: the trajectory from
    // 0.05 mV off the focus leaves (|v − v*| > 20 mV) within 4 s.
    const sub = bifurcationsInI(CLASS2).found.find((b) => b.kind === 'hopf')!;
    expect(sub.criticality).toBe('subcritical');
    expect(sub.lyapunov).toBeCloseTo((0.04 * 0.04 * 0.2) / Math.pow(0.012, 1.5), 12);
    const pSub = { ...CLASS2, I: sub.value + 0.01 };
    const eSub = equilibria(pSub).equilibria[0];
    expect(eSub.type).toBe('unstable-focus');
    expect(smoothRun(pSub, eSub.v + 0.05, eSub.u, eSub.v, 4000).escaped).not.toBeNull();
    // Supercritical: a = −0.05, b = −0.2 (a·(b − a) > 0, α = a < 0). On the unstable side the trajectory settles on a
    // cycle of about 1 mV: it neither escapes nor returns to the focus (late amplitude between 0.3 and 3 mV).
    const p0: Params = { ...DEFAULT_PARAMS, a: -0.05, b: -0.2 };
    const sup = bifurcationsInI(p0).found.find((b) => b.kind === 'hopf')!;
    expect(sup.criticality).toBe('supercritical');
    const side = [sup.value - 0.01, sup.value + 0.01].find((I) => equilibria({ ...p0, I }).equilibria.some((e) => e.type === 'unstable-focus'))!;
    const pSup = { ...p0, I: side };
    const eSup = equilibria(pSup).equilibria.find((e) => e.type === 'unstable-focus')!;
    const r = smoothRun(pSup, eSup.v + 0.05, eSup.u, eSup.v, 4000);
    expect(r.escaped).toBeNull();
    expect(r.lateAmp).toBeGreaterThan(0.3);
    expect(r.lateAmp).toBeLessThan(3);
  });
});

describe('localBifurcations', () => {
  it('collects every parameter and says why the missing ones are missing', () => {
    const r = localBifurcations(CLASS1);
    expect(r.found.map((b) => `${b.kind}:${b.param}`)).toContain('saddle-node:I');
    expect(r.absent.every((a) => a.reason.length > 10)).toBe(true);
    expect(r.absent.map((a) => `${a.kind}:${a.param}`)).toContain('hopf:I');
  });
  it('no Hopf in a at an equilibrium where J11 = 0 (that is a = 0, the degenerate frozen u)', () => {
    // class 2 at I = 0 has its rest state at v = −62.5, where 2·0.04·v + 5 = 0.
    expect(bifurcationsInA(CLASS2).found.filter((b) => Math.abs(b.value) < 1e-9)).toEqual([]);
  });
});
