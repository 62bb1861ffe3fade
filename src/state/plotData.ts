// Holder of the display traces meant for the plot (outside the store: large typed arrays do not belong in app
// state). The simulation controller sets frames; the plot subscribes (useSyncExternalStore-compatible). Frames that
// arrive while the plot is still drawing are coalesced: only the newest is published once the draw has finished.

import type { Session } from '../model/session';
import type { DisplayTraces } from '../worker/protocol';

export interface PlotFrame {
  /** Id of the worker request that produced these traces (a run or a zoom). */
  requestId: number;
  /** Id of the run the traces come from: the simulation revision. */
  runId: number;
  traces: DisplayTraces;
  /** The session that was simulated: bands and labels are drawn from it, so they always match the traces. */
  session: Session;
}

/** The frame the plot is asked to draw. */
let published: PlotFrame | null = null;
/** The newest frame received (equal to `published` unless it waits for a draw to finish). */
let newest: PlotFrame | null = null;
/** The frame the plot is drawing now (Plotly busy with it), or null, and since when (ms). */
let drawing: PlotFrame | null = null;
let drawingSince = 0;
/** A draw not finished after this long no longer holds newer frames back (a lost callback must not freeze the plot). */
export const DRAW_WATCHDOG_MS = 2000;
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const listeners = new Set<() => void>();

function publish(): void {
  if (published === newest) return;
  published = newest;
  for (const l of listeners) l();
}

/** The frame the plot should show: the newest one, except while the plot is still drawing an earlier one. */
export function getPlotFrame(): PlotFrame | null {
  return published;
}

/** A new result for the plot. Published at once, or, while the plot draws, kept until that draw has finished. */
export function setPlotFrame(frame: PlotFrame | null): void {
  newest = frame;
  if (drawing !== null && now() - drawingSince > DRAW_WATCHDOG_MS) drawing = null;
  if (drawing === null) publish();
}

/** The plot has started drawing `frame` (the frames arriving meanwhile wait, and only the newest is drawn next). */
export function plotDrawStarted(frame: PlotFrame): void {
  if (frame === published && drawing !== frame) { drawing = frame; drawingSince = now(); }
}

/** The plot has finished drawing (or given up on) `frame`: publish the newest frame if it is newer. */
export function plotDrawFinished(frame: PlotFrame | null): void {
  if (frame !== null && frame !== drawing) return;
  drawing = null;
  publish();
}

export function subscribePlotFrame(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
