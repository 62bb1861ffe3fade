// Sessions set aside so that no work is lost (when a gallery experiment, a link or another tab's session replaces
// the user's): each entry is its own localStorage key, SAVED_ENTRY_PREFIX + "<savedAt>~<tab>~<n>", so that two
// tabs setting sessions aside at the same moment never overwrite each other (one setItem per entry, no shared list
// rewritten). Oldest first by key; at most MAX_SAVED (the oldest readable ones are dropped beyond that, and said).
// Entries that cannot be read (corrupt, from a newer version of the app) are left where they are, never
// overwritten, and reported. The list of earlier versions (one key, SAVED_SESSIONS_KEY) is migrated into entries;
// an unreadable one is kept aside (keptAside.ts) first. Also the id of the gallery experiment of the current session.

import { parseSession } from '../model/schema';
import type { Session } from '../model/session';
import type { StorageLike } from './persistence';
import { keepAside } from './keptAside';
import { contentHash, keysWithPrefix } from './storageKeys';

/** The whole list in one key (earlier versions; read and migrated, never written). */
export const SAVED_SESSIONS_KEY = 'izhikevich-explorer/saved-sessions/v1';
/** One key per entry. */
export const SAVED_ENTRY_PREFIX = 'izhikevich-explorer/saved-sessions/v1/';
export const SAVED_ENTRY_FORMAT = 'izhikevich-explorer/set-aside';
export const SAVED_ENTRY_VERSION = 1;
export const EXPERIMENT_LINK_KEY = 'izhikevich-explorer/experiment/v1';
/** Most sessions kept aside; the oldest is dropped beyond this (the notice says so). */
export const MAX_SAVED = 20;

export interface SavedSession {
  session: Session;
  /** The gallery experiment it had been loaded from, or null for the user's own session. */
  experimentId: string | null;
  /** When it was set aside (ISO 8601). */
  savedAt: string;
  /** Its storage key; absent while it is kept in this page only (storage refused it). */
  key?: string;
  /**
   * Set for entries made on a cross-tab conflict ("tab:<id>": the session another tab had saved, or this tab's
   * own, kept safe): a newer entry of the same origin and session name replaces the older one (a later version of
   * the same work), so two tabs editing at once keep one entry per work instead of filling the list.
   */
  origin?: string;
}

/** A set-aside entry (or the old list) that could not be read; left in storage as it is. */
export interface UnreadableEntry { key: string; size: number; reason: string; text: string }

/** This page's id (random per page load: a duplicated tab or a reload is another page). */
export const PAGE_TAB = Math.random().toString(36).slice(2, 10);
let counter = 0;

/** Listeners told when this page adds or removes entries (other tabs are heard through storage events). */
const localListeners = new Set<() => void>();
export function subscribeSavedChanges(l: () => void): () => void {
  localListeners.add(l);
  return () => { localListeners.delete(l); };
}
function changed(): void { for (const l of localListeners) l(); }

/** The identity of an entry's content (session and experiment), to keep identical sessions once. */
export function savedIdentity(e: Pick<SavedSession, 'session' | 'experimentId'>): string {
  return contentHash(JSON.stringify([e.experimentId, e.session]));
}

function entryText(e: SavedSession): string {
  return JSON.stringify({
    format: SAVED_ENTRY_FORMAT, version: SAVED_ENTRY_VERSION, session: e.session, experimentId: e.experimentId, savedAt: e.savedAt,
    ...(e.origin ? { origin: e.origin } : {}),
  });
}

/** An entry object (from an entry key or the old list) → SavedSession, or why not. */
function readEntry(o: unknown, needFormat: boolean): { ok: true; entry: Omit<SavedSession, 'key'> } | { ok: false; reason: string } {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return { ok: false, reason: 'not an entry object' };
  const e = o as Record<string, unknown>;
  if (needFormat) {
    if (e.format !== SAVED_ENTRY_FORMAT) return { ok: false, reason: 'not a set-aside entry' };
    if (typeof e.version !== 'number' || e.version > SAVED_ENTRY_VERSION) return { ok: false, reason: `from a newer version of the app (entry version ${String(e.version)})` };
  }
  const r = parseSession(e.session);
  if (!r.ok) return { ok: false, reason: `its session is not valid (${r.issues[0].path}: ${r.issues[0].message})` };
  return {
    ok: true,
    entry: {
      session: r.session, experimentId: typeof e.experimentId === 'string' ? e.experimentId : null, savedAt: typeof e.savedAt === 'string' ? e.savedAt : '',
      ...(typeof e.origin === 'string' ? { origin: e.origin } : {}),
    },
  };
}

/**
 * Moves the old one-key list into entry keys: readable entries get deterministic keys (two tabs migrating at once
 * write the same keys), then the old key is removed; if any part was unreadable, its text is kept aside first.
 */
function migrateLegacy(storage: StorageLike): void {
  let raw: string | null;
  try { raw = storage.getItem(SAVED_SESSIONS_KEY); } catch { return; }
  if (raw === null) return;
  let data: unknown = null;
  try { data = JSON.parse(raw); } catch { /* unreadable */ }
  const entries = Array.isArray(data) ? data.map((o) => readEntry(o, false)) : [];
  if (!Array.isArray(data) || entries.some((e) => !e.ok)) {
    if (keepAside(storage, 'set-aside-list', raw).key === null) return; // storage full: leave it where it is
  }
  try {
    entries.forEach((e, i) => {
      if (!e.ok) return;
      const key = `${SAVED_ENTRY_PREFIX}${e.entry.savedAt || '0000'}~legacy~${String(i).padStart(3, '0')}`;
      storage.setItem(key, entryText(e.entry));
    });
    storage.removeItem(SAVED_SESSIONS_KEY);
  } catch { /* storage full: the old key stays, read again next time */ }
}

/** Every entry, oldest first, and the unreadable ones (left in storage). Never throws. */
export function readSavedAll(storage: StorageLike | null): { list: SavedSession[]; unreadable: UnreadableEntry[] } {
  const list: SavedSession[] = [];
  const unreadable: UnreadableEntry[] = [];
  if (!storage) return { list, unreadable };
  migrateLegacy(storage);
  for (const key of keysWithPrefix(storage, SAVED_ENTRY_PREFIX)) {
    let text: string | null = null;
    try { text = storage.getItem(key); } catch { continue; }
    if (text === null) continue;
    let o: unknown;
    try { o = JSON.parse(text); } catch { unreadable.push({ key, size: text.length, reason: 'not valid JSON', text }); continue; }
    const r = readEntry(o, true);
    if (r.ok) list.push({ ...r.entry, key });
    else unreadable.push({ key, size: text.length, reason: r.reason, text });
  }
  return { list, unreadable };
}

/** The readable entries, oldest first (unreadable storage or entries give fewer, never an exception). */
export function readSaved(storage: StorageLike | null): SavedSession[] {
  return readSavedAll(storage).list;
}

export interface StoreResult {
  /** The entry as stored (with its key), or as kept in the page only (no key) when storage refused it. */
  entry: SavedSession;
  /** An identical entry (same session and experiment) was already stored: nothing was written. */
  existed: boolean;
  /** Entries dropped because there were more than MAX_SAVED (oldest first). */
  dropped: SavedSession[];
  /** Set when storage refused the write: the session is then NOT safe across a reload. */
  error: string | null;
}

/**
 * Sets a session aside as the newest entry: one new key (nothing else rewritten), unless an identical entry is
 * stored already; then older entries of the same `origin` and name and the oldest readable entries beyond MAX_SAVED are
 * removed (each a key of its own: a concurrent tab's entries are never touched by a rewrite).
 */
export function storeSaved(storage: StorageLike | null, e: Omit<SavedSession, 'key'>): StoreResult {
  const entry: SavedSession = { session: e.session, experimentId: e.experimentId, savedAt: e.savedAt, ...(e.origin ? { origin: e.origin } : {}) };
  if (!storage) return { entry, existed: false, dropped: [], error: 'no browser storage is available' };
  const id = savedIdentity(entry);
  const before = readSaved(storage);
  const same = before.find((x) => savedIdentity(x) === id);
  if (same) return { entry: same, existed: true, dropped: [], error: null };
  const key = `${SAVED_ENTRY_PREFIX}${entry.savedAt || '0000'}~${PAGE_TAB}~${String(counter++).padStart(6, '0')}`;
  try {
    storage.setItem(key, entryText(entry));
  } catch (err) {
    return { entry, existed: false, dropped: [], error: err instanceof Error ? err.message : String(err) };
  }
  // A later version of the same work from the same tab (same origin and name) replaces the earlier one.
  const replaced = entry.origin ? before.filter((x) => x.origin === entry.origin && x.session.name === entry.session.name) : [];
  for (const d of replaced) { try { storage.removeItem(d.key!); } catch { /* stays */ } }
  const all = [...before.filter((x) => !replaced.includes(x)), { ...entry, key }].sort((a, b) => (a.key! < b.key! ? -1 : 1));
  const dropped = all.length > MAX_SAVED ? all.slice(0, all.length - MAX_SAVED) : [];
  for (const d of dropped) { try { storage.removeItem(d.key!); } catch { /* stays: dropped next time */ } }
  changed();
  return { entry: { ...entry, key }, existed: false, dropped, error: null };
}

/** Removes one entry by key; returns an error message or null. */
export function removeSaved(storage: StorageLike | null, key: string): string | null {
  if (!storage) return 'no browser storage is available';
  try { storage.removeItem(key); } catch (e) { return e instanceof Error ? e.message : String(e); }
  changed();
  return null;
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
