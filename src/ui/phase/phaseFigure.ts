// The Plotly figure of the phase plane, built from the worker's phase frame (no numerics here): vector field arrows
// (length = speed measure), both nullclines, the separatrix (stable manifold of the saddle, dashed) and the unstable
// manifold (dotted), v_th and c as thin verticals, the run's trajectory with its resets as thin dotted jumps, the
// launched trajectories, and the equilibria by type (filled = stable, open = unstable, × = saddle, ◇ = degenerate).
// A fixed list of SVG scatter traces while sliders move (empty when absent), so Plotly can update them in place; the
// launched trajectories' traces exist only while there are some.

import type { PhaseFrame } from '../../analysis/phaseFrame';
import type { Box } from '../../analysis/phase';
import type { Equilibrium } from '../../analysis/equilibria';
import { typeText } from '../../analysis/equilibria';
import { TRACE_COLORS } from '../shared/palette';

export const PHASE_MARGIN = { l: 54, r: 10, t: 8, b: 38 } as const;

export const PHASE_COLORS = {
  field: '#8a96a3',
  vNull: '#d97706',
  uNull: '#2f8f4e',
  separatrix: '#7b3fa0',
  run: TRACE_COLORS.v,
  launched: '#c2185b',
  equilibrium: '#111111',
  lines: '#9aa4ae',
} as const;

/** Equilibrium groups: marker symbol and fill (legend entries in the panel). */
export const EQ_GROUPS = [
  { key: 'stable', symbol: 'circle', label: 'stable node / focus', short: 'stable' },
  { key: 'unstable', symbol: 'circle-open', label: 'unstable node / focus', short: 'unstable' },
  { key: 'saddle', symbol: 'x', label: 'saddle', short: 'saddle' },
  { key: 'degenerate', symbol: 'diamond-open', label: 'centre / saddle-node / Bogdanov–Takens', short: 'degenerate' },
] as const;

export function eqGroup(e: Pick<Equilibrium, 'type'>): (typeof EQ_GROUPS)[number]['key'] {
  if (e.type === 'saddle') return 'saddle';
  if (e.type === 'stable-node' || e.type === 'stable-focus') return 'stable';
  if (e.type === 'unstable-node' || e.type === 'unstable-focus') return 'unstable';
  return 'degenerate';
}

function fmt(x: number, p = 4): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Number(x.toPrecision(p));
  return String(Object.is(r, 0) || Object.is(r, -0) ? 0 : r).replace('-', '\u2212');
}

/** "−0.027", "−0.1 ± 0.1i" */
export function eigenText(e: Pick<Equilibrium, 'eigenvalues'>): string {
  const [[r1, i1], [r2]] = e.eigenvalues;
  if (i1 !== 0) return `${fmt(r1)} \u00b1 ${fmt(Math.abs(i1))}i`;
  return `${fmt(r1)}, ${fmt(r2)}`;
}

const EMPTY = new Float32Array(0);

interface Line { x: ArrayLike<number>; y: ArrayLike<number> }

function line(l: Line | null, name: string, color: string, width: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'scatter', mode: 'lines', name, x: l ? l.x : EMPTY, y: l ? l.y : EMPTY, hoverinfo: 'skip',
    line: { color, width, ...(extra.dash ? { dash: extra.dash } : {}) }, showlegend: false, ...extra,
  };
}

/** Concatenates NaN-separated paths into one. */
function joinPaths(paths: { v: Float32Array; u: Float32Array; length: number }[]): Line {
  let n = 0;
  for (const p of paths) n += p.length + 1;
  const x = new Float32Array(n), y = new Float32Array(n);
  let o = 0;
  for (const p of paths) {
    x.set(p.v.subarray(0, p.length), o); y.set(p.u.subarray(0, p.length), o);
    o += p.length;
    x[o] = NaN; y[o] = NaN; o++;
  }
  return { x, y };
}

const path = (p: { v: Float32Array; u: Float32Array; length: number } | null | undefined): Line | null =>
  p ? { x: p.v.subarray(0, p.length), y: p.u.subarray(0, p.length) } : null;

/** The traces, always the same list in the same order (see the file comment). */
export function buildPhaseData(f: PhaseFrame | null): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  out.push(line(path(f?.plane.field.arrows), 'vector field', PHASE_COLORS.field, 1, { opacity: 0.75 }));
  const nc = f?.plane.nullclines;
  out.push(line(path(nc?.v), 'v-nullcline', PHASE_COLORS.vNull, 2));
  out.push(line(path(nc?.u ?? null), 'u-nullcline', PHASE_COLORS.uNull, 2));
  const ms = f?.plane.manifolds ?? [];
  out.push(line(ms.length ? joinPaths(ms.map((m) => m.stable.path)) : null, 'separatrix', PHASE_COLORS.separatrix, 2.2, { dash: 'dash' }));
  out.push(line(ms.length ? joinPaths(ms.map((m) => m.unstable.path)) : null, 'unstable manifold', PHASE_COLORS.separatrix, 1, { dash: 'dot' }));
  // v_th and c as thin verticals across the box.
  const box = f?.plane.box;
  const p = f?.params;
  const verticals = box && p ? { x: [p.v_th, p.v_th, NaN, p.c, p.c], y: [box.uMin, box.uMax, NaN, box.uMin, box.uMax] } : null;
  out.push(line(verticals, 'v_th and c', PHASE_COLORS.lines, 1, { dash: 'dot' }));
  out.push(line(f?.run ? path(f.run.flow) : null, 'trajectory', PHASE_COLORS.run, 1.4));
  out.push(line(f?.run ? path(f.run.jumps) : null, 'resets', PHASE_COLORS.run, 0.8, { dash: 'dot', opacity: 0.6 }));
  // Launched trajectories only while there are some (clicks change the trace list, slider moves do not).
  const ls = f?.launched ?? [];
  if (ls.length) {
    out.push(line(joinPaths(ls.map((l) => l.path.flow)), 'launched', PHASE_COLORS.launched, 1.2));
    out.push(line(joinPaths(ls.map((l) => l.path.jumps)), 'launched resets', PHASE_COLORS.launched, 0.8, { dash: 'dot', opacity: 0.7 }));
    out.push({
      type: 'scatter', mode: 'markers', name: 'launch points', x: ls.map((l) => l.from.v), y: ls.map((l) => l.from.u),
      marker: { symbol: 'circle', size: 6, color: PHASE_COLORS.launched }, hoverinfo: 'skip', showlegend: false,
    });
  }
  // All equilibria in one trace (a symbol and a fill per point): fewer traces, a faster redraw.
  const eqs = f?.plane.equilibria.equilibria ?? [];
  const groups = eqs.map((e) => EQ_GROUPS.find((g) => g.key === eqGroup(e))!);
  out.push({
    type: 'scatter', mode: 'markers', name: 'equilibria', x: eqs.map((e) => e.v), y: eqs.map((e) => e.u),
    text: eqs.map((e) => `${typeText(e.type)}<br>v = ${fmt(e.v, 5)} mV, u = ${fmt(e.u, 5)} mV/ms<br>\u03bb = ${eigenText(e)} /ms`),
    hoverinfo: 'text', showlegend: false,
    marker: {
      symbol: groups.map((g) => g.symbol), size: groups.map((g) => (g.key === 'saddle' ? 12 : 11)),
      color: groups.map((g) => (g.key === 'stable' || g.key === 'saddle' ? PHASE_COLORS.equilibrium : '#ffffff')),
      line: { color: PHASE_COLORS.equilibrium, width: 2 },
    },
  });
  return out;
}

export interface PhaseLayoutInput {
  width: number;
  height: number;
  box: Box;
}

export function buildPhaseLayout(o: PhaseLayoutInput): Record<string, unknown> {
  const axis = { zeroline: false, showline: true, linecolor: '#c8ced6', gridcolor: '#eef1f4', ticks: 'outside', ticklen: 3, tickfont: { size: 10 } };
  return {
    width: o.width,
    height: o.height,
    margin: { ...PHASE_MARGIN },
    showlegend: false,
    hovermode: 'closest',
    dragmode: 'zoom',
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    font: { size: 11, color: '#2b3440' },
    xaxis: { ...axis, range: [o.box.vMin, o.box.vMax], title: { text: 'v (mV)', standoff: 4, font: { size: 11 } } },
    yaxis: { ...axis, range: [o.box.uMin, o.box.uMax], title: { text: 'u (mV/ms)', standoff: 2, font: { size: 11 } } },
  };
}

/** Pixel position (within the figure) of a phase-plane point, for overlays. */
export function toPixel(box: Box, width: number, height: number, v: number, u: number): { x: number; y: number } {
  const w = width - PHASE_MARGIN.l - PHASE_MARGIN.r, h = height - PHASE_MARGIN.t - PHASE_MARGIN.b;
  return {
    x: PHASE_MARGIN.l + ((v - box.vMin) / (box.vMax - box.vMin)) * w,
    y: PHASE_MARGIN.t + (1 - (u - box.uMin) / (box.uMax - box.uMin)) * h,
  };
}

/** The phase-plane point under a pixel of the figure (null outside the plot area). */
export function fromPixel(box: Box, width: number, height: number, x: number, y: number): { v: number; u: number } | null {
  const w = width - PHASE_MARGIN.l - PHASE_MARGIN.r, h = height - PHASE_MARGIN.t - PHASE_MARGIN.b;
  const px = x - PHASE_MARGIN.l, py = y - PHASE_MARGIN.t;
  if (px < 0 || px > w || py < 0 || py > h) return null;
  return { v: box.vMin + (px / w) * (box.vMax - box.vMin), u: box.uMax - (py / h) * (box.uMax - box.uMin) };
}
