// inferno's generalised Izhikevich neuron with one adaptation current coincides with the 2007 form: its own Euler
// update, transcribed here in its units (ms, mV, MΩ, nA, μS), against this engine on fromInferno's parameters with
// the same scheme (forward Euler on the old state, 'step' spikes): same spikes, same V, and u = 1000·w.

import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { fromInferno, type InfernoParams } from '../model/inferno';
import { defaultSession, type Session } from '../model/session';
import { parseSession } from '../model/schema';

/** inferno.neural.Izhikevich.forward, one current, refrac_t = 0 (its documented update, step by step). */
function infernoLoop(p: InfernoParams, I_x: number, dt: number, T: number, V0: number, w0: number) {
  const R = p.resistance ?? 1, tau = p.tc_adaptation as number, b = p.voltage_coupling as number, d = p.spike_increment as number;
  let V = V0, w = w0;
  const spikes: number[] = [], Vs: number[] = [], ws: number[] = [];
  for (let n = 0; n < Math.round(T / dt); n++) {
    const I = I_x - w;
    const Vn = (dt / p.tc_membrane) * (p.affinity * (V - p.rest_v) * (V - p.crit_v) + R * I) + V;
    const wn = (dt / tau) * (b * (V - p.rest_v) - w) + w;
    if (Vn >= p.thresh_v) { spikes.push((n + 1) * dt); V = p.reset_v; w = wn + d; Vs.push(p.thresh_v); ws.push(wn); }
    else { V = Vn; w = wn; Vs.push(V); ws.push(w); }
  }
  return { spikes, Vs, ws };
}

// The RS cell of the book written in inferno's terms: R = 100 MΩ, τ_m = 10 ms (C = 100 pF), a = 0.07/mV (k = 0.7 nS/mV).
const P: InfernoParams = {
  rest_v: -60, crit_v: -40, affinity: 0.07, reset_v: -50, thresh_v: 35, refrac_t: 0,
  tc_membrane: 10, tc_adaptation: 100 / 3, voltage_coupling: -0.002, spike_increment: 0.1, resistance: 100,
};

describe('inferno (one adaptation current) = the 2007 form', () => {
  it('maps its parameters: C = 1000·τ_m/R, k = 1000·a/R, a = 1/τ_k, b, d, I × 1000', () => {
    const { params: q } = fromInferno(P, 0.3);
    expect(q.C).toBeCloseTo(100, 12); expect(q.k).toBeCloseTo(0.7, 12); expect(q.a).toBeCloseTo(0.03, 12);
    expect(q.b).toBeCloseTo(-2, 12); expect(q.d).toBeCloseTo(100, 12); expect(q.I).toBeCloseTo(300, 12);
    expect([q.vr, q.vt, q.vpeak, q.c]).toEqual([-60, -40, 35, -50]);
  });

  it('its Euler update and this engine (euler, step spikes) give the same spikes, V and u = 1000·w', () => {
    const { params } = fromInferno(P, 0.3);
    const s: Session = {
      ...defaultSession('izh2007'), params, initial: { v: -60, u: 0 },
      integration: { dt: 0.1, stepper: 'euler', spikes: 'step', precision: 'float64' }, protocol: [{ until: 500 }],
    };
    expect(parseSession(s).ok).toBe(true);
    const r = simulate(s);
    const ref = infernoLoop(P, 0.3, 0.1, 500, -60, 0);
    expect(ref.spikes.length).toBeGreaterThan(5);
    expect(r.spikes.length).toBe(ref.spikes.length);
    ref.spikes.forEach((t, i) => expect(Math.abs(r.spikes[i] - t)).toBeLessThan(1e-9));
    const tr = r.trace!;
    let worst = 0;
    for (let k = 0; k < ref.Vs.length; k++) {
      worst = Math.max(worst, Math.abs(tr.v[k + 1] - ref.Vs[k]) / Math.max(1, Math.abs(ref.Vs[k])));
      worst = Math.max(worst, Math.abs(tr.u[k + 1] / 1000 - ref.ws[k]) / Math.max(1e-3, Math.abs(ref.ws[k])));
    }
    // float32 storage of the trace: relative 1.2e-7; 1e-6 leaves room for rounding amplified on upstrokes.
    expect(worst).toBeLessThan(1e-6);
  });

  it('refuses two or three adaptation currents (they do not reduce to one u) and notes the refractory difference', () => {
    expect(() => fromInferno({ ...P, tc_adaptation: [30, 300], voltage_coupling: [0, 0], spike_increment: [0.1, 0.05] })).toThrow(/2 adaptation currents/);
    expect(fromInferno({ ...P, refrac_t: 2 }).notes[0]).toMatch(/holds only V/);
    expect(fromInferno({ ...P, tc_adaptation: [50] }).params.a).toBeCloseTo(0.02, 12);
  });
});
