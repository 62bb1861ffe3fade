// Static tests of the experiment library: 27 complete, valid sessions of the papers (parseSession accepts each unchanged),
// run with the author's scheme at the figure's dt, with the published equation changes and notes.
// Their behaviour (spikes) is tested in src/engine/experiments.test.ts.

import { describe, expect, it } from 'vitest';
import { EXPERIMENTS_2003_2004 as EXPERIMENTS, EXPERIMENTS as ALL, EXPERIMENT_IDS, getExperiment } from './experiments';
import { EXPERIMENTS_2007 } from './experiments2007';
import { sequentialRange } from '../engine/eulerSequential';
import { parseSession } from './schema';
import { effectiveParams, sessionDuration } from './session';

const IDS_2004 = [
  'tonic_spiking', 'phasic_spiking', 'tonic_bursting', 'phasic_bursting', 'mixed_mode', 'spike_frequency_adaptation',
  'class1_excitability', 'class2_excitability', 'spike_latency', 'subthreshold_oscillations', 'resonator', 'integrator',
  'rebound_spike', 'rebound_burst', 'threshold_variability', 'bistability', 'dap', 'accommodation',
  'inhibition_induced_spiking', 'inhibition_induced_bursting',
];
const IDS_2003 = ['rs_2003', 'ib_2003', 'ch_2003', 'fs_2003', 'tc_2003', 'rz_2003', 'lts_2003'];
const IDS_2007 = ['rs_2007', 'ib_2007', 'ch_2007', 'lts_2007', 'fs_2007', 'tc_2007', 'tc_burst_2007', 'rtn_2007'];

/** Figure script step and duration per panel (Izhikevich 2004 Fig. 1 A–T, then 2003 Fig. 2). */
const DT_T: Record<string, [number, number]> = {
  tonic_spiking: [0.25, 100], phasic_spiking: [0.25, 200], tonic_bursting: [0.25, 220], phasic_bursting: [0.2, 200],
  mixed_mode: [0.25, 160], spike_frequency_adaptation: [0.25, 85], class1_excitability: [0.25, 300],
  class2_excitability: [0.25, 300], spike_latency: [0.2, 100], subthreshold_oscillations: [0.25, 200],
  resonator: [0.25, 400], integrator: [0.25, 100], rebound_spike: [0.2, 200], rebound_burst: [0.2, 200],
  threshold_variability: [0.25, 100], bistability: [0.25, 300], dap: [0.1, 50], accommodation: [0.5, 400],
  inhibition_induced_spiking: [0.5, 350], inhibition_induced_bursting: [0.5, 350],
  rs_2003: [0.25, 150], ib_2003: [0.25, 150], ch_2003: [0.25, 150], fs_2003: [0.25, 150], tc_2003: [0.25, 150],
  rz_2003: [0.25, 100], lts_2003: [0.25, 250],
};

/** a, b, c, d, v0, u0 as published (../shared/reference: 2004 Fig. 1 A–T, 2003 Fig. 2 figure script). */
const PUBLISHED: Record<string, [number, number, number, number, number, number]> = {
  tonic_spiking: [0.02, 0.2, -65, 6, -70, -14], // A
  phasic_spiking: [0.02, 0.25, -65, 6, -64, -16], // B
  tonic_bursting: [0.02, 0.2, -50, 2, -70, -14], // C
  phasic_bursting: [0.02, 0.25, -55, 0.05, -64, -16], // D
  mixed_mode: [0.02, 0.2, -55, 4, -70, -14], // E
  spike_frequency_adaptation: [0.01, 0.2, -65, 8, -70, -14], // F
  class1_excitability: [0.02, -0.1, -55, 6, -60, 6], // G
  class2_excitability: [0.2, 0.26, -65, 0, -64, -16.64], // H
  spike_latency: [0.02, 0.2, -65, 6, -70, -14], // I
  subthreshold_oscillations: [0.05, 0.26, -60, 0, -62, -16.12], // J
  resonator: [0.1, 0.26, -60, -1, -62, -16.12], // K
  integrator: [0.02, -0.1, -55, 6, -60, 6], // L
  rebound_spike: [0.03, 0.25, -60, 4, -64, -16], // M
  rebound_burst: [0.03, 0.25, -52, 0, -64, -16], // N
  threshold_variability: [0.03, 0.25, -60, 4, -64, -16], // O
  bistability: [0.1, 0.26, -60, 0, -61, -15.86], // P
  dap: [1, 0.2, -60, -21, -70, -14], // Q
  accommodation: [0.02, 1, -55, 4, -65, -16], // R
  inhibition_induced_spiking: [-0.02, -1, -60, 8, -63.8, 63.8], // S
  inhibition_induced_bursting: [-0.026, -1, -45, -2, -63.8, 63.8], // T
  rs_2003: [0.02, 0.2, -65, 8, -63, -12.6],
  ib_2003: [0.02, 0.2, -55, 4, -70, -14],
  ch_2003: [0.02, 0.2, -50, 2, -70, -14],
  fs_2003: [0.1, 0.2, -65, 2, -70, -14],
  tc_2003: [0.02, 0.25, -65, 0.05, -63, -15.75],
  rz_2003: [0.1, 0.26, -65, 2, -70, -18.2],
  lts_2003: [0.02, 0.25, -65, 2, -63, -15.75],
};

describe('EXPERIMENTS', () => {
  it('has the 20 features of 2004 in figure order, then the 7 classes of 2003, with unique ids', () => {
    expect(EXPERIMENTS.map((e) => e.id)).toEqual([...IDS_2004, ...IDS_2003]);
    expect(EXPERIMENT_IDS).toEqual([...IDS_2004, ...IDS_2003, ...IDS_2007]);
    expect(ALL).toEqual([...EXPERIMENTS, ...EXPERIMENTS_2007]);
    expect(EXPERIMENTS.slice(0, 20).map((e) => e.figure)).toEqual('ABCDEFGHIJKLMNOPQRST'.split('').map((l) => `Izhikevich 2004, Fig. 1${l}`));
    for (const e of EXPERIMENTS.slice(20)) expect(e.figure).toMatch(/^Izhikevich 2003, Fig\. 2 \((RS|IB|CH|FS|TC|RZ|LTS)\)$/);
  });

  it('finds each by id, and nothing for an unknown id', () => {
    for (const e of ALL) expect(getExperiment(e.id)).toBe(e);
    expect(getExperiment('tonic spiking')).toBeUndefined();
    expect(getExperiment('')).toBeUndefined();
  });

  for (const e of EXPERIMENTS) {
    describe(e.id, () => {
      it('is a complete session that parseSession accepts unchanged (also through JSON)', () => {
        const r = parseSession(JSON.parse(JSON.stringify(e.session)));
        if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
        expect(r.session).toEqual(e.session);
        expect(e.session.name).toBe(e.id);
      });

      it('has the published a, b, c, d and initial state', () => {
        const [a, b, c, d, v0, u0] = PUBLISHED[e.id];
        const p = e.session.params;
        expect([p.a, p.b, p.c, p.d]).toEqual([a, b, c, d]);
        expect(e.session.initial).toEqual({ v: v0, u: u0 });
      });

      it('runs the author\u2019s scheme at the figure\u2019s dt for the figure\u2019s duration', () => {
        const [dt, T] = DT_T[e.id];
        expect(e.session.integration).toEqual({ dt, stepper: 'euler_sequential', spikes: 'step', precision: 'float64' });
        expect(sessionDuration(e.session)).toBe(T);
        expect(e.session.transient).toBe(0);
        expect(e.session.params.v_th).toBe(30);
      });

      it('assigns the current in every segment, with a short label', () => {
        for (const s of e.session.protocol) {
          expect(s.assign?.I, JSON.stringify(s)).toBeTypeOf('number');
          expect(s.label && s.label.length > 0 && s.label.length <= 16, JSON.stringify(s)).toBe(true);
          expect(s.preset).toBeUndefined();
        }
        expect(e.session.params.I).toBe(e.session.protocol[0].assign?.I);
        // a/b/c/d and the equation coefficients stay those of params in every segment
        for (const p of effectiveParams(e.session)) expect({ ...p, I: 0 }).toEqual({ ...e.session.params, I: 0 });
      });

      it('has a description of one or two sentences and a name', () => {
        expect(e.name.length).toBeGreaterThan(2);
        const sentences = e.description.split(/(?<=[.!?])\s+(?=[A-Z])/);
        expect(sentences.length).toBeGreaterThanOrEqual(1);
        expect(sentences.length).toBeLessThanOrEqual(3);
        expect(e.description.length).toBeLessThan(400);
      });

      it('keeps every published time: boundaries are the papers\' times, with no half-step shift', () => {
        // The scripts' times are multiples of 0.5 ms (0.25 for 37.5/42.5/312.5), except the integrator's T1 = 100/11.
        for (const g of e.session.protocol) {
          const t = g.until;
          const published = Number.isInteger(t * 4) || [100 / 11, 100 / 11 + 2, 100 / 11 + 5, 100 / 11 + 7].includes(t);
          expect(published, `${e.id}: boundary ${t}`).toBe(true);
        }
      });

      it('puts a jump of the current only where the script\'s own test decides the grid point unambiguously', () => {
        // A jump on a grid point n·dt must be exactly representable, so the grid point is on the boundary.
        const { dt } = e.session.integration;
        const eff = effectiveParams(e.session);
        for (let i = 1; i < e.session.protocol.length; i++) {
          const t = e.session.protocol[i - 1].until;
          const prev = e.session.protocol[i - 1];
          const before = eff[i - 1].I + (prev.slope ?? 0) * (t - (i >= 2 ? e.session.protocol[i - 2].until : 0));
          if (Math.abs(before - eff[i].I) < 1e-12) continue; // continuous: ramps start where the current was
          const n = Math.round(t / dt);
          if (Math.abs(t / dt - n) < 1e-9) expect(n * dt, `${e.id} boundary ${t}`).toBe(t);
        }
      });
    });
  }
});

describe('equation changes and notes from the reference data', () => {
  it('uses 0.04v² + 4.1v + 108 for class 1 and the integrator only', () => {
    for (const e of EXPERIMENTS) {
      const { k2, k1, k0 } = e.session.params;
      const modified = e.id === 'class1_excitability' || e.id === 'integrator';
      expect([k2, k1, k0], e.id).toEqual(modified ? [0.04, 4.1, 108] : [0.04, 5, 140]);
    }
  });

  it('uses du/dt = a·b·(v + 65) with u0 = −16 for accommodation only', () => {
    for (const e of EXPERIMENTS) {
      const { vref, ucoef } = e.session.params;
      expect([vref, ucoef], e.id).toEqual(e.id === 'accommodation' ? [-65, 0] : [0, 1]);
    }
    expect(getExperiment('accommodation')?.session.initial).toEqual({ v: -65, u: -16 });
  });

  it('starts every other panel at u0 = b·v0', () => {
    for (const e of EXPERIMENTS) {
      if (e.id === 'accommodation') continue;
      const { v, u } = e.session.initial;
      expect(u, e.id).toBeCloseTo(e.session.params.b * v, 10);
    }
  });

  it('warns where accurate integration changes the behaviour', () => {
    for (const id of ['bistability', 'dap', 'inhibition_induced_bursting']) {
      expect(getExperiment(id)?.accurateIntegrationNote, id).toMatch(/^Lost under accurate integration/);
    }
    expect(getExperiment('spike_latency')?.accurateIntegrationNote).toMatch(/latency/);
    expect(getExperiment('tonic_spiking')?.accurateIntegrationNote).toBeNull();
  });

  it('samples the scripts\' boundaries: the DAP pulse (|t − 10| < 1) drives 19 steps of 0.1 ms, 9.1 … 10.9', () => {
    const dap = getExperiment('dap')!.session;
    const pulse = dap.protocol.findIndex((s) => s.assign?.I === 20);
    expect([dap.protocol[pulse - 1].until, dap.protocol[pulse].until]).toEqual([9, 11]);
    const { first, last } = sequentialRange(dap.protocol, pulse, 0.1);
    expect(last - first).toBe(19);
    expect(first * 0.1).toBeCloseTo(9.1, 12);
    expect((last - 1) * 0.1).toBeCloseTo(10.9, 12);
  });

  it('samples the inclusive end of the inhibition (50 ≤ t ≤ 250 at dt 0.5): grid points 50 … 250, 401 steps', () => {
    const s = getExperiment('inhibition_induced_spiking')!.session;
    expect(s.protocol.map((g) => g.until)).toEqual([50, 250, 350]);
    expect(sequentialRange(s.protocol, 1, 0.5)).toEqual({ first: 100, last: 501 });
  });
});

describe('the book\u2019s cells in the 2007 form', () => {
  for (const e of EXPERIMENTS_2007) {
    it(`${e.id}: a valid 2007-form session of the named cell, at rest, then a step; the book's scheme at dt 0.1`, () => {
      const p = parseSession(e.session);
      expect(p.ok && p.session).toEqual(e.session);
      expect(e.session.model).toBe('izh2007');
      expect(e.session.initial.mode).toBe('rest');
      expect(e.session.integration).toEqual({ dt: 0.1, stepper: 'euler_sequential', spikes: 'step', precision: 'float64' });
      expect(e.figure).toMatch(/^Izhikevich 2007, Fig\. 8\.\d+ \((RS|IB|CH|LTS|FS|TC|RTN)\)$/);
      expect(e.session.protocol).toHaveLength(2);
    });
  }
});
