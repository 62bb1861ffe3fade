// The phase-plane panel: the (v, u) plane of the selected segment drawn from the worker's phase frame (nullclines,
// vector field, equilibria by type, separatrix, the run's trajectory with resets as jumps, launched trajectories),
// a legend, the equilibria with their eigenvalues and the closed-form bifurcation currents. Click launches a
// trajectory from the point, drag zooms, double-click fits; hovering the trajectory marks its time in the time plot
// and hovering the time plot marks the state here (overlays: no redraw of either figure).

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { stateAt } from '../../analysis/trajectory';
import { analysisUnsupported } from '../../analysis/phaseFrame';
import { typeText } from '../../analysis/equilibria';
import type { Box } from '../../analysis/phase';
import { getPhaseView, phaseDrawFinished, phaseDrawStarted, subscribePhaseView } from '../../state/phaseData';
import { useAnalysis, useAnalysisActions } from '../../state/analysis';
import { useActions, useApp } from '../../state/store';
import { Plot } from '../shared/plotly';
import { useElementSize } from '../shared/useElementSize';
import { NumberField } from '../shared/NumberField';
import { EQ_GROUPS, PHASE_COLORS, PHASE_MARGIN, buildPhaseData, buildPhaseLayout, eigenText, eqGroup, fromPixel, toPixel } from './phaseFigure';

const STYLE = { width: '100%', height: '100%' };

function fmt(x: number, p = 4): string {
  if (!Number.isFinite(x)) return '—';
  const r = Number(x.toPrecision(p));
  return String(Object.is(r, -0) ? 0 : r).replace('-', '\u2212');
}

function sameRange(a: Box, b: Box): boolean {
  return a.vMin === b.vMin && a.vMax === b.vMax && a.uMin === b.uMin && a.uMax === b.uMax;
}

/** The panel's legend (static: symbols and line styles of the figure). */
function Legend({ groups }: { groups: ReadonlySet<string> }) {
  const sw = (color: string, dash = '', width = 2) => (
    <svg width="22" height="10" aria-hidden="true"><line x1="1" y1="5" x2="21" y2="5" stroke={color} strokeWidth={width} strokeDasharray={dash} /></svg>
  );
  const mk = (symbol: string) => {
    const c = PHASE_COLORS.equilibrium;
    return (
      <svg width="12" height="12" aria-hidden="true">
        {symbol === 'circle' && <circle cx="6" cy="6" r="4.5" fill={c} />}
        {symbol === 'circle-open' && <circle cx="6" cy="6" r="4" fill="#fff" stroke={c} strokeWidth="1.8" />}
        {symbol === 'x' && <path d="M2 2 L10 10 M10 2 L2 10" stroke={c} strokeWidth="2.4" />}
        {symbol === 'diamond-open' && <path d="M6 1 L11 6 L6 11 L1 6 Z" fill="#fff" stroke={c} strokeWidth="1.6" />}
      </svg>
    );
  };
  return (
    <div className="phase-legend" data-testid="phase-legend">
      <span>{sw(PHASE_COLORS.vNull)} v-nullcline</span>
      <span>{sw(PHASE_COLORS.uNull)} u-nullcline</span>
      <span>{sw(PHASE_COLORS.separatrix, '5 3', 2.2)} separatrix</span>
      <span>{sw(PHASE_COLORS.separatrix, '1 2', 1)} unstable manifold</span>
      <span>{sw(PHASE_COLORS.run, '', 1.4)} trajectory</span>
      <span>{sw(PHASE_COLORS.run, '1 2', 1)} reset</span>
      <span>{sw(PHASE_COLORS.launched, '', 1.2)} launched</span>
      {EQ_GROUPS.filter((g) => groups.has(g.key)).map((g) => <span key={g.key} title={g.label}>{mk(g.symbol)} {g.short}</span>)}
    </div>
  );
}

export function PhasePanel() {
  const view = useSyncExternalStore(subscribePhaseView, getPhaseView);
  const a = useAnalysisActions();
  const userBox = useAnalysis((s) => s.box);
  const launches = useAnalysis((s) => s.launches.length);
  const picked = useAnalysis((s) => s.picked);
  const launchMs = useAnalysis((s) => s.launchMs);
  const hover = useAnalysis((s) => s.hover);
  const selected = useApp((s) => s.selected);
  const unsupported = useApp((s) => analysisUnsupported(s.session));
  const appActions = useActions();
  const boxRef = useRef<HTMLDivElement>(null);
  const down = useRef<{ x: number; y: number } | null>(null);

  const size = useElementSize(boxRef, 200, 160);
  useEffect(() => {
    if (size) a.setPhasePixels({ w: size.width - PHASE_MARGIN.l - PHASE_MARGIN.r, h: size.height - PHASE_MARGIN.t - PHASE_MARGIN.b });
  }, [size, a]);

  const frame = view?.frame ?? null;
  const data = useMemo(() => buildPhaseData(frame), [frame]);
  const shownBox = userBox ?? frame?.plane.box ?? null;
  const layoutKey = useRef('');
  const layout = useMemo(() => {
    if (!size || !shownBox) return {};
    const l = buildPhaseLayout({ width: size.width, height: size.height, box: shownBox });
    const key = JSON.stringify(l);
    const same = key === layoutKey.current;
    layoutKey.current = key;
    // Unchanged axes: a zero-length transition makes Plotly update the traces in place (about half a full redraw).
    return same ? { ...l, transition: { duration: 0, easing: 'linear' } } : l;
    // frame: a new figure per frame, on the fast pathway when the axes stay.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [size, shownBox, frame]);

  useLayoutEffect(() => { if (view && size) phaseDrawStarted(view); }, [view, size]);
  useEffect(() => () => phaseDrawFinished(null), []);
  const gdRef = useRef<HTMLElement | null>(null);
  const afterDraw = useCallback((_f: unknown, gd: HTMLElement) => {
    gdRef.current = gd;
    const v = getPhaseView();
    const box = boxRef.current;
    if (v && box) {
      box.setAttribute('data-run', String(v.runId));
      box.setAttribute('data-request', String(v.requestId));
      box.setAttribute('data-equilibria', v.frame.plane.equilibria.equilibria.map((e) => e.type).join(' '));
      box.setAttribute('data-launched', String(v.frame.launched.length));
    }
    phaseDrawFinished(v);
  }, []);

  // Plotly's zoom: fix the box; autorange (double-click) returns to the automatic box.
  const onRelayout = useCallback((e: Record<string, unknown>) => {
    if (e['xaxis.autorange'] || e['yaxis.autorange']) { a.setPhaseBox(null); return; }
    const x0 = e['xaxis.range[0]'], x1 = e['xaxis.range[1]'], y0 = e['yaxis.range[0]'], y1 = e['yaxis.range[1]'];
    if (x0 === undefined && y0 === undefined) return;
    const cur = userBox ?? frame?.plane.box;
    if (!cur) return;
    const b: Box = {
      vMin: x0 !== undefined ? Number(x0) : cur.vMin, vMax: x1 !== undefined ? Number(x1) : cur.vMax,
      uMin: y0 !== undefined ? Number(y0) : cur.uMin, uMax: y1 !== undefined ? Number(y1) : cur.uMax,
    };
    if (b.vMax > b.vMin && b.uMax > b.uMin && !sameRange(b, cur)) a.setPhaseBox(b);
  }, [a, userBox, frame]);
  const onDoubleClick = useCallback(() => { a.setPhaseBox(null); }, [a]);

  const local = (e: { clientX: number; clientY: number }) => {
    const r = boxRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const onPointerDown = (e: React.PointerEvent) => { down.current = { x: e.clientX, y: e.clientY }; };
  const onClickCapture = (e: React.MouseEvent) => {
    const d = down.current;
    down.current = null;
    if (!d || !size || !shownBox || Math.hypot(e.clientX - d.x, e.clientY - d.y) > 4 || e.detail > 1) return;
    const { x, y } = local(e);
    const p = fromPixel(shownBox, size.width, size.height, x, y);
    if (p) a.launch(p);
  };
  // Hovering the trajectory: the nearest point within 10 px gives the time marked in the time plot.
  const onPointerMove = (e: React.PointerEvent) => {
    const run = frame?.run;
    if (!run || !size || !shownBox || e.buttons) return;
    const { x, y } = local(e);
    let best = 100, bt = NaN;
    const f = run.flow;
    for (let i = 0; i < f.length; i++) {
      const v = f.v[i];
      if (Number.isNaN(v)) continue;
      const q = toPixel(shownBox, size.width, size.height, v, f.u[i]);
      const d = (q.x - x) ** 2 + (q.y - y) ** 2;
      if (d < best) { best = d; bt = f.t[i]; }
    }
    if (Number.isFinite(bt)) a.setHover({ t: bt, from: 'phase' });
    else if (hover?.from === 'phase') a.setHover(null);
  };
  const onPointerLeave = () => { if (hover?.from === 'phase') a.setHover(null); };

  // The hover marker: the state at the linked time.
  const marker = useMemo(() => {
    if (!hover || !frame?.run || !size || !shownBox) return null;
    if (hover.t < frame.tStart || hover.t > frame.tEnd) return null;
    const s = stateAt(frame.run.flow, hover.t);
    if (!s) return null;
    const q = toPixel(shownBox, size.width, size.height, s.v, s.u);
    return { ...q, ...s, t: hover.t };
  }, [hover, frame, size, shownBox]);

  const eqs = frame?.plane.equilibria;
  const groups = useMemo(() => new Set((eqs?.equilibria ?? []).map((e) => eqGroup(e))), [eqs]);
  const bif = frame?.plane.bifurcations.found.filter((b) => b.param === 'I') ?? [];
  const stale = frame && frame.segment !== selected;

  return (
    <section className="panel phase-panel" aria-label="phase plane" data-testid="phase-panel">
      <div className="panel-head">
        <h2>Phase plane</h2>
        <span className="hint">
          {frame ? `segment ${frame.segment + 1} · I = ${fmt(frame.params.I)}${frame.slope ? ` (ramp start; ${fmt(frame.slope)}/ms)` : ''}` : 'computing…'}
          {stale ? ' · updating…' : ''}
        </span>
        <button type="button" onClick={() => a.setPhaseBox(null)} disabled={!userBox} title="back to the automatic view (or double-click the plot)">Fit</button>
        <button type="button" data-testid="phase-close" onClick={() => a.setPhaseOpen(false)} title="close the phase plane" aria-label="close the phase plane">×</button>
      </div>
      <div className="phase-plot" ref={boxRef} data-testid="phase-plot" title="click: launch a trajectory from here · drag: zoom · double-click: fit"
        onPointerDown={onPointerDown} onClickCapture={onClickCapture} onPointerMove={onPointerMove} onPointerLeave={onPointerLeave}>
        {unsupported ? (
          <div className="plot-placeholder phase-unsupported" data-testid="phase-unsupported">{unsupported}</div>
        ) : size && frame && shownBox ? (
          <Plot data={data} layout={layout} style={STYLE} onInitialized={afterDraw} onUpdate={afterDraw}
            onRelayout={onRelayout} onDoubleClick={onDoubleClick}
            onError={(err) => { console.error('Plotly', err); phaseDrawFinished(null); }} />
        ) : (
          <div className="plot-placeholder">phase plane…</div>
        )}
        {marker && (
          <div className="phase-cursor" data-testid="phase-cursor" style={{ left: marker.x, top: marker.y }}
            title={`t = ${fmt(marker.t, 6)} ms: v = ${fmt(marker.v)} mV, u = ${fmt(marker.u)} mV/ms`} />
        )}
      </div>
      <Legend groups={groups} />
      <div className="phase-info" data-testid="phase-info">
        {eqs && eqs.continuum && <div className="hint">u is constant (a = 0 or b = ucoef = 0): every point of the v-nullcline is an equilibrium.</div>}
        {eqs && !eqs.continuum && eqs.equilibria.length === 0 && <div data-testid="phase-no-equilibria">no equilibrium: the nullclines do not meet (I above the saddle-node current) — the cell fires for ever</div>}
        {eqs && eqs.equilibria.length > 0 && (
          <ul className="phase-eq" data-testid="phase-equilibria">
            {eqs.equilibria.map((e, i) => (
              <li key={i} data-type={e.type} data-group={eqGroup(e)} data-v={e.v}>
                <b>{typeText(e.type)}</b> at v = {fmt(e.v, 5)}, u = {fmt(e.u, 5)}
                <span title="eigenvalues of the Jacobian, 1/ms"> · λ = {eigenText(e)}</span>
              </li>
            ))}
          </ul>
        )}
        <div className="phase-bif" data-testid="phase-bifurcations">
          {bif.map((b, i) => (
            <span key={i} data-kind={b.kind}>
              {b.kind === 'hopf' ? 'Hopf' : b.kind === 'saddle-node' ? 'saddle-node' : 'Bogdanov–Takens'} at I = {fmt(b.value, 5)}
              {b.criticality ? ` (${b.criticality})` : ''}
            </span>
          ))}
          {frame && frame.plane.bifurcations.absent.filter((x) => x.param === 'I').map((x, i) => (
            <span key={`a${i}`} className="muted" title={x.reason}>no {x.kind === 'hopf' ? 'Hopf' : x.kind} in I</span>
          ))}
          <span className="phase-launch">
            <label title="duration of each trajectory launched by a click">for
              <NumberField testId="phase-launch-ms" errorTestId="phase-launch-ms-error" value={launchMs} label="duration" unit="ms"
                min={1} max={5000} mode="commit" onCommit={(x) => { a.setLaunchMs(x); return { ok: true }; }} /> ms</label>
            <button type="button" onClick={() => a.clearLaunches()} disabled={!launches} data-testid="phase-clear"
              title={`remove the launched trajectories (each ${launchMs} ms)`}>Clear{launches ? ` ${launches}` : ''}</button>
            <button type="button" data-testid="phase-set-initial" disabled={!picked}
              title="set the session's initial state (v0, u0) to the last clicked point"
              onClick={() => { if (picked) appActions.setInitial({ v: Number(picked.v.toFixed(3)), u: Number(picked.u.toFixed(3)), mode: 'explicit' }); }}>
              {picked ? `v0, u0 ← (${fmt(picked.v, 3)}, ${fmt(picked.u, 3)})` : 'v0, u0 ← click'}
            </button>
          </span>
        </div>
      </div>
    </section>
  );
}
