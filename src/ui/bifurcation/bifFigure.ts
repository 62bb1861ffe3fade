// The Plotly figure of the bifurcation / F–I panel, built from the sweep worker's results (no numerics here): three
// plots side by side over the swept parameter — the rest-state branches v* (stable solid, unstable dashed) with the
// saddle-node and Hopf points labelled, the F–I curve (mean rate and first-ISI rate, rheobase marked, analytic
// currents for I) and the ISI scatter (or u at each spike) — each with the current value as a vertical marker.

import type { SweepView } from '../../state/sweep';
import type { SweepPoint } from '../../analysis/sweep';
import { TRACE_COLORS } from '../shared/palette';

export const BIF_COLORS = { branch: '#1b2129', rate: '#1f5fa8', first: '#d97706', isi: '#16324f', u: TRACE_COLORS.u, marker: '#c2185b', sn: '#2f8f4e', hopf: '#7b3fa0' } as const;

function fmt(x: number, p = 4): string {
  if (!Number.isFinite(x)) return '—';
  const r = Number(x.toPrecision(p));
  return String(Object.is(r, -0) ? 0 : r).replace('-', '\u2212');
}

const UNIT: Record<string, string> = { I: 'mV/ms', a: '1/ms', b: '', c: 'mV', d: 'mV/ms' };

export function paramLabel(param: string): string {
  return UNIT[param] ? `${param} (${UNIT[param]})` : param;
}

function joined(pieces: { x: number[]; v: number[] }[]): { x: number[]; y: number[] } {
  const x: number[] = [], y: number[] = [];
  for (const p of pieces) { x.push(...p.x, NaN); y.push(...p.v, NaN); }
  return { x, y };
}

export interface BifInput {
  view: SweepView | null;
  /** The parameter's value in the selected segment now (the marker). */
  current: number;
  scatter: 'isi' | 'u';
}

/** Traces in a fixed order: branches (stable, unstable), bifurcation points, rate, first-ISI rate, scatter, markers. */
export function buildBifData(o: BifInput): Record<string, unknown>[] {
  const v = o.view;
  const pieces = v?.branches?.pieces ?? [];
  const st = joined(pieces.filter((p) => p.stable));
  const un = joined(pieces.filter((p) => !p.stable));
  const bp = v?.branches?.points ?? [];
  const pts = (v?.points ?? []).filter((p): p is SweepPoint => !!p).sort((a, b) => a.value - b.value);
  const scX: number[] = [], scY: number[] = [];
  for (const p of pts) {
    const ys = o.scatter === 'u' ? p.uAtSpike ?? [] : p.isis;
    for (const y of ys) { scX.push(p.value); scY.push(y); }
  }
  const lo = v?.spec.from ?? 0, hi = v?.spec.to ?? 1;
  const ratesMax = Math.max(1, ...pts.map((p) => Math.max(p.rate, p.firstRate)));
  const vLo = Math.min(-90, ...pieces.flatMap((p) => p.v)), vHi = Math.max(-30, ...pieces.flatMap((p) => p.v));
  const sMax = Math.max(1, ...scY.filter(Number.isFinite));
  const sMin = Math.min(0, ...scY.filter(Number.isFinite));
  const inRange = o.current >= Math.min(lo, hi) && o.current <= Math.max(lo, hi);
  const marker = (xa: string, ya: string, y0: number, y1: number) => ({
    type: 'scatter', mode: 'lines', x: inRange ? [o.current, o.current] : [], y: inRange ? [y0, y1] : [], xaxis: xa, yaxis: ya,
    line: { color: BIF_COLORS.marker, width: 1.2, dash: 'dot' }, hoverinfo: 'skip', showlegend: false, name: 'current value',
  });
  const rb = v?.rheobase;
  const rbx = v?.refined ? (v.refined[0] + v.refined[1]) / 2 : rb?.value ?? null;
  return [
    { type: 'scatter', mode: 'lines', name: 'stable', x: st.x, y: st.y, line: { color: BIF_COLORS.branch, width: 2 }, hoverinfo: 'x+y', showlegend: false },
    { type: 'scatter', mode: 'lines', name: 'unstable', x: un.x, y: un.y, line: { color: BIF_COLORS.branch, width: 1.3, dash: 'dash' }, hoverinfo: 'x+y', showlegend: false },
    {
      type: 'scatter', mode: 'markers+text', name: 'bifurcations', x: bp.map((b) => b.value), y: bp.map((b) => b.v),
      text: bp.map((b) => `${b.kind === 'hopf' ? 'H' : b.kind === 'saddle-node' ? 'SN' : 'BT'} ${fmt(b.value)}`),
      textposition: bp.map((_, i) => (i % 2 ? 'bottom right' : 'top left')), textfont: { size: 10 },
      marker: { size: 8, color: bp.map((b) => (b.kind === 'hopf' ? BIF_COLORS.hopf : BIF_COLORS.sn)), symbol: 'diamond' },
      hovertext: bp.map((b) => `${b.kind} at ${b.param} = ${fmt(b.value, 6)}${b.criticality ? ` (${b.criticality})` : ''}`), hoverinfo: 'text', showlegend: false,
    },
    {
      type: 'scatter', mode: 'lines+markers', name: 'mean rate', x: pts.map((p) => p.value), y: pts.map((p) => p.rate), xaxis: 'x2', yaxis: 'y2',
      line: { color: BIF_COLORS.rate, width: 1.8 }, marker: { size: 3.5 }, hovertemplate: '%{x}: %{y:.1f} Hz<extra>mean</extra>', showlegend: false,
    },
    {
      type: 'scatter', mode: 'lines', name: 'first-ISI rate', x: pts.map((p) => p.value), y: pts.map((p) => p.firstRate), xaxis: 'x2', yaxis: 'y2',
      line: { color: BIF_COLORS.first, width: 1.3, dash: 'dash' }, hovertemplate: '%{x}: %{y:.1f} Hz<extra>first ISI</extra>', showlegend: false,
    },
    {
      type: 'scatter', mode: 'lines', name: 'rheobase', x: rbx !== null ? [rbx, rbx] : [], y: rbx !== null ? [0, ratesMax * 1.08] : [], xaxis: 'x2', yaxis: 'y2',
      line: { color: BIF_COLORS.sn, width: 1.2, dash: 'dashdot' }, hoverinfo: 'skip', showlegend: false,
    },
    {
      type: 'scatter', mode: 'markers', name: o.scatter === 'u' ? 'u at spike' : 'ISI', x: scX, y: scY, xaxis: 'x3', yaxis: 'y3',
      marker: { size: 3, color: o.scatter === 'u' ? BIF_COLORS.u : BIF_COLORS.isi, opacity: 0.65 }, hoverinfo: 'skip', showlegend: false,
    },
    marker('x', 'y', vLo, vHi),
    marker('x2', 'y2', 0, ratesMax * 1.08),
    marker('x3', 'y3', sMin, sMax * 1.05),
  ];
}

export function buildBifLayout(o: { width: number; height: number; param: string; from: number; to: number; scatter: 'isi' | 'u' }): Record<string, unknown> {
  const axis = { zeroline: false, showline: true, linecolor: '#c8ced6', gridcolor: '#eef1f4', ticks: 'outside', ticklen: 3, tickfont: { size: 10 } };
  const xr = [Math.min(o.from, o.to), Math.max(o.from, o.to)];
  const xt = { text: paramLabel(o.param), standoff: 2, font: { size: 11 } };
  const gap = 0.06, w = (1 - 2 * gap) / 3;
  return {
    width: o.width, height: o.height, margin: { l: 48, r: 10, t: 20, b: 36 }, showlegend: false, hovermode: 'closest',
    paper_bgcolor: '#ffffff', plot_bgcolor: '#ffffff', font: { size: 11, color: '#2b3440' }, dragmode: 'zoom',
    xaxis: { ...axis, domain: [0, w], range: xr, title: xt },
    yaxis: { ...axis, title: { text: 'rest state v* (mV)', standoff: 2, font: { size: 11 } }, autorange: true },
    xaxis2: { ...axis, domain: [w + gap, 2 * w + gap], range: xr, title: xt, anchor: 'y2' },
    yaxis2: { ...axis, anchor: 'x2', title: { text: 'rate (Hz)', standoff: 2, font: { size: 11 } }, rangemode: 'tozero', autorange: true },
    xaxis3: { ...axis, domain: [2 * (w + gap), 1], range: xr, title: xt, anchor: 'y3' },
    yaxis3: {
      ...axis, anchor: 'x3', autorange: true,
      title: { text: o.scatter === 'u' ? 'u at spike (mV/ms)' : 'ISI (ms)', standoff: 2, font: { size: 11 } },
    },
    annotations: [
      { text: 'equilibria (stable solid)', x: w / 2, xref: 'paper', y: 1, yref: 'paper', yanchor: 'bottom', showarrow: false, font: { size: 11, color: '#4a5360' } },
      { text: 'F–I: mean (solid), first ISI (dashed)', x: w + gap + w / 2, xref: 'paper', y: 1, yref: 'paper', yanchor: 'bottom', showarrow: false, font: { size: 11, color: '#4a5360' } },
      { text: o.scatter === 'u' ? 'u at each spike' : 'every ISI', x: 2 * (w + gap) + w / 2, xref: 'paper', y: 1, yref: 'paper', yanchor: 'bottom', showarrow: false, font: { size: 11, color: '#4a5360' } },
    ],
  };
}
