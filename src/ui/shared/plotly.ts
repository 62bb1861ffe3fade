// The Plotly binding: the partial cartesian bundle, the react-plotly.js component built from it (its factory export,
// which works under Vite) wrapped so that a plot torn down mid-interaction ends that interaction first, and the
// registry of the live graph div used by export and the UI benchmark hooks.

import { createElement, useCallback, useLayoutEffect, useRef } from 'react';
import Plotly from 'plotly.js-cartesian-dist-min';
import createPlotlyComponent from 'react-plotly.js/factory';
import type { Figure, PlotParams } from 'react-plotly.js/factory';

/**
 * The plot configuration, set once as Plotly's default: passing a config to every Plotly.react makes Plotly
 * rebuild and compare its whole context each time (several ms per frame), so the Plot component gets none.
 * Local-first: nothing may send the figure anywhere. Plotly's own toolbar is off (the explorer has its own, with
 * keyboard-usable buttons, PlotToolbar.tsx); a plot that turns it on gets only the buttons listed here, all of
 * which act in the page — never "Share chart…" (an upload to Plotly's cloud), "Edit in Chart Studio" or the logo link.
 */
export const LOCAL_MODEBAR_BUTTONS = ['zoom2d', 'pan2d', 'zoomIn2d', 'zoomOut2d', 'resetScale2d'] as const;
export const PLOT_CONFIG = {
  displayModeBar: false,
  modeBarButtons: [[...LOCAL_MODEBAR_BUTTONS]],
  displaylogo: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  showLink: false,
  plotlyServerURL: '',
  responsive: false,
  doubleClick: false as const,
  scrollZoom: false,
  showTips: false,
};
Plotly.setPlotConfig(PLOT_CONFIG);

export { Plotly };
const RawPlot = createPlotlyComponent(Plotly);

/**
 * Ends what Plotly is in the middle of on a graph div that is about to be purged. A drag: Plotly listens for the
 * release on the document and would run its handler on the purged div ("reading '_hoverlayer'"), and a drag that
 * ends normally applies its zoom or pan by an asynchronous relayout that would finish on the purged div ("emit is
 * not a function"). So the drag is abandoned: with `_dragging` cleared first, Plotly's release handler (dispatched
 * here) only removes its document listeners and its cover element, applying nothing. Hover labels (and a pending
 * throttled hover) are removed. Call while the div is still intact.
 */
export function endPlotInteraction(gd: HTMLElement): void {
  const g = gd as unknown as { _dragging?: boolean; _dragged?: boolean; _fullLayout?: unknown };
  if (!g._fullLayout) return;
  if (g._dragging) {
    g._dragging = false;
    g._dragged = false;
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, cancelable: true, view: window }));
  }
  try { Plotly.Fx.unhover(gd); } catch { /* nothing hovered */ }
}

/**
 * react-plotly.js's Plot with a clean teardown: when it unmounts (the view changes while a drag or hover is under
 * way), the interaction is ended before react-plotly.js purges the div (a parent's layout-effect cleanup runs
 * before the child's componentWillUnmount), and no relayout is passed on from then (the view it would change is
 * going away).
 */
export function Plot(props: PlotParams) {
  const gd = useRef<HTMLElement | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const leaving = useRef(false);
  const onInitialized = useCallback((fig: Figure, el: HTMLElement) => { gd.current = el; latest.current.onInitialized?.(fig, el); }, []);
  const onUpdate = useCallback((fig: Figure, el: HTMLElement) => { gd.current = el; latest.current.onUpdate?.(fig, el); }, []);
  const onRelayout = useCallback((e: unknown) => { if (!leaving.current) latest.current.onRelayout?.(e); }, []);
  useLayoutEffect(() => {
    leaving.current = false; // (StrictMode's trial unmount in development mounts it again)
    return () => {
      leaving.current = true;
      if (gd.current) endPlotInteraction(gd.current);
    };
  }, []);
  return createElement(RawPlot, { ...props, onInitialized, onUpdate, onRelayout });
}


declare global {
  interface Window {
    __izhPlotly?: typeof Plotly;
    __izhGraphDiv?: () => HTMLElement | null;
  }
}

let graphDiv: HTMLElement | null = null;

/** Called by the trace plot when its graph div is (re)initialised or removed. */
export function registerGraphDiv(gd: HTMLElement | null): void {
  graphDiv = gd;
}

/** The plot's graph div (.js-plotly-plot), or null before the first draw. */
export function getGraphDiv(): HTMLElement | null {
  return graphDiv;
}

if (typeof window !== 'undefined') {
  window.__izhPlotly = Plotly;
  window.__izhGraphDiv = getGraphDiv;
}
