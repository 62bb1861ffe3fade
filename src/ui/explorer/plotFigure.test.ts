// Tests of which layout changes keep Plotly's fast pathway (furnitureKey): label texts and y ranges may change,
// the time window, bands, selection and label rows may not.
import { describe, expect, it } from 'vitest';
import { boundaryTimes, buildLayout, furnitureKey, niceRange, stickyRange, type LayoutInput } from './plotFigure';
import type { SegmentView } from '../../state/derived';
import { DEFAULT_PARAMS } from '../../model/params';

function views(labels: string[], ends: number[]): SegmentView[] {
  return labels.map((label, i) => ({ index: i, start: i ? ends[i - 1] : 0, end: ends[i], label, params: DEFAULT_PARAMS, explicit: new Set() }));
}

const base: LayoutInput = {
  width: 1000, height: 600, views: views(['I=0', 'I=5', 'I=10'], [300, 600, 900]), selected: 0, window: [0, 900],
  vRange: [-80, 50], uRange: [-20, 10], iRange: null,
};

describe('furnitureKey', () => {
  it('ignores label texts and y ranges', () => {
    const k = furnitureKey(buildLayout(base));
    expect(furnitureKey(buildLayout({ ...base, views: views(['a=0.021, I=0', 'I=5', 'I=10'], [300, 600, 900]) }))).toBe(k);
    expect(furnitureKey(buildLayout({ ...base, uRange: [-30, 15] }))).toBe(k);
  });

  it('changes with the time window, the bands, the selection and the v ticks', () => {
    const k = furnitureKey(buildLayout(base));
    expect(furnitureKey(buildLayout({ ...base, window: [100, 900] }))).not.toBe(k);
    expect(furnitureKey(buildLayout({ ...base, views: views(['I=0', 'I=5', 'I=10'], [300, 650, 900]) }))).not.toBe(k);
    expect(furnitureKey(buildLayout({ ...base, selected: 1 }))).not.toBe(k);
    // leaving −80..50 mV drops the fixed tick spacing: not a range-only change
    expect(furnitureKey(buildLayout({ ...base, vRange: [-90, 50] }))).not.toBe(k);
  });
});

describe('bands and boundary lines', () => {
  it('one band per segment and one vertical line at every segment start, all in one path shape', () => {
    const shapes = (buildLayout(base) as { shapes: Array<Record<string, unknown>> }).shapes;
    const bands = shapes.filter((s) => s.type === 'rect');
    expect(bands.map((b) => [b.x0, b.x1])).toEqual([[0, 300], [300, 600], [600, 900]]);
    const paths = shapes.filter((s) => s.type === 'path');
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({ xref: 'x', yref: 'paper', name: 'boundaries' });
    expect(paths[0].path).toBe('M0,0L0,1M300,0L300,1M600,0L600,1');
    expect(boundaryTimes(String(paths[0].path))).toEqual([0, 300, 600]);
  });
});

describe('stickyRange', () => {
  it('keeps the shown range while the data fit it and fill at least half of it', () => {
    expect(stickyRange(null, -14, 2, [-20, 10])).toEqual(niceRange(-14, 2, [-20, 10]));
    expect(stickyRange([-16, 4], -14, 2, [-20, 10])).toEqual([-16, 4]);
    expect(stickyRange([-16, 4], -13.5, 1.2, [-20, 10])).toEqual([-16, 4]);
  });

  it('moves when the data leave the range or shrink to a small part of it', () => {
    expect(stickyRange([-16, 4], -17, 2, [-20, 10])).toEqual(niceRange(-17, 2, [-20, 10]));
    expect(stickyRange([-16, 4], -14, 4.5, [-20, 10])).toEqual(niceRange(-14, 4.5, [-20, 10]));
    expect(stickyRange([-16, 4], -10, -5, [-20, 10])).toEqual(niceRange(-10, -5, [-20, 10]));
    expect(stickyRange([-16, 4], NaN, NaN, [-20, 10])).toEqual([-20, 10]);
  });
});
