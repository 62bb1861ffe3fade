// Saving and restoring the session (and a few UI preferences) in localStorage under versioned keys.
// Stored data is validated on load; data that fails validation is never dropped silently: it is kept aside once per
// distinct content (keptAside.ts) and the caller gets a message to show, while the app starts from the reference
// scenario. Saving notices when another tab saved its session since this tab last read or wrote it (the stored
// text differs from the one this tab knows) and hands that version back, so the caller can set it aside first;
// a small writer record (tab id and content hash) tells which tab that version came from.

import { formatIssues, parseSession, parseSessionText } from '../model/schema';
import type { Session } from '../model/session';
import reference from '../model/sessions/reference.json';
import { LEGACY_REJECTED_PREFIX, keepAside } from './keptAside';
import { contentHash } from './storageKeys';

export const SESSION_KEY = 'izhikevich-explorer/session/v1';
/** Which tab wrote SESSION_KEY last: {"tab": id, "hash": contentHash of the text it wrote}. */
export const SESSION_WRITER_KEY = 'izhikevich-explorer/session/v1/writer';
/** Where earlier versions kept a copy of an unusable session at each reload (now: keptAside.ts, once per content). */
export const REJECTED_KEY_PREFIX = LEGACY_REJECTED_PREFIX;
export const PREFS_KEY = 'izhikevich-explorer/ui/v1';

/** The part of the Web Storage API used here (localStorage, or MemoryStorage in tests). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

/** A fresh copy of the user's reference scenario. */
export function referenceSession(): Session {
  const r = parseSession(reference);
  if (!r.ok) throw new Error(`the bundled reference session is invalid:\n${formatIssues(r.issues)}`);
  return r.session;
}

export interface LoadResult {
  session: Session;
  /** Whether the session came from storage. */
  restored: boolean;
  /** Set when stored data could not be used: what happened and where the data was kept. */
  message: string | null;
  /** The text of SESSION_KEY as read (null: none): what this tab knows is stored, to notice another tab's save. */
  storedText: string | null;
}

/** The stored session if valid; else the reference scenario (keeping unusable data under a "rejected" key). */
export function loadSession(storage: StorageLike | null, now: () => Date = () => new Date()): LoadResult {
  if (!storage) return { session: referenceSession(), restored: false, message: null, storedText: null };
  let raw: string | null;
  try {
    raw = storage.getItem(SESSION_KEY);
  } catch (e) {
    return { session: referenceSession(), restored: false, message: `Could not read the saved session (${errorText(e)}); started from the reference scenario.`, storedText: null };
  }
  if (raw === null) return { session: referenceSession(), restored: false, message: null, storedText: null };
  let problem: string;
  try {
    const r = parseSessionText(raw, 'the saved session');
    if (r.ok) return { session: r.session, restored: true, message: null, storedText: raw };
    problem = formatIssues(r.issues, r.omitted, 3);
  } catch (e) {
    problem = `not valid JSON: ${errorText(e)}`;
  }
  void now;
  const kept = keepAside(storage, 'session', raw);
  const where = kept.key === null
    ? 'It could not be copied aside (storage full); it is still under the old key until you edit.'
    : `It is kept in this browser${kept.existed ? ' (once: the same data was kept before)' : ''} under "${kept.key}": "Unreadable data" in the top bar downloads or deletes it.`;
  return {
    session: referenceSession(),
    restored: false,
    message: `The saved session could not be restored: ${problem}. ${where} Started from the reference scenario.`,
    // Once copied aside, the old text may be overwritten by this tab's next save without a conflict.
    storedText: kept.key === null ? null : raw,
  };
}

export interface SaveOutcome {
  /** Storage refused the write (quota, privacy mode): the message to show; nothing was written. */
  error: string | null;
  /** The text now stored (this tab's), or null when nothing was written. */
  written: string | null;
  /**
   * Another tab's session found under SESSION_KEY (its text differs from `known` and from this tab's): NOT
   * overwritten yet. `tab` is the writer's id when the writer record matches the text.
   */
  other: { text: string; tab: string | null } | null;
}

/**
 * Saves the session unless another tab saved a different one since this tab last read or wrote SESSION_KEY (the
 * stored text is not `known`): then nothing is written and that version comes back in `other`, for the caller to
 * set aside before calling again with `known` = its text (or with force = true).
 */
export function saveSessionChecked(storage: StorageLike | null, session: Session, known: string | null, tab: string, force = false): SaveOutcome {
  if (!storage) return { error: null, written: null, other: null };
  const text = JSON.stringify(session);
  try {
    const cur = storage.getItem(SESSION_KEY);
    if (!force && cur !== null && cur !== known && cur !== text) {
      let writer: string | null = null;
      try {
        const w = JSON.parse(storage.getItem(SESSION_WRITER_KEY) ?? 'null') as { tab?: unknown; hash?: unknown } | null;
        if (w && typeof w.tab === 'string' && w.hash === contentHash(cur)) writer = w.tab;
      } catch { /* no writer record */ }
      return { error: null, written: null, other: { text: cur, tab: writer } };
    }
    if (cur !== text) {
      storage.setItem(SESSION_WRITER_KEY, JSON.stringify({ tab, hash: contentHash(text) }));
      storage.setItem(SESSION_KEY, text);
    }
    return { error: null, written: text, other: null };
  } catch (e) {
    return { error: `The session could not be saved in this browser (${errorText(e)}); export it as JSON to keep it.`, written: null, other: null };
  }
}

/** Stores the session; returns an error message when storage refuses (quota, privacy mode), else null. */
export function saveSession(storage: StorageLike | null, session: Session): string | null {
  if (!storage) return null;
  try {
    storage.setItem(SESSION_KEY, JSON.stringify(session));
    return null;
  } catch (e) {
    return `The session could not be saved in this browser (${errorText(e)}); export it as JSON to keep it.`;
  }
}

export interface Prefs {
  selected: number;
  exportSettings: { width: number; height: number; scale: number };
  showCoefficients: boolean;
}

export const DEFAULT_PREFS: Prefs = {
  selected: 0,
  exportSettings: { width: 1200, height: 800, scale: 2 },
  showCoefficients: false,
};

/** UI preferences from storage; anything missing or malformed falls back to its default. */
export function loadPrefs(storage: StorageLike | null): Prefs {
  const p: Prefs = { ...DEFAULT_PREFS, exportSettings: { ...DEFAULT_PREFS.exportSettings } };
  if (!storage) return p;
  try {
    const raw = storage.getItem(PREFS_KEY);
    if (!raw) return p;
    const o = JSON.parse(raw) as Record<string, unknown>;
    if (Number.isInteger(o.selected) && (o.selected as number) >= 0) p.selected = o.selected as number;
    if (typeof o.showCoefficients === 'boolean') p.showCoefficients = o.showCoefficients;
    const ex = o.exportSettings as Record<string, unknown> | undefined;
    if (ex && typeof ex === 'object') {
      const ok = (x: unknown, lo: number, hi: number) => typeof x === 'number' && Number.isFinite(x) && x >= lo && x <= hi;
      if (ok(ex.width, EXPORT_LIMITS.width.min, EXPORT_LIMITS.width.max)) p.exportSettings.width = ex.width as number;
      if (ok(ex.height, EXPORT_LIMITS.height.min, EXPORT_LIMITS.height.max)) p.exportSettings.height = ex.height as number;
      if (ok(ex.scale, EXPORT_LIMITS.scale.min, EXPORT_LIMITS.scale.max)) p.exportSettings.scale = ex.scale as number;
    }
  } catch { /* malformed preferences are simply not used */ }
  return p;
}

export function savePrefs(storage: StorageLike | null, prefs: Prefs): void {
  if (!storage) return;
  try { storage.setItem(PREFS_KEY, JSON.stringify(prefs)); } catch { /* preferences are optional */ }
}

/** Allowed export sizes: pixels and device scale. */
export const EXPORT_LIMITS = {
  width: { min: 200, max: 8000, unit: 'px' },
  height: { min: 150, max: 8000, unit: 'px' },
  scale: { min: 0.5, max: 6, unit: '×' },
} as const;

/** localStorage when available and usable. */
export function browserStorage(): StorageLike | null {
  try {
    if (typeof localStorage === 'undefined') return null;
    return localStorage;
  } catch {
    return null;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
