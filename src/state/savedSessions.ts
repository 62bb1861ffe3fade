// Sessions set aside when a gallery experiment replaces the user's session, so that no work is lost: a small stack
// in localStorage (newest last, at most MAX_SAVED), separate from the current session's key, plus the id of the
// gallery experiment the current session was loaded from. Entries are validated when read; unusable ones are skipped.

import { parseSession } from '../model/schema';
import type { Session } from '../model/session';
import type { StorageLike } from './persistence';

export const SAVED_SESSIONS_KEY = 'izhikevich-explorer/saved-sessions/v1';
export const EXPERIMENT_LINK_KEY = 'izhikevich-explorer/experiment/v1';
/** Most sessions kept aside; the oldest is dropped beyond this (the notice says so). */
export const MAX_SAVED = 20;

export interface SavedSession {
  session: Session;
  /** The gallery experiment it had been loaded from, or null for the user's own session. */
  experimentId: string | null;
  /** When it was set aside (ISO 8601). */
  savedAt: string;
}

/** The saved sessions, oldest first (unreadable storage or entries give fewer, never an exception). */
export function readSaved(storage: StorageLike | null): SavedSession[] {
  if (!storage) return [];
  let raw: string | null;
  try { raw = storage.getItem(SAVED_SESSIONS_KEY); } catch { return []; }
  if (!raw) return [];
  let data: unknown;
  try { data = JSON.parse(raw); } catch { return []; }
  if (!Array.isArray(data)) return [];
  const out: SavedSession[] = [];
  for (const e of data) {
    if (typeof e !== 'object' || e === null) continue;
    const o = e as Record<string, unknown>;
    const r = parseSession(o.session);
    if (!r.ok) continue;
    out.push({
      session: r.session,
      experimentId: typeof o.experimentId === 'string' ? o.experimentId : null,
      savedAt: typeof o.savedAt === 'string' ? o.savedAt : '',
    });
  }
  return out;
}

/** Writes the list; returns an error message when storage refuses, else null. */
export function writeSaved(storage: StorageLike | null, list: SavedSession[]): string | null {
  if (!storage) return 'no browser storage is available';
  try {
    storage.setItem(SAVED_SESSIONS_KEY, JSON.stringify(list));
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export interface PushResult {
  list: SavedSession[];
  /** Entries dropped because the list was full (oldest first). */
  dropped: SavedSession[];
  /** Set when storage refused the write: the session is then NOT safe across a reload. */
  error: string | null;
}

/** The list with `entry` appended as the newest, and the oldest entries dropped beyond MAX_SAVED (pure). */
export function appendSaved(list: readonly SavedSession[], entry: SavedSession): { list: SavedSession[]; dropped: SavedSession[] } {
  const out = [...list, entry];
  const dropped = out.length > MAX_SAVED ? out.splice(0, out.length - MAX_SAVED) : [];
  return { list: out, dropped };
}

/** Sets a session aside (newest last). */
export function pushSaved(storage: StorageLike | null, entry: SavedSession): PushResult {
  const { list, dropped } = appendSaved(readSaved(storage), entry);
  return { list, dropped, error: writeSaved(storage, list) };
}

/** Takes the newest saved session off the list (null when there is none). */
export function popSaved(storage: StorageLike | null): { entry: SavedSession | null; list: SavedSession[]; error: string | null } {
  const list = readSaved(storage);
  const entry = list.pop() ?? null;
  return { entry, list, error: entry ? writeSaved(storage, list) : null };
}

/** The gallery experiment the stored current session came from, or null. */
export function readExperimentLink(storage: StorageLike | null): string | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(EXPERIMENT_LINK_KEY);
    if (!raw) return null;
    const o = JSON.parse(raw) as { id?: unknown };
    return typeof o.id === 'string' ? o.id : null;
  } catch {
    return null;
  }
}

export function writeExperimentLink(storage: StorageLike | null, id: string | null): void {
  if (!storage) return;
  try { storage.setItem(EXPERIMENT_LINK_KEY, JSON.stringify({ id })); } catch { /* the link is a convenience */ }
}
