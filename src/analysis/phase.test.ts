// Phase-plane geometry: nullcline points make their derivative vanish (also the vertical ucoef = 0 and horizontal
// b = 0 cases, and none when u is frozen), arrows point along the flow with one on-screen length, the automatic box
// shows what it must and holds still for small changes; the equilibrium branches used by the bifurcation diagram.

import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type Params } from '../model/params';
import { equilibria, flow } from './equilibria';
import { bifurcationsInB, bifurcationsInI } from './bifurcations';
import { autoBox, keepBox, nullclines, vectorField, type Box } from './phase';
import { restBranches } from './branches';
import { phasePlane } from './phasePlane';

const RS: Params = { ...DEFAULT_PARAMS, I: 0 };
const BOX: Box = { vMin: -80, vMax: 35, uMin: -20, uMax: 10 };

describe('nullclines', () => {
  it('dv/dt = 0 on the v-nullcline and du/dt = 0 on the u-nullcline', () => {
    for (const p of [RS, { ...RS, I: 7, b: -0.1, k1: 4.1, k0: 108 }, { ...RS, ucoef: 0.5, vref: -10 }]) {
      const n = nullclines(p, BOX);
      expect(n.uKind).toBe('line');
      const f = [0, 0];
      for (let i = 0; i < n.v.length; i++) {
        // Points are stored in float32: the sample's v (uniform over the box) and Q(v), each rounded once.
        const v = BOX.vMin + ((BOX.vMax - BOX.vMin) * i) / (n.v.length - 1);
        expect(n.v.v[i]).toBe(Math.fround(v));
        expect(n.v.u[i]).toBe(Math.fround(p.k2 * v * v + p.k1 * v + p.k0 + p.I));
      }
      for (let i = 0; i < n.u!.length; i++) {
        flow(p, n.u!.v[i], n.u!.u[i], f);
        expect(Math.abs(f[1])).toBeLessThan(1e-5 * p.a * (Math.abs(p.b * n.u!.v[i]) + 1));
      }
      expect(n.v.v[0]).toBe(BOX.vMin);
      expect(n.v.v[n.v.length - 1]).toBe(BOX.vMax);
    }
  });
  it('ucoef = 0: the u-nullcline is the vertical line v = vref across the box', () => {
    const n = nullclines({ ...RS, ucoef: 0, vref: -65 }, BOX);
    expect(n.uKind).toBe('vertical');
    expect(Array.from(n.u!.v)).toEqual([-65, -65]);
    expect(Array.from(n.u!.u)).toEqual([BOX.uMin, BOX.uMax]);
  });
  it('b = 0: the u-nullcline is the horizontal line u = 0', () => {
    const n = nullclines({ ...RS, b: 0 }, BOX);
    expect(n.uKind).toBe('line');
    expect(Array.from(n.u!.u).every((u) => u === 0)).toBe(true);
  });
  it('a = 0: du/dt vanishes everywhere (no u-nullcline curve)', () => {
    const n = nullclines({ ...RS, a: 0 }, BOX);
    expect(n.uKind).toBe('everywhere');
    expect(n.u).toBeNull();
  });
});

describe('vector field', () => {
  it('every arrow points along the flow at its centre; its length grows with the speed', () => {
    const px = { w: 630, h: 420 };
    const vf = vectorField(RS, BOX, px);
    const sx = px.w / (BOX.vMax - BOX.vMin), sy = px.h / (BOX.uMax - BOX.uMin);
    const f = [0, 0];
    const arrows: { L: number; speed: number }[] = [];
    const A = vf.arrows;
    for (let o = 0; o < A.length; o += 8) {
      const x0 = A.v[o], y0 = A.u[o], x1 = A.v[o + 1], y1 = A.u[o + 1];
      flow(RS, (x0 + x1) / 2, (y0 + y1) / 2, f);
      const X = f[0] * sx, Y = f[1] * sy, dx = (x1 - x0) * sx, dy = (y1 - y0) * sy;
      const L = Math.hypot(dx, dy);
      // Parallel (sin < 1e-5, float32 storage) and same direction.
      expect(Math.abs(X * dy - Y * dx) / (Math.hypot(X, Y) * L)).toBeLessThan(1e-5);
      expect(X * dx + Y * dy).toBeGreaterThan(0);
      arrows.push({ L, speed: Math.hypot(f[0] / (BOX.vMax - BOX.vMin), f[1] / (BOX.uMax - BOX.uMin)) });
    }
    expect(arrows).toHaveLength(vf.nx * vf.ny);
    // Length is a non-decreasing function of speed (up to float32 rounding), between 30 % and 100 % of the longest.
    arrows.sort((a, b) => a.speed - b.speed);
    for (let i = 1; i < arrows.length; i++) expect(arrows[i].L).toBeGreaterThanOrEqual(arrows[i - 1].L - 1e-3);
    const Ls = arrows.map((a) => a.L);
    expect(Math.min(...Ls) / Math.max(...Ls)).toBeCloseTo(0.3, 2);
    expect(vf.speedRange[0]).toBeLessThan(vf.speedRange[1]);
  });
});

describe('view box', () => {
  it('shows v_th, c, the equilibria and a trajectory', () => {
    const eq = equilibria(RS).equilibria;
    const traj = { vMin: -72, vMax: 30, uMin: -15, uMax: 4 };
    const b = autoBox({ params: RS, points: eq, trajectory: traj });
    expect(b.vMax).toBeGreaterThan(RS.v_th);
    expect(b.vMin).toBeLessThan(Math.min(RS.c, -70));
    for (const e of eq) expect(e.u > b.uMin && e.u < b.uMax).toBe(true);
    expect(b.uMin).toBeLessThan(traj.uMin);
    expect(b.uMax).toBeGreaterThan(traj.uMax);
  });
  it('keeps the previous box while it still contains the new one and is not much larger', () => {
    const a = autoBox({ params: RS, points: equilibria(RS).equilibria });
    const p2 = { ...RS, I: 0.5 };
    const b = autoBox({ params: p2, points: equilibria(p2).equilibria });
    const grown = { ...a, vMin: a.vMin - 1, uMin: a.uMin - 1, uMax: a.uMax + 1 };
    expect(keepBox(grown, b)).toBe(grown);
    expect(keepBox({ ...a, uMax: a.uMin + 1 }, b)).toBe(b);
    expect(keepBox({ vMin: -1000, vMax: 1000, uMin: -1000, uMax: 1000 }, b)).toBe(b);
    expect(keepBox(null, b)).toBe(b);
  });
});

describe('phasePlane', () => {
  it('bundles everything for one parameter set; a fixed box is used as given', () => {
    const pp = phasePlane(RS, { px: { w: 600, h: 400 } });
    expect(pp.autoBox).toBe(true);
    expect(pp.equilibria.equilibria.map((e) => e.type)).toEqual(['stable-node', 'saddle']);
    expect(pp.manifolds).toHaveLength(1);
    expect(pp.bifurcations.found.find((b) => b.kind === 'saddle-node' && b.param === 'I')!.value).toBeCloseTo(4, 12);
    const fixed = phasePlane(RS, { box: BOX });
    expect(fixed.box).toBe(BOX);
    expect(fixed.autoBox).toBe(false);
  });
});

describe('restBranches', () => {
  it('over I (regular spiking): stable rest up to I_H, unstable rest to the fold at I_SN = 4, the saddle branch unstable', () => {
    const br = restBranches(RS, 'I', -5, 10);
    const [hopf] = bifurcationsInI(RS).found.filter((b) => b.kind === 'hopf');
    expect(br.points.map((b) => b.kind).sort()).toEqual(['hopf', 'saddle-node']);
    expect(br.pieces.map((p) => p.stable)).toEqual([true, false, false]);
    const [stable, unstableRest, saddle] = br.pieces;
    expect(stable.x[stable.x.length - 1]).toBeCloseTo(hopf.value, 12);
    expect(unstableRest.x[0]).toBeCloseTo(hopf.value, 12);
    expect(unstableRest.x[unstableRest.x.length - 1]).toBeCloseTo(4, 12);
    expect(saddle.x[0]).toBeCloseTo(4, 12);
    // Every point is an equilibrium of the model at that I, and interior points have the piece's stability.
    const f = [0, 0];
    for (const piece of br.pieces) {
      for (let i = 0; i < piece.x.length; i++) {
        const p = { ...RS, I: piece.x[i] };
        flow(p, piece.v[i], RS.b * piece.v[i], f);
        expect(Math.abs(f[0])).toBeLessThan(1e-9);
        if (i > 0 && i < piece.x.length - 1) {
          const e = equilibria(p).equilibria.reduce((a, b) => (Math.abs(a.v - piece.v[i]) < Math.abs(b.v - piece.v[i]) ? a : b));
          expect(e.stability === 'stable').toBe(piece.stable);
        }
      }
      expect(Math.min(...piece.x)).toBeGreaterThanOrEqual(-5 - 1e-9);
    }
  });
  it('over b: the branches end at the fold b_SN', () => {
    const [bSN] = bifurcationsInB(RS).found.filter((b) => b.kind === 'saddle-node');
    const br = restBranches(RS, 'b', -0.2, 0.4);
    const ends = br.pieces.flatMap((p) => [p.x[0], p.x[p.x.length - 1]]);
    expect(Math.max(...ends)).toBeCloseTo(bSN.value, 12);
    expect(br.points.some((b) => b.kind === 'saddle-node')).toBe(true);
  });
  it('over c: equilibria do not depend on c (flat branches)', () => {
    const br = restBranches(RS, 'c', -70, -50);
    for (const p of br.pieces) expect(new Set(p.v).size).toBe(1);
    expect(br.points).toEqual([]);
  });
  it('a range above the fold cuts the I branch in two', () => {
    const br = restBranches(RS, 'I', -5, 2);
    expect(br.pieces.every((p) => p.x.every((x) => x <= 2 + 1e-12))).toBe(true);
    expect(br.pieces.length).toBe(2);
  });
});
