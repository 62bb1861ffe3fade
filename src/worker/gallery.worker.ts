// Web Worker entry of the gallery: computes experiment thumbnails (simulation + decimation + SVG paths, thumbnail.ts)
// and posts one reply per experiment as it is ready. A separate worker from the explorer's; no logic of its own.

import { simulate } from '../engine/simulate';
import { handleThumbnails, type ThumbnailsCommand } from './galleryProtocol';
import { experimentThumbnail } from './thumbnail';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<ThumbnailsCommand>) => {
  handleThumbnails(e.data, (id, g) => experimentThumbnail(id, simulate, g), (reply) => scope.postMessage(reply), () => performance.now());
};
