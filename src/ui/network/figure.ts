// The network figure as Plotly data and layout (pure): the spike raster (a layout image over axes x/y), the population
// rate (x2/y2) and the probed cell's v(t) (x3/y3) on the raster's time axis, and the rate's power spectrum (x4/y4) with
// the alpha and gamma peaks marked. Wide: raster and rate across, v(t) and spectrum side by side below; narrow:
// everything stacked. Long series are reduced to a min/max pair per pixel column.

import type { NetworkSummary } from '../../analysis/network';
import { ALPHA_BAND, GAMMA_BAND } from '../../analysis/network';
import { NET_VTH } from '../../model/network';
import { EXC_COLOR, INH_COLOR } from './raster';

export const MARGIN = { l: 58, r: 16, t: 26, b: 40 };
/** Below this width the panels stack. */
export const NARROW = 760;

interface Domains { raster: [number, number]; rate: [number, number]; v: [number, number]; spec: [number, number]; vx: [number, number]; sx: [number, number] }

export function domains(width: number): Domains {
  if (width < NARROW) {
    return { raster: [0.6, 1], rate: [0.455, 0.555], v: [0.235, 0.39], spec: [0, 0.155], vx: [0, 1], sx: [0, 1] };
  }
  return { raster: [0.46, 1], rate: [0.3, 0.41], v: [0, 0.2], spec: [0, 0.2], vx: [0, 0.62], sx: [0.72, 1] };
}

/** Height of the figure for a given width and available height. */
export function figureHeight(width: number, available: number): number {
  if (width < NARROW) return Math.max(900, Math.round(width * 2.2));
  return Math.max(560, Math.min(820, Math.round(available)));
}

/**
 * A zoom or pan range [a, b] from Plotly's relayout event, clamped to [lo, hi]; null when it is not a usable range
 * (missing, not finite, empty, or — after a pan beyond an end — entirely outside [lo, hi], where clamping would give
 * an empty or inverted range and Plotly NaN axis paths).
 */
export function zoomRange(a: number | undefined, b: number | undefined, lo: number, hi: number): [number, number] | null {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || !(b > a)) return null;
  const r0 = Math.max(lo, a), r1 = Math.min(hi, b);
  return r1 > r0 ? [r0, r1] : null;
}

/** Pixel box of the raster's plot area inside the figure. */
export function rasterBox(width: number, height: number): { left: number; top: number; width: number; height: number } {
  const d = domains(width);
  const pw = width - MARGIN.l - MARGIN.r, ph = height - MARGIN.t - MARGIN.b;
  return {
    left: MARGIN.l,
    top: MARGIN.t + (1 - d.raster[1]) * ph,
    width: Math.max(1, Math.floor(pw)),
    height: Math.max(1, Math.floor((d.raster[1] - d.raster[0]) * ph)),
  };
}

/** Min/max per column of y over x (x increasing): at most 2·columns points, peaks kept. */
export function minMaxColumns(x: ArrayLike<number>, y: ArrayLike<number>, n: number, x0: number, x1: number, columns: number): { x: number[]; y: number[] } {
  const ox: number[] = [], oy: number[] = [];
  if (n <= 2 * columns || !(x1 > x0)) {
    for (let k = 0; k < n; k++) { ox.push(x[k]); oy.push(y[k]); }
    return { x: ox, y: oy };
  }
  const w = (x1 - x0) / columns;
  let col = -1, lo = 0, hi = 0, xlo = 0, xhi = 0;
  const flush = () => {
    if (col < 0) return;
    if (xlo <= xhi) { ox.push(xlo, xhi); oy.push(lo, hi); } else { ox.push(xhi, xlo); oy.push(hi, lo); }
  };
  for (let k = 0; k < n; k++) {
    const c = Math.floor((x[k] - x0) / w);
    if (c !== col) { flush(); col = c; lo = hi = y[k]; xlo = xhi = x[k]; continue; }
    if (y[k] < lo) { lo = y[k]; xlo = x[k]; }
    if (y[k] > hi) { hi = y[k]; xhi = x[k]; }
  }
  flush();
  return { x: ox, y: oy };
}

/**
 * v(t) for display: samples clipped at the cut-off (the paper's scheme overshoots before its reset), with each spike
 * drawn as a line up to the cut-off at its time (exact times between samples for rk4).
 */
export function probeSeries(t0: number, dtSample: number, v: ArrayLike<number>, count: number, spikes: readonly number[]): { x: number[]; y: number[] } {
  const x: number[] = [], y: number[] = [];
  let s = 0;
  for (let k = 0; k < count; k++) {
    const tk = t0 + k * dtSample;
    while (s < spikes.length && spikes[s] < tk) { x.push(spikes[s]); y.push(NET_VTH); s++; }
    x.push(tk);
    y.push(Math.min(v[k], NET_VTH));
  }
  return { x, y };
}

export interface FigureInput {
  width: number;
  height: number;
  /** Cells (excitatory first). */
  n: number;
  ne: number;
  duration: number;
  /** The time and cell windows shown (zoom). */
  tRange: [number, number];
  cRange: [number, number];
  raster: { source: string } | null;
  /** rhythmDuration: the time the spectrum covers when it lags behind a streaming run. */
  summary: (NetworkSummary & { rhythmDuration?: number }) | null;
  probe: { cell: number; excitatory: boolean; x: number[]; y: number[] } | null;
  /** Simulated time reached (the rate is drawn up to here). */
  time: number;
}

const AXIS = { showline: true, linecolor: '#9aa3ad', ticks: 'outside' as const, ticklen: 4, tickcolor: '#9aa3ad', zeroline: false, gridcolor: '#eef0f3' };
const FONT = { family: 'Source Sans 3, Segoe UI, Helvetica Neue, Arial, DejaVu Sans, sans-serif', size: 11, color: '#1b2129' };

function label(text: string, xref: string, yDomainTop: number, x = 0): Record<string, unknown> {
  return { text, xref: `${xref} domain`, yref: 'paper', x, y: yDomainTop, xanchor: 'left', yanchor: 'bottom', showarrow: false, font: { size: 11, color: '#4a5360' } };
}

export function buildFigure(f: FigureInput): { data: Record<string, unknown>[]; layout: Record<string, unknown> } {
  const d = domains(f.width);
  const narrow = f.width < NARROW;
  const columns = Math.max(50, Math.floor(rasterBox(f.width, f.height).width));
  const data: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];

  // Raster: an invisible point keeps the axes alive before the first spike; the image carries the spikes.
  data.push({ type: 'scatter', mode: 'markers', x: [f.tRange[0]], y: [f.cRange[0]], xaxis: 'x', yaxis: 'y', marker: { opacity: 0 }, hoverinfo: 'skip', showlegend: false });
  if (f.ne > 0 && f.ne < f.n) {
    shapes.push({ type: 'line', xref: 'x domain', yref: 'y', x0: 0, x1: 1, y0: f.ne, y1: f.ne, line: { color: '#9aa3ad', width: 1, dash: 'dot' } });
  }
  if (f.probe) {
    // At least 3 px tall, so the probed row shows even with several cells per pixel.
    const half = Math.max(0.5, (1.5 * (f.cRange[1] - f.cRange[0])) / rasterBox(f.width, f.height).height);
    shapes.push({
      type: 'rect', xref: 'x domain', yref: 'y', x0: 0, x1: 1, y0: f.probe.cell + 0.5 - half, y1: f.probe.cell + 0.5 + half,
      fillcolor: 'rgba(250, 204, 21, 0.45)', line: { width: 0 }, layer: 'below',
    });
  }
  annotations.push(label(
    narrow
      ? `<span style="color:${EXC_COLOR}">■</span> exc  <span style="color:${INH_COLOR}">■</span> inh · tap a row`
      : `spikes: <span style="color:${EXC_COLOR}">■</span> excitatory (0–${Math.max(0, f.ne - 1)})  <span style="color:${INH_COLOR}">■</span> inhibitory (${f.ne}–${f.n - 1}) · click a row for its v(t)`,
    'x', d.raster[1],
  ));

  // Population rate up to the time reached.
  if (f.summary) {
    const r = f.summary.popRate;
    const bins = Math.min(r.length, Math.ceil(f.time));
    const xs = new Float64Array(bins);
    for (let k = 0; k < bins; k++) xs[k] = k + 0.5;
    const s = minMaxColumns(xs, r, bins, f.tRange[0], f.tRange[1], columns);
    data.push({ type: 'scatter', mode: 'lines', x: s.x, y: s.y, xaxis: 'x2', yaxis: 'y2', line: { color: '#3d4a5c', width: 1 }, hoverinfo: 'x+y', showlegend: false, name: 'rate' });
  }
  annotations.push(label('population rate (Hz per cell, 1 ms bins)', 'x2', d.rate[1]));

  // v(t) of the probed cell.
  if (f.probe) {
    data.push({ type: 'scatter', mode: 'lines', x: f.probe.x, y: f.probe.y, xaxis: 'x3', yaxis: 'y3', line: { color: f.probe.excitatory ? EXC_COLOR : INH_COLOR, width: 1.2 }, hoverinfo: 'x+y', showlegend: false, name: 'v' });
  }
  annotations.push(label(f.probe ? `v(t) of cell ${f.probe.cell} (${f.probe.excitatory ? 'excitatory' : 'inhibitory'}), mV` : 'v(t): click a raster row', 'x3', d.v[1]));

  // Spectrum with the bands shaded and the peaks marked.
  for (const [band, color] of [[ALPHA_BAND, 'rgba(31, 95, 168, 0.08)'], [GAMMA_BAND, 'rgba(212, 84, 20, 0.07)']] as const) {
    shapes.push({ type: 'rect', xref: 'x4', yref: 'y4 domain', x0: band[0], x1: band[1], y0: 0, y1: 1, fillcolor: color, line: { width: 0 }, layer: 'below' });
  }
  if (f.summary && f.summary.spectrum.segments > 0) {
    const sp = f.summary.spectrum;
    const fx: number[] = [], py: number[] = [];
    for (let k = 1; k < sp.f.length && sp.f[k] <= 100; k++) { fx.push(sp.f[k]); py.push(Math.max(sp.p[k], 1e-12)); }
    data.push({ type: 'scatter', mode: 'lines', x: fx, y: py, xaxis: 'x4', yaxis: 'y4', line: { color: '#3d4a5c', width: 1.2 }, hoverinfo: 'x+y', showlegend: false, name: 'spectrum' });
    for (const [name, pk, color] of [['α', f.summary.alpha, EXC_COLOR], ['γ', f.summary.gamma, INH_COLOR]] as const) {
      if (!pk) continue;
      data.push({
        type: 'scatter', mode: 'markers', x: [pk.f], y: [pk.power], xaxis: 'x4', yaxis: 'y4', showlegend: false, hoverinfo: 'x',
        marker: { size: 9, color: pk.significant ? color : 'rgba(0,0,0,0)', line: { color, width: 1.5 }, symbol: 'diamond' },
      });
      annotations.push({
        text: `${name} ${pk.f.toFixed(1)} Hz${pk.significant ? '' : ' (weak)'}`, xref: 'x4', yref: 'y4', x: pk.f, y: Math.log10(pk.power),
        ax: 0, ay: -18, showarrow: true, arrowwidth: 1, arrowcolor: color, arrowhead: 0, font: { size: 11, color },
      });
    }
  }
  const rd = f.summary?.rhythmDuration;
  const partial = rd !== undefined && rd < f.time ? ` · of 0–${Math.round(rd)} ms` : '';
  annotations.push(label(`power spectrum of the rate (Hz²/Hz)${partial}`, 'x4', d.spec[1]));

  const tAxis = { ...AXIS, range: f.tRange, domain: [0, 1] };
  const layout: Record<string, unknown> = {
    width: f.width, height: f.height, margin: MARGIN, font: FONT, paper_bgcolor: '#ffffff', plot_bgcolor: '#ffffff',
    showlegend: false, dragmode: 'zoom', hovermode: 'closest',
    xaxis: { ...tAxis, anchor: 'y', showticklabels: false },
    yaxis: { ...AXIS, anchor: 'x', domain: d.raster, range: f.cRange, title: { text: 'cell', standoff: 4 }, showgrid: false, fixedrange: false },
    xaxis2: { ...tAxis, anchor: 'y2', matches: 'x', showticklabels: narrow },
    yaxis2: { ...AXIS, anchor: 'x2', domain: d.rate, rangemode: 'tozero', fixedrange: true, nticks: 4 },
    xaxis3: { ...tAxis, domain: d.vx, anchor: 'y3', matches: 'x', title: { text: 'time (ms)', standoff: 2 } },
    yaxis3: { ...AXIS, anchor: 'x3', domain: d.v, range: [-90, 40], fixedrange: true, nticks: 5 },
    xaxis4: { ...AXIS, domain: d.sx, anchor: 'y4', range: [0, 100], title: { text: 'frequency (Hz)', standoff: 2 }, fixedrange: true },
    yaxis4: { ...AXIS, anchor: 'x4', domain: d.spec, type: 'log', fixedrange: true, exponentformat: 'power', dtick: 1 },
    annotations, shapes,
    images: f.raster ? [{
      source: f.raster.source, xref: 'x', yref: 'y', x: f.tRange[0], y: f.cRange[1], sizex: f.tRange[1] - f.tRange[0], sizey: f.cRange[1] - f.cRange[0],
      xanchor: 'left', yanchor: 'top', sizing: 'stretch', layer: 'above',
    }] : [],
  };
  return { data, layout };
}
