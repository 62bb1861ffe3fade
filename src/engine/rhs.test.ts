// Order of the steppers on a linear ODE with a known solution, through the real engine: with k2 = 0 the model is
// linear, y' = M·y + g(t). (k2 = 0 is below the app's allowed range; the engine's code path is the same.)
// Also: the fast loop and step() agree bit for bit. Times in ms.

import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { makeSession } from './testing';
import { coeffsOf, step, STEPPER_EULER, STEPPER_RK4 } from './rhs';
import type { Segment } from '../model/session';
import type { Params } from '../model/params';

// k1 = −0.5, a = 0.5, b = 2, ucoef = 1, vref = 0: M = [[−0.5, −1], [1, −0.5]] (a damped rotation, e^{Mt} known).
const LIN = { k2: 0, k1: -0.5, k0: 0, a: 0.5, b: 2, ucoef: 1, vref: 0, v_th: 1e5, c: -65, d: 0 };
const M = [[-0.5, -1], [1, -0.5]];
const det = M[0][0] * M[1][1] - M[0][1] * M[1][0];
const Minv = [[M[1][1] / det, -M[0][1] / det], [-M[1][0] / det, M[0][0] / det]];
const mul = (A: number[][], x: number[]) => [A[0][0] * x[0] + A[0][1] * x[1], A[1][0] * x[0] + A[1][1] * x[1]];

/** Exact y(t0 + T) for y' = M y + g0 + g1·(t − t0). */
function exact(y0: number[], T: number, g0: number[], g1: number[]): number[] {
  const beta = mul(Minv, g1).map((x) => -x);
  const alpha = mul(Minv, [beta[0] - g0[0], beta[1] - g0[1]]);
  const e = Math.exp(-0.5 * T), c = Math.cos(T), s = Math.sin(T);
  const d0 = y0[0] - alpha[0], d1 = y0[1] - alpha[1];
  return [alpha[0] + beta[0] * T + e * (c * d0 - s * d1), alpha[1] + beta[1] * T + e * (s * d0 + c * d1)];
}

const y0 = [3, -1];

function runLinear(dt: number, stepper: 'rk4' | 'euler', protocol: Segment[]) {
  const r = simulate(makeSession({
    params: { ...LIN, I: 0 }, initial: { v: y0[0], u: y0[1] },
    integration: { dt, stepper, spikes: 'step', precision: 'float64' }, protocol,
  }));
  expect(r.status.kind).toBe('ok');
  expect(r.spikes.length).toBe(0);
  return r;
}

function orders(errs: number[]): number[] {
  return errs.slice(1).map((e, i) => Math.log2(errs[i] / e));
}

const DTS = [0.2, 0.1, 0.05, 0.025];

describe('rk4 on a linear ODE with known solution', () => {
  it('constant forcing: global error falls as dt⁴', () => {
    const want = exact(y0, 10, [2, 0], [0, 0]);
    const errs = DTS.map((dt) => {
      const f = runLinear(dt, 'rk4', [{ until: 10, assign: { I: 2 } }]).final;
      return Math.max(Math.abs(f.v - want[0]), Math.abs(f.u - want[1]));
    });
    // Observed orders are 3.9–4.0; the band allows for the pre-asymptotic regime at dt = 0.2.
    for (const p of orders(errs)) expect(p).toBeGreaterThan(3.8), expect(p).toBeLessThan(4.3);
    expect(errs[1]).toBeLessThan(1e-6);
  });

  it('a ramp of I is evaluated at each stage time (still 4th order; start-of-step sampling would give 1st)', () => {
    const want = exact(y0, 10, [2, 0], [0.3, 0]);
    const errs = DTS.map((dt) => {
      const f = runLinear(dt, 'rk4', [{ until: 10, assign: { I: 2 }, slope: 0.3 }]).final;
      return Math.max(Math.abs(f.v - want[0]), Math.abs(f.u - want[1]));
    });
    for (const p of orders(errs)) expect(p).toBeGreaterThan(3.8), expect(p).toBeLessThan(4.3);
  });

  it('a segment boundary off the step grid splits the step (4th order kept across the jump of I)', () => {
    const tb = 1.2345; // not a multiple of any dt used
    const ya = exact(y0, tb, [2, 0], [0, 0]);
    const want = exact(ya, 10 - tb, [-1, 0], [0, 0]);
    const protocol: Segment[] = [{ until: tb, assign: { I: 2 } }, { until: 10, assign: { I: -1 } }];
    const errs = DTS.map((dt) => {
      const r = runLinear(dt, 'rk4', protocol);
      // One extra (split) step; a sample sits exactly at the boundary.
      expect(r.steps).toBe(Math.round(10 / dt) + 1);
      const tr = r.trace!;
      expect(Array.from(tr.t.subarray(0, tr.length))).toContain(Math.fround(tb));
      return Math.max(Math.abs(r.final.v - want[0]), Math.abs(r.final.u - want[1]));
    });
    // Without the split the jump inside a step would cap the order at 1.
    for (const p of orders(errs)) expect(p).toBeGreaterThan(3.7);
  });

  it('euler is first order', () => {
    const want = exact(y0, 10, [2, 0], [0, 0]);
    const errs = [0.02, 0.01, 0.005].map((dt) => {
      const f = runLinear(dt, 'euler', [{ until: 10, assign: { I: 2 } }]).final;
      return Math.max(Math.abs(f.v - want[0]), Math.abs(f.u - want[1]));
    });
    for (const p of orders(errs)) expect(p).toBeGreaterThan(0.95), expect(p).toBeLessThan(1.05);
  });
});

describe('fast loop and step() compute the same arithmetic', () => {
  for (const [name, stepper, code] of [['rk4', 'rk4', STEPPER_RK4], ['euler', 'euler', STEPPER_EULER]] as const) {
    it(`${name}: bit-for-bit equal final state over 10,000 subthreshold steps`, () => {
      // At I = 1 (with vref, ucoef off their defaults) the cell stays below threshold, so only the fast loop runs.
      const s = makeSession({
        params: { I: 1, vref: -2, ucoef: 0.9 }, integration: { dt: 0.01, stepper, spikes: 'exact', precision: 'float64' },
        protocol: [{ until: 100 }],
      });
      const r = simulate(s);
      expect(r.spikes.length).toBe(0);
      const c = coeffsOf(s.params as Params, 0, 0);
      const out = new Float64Array(2);
      let v = s.initial.v, u = s.initial.u;
      for (let n = 0; n < 10000; n++) { step(code, c, v, u, n * 0.01, 0.01, out); v = out[0]; u = out[1]; }
      expect(r.final.v).toBe(v);
      expect(r.final.u).toBe(u);
    });
  }
});
