// The map view (#map): the picture on the left with its legend or colour bar, progress and export; on the right
// the settings, the hovered pixel's values and the selected pixel's v(t) with the way to open it in the explorer.

import { MAP_LEGEND, MAP_MEASURES, N_MEASURES, axisValues, pixelSession } from '../../analysis/firingMap';
import { formatParam } from '../../model/params';
import { getExperimentLink } from '../../state/experimentLink';
import { UNFILLED, getMapStore, useMap, type MapData } from '../../state/map';
import { downloadBlob, downloadText } from '../shared/download';
import { CLASS_COLORS, logScale, measureRange, rampCss } from './colors';
import { MapCanvas, axisLabel } from './MapCanvas';
import { MapControls } from './MapControls';
import { mapCsv } from './mapExport';
import { mapPng } from './mapPng';

function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return '—';
  return String(Number(x.toPrecision(digits)));
}

function timeText(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function openPixel(ix: number, iy: number): void {
  const d = getMapStore().getState().data;
  if (!d) return;
  const s = pixelSession(d.spec, ix, iy);
  getExperimentLink().openSession(s, `the map's pixel ${formatParam(d.spec.x.param, axisValues(d.spec.x)[ix])}, ${formatParam(d.spec.y.param, axisValues(d.spec.y)[iy])}`);
}

function Progress() {
  const status = useMap((s) => s.status);
  const p = useMap((s) => s.progress);
  const error = useMap((s) => s.error);
  const invalid = useMap((s) => s.invalid);
  const data = useMap((s) => s.data);
  const pct = p ? Math.floor((100 * p.done) / p.total) : 0;
  let text: string;
  if (status === 'running') {
    text = `Computing ${data?.nx ?? ''} × ${data?.ny ?? ''}: ${pct}%` + (p ? ` (${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} pixels, ${timeText(p.elapsedMs)}` +
      (p.etaMs !== null ? `, about ${timeText(p.etaMs)} left` : '') + ')' : '');
  } else if (status === 'done' && p) {
    text = `Done: ${p.total.toLocaleString('en-US')} pixels in ${timeText(p.elapsedMs)}${p.engine ? ` (${p.engine === 'wasm-simd' ? 'WebAssembly SIMD' : 'JavaScript'})` : ''}.`;
  } else if (status === 'error') text = `The map could not be computed: ${error}`;
  else text = status === 'idle' && data ? 'Paused (left the view).' : 'Starting…';
  return (
    <div className="map-progress" data-testid="map-progress" data-status={status} data-done={p?.done ?? 0} data-total={p?.total ?? 0} role="status">
      {/* scaleX, not width, and no transition: a width change lays out and repaints the whole page, and a transition
          of it did so every frame while the map ran (a third of the page's CPU, taken from the workers). */}
      <div className="map-progress-bar"><div style={{ transform: `scaleX(${status === 'done' ? 1 : pct / 100})` }} /></div>
      <span>{text}</span>
      {invalid && <div className="field-error" data-testid="map-invalid" role="alert">{invalid} — the map shown is the previous one.</div>}
    </div>
  );
}

function Legend() {
  const colorBy = useMap((s) => s.settings.colorBy);
  const data = useMap((s) => s.data);
  useMap((s) => s.revision);
  if (colorBy === 'class') {
    return (
      <ul className="map-legend" data-testid="map-legend">
        {MAP_LEGEND.map((k) => (
          <li key={k}><span className="swatch" style={{ background: CLASS_COLORS[k] }} />{k}</li>
        ))}
      </ul>
    );
  }
  const m = MAP_MEASURES.findIndex((x) => x.key === colorBy);
  const range = data ? measureRange(data, m) : null;
  const meas = MAP_MEASURES[m];
  const stops = Array.from({ length: 11 }, (_, i) => `${rampCss(i / 10)} ${i * 10}%`).join(', ');
  return (
    <div className="map-colorbar" data-testid="map-colorbar">
      <span className="map-colorbar-title">{meas.label}{meas.unit ? ` (${meas.unit})` : ''}{logScale(m, range) ? ', log scale' : ''}</span>
      <div className="map-colorbar-ramp" style={{ background: `linear-gradient(to right, ${stops})` }} />
      <div className="map-colorbar-ends">
        <span>{range ? fmt(range.min) : '—'}</span>
        {range && logScale(m, range) && <span>{fmt(Math.sqrt((1 + range.min) * (1 + range.max)) - 1, 2)}</span>}
        <span>{range ? fmt(range.max) : '—'}</span>
      </div>
      <span className="map-colorbar-note"><span className="swatch" style={{ background: '#ebebeb' }} /> no value (e.g. no spike)</span>
    </div>
  );
}

export function pixelText(d: MapData, ix: number, iy: number): { where: string; cls: string | null; values: string[]; coarse: number } {
  const q = iy * d.nx + ix;
  const where = `${formatParam(d.spec.x.param, axisValues(d.spec.x)[ix])}, ${formatParam(d.spec.y.param, axisValues(d.spec.y)[iy])}`;
  if (d.stride[q] === UNFILLED) return { where, cls: null, values: [], coarse: 0 };
  const values = MAP_MEASURES.map((m, k) => `${m.label}: ${fmt(d.values[q * N_MEASURES + k])}${m.unit ? ` ${m.unit}` : ''}`);
  return { where, cls: MAP_LEGEND[d.cls[q]], values, coarse: d.stride[q] };
}

function Readout() {
  const hover = useMap((s) => s.hover);
  const data = useMap((s) => s.data);
  useMap((s) => s.revision);
  if (!data || !hover) return <div className="map-readout muted" data-testid="map-readout">Point at the map for a pixel&rsquo;s values; click to select it.</div>;
  const t = pixelText(data, hover.ix, hover.iy);
  return (
    <div className="map-readout" data-testid="map-readout" data-class={t.cls ?? ''}>
      <strong>{t.where}</strong>
      <div data-testid="map-readout-class">{t.cls ?? 'not computed yet'}{t.coarse > 1 ? ` (from the coarse sample, ${t.coarse} px)` : ''}</div>
      {t.values.length > 0 && <div className="map-readout-values">{t.values.join(' · ')}</div>}
    </div>
  );
}

function Inset() {
  const selected = useMap((s) => s.selected);
  const data = useMap((s) => s.data);
  const trace = useMap((s) => s.trace);
  useMap((s) => s.revision);
  if (!selected || !data) return null;
  const t = pixelText(data, selected.ix, selected.iy);
  const W = 300, H = 90;
  let path = '';
  if (trace && trace.length > 1) {
    const T = trace.t[trace.length - 1] || 1;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < trace.length; i++) { lo = Math.min(lo, trace.v[i]); hi = Math.max(hi, trace.v[i]); }
    const sy = (v: number) => H - 4 - ((v - lo) / (hi - lo || 1)) * (H - 8);
    for (let i = 0; i < trace.length; i++) path += `${i ? 'L' : 'M'}${((trace.t[i] / T) * W).toFixed(1)},${sy(trace.v[i]).toFixed(1)}`;
  }
  return (
    <div className="panel map-inset" data-testid="map-inset" data-ix={selected.ix} data-iy={selected.iy}>
      <div className="map-inset-head">
        <strong>{t.where}</strong>
        <span data-testid="map-inset-class">{t.cls ?? '…'}</span>
      </div>
      <svg width="100%" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="map-inset-plot" data-testid="map-inset-plot" data-points={trace?.length ?? 0}>
        {path && <path d={path} />}
      </svg>
      <div className="map-inset-foot">
        <span>{trace ? (trace.message ?? `v(t), ${trace.spikes} spikes`) : 'simulating…'}</span>
        <button type="button" data-testid="map-open-explorer" onClick={() => openPixel(selected.ix, selected.iy)}>Open in the explorer</button>
      </div>
    </div>
  );
}

function Exports() {
  const data = useMap((s) => s.data);
  const status = useMap((s) => s.status);
  const colorBy = useMap((s) => s.settings.colorBy);
  if (!data) return null;
  const base = `map-${data.spec.x.param}-${data.spec.y.param}-${data.nx}x${data.ny}`;
  return (
    <div className="map-exports">
      <button type="button" data-testid="map-export-png" onClick={() => { void mapPng(data, colorBy).then((b) => downloadBlob(b, `${base}.png`)); }}>Export PNG</button>
      <button type="button" data-testid="map-export-csv" disabled={status !== 'done'} title={status !== 'done' ? 'available when the map is complete' : 'one row per pixel'}
        onClick={() => downloadText(mapCsv(data), `${base}.csv`, 'text/csv')}>Export CSV</button>
    </div>
  );
}

export function MapView() {
  const data = useMap((s) => s.data);
  return (
    <main className="map-view" data-testid="map-view">
      <section className="map-main panel">
        {data && <h2 className="map-title">{axisLabel(data.spec.y.param)} against {axisLabel(data.spec.x.param)}, {data.spec.protocol.kind === 'step' ? `step of I = ${data.spec.protocol.I} for ${data.spec.protocol.duration} ms from rest` : 'the explorer\u2019s protocol'}</h2>}
        <MapCanvas onOpen={openPixel} />
        <Progress />
        <Legend />
        <Exports />
      </section>
      <aside className="map-side">
        <MapControls />
        <Readout />
        <Inset />
      </aside>
    </main>
  );
}
