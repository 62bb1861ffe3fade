// 'euler_sequential' reproduces a hand-written copy of the author's MATLAB loop (Izhikevich 2004, figure1.m):
// same spikes (grid times), same plotted trace VV(n) at tspan(n), bit for bit (the arithmetic is in the same order).
// Panels A (tonic spiking, a step of I with the script's strict t > T1 test) and G (class 1, a ramp of I).

import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { makeSession } from './testing';

interface Script { a: number; b: number; c: number; d: number; V: number; tau: number; T: number; k1: number; k0: number; I: (t: number) => number }

/** The MATLAB loop, transcribed: for t = tspan; V update; u update with the new V; if V > 30 record 30 and reset. */
function matlab(p: Script): { VV: number[]; spikes: number[] } {
  let V = p.V, u = p.b * p.V;
  const VV: number[] = [], spikes: number[] = [];
  const n = Math.round(p.T / p.tau);
  for (let k = 0; k <= n; k++) {
    const t = k * p.tau; // tspan = 0:tau:T (exact for tau = 0.25)
    const I = p.I(t);
    V = V + p.tau * (0.04 * (V * V) + p.k1 * V + p.k0 - u + I);
    u = u + p.tau * p.a * (p.b * V - u);
    if (V > 30) {
      VV.push(30); spikes.push(t);
      V = p.c; u = u + p.d;
    } else {
      VV.push(V);
    }
  }
  return { VV, spikes };
}

function check(p: Script, protocol: Parameters<typeof makeSession>[0]['protocol']) {
  const want = matlab(p);
  const r = simulate(makeSession({
    params: { a: p.a, b: p.b, c: p.c, d: p.d, k1: p.k1, k0: p.k0, I: 0 }, initial: { v: p.V, u: p.b * p.V },
    integration: { dt: p.tau, stepper: 'euler_sequential', precision: 'float64', spikes: 'exact' }, protocol,
  }));
  expect(r.status.kind).toBe('ok');
  expect(want.spikes.length).toBeGreaterThan(3);
  expect(Array.from(r.spikes)).toEqual(want.spikes);
  const tr = r.trace!;
  // One sample per grid point 0:tau:T, holding the state after that step (the script's plotting convention).
  expect(tr.length).toBe(want.VV.length);
  expect(r.steps).toBe(want.VV.length);
  for (let k = 0; k < tr.length; k++) {
    expect(tr.t[k]).toBe(Math.fround(k * p.tau));
    expect(tr.v[k]).toBe(Math.fround(want.VV[k]));
  }
}

describe('euler_sequential = the MATLAB figure loop', () => {
  it('panel A, tonic spiking: I = 14 when t > 10 (the segment ends at 10 and keeps its end grid point: untilInclusive)', () => {
    const p: Script = { a: 0.02, b: 0.2, c: -65, d: 6, V: -70, tau: 0.25, T: 100, k1: 5, k0: 140, I: (t) => (t > 10 ? 14 : 0) };
    // The step at t = 10 still uses I = 0 in the script (strict test): the grid point 10 belongs to the first segment.
    check(p, [{ until: 10, assign: { I: 0 }, untilInclusive: true }, { until: 100, assign: { I: 14 } }]);
    // Session files written before the rule put the boundary half a step later; they still run the same.
    check(p, [{ until: 10.125, assign: { I: 0 } }, { until: 100, assign: { I: 14 } }]);
    check(p, [{ until: 10.25, assign: { I: 0 } }, { until: 100, assign: { I: 14 } }]);
  });

  it('without untilInclusive the grid point on the boundary takes the later segment (t >= 10): one more step of I', () => {
    const p: Script = { a: 0.02, b: 0.2, c: -65, d: 6, V: -70, tau: 0.25, T: 100, k1: 5, k0: 140, I: (t) => (t >= 10 ? 14 : 0) };
    check(p, [{ until: 10, assign: { I: 0 } }, { until: 100, assign: { I: 14 } }]);
  });

  it('an inclusive end (script: I = 5 for t <= 20): the grid point 20 keeps the segment\'s current; off the grid the flag does nothing', () => {
    const p: Script = { a: 0.02, b: 0.2, c: -65, d: 6, V: -70, tau: 0.25, T: 100, k1: 5, k0: 140, I: (t) => (t <= 20 ? 20 : 3) };
    check(p, [{ until: 20, assign: { I: 20 }, untilInclusive: true }, { until: 100, assign: { I: 3 } }]);
    const q: Script = { ...p, I: (t) => (t < 20.1 ? 20 : 3) };
    check(q, [{ until: 20.1, assign: { I: 20 }, untilInclusive: true }, { until: 100, assign: { I: 3 } }]);
  });

  it('panel G, class 1 excitability: ramp I = 0.075·(t − 30) for t > 30, k1 = 4.1, k0 = 108', () => {
    const p: Script = { a: 0.02, b: -0.1, c: -55, d: 6, V: -60, tau: 0.25, T: 300, k1: 4.1, k0: 108, I: (t) => (t > 30 ? 0.075 * (t - 30) : 0) };
    // At t = 30 the ramp is 0 either way, so the segment may start at 30.
    check(p, [{ until: 30, assign: { I: 0 } }, { until: 300, assign: { I: 0 }, slope: 0.075 }]);
  });

  it('ignores the spikes mode and a float32 state only rounds', () => {
    const s = (spikes: 'exact' | 'step', precision: 'float32' | 'float64') => makeSession({
      params: { d: 6, I: 14 }, initial: { v: -70, u: -14 }, integration: { dt: 0.25, stepper: 'euler_sequential', spikes, precision },
      protocol: [{ until: 100 }],
    });
    const a = simulate(s('exact', 'float64')), b = simulate(s('step', 'float64')), c = simulate(s('exact', 'float32'));
    expect(Array.from(a.spikes)).toEqual(Array.from(b.spikes));
    expect(c.spikes.length).toBe(a.spikes.length);
  });

  it('transient: grid steps from −transient, not recorded; recorded grid restarts at 0', () => {
    const base = { params: { d: 6, I: 14 }, initial: { v: -70, u: -14 }, integration: { dt: 0.25, stepper: 'euler_sequential' as const, precision: 'float64' as const } };
    const withTr = simulate(makeSession({ ...base, transient: 20, protocol: [{ until: 50 }] }));
    const plain = simulate(makeSession({ ...base, protocol: [{ until: 70 }] }));
    // Same steps shifted by 20 ms: the spikes after 20 ms, and none before 0.
    expect(Array.from(withTr.spikes)).toEqual(Array.from(plain.spikes).filter((t) => t >= 20).map((t) => t - 20));
    expect(withTr.trace!.t[0]).toBe(0);
    expect(withTr.snapshots[1].step).toBe(80);
  });
});
