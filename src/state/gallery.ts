// Thumbnails of the gallery, requested from the gallery worker on first view and cached for the page's life
// (outside the app store, like the plot's traces). Progress streams in as the worker answers per experiment;
// the React view subscribes with useSyncExternalStore. The worker is terminated once everything has arrived.

import { EXPERIMENT_IDS } from '../model/experiments';
import type { GalleryReply, ThumbnailsCommand } from '../worker/galleryProtocol';
import { DEFAULT_THUMB_GEOMETRY, type ThumbGeometry, type Thumbnail } from '../worker/thumbnail';

/** What the gallery needs of a Worker (a real one, or a fake in tests). */
export interface GalleryWorkerLike {
  postMessage(message: ThumbnailsCommand): void;
  onmessage: ((e: MessageEvent<GalleryReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface ThumbnailsState {
  /** Thumbnails received so far, by experiment id. */
  thumbs: ReadonlyMap<string, Thumbnail>;
  /** Experiments whose thumbnail could not be computed, with the reason. */
  errors: ReadonlyMap<string, string>;
  /** Experiments requested. */
  total: number;
  /** Whether a request has been sent. */
  started: boolean;
  /** All answers are in (or the worker failed). */
  done: boolean;
  /** Time from the request to the last answer, as seen by the page (ms), once done. */
  elapsedMs: number | null;
  /** Time the worker spent computing (ms), once done. */
  workerMs: number | null;
  /** Set when the worker itself failed (not a single experiment). */
  failure: string | null;
}

export interface ThumbnailsSource {
  get(): ThumbnailsState;
  subscribe(listener: () => void): () => void;
  /** Starts computing unless already started successfully (a failed run may be retried). */
  request(): void;
}

const now: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

export function createThumbnailsSource(
  createWorker: () => GalleryWorkerLike,
  ids: readonly string[] = EXPERIMENT_IDS,
  geometry: ThumbGeometry = DEFAULT_THUMB_GEOMETRY,
): ThumbnailsSource {
  let state: ThumbnailsState = {
    thumbs: new Map(), errors: new Map(), total: ids.length, started: false, done: false, elapsedMs: null, workerMs: null, failure: null,
  };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<ThumbnailsState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };
  let worker: GalleryWorkerLike | null = null;
  let requestId = 0;
  let startedAt = 0;

  const finish = (patch: Partial<ThumbnailsState>) => {
    if (worker) { worker.onmessage = null; worker.onerror = null; worker.terminate(); worker = null; }
    set({ done: true, elapsedMs: now() - startedAt, ...patch });
  };

  const onReply = (r: GalleryReply) => {
    if (r.id !== requestId) return;
    if (r.type === 'thumbnail') {
      const thumbs = new Map(state.thumbs);
      thumbs.set(r.thumbnail.id, r.thumbnail);
      set({ thumbs });
    } else if (r.type === 'thumbnail-error') {
      const errors = new Map(state.errors);
      errors.set(r.experiment, r.message);
      set({ errors });
    } else {
      finish({ workerMs: r.workerMs });
    }
  };

  return {
    get: () => state,
    subscribe: (l) => { listeners.add(l); return () => { listeners.delete(l); }; },
    request: () => {
      if (state.started && !state.failure) return;
      const missing = ids.filter((id) => !state.thumbs.has(id));
      if (missing.length === 0) { set({ started: true, done: true }); return; }
      requestId++;
      startedAt = now();
      set({ started: true, done: false, failure: null, errors: new Map(), elapsedMs: null, workerMs: null });
      try {
        worker = createWorker();
      } catch (e) {
        finish({ failure: `the thumbnail worker could not start: ${e instanceof Error ? e.message : String(e)}` });
        return;
      }
      worker.onmessage = (e) => onReply(e.data);
      worker.onerror = (e) => {
        e.preventDefault?.();
        finish({ failure: `the thumbnail worker stopped: ${e.message || 'unknown error'}` });
      };
      worker.postMessage({ type: 'thumbnails', id: requestId, experiments: missing, geometry });
    },
  };
}

/** The real module worker of the gallery. */
export function createGalleryWorker(): GalleryWorkerLike {
  return new Worker(new URL('../worker/gallery.worker.ts', import.meta.url), { type: 'module', name: 'izhikevich-gallery' }) as unknown as GalleryWorkerLike;
}

let source: ThumbnailsSource | null = null;
/** The page's thumbnail cache (created on first use). */
export function getThumbnails(): ThumbnailsSource {
  if (!source) source = createThumbnailsSource(createGalleryWorker);
  return source;
}
