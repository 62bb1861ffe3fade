// Tests of the plot's view state: y zoom per panel with a way back, drag mode, spike markers kept in storage, and the
// y zoom reset when a new session arrives (loaded, reset) but kept across ordinary edits.
import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { MemoryStorage } from './memoryStorage';
import { PLOT_PREFS_KEY, createPlotViewStore, followSessions } from './plotView';

describe('plot view', () => {
  it('keeps a y range per panel, refuses empty ones, and resets them all', () => {
    const pv = createPlotViewStore(null);
    pv.getState().setY('v', [-70, -50]);
    pv.getState().setY('u', [-5, 5]);
    pv.getState().setY('I', [3, 3]);
    expect(pv.getState().yZoom).toEqual({ v: [-70, -50], u: [-5, 5] });
    pv.getState().setY('u', null);
    expect(pv.getState().yZoom).toEqual({ v: [-70, -50] });
    pv.getState().resetY();
    expect(pv.getState().yZoom).toEqual({});
  });

  it('remembers the spike-marker choice in storage', () => {
    const storage = new MemoryStorage();
    const pv = createPlotViewStore(storage);
    expect(pv.getState().spikeMarkers).toBe(false);
    pv.getState().setSpikeMarkers(true);
    expect(JSON.parse(storage.getItem(PLOT_PREFS_KEY)!)).toEqual({ spikeMarkers: true });
    expect(createPlotViewStore(storage).getState().spikeMarkers).toBe(true);
  });

  it('forgets the y zoom when a new session is loaded or reset, not on an edit', () => {
    const app = createAppStore(new MemoryStorage());
    const pv = createPlotViewStore(null);
    const off = followSessions(pv, app);
    pv.getState().setY('v', [-70, -50]);
    app.getState().actions.setParam('a', 0.03);
    expect(pv.getState().yZoom.v).toEqual([-70, -50]);
    app.getState().actions.reset();
    expect(pv.getState().yZoom).toEqual({});
    off();
  });
});
