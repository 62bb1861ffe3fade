// Tests of the gallery thumbnails computed through the shared core in Node (the worker runs the same code): every
// experiment draws, spike peaks survive the reduction to the thumbnail's columns, I(t) is the protocol exactly,
// coordinates stay inside the viewBox even for a diverging run, and the worker handler streams one reply per experiment.
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS, EXPERIMENTS_2003_2004, getExperiment } from '../model/experiments';
import { simulate } from '../engine/simulate';
import { currentTrace } from './core';
import { handleThumbnails, type GalleryReply } from './galleryProtocol';
import { DEFAULT_THUMB_GEOMETRY, THUMB_V_RANGE, experimentThumbnail, scaleBarMs, sessionThumbnail } from './thumbnail';

/** The vertices of an "M x y L x y …" path. */
function vertices(d: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /([ML])(-?[\d.]+) (-?[\d.]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(d))) out.push([Number(m[2]), Number(m[3])]);
  return out;
}

const G = DEFAULT_THUMB_GEOMETRY;
/** y of a membrane potential in the default v panel (as thumbnail.ts maps it). */
const vy = (v: number, range: [number, number] = THUMB_V_RANGE) => 1 + (1 - (v - range[0]) / (range[1] - range[0])) * (G.vHeight - 2);

describe('experiment thumbnails', () => {
  it.each(EXPERIMENTS.map((e) => [e.id]))('%s: v and I paths inside the viewBox, spikes as in the engine', (id) => {
    const e = getExperiment(id)!;
    const th = experimentThumbnail(id, simulate);
    const sim = simulate(e.session, { record: false });
    expect(th.status).toBe('ok');
    expect(th.spikeCount).toBe(sim.spikes.length);
    expect(th.width).toBe(G.columns);
    expect(th.height).toBe(G.vHeight + G.gap + G.iHeight);
    const v = vertices(th.vPath);
    expect(v.length).toBe(th.points);
    expect(v.length).toBeGreaterThan(G.columns / 2);
    expect(v.length).toBeLessThanOrEqual(2 * G.columns + 2);
    for (const [x, y] of v) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(th.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(G.vHeight);
    }
    // Time runs left to right.
    for (let i = 1; i < v.length; i++) expect(v[i][0]).toBeGreaterThanOrEqual(v[i - 1][0]);
    // I(t): two vertices per segment, in the band under v, spanning it from its lowest to its highest current.
    const I = vertices(th.iPath);
    expect(I.length).toBe(2 * e.session.protocol.length);
    const ys = I.map((p) => p[1]);
    expect(Math.min(...ys)).toBeCloseTo(G.vHeight + G.gap, 2);
    expect(Math.max(...ys)).toBeCloseTo(G.vHeight + G.gap + G.iHeight, 2);
    const cur = currentTrace(e.session);
    expect(th.iRange).toEqual([cur.yMin, cur.yMax]);
  });

  // The papers' 27 (the 2007 cells' bursts are closer than a column of 240: CH's doublets 3 ms apart in 1 s, and
  // RTN's cut-off is 0 mV).
  it.each(EXPERIMENTS_2003_2004.map((e) => [e.id]))('%s: every spike is a separate peak at v_th in the thumbnail', (id) => {
    const e = getExperiment(id)!;
    const th = experimentThumbnail(id, simulate);
    const sim = simulate(e.session, { record: false });
    const msPerColumn = th.duration / th.width;
    let minIsi = Infinity;
    for (let i = 1; i < sim.spikes.length; i++) minIsi = Math.min(minIsi, sim.spikes[i] - sim.spikes[i - 1]);
    // Two spikes falling in one column could not both be drawn; none of the figures is that dense at 240 columns
    // (the closest: tonic bursting, 1.5 ms apart at 0.92 ms per column).
    expect(minIsi).toBeGreaterThan(msPerColumn);
    const v = vertices(th.vPath);
    const top = vy(e.session.params.v_th, th.vRange);
    let runs = 0;
    let inRun = false;
    for (const [, y] of v) {
      const high = y <= vy(0, th.vRange); // above 0 mV
      if (high && !inRun) runs++;
      inRun = high;
    }
    expect(runs).toBe(sim.spikes.length);
    if (sim.spikes.length) expect(Math.min(...v.map((p) => p[1]))).toBeCloseTo(top, 1);
  });

  it('draws the negative pulse of "rebound spike" below its 0 baseline, and a zero line only inside the I range', () => {
    const th = experimentThumbnail('rebound_spike', simulate);
    expect(th.iRange).toEqual([-15, 0]);
    expect(th.iZeroY).toBeNull(); // 0 is the band's top edge
    const I = vertices(th.iPath);
    expect(I.map((p) => p[1])).toEqual([90, 90, 104, 104, 90, 90]);
    const tv = experimentThumbnail('threshold_variability', simulate);
    expect(tv.iRange).toEqual([-6, 1]);
    expect(tv.iZeroY).toBeCloseTo(G.vHeight + G.gap + (1 / 7) * G.iHeight, 2);
  });

  it('keeps a diverging run inside the viewBox (inhibition-induced bursting under rk4 + exact)', () => {
    const e = getExperiment('inhibition_induced_bursting')!;
    const s = { ...e.session, integration: { ...e.session.integration, stepper: 'rk4' as const, spikes: 'exact' as const, dt: 0.01 } };
    const th = sessionThumbnail(e.id, s, simulate);
    expect(th.status).toBe('diverged');
    expect(th.vRange[0]).toBeGreaterThanOrEqual(-150);
    expect(th.vRange[1]).toBeLessThanOrEqual(100);
    for (const [, y] of vertices(th.vPath)) {
      expect(Number.isFinite(y)).toBe(true);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(G.vHeight);
    }
  });

  it('chooses a round scale bar of about a fifth of the run', () => {
    expect([85, 100, 220, 300, 400, 1000, 3].map(scaleBarMs)).toEqual([10, 20, 20, 50, 50, 200, 0.5]);
    const th = experimentThumbnail('tonic_bursting', simulate);
    expect(th.scaleBar.ms).toBe(20);
    expect(th.scaleBar.width).toBeCloseTo((20 / 220) * G.columns, 2);
  });

  it('rejects an unknown experiment id naming the known ones', () => {
    expect(() => experimentThumbnail('nope', simulate)).toThrow(/unknown experiment "nope".*tonic_bursting/);
  });
});

describe('gallery worker handler', () => {
  it('answers once per experiment, in order, errors included, then once when done', () => {
    const replies: GalleryReply[] = [];
    handleThumbnails(
      { type: 'thumbnails', id: 7, experiments: ['tonic_spiking', 'nope', 'dap'], geometry: G },
      (id, g) => experimentThumbnail(id, simulate, g),
      (r) => replies.push(r),
    );
    expect(replies.map((r) => r.type)).toEqual(['thumbnail', 'thumbnail-error', 'thumbnail', 'thumbnails-done']);
    expect(replies.every((r) => r.id === 7)).toBe(true);
    const first = replies[0];
    expect(first.type === 'thumbnail' && first.thumbnail.id).toBe('tonic_spiking');
    const err = replies[1];
    expect(err.type === 'thumbnail-error' && err.experiment).toBe('nope');
    const third = replies[2];
    expect(third.type === 'thumbnail' && third.thumbnail.id).toBe('dap');
  });
});
