// Holder of the display traces meant for the plot (large typed arrays stay out of app state); the plot subscribes
// (useSyncExternalStore-compatible). Frames arriving while the plot draws are coalesced (the newest is published when
// the draw ends); secondary UI (readouts, status) may wait for a frame's draw (afterPlotDrawn) so the plot comes first.

import type { RunStatus } from '../engine/types';
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
  /** That run's spike times, ms, and its status (a diverged run was computed only up to its `t`). */
  spikes: Float64Array;
  status: RunStatus;
}

/** The frame the plot is asked to draw. */
let published: PlotFrame | null = null;
/** The newest frame received (equal to `published` unless it waits for a draw to finish). */
let newest: PlotFrame | null = null;
/** The frame the plot is drawing now (Plotly busy with it), or null, and since when (ms). */
let drawing: PlotFrame | null = null;
let drawingSince = 0;
/** A draw not finished after this long holds nothing back any more (a lost callback must not freeze the UI). */
export const DRAW_WATCHDOG_MS = 2000;
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const listeners = new Set<() => void>();
/** Callbacks waiting for the draw of `drawing` to finish. */
let afterDraw: Array<() => void> = [];

/** The plot is no longer drawing: run what waited for the draw. */
function release(): void {
  drawing = null;
  const done = afterDraw;
  afterDraw = [];
  for (const f of done) f();
}

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
  if (drawing !== null && now() - drawingSince > DRAW_WATCHDOG_MS) release();
  if (drawing === null) publish();
}

/** The plot has started drawing `frame` (the frames arriving meanwhile wait, and only the newest is drawn next). */
export function plotDrawStarted(frame: PlotFrame): void {
  if (frame === published && drawing !== frame) { drawing = frame; drawingSince = now(); }
}

/** The plot has finished drawing (or given up on) `frame`: publish the newest frame if it is newer. */
export function plotDrawFinished(frame: PlotFrame | null): void {
  if (frame !== null && frame !== drawing) return;
  release();
  publish();
}

/**
 * Runs `f` once `frame` has been drawn, if the plot takes it up in the current task (call this right after
 * setPlotFrame: the plot's render, queued by then as a microtask, starts the draw before this check runs); else at
 * the end of the current task. At the latest after DRAW_WATCHDOG_MS.
 */
export function afterPlotDrawn(frame: PlotFrame, f: () => void): void {
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const once = (): void => {
    if (done) return;
    done = true;
    if (timer !== undefined) clearTimeout(timer);
    f();
  };
  queueMicrotask(() => {
    if (drawing !== frame) { once(); return; }
    afterDraw.push(once);
    timer = setTimeout(once, DRAW_WATCHDOG_MS);
  });
}

export function subscribePlotFrame(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
