// The peers' variants of the model, each against an independent implementation written here or an analytic case:
// steppers exp_euler (Jaxley) and euler_halfstep (the published network scheme, NEST consistent_integration = false)
// with their orders of convergence; the refractory period (BrainPy's IzhikevichRef), the lower clamp V_min (NEST);
// the initial state u0 = b·v0 and "start at the resting equilibrium". Times ms, v mV, u mV/ms.

import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { makeSession } from './testing';
import { NO_EXTRAS, STEPPER_EULER_HALFSTEP, STEPPER_EXP_EULER, coeffsOf, step } from './rhs';
import { DEFAULT_PARAMS, type Params } from '../model/params';
import type { Integration, Session } from '../model/session';
import { getExperiment } from '../model/experiments';

const F64 = { precision: 'float64' } as const;

function sess(o: Parameters<typeof makeSession>[0] & { options?: Session['options']; initialMode?: Session['initial']['mode'] }): Session {
  const s = makeSession(o);
  return { ...s, ...(o.options ? { options: o.options } : {}), initial: { ...s.initial, ...(o.initialMode ? { mode: o.initialMode } : {}) } };
}

const orders = (errs: number[]) => errs.slice(1).map((e, i) => Math.log2(errs[i] / e));

// ------------------------------------------------------------------------------------------------ exp_euler

/** Jaxley's channel update, transcribed (exponential_euler(x, dt, x_inf, tau) = x·e^{−dt/τ} + (1 − e^{−dt/τ})·x_inf). */
function jaxley(p: { a: number; b: number; c: number; d: number; I: number }, v0: number, dt: number, T: number) {
  let v = v0, u = p.b * v0;
  const spikes: number[] = [];
  const vs: number[] = [];
  const n = Math.round(T / dt);
  for (let k = 0; k < n; k++) {
    const e = Math.exp(-dt * p.a);
    u = u * e + (1 - e) * (p.b * v);
    v = v + dt * (0.04 * v ** 2 + 5 * v + 140 - u + p.I);
    if (v >= 30) { spikes.push((k + 1) * dt); v = p.c; u = u + p.d; vs.push(30); } else vs.push(v);
  }
  return { spikes, vs };
}

describe('exp_euler (Jaxley): u by exponential Euler, then v by forward Euler with the new u', () => {
  it('is exact for u when v is frozen: one step of any length equals the closed form of du/dt = a(b(v − vref) − ucoef·u)', () => {
    const p = { ...DEFAULT_PARAMS, a: 0.03, b: 0.7, vref: -12, ucoef: 1.3 };
    const c = coeffsOf(p, 0, 0);
    const out = new Float64Array(2);
    const v = -61, u = 4;
    for (const h of [0.01, 1, 10, 200]) {
      step(STEPPER_EXP_EULER, c, v, u, 0, h, out);
      const lam = p.a * p.ucoef, ustar = (p.b * (v - p.vref)) / p.ucoef;
      const want = ustar + (u - ustar) * Math.exp(-lam * h);
      // Relative 1e-14: the closed form and u + φ·f_u (φ from expm1) differ only by rounding.
      expect(Math.abs(out[1] - want)).toBeLessThan(1e-14 * Math.max(1, Math.abs(want)));
    }
    // ucoef = 0: du/dt = a·b·(v − vref) is constant at frozen v: u + h·a·b·(v − vref).
    const c0 = coeffsOf({ ...p, ucoef: 0 }, 0, 0);
    step(STEPPER_EXP_EULER, c0, v, u, 0, 7, out);
    expect(out[1]).toBeCloseTo(u + 7 * p.a * p.b * (v - p.vref), 12);
  });

  it('reproduces Jaxley\u2019s loop: same spike times (step mode) and trace to 1e-9 mV', () => {
    const p = { a: 0.02, b: 0.2, c: -50, d: 2, I: 10 }; // chattering: bursts, many resets
    const ref = jaxley(p, -65, 0.025, 300);
    const r = simulate(makeSession({
      params: p, initial: { v: -65, u: p.b * -65 }, integration: { dt: 0.025, stepper: 'exp_euler', spikes: 'step', ...F64 },
      protocol: [{ until: 300 }],
    }));
    expect(ref.spikes.length).toBeGreaterThan(20);
    expect(r.spikes.length).toBe(ref.spikes.length);
    // Grid times: (k + 1)·dt here, origin + n·dt in the engine; equal within rounding of the product.
    ref.spikes.forEach((t, i) => expect(Math.abs(r.spikes[i] - t)).toBeLessThan(1e-9));
    const tr = r.trace!;
    let worst = 0;
    for (let k = 0; k < ref.vs.length; k++) worst = Math.max(worst, Math.abs(tr.v[k + 1] - ref.vs[k]) / Math.max(1, Math.abs(ref.vs[k])));
    // The trace is stored as float32: relative 1e-7 is its resolution.
    expect(worst).toBeLessThan(1.2e-7);
  });
});

// ------------------------------------------------------------------------------------------------ euler_halfstep

/** NEST's izhikevich update with consistent_integration = false (and the network script at h = 1), transcribed. */
function nestPublished(p: { a: number; b: number; c: number; d: number; I: number }, v0: number, u0: number, h: number, T: number, vMin = -Infinity) {
  let v = v0, u = u0;
  const spikes: number[] = [];
  const n = Math.round(T / h);
  for (let k = 0; k < n; k++) {
    v += (h / 2) * (0.04 * v * v + 5 * v + 140 - u + p.I);
    v += (h / 2) * (0.04 * v * v + 5 * v + 140 - u + p.I);
    u += h * p.a * (p.b * v - u);
    v = v < vMin ? vMin : v;
    if (v >= 30) { spikes.push((k + 1) * h); v = p.c; u += p.d; }
  }
  return spikes;
}

describe('euler_halfstep (published network scheme, NEST consistent_integration = false)', () => {
  for (const h of [1, 0.1]) {
    it(`reproduces NEST's loop at resolution ${h} ms: same spike times`, () => {
      const p = { a: 0.02, b: 0.2, c: -65, d: 8, I: 10 };
      const ref = nestPublished(p, -70, -14, h, 500);
      const r = simulate(makeSession({
        params: p, initial: { v: -70, u: -14 }, integration: { dt: h, stepper: 'euler_halfstep', spikes: 'step', ...F64 },
        protocol: [{ until: 500 }],
      }));
      expect(ref.length).toBeGreaterThan(5);
      expect(r.spikes.length).toBe(ref.length);
      // Grid times n·h, as the engine computes them (origin + n·dt): equal to within rounding of the product.
      ref.forEach((t, i) => expect(Math.abs(r.spikes[i] - t)).toBeLessThan(1e-9));
    });
  }

  it('one step: two half-steps of v with the same u, then u from the new v', () => {
    const c = coeffsOf({ ...DEFAULT_PARAMS, I: 3 }, 0, 0);
    const out = new Float64Array(2);
    step(STEPPER_EULER_HALFSTEP, c, -60, -12, 0, 0.5, out);
    const f = (v: number) => 0.04 * v * v + 5 * v + 140 + 12 + 3;
    const w = -60 + 0.25 * f(-60), v1 = w + 0.25 * f(w);
    expect(out[0]).toBeCloseTo(v1, 12);
    expect(out[1]).toBeCloseTo(-12 + 0.5 * 0.02 * (0.2 * v1 + 12), 12);
  });
});

// ------------------------------------------------------------------------------------------------ orders

// The linear case of the rhs.test.ts suite (k2 = 0): y' = M·y + g with M = [[−0.5, −1], [1, −0.5]], known solution.
const LIN = { k2: 0, k1: -0.5, k0: 0, a: 0.5, b: 2, ucoef: 1, vref: 0, v_th: 1e5, c: -65, d: 0, I: 2 };
function exactLinear(T: number): [number, number] {
  // Equilibrium y* solves M y* = −g: with g = [2, 0]: y* = [0.8, 1.6]; deviation rotates and decays.
  const ys = [0.8, 1.6], d0 = 3 - ys[0], d1 = -1 - ys[1];
  const e = Math.exp(-0.5 * T), c = Math.cos(T), s = Math.sin(T);
  return [ys[0] + e * (c * d0 - s * d1), ys[1] + e * (s * d0 + c * d1)];
}

describe('orders of convergence', () => {
  for (const stepper of ['exp_euler', 'euler_halfstep'] as const) {
    it(`${stepper} is first order on a linear ODE with known solution (global error halves with dt)`, () => {
      const want = exactLinear(10);
      const errs = [0.02, 0.01, 0.005, 0.0025].map((dt) => {
        const f = simulate(makeSession({
          params: LIN, initial: { v: 3, u: -1 }, integration: { dt, stepper, spikes: 'step', ...F64 }, protocol: [{ until: 10 }],
        })).final;
        return Math.max(Math.abs(f.v - want[0]), Math.abs(f.u - want[1]));
      });
      // Observed 0.99–1.00 (asymptotic first order).
      for (const p of orders(errs)) expect(p).toBeGreaterThan(0.95), expect(p).toBeLessThan(1.05);
    });

    it(`${stepper} with exact spikes: spike times converge at first order on the nonlinear model`, () => {
      const run = (dt: number, st: Integration['stepper']) => simulate(makeSession({
        params: { I: 10 }, integration: { dt, stepper: st, spikes: 'exact', ...F64 }, protocol: [{ until: 200 }],
      }), { record: false }).spikes;
      const ref = run(0.0005, 'rk4');
      const errs = [0.008, 0.004, 0.002].map((dt) => {
        const sp = run(dt, stepper);
        expect(sp.length).toBe(ref.length);
        return Math.max(...Array.from(sp, (t, i) => Math.abs(t - ref[i])));
      });
      for (const p of orders(errs)) expect(p).toBeGreaterThan(0.85), expect(p).toBeLessThan(1.15);
    });
  }

  it('the fast loops compute exactly step()\u2019s arithmetic (10,000 subthreshold steps, with a ramp)', () => {
    for (const [stepper, code] of [['exp_euler', STEPPER_EXP_EULER], ['euler_halfstep', STEPPER_EULER_HALFSTEP]] as const) {
      const s = makeSession({
        params: { I: 1, vref: -2, ucoef: 0.9 }, integration: { dt: 0.01, stepper, spikes: 'exact', ...F64 },
        protocol: [{ until: 100, slope: 0.005 }],
      });
      const r = simulate(s);
      expect(r.spikes.length).toBe(0);
      const c = coeffsOf(s.params as Params, 0.005, 0);
      const out = new Float64Array(2);
      let v = s.initial.v, u = s.initial.u;
      for (let n = 0; n < 10000; n++) { step(code, c, v, u, n * 0.01, 0.01, out); v = out[0]; u = out[1]; }
      expect(r.final.v).toBe(v);
      expect(r.final.u).toBe(u);
    }
  });
});

// ------------------------------------------------------------------------------------------------ refractory

/** Forward Euler ('step' mode) with an absolute refractory period, written from the definition: held steps start before t_s + τ. */
function eulerWithRefractory(p: typeof DEFAULT_PARAMS, v0: number, u0: number, dt: number, T: number, tau: number) {
  let v = v0, u = u0, until = -Infinity;
  const spikes: number[] = [];
  const n = Math.round(T / dt);
  for (let k = 0; k < n; k++) {
    const t = k * dt;
    if (t < until - 1e-9) continue; // held: v = c, u = u after the spike
    const v1 = v + dt * (p.k2 * v * v + p.k1 * v + p.k0 - u + p.I);
    const u1 = u + dt * p.a * (p.b * (v - p.vref) - p.ucoef * u);
    if (v1 >= p.v_th) { const ts = (k + 1) * dt; spikes.push(ts); v = p.c; u = u1 + p.d; until = ts + tau; } else { v = v1; u = u1; }
  }
  return spikes;
}

describe('refractory period (BrainPy\u2019s IzhikevichRef semantics)', () => {
  const P = { ...DEFAULT_PARAMS, c: -50, d: 2, I: 10 }; // chattering: intra-burst intervals ~ 1–2 ms

  it('no spike and v = c (u held) within τ_ref of a spike; exact mode', () => {
    const tau = 3;
    const r = simulate(sess({ params: P, integration: { dt: 0.01, stepper: 'rk4', spikes: 'exact', ...F64 }, protocol: [{ until: 300 }], options: { refractory: tau } }));
    const sp = Array.from(r.spikes), tr = r.trace!;
    expect(sp.length).toBeGreaterThan(10);
    for (let i = 1; i < sp.length; i++) expect(sp[i] - sp[i - 1]).toBeGreaterThanOrEqual(tau - 1e-9);
    let checked = 0;
    for (const ts of sp) {
      // samples strictly after the spike sample and up to ts + τ: v at c, u constant
      const idx: number[] = [];
      for (let k = 0; k < tr.length; k++) if (tr.t[k] > ts + 1e-4 && tr.t[k] <= ts + tau - 1e-4) idx.push(k);
      for (const k of idx) { expect(tr.v[k]).toBe(Math.fround(P.c)); expect(tr.u[k]).toBe(tr.u[idx[0]]); checked++; }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('step mode equals an independent forward-Euler loop with the hold written from the definition', () => {
    for (const tau of [0.5, 2, 3.3]) {
      const ref = eulerWithRefractory(P, -65, -13, 0.01, 400, tau);
      const r = simulate(sess({ params: P, initial: { v: -65, u: -13 }, integration: { dt: 0.01, stepper: 'euler', spikes: 'step', ...F64 }, protocol: [{ until: 400 }], options: { refractory: tau } }));
      expect(ref.length).toBeGreaterThan(10);
      expect(r.spikes.length).toBe(ref.length);
      ref.forEach((t, i) => expect(Math.abs(r.spikes[i] - t)).toBeLessThan(1e-9));
    }
  });

  it('exact mode: the hold ends off the grid and the step is split there (spike times converge at 4th order with rk4)', () => {
    const run = (dt: number) => simulate(sess({ params: P, integration: { dt, stepper: 'rk4', spikes: 'exact', ...F64 }, protocol: [{ until: 150 }], options: { refractory: 1.2345 } }), { record: false }).spikes;
    const ref = run(0.001);
    const errs = [0.04, 0.02, 0.01].map((dt) => { const sp = run(dt); expect(sp.length).toBe(ref.length); return Math.max(...Array.from(sp, (t, i) => Math.abs(t - ref[i]))); });
    for (const p of orders(errs)) expect(p).toBeGreaterThan(3.5);
  });

  it('a refractory period longer than the intra-burst interval spaces the burst\u2019s spikes out', () => {
    const isis = (sp: Float64Array) => Array.from(sp).slice(1).map((t, i) => t - sp[i]);
    const base = simulate(sess({ params: P, protocol: [{ until: 200 }] }), { record: false }).spikes;
    const held = simulate(sess({ params: P, protocol: [{ until: 200 }], options: { refractory: 4 } }), { record: false }).spikes;
    expect(Math.min(...isis(base))).toBeLessThan(4);
    expect(Math.min(...isis(held))).toBeGreaterThanOrEqual(4 - 1e-9);
  });

  it('under the author\u2019s scheme the steps at t_s < t ≤ t_s + τ are held; resume across a hold is bit-identical', () => {
    const e = getExperiment('tonic_bursting')!.session;
    const s: Session = { ...e, options: { refractory: 1 } };
    const r = simulate(s);
    const sp = Array.from(r.spikes), tr = r.trace!;
    for (let i = 1; i < sp.length; i++) expect(sp[i] - sp[i - 1]).toBeGreaterThan(1);
    for (let k = 0; k < tr.length; k++) {
      const t = tr.t[k];
      if (sp.some((ts) => t > ts + 1e-6 && t <= ts + 1 + 1e-6)) expect(tr.v[k]).toBe(Math.fround(e.params.c));
    }
    // A later segment edited: the resumed run (from a checkpoint possibly inside a hold) equals a full run.
    const edited: Session = { ...s, protocol: s.protocol.map((g, i) => (i === 1 ? { ...g, until: g.until - 13 } : g)).concat([{ until: 260, assign: { I: 5 } }]) };
    const resumed = simulate(edited, { resume: { session: s, result: r } });
    expect(Array.from(resumed.spikes)).toEqual(Array.from(simulate(edited).spikes));
  });
});

// ------------------------------------------------------------------------------------------------ V_min

describe('lower clamp V_min (NEST)', () => {
  it('euler_halfstep + V_min equals NEST\u2019s published-scheme loop with the clamp; v never goes below V_min', () => {
    // A hyperpolarising pulse drives v down; the clamp at −75 mV cuts it, and the rebound differs from the unclamped run.
    const p = { a: 0.03, b: 0.25, c: -52, d: 0, I: 0 };
    const refFree = nestPublished({ ...p, I: 0 }, -64, -16, 0.1, 100);
    const s = (vMin?: number) => sess({
      params: { ...p, I: -15 }, initial: { v: -64, u: -16 }, integration: { dt: 0.1, stepper: 'euler_halfstep', spikes: 'step', ...F64 },
      protocol: [{ until: 20, assign: { I: -15 } }, { until: 200, assign: { I: 0 } }], options: vMin === undefined ? undefined : { vMin },
    });
    const clamped = simulate(s(-75)), free = simulate(s());
    const tr = clamped.trace!;
    let min = Infinity;
    for (let k = 0; k < tr.length; k++) min = Math.min(min, tr.v[k]);
    expect(min).toBeCloseTo(-75, 5);
    let minFree = Infinity;
    for (let k = 0; k < free.trace!.length; k++) minFree = Math.min(minFree, free.trace!.v[k]);
    expect(minFree).toBeLessThan(-80);
    expect(Array.from(clamped.spikes)).not.toEqual(Array.from(free.spikes));
    // Independent loop: the clamp after every update, as NEST does.
    let v = -64, u = -16;
    const spikes: number[] = [];
    for (let k = 0; k < 2000; k++) {
      const I = k < 200 ? -15 : 0;
      v += 0.05 * (0.04 * v * v + 5 * v + 140 - u + I);
      v += 0.05 * (0.04 * v * v + 5 * v + 140 - u + I);
      u += 0.1 * p.a * (p.b * v - u);
      v = v < -75 ? -75 : v;
      if (v >= 30) { spikes.push((k + 1) * 0.1); v = p.c; u += p.d; }
    }
    expect(spikes.length).toBe(clamped.spikes.length);
    spikes.forEach((t, i) => expect(Math.abs(clamped.spikes[i] - t)).toBeLessThan(1e-9));
    expect(refFree).toEqual([]);
  });

  it('rk4 exact: v is clamped after every step (never below V_min in the trace)', () => {
    const r = simulate(sess({ params: { I: -30 }, protocol: [{ until: 50, assign: { I: -30 } }, { until: 100, assign: { I: 0 } }], options: { vMin: -80 } }));
    const tr = r.trace!;
    let min = Infinity;
    for (let k = 0; k < tr.length; k++) min = Math.min(min, tr.v[k]);
    expect(min).toBe(Math.fround(-80));
  });
});

// ------------------------------------------------------------------------------------------------ initial state

describe('initial state: u0 = b·v0 and the resting equilibrium', () => {
  it('b_v0 starts u on its nullcline: u0 = b·v0 (standard form), b·(v0 − vref)/ucoef in general', () => {
    const r = simulate(sess({ params: { b: 0.25 }, initial: { v: -64, u: 99 }, initialMode: 'b_v0', protocol: [{ until: 1 }] }));
    expect(r.snapshots[0].state).toEqual({ v: -64, u: -16 });
    const g = simulate(sess({ params: { b: 0.25, vref: -10, ucoef: 0.5 }, initial: { v: -64, u: 99 }, initialMode: 'b_v0', protocol: [{ until: 1 }] }));
    expect(g.snapshots[0].state.u).toBeCloseTo((0.25 * (-64 + 10)) / 0.5, 12);
  });

  it('b_v0 with ucoef = 0 is refused with a message', () => {
    const r = simulate(sess({ params: { ucoef: 0 }, initialMode: 'b_v0', protocol: [{ until: 10 }] }));
    expect(r.status.kind).toBe('refused');
    expect(r.status.kind === 'refused' && r.status.message).toMatch(/ucoef/);
  });

  it('rest: the state is an equilibrium of the first segment (v stays put) and it is the stable one', () => {
    // RS at I = 0: v* = −70, u* = −14 (0.04v² + 4.8v + 140 = 0).
    const r = simulate(sess({ params: { I: 0 }, initialMode: 'rest', integration: { ...F64 }, protocol: [{ until: 500, assign: { I: 0 } }] }));
    expect(r.status.kind).toBe('ok');
    expect(r.snapshots[0].state.v).toBeCloseTo(-70, 12);
    expect(r.snapshots[0].state.u).toBeCloseTo(-14, 12);
    expect(Math.abs(r.final.v + 70)).toBeLessThan(1e-9);
    // Perturbed slightly it returns (stable), while the other equilibrium (v = −50, a saddle) would not hold.
    const kicked = simulate(sess({ params: { I: 0 }, initial: { v: -69.5, u: -14 }, integration: { ...F64 }, protocol: [{ until: 2000 }] }));
    expect(Math.abs(kicked.final.v + 70)).toBeLessThan(1e-3);
  });

  it('rest with a current past the rheobase (no equilibrium) is refused, naming why', () => {
    const r = simulate(sess({ params: { I: 10 }, initialMode: 'rest', protocol: [{ until: 100 }] }));
    expect(r.status.kind).toBe('refused');
    expect(r.status.kind === 'refused' && r.status.message).toMatch(/no equilibrium.*I = 10/);
  });

  it('rest when the only equilibria are unstable (a resonator past its Hopf point) is refused too', () => {
    // a = 0.1, b = 0.26 at I = 0.4: equilibria at v = −60 (trace 0.08v + 5 − a = 0.1 > 0, det 0.006: an unstable
    // focus) and v = −58.5 (a saddle); the neuron oscillates and fires.
    const r = simulate(sess({ params: { a: 0.1, b: 0.26, c: -65, d: 2, I: 0.4 }, initialMode: 'rest', protocol: [{ until: 100 }] }));
    expect(r.status.kind).toBe('refused');
    expect(r.status.kind === 'refused' && r.status.message).toMatch(/no stable equilibrium.*unstable focus/);
  });

  it('the extras default to nothing: NO_EXTRAS keeps every option off', () => {
    expect(NO_EXTRAS).toEqual({ vmin: -Infinity, tref: 0, bHi: 0, vsw: Infinity, ucub: 0, vb: 0, thU: 0, cU: 0, uMax: Infinity });
  });
});
