// Holder of the phase-plane frame meant for the phase panel (its typed arrays stay out of app state), published in
// the same task as the time plot's traces; frames arriving while the panel draws are coalesced (the newest is shown
// when the draw ends), as plotData.ts does for the time plot. useSyncExternalStore-compatible.

import type { PhaseFrame } from '../analysis/phaseFrame';

export interface PhaseView {
  /** Worker request that produced it, and the run it describes. */
  requestId: number;
  runId: number;
  frame: PhaseFrame;
}

let published: PhaseView | null = null;
let newest: PhaseView | null = null;
let drawing: PhaseView | null = null;
let drawingSince = 0;
/** A draw not finished after this long holds nothing back (a lost callback must not freeze the panel). */
export const PHASE_DRAW_WATCHDOG_MS = 2000;
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const listeners = new Set<() => void>();

function publish(): void {
  if (published === newest) return;
  published = newest;
  for (const l of listeners) l();
}

export function getPhaseView(): PhaseView | null {
  return published;
}

/** A new frame: shown at once, or after the draw in progress. */
export function setPhaseView(v: PhaseView | null): void {
  newest = v;
  if (drawing !== null && now() - drawingSince > PHASE_DRAW_WATCHDOG_MS) drawing = null;
  if (drawing === null) publish();
}

export function phaseDrawStarted(v: PhaseView): void {
  if (v === published && drawing !== v) { drawing = v; drawingSince = now(); }
}

/** The panel has drawn (or given up on) `v`: the newest frame follows if there is one. */
export function phaseDrawFinished(v: PhaseView | null): void {
  if (v !== null && v !== drawing) return;
  drawing = null;
  publish();
}

export function subscribePhaseView(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
