// Small helpers over the Web Storage API shared by the persistence modules: every key under a prefix, and a short
// content hash (FNV-1a, 32 bit, hex, with the length) used to name copies so that identical content is kept once.

import type { StorageLike } from './persistence';

/** Every key of `storage` that starts with `prefix`, sorted (a storage that cannot be enumerated gives none). */
export function keysWithPrefix(storage: StorageLike, prefix: string): string[] {
  const out: string[] = [];
  try {
    const n = storage.length;
    for (let i = 0; i < n; i++) {
      const k = storage.key(i);
      if (k !== null && k.startsWith(prefix)) out.push(k);
    }
  } catch { /* storage unavailable: nothing listed */ }
  return out.sort();
}

/** "1a2b3c4d-1234": FNV-1a of the UTF-16 code units and the length; equal texts give equal names. */
export function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16).padStart(8, '0')}-${text.length.toString(36)}`;
}
