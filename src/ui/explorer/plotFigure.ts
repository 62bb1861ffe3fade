// The Plotly figure of the trace plot, built from data it is given (no computation of traces here): v(t) on top
// (axis −80..50 mV, widened only if the data leave it), u(t) below, I(t) as a third panel when the protocol is more
// than rising steps (currentPanel.ts), each panel framed and set apart from the next; one band per segment of equal
// weight, the selected one marked by a bar above the plot; a labelled dotted line at each segment start (one path
// shape for all lines); optional spike markers; the part of a diverged run that was not computed greyed and said so.
// Numbers follow one convention (format.ts): decimal point, thin-space thousands from 1 000 up. SVG traces only.

import type { PlotlyFigure } from 'plotly.js-cartesian-dist-min';
import type { SegmentView } from '../../state/derived';
import type { SpikeMarks } from '../../state/spikeMarks';
import type { DisplayTraces } from '../../worker/protocol';
import { PLOTLY_SEPARATORS } from '../shared/format';
import { SEGMENT_COLORS, TRACE_COLORS, segmentColor } from '../shared/palette';

export const FONT = "'Source Sans 3', 'Source Sans Pro', 'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";
export const MONO = "'JetBrains Mono', 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace";

export const MARGIN = { l: 64, r: 16, b: 42 } as const;
const LABEL_ROW = 15;
/** Every band is drawn alike (the selection is marked by a bar above the plot, not by a darker band). */
export const BAND_OPACITY = 0.12;
/** Height of the selection bar above the selected band, px. */
export const SELECTION_BAR_PX = 4;
/** Space between two panels, px: their tick labels never touch and each panel has its own frame. */
export const PANEL_GAP_PX = 24;
const V_RANGE: [number, number] = [-80, 50];
const FRAME_COLOR = '#5b6470';

/** Pixel columns of the plot area for a figure `width` px wide. */
export function plotColumns(width: number): number {
  return Math.max(50, Math.floor(width - MARGIN.l - MARGIN.r));
}

/** Plotly annotations read a little HTML: show labels literally. */
function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** [lo, hi] widened by 5 % and rounded outward to a step of about a tenth of the span. */
export function niceRange(lo: number, hi: number, fallback: [number, number]): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return fallback;
  let span = hi - lo;
  if (span <= 0) span = Math.max(1, Math.abs(hi) * 0.1);
  const step = Math.pow(10, Math.floor(Math.log10(span))) / 2;
  const a = Math.floor((lo - 0.05 * span) / step) * step;
  const b = Math.ceil((hi + 0.05 * span) / step) * step;
  return [Number(a.toPrecision(12)), Number(b.toPrecision(12))];
}

/**
 * The y range for data spanning [lo, hi], given the range shown now: kept while the data stay inside it and fill at
 * least `minFill` of it (so that a dragged slider does not make the axis jump at every step), else niceRange.
 */
export function stickyRange(
  shown: [number, number] | null, lo: number, hi: number, fallback: [number, number], minFill = 0.5,
): [number, number] {
  const nice = niceRange(lo, hi, fallback);
  if (!shown || !Number.isFinite(lo) || !Number.isFinite(hi)) return nice;
  const span = shown[1] - shown[0];
  const fits = lo >= shown[0] && hi <= shown[1];
  const fills = hi - lo >= minFill * span || nice[1] - nice[0] >= span;
  return fits && fills ? shown : nice;
}

export function vRange(traces: DisplayTraces | null): [number, number] {
  if (!traces || !Number.isFinite(traces.v.yMin)) return V_RANGE;
  const lo = traces.v.yMin < V_RANGE[0] ? Math.floor(traces.v.yMin - 2) : V_RANGE[0];
  const hi = traces.v.yMax > V_RANGE[1] ? Math.ceil(traces.v.yMax + 2) : V_RANGE[1];
  return [lo, hi];
}

/**
 * Width of the trace lines, px. Exactly 1: Chromium's software rasterizer strokes lines up to 1 px wide on a fast
 * path, wider ones as filled outlines (measured: 4 ms instead of 9 ms of raster per redraw of two 1,800-point traces).
 */
export const TRACE_LINE_WIDTH = 1;

/** Colour of the spike markers. */
export const SPIKE_MARK_COLOR = '#b45309';

/**
 * The traces as Plotly SVG line traces (typed arrays passed as they are), and the spike markers when given: small
 * downward triangles `markLift` mV above each marked spike's peak sample (at v_th).
 */
export function buildData(
  traces: DisplayTraces, showI: boolean, units: PlotUnits = UNITS_2003, marks: SpikeMarks | null = null, markLift = 0,
): object[] {
  const line = (color: string) => ({ color, width: TRACE_LINE_WIDTH });
  const data: object[] = [
    {
      type: 'scatter', mode: 'lines', name: 'v', x: traces.v.x, y: traces.v.y, xaxis: 'x', yaxis: 'y',
      line: line(TRACE_COLORS.v), hovertemplate: 'v = %{y:,.2f} mV<extra></extra>',
    },
    {
      type: 'scatter', mode: 'lines', name: 'u', x: traces.u.x, y: traces.u.y, xaxis: 'x', yaxis: 'y2',
      line: line(TRACE_COLORS.u), hovertemplate: `u = %{y:,.3f} ${units.u}<extra></extra>`,
    },
  ];
  if (showI) {
    data.push({
      type: 'scatter', mode: 'lines', name: 'I', x: traces.I.x, y: traces.I.y, xaxis: 'x', yaxis: 'y3',
      line: line(TRACE_COLORS.I), hovertemplate: `I = %{y:,.3f} ${units.I}<extra></extra>`,
    });
  }
  if (marks) {
    const y = new Float64Array(marks.y.length);
    for (let i = 0; i < y.length; i++) y[i] = marks.y[i] + markLift;
    data.push({
      type: 'scatter', mode: 'markers', name: 'spikes', x: marks.x, y, xaxis: 'x', yaxis: 'y', text: marks.text,
      marker: { symbol: 'triangle-down', size: 7, color: SPIKE_MARK_COLOR, line: { width: 0 } },
      hovertemplate: '%{text}<extra></extra>', cliponaxis: true,
    });
  }
  return data;
}

/** Units of u and I on the axes and in the hover texts (the session's model: mV/ms, or pA for the 2007 form). */
export interface PlotUnits { u: string; I: string }
export const UNITS_2003: PlotUnits = { u: 'mV/ms', I: 'mV/ms' };

export interface LayoutInput {
  width: number;
  height: number;
  views: readonly SegmentView[];
  selected: number;
  window: [number, number];
  vRange: [number, number];
  uRange: [number, number];
  /** null: no I panel. */
  iRange: [number, number] | null;
  /** Default: the 2003 form's (mV/ms). */
  units?: PlotUnits;
  /** What a drag in the plot does (default: zoom). */
  dragmode?: 'zoom' | 'pan';
  /** The run stopped here (it diverged): nothing was computed from this time to `duration`. null: all computed. */
  computedUntil?: number | null;
  /** The protocol's end, ms (needed with computedUntil). */
  duration?: number;
}

export type Domains = Record<'v' | 'u' | 'I', [number, number]>;

/** Vertical extents of the panels in paper units, PANEL_GAP_PX apart, for a plot area `areaPx` px high. */
export function panelDomains(areaPx: number, showI: boolean): Domains {
  const gap = Math.min(0.12, PANEL_GAP_PX / Math.max(1, areaPx));
  const r = (x: number) => Number(x.toFixed(4));
  if (showI) {
    const avail = 1 - 2 * gap;
    const i1 = r(0.16 * avail);
    const u0 = r(i1 + gap);
    const u1 = r(u0 + 0.27 * avail);
    return { I: [0, i1], u: [u0, u1], v: [r(u1 + gap), 1] };
  }
  const u1 = r(0.37 * (1 - gap));
  return { I: [0, 0], u: [0, u1], v: [r(u1 + gap), 1] };
}

/**
 * Row (0, 1, 2) of each boundary label, so that labels of short segments do not overlap; a label that finds no free
 * row goes into the one that frees first, or with `dropCrowded` gets −1 (left out), except the selected segment's.
 */
function labelRows(views: readonly SegmentView[], window: [number, number], plotWidth: number, selected: number, dropCrowded: boolean): number[] {
  const [w0, w1] = window;
  const ends: number[] = [];
  return views.map((v, i) => {
    const x = ((v.start - w0) / (w1 - w0)) * plotWidth;
    const width = v.label.length * 6.1 + 10;
    let row = ends.findIndex((e) => e <= x);
    if (row < 0 && ends.length < 3) row = ends.length;
    if (row < 0 && dropCrowded && i !== selected) return -1;
    if (row < 0) row = ends.indexOf(Math.min(...ends));
    ends[row] = x + width;
    return row;
  });
}

/**
 * Above this many segments, labels that find no free row are left out of the figure: they would be drawn over
 * others (unreadable), and every annotation costs Plotly work at each redraw (with 200 labelled segments, their
 * annotations made a slider step about a fifth slower: notes/reliability.md). The protocol table lists them all.
 */
export const CROWDED_LABELS_FROM = 40;

/**
 * The segments' bands grouped by colour: entry c is the SVG path of the rectangles (x in data units, y in paper units
 * 0..1) of the segments drawn in colour c (segmentColor(i) cycles the palette), '' when there are none.
 */
export function bandPaths(views: readonly Pick<SegmentView, 'start' | 'end'>[]): string[] {
  const n = Math.min(SEGMENT_COLORS.length, views.length);
  const parts: string[][] = Array.from({ length: n }, () => []);
  views.forEach((v, i) => { parts[i % SEGMENT_COLORS.length].push(`M${v.start},0L${v.end},0L${v.end},1L${v.start},1Z`); });
  return parts.map((x) => x.join(''));
}

/** SVG path of vertical lines at times `xs` spanning the plot's height (x in data units, y in paper units 0..1). */
export function boundaryPath(xs: readonly number[]): string {
  return xs.map((x) => `M${x},0L${x},1`).join('');
}

/** The times of the vertical lines in a path made by boundaryPath. */
export function boundaryTimes(path: string): number[] {
  return [...path.matchAll(/M([^,]+),0/g)].map((m) => Number(m[1]));
}

const axisStyle = {
  // An explicit type spares Plotly from scanning the data for dates or categories on every redraw.
  type: 'linear',
  showline: true, linecolor: FRAME_COLOR, linewidth: 1, mirror: true, ticks: 'outside', ticklen: 4, tickcolor: FRAME_COLOR,
  gridcolor: '#eceff3', zeroline: false, tickfont: { family: MONO, size: 11, color: '#2b323b' }, separatethousands: true,
};

/** The layout of the figure. Its range arrays are fresh copies: Plotly writes a zoom into the layout it was given. */
export function buildLayout(p: LayoutInput): object {
  const plotWidth = p.width - MARGIN.l - MARGIN.r;
  const rows = labelRows(p.views, p.window, plotWidth, p.selected, p.views.length > CROWDED_LABELS_FROM);
  const nRows = Math.max(1, ...rows.map((r) => r + 1));
  const top = 10 + SELECTION_BAR_PX + nRows * LABEL_ROW;
  const showI = p.iRange !== null;
  const areaPx = p.height - top - MARGIN.b;
  const domains = panelDomains(areaPx, showI);

  const shapes: object[] = [];
  const annotations: object[] = [];
  if (p.views.length > CROWDED_LABELS_FROM) {
    // Many segments: the bands of one colour as one path shape (a rectangle per segment), since Plotly's work at every
    // redraw grows with the number of shapes: 200 bands become as many shapes as the palette has colours.
    bandPaths(p.views).forEach((path, c) => {
      if (path) shapes.push({ type: 'path', name: `bands-${c}`, xref: 'x', yref: 'paper', path, fillcolor: segmentColor(c), opacity: BAND_OPACITY, line: { width: 0 }, layer: 'below' });
    });
  } else {
    p.views.forEach((v, i) => {
      shapes.push({
        type: 'rect', name: `band-${i}`, xref: 'x', yref: 'paper', x0: v.start, x1: v.end, y0: 0, y1: 1,
        fillcolor: segmentColor(i), opacity: BAND_OPACITY, line: { width: 0 }, layer: 'below',
      });
    });
  }
  const sel = p.views[p.selected];
  if (sel) {
    shapes.push({
      type: 'rect', name: 'selection', xref: 'x', yref: 'paper', x0: sel.start, x1: sel.end,
      y0: 1, y1: Number((1 + SELECTION_BAR_PX / Math.max(1, areaPx)).toFixed(5)),
      fillcolor: segmentColor(p.selected), opacity: 1, line: { width: 0 }, layer: 'above',
    });
  }
  // Each panel framed top and bottom (its y axis line and mirror give the sides), the space between panels left
  // blank (bands stop at the frames): panels read as separate scales.
  const panels = showI ? [domains.v, domains.u, domains.I] : [domains.v, domains.u];
  const gaps: string[] = [];
  for (let k = 0; k + 1 < panels.length; k++) gaps.push(`M0,${panels[k + 1][1]}L1,${panels[k + 1][1]}L1,${panels[k][0]}L0,${panels[k][0]}Z`);
  shapes.push({
    type: 'path', name: 'gaps', xref: 'paper', yref: 'paper', layer: 'below', path: gaps.join(''),
    fillcolor: '#ffffff', line: { width: 0 },
  });
  shapes.push({
    type: 'path', name: 'frames', xref: 'paper', yref: 'paper', layer: 'above',
    path: panels.map(([y0, y1]) => `M0,${y0}L1,${y0}M0,${y1}L1,${y1}`).join(''),
    line: { color: FRAME_COLOR, width: 1 },
  });
  const duration = p.duration ?? p.window[1];
  const stop = p.computedUntil;
  if (stop !== null && stop !== undefined && stop < duration) {
    const x0 = Math.max(0, stop);
    shapes.push({
      type: 'rect', name: 'not-computed', xref: 'x', yref: 'paper', x0, x1: duration, y0: 0, y1: 1,
      fillcolor: '#d5dae1', opacity: 0.75, line: { width: 0 }, layer: 'above',
    });
    // Inside the grey part when it is wide enough on screen, else just left of it.
    const px = ((duration - Math.max(x0, p.window[0])) / (p.window[1] - p.window[0])) * plotWidth;
    const inside = px >= 110;
    annotations.push({
      name: 'not-computed-label', text: inside ? 'not computed' : 'not computed →', xref: 'x', yref: 'paper', x: x0,
      y: (domains.v[0] + domains.v[1]) / 2, xanchor: inside ? 'left' : 'right', xshift: inside ? 6 : -4, yanchor: 'middle',
      showarrow: false, bgcolor: '#ffffff', borderpad: 2, font: { family: FONT, size: 12, color: '#1d232b' },
    });
  }
  // All boundary lines as one path shape: Plotly's per-redraw cost grows with the number of shapes (measured: one
  // path instead of five lines saves about 2 ms of every redraw), and they share one style.
  if (p.views.length) {
    shapes.push({
      type: 'path', name: 'boundaries', xref: 'x', yref: 'paper', path: boundaryPath(p.views.map((v) => v.start)),
      line: { color: '#3b434d', width: 1, dash: 'dot' }, layer: 'above',
    });
  }
  p.views.forEach((v, i) => {
    if (rows[i] < 0) return; // crowded out (many segments)
    annotations.push({
      name: `label-${i}`, text: escapeText(v.label), xref: 'x', yref: 'paper', x: v.start, y: 1,
      xanchor: 'left', yanchor: 'bottom', xshift: 2, yshift: 2 + SELECTION_BAR_PX + rows[i] * LABEL_ROW, showarrow: false,
      font: { family: FONT, size: 11, color: i === p.selected ? '#0b1520' : '#39424e', weight: i === p.selected ? 700 : 400 },
    });
  });

  // The v axis: ticks from its lower bound (−80 mV) so both ends of the fixed range are labelled.
  const vPanelPx = (p.height - top - MARGIN.b) * (domains.v[1] - domains.v[0]);
  const vDefault = p.vRange[0] === V_RANGE[0] && p.vRange[1] === V_RANGE[1];
  const vTicks = vDefault ? { tickmode: 'linear', tick0: -80, dtick: vPanelPx >= 200 ? 20 : 40 } : {};

  const layout: Record<string, unknown> = {
    width: p.width,
    height: p.height,
    margin: { l: MARGIN.l, r: MARGIN.r, t: top, b: MARGIN.b, pad: 0 },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    font: { family: FONT, size: 11, color: '#1d232b' },
    separators: PLOTLY_SEPARATORS,
    showlegend: false,
    hovermode: 'x',
    hoverlabel: { font: { family: MONO, size: 11 }, bgcolor: '#ffffff', bordercolor: '#8a939e' },
    dragmode: p.dragmode ?? 'zoom',
    xaxis: {
      ...axisStyle, range: [...p.window], autorange: false, anchor: showI ? 'y3' : 'y2', hoverformat: ',.2f',
      title: { text: 't (ms)', standoff: 4, font: { size: 11 } },
      showspikes: true, spikemode: 'across', spikesnap: 'cursor', spikecolor: '#8a939e', spikethickness: 1, spikedash: 'solid',
    },
    yaxis: {
      ...axisStyle, ...vTicks, domain: domains.v, range: [...p.vRange], autorange: false, fixedrange: false,
      title: { text: 'v (mV)', standoff: 6, font: { size: 11 } },
    },
    yaxis2: {
      ...axisStyle, domain: domains.u, range: [...p.uRange], autorange: false, fixedrange: false,
      title: { text: `u (${(p.units ?? UNITS_2003).u})`, standoff: 6, font: { size: 11 } },
    },
    shapes,
    annotations,
  };
  if (showI) {
    layout.yaxis3 = {
      ...axisStyle, domain: domains.I, range: [...p.iRange!], autorange: false, fixedrange: false,
      title: { text: `I (${(p.units ?? UNITS_2003).I})`, standoff: 6, font: { size: 11 } },
    };
  }
  return layout;
}

/**
 * What the plot's fixed furniture looks like: size, margins, axis styles, bands and lines, and where labels sit
 * (not their text, nor the y axes' ranges). While it stays the same, new frames may take Plotly's fast transition
 * pathway (see withFastPath).
 */
export function furnitureKey(layout: object): string {
  const l = layout as Record<string, unknown> & { annotations?: Array<Record<string, unknown>> };
  const out: Record<string, unknown> = { ...l, annotations: (l.annotations ?? []).map((a) => ({ ...a, text: undefined })) };
  for (const k of Object.keys(out)) {
    const ax = out[k];
    if (/^yaxis\d*$/.test(k) && ax && typeof ax === 'object') out[k] = { ...(ax as object), range: undefined };
  }
  return JSON.stringify(out);
}

/**
 * The layout with a zero-length transition: Plotly.react then updates the changed traces in place (its transition
 * pathway) instead of replotting axes, shapes and annotations (about half the redraw time). That pathway ignores
 * changes of shapes and annotations, so it is used only when the furniture is unchanged; label texts that changed
 * are then written by syncAnnotationTexts. A y axis's range may change on it: Plotly redraws that axis's ticks and grid
 * within the transition (checked in Chromium: the SVG equals a full redraw's). A change of the time window (zoom)
 * takes the full path.
 */
export function withFastPath(layout: object): object {
  return { ...layout, transition: { duration: 0, easing: 'linear' } };
}

/** Makes the drawn label texts equal the layout's (after a fast-path update that skipped them). */
export function syncAnnotationTexts(gd: HTMLElement, layout: object): void {
  const anns = (layout as { annotations?: Array<{ text?: string }> }).annotations ?? [];
  const nodes = gd.querySelectorAll<SVGTextElement>('.annotation[data-index] text.annotation-text');
  nodes.forEach((node) => {
    const g = node.closest('.annotation');
    const i = Number(g?.getAttribute('data-index'));
    const want = anns[i]?.text;
    if (want === undefined) return;
    const plain = want.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    if (node.textContent !== plain) {
      node.textContent = plain;
      node.setAttribute('data-unformatted', want);
    }
  });
}

/**
 * A copy of the live figure for export: no selection bar and all labels alike (no selection highlight), the
 * session's name as a title above the boundary labels.
 */
export function exportFigure(gd: HTMLElement, title: string): PlotlyFigure {
  const g = gd as unknown as { data: object[]; layout: Record<string, unknown> };
  return { data: g.data, layout: exportLayout(g.layout, title), config: { displayModeBar: false } };
}

/** The layout of an exported figure (see exportFigure): pure, so a figure can be exported without a browser. */
export function exportLayout(base: Record<string, unknown>, title: string): Record<string, unknown> {
  const g = { layout: base as { shapes?: Array<Record<string, unknown>> } & Record<string, unknown> };
  const shapes = (g.layout.shapes ?? []).filter((s) => s.name !== 'selection');
  const annotations = ((g.layout.annotations as Array<Record<string, unknown>> | undefined) ?? []).map((a) =>
    String(a.name ?? '').startsWith('label-') ? { ...a, font: { ...(a.font as object), color: '#39424e', weight: 400 } } : a);
  const margin = { ...(g.layout.margin as Record<string, number>) };
  margin.t = (margin.t ?? 30) + 26;
  const layout: Record<string, unknown> = {
    ...g.layout, shapes, annotations, margin,
    title: {
      text: escapeText(title), x: 0, xref: 'paper', xanchor: 'left', y: 1, yref: 'container', yanchor: 'top',
      pad: { t: 8 }, font: { family: FONT, size: 14, color: '#1d232b' },
    },
  };
  delete layout.transition;
  return layout;
}
