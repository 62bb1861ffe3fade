// The 2007 form (C·v' = k(v − vr)(v − vt) − u + I, u in pA) run through the one engine by its mapping onto the
// generalised coefficients: the mapping is proven against independent direct implementations written here in the
// model's own units (the book's forward-Euler loop with the special rules, and a textbook rk4), and the book's cells
// fire as their names say. Times ms, v mV, u and I pA.

import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { defaultSession, type Integration, type Segment, type Session } from '../model/session';
import { PRESETS_2007, PRESET_IDS_2007, UMAX_OFF, VSW_OFF, map2007 } from '../model/izh2007';
import type { ModelParams } from '../model/models';
import { parseSession } from '../model/schema';

const ACC: Integration = { dt: 0.01, stepper: 'rk4', spikes: 'exact', precision: 'float64' };

function cell(id: string): ModelParams {
  return { ...defaultSession('izh2007').params, ...PRESETS_2007[id].values };
}

/** A 2007-form session: the cell at rest (I = `hold` until `pre`), then a step to I. */
function stepSession(id: string, I: number, o: { T?: number; pre?: number; hold?: number; integration?: Integration } = {}): Session {
  const { T = 1000, pre = 100, hold = 0, integration = ACC } = o;
  const protocol: Segment[] = [{ until: pre, assign: { I: hold }, untilInclusive: true }, { until: T, assign: { I } }];
  return { ...defaultSession('izh2007'), params: { ...cell(id), I: hold }, integration, protocol };
}

// ------------------------------------------------------------------------------------------------ direct implementations

interface Direct { spikes: number[]; v: number[]; u: number[] }

/**
 * The book's loop (Izhikevich 2007, ch. 8 listings), in pA, transcribed with every special rule written out as the
 * book writes it: v(i+1) = v(i) + τ(k(v − vr)(v − vt) − u + I)/C; TC/RTN pick b from v(i+1); FS uses U(v(i+1));
 * u(i+1) = u(i) + τ·a·(b(v(i+1) − vr) − u(i)); a spike when v(i+1) > vpeak + peakU·u(i+1); reset v = c + resetU·u,
 * u = min(u + d, uMax). Spike stamped at the step's start, as euler_sequential.
 */
function bookLoop(p: ModelParams, I: (t: number) => number, v0: number, u0: number, tau: number, T: number): Direct {
  let v = v0, u = u0;
  const out: Direct = { spikes: [], v: [], u: [] };
  for (let n = 0; n <= Math.round(T / tau); n++) {
    const t = n * tau;
    const vn = v + (tau * (p.k * (v - p.vr) * (v - p.vt) - u + I(t))) / p.C;
    const b = p.vsw < VSW_OFF && vn > p.vsw ? p.bsw : p.b;
    const U = p.ucube > 0 && vn > p.vb ? p.ucube * (vn - p.vb) ** 3 : 0;
    const un = u + tau * p.a * (b * (vn - p.vr) + U - u);
    if (vn > p.vpeak + p.peakU * un) {
      // The step's sample shows the spike at the cut-off with u before the reset (the book pads v(i) = vpeak).
      out.spikes.push(t); out.v.push(p.vpeak + p.peakU * un); out.u.push(un);
      v = p.c + p.resetU * un;
      u = Math.min(un + p.d, p.uMax >= UMAX_OFF ? Infinity : p.uMax);
    } else { v = vn; u = un; out.v.push(v); out.u.push(u); }
  }
  return out;
}

/**
 * Textbook rk4 of the 2007 equations in pA ('step' spikes: tested after each step, reset at its end). The input is
 * piecewise constant: every stage of a step uses the current in force at the step's start.
 */
function directRk4(p: ModelParams, I: (t: number) => number, v0: number, u0: number, h: number, T: number): Direct {
  let In = 0;
  const fv = (v: number, u: number, _t: number) => (p.k * (v - p.vr) * (v - p.vt) - u + In) / p.C;
  const fu = (v: number, u: number) => {
    const b = p.vsw < VSW_OFF && v > p.vsw ? p.bsw : p.b;
    const U = p.ucube > 0 && v > p.vb ? p.ucube * (v - p.vb) ** 3 : 0;
    return p.a * (b * (v - p.vr) + U - u);
  };
  let v = v0, u = u0;
  const out: Direct = { spikes: [], v: [], u: [] };
  for (let n = 0; n < Math.round(T / h); n++) {
    const t = n * h;
    In = I(t);
    const a1 = fv(v, u, t), b1 = fu(v, u);
    const a2 = fv(v + (h / 2) * a1, u + (h / 2) * b1, t + h / 2), b2 = fu(v + (h / 2) * a1, u + (h / 2) * b1);
    const a3 = fv(v + (h / 2) * a2, u + (h / 2) * b2, t + h / 2), b3 = fu(v + (h / 2) * a2, u + (h / 2) * b2);
    const a4 = fv(v + h * a3, u + h * b3, t + h), b4 = fu(v + h * a3, u + h * b3);
    const vn = v + (h / 6) * (a1 + 2 * a2 + 2 * a3 + a4), un = u + (h / 6) * (b1 + 2 * b2 + 2 * b3 + b4);
    if (vn >= p.vpeak + p.peakU * un) {
      out.spikes.push(t + h); out.v.push(p.vpeak + p.peakU * un); out.u.push(un);
      v = p.c + p.resetU * un;
      u = Math.min(un + p.d, p.uMax >= UMAX_OFF ? Infinity : p.uMax);
    } else { v = vn; u = un; out.v.push(v); out.u.push(u); }
  }
  return out;
}

/**
 * Largest difference of the engine's trace (float64 state, stored float32) from the direct one, relative to
 * max(1, |x|, |change of x over that step|): on a fast upstroke a shift of the trajectory by a tiny fraction of a step
 * shows as a large difference in v, so it is measured against how much v moves in one step (then the number is the
 * shift in steps).
 */
function worstRel(tr: { v: Float32Array; u: Float32Array; length: number }, d: Direct, offset: number): number {
  let w = 0;
  for (let k = 1; k < d.v.length && k + offset < tr.length; k++) {
    w = Math.max(w, Math.abs(tr.v[k + offset] - d.v[k]) / Math.max(1, Math.abs(d.v[k]), Math.abs(d.v[k] - d.v[k - 1])));
    w = Math.max(w, Math.abs(tr.u[k + offset] - d.u[k]) / Math.max(1, Math.abs(d.u[k]), Math.abs(d.u[k] - d.u[k - 1])));
  }
  return w;
}

const STEP: Record<string, number> = { RS: 300, IB: 600, CH: 300, LTS: 200, FS: 200, TC: 200, RTN: 100 };

/**
 * How long the runs are compared, ms. The arithmetic of the mapped form differs from the direct one at the rounding
 * level (1e-16); trajectories amplify that near each upstroke, and FS (stiff: its cubic u changes by thousands of pA
 * within a spike) amplifies it into visibly different trajectories after 50–100 ms of firing, its spike times after
 * about 8 spikes (two direct runs whose v0 differ in the last bit drift apart the same way). So FS is compared over its
 * first 50 ms of firing, the others over 300 ms.
 */
const T_CMP: Record<string, number> = { RS: 400, IB: 400, CH: 400, LTS: 400, FS: 150, TC: 400, RTN: 400 };

describe('the 2007 form is the mapped generalised model (proof against direct implementations)', () => {
  it('the mapping: k2 = k/C, k1 = −k(vr + vt)/C, k0 = k·vr·vt/C, b/C, d/C, I/C, vref = vr, v_th = vpeak', () => {
    const p = cell('RS');
    const { params: g, uScale } = map2007({ ...p, I: 70 });
    expect(uScale).toBe(100);
    expect(g.k2).toBeCloseTo(0.007, 15); expect(g.k1).toBeCloseTo(0.7, 15); expect(g.k0).toBeCloseTo(16.8, 13);
    expect([g.b, g.d, g.I, g.vref, g.v_th, g.ucoef, g.a, g.c]).toEqual([-0.02, 1, 0.7, -60, 35, 1, 0.03, -50]);
    // k(v − vr)(v − vt)/C = k2 v² + k1 v + k0 at any v.
    for (const v of [-80, -60, -41.3, 0, 30]) expect(g.k2 * v * v + g.k1 * v + g.k0).toBeCloseTo((0.7 * (v + 60) * (v + 40)) / 100, 12);
  });

  for (const id of PRESET_IDS_2007) {
    it(`${id}: euler_sequential equals the book's loop in pA (same spike times; v and u to rounding)`, () => {
      const p = cell(id);
      const T = T_CMP[id];
      const s = stepSession(id, STEP[id], { T, integration: { dt: 0.1, stepper: 'euler_sequential', spikes: 'step', precision: 'float64' } });
      const r = simulate(s);
      const rest = r.snapshots[0].state;
      const d = bookLoop(p, (t) => (t > 100 ? STEP[id] : 0), rest.v, rest.u, 0.1, T);
      expect(d.spikes.length).toBeGreaterThan(2);
      expect(r.spikes.length).toBe(d.spikes.length);
      d.spikes.forEach((t, i) => expect(Math.abs(r.spikes[i] - t)).toBeLessThan(1e-9));
      // Samples: one per grid point (the state after that step, or the spike at the cut-off), stored as float32:
      // relative 1.2e-7 is their resolution (measured worst 0.9–1.0e-7); 1e-6 leaves room for rounding on upstrokes.
      expect(worstRel(r.trace!, d, 0)).toBeLessThan(1e-6);
    });

    it(`${id}: rk4 ('step' spikes) equals a textbook rk4 of the 2007 equations in pA`, () => {
      const p = cell(id);
      const T = T_CMP[id];
      const s = stepSession(id, STEP[id], { T, pre: 100, integration: { dt: 0.02, stepper: 'rk4', spikes: 'step', precision: 'float64' } });
      const r = simulate(s);
      const rest = r.snapshots[0].state;
      const d = directRk4(p, (t) => (t >= 100 ? STEP[id] : 0), rest.v, rest.u, 0.02, T);
      expect(r.spikes.length).toBe(d.spikes.length);
      d.spikes.forEach((t, i) => expect(Math.abs(r.spikes[i] - t)).toBeLessThan(1e-9));
      expect(d.spikes.length).toBeGreaterThan(2);
      // Measured worst 1.0e-7 (LTS 7e-7, on an upstroke); tolerance as above.
      expect(worstRel(r.trace!, d, 1)).toBeLessThan(1e-6);
    });
  }
});

// ------------------------------------------------------------------------------------------------ named behaviours

const isis = (sp: ArrayLike<number>) => Array.from(sp).slice(1).map((t, i) => t - sp[i]);
const spikesOf = (s: Session) => { const r = simulate(s, { record: false }); expect(r.status.kind).toBe('ok'); return Array.from(r.spikes); };

describe('the book\u2019s cells fire as their names say (rk4, exact spikes, dt 0.01 ms, from rest)', () => {
  it('RS: regular spiking with adaptation (intervals grow, the last ≥ 1.3× the first)', () => {
    const d = isis(spikesOf(stepSession('RS', 300)));
    expect(d.length).toBeGreaterThan(20);
    d.forEach((x, i) => { if (i) expect(x).toBeGreaterThanOrEqual(0.999 * d[i - 1]); });
    expect(d[d.length - 1]).toBeGreaterThan(1.3 * d[0]);
  });

  it('IB: a burst at the onset, then single spikes (first intervals < 0.35× the tonic ones)', () => {
    const d = isis(spikesOf(stepSession('IB', 600)));
    const tonic = d.slice(3);
    expect(tonic.length).toBeGreaterThan(5);
    expect(Math.max(d[0], d[1])).toBeLessThan(0.35 * Math.min(...tonic));
    expect(Math.max(...tonic) / Math.min(...tonic)).toBeLessThan(1.1);
  });

  it('CH: repetitive bursts (short intervals inside, silences ≥ 5× longer between)', () => {
    const d = isis(spikesOf(stepSession('CH', 300)));
    const short = d.filter((x) => x < 10), long = d.filter((x) => x >= 10);
    expect(long.length).toBeGreaterThanOrEqual(10);
    expect(short.length).toBeGreaterThanOrEqual(long.length);
    expect(Math.min(...long)).toBeGreaterThan(5 * Math.max(...short));
  });

  it('FS: fast spiking without adaptation (≥ 70 Hz, the last interval within 2% of the second)', () => {
    const d = isis(spikesOf(stepSession('FS', 200)));
    expect(1000 / d[d.length - 1]).toBeGreaterThan(70);
    expect(Math.abs(d[d.length - 1] - d[1]) / d[1]).toBeLessThan(0.02);
    // d = 0: no increment of u at a spike; the cubic U(v) alone recovers (a cell without it fires far faster).
    const noCubic = isis(spikesOf({ ...stepSession('FS', 200), params: { ...cell('FS'), I: 0, ucube: 0 } }));
    expect(noCubic[noCubic.length - 1]).toBeLessThan(0.5 * d[d.length - 1]);
  });

  it('LTS: adapting spikes; the reset follows u (v ← c + 0.04u) and u is capped at 670 pA', () => {
    const s = stepSession('LTS', 200);
    const r = simulate(s);
    const d = isis(r.spikes);
    expect(d.length).toBeGreaterThan(10);
    expect(d[d.length - 1]).toBeGreaterThan(1.5 * d[0]);
    const tr = r.trace!;
    // Each spike sample (t_s, vpeak − 0.1·u, u) is followed by the state one partial step (≤ 0.01 ms) after the reset
    // v ← c + 0.04·u, u ← u + d: v within 0.05 mV of c + 0.04·u (v′ ≈ 0.5 mV/ms there), not at c.
    let resets = 0;
    const spikeAt = new Set(Array.from(r.spikes, (t) => Math.fround(t)));
    for (let k = 0; k + 1 < tr.length; k++) {
      if (!spikeAt.has(tr.t[k])) continue;
      expect(tr.v[k]).toBeCloseTo(40 - 0.1 * tr.u[k], 3);
      expect(Math.abs(tr.v[k + 1] - (-53 + 0.04 * tr.u[k]))).toBeLessThan(0.05);
      expect(tr.u[k + 1] - tr.u[k]).toBeCloseTo(20, 1);
      resets++;
    }
    expect(resets).toBeGreaterThan(10);
    const hard = simulate(stepSession('LTS', 5000, { T: 400 }));
    let uMax = -Infinity;
    for (let k = 0; k < hard.trace!.length; k++) uMax = Math.max(uMax, hard.trace!.u[k]);
    expect(uMax).toBeLessThanOrEqual(670 + 1e-3);
    expect(uMax).toBeGreaterThan(600);
  });

  it('TC: tonic spikes from rest; a rebound burst from a hyperpolarised start (the two modes)', () => {
    const tonic = isis(spikesOf(stepSession('TC', 200)));
    expect(tonic.length).toBeGreaterThan(20);
    expect(Math.min(...tonic)).toBeGreaterThan(20);
    // Held at about −80 mV (I = −1200 pA; the b = 15 branch below −65 mV), then released to I = 0.
    const s = stepSession('TC', 0, { T: 600, pre: 200, hold: -1200 });
    const r = simulate(s, { record: false });
    expect(r.snapshots[0].state.v).toBeLessThan(-75);
    const burst = Array.from(r.spikes);
    expect(burst.length).toBeGreaterThanOrEqual(5);
    expect(burst[burst.length - 1] - burst[0]).toBeLessThan(100);
    expect(isis(burst)[0]).toBeLessThan(0.25 * Math.min(...tonic));
    // Without the b switch (b = 15 everywhere) the same release gives no burst of that kind.
    const plain = simulate({ ...s, params: { ...s.params, vsw: VSW_OFF } }, { record: false }).spikes;
    expect(plain.length).toBeLessThan(burst.length);
  });

  it('RTN: the b switch at −65 mV is in force (b = 2 above, 10 below): rest at vr and a rebound after hyperpolarisation', () => {
    const r = simulate(stepSession('RTN', 0, { T: 600, pre: 200, hold: -300 }), { record: false });
    expect(r.spikes.length).toBeGreaterThanOrEqual(1);
    expect(r.spikes[0]).toBeGreaterThan(200);
    const rest = simulate(stepSession('RTN', 0), { record: false });
    expect(rest.snapshots[0].state.v).toBeCloseTo(-65, 9);
    expect(rest.spikes.length).toBe(0);
  });
});

describe('2007 sessions: schema, units, resting state', () => {
  it('the default 2007 session validates unchanged and starts at rest (v = vr, u = 0)', () => {
    const s = defaultSession('izh2007');
    const p = parseSession(JSON.parse(JSON.stringify(s)));
    expect(p.ok && p.session).toEqual(s);
    const r = simulate(s, { record: false });
    expect(r.snapshots[0].state.v).toBeCloseTo(-60, 9);
    expect(r.snapshots[0].state.u).toBeCloseTo(0, 9);
    expect(r.spikes.length).toBeGreaterThan(3);
  });

  it('results are in pA: u of the snapshots and the trace is C × the engine\u2019s u', () => {
    const s = stepSession('IB', 600, { T: 300 });
    const r = simulate(s);
    // After a spike u jumps by d = 130 pA (the sample after the spike sample is ≤ 0.01 ms later).
    const tr = r.trace!;
    const spikeAt = new Set(Array.from(r.spikes, (t) => Math.fround(t)));
    let k = 0;
    while (!spikeAt.has(tr.t[k])) k++;
    expect(tr.u[k + 1] - tr.u[k]).toBeCloseTo(130, 0);
    expect(Math.abs(r.final.u)).toBeGreaterThan(50);
  });

  it('C changed at a segment boundary keeps the physical u continuous (a resumed run is identical)', () => {
    const s = stepSession('RS', 300, { T: 400 });
    const withC: Session = { ...s, protocol: [...s.protocol.slice(0, 1), { until: 250, assign: { I: 300 } }, { until: 400, assign: { C: 200 } }] };
    const r = simulate(withC);
    const tr = r.trace!;
    let k = 0;
    while (tr.t[k] < 250) k++;
    expect(Math.abs(tr.u[k + 1] - tr.u[k])).toBeLessThan(2); // smooth (≤ 2 pA per 0.01 ms), no jump by the ratio of C
    const edited: Session = { ...withC, protocol: withC.protocol.map((g, i) => (i === 2 ? { ...g, assign: { C: 150 } } : g)) };
    const resumed = simulate(edited, { resume: { session: withC, result: r } });
    expect(resumed.resumedFrom).toBe(2);
    expect(Array.from(resumed.trace!.u.subarray(0, resumed.trace!.length))).toEqual(Array.from(simulate(edited).trace!.u.subarray(0, resumed.trace!.length)));
  });

  it('rejects 2003 keys in a 2007 session and c ≥ vpeak, naming the field', () => {
    const bad = parseSession({ model: 'izh2007', params: { k2: 0.04 }, protocol: [{ until: 10 }] });
    expect(!bad.ok && bad.issues[0].path).toBe('params.k2');
    expect(!bad.ok && bad.issues[0].message).toMatch(/allowed: C, k, vr/);
    const reset = parseSession({ model: 'izh2007', params: { c: 40, vpeak: 35 }, protocol: [{ until: 10 }] });
    expect(!reset.ok && reset.issues[0].message).toMatch(/must be below vpeak = 35/);
    const preset = parseSession({ model: 'izh2007', protocol: [{ until: 10, preset: 'regular_spiking' }] });
    expect(!preset.ok && preset.issues[0].message).toMatch(/"RS"/);
  });
});
