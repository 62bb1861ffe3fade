// Tests of which layout changes keep Plotly's fast pathway (furnitureKey): label texts and y ranges may change,
// the time window, bands, selection and label rows may not.
import { describe, expect, it } from 'vitest';
import {
  BAND_OPACITY, CROWDED_LABELS_FROM, PANEL_GAP_PX, bandPaths, boundaryTimes, buildData, buildLayout, furnitureKey, niceRange, panelDomains, stickyRange,
  type LayoutInput,
} from './plotFigure';
import { PLOTLY_SEPARATORS } from '../shared/format';
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
  it('beyond CROWDED_LABELS_FROM segments, the bands of one colour are one path: a rectangle per segment, each once', () => {
    const n = 200;
    const many = views(Array.from({ length: n }, (_, i) => `s${i}`), Array.from({ length: n }, (_, i) => 10 * (i + 1)));
    const shapes = (buildLayout({ ...base, views: many, window: [0, 10 * n] }) as { shapes: Array<Record<string, unknown>> }).shapes;
    expect(shapes.some((s) => String(s.name).startsWith('band-'))).toBe(false);
    const paths = shapes.filter((s) => String(s.name).startsWith('bands-'));
    expect(paths.length).toBe(8); // the palette's colours
    const rects = paths.flatMap((s) => [...String(s.path).matchAll(/M([^,]+),0L([^,]+),0L[^,]+,1L[^,]+,1Z/g)].map((m) => [Number(m[1]), Number(m[2])]));
    expect(rects.sort((a, b) => a[0] - b[0])).toEqual(many.map((v) => [v.start, v.end]));
    for (const s of paths) expect(s.opacity).toBe(BAND_OPACITY);
    // colour c holds the segments i with i mod 8 = c, as the per-segment bands do
    expect(bandPaths(many)[3]).toContain(`M${many[11].start},0`);
    expect(bandPaths(many)[3]).not.toContain(`M${many[12].start},0`);
    // up to the limit, one rect per segment (named band-i, as the SVG export and the tests read them)
    const few = views(Array.from({ length: CROWDED_LABELS_FROM }, (_, i) => `s${i}`), Array.from({ length: CROWDED_LABELS_FROM }, (_, i) => 10 * (i + 1)));
    const fewShapes = (buildLayout({ ...base, views: few, window: [0, 400] }) as { shapes: Array<Record<string, unknown>> }).shapes;
    expect(fewShapes.filter((s) => String(s.name).startsWith('band-')).length).toBe(CROWDED_LABELS_FROM);
  });

  it('one band per segment and one vertical line at every segment start, all in one path shape', () => {
    const shapes = (buildLayout(base) as { shapes: Array<Record<string, unknown>> }).shapes;
    const bands = shapes.filter((s) => s.type === 'rect' && String(s.name).startsWith('band-'));
    expect(bands.map((b) => [b.x0, b.x1])).toEqual([[0, 300], [300, 600], [600, 900]]);
    const paths = shapes.filter((s) => s.type === 'path' && s.name === 'boundaries');
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

type Shape = Record<string, unknown>;
type Layout = { shapes: Shape[]; annotations: Shape[]; margin: { t: number }; separators: string } & Record<string, Record<string, unknown>>;
const L = (p: Partial<LayoutInput> = {}) => buildLayout({ ...base, ...p }) as unknown as Layout;

describe('a figure to publish (issue 8)', () => {
  it('emphasises the selection without darkening its band: equal bands, a bar above the selected one', () => {
    for (const selected of [0, 1, 2]) {
      const l = L({ selected });
      const bands = l.shapes.filter((s) => String(s.name).startsWith('band-'));
      expect(new Set(bands.map((b) => b.opacity))).toEqual(new Set([BAND_OPACITY]));
      const bar = l.shapes.find((s) => s.name === 'selection')!;
      expect([bar.x0, bar.x1]).toEqual([bands[selected].x0, bands[selected].x1]);
      expect(Number(bar.y0)).toBe(1); // above the plot area, not over the data
      expect(Number(bar.y1)).toBeGreaterThan(1);
      // the bar sits under the labels: label offsets leave room for it
      for (const a of l.annotations.filter((x) => String(x.name).startsWith('label-'))) expect(Number(a.yshift)).toBeGreaterThanOrEqual(4);
    }
  });

  it('gives I(t) its unit and keeps panels apart: frames top and bottom, a gap of PANEL_GAP_PX px', () => {
    const l = L({ iRange: [-5, 5] });
    expect((l.yaxis3.title as { text: string }).text).toBe('I (mV/ms)');
    expect((l.yaxis.title as { text: string }).text).toBe('v (mV)');
    expect((l.yaxis2.title as { text: string }).text).toBe('u (mV/ms)');
    const area = base.height - l.margin.t - 42;
    const v = l.yaxis.domain as [number, number];
    const u = l.yaxis2.domain as [number, number];
    const I = l.yaxis3.domain as [number, number];
    expect((v[0] - u[1]) * area).toBeGreaterThanOrEqual(PANEL_GAP_PX - 0.5);
    expect((u[0] - I[1]) * area).toBeGreaterThanOrEqual(PANEL_GAP_PX - 0.5);
    const frames = String(l.shapes.find((s) => s.name === 'frames')!.path);
    // the v panel's bottom edge is drawn (it had none: its −80 label ran into the u panel's labels)
    expect(frames).toContain(`M0,${v[0]}L1,${v[0]}`);
    expect(frames).toContain(`M0,${u[1]}L1,${u[1]}`);
    expect(panelDomains(300, false).v[0] - panelDomains(300, false).u[1]).toBeCloseTo(PANEL_GAP_PX / 300, 3);
  });

  it('lets every panel zoom in y (the way back is the toolbar and double-click)', () => {
    const l = L({ iRange: [-5, 5] });
    for (const ax of ['yaxis', 'yaxis2', 'yaxis3']) expect(l[ax].fixedrange, ax).toBe(false);
    expect(L({ dragmode: 'pan' }).dragmode).toBe('pan');
  });

  it('formats ticks and hovers by one convention: decimal point, thin-space thousands', () => {
    const l = L({ iRange: [-5, 5] });
    expect(l.separators).toBe(PLOTLY_SEPARATORS);
    for (const ax of ['xaxis', 'yaxis', 'yaxis2', 'yaxis3']) expect(l[ax].separatethousands, ax).toBe(true);
    expect(l.xaxis.hoverformat).toBe(',.2f');
    const xy = { x: new Float32Array(2), y: new Float32Array(2), length: 2, yMin: 0, yMax: 1 };
    const data = buildData({ window: [0, 1], columns: 1, v: xy, u: xy, I: xy, fullLength: 2 }, true) as Array<{ hovertemplate: string }>;
    for (const d of data) expect(d.hovertemplate).toMatch(/%\{y:,\.\d+f\}/);
  });

  it('greys out and labels the part of a diverged run that was not computed', () => {
    const l = L({ computedUntil: 700, duration: 900 });
    const nc = l.shapes.find((s) => s.name === 'not-computed')!;
    expect([nc.x0, nc.x1]).toEqual([700, 900]);
    expect(l.annotations.some((a) => String(a.text).startsWith('not computed'))).toBe(true);
    expect(L({ computedUntil: null, duration: 900 }).shapes.some((s) => s.name === 'not-computed')).toBe(false);
  });

  it('draws spike markers only when asked', () => {
    const xy = { x: new Float32Array(2), y: new Float32Array(2), length: 2, yMin: 0, yMax: 1 };
    const traces = { window: [0, 1] as [number, number], columns: 1, v: xy, u: xy, I: xy, fullLength: 2 };
    expect(buildData(traces, false)).toHaveLength(2);
    const marks = { x: Float64Array.from([10, 20]), y: Float64Array.from([30, 30]), text: ['a', 'b'], inWindow: 2 };
    const d = buildData(traces, false, undefined, marks, 5) as Array<{ name: string; mode: string; y: ArrayLike<number> }>;
    expect(d).toHaveLength(3);
    expect(d[2]).toMatchObject({ name: 'spikes', mode: 'markers' });
    expect(Array.from(d[2].y)).toEqual([35, 35]);
  });
});

describe('boundary labels of many segments', () => {
  const labelsOf = (l: object) => ((l as { annotations: Array<Record<string, unknown>> }).annotations)
    .filter((a) => String(a.name).startsWith('label-'));
  const many = (n: number) => views(Array.from({ length: n }, (_, i) => `step ${i + 1} label`), Array.from({ length: n }, (_, i) => 5 * (i + 1)));

  it('up to the threshold every label is drawn (crowded ones share a row)', () => {
    const n = CROWDED_LABELS_FROM;
    expect(labelsOf(buildLayout({ ...base, views: many(n), window: [0, 5 * n] }))).toHaveLength(n);
  });

  it('beyond it, labels that find no free row are left out, never the selected one, and no two drawn labels overlap', () => {
    const n = 200;
    const width = 1000;
    for (const selected of [0, 137, 199]) {
      const labels = labelsOf(buildLayout({ ...base, width, views: many(n), window: [0, 5 * n], selected }));
      expect(labels.length).toBeLessThan(n / 3);
      expect(labels.length).toBeGreaterThan(3);
      expect(labels.some((a) => a.name === `label-${selected}`)).toBe(true);
      // Same row: the later label starts after the earlier one's estimated width (6.1 px per character + 10).
      const plotWidth = width - 60 - 20; // generous: a smaller plot width only spreads labels less
      const byRow = new Map<number, Array<{ x: number; w: number }>>();
      for (const a of labels) {
        if (a.name === `label-${selected}`) continue; // the selected one may overlap when it finds no row
        const row = Number(a.yshift);
        const x = (Number(a.x) / (5 * n)) * plotWidth;
        const w = String(a.text).length * 6.1 + 10;
        byRow.set(row, [...(byRow.get(row) ?? []), { x, w }]);
      }
      for (const xs of byRow.values()) for (let k = 1; k < xs.length; k++) expect(xs[k].x).toBeGreaterThanOrEqual(xs[k - 1].x + xs[k - 1].w - 20);
    }
  });
});
