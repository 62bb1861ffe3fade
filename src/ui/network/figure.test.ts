// Tests of the network figure's zoom ranges: a relayout range is clamped to the run; a pan beyond an end (which,
// clamped, would be empty or inverted and give Plotly NaN axis paths) is not a range.
import { describe, expect, it } from 'vitest';
import { zoomRange } from './figure';

describe('zoomRange', () => {
  it('keeps a range inside the run and clamps one that overhangs it', () => {
    expect(zoomRange(100, 200, 0, 1000)).toEqual([100, 200]);
    expect(zoomRange(-50, 200, 0, 1000)).toEqual([0, 200]);
    expect(zoomRange(900, 1500, 0, 1000)).toEqual([900, 1000]);
  });
  it('refuses a range panned wholly past an end, an empty or inverted one, and missing or non-finite ends', () => {
    expect(zoomRange(1200, 1500, 0, 1000)).toBeNull();
    expect(zoomRange(-300, -10, 0, 1000)).toBeNull();
    expect(zoomRange(1000, 1200, 0, 1000)).toBeNull();
    expect(zoomRange(300, 300, 0, 1000)).toBeNull();
    expect(zoomRange(400, 300, 0, 1000)).toBeNull();
    expect(zoomRange(undefined, 300, 0, 1000)).toBeNull();
    expect(zoomRange(Number.NaN, 300, 0, 1000)).toBeNull();
  });
});
