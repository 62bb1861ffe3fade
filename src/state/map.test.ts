// The map's store: tiles paint their blocks without covering finer pixels, tiles of a superseded request are
// ignored (nothing of a cancelled map reaches the new one), settings stay in range, bad settings are named.

import { describe, expect, it } from 'vitest';
import { defaultSession } from '../model/session';
import type { MapJobResult } from '../analysis/firingMap';
import { N_MEASURES } from '../analysis/firingMap';
import { UNFILLED, createMapStore, mapSpecOf, settingsProblem, DEFAULT_MAP_SETTINGS } from './map';

function tile(pixels: number[], cls: number): MapJobResult {
  return {
    pixels: Int32Array.from(pixels), cls: new Uint8Array(pixels.length).fill(cls),
    values: new Float32Array(pixels.length * N_MEASURES).fill(cls), engine: 'js', neuronSteps: 0,
  };
}
const progress = (request: number) => ({ request, done: 0, total: 16, completeStride: Infinity, elapsedMs: 0, etaMs: null, engine: null });

describe('map store', () => {
  it('paints coarse blocks, then finer samples replace them, never the other way round', () => {
    const st = createMapStore({ ...DEFAULT_MAP_SETTINGS, resolution: 4 });
    const spec = mapSpecOf(st.getState().settings, defaultSession());
    st.getState().actions.begin(1, spec);
    st.getState().actions.tile(1, tile([0], 3), 2, progress(1)); // (0,0) paints (0..1, 0..1)
    const d = st.getState().data!;
    expect(Array.from(d.stride)).toEqual([1, 2, UNFILLED, UNFILLED, 2, 2, UNFILLED, UNFILLED, ...new Array(8).fill(UNFILLED)]);
    expect(Array.from(d.cls.slice(0, 6))).toEqual([3, 3, 0, 0, 3, 3]);
    st.getState().actions.tile(1, tile([1, 5], 6), 1, progress(1));
    expect(Array.from(d.cls.slice(0, 6))).toEqual([3, 6, 0, 0, 3, 6]);
    // A late coarse tile does not cover the finer pixels.
    st.getState().actions.tile(1, tile([0], 7), 2, progress(1));
    expect(Array.from(d.cls.slice(0, 6))).toEqual([3, 6, 0, 0, 3, 6]);
    expect(d.values[1 * N_MEASURES]).toBe(6);
  });

  it('tiles of a superseded request are ignored; a new request starts empty', () => {
    const st = createMapStore({ ...DEFAULT_MAP_SETTINGS, resolution: 4 });
    const spec = mapSpecOf(st.getState().settings, defaultSession());
    const a = st.getState().actions;
    a.begin(1, spec);
    a.select({ ix: 1, iy: 1 });
    a.begin(2, spec);
    expect(st.getState().selected).toBeNull();
    const rev = st.getState().revision;
    a.tile(1, tile([0, 1, 2], 4), 1, progress(1));
    a.finish(1, progress(1));
    expect(st.getState().revision).toBe(rev);
    expect(st.getState().status).toBe('running');
    expect(st.getState().data!.stride.every((x) => x === UNFILLED)).toBe(true);
  });

  it('keeps settings in range and names what is wrong', () => {
    const st = createMapStore();
    const a = st.getState().actions;
    a.setResolution(9999);
    expect(st.getState().settings.resolution).toBe(512);
    a.setAxis('x', { param: 'k1' });
    expect(st.getState().settings.x).toEqual({ param: 'k1', min: 3, max: 7 });
    a.setPlane('ab');
    expect(st.getState().settings.x.param).toBe('a');
    const s = defaultSession();
    expect(settingsProblem(st.getState().settings, s)).toBeNull();
    expect(settingsProblem({ ...st.getState().settings, stepDuration: 0 }, s)).toMatch(/step duration must be in 1 … 100000 ms/);
  });
});
