// Holder of the display traces currently meant for the plot (outside the store: large typed arrays do not belong
// in app state). The simulation controller sets a frame; the plot subscribes (useSyncExternalStore-compatible).

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

let current: PlotFrame | null = null;
const listeners = new Set<() => void>();

export function getPlotFrame(): PlotFrame | null {
  return current;
}

export function setPlotFrame(frame: PlotFrame | null): void {
  current = frame;
  for (const l of listeners) l();
}

export function subscribePlotFrame(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
