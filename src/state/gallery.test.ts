// Tests of the gallery's thumbnail cache with a fake worker that runs the real handler asynchronously: progress
// streams per experiment, the worker is let go when all are in, a second request reuses the cache, a crashed worker
// is reported and a retry asks only for what is missing.
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import { handleThumbnails, type GalleryReply, type ThumbnailsCommand } from '../worker/galleryProtocol';
import { experimentThumbnail } from '../worker/thumbnail';
import { createThumbnailsSource, type GalleryWorkerLike } from './gallery';

class FakeWorker implements GalleryWorkerLike {
  onmessage: ((e: MessageEvent<GalleryReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  received: ThumbnailsCommand[] = [];
  constructor(private readonly crashAfter = Infinity) {}
  postMessage(cmd: ThumbnailsCommand): void {
    this.received.push(cmd);
    const replies: GalleryReply[] = [];
    handleThumbnails(cmd, (id, g) => experimentThumbnail(id, simulate, g), (r) => replies.push(r));
    // Deliver one reply per macrotask, as a worker would.
    let i = 0;
    const next = () => {
      if (this.terminated) return;
      if (i >= this.crashAfter) { this.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent); return; }
      if (i >= replies.length) return;
      this.onmessage?.({ data: replies[i++] } as MessageEvent<GalleryReply>);
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  }
  terminate(): void { this.terminated = true; }
}

const IDS = ['tonic_spiking', 'phasic_spiking', 'rebound_spike'];

function untilDone(src: ReturnType<typeof createThumbnailsSource>): Promise<void> {
  return new Promise((resolve) => {
    if (src.get().done) { resolve(); return; }
    const un = src.subscribe(() => { if (src.get().done) { un(); resolve(); } });
  });
}

describe('thumbnail cache', () => {
  it('streams progress, caches the thumbnails and releases the worker', async () => {
    const workers: FakeWorker[] = [];
    const src = createThumbnailsSource(() => { const w = new FakeWorker(); workers.push(w); return w; }, IDS);
    expect(src.get()).toMatchObject({ started: false, done: false, total: 3 });
    const counts: number[] = [];
    src.subscribe(() => counts.push(src.get().thumbs.size));
    src.request();
    src.request(); // already under way: no second worker
    expect(workers.length).toBe(1);
    expect(workers[0].received[0].experiments).toEqual(IDS);
    await untilDone(src);
    const st = src.get();
    expect([...st.thumbs.keys()]).toEqual(IDS);
    expect(st.failure).toBeNull();
    expect(st.elapsedMs).not.toBeNull();
    expect(st.workerMs).not.toBeNull();
    // Progress went 1, 2, 3 (one update per reply), then "done".
    expect(counts.filter((c, i) => c !== counts[i - 1])).toEqual([0, 1, 2, 3]);
    expect(workers[0].terminated).toBe(true);
    const before = st.thumbs;
    src.request();
    expect(workers.length).toBe(1);
    expect(src.get().thumbs).toBe(before);
  });

  it('reports a crashed worker and retries only the missing experiments', async () => {
    const workers: FakeWorker[] = [];
    const src = createThumbnailsSource(() => { const w = new FakeWorker(workers.length === 0 ? 1 : Infinity); workers.push(w); return w; }, IDS);
    src.request();
    await untilDone(src);
    expect(src.get().failure).toMatch(/boom/);
    expect(src.get().thumbs.size).toBe(1);
    expect(workers[0].terminated).toBe(true);
    src.request();
    expect(workers.length).toBe(2);
    expect(workers[1].received[0].experiments).toEqual(IDS.slice(1));
    expect(src.get().done).toBe(false);
    await untilDone(src);
    expect(src.get().failure).toBeNull();
    expect([...src.get().thumbs.keys()].sort()).toEqual([...IDS].sort());
  });

  it('keeps an experiment that fails with its reason and still finishes', async () => {
    const src = createThumbnailsSource(() => new FakeWorker(), ['tonic_spiking', 'no_such_experiment']);
    src.request();
    await untilDone(src);
    expect(src.get().thumbs.has('tonic_spiking')).toBe(true);
    expect(src.get().errors.get('no_such_experiment')).toMatch(/unknown experiment/);
  });
});
