// Firing-pattern maps: the grid and its progressive order, a job's pixels equal simulate() + classify on each
// pixel's own session (diverged and restless pixels included), the step protocol's semantics, refused specs.

import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import { defaultSession, segmentStart } from '../model/session';
import { classifyTrain, fullTrain } from './classify';
import {
  DIVERGED_CODE, MAP_LEGEND, NO_REST_CODE, N_MEASURES, axisValues, checkMapSpec, chunk, computeMapJob, pixelSession,
  progressiveLevels, type MapSpec,
} from './firingMap';

function abSpec(nx: number, ny: number): MapSpec {
  return {
    session: defaultSession(), integration: { dt: 0.1, stepper: 'rk4', spikes: 'exact', precision: 'float64' },
    x: { param: 'a', min: -0.05, max: 0.1, n: nx }, y: { param: 'b', min: 0.15, max: 0.45, n: ny },
    protocol: { kind: 'step', I: 10, duration: 300 },
  };
}

describe('firing-pattern map', () => {
  it('axis values include both ends; progressive levels cover every pixel once, coarse first', () => {
    expect(Array.from(axisValues({ param: 'a', min: 0, max: 0.2, n: 5 }))).toEqual([0, 0.05, 0.1, 0.15, 0.2]);
    expect(Array.from(axisValues({ param: 'a', min: 0.3, max: 0.3, n: 1 }))).toEqual([0.3]);
    for (const [nx, ny] of [[256, 256], [64, 32], [5, 7], [1, 1]]) {
      const levels = progressiveLevels(nx, ny);
      const seen = new Uint8Array(nx * ny);
      for (const l of levels) for (const p of l.pixels) seen[p]++;
      expect(seen.every((x) => x === 1)).toBe(true);
      expect(levels.map((l) => l.stride)).toEqual([...levels.map((l) => l.stride)].sort((a, b) => b - a));
      expect(levels[levels.length - 1].stride).toBe(1);
      // The first picture is coarse: at most 16 samples along the longer side (at least 8 when the map is larger).
      const first = Math.ceil(Math.max(nx, ny) / levels[0].stride);
      expect(first).toBeLessThanOrEqual(16);
      if (Math.max(nx, ny) >= 16) expect(first).toBeGreaterThanOrEqual(8);
    }
  });

  it('jobs cover a level once, in order; the last level ends in quarter-size jobs (the workers finish together)', () => {
    const px = Int32Array.from({ length: 5000 }, (_, i) => 3 * i);
    for (const taper of [false, true]) {
      const jobs = chunk(px, 512, 2, taper);
      expect(Array.from(jobs.flatMap((j) => Array.from(j)))).toEqual(Array.from(px));
      expect(Math.max(...jobs.map((j) => j.length))).toBe(512);
      const last = jobs.slice(-8).map((j) => j.length);
      if (taper) expect(last).toEqual([128, 128, 128, 128, 128, 128, 128, 128]);
      else expect(jobs.length).toBe(10);
    }
    // A level smaller than minJobs jobs still gives minJobs jobs.
    expect(chunk(Int32Array.from({ length: 256 }, (_, i) => i), 512, 2).map((j) => j.length)).toEqual([128, 128]);
  });

  it('each pixel is its own session run by simulate() and classified: class and measures agree', () => {
    const spec = abSpec(6, 5);
    const all = Int32Array.from({ length: 30 }, (_, i) => i);
    const r = computeMapJob({ spec, pixels: all })!;
    expect(r.engine).toBe('wasm-simd');
    const seen = new Set<number>();
    for (let k = 0; k < 30; k++) {
      const ix = k % 6, iy = Math.floor(k / 6);
      const s = pixelSession(spec, ix, iy);
      expect(s.params.a).toBe(axisValues(spec.x)[ix]);
      expect(s.params.b).toBe(axisValues(spec.y)[iy]);
      const sim = simulate(s, { record: false });
      seen.add(r.cls[k]);
      if (sim.status.kind === 'refused') { expect(r.cls[k]).toBe(NO_REST_CODE); continue; }
      if (sim.status.kind === 'diverged') { expect(r.cls[k]).toBe(DIVERGED_CODE); continue; }
      const lo = sim.checkpoints![1].nSpikes;
      const c = classifyTrain(fullTrain(sim.spikes.subarray(lo), segmentStart(s.protocol, 1), s.protocol[1].until));
      expect(MAP_LEGEND[r.cls[k]], `pixel ${ix}, ${iy}`).toBe(c.cls);
      const v = r.values.subarray(k * N_MEASURES, (k + 1) * N_MEASURES);
      expect(v[0]).toBe(c.spikeCount);
      expect(v[1]).toBeCloseTo(c.rateHz, 3);
      if (c.latency !== null) expect(v[2]).toBeCloseTo(c.latency, 3);
    }
    // The grid spans firing classes, divergence (a < 0) and restless pixels (large b).
    expect(seen.has(DIVERGED_CODE) || seen.has(NO_REST_CODE)).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('with a step, an axis of I sets the amplitude and leaves the baseline at rest (I = 0)', () => {
    const spec: MapSpec = { ...abSpec(2, 2), y: { param: 'I', min: 2, max: 12, n: 2 } };
    const s = pixelSession(spec, 1, 1);
    expect(s.protocol.map((p) => p.assign?.I)).toEqual([0, 12]);
    expect(s.initial.mode).toBe('rest');
    expect(s.params.a).toBe(0.1);
  });

  it('refuses bad specs with the field and the allowed range', () => {
    const ok = abSpec(4, 4);
    expect(() => checkMapSpec(ok)).not.toThrow();
    expect(() => checkMapSpec({ ...ok, x: { ...ok.x, n: 513 } })).toThrow(/x: the resolution must be an integer in 1 … 512/);
    expect(() => checkMapSpec({ ...ok, x: { ...ok.x, min: -5 } })).toThrow(/x\.min \(a\) must be in -0\.2 … 2 1\/ms/);
    expect(() => checkMapSpec({ ...ok, y: { ...ok.y, max: 0.1 } })).toThrow(/y: max \(0\.1\) must be greater than min/);
    expect(() => checkMapSpec({ ...ok, y: { ...ok.x } })).toThrow(/x and y must be different parameters/);
    expect(() => checkMapSpec({ ...ok, protocol: { kind: 'step', I: 500, duration: 10 } })).toThrow(/step I must be in -100 … 100/);
    expect(() => checkMapSpec({ ...ok, protocol: { kind: 'session', window: { from: 0, to: 3 } } })).toThrow(/analysed segments must satisfy 1 ≤ from ≤ to ≤ 1/);
    expect(() => checkMapSpec({ ...ok, integration: { ...ok.integration, dt: 5 } })).toThrow(/dt must be in 0\.0001 … 1 ms/);
    expect(() => checkMapSpec({ ...ok, session: defaultSession('izh2007') })).toThrow(/the map works on the 2003 form's parameters/);
  });
});
