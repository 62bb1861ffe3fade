// Batches a map's tiles on their way to the store: each commit to the store is a React render and a repaint of the
// page, so after the first complete picture tiles are committed at most every `intervalMs` (all those that arrived
// meanwhile together); until then, and at the end of a map, at once. Times in ms.

export interface TileBatcher<T> {
  /** A tile arrived; `coarseDone`: the first picture (level) of the map was complete before it (throttling may start). */
  push(tile: T, coarseDone: boolean): void;
  /** Commits what is pending now (before the map's end or error is reported). */
  flush(): void;
  /** Drops what is pending (a new map started) and forgets the last commit time. */
  reset(): void;
}

export function tileBatcher<T>(
  commit: (tiles: T[]) => void, intervalMs = 100,
  now: () => number = () => performance.now(),
  timers: { set: (f: () => void, ms: number) => unknown; clear: (id: unknown) => void } = {
    set: (f, ms) => setTimeout(f, ms), clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  },
): TileBatcher<T> {
  let pending: T[] = [];
  let timer: unknown = null;
  let last = -Infinity;
  const flush = () => {
    if (timer !== null) { timers.clear(timer); timer = null; }
    if (!pending.length) return;
    const tiles = pending;
    pending = [];
    last = now();
    commit(tiles);
  };
  return {
    push(tile, coarseDone) {
      pending.push(tile);
      if (timer !== null) return;
      const wait = coarseDone ? last + intervalMs - now() : 0;
      if (wait <= 0) flush();
      else timer = timers.set(flush, wait);
    },
    flush,
    reset() {
      if (timer !== null) { timers.clear(timer); timer = null; }
      pending = [];
      last = -Infinity;
    },
  };
}
