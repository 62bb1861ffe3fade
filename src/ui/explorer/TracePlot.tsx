// The trace plot: draws the display traces it is given (react-plotly.js on the partial Plotly bundle), one draw at a
// time, sized to its container (columns = plot-area pixels). Zoom/pan in time ask for the visible window (re-decimated
// by the worker); zoom/pan in v, u or I set that panel's y range (plotView.ts); double-click shows the whole run again
// (and never selects); a click on a band selects its segment. Marks painted revisions for tests.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { segmentViews } from '../../state/derived';
import { getPlotFrame, plotDrawFinished, plotDrawStarted, subscribePlotFrame } from '../../state/plotData';
import { painted } from '../../state/perf';
import { getAppStore, useActions, useApp } from '../../state/store';
import { getPlotViewStore, usePlotView, type PanelKey } from '../../state/plotView';
import { spikeMarks } from '../../state/spikeMarks';
import { sessionDuration } from '../../model/session';
import { modelOf } from '../../model/models';
import { Plot, registerGraphDiv } from '../shared/plotly';
import { formatFixed, formatShort } from '../shared/format';
import { showCurrentPanel } from './currentPanel';
import { MARGIN, UNITS_2003, buildData, buildLayout, furnitureKey, plotColumns, stickyRange, syncAnnotationTexts, vRange, withFastPath } from './plotFigure';

const STYLE = { width: '100%', height: '100%' };

type RelayoutEvent = Record<string, unknown>;

/** How long a click waits to be sure it is not the first of a double-click before it selects, ms. */
const DOUBLE_CLICK_MS = 260;
const Y_AXES: ReadonlyArray<[string, PanelKey]> = [['yaxis', 'v'], ['yaxis2', 'u'], ['yaxis3', 'I']];

/** Replaces ASCII minus signs of numbers by U+2212 in the text of `root` (Plotly's hover labels). */
function typographicMinus(root: Element): void {
  root.querySelectorAll('text, tspan').forEach((n) => {
    if (n.childElementCount > 0) return;
    const t = n.textContent ?? '';
    if (!t.includes('-')) return;
    const fixed = t.replace(/(^|[\s=(])-(?=[\d.])/g, '$1\u2212');
    if (fixed !== t) n.textContent = fixed;
  });
}

/** The new range of `axis` in a relayout event ("axis.range[0]"/"[1]" or "axis.range"), or null. */
function rangeOf(e: RelayoutEvent, axis: string): [number, number] | null {
  let r0 = e[`${axis}.range[0]`];
  let r1 = e[`${axis}.range[1]`];
  const r = e[`${axis}.range`];
  if (Array.isArray(r)) { r0 = r[0]; r1 = r[1]; }
  if (r0 === undefined || r1 === undefined) return null;
  const a = Number(r0);
  const b = Number(r1);
  return Number.isFinite(a) && Number.isFinite(b) && b > a ? [a, b] : null;
}

export function TracePlot() {
  const frame = useSyncExternalStore(subscribePlotFrame, getPlotFrame);
  const selected = useApp((s) => s.selected);
  const viewWindow = useApp((s) => s.view.window);
  const actions = useActions();
  const boxRef = useRef<HTMLDivElement>(null);
  const gdRef = useRef<HTMLElement | null>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const paintedRequest = useRef(0);
  const down = useRef<{ x: number; y: number } | null>(null);
  const yZoom = usePlotView((s) => s.yZoom);
  const shows = useApp((s) => s.run?.shows ?? 'nothing');
  // (Not `running` itself: it flips at every slider step, and the plot must not re-render for it.)
  const notRun = useApp((s) => (s.run?.shows ?? 'nothing') === 'nothing' && !s.running && s.run !== null);
  const dragmode = usePlotView((s) => s.dragmode);
  const markersOn = usePlotView((s) => s.spikeMarkers);

  // Size: follow the container; the number of columns is the plot area's width in pixels.
  useLayoutEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      const width = Math.max(320, Math.floor(r.width));
      const height = Math.max(260, Math.floor(r.height));
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (size) actions.setPlotColumns(plotColumns(size.width));
  }, [size, actions]);

  const session = frame?.session ?? null;
  const views = useMemo(() => (session ? segmentViews(session) : []), [session]);
  const duration = session ? sessionDuration(session) : 1;
  const showI = !!session && showCurrentPanel(session);
  const traces = frame?.traces ?? null;
  const units = session ? modelOf(session).units : UNITS_2003;

  const win0 = viewWindow ? viewWindow[0] : 0;
  const win1 = viewWindow ? viewWindow[1] : duration;
  const vAuto = vRange(traces);
  const vr = yZoom.v ?? vAuto;
  const spikes = frame?.spikes ?? null;
  const columns = size ? plotColumns(size.width) : 1;
  const marks = useMemo(
    () => (markersOn && spikes && session && traces ? spikeMarks(spikes, session, traces.window, columns) : null),
    [markersOn, spikes, session, traces, columns],
  );
  // Markers sit a little above the spike's peak: 4 % of the v axis.
  const lift = 0.04 * (vr[1] - vr[0]);
  const data = useMemo(() => (traces ? buildData(traces, showI, units, marks, lift) : []), [traces, showI, units, marks, lift]);
  const computedUntil = frame && frame.status.kind === 'diverged' ? frame.status.t : null;
  // u and I ranges stay put while new data fit them well (no axis jump, and Plotly's fast pathway, at every step).
  const shownRanges = useRef<{ u: [number, number] | null; I: [number, number] | null }>({ u: null, I: null });
  const uAuto = useMemo(() => {
    const r = traces ? stickyRange(shownRanges.current.u, traces.u.yMin, traces.u.yMax, [-20, 10]) : ([-20, 10] as [number, number]);
    shownRanges.current.u = r;
    return r;
  }, [traces]);
  const iAuto = useMemo(() => {
    const r = showI && traces ? stickyRange(shownRanges.current.I, traces.I.yMin, traces.I.yMax, [-10, 10]) : null;
    shownRanges.current.I = r;
    return r;
  }, [traces, showI]);
  const ur = yZoom.u ?? uAuto;
  const ir = iAuto && (yZoom.I ?? iAuto);
  const lastFurniture = useRef('');
  const layout = useMemo(
    () => {
      if (!size) return {};
      const l = buildLayout({
        width: size.width, height: size.height, views, selected, window: [win0, win1], vRange: vr, uRange: ur, iRange: ir, units,
        dragmode, computedUntil, duration,
      });
      const key = furnitureKey(l);
      const same = key === lastFurniture.current;
      lastFurniture.current = key;
      return same ? withFastPath(l) : l;
    },
    // Ranges are compared by value so that an unchanged axis keeps the same layout object.
    [size, views, selected, win0, win1, vr[0], vr[1], ur[0], ur[1], ir?.[0], ir?.[1], units, dragmode, computedUntil, duration],
  );

  const plotShown = !!size && !!traces;
  // Before react-plotly's effect hands the new figure to Plotly (layout effects run first): the frame counts as
  // being drawn (newer results wait for it), and the boundary labels get their new texts in the same task as the
  // traces, since Plotly's fast pathway leaves annotations alone.
  useLayoutEffect(() => {
    if (plotShown && frame) plotDrawStarted(frame);
  }, [plotShown, frame]);
  useLayoutEffect(() => {
    if (gdRef.current) syncAnnotationTexts(gdRef.current, layout);
  }, [layout]);
  // A plot that goes away draws nothing more: let waiting results through.
  useEffect(() => () => plotDrawFinished(null), []);

  // The painted revision: the first animation frame after a frame's traces are in the DOM is the frame that paints
  // them (Plotly writes the trace paths within the task of its react call; its promise, and so onUpdate, resolves only
  // in a later timer task, after that frame). A MutationObserver on the paths' `d` attributes sees the write.
  const dataRef = useRef<object[]>(data);
  useLayoutEffect(() => { dataRef.current = data; }, [data]);
  const markPainted = useCallback((gd: HTMLElement) => {
    const f = getPlotFrame();
    if (!f || f.requestId === paintedRequest.current) return;
    if ((gd as unknown as { data?: unknown[] }).data !== dataRef.current) return; // the DOM holds an older figure
    paintedRequest.current = f.requestId;
    const drawnAt = performance.now();
    requestAnimationFrame(() => {
      const box = boxRef.current;
      if (box) {
        box.setAttribute('data-revision', String(f.runId));
        box.setAttribute('data-points', String(f.traces.v.length));
      }
      painted(f.requestId, f.traces.v.length, performance.now(), drawnAt);
    });
  }, []);
  const observer = useRef<MutationObserver | null>(null);
  const hoverFix = useRef<MutationObserver | null>(null);
  useEffect(() => () => { observer.current?.disconnect(); hoverFix.current?.disconnect(); }, []);

  // After Plotly has drawn a new figure (its promise resolved): the draw is over, newer frames may follow; the
  // revision is marked here too in case no trace path changed.
  const afterDraw = useCallback((_fig: unknown, gd: HTMLElement) => {
    if (gdRef.current !== gd) {
      gdRef.current = gd;
      registerGraphDiv(gd);
      observer.current?.disconnect();
      observer.current = new MutationObserver(() => markPainted(gd));
      observer.current.observe(gd, { subtree: true, attributes: true, attributeFilter: ['d'] });
      // Plotly's hover labels print "-69.11"; the app's convention (format.ts) is a typographic minus, as in its ticks.
      hoverFix.current?.disconnect();
      const hover = gd.querySelector('.hoverlayer');
      if (hover) {
        hoverFix.current = new MutationObserver(() => typographicMinus(hover));
        hoverFix.current.observe(hover, { subtree: true, childList: true, characterData: true });
      }
    }
    syncAnnotationTexts(gd, (gd as unknown as { layout: object }).layout);
    const f = getPlotFrame();
    const drawn = (gd as unknown as { data?: unknown[] }).data;
    if (!f || drawn !== data) return;
    markPainted(gd);
    plotDrawFinished(f);
  }, [data, markPainted]);

  useEffect(() => () => registerGraphDiv(null), []);

  const onRelayout = useCallback((e: RelayoutEvent) => {
    const plotView = getPlotViewStore().getState();
    for (const [axis, panel] of Y_AXES) {
      if (e[`${axis}.autorange`] === true) { plotView.setY(panel, null); continue; }
      const r = rangeOf(e, axis);
      if (r) plotView.setY(panel, r);
    }
    if (e['xaxis.autorange'] === true) { actions.setViewWindow(null); return; }
    const r = rangeOf(e, 'xaxis');
    if (!r) return;
    const a = Math.max(0, r[0]);
    const b = Math.min(duration, r[1]);
    if (!(b > a)) return;
    if (a <= 0 && b >= duration) actions.setViewWindow(null);
    else actions.setViewWindow([a, b]);
  }, [actions, duration]);

  // A single click selects the segment under the pointer a moment later, unless it turns out to be the first click
  // of a double-click (which only shows the whole run again). A slow double-click that already selected puts the
  // earlier selection back.
  const pendingSelect = useRef<{ timer: ReturnType<typeof setTimeout>; before: number } | null>(null);
  const lastSelect = useRef<{ at: number; before: number; to: number } | null>(null);
  useEffect(() => () => { if (pendingSelect.current) clearTimeout(pendingSelect.current.timer); }, []);
  const onDoubleClick = useCallback(() => {
    if (pendingSelect.current) { clearTimeout(pendingSelect.current.timer); pendingSelect.current = null; }
    const last = lastSelect.current;
    lastSelect.current = null;
    if (last && performance.now() - last.at < DOUBLE_CLICK_MS * 3 && getAppStore().getState().selected === last.to) actions.select(last.before);
    getPlotViewStore().getState().resetY();
    actions.setViewWindow(null);
  }, [actions]);

  // A click (not a drag) inside the plot area selects the segment under the pointer.
  const onPointerDown = (e: React.PointerEvent) => { down.current = { x: e.clientX, y: e.clientY }; };
  const onClickCapture = (e: React.MouseEvent) => {
    const d = down.current;
    down.current = null;
    if (e.detail > 1 && pendingSelect.current) { clearTimeout(pendingSelect.current.timer); pendingSelect.current = null; }
    if (!d || Math.hypot(e.clientX - d.x, e.clientY - d.y) > 4 || e.detail > 1) return;
    const gd = gdRef.current;
    if (!gd || !size || !views.length) return;
    const layoutNow = (gd as unknown as { layout?: { xaxis?: { range?: unknown[] }; margin?: { t?: number } } }).layout;
    const range = layoutNow?.xaxis?.range;
    const top = layoutNow?.margin?.t ?? 0;
    const r = gd.getBoundingClientRect();
    const px = e.clientX - r.left - MARGIN.l;
    const py = e.clientY - r.top;
    const plotW = size.width - MARGIN.l - MARGIN.r;
    if (px < 0 || px > plotW || py < top || py > size.height - MARGIN.b || !Array.isArray(range)) return;
    const t = Number(range[0]) + (px / plotW) * (Number(range[1]) - Number(range[0]));
    const i = views.findIndex((v) => t >= v.start && t < v.end);
    if (i < 0) return;
    if (pendingSelect.current) clearTimeout(pendingSelect.current.timer);
    const before = getAppStore().getState().selected;
    pendingSelect.current = {
      before,
      timer: setTimeout(() => {
        pendingSelect.current = null;
        if (getAppStore().getState().selected === i) return;
        lastSelect.current = { at: performance.now(), before, to: i };
        actions.select(i);
      }, DOUBLE_CLICK_MS),
    };
  };

  const label = session
    ? `Time plot of the run: v(t), u(t)${showI ? ' and I(t)' : ''} from 0 to ${formatShort(duration, 7)} ms, ` +
      `${views.length} segment${views.length === 1 ? '' : 's'}${computedUntil !== null ? `, diverged at ${formatFixed(Math.max(0, computedUntil), 1)} ms` : ''}. Details follow.`
    : 'Time plot: no run to show yet.';
  return (
    <div
      className="trace-plot"
      data-testid="plot"
      ref={boxRef}
      onPointerDown={onPointerDown}
      onClickCapture={onClickCapture}
      role="img"
      aria-label={label}
      aria-describedby="plot-description"
    >
      {size && traces ? (
        <Plot
          data={data}
          layout={layout}
          style={STYLE}
          onInitialized={afterDraw}
          onUpdate={afterDraw}
          onRelayout={onRelayout}
          onDoubleClick={onDoubleClick}
          onError={(err) => { console.error('Plotly', err); plotDrawFinished(null); }}
        />
      ) : (
        <div className="plot-placeholder">{notRun ? 'Not run: see the status line below.' : 'simulating…'}</div>
      )}
      {plotShown && shows === 'previous' && (
        <div className="plot-stale" data-testid="plot-stale">previous run: the latest settings were not run (see the status line)</div>
      )}
    </div>
  );
}
