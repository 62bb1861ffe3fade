// The time plot's toolbar (instead of Plotly's, whose buttons cannot be reached with the keyboard and cover the
// right-most label): what a drag does (zoom box or pan), zoom in/out in time about the window's middle, the way back
// to the whole run with every y axis automatic (also a double-click on the plot), and the optional spike markers.

import { sessionDuration } from '../../model/session';
import { usePlotView, getPlotViewStore } from '../../state/plotView';
import { useActions, useApp } from '../../state/store';

/** The window zoomed by `factor` (< 1 in, > 1 out) about its middle, kept inside [0, duration]; null = the whole run. */
export function zoomWindow(window: [number, number] | null, duration: number, factor: number): [number, number] | null {
  const [a, b] = window ?? [0, duration];
  const half = ((b - a) * factor) / 2;
  const mid = (a + b) / 2;
  if (2 * half >= duration) return null;
  let lo = mid - half;
  let hi = mid + half;
  if (lo < 0) { hi -= lo; lo = 0; }
  if (hi > duration) { lo -= hi - duration; hi = duration; }
  return [Math.max(0, lo), Math.min(duration, hi)];
}

export function PlotToolbar() {
  const dragmode = usePlotView((s) => s.dragmode);
  const markers = usePlotView((s) => s.spikeMarkers);
  const yZoomed = usePlotView((s) => Object.keys(s.yZoom).length > 0);
  const window = useApp((s) => s.view.window);
  const duration = useApp((s) => sessionDuration(s.session));
  const actions = useActions();
  const pv = getPlotViewStore().getState();
  const zoomed = window !== null || yZoomed;
  // The shortest window worth zooming to: 20 µs (a few steps at the finest dt).
  const canZoomIn = (window ? window[1] - window[0] : duration) > 0.04;
  return (
    <div className="plot-tools" role="toolbar" aria-label="plot tools" data-testid="plot-tools">
      <span className="tool-group" role="group" aria-label="a drag in the plot">
        <button type="button" aria-pressed={dragmode === 'zoom'} data-testid="tool-zoom" onClick={() => pv.setDragmode('zoom')}
          title="a drag draws a box to zoom into (a wide flat box zooms time only, a tall narrow one that panel's y axis only)">
          Zoom box
        </button>
        <button type="button" aria-pressed={dragmode === 'pan'} data-testid="tool-pan" onClick={() => pv.setDragmode('pan')}
          title="a drag moves the view in time and along the y axis of the panel under the pointer">
          Pan
        </button>
      </span>
      <span className="tool-group" role="group" aria-label="zoom in time">
        <button type="button" data-testid="tool-zoom-in" disabled={!canZoomIn} aria-label="zoom in (time)" title="zoom in: half the time span, same middle"
          onClick={() => actions.setViewWindow(zoomWindow(window, duration, 0.5))}>+</button>
        <button type="button" data-testid="tool-zoom-out" disabled={window === null} aria-label="zoom out (time)" title="zoom out: twice the time span"
          onClick={() => actions.setViewWindow(zoomWindow(window, duration, 2))}>−</button>
      </span>
      <button type="button" data-testid="tool-reset-zoom" disabled={!zoomed}
        title="the whole run, every y axis on its automatic range (or double-click the plot)"
        onClick={() => { pv.resetY(); actions.setViewWindow(null); }}>
        Reset zoom
      </button>
      <label className="tool-check" title="a mark over each spike (one per pixel column; the hover says how many it stands for)">
        <input type="checkbox" data-testid="tool-spike-markers" checked={markers} onChange={(e) => pv.setSpikeMarkers(e.target.checked)} />
        spike markers
      </label>
      <span className="tool-hint">drag: zoom · drag an axis: pan it · double-click: whole run</span>
    </div>
  );
}
