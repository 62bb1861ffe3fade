// Undo/redo history of session edits: bounded `past` / `future` stacks of entries that hold references to immutable
// sessions (never copies), and the coalescing rule that turns a slider drag or typing in a field into one step.
// Pure functions and a small recorder with an injected clock (ms), so tests control time; the store wires them in.

import type { Session } from '../model/session';

/**
 * A state Undo or Redo returns to: the session, the gallery experiment it came from, and the segment that was
 * selected then (restored with it, clamped to the protocol's length; changing the selection is not itself a step).
 */
export interface HistoryEntry {
  readonly session: Session;
  readonly experimentId: string | null;
  readonly selected: number;
}

export interface History {
  /** Oldest first; the last one is what Undo restores. */
  readonly past: readonly HistoryEntry[];
  /** Oldest redo last: the last one is what Redo restores. */
  readonly future: readonly HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };

/** Entries kept in `past` (and at most as many in `future`); the oldest are dropped beyond it. */
export const HISTORY_LIMIT = 200;

/** Edits with the same coalesce key at most this far apart (ms) form one undo step, unless the group was sealed. */
export const COALESCE_MS = 1000;

/** `entry` pushed on `past` (dropping the oldest beyond `limit`); `future` cleared, as any new edit does. */
export function pushPast(h: History, entry: HistoryEntry, limit = HISTORY_LIMIT): History {
  const past = h.past.length >= limit ? h.past.slice(h.past.length - limit + 1) : h.past.slice();
  past.push(entry);
  return { past, future: [] };
}

/** One step back: the entry to restore and the history with `current` on the redo stack; null when there is none. */
export function undoStep(h: History, current: HistoryEntry): { entry: HistoryEntry; history: History } | null {
  if (!h.past.length) return null;
  const entry = h.past[h.past.length - 1];
  const future = [...h.future, current];
  return { entry, history: { past: h.past.slice(0, -1), future } };
}

/** One step forward (the mirror of undoStep); null when there is nothing to redo. */
export function redoStep(h: History, current: HistoryEntry): { entry: HistoryEntry; history: History } | null {
  if (!h.future.length) return null;
  const entry = h.future[h.future.length - 1];
  const past = [...h.past, current];
  return { entry, history: { past, future: h.future.slice(0, -1) } };
}

export const canUndo = (h: History): boolean => h.past.length > 0;
export const canRedo = (h: History): boolean => h.future.length > 0;

/**
 * Decides, for each applied edit, whether it starts a new undo step or continues the current one.
 * An edit continues the step when it has the same non-null coalesce key as the previous edit (e.g. "param:2:a":
 * action, segment, parameter) and comes at most `windowMs` after it, and the group was not sealed in between
 * (pointer released, field left, undo/redo, any edit without a key). While a pointer is held down (a drag), the time
 * window does not apply: a drag is one step however slowly it moves, until the pointer is released (seal).
 */
export interface Coalescer {
  /** True: a new step (push the previous state); false: the edit replaces the current step's "after". */
  startsStep(key: string | null): boolean;
  /** The next edit starts a new step whatever its key; ends a hold. */
  seal(): void;
  /** A pointer went down: same-key edits continue the step whatever the time between them, until seal(). */
  hold(): void;
}

export function createCoalescer(now: () => number, windowMs = COALESCE_MS): Coalescer {
  let group: { key: string; at: number } | null = null;
  let held = false;
  return {
    startsStep(key) {
      const t = now();
      const continues = key !== null && group !== null && group.key === key && (held || t - group.at <= windowMs);
      group = key === null ? null : { key, at: t };
      return !continues;
    },
    seal() { group = null; held = false; },
    hold() { held = true; },
  };
}
