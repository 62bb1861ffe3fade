// The time plot's own view state, apart from the session and the time window (which lives in the app store because
// the worker re-decimates for it): a zoomed y range per panel (v, u, I), the drag mode (zoom box or pan) and whether
// spike markers are drawn (kept in the browser). A new session (loaded, opened, reset) shows every y axis whole again.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppStore } from './store';
import { browserStorage, type StorageLike } from './persistence';

export type PanelKey = 'v' | 'u' | 'I';
export type YZoom = Partial<Record<PanelKey, [number, number]>>;

export interface PlotViewState {
  /** Zoomed y range of each panel; absent: the automatic range. */
  yZoom: YZoom;
  dragmode: 'zoom' | 'pan';
  spikeMarkers: boolean;
  setY(panel: PanelKey, range: [number, number] | null): void;
  /** Every y axis back to its automatic range. */
  resetY(): void;
  setDragmode(mode: 'zoom' | 'pan'): void;
  setSpikeMarkers(on: boolean): void;
}

export const PLOT_PREFS_KEY = 'izhikevich-explorer/plot/v1';

function loadMarkers(storage: StorageLike | null): boolean {
  try {
    const raw = storage?.getItem(PLOT_PREFS_KEY);
    return raw ? (JSON.parse(raw) as { spikeMarkers?: unknown }).spikeMarkers === true : false;
  } catch {
    return false;
  }
}

export function createPlotViewStore(storage: StorageLike | null = browserStorage()): StoreApi<PlotViewState> {
  return createStore<PlotViewState>()((set, get) => ({
    yZoom: {},
    dragmode: 'zoom',
    spikeMarkers: loadMarkers(storage),
    setY: (panel, range) => {
      const cur = get().yZoom[panel];
      if (range && !(Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[1] > range[0])) return;
      if (!range && !cur) return;
      if (range && cur && range[0] === cur[0] && range[1] === cur[1]) return;
      const next = { ...get().yZoom };
      if (range) next[panel] = [range[0], range[1]];
      else delete next[panel];
      set({ yZoom: next });
    },
    resetY: () => { if (Object.keys(get().yZoom).length) set({ yZoom: {} }); },
    setDragmode: (dragmode) => { if (dragmode !== get().dragmode) set({ dragmode }); },
    setSpikeMarkers: (on) => {
      if (on === get().spikeMarkers) return;
      set({ spikeMarkers: on });
      try { storage?.setItem(PLOT_PREFS_KEY, JSON.stringify({ spikeMarkers: on })); } catch { /* storage full or off: keep it for this visit */ }
    },
  }));
}

/**
 * Resets the y zoom whenever the app store gets a new session together with a reset time window (a session loaded,
 * opened from a file or a link, an experiment, Reset): its axes have nothing to do with the old ones.
 */
export function followSessions(plotView: StoreApi<PlotViewState>, app: AppStore): () => void {
  return app.subscribe((s, prev) => {
    if (s.session !== prev.session && s.view !== prev.view && s.view.window === null) plotView.getState().resetY();
  });
}

let plotViewStore: StoreApi<PlotViewState> | null = null;
export function getPlotViewStore(): StoreApi<PlotViewState> {
  if (!plotViewStore) plotViewStore = createPlotViewStore();
  return plotViewStore;
}

export function usePlotView<T>(selector: (s: PlotViewState) => T): T {
  return useStore(getPlotViewStore(), selector);
}
