// Message protocol of the gallery worker (gallery.worker.ts), separate from the explorer's run/zoom channel so that
// computing thumbnails never displaces or delays the explorer's latest-wins simulations. One `thumbnails` command
// lists experiment ids; the worker answers once per experiment (so progress streams) and then once when done.

import type { ThumbGeometry, Thumbnail } from './thumbnail';

export interface ThumbnailsCommand {
  type: 'thumbnails';
  /** Request id, echoed in every reply. */
  id: number;
  /** Experiment ids, in the order they should be computed. */
  experiments: string[];
  geometry: ThumbGeometry;
}

export interface ThumbnailReply {
  type: 'thumbnail';
  id: number;
  thumbnail: Thumbnail;
}

export interface ThumbnailErrorReply {
  type: 'thumbnail-error';
  id: number;
  experiment: string;
  message: string;
}

export interface ThumbnailsDoneReply {
  type: 'thumbnails-done';
  id: number;
  /** Time the worker spent on the whole command, ms. */
  workerMs: number;
}

export type GalleryReply = ThumbnailReply | ThumbnailErrorReply | ThumbnailsDoneReply;

/** Handles a command: computes one thumbnail after the other and emits each reply as soon as it is ready. */
export function handleThumbnails(
  cmd: ThumbnailsCommand,
  compute: (id: string, g: ThumbGeometry) => Thumbnail,
  emit: (reply: GalleryReply) => void,
  now: () => number = () => Date.now(),
): void {
  const t0 = now();
  for (const experiment of cmd.experiments) {
    try {
      emit({ type: 'thumbnail', id: cmd.id, thumbnail: compute(experiment, cmd.geometry) });
    } catch (e) {
      emit({ type: 'thumbnail-error', id: cmd.id, experiment, message: e instanceof Error ? e.message : String(e) });
    }
  }
  emit({ type: 'thumbnails-done', id: cmd.id, workerMs: now() - t0 });
}
