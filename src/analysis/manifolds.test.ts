// The separatrix (stable manifold of the saddle) checked by the engine: trajectories started just on either side of
// it, at points all along it, end differently (one fires, the other returns to rest without a spike). Also: both
// branches leave the saddle along the right eigenvectors, and the flow from points of the curve stays on it.

import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type Params } from '../model/params';
import { simulate } from '../engine/simulate';
import { equilibria, flow } from './equilibria';
import { saddleManifolds } from './manifolds';
import { autoBox, type Box, type Pixels } from './phase';
import { launchSession } from './trajectory';

const PX: Pixels = { w: 600, h: 400 };

const CELLS: [string, Params][] = [
  ['regular spiking, I = 0', { ...DEFAULT_PARAMS, I: 0 }],
  ['integrator (4.1v + 108), I = 0', { ...DEFAULT_PARAMS, a: 0.02, b: -0.1, c: -55, d: 6, k1: 4.1, k0: 108, I: 0 }],
  ['resonator (a = 0.1, b = 0.26), I = 0', { ...DEFAULT_PARAMS, a: 0.1, b: 0.26, c: -60, d: -1, I: 0 }],
];

function setup(p: Params): { box: Box; m: ReturnType<typeof saddleManifolds>[number]; rest: { v: number; u: number } } {
  const eq = equilibria(p).equilibria;
  const box = autoBox({ params: p, points: eq });
  const m = saddleManifolds(p, eq, box, PX)[0];
  return { box, m, rest: eq.find((e) => e.stability === 'stable')! };
}

describe('saddle manifolds', () => {
  for (const [name, p] of CELLS) {
    it(`${name}: trajectories just either side of the separatrix part ways (one fires, one returns to rest)`, () => {
      const { box, m, rest } = setup(p);
      const sx = PX.w / (box.vMax - box.vMin), sy = PX.h / (box.uMax - box.uMin);
      const path = m.stable.path;
      // Points of the curve inside the box, below v_th, away from the saddle: every 40th.
      const picks: number[] = [];
      for (let i = 20; i < path.length - 1; i += 40) {
        const v = path.v[i], u = path.u[i];
        if (Number.isNaN(v) || Number.isNaN(path.v[i + 1]) || Number.isNaN(path.v[i - 1])) continue;
        if (v < box.vMin || v > p.v_th - 5 || u < box.uMin || u > box.uMax) continue;
        picks.push(i);
      }
      expect(picks.length).toBeGreaterThanOrEqual(4);
      const integration = { dt: 0.005, stepper: 'rk4', spikes: 'exact', precision: 'float64' } as const;
      for (const i of picks) {
        // Normal to the curve in screen space, 0.3 px each way (about 0.05 mV).
        const tx = (path.v[i + 1] - path.v[i - 1]) * sx, ty = (path.u[i + 1] - path.u[i - 1]) * sy;
        const n = Math.hypot(tx, ty);
        const nv = (-ty / n) * 0.3 / sx, nu = (tx / n) * 0.3 / sy;
        const ends = [1, -1].map((sg) => {
          const r = simulate(launchSession(p, integration, { v: path.v[i] + sg * nv, u: path.u[i] + sg * nu }, 1500), { record: false });
          return { spikes: r.spikes.length, final: r.final };
        });
        const fired = ends.filter((e) => e.spikes > 0);
        expect(fired.length, `point ${i} (${path.v[i].toFixed(2)}, ${path.u[i].toFixed(2)})`).toBe(1);
        const quiet = ends.find((e) => e.spikes === 0)!;
        // Back at rest (within 0.5 mV after 1.5 s; the slowest rate here is 0.027/ms).
        expect(Math.abs(quiet.final.v - rest.v)).toBeLessThan(0.5);
      }
    });
  }

  it('the branches leave the saddle along the stable (backwards) and unstable (forwards) eigenvectors and are invariant under the flow', () => {
    const p = CELLS[0][1];
    const { box, m } = setup(p);
    const saddle = equilibria(p).equilibria.find((e) => e.type === 'saddle')!;
    const sx = PX.w / (box.vMax - box.vMin), sy = PX.h / (box.uMax - box.uMin);
    for (const [man, vec] of [[m.stable, saddle.eigenvectors![1]], [m.unstable, saddle.eigenvectors![0]]] as const) {
      const d = [man.path.v[1] - man.path.v[0], man.path.u[1] - man.path.u[0]];
      // Parallel to the eigenvector (sine of the angle; 1e-3: the path is stored in float32, ~4e-6 mV at −50 mV,
      // over a first step of 0.5 px ≈ 0.09 mV).
      expect(Math.abs(d[0] * vec[1] - d[1] * vec[0]) / Math.hypot(d[0], d[1])).toBeLessThan(1e-3);
      // Invariance, checked by an independent integration: from every 25th point, the flow in time (RK4,
      // dt = 5e-3 ms, backwards for the stable manifold) for up to 40 px or 200 ms of travel stays within 0.1 px of the curve.
      const dir = man === m.stable ? -1 : 1;
      const P = man.path;
      const distToCurve = (v: number, u: number) => {
        let best = Infinity;
        for (let i = 0; i + 1 < P.length; i++) {
          if (Number.isNaN(P.v[i]) || Number.isNaN(P.v[i + 1])) continue;
          const ax = P.v[i] * sx, ay = P.u[i] * sy, bx = P.v[i + 1] * sx, by = P.u[i + 1] * sy, x = v * sx, y = u * sy;
          const L = (bx - ax) ** 2 + (by - ay) ** 2;
          const t = L > 0 ? Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / L)) : 0;
          best = Math.min(best, Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)));
        }
        return best;
      };
      const f = [0, 0], k = [[0, 0], [0, 0], [0, 0], [0, 0]];
      let checked = 0;
      for (let i = 5; i < P.length; i += 25) {
        if (Number.isNaN(P.v[i])) continue;
        let v = P.v[i], u = P.u[i];
        if (v < box.vMin || v > box.vMax || u < box.uMin || u > box.uMax) continue;
        const dt = 5e-3 * dir;
        for (let n = 0; n < 40000; n++) {
          flow(p, v, u, k[0]);
          flow(p, v + (dt / 2) * k[0][0], u + (dt / 2) * k[0][1], k[1]);
          flow(p, v + (dt / 2) * k[1][0], u + (dt / 2) * k[1][1], k[2]);
          flow(p, v + dt * k[2][0], u + dt * k[2][1], k[3]);
          v += (dt / 6) * (k[0][0] + 2 * k[1][0] + 2 * k[2][0] + k[3][0]);
          u += (dt / 6) * (k[0][1] + 2 * k[1][1] + 2 * k[2][1] + k[3][1]);
          if (Math.hypot((v - P.v[i]) * sx, (u - P.u[i]) * sy) > 40 || v < box.vMin || v > box.vMax || u < box.uMin || u > box.uMax) break;
        }
        flow(p, v, u, f);
        expect(distToCurve(v, u), `from point ${i}`).toBeLessThan(0.1);
        checked++;
      }
      expect(checked).toBeGreaterThan(5);
    }
    expect(m.stable.ends).toHaveLength(2);
    // Regular spiking at rest: one unstable branch runs into the stable node.
    expect(m.unstable.ends).toContain('equilibrium');
  });

  it('no manifolds without a saddle', () => {
    const p = { ...DEFAULT_PARAMS, I: 10 };
    expect(saddleManifolds(p, equilibria(p).equilibria, autoBox({ params: p, points: [] }), PX)).toEqual([]);
  });
});
