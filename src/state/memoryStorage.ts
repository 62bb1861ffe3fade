// A Map-backed StorageLike with the Web Storage semantics the app relies on (getItem, setItem, removeItem, key,
// length), for unit tests and for running the state layer without a browser. Optionally refuses writes to keys
// matching a predicate (as a full quota does), and can share one map between "tabs".

import type { StorageLike } from './persistence';

export class MemoryStorage implements StorageLike {
  /** Keys whose setItem throws a QuotaExceededError-like error (none by default). */
  refuseKey: (key: string) => boolean = () => false;
  constructor(readonly map: Map<string, string> = new Map()) {}
  getItem(k: string): string | null { return this.map.get(k) ?? null; }
  setItem(k: string, v: string): void {
    if (this.refuseKey(k)) throw new Error('QuotaExceededError: the quota has been exceeded');
    this.map.set(k, String(v));
  }
  removeItem(k: string): void { this.map.delete(k); }
  key(i: number): string | null { return Array.from(this.map.keys())[i] ?? null; }
  get length(): number { return this.map.size; }
}
