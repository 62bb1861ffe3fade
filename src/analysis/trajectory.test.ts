// Phase-plane paths from engine traces: every reset becomes one jump (v_th, u) → (c, u + d) with u the trace's own
// value at the spike, the continuous path breaks there, decimation keeps every sample within the tolerance of a
// kept point, and the state at a time is read back from the path.

import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../model/params';
import { DEFAULT_INTEGRATION } from '../model/session';
import { simulate } from '../engine/simulate';
import { launchSession, phasePath, stateAt } from './trajectory';

const P = { ...DEFAULT_PARAMS, I: 10 };

function run(integration = DEFAULT_INTEGRATION, T = 300) {
  const r = simulate(launchSession(P, integration, { v: -65, u: -13 }, T));
  return r;
}

describe('phasePath', () => {
  for (const integ of [DEFAULT_INTEGRATION, { dt: 0.25, stepper: 'euler_sequential', spikes: 'step', precision: 'float64' } as const, { ...DEFAULT_INTEGRATION, spikes: 'step' } as const]) {
    it(`draws each reset as a jump from (v_th, u) to (c, u + d) (${integ.stepper}, ${integ.spikes})`, () => {
      const r = run(integ);
      const tr = r.trace!;
      expect(r.spikes.length).toBeGreaterThan(3);
      const path = phasePath(tr, { from: 0, to: tr.length, spikes: r.spikes, vth: P.v_th, c: P.c, d: P.d });
      expect(path.jumps.length).toBe(3 * r.spikes.length);
      // The u at each spike, read independently from the trace: the sample at the spike time with v = v_th.
      for (let j = 0; j < r.spikes.length; j++) {
        let k = 0;
        while (!(tr.t[k] === Math.fround(r.spikes[j]) && tr.v[k] === Math.fround(P.v_th))) k++;
        expect(path.jumps.v[3 * j]).toBe(tr.v[k]);
        expect(path.jumps.u[3 * j]).toBe(tr.u[k]);
        expect(path.jumps.v[3 * j + 1]).toBe(P.c);
        expect(path.jumps.u[3 * j + 1]).toBeCloseTo(tr.u[k] + P.d, 5);
        expect(path.jumps.v[3 * j + 2]).toBeNaN();
      }
      // One break in the continuous path per reset; times never decrease.
      // No continuous piece crosses the reset: nothing joins a point near v_th to one near c.
      let breaks = 0, backwards = 0, crossing = 0;
      for (let i = 0; i < path.flow.length; i++) {
        if (Number.isNaN(path.flow.v[i])) breaks++;
        if (i > 0 && path.flow.t[i] < path.flow.t[i - 1]) backwards++;
        if (i > 0 && path.flow.v[i - 1] - path.flow.v[i] >= 20) crossing++;
      }
      expect(breaks).toBe(r.spikes.length);
      expect(backwards).toBe(0);
      expect(crossing).toBe(0);
    });
  }

  it('decimates to the pixel tolerance: every sample lies within tolPx of a kept point before it', () => {
    const r = run(DEFAULT_INTEGRATION, 1000);
    const tr = r.trace!;
    const box = { vMin: -80, vMax: 35, uMin: -20, uMax: 10 };
    const px = { w: 500, h: 300 };
    const tol = 1;
    const path = phasePath(tr, { from: 0, to: tr.length, spikes: r.spikes, vth: 30, c: -65, d: 8, box, px, tolPx: tol });
    expect(path.flow.length).toBeLessThan(tr.length / 5);
    const sx = px.w / (box.vMax - box.vMin), sy = px.h / (box.uMax - box.uMin);
    // Walk the samples and the kept points together (both in time order).
    let j = 0, worst = 0;
    for (let k = 0; k < tr.length; k++) {
      while (j + 1 < path.flow.length && path.flow.t[j + 1] <= tr.t[k]) j++;
      // Spike samples are kept as they are (checked above); at their time the path has moved on to the reset point.
      if (tr.v[k] === Math.fround(30)) continue;
      // The last kept point at or before t_k (skipping the NaN break entries).
      let i = j;
      while (i > 0 && Number.isNaN(path.flow.v[i])) i--;
      const d = Math.hypot((tr.v[k] - path.flow.v[i]) * sx, (tr.u[k] - path.flow.u[i]) * sy);
      worst = Math.max(worst, d);
    }
    expect(worst).toBeLessThanOrEqual(tol + 1e-6);
  });

  it('caps the number of points by coarsening the tolerance', () => {
    const r = run(DEFAULT_INTEGRATION, 2000);
    const tr = r.trace!;
    const path = phasePath(tr, {
      from: 0, to: tr.length, spikes: r.spikes, vth: 30, c: -65, d: 8,
      box: { vMin: -80, vMax: 35, uMin: -20, uMax: 10 }, px: { w: 2000, h: 1500 }, tolPx: 0.1, maxPoints: 3000,
    });
    expect(path.flow.length).toBeLessThanOrEqual(3000);
    expect(path.jumps.length).toBe(3 * r.spikes.length);
  });

  it('stateAt reads the state at a time back (exact at kept points, null outside)', () => {
    const r = run();
    const tr = r.trace!;
    const path = phasePath(tr, { from: 0, to: tr.length, spikes: r.spikes, vth: 30, c: -65, d: 8 });
    const k = 1234;
    expect(stateAt(path.flow, path.flow.t[k])).toEqual({ v: path.flow.v[k], u: path.flow.u[k] });
    expect(stateAt(path.flow, -5)).toBeNull();
    expect(stateAt(path.flow, 1e6)).toBeNull();
    const mid = (path.flow.t[10] + path.flow.t[11]) / 2;
    const s = stateAt(path.flow, mid)!;
    expect(s.v).toBeCloseTo((path.flow.v[10] + path.flow.v[11]) / 2, 4);
  });

  it('a launched session is the explorer\'s run of those parameters from that state', () => {
    const s = launchSession(P, DEFAULT_INTEGRATION, { v: -60, u: -10 }, 123);
    expect(s.protocol).toEqual([{ until: 123 }]);
    expect(s.initial).toEqual({ v: -60, u: -10 });
    expect(s.params).toEqual(P);
    expect(s.transient).toBe(0);
  });
});
