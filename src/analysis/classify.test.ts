// The firing-pattern classifier on the published cells: the 2004 features defined by a firing pattern, each with its
// own protocol and scheme from the library, and the 2003 classes at their published parameters under the map's
// default protocol; then each rule on constructed spike trains, the head/tail form of long trains, and the measures.

import { describe, expect, it } from 'vitest';
import { getExperiment } from '../model/experiments';
import { simulate } from '../engine/simulate';
import { defaultSession, segmentStart } from '../model/session';
import { classifyTrain, fullTrain, type FiringClass } from './classify';
import { MAP_LEGEND, computeMapJob, pixelSession, type MapSpec } from './firingMap';

/** Class of an experiment over segments from … to (0-based) of its own protocol. */
function classOfExperiment(id: string, from: number, to = from): FiringClass {
  const e = getExperiment(id);
  if (!e) throw new Error(id);
  const r = simulate(e.session, { record: false });
  const P = e.session.protocol;
  const t0 = segmentStart(P, from), t1 = P[to].until;
  const lo = r.checkpoints![from].nSpikes, hi = r.checkpoints![to + 1]?.nSpikes ?? r.spikes.length;
  return classifyTrain(fullTrain(r.spikes.subarray(lo, hi), t0, t1)).cls;
}

/**
 * The class the map gives a cell: the map's default protocol (from rest, 10 ms at I = 0, then a 1 s step of I = 10;
 * rk4, exact spikes, dt 0.1, float64), through firingMap's own pixel computation (axes of one sample each).
 */
function mapClass(a: number, b: number, c: number, d: number, I = 10): string {
  const session = defaultSession();
  session.params = { ...session.params, a, b };
  const spec: MapSpec = {
    session, integration: { dt: 0.1, stepper: 'rk4', spikes: 'exact', precision: 'float64' },
    x: { param: 'c', min: c, max: c, n: 1 }, y: { param: 'd', min: d, max: d, n: 1 },
    protocol: { kind: 'step', I, duration: 1000 },
  };
  const r = computeMapJob({ spec, pixels: Int32Array.of(0) })!;
  // The same through simulate() on the pixel's session: the map computes what the explorer would show.
  const s = pixelSession(spec, 0, 0);
  const sim = simulate(s, { record: false });
  const lo = sim.checkpoints![1].nSpikes;
  expect(classifyTrain(fullTrain(sim.spikes.subarray(lo), segmentStart(s.protocol, 1), s.protocol[1].until)).cls).toBe(MAP_LEGEND[r.cls[0]]);
  return MAP_LEGEND[r.cls[0]];
}

describe('2004 features defined by a firing pattern, each with its own protocol and scheme', () => {
  it.each([
    ['phasic_spiking', 1, 'phasic spiking'],
    ['tonic_bursting', 1, 'tonic bursting'],
    ['phasic_bursting', 1, 'phasic bursting'],
    ['mixed_mode', 1, 'mixed mode'],
    ['spike_frequency_adaptation', 1, 'adapting'],
    // Patterns of the features whose input is not a plain step, over the segment where the pattern shows.
    ['rebound_spike', 2, 'phasic spiking'],
    ['rebound_burst', 2, 'phasic bursting'],
    ['inhibition_induced_spiking', 1, 'tonic spiking'],
    ['inhibition_induced_bursting', 1, 'tonic bursting'],
  ] as const)('%s (segment %i on) is %s', (id, seg, cls) => {
    const e = getExperiment(id)!;
    expect(classOfExperiment(id, seg, e.session.protocol.length - 1 === seg ? seg : seg)).toBe(cls);
  });

  it('2004 A "tonic spiking" is classified adapting: it adapts more than 2003 RS (the stated failure case)', () => {
    // First interval 4.0 ms, then 14.5, 27.8, 27.5: the rate falls sevenfold, more than RS's (6.0 → 33.3 ms), which
    // the 2003 paper calls adapting. A rule calling A tonic would call RS tonic too (classify.ts, failure cases).
    expect(classOfExperiment('tonic_spiking', 1)).toBe('adapting');
    expect(classOfExperiment('rs_2003', 1)).toBe('adapting');
  });
});

describe('2003 classes at their published parameters: the class the paper describes', () => {
  it.each([
    ['RS', [0.02, 0.2, -65, 8], 'adapting'], // "fire a few spikes with short interspike period and then the period increases"
    ['IB', [0.02, 0.2, -55, 4], 'mixed mode'], // "a stereotypical burst of spikes followed by repetitive single spikes"
    ['CH', [0.02, 0.2, -50, 2], 'tonic bursting'], // "stereotypical bursts of closely spaced spikes"
    ['FS', [0.1, 0.2, -65, 2], 'tonic spiking'], // "periodic trains of action potentials with extremely high frequency practically without any adaptation"
    ['LTS', [0.02, 0.25, -65, 2], 'adapting'], // "high-frequency trains of action potentials, but with a considerable spike frequency adaptation"
    ['TC', [0.02, 0.25, -65, 0.05], 'tonic spiking'], // tonic firing when depolarised
  ] as const)('%s under a 1 s step of I = 10 from rest is %s', (_name, [a, b, c, d], cls) => {
    expect(mapClass(a, b, c, d)).toBe(cls);
  });

  it('TC in burst mode (hyperpolarised, then released) fires a rebound burst: phasic bursting', () => {
    const s = defaultSession();
    s.params = { ...s.params, a: 0.02, b: 0.25, c: -65, d: 0.05 };
    s.integration = { dt: 0.1, stepper: 'rk4', spikes: 'exact', precision: 'float64' };
    s.initial = { v: -87, u: -21.75 };
    s.protocol = [{ until: 45, assign: { I: -25 } }, { until: 300, assign: { I: 0 } }];
    const r = simulate(s, { record: false });
    const lo = r.checkpoints![1].nSpikes;
    expect(classifyTrain(fullTrain(r.spikes.subarray(lo), 45, 300)).cls).toBe('phasic bursting');
  });

  it('the three excitatory classes of the (c, d) plane are three different classes', () => {
    const cls = [[-65, 8], [-55, 4], [-50, 2]].map(([c, d]) => mapClass(0.02, 0.2, c, d));
    expect(new Set(cls).size).toBe(3);
  });
});

/** Spike times from intervals, starting at `t` in a window [0, T]. */
function train(isis: number[], t = 5): number[] {
  const out = [t];
  for (const d of isis) out.push((t += d));
  return out;
}
const rep = (xs: number[], k: number) => Array.from({ length: k }, () => xs).flat();

describe('rules on constructed trains', () => {
  it('silent, one spike, a burst that stops, a train that stops', () => {
    expect(classifyTrain(fullTrain([], 0, 1000))).toMatchObject({ cls: 'silent', spikeCount: 0, rateHz: 0, latency: null, spikesPerBurst: 0 });
    expect(classifyTrain(fullTrain([40], 0, 1000))).toMatchObject({ cls: 'phasic spiking', spikeCount: 1, latency: 40 });
    expect(classifyTrain(fullTrain(train([3, 3.5, 4, 5]), 0, 1000)).cls).toBe('phasic bursting');
    // Firing that goes on to the end is never phasic, however slow: the last silence is under one interval.
    expect(classifyTrain(fullTrain(train(rep([90], 10)), 0, 1000)).cls).toBe('tonic spiking');
  });

  it('tonic spiking, adapting and irregular single spikes', () => {
    expect(classifyTrain(fullTrain(train([9, 10, ...rep([10], 90)]), 0, 1000)).cls).toBe('tonic spiking');
    // The rate halves (first 8 ms, then 16 ms and more): adapting; 8 → 15 ms is not quite half: tonic.
    expect(classifyTrain(fullTrain(train([8, 12, 14, ...rep([16], 50)]), 0, 1000)).cls).toBe('adapting');
    expect(classifyTrain(fullTrain(train([8, 12, 14, ...rep([15], 50)]), 0, 1000)).cls).toBe('tonic spiking');
    // Pseudo-random intervals between 5 and 25 ms (no bimodal gap): irregular.
    let s = 3;
    const isis = Array.from({ length: 60 }, () => { s = (s * 16807) % 2147483647; return 5 + 20 * (s / 2147483647); });
    expect(classifyTrain(fullTrain(train(isis), 0, 1000)).cls).toBe('irregular');
  });

  it('tonic bursting and mixed mode; a tonic phase that keeps slowing down is adaptation', () => {
    const bursting = classifyTrain(fullTrain(train(rep([2, 2.5, 3, 40], 20)), 0, 1000));
    expect(bursting).toMatchObject({ cls: 'tonic bursting', spikesPerBurst: 4 });
    const mixed = classifyTrain(fullTrain(train([2, 3, 40, ...rep([30], 25)]), 0, 1000));
    expect(mixed).toMatchObject({ cls: 'mixed mode', spikesPerBurst: 3 });
    expect(classifyTrain(fullTrain(train([2, 3, 20, 24, 28, 32, 36, 40]), 0, 300)).cls).toBe('adapting');
    // An onset doublet alone is not a burst: the train is read as single spikes.
    expect(classifyTrain(fullTrain(train([3, ...rep([30], 25)]), 0, 1000)).cls).toBe('adapting');
  });

  it('a long train given as head and tail (middle spikes missing) classifies as the full train', () => {
    const cases: number[][] = [train([9, 10, ...rep([10], 200)]), train(rep([2, 2.5, 3, 40], 60)), train([2, 3, 40, ...rep([30], 300)])];
    for (const full of cases) {
      const T = full[full.length - 1] + 5;
      const a = classifyTrain(fullTrain(full, 0, T));
      const b = classifyTrain({ head: full.slice(0, 48), tail: full.slice(-48), count: full.length, t0: 0, t1: T });
      expect(b.cls).toBe(a.cls);
      expect(b.spikeCount).toBe(a.spikeCount);
      expect(b.rateHz).toBe(a.rateHz);
    }
  });

  it('measures: rate, latency, CV, adaptation index, spikes per burst', () => {
    const m = classifyTrain(fullTrain(train([10, 20, 20, 20], 25), 0, 100));
    // The rate halves (10 → 20 ms): adapting, exactly at the threshold.
    expect(m.cls).toBe('adapting');
    expect(m.spikeCount).toBe(5);
    expect(m.rateHz).toBe(50);
    expect(m.latency).toBe(25);
    // Intervals 10, 20, 20, 20: mean 17.5, population sd 4.33 → CV 0.2474.
    expect(m.cv).toBeCloseTo(Math.sqrt(18.75) / 17.5, 12);
    // (ISI_late − ISI_first)/(ISI_late + ISI_first) = (20 − 10)/30.
    expect(m.adaptation).toBeCloseTo(1 / 3, 12);
    expect(m.spikesPerBurst).toBe(1);
  });
});
