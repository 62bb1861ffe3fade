// The Plotly binding: the partial cartesian bundle, the react-plotly.js component built from it (its factory export,
// which works under Vite), and the registry of the live graph div used by export and the UI benchmark hooks.

import Plotly from 'plotly.js-cartesian-dist-min';
import createPlotlyComponent from 'react-plotly.js/factory';

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
export const Plot = createPlotlyComponent(Plotly);

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
