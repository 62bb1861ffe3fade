// The batch engine against simulate(): for every stepper, spike mode and precision, a batch of heterogeneous neurons
// (off-grid segment boundaries, a ramp, a transient, per-neuron initial states, diverging and runaway neurons) gives
// each neuron exactly simulate()'s spike times, final state and status — on the WebAssembly SIMD engine and the JS one.

import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import { EXPERIMENTS } from '../../model/experiments';
import { defaultSession, PRECISIONS, SPIKE_MODES, STEPPERS, type Session } from '../../model/session';
import {
  type BatchOutput, type BatchSpec, DIV_REASONS, EffectiveParams, NEURON_DIVERGED, batchWasmReady, neuronSession,
  NEURON_REFUSED, neuronSpikes, neuronStats, neuronTail, runBatch,
} from './index';
import { wasmSupports } from './wasm';

function rng(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
}

/**
 * 133 neurons (two full blocks and an odd remainder of 5: a padding lane, and a vector pair after the loop's groups of
 * four lanes) from firing to silent, plus a few that diverge or run away.
 */
function heterogeneous(session: Session): BatchSpec {
  const N = 133;
  const r = rng(11);
  const col = (f: () => number) => Float64Array.from({ length: N }, f);
  const a = col(() => 0.005 + 0.12 * r()), b = col(() => 0.1 + 0.2 * r()), c = col(() => -70 + 25 * r());
  const d = col(() => 0.05 + 8 * r()), I = col(() => -2 + 30 * r()), vth = col(() => 25 + 10 * r());
  const k2 = col(() => 0.035 + 0.01 * r()), v0 = col(() => -75 + 20 * r()), u0 = col(() => -16 + 6 * r());
  // Controlled cases: a < 0 (u runs away: runaway firing under rk4, v beyond −1e6 under euler), a reset above v_th
  // with d = 0 (fires without end in exact mode), a start above v_th, a start at u = 1e308 (non-finite at once).
  const set = (i: number, p: Record<string, number>) => {
    const cols: Record<string, Float64Array> = { a, b, c, d, I, vth, k2, v0, u0 };
    for (const [k, x] of Object.entries(p)) cols[k][i] = x;
  };
  const plain = { b: 0.2, c: -65, d: 2, I: 10, vth: 30, k2: 0.04, v0: -65, u0: -13 };
  set(3, { ...plain, a: -0.15, b: 0.3 });
  set(17, { ...plain, a: 0.02, c: 40, d: 0 });
  set(64, { ...plain, a: 0.02, v0: 35 });
  set(100, { ...plain, a: 0.02, u0: 1e308 });
  set(130, { ...plain, a: -0.2 });
  return {
    session, count: N, capacity: 256, tail: 64,
    vary: [
      { param: 'a', values: a }, { param: 'b', values: b }, { param: 'c', values: c }, { param: 'd', values: d },
      { param: 'I', values: I, segments: [1, 2] }, { param: 'v_th', values: vth }, { param: 'k2', values: k2 },
    ],
    initial: { v: v0, u: u0 },
  };
}

function protocolSession(stepper: Session['integration']['stepper'], spikes: 'exact' | 'step', precision: 'float32' | 'float64'): Session {
  const s = defaultSession();
  s.integration = { dt: 0.1, stepper, spikes, precision };
  s.transient = 20.05;
  // untilInclusive: the author's scheme samples the grid point t = 300 with the ramp (the other steppers ignore it).
  s.protocol = [{ until: 50.03, assign: { I: 0 } }, { until: 300, slope: 0.02, untilInclusive: true }, { until: 400.07, assign: { I: 12 } }];
  return s;
}

/** Neuron i of `out` is simulate() of its session: spike times, final state, status, divergence. */
function expectEqualsSimulate(spec: BatchSpec, out: BatchOutput): { spikes: number; diverged: number } {
  const eff = new EffectiveParams(spec);
  let spikes = 0, diverged = 0;
  for (let i = 0; i < spec.count; i++) {
    const r = simulate(neuronSession(spec, i, eff), { record: false });
    const ctx = `neuron ${i}`;
    if (r.status.kind === 'refused') {
      expect(out.neuronStatus[i], ctx).toBe(NEURON_REFUSED);
      expect(out.spikeCount[i], ctx).toBe(0);
      continue;
    }
    expect(Array.from(neuronSpikes(out, i)), ctx).toEqual(Array.from(r.spikes.subarray(0, out.capacity)));
    const beyond = Math.max(0, r.spikes.length - out.capacity);
    const k = Math.min(beyond, out.tailCapacity);
    expect(Array.from(neuronTail(out, i)), `${ctx} tail`).toEqual(Array.from(r.spikes.subarray(r.spikes.length - k)));
    expect(out.spikeCount[i], ctx).toBe(r.spikes.length);
    expect(Object.is(out.finalV[i], r.final.v) && Object.is(out.finalU[i], r.final.u), `${ctx} final`).toBe(true);
    if (r.status.kind === 'diverged') {
      diverged++;
      expect(out.neuronStatus[i], ctx).toBe(NEURON_DIVERGED);
      expect(out.divT[i], ctx).toBe(r.status.t);
      expect(out.divVar[i], ctx).toBe(r.status.variable === 'v' ? 0 : 1);
      expect(DIV_REASONS[out.divReason[i]], ctx).toBe(r.status.reason);
      expect(out.divSegment[i], ctx).toBe(r.status.segment);
    } else {
      expect(out.neuronStatus[i], ctx).toBe(0);
    }
    spikes += r.spikes.length;
  }
  return { spikes, diverged };
}

describe('batch engine equals simulate() neuron by neuron', () => {
  it('the WebAssembly SIMD engine is available in Node', () => {
    expect(batchWasmReady()).toBe(true);
  });

  for (const stepper of STEPPERS) {
    for (const spikes of SPIKE_MODES) {
      for (const precision of PRECISIONS) {
        it(`${stepper}, ${spikes} spikes, ${precision}: identical spike times, final states and divergences`, () => {
          const spec = heterogeneous(protocolSession(stepper, spikes, precision));
          // Steppers the WebAssembly module does not have yet run on the JS engine ('auto' picks it).
          const wasm = wasmSupports(spec.session);
          if (!wasm) expect(runBatch({ ...spec, count: 1 }).status === 'ok' && (runBatch({ ...spec, count: 1 }) as BatchOutput).engine).toBe('js');
          expect(wasm).toBe(['rk4', 'euler', 'euler_sequential'].includes(stepper));
          for (const engine of wasm ? (['wasm', 'js'] as const) : (['js'] as const)) {
            const out = runBatch(spec, { engine });
            if (out.status !== 'ok') throw new Error('cancelled');
            expect(out.engine).toBe(engine === 'wasm' ? 'wasm-simd' : 'js');
            const { spikes: total, diverged } = expectEqualsSimulate(spec, out);
            // The batch really fires and really diverges (the comparison is not vacuous).
            expect(total).toBeGreaterThan(3000);
            expect(diverged).toBeGreaterThanOrEqual(3);
            expect(out.neuronStatus[3] + out.neuronStatus[100] + out.neuronStatus[130]).toBe(3);
          }
        });
      }
    }
  }

  it('reports why each neuron diverged: runaway firing, bounds, non-finite values', () => {
    const reasons = (stepper: Session['integration']['stepper']) => {
      const out = runBatch(heterogeneous(protocolSession(stepper, 'exact', 'float64')));
      if (out.status !== 'ok') throw new Error('cancelled');
      return [3, 17, 100, 130].map((i) => (out.neuronStatus[i] === NEURON_DIVERGED ? DIV_REASONS[out.divReason[i]] : 'ok'));
    };
    expect(reasons('rk4')).toEqual(['runaway', 'runaway', 'non-finite', 'runaway']);
    expect(reasons('euler')).toEqual(['bounds', 'runaway', 'bounds', 'bounds']);
  });
});

describe('the rk4 vector loop\u2019s variants and remainders equal simulate()', () => {
  // The module's rk4 loop runs four vectors (eight neurons) per iteration, then single vectors, with a padding lane
  // for an odd block; and it has a variant without the a·b·vref terms, taken when they are +0 in every lane of a block
  // (vref = 0) — a block with one vref ≠ 0 (or a·b < 0, whose product with vref = 0 is −0) takes the general loop.
  for (const count of [1, 2, 6, 8, 14, 77]) {
    for (const vref of ['zero', 'per-neuron', 'one lane'] as const) {
      it(`${count} neurons, vref ${vref}: every stepping variant, exact and step spikes, float64 and float32`, () => {
        const r = rng(5 + count);
        const col = (f: () => number) => Float64Array.from({ length: count }, f);
        const vr = vref === 'zero' ? col(() => 0) : vref === 'per-neuron' ? col(() => -3 + 6 * r()) : col(() => 0);
        if (vref === 'one lane') vr[count - 1] = 0.5;
        for (const spikes of SPIKE_MODES) {
          for (const precision of PRECISIONS) {
            const s = protocolSession('rk4', spikes, precision);
            const spec: BatchSpec = {
              session: s, count, capacity: 256, tail: 16,
              vary: [
                { param: 'a', values: col(() => 0.01 + 0.1 * r()) }, { param: 'b', values: col(() => 0.15 + 0.1 * r()) },
                { param: 'c', values: col(() => -70 + 20 * r()) }, { param: 'd', values: col(() => 0.5 + 7 * r()) },
                { param: 'I', values: col(() => 2 + 20 * r()), segments: [1, 2] }, { param: 'vref', values: vr },
              ],
            };
            const out = runBatch(spec, { engine: 'wasm' });
            if (out.status !== 'ok') throw new Error('cancelled');
            expect(out.engine).toBe('wasm-simd');
            const { spikes: total } = expectEqualsSimulate(spec, out);
            expect(total).toBeGreaterThan(count);
          }
        }
      });
    }
  }
});

describe('every gallery experiment as a batch equals simulate()', () => {
  it('2004 features and 2003 classes (their own schemes and protocols), with a and d varied around the published values', () => {
    for (const e of EXPERIMENTS) {
      const p = e.session.params;
      const spec: BatchSpec = {
        session: e.session, count: 5,
        vary: [{ param: 'a', values: [0.9, 1, 1.1, 1, 1].map((f) => f * p.a) }, { param: 'd', values: [1, 1, 1, 0.8, 1.25].map((f) => f * p.d) }],
      };
      const out = runBatch(spec);
      if (out.status !== 'ok') throw new Error('cancelled');
      expectEqualsSimulate(spec, out);
    }
  });
});

describe('initial modes and model options', () => {
  it('initial mode rest and b_v0 are resolved per neuron with its own parameters; no stable rest = refused', () => {
    for (const mode of ['rest', 'b_v0'] as const) {
      const s = protocolSession('rk4', 'exact', 'float64');
      s.initial = { v: -60, u: 0, mode };
      // I in segment 0 (the rest is that of segment 0's parameters): large values leave no equilibrium.
      const spec: BatchSpec = {
        session: s, count: 70, capacity: 64, tail: 16,
        vary: [{ param: 'b', values: Float64Array.from({ length: 70 }, (_, i) => 0.15 + 0.002 * i) },
          { param: 'I', values: Float64Array.from({ length: 70 }, (_, i) => (i % 7) * 1.5), segments: [0] }],
      };
      const out = runBatch(spec);
      if (out.status !== 'ok') throw new Error('cancelled');
      expect(out.engine).toBe('wasm-simd');
      expectEqualsSimulate(spec, out);
      const refused = Array.from(out.neuronStatus).filter((x) => x === NEURON_REFUSED).length;
      if (mode === 'rest') expect(refused).toBeGreaterThan(5);
      else expect(refused).toBe(0);
      // Neurons that differ only in c, d (the rest does not depend on them: one solve serves a run of them), then
      // in b between runs of equal ones.
      const cd: BatchSpec = {
        session: s, count: 75, capacity: 64,
        vary: [{ param: 'c', values: Float64Array.from({ length: 75 }, (_, i) => -70 + 0.3 * i) },
          { param: 'd', values: Float64Array.from({ length: 75 }, (_, i) => 0.5 + 0.1 * i) },
          { param: 'b', values: Float64Array.from({ length: 75 }, (_, i) => 0.2 + 0.005 * Math.floor(i / 20)) }],
      };
      const o2 = runBatch(cd);
      if (o2.status !== 'ok') throw new Error('cancelled');
      expect(o2.engine).toBe('wasm-simd');
      expectEqualsSimulate(cd, o2);
    }
  });

  it('a session of the 2007 form runs on the JS engine (through its mapping), equal to simulate()', () => {
    const s = defaultSession('izh2007');
    const spec: BatchSpec = { session: s, count: 3 };
    const out = runBatch(spec);
    if (out.status !== 'ok') throw new Error('cancelled');
    expect(out.engine).toBe('js');
    expectEqualsSimulate(spec, out);
  });

  it('a refractory period or a V_min clamp runs on the JS engine, still equal to simulate()', () => {
    const s = protocolSession('rk4', 'exact', 'float64');
    s.options = { refractory: 2, vMin: -90 };
    const spec = { ...heterogeneous(s), count: 20 };
    const out = runBatch(spec);
    if (out.status !== 'ok') throw new Error('cancelled');
    expect(out.engine).toBe('js');
    expectEqualsSimulate(spec, out);
  });
});

describe('batch semantics', () => {
  it('a value varied in some segments leaves the others at the session\u2019s', () => {
    const s = protocolSession('rk4', 'exact', 'float64');
    const spec: BatchSpec = { session: s, count: 2, vary: [{ param: 'I', values: [5, 9], segments: [1] }] };
    const eff = new EffectiveParams(spec);
    expect([eff.params(0, 1).I, eff.params(1, 1).I, eff.params(2, 1).I]).toEqual([0, 9, 12]);
    expect(neuronSession(spec, 0).protocol.map((p) => p.assign?.I)).toEqual([0, 5, 12]);
  });

  it('a window of segments keeps only their spikes; statistics equal simulate()\u2019s segment statistics', () => {
    const s = protocolSession('rk4', 'exact', 'float64');
    const base = heterogeneous(s);
    const spec: BatchSpec = { ...base, window: { from: 2, to: 2 }, capacity: 4096, tail: 0 };
    const out = runBatch(spec);
    if (out.status !== 'ok') throw new Error('cancelled');
    expect(out.window).toEqual({ from: 2, to: 2, t0: 300, t1: 400.07 });
    const eff = new EffectiveParams(spec);
    let firing = 0;
    for (let i = 0; i < spec.count; i++) {
      const r = simulate(neuronSession(spec, i, eff), { record: false });
      if (r.status.kind !== 'ok') continue;
      const seg = r.segments[2];
      const st = neuronStats(out, i);
      expect(st, `neuron ${i}`).toEqual({
        spikeCount: seg.spikeCount, rateHz: seg.rateHz, firstSpikeLatency: seg.firstSpikeLatency, isiMean: seg.isiMean, isiCV: seg.isiCV,
      });
      if (seg.spikeCount > 2) firing++;
    }
    expect(firing).toBeGreaterThan(50);
  });

  it('beyond the kept capacity, counts stay exact and the running interval statistics match to rounding', () => {
    const s = protocolSession('rk4', 'exact', 'float64');
    const full = runBatch({ ...heterogeneous(s), capacity: 512 });
    const small = runBatch({ ...heterogeneous(s), capacity: 4 });
    if (full.status !== 'ok' || small.status !== 'ok') throw new Error('cancelled');
    let beyond = 0;
    for (let i = 0; i < full.count; i++) {
      expect(small.spikeCount[i]).toBe(full.spikeCount[i]);
      if (full.spikeCount[i] <= 4 || full.neuronStatus[i] !== 0) continue;
      beyond++;
      const a = neuronStats(full, i), b = neuronStats(small, i);
      expect(b.spikeCount).toBe(a.spikeCount);
      expect(b.firstSpikeLatency).toBe(a.firstSpikeLatency);
      // Mean interval: (last − first)/(n − 1) either way, up to the rounding of the two formulas (1e-12 relative).
      expect(Math.abs(b.isiMean! - a.isiMean!)).toBeLessThanOrEqual(1e-12 * a.isiMean!);
      // CV: Welford's running sums against the two-pass formula; both are accurate to ~n·ε (1e-9 is loose).
      if (a.isiCV !== null) expect(Math.abs(b.isiCV! - a.isiCV)).toBeLessThanOrEqual(1e-9 + 1e-9 * a.isiCV);
    }
    expect(beyond).toBeGreaterThan(50);
  });

  it('cancellation returns no partial results, on both engines', () => {
    const spec = heterogeneous(protocolSession('rk4', 'exact', 'float64'));
    for (const engine of ['wasm', 'js'] as const) {
      let polls = 0;
      const r = runBatch(spec, { engine, shouldCancel: () => ++polls >= 1 });
      expect(r).toEqual({ status: 'cancelled' });
      expect(polls).toBe(1);
    }
  });

  it('bad specs are refused with the field and the allowed range', () => {
    const s = defaultSession();
    expect(() => runBatch({ session: s, count: 0 })).toThrow(/count must be an integer in 1/);
    expect(() => runBatch({ session: s, count: 2, vary: [{ param: 'a', values: [1] }] })).toThrow(/vary\[0\]\.values must hold at least 2/);
    expect(() => runBatch({ session: s, count: 1, vary: [{ param: 'a', values: [NaN] }] })).toThrow(/vary\[0\]\.values\[0\] \(a\) must be finite/);
    expect(() => runBatch({ session: s, count: 1, vary: [{ param: 'zz' as 'a', values: [1] }] })).toThrow(/vary\[0\]\.param must be one of/);
    expect(() => runBatch({ session: s, count: 1, window: { from: 0, to: 3 } })).toThrow(/window must be segment indices with 0 ≤ from ≤ to ≤ 0/);
    expect(() => runBatch({ session: s, count: 1, capacity: 0 })).toThrow(/capacity must be an integer in 1 … 4096/);
  });
});
