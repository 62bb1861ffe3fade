// Map colours: class colours per legend entry, the ramp's ends, log scale for counts and rates spanning decades,
// and the image's orientation (the largest y on the top row), unfilled pixels transparent.

import { describe, expect, it } from 'vitest';
import { MAP_LEGEND, N_MEASURES } from '../../analysis/firingMap';
import { defaultSession } from '../../model/session';
import { DEFAULT_MAP_SETTINGS, UNFILLED, mapSpecOf, type MapData } from '../../state/map';
import { CLASS_COLORS, hexRgb, logScale, mapImage, rampRgb, scalePosition } from './colors';

describe('map colours', () => {
  it('a colour per legend entry, the ramp from dark to bright', () => {
    for (const k of MAP_LEGEND) expect(CLASS_COLORS[k]).toMatch(/^#[0-9a-f]{6}$/);
    expect(rampRgb(0)).toEqual(hexRgb('#440154'));
    expect(rampRgb(1)).toEqual(hexRgb('#fde725'));
  });

  it('counts and rates spanning decades go on a log scale; other measures stay linear', () => {
    const wide = { min: 2, max: 800 };
    expect(logScale(1, wide)).toBe(true);
    expect(logScale(3, wide)).toBe(false);
    expect(logScale(1, { min: 20, max: 40 })).toBe(false);
    expect(scalePosition(1, wide, Math.sqrt(3 * 801) - 1)).toBeCloseTo(0.5, 12);
    expect(scalePosition(3, { min: 0, max: 2 }, 0.5)).toBe(0.25);
  });

  it('the image has the largest y on its top row; unfilled pixels are transparent', () => {
    const spec = mapSpecOf({ ...DEFAULT_MAP_SETTINGS, resolution: 2 }, defaultSession());
    const d: MapData = {
      request: 1, spec, nx: 2, ny: 2, cls: Uint8Array.of(0, 1, 2, 3), values: new Float32Array(4 * N_MEASURES),
      stride: Uint8Array.of(1, 1, 1, UNFILLED),
    };
    const img = mapImage(d, -1, null);
    // Top row = iy 1: pixel (0, 1) has class 2, pixel (1, 1) is unfilled.
    expect(Array.from(img.slice(0, 3))).toEqual(hexRgb(CLASS_COLORS[MAP_LEGEND[2]]));
    expect(img[7]).toBe(0);
    expect(Array.from(img.slice(8, 11))).toEqual(hexRgb(CLASS_COLORS[MAP_LEGEND[0]]));
  });
});
