// Stored data the app could not use (a saved session that fails validation, a set-aside list it cannot read) is
// never overwritten or dropped: it is copied aside under a key named after its content — one copy per distinct
// content, so reloading with the same broken data does not pile up copies — and listed for the user to download
// or delete (UnreadableData in the top bar). Older copies under REJECTED_KEY_PREFIX + time are listed too, and
// identical ones merged.

import type { StorageLike } from './persistence';
import { contentHash, keysWithPrefix } from './storageKeys';

/** Where copies are kept: UNREADABLE_PREFIX + what + "/" + content hash. */
export const UNREADABLE_PREFIX = 'izhikevich-explorer/unreadable/v1/';
/** Copies made by earlier versions (one per reload, named by time). */
export const LEGACY_REJECTED_PREFIX = 'izhikevich-explorer/session/v1/rejected/';

export type KeptWhat = 'session' | 'set-aside-list' | 'set-aside-entry';

export interface KeptCopy {
  key: string;
  what: KeptWhat;
  /** Characters of the kept text. */
  size: number;
  /** The kept text itself (what a download gives back, byte for byte). */
  text: string;
}

/**
 * Keeps `raw` aside (once per content). Returns the key it is kept under, or an error message when storage refuses
 * (full quota); `existed` when an identical copy was already kept.
 */
export function keepAside(storage: StorageLike, what: KeptWhat, raw: string): { key: string | null; existed: boolean; error: string | null } {
  const key = `${UNREADABLE_PREFIX}${what}/${contentHash(raw)}`;
  try {
    if (storage.getItem(key) === raw) return { key, existed: true, error: null };
    for (const k of keysWithPrefix(storage, LEGACY_REJECTED_PREFIX)) if (storage.getItem(k) === raw) return { key: k, existed: true, error: null };
    storage.setItem(key, raw);
    return { key, existed: false, error: null };
  } catch (e) {
    return { key: null, existed: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Every kept copy (new and legacy keys), identical legacy copies merged into one first. */
export function listKeptAside(storage: StorageLike | null): KeptCopy[] {
  if (!storage) return [];
  mergeDuplicates(storage);
  const out: KeptCopy[] = [];
  for (const key of [...keysWithPrefix(storage, UNREADABLE_PREFIX), ...keysWithPrefix(storage, LEGACY_REJECTED_PREFIX)]) {
    let text: string | null = null;
    try { text = storage.getItem(key); } catch { /* unreadable: skipped */ }
    if (text === null) continue;
    const what = key.startsWith(UNREADABLE_PREFIX) ? (key.slice(UNREADABLE_PREFIX.length).split('/')[0] as KeptWhat) : 'session';
    out.push({ key, what, size: text.length, text });
  }
  return out;
}

/** Removes legacy copies whose text equals another kept copy's (the first, in key order, stays). */
export function mergeDuplicates(storage: StorageLike): number {
  const seen = new Set<string>();
  let removed = 0;
  try {
    for (const k of keysWithPrefix(storage, UNREADABLE_PREFIX)) {
      const t = storage.getItem(k);
      if (t !== null) seen.add(t);
    }
    for (const k of keysWithPrefix(storage, LEGACY_REJECTED_PREFIX)) {
      const t = storage.getItem(k);
      if (t === null) continue;
      if (seen.has(t)) { storage.removeItem(k); removed++; } else seen.add(t);
    }
  } catch { /* best effort */ }
  return removed;
}

/**
 * Deletes one kept copy (the user asked); `alsoUnder`: other prefixes whose unreadable keys the caller lists (e.g.
 * set-aside entries from a newer version). Returns an error message or null.
 */
export function deleteKeptAside(storage: StorageLike | null, key: string, alsoUnder: readonly string[] = []): string | null {
  if (!storage) return 'no browser storage is available';
  if (![UNREADABLE_PREFIX, LEGACY_REJECTED_PREFIX, ...alsoUnder].some((p) => key.startsWith(p))) return `"${key}" is not a kept copy`;
  try { storage.removeItem(key); return null; } catch (e) { return e instanceof Error ? e.message : String(e); }
}
