// The progressive map runner on an in-process pool: coarse levels first, every pixel once, done at the end; a new
// map started mid-way cancels the old one (none of its tiles arrive after) and completes on its own.

import { describe, expect, it } from 'vitest';
import { defaultSession } from '../model/session';
import type { MapSpec } from '../analysis/firingMap';
import { inProcessBatchWorker } from './batchPool';
import { WorkerPool } from './pool';
import { MapRunner, type MapProgress } from './mapRunner';
import type { BatchCommand, BatchReply } from './batchProtocol';

function spec(n: number, d = 8): MapSpec {
  const session = defaultSession();
  session.params = { ...session.params, d };
  return {
    session, integration: { dt: 0.25, stepper: 'rk4', spikes: 'exact', precision: 'float64' },
    x: { param: 'a', min: 0, max: 0.1, n }, y: { param: 'b', min: 0.15, max: 0.3, n }, protocol: { kind: 'step', I: 10, duration: 100 },
  };
}

function pool() {
  return new WorkerPool<BatchCommand, BatchReply>(inProcessBatchWorker, 2);
}

describe('MapRunner', () => {
  it('paints coarse to fine, each pixel once, and reports progress to the end', async () => {
    const runner = new MapRunner(pool());
    const strides: number[] = [];
    const seen = new Uint8Array(40 * 40);
    const done = await new Promise<MapProgress>((resolve, reject) => {
      runner.start(spec(40), {
        onTile: (r, stride) => { strides.push(stride); for (const p of r.pixels) seen[p]++; },
        onDone: resolve,
        onError: (m) => reject(new Error(m)),
      });
    });
    expect(seen.every((x) => x === 1)).toBe(true);
    expect(strides).toEqual([...strides].sort((a, b) => b - a));
    expect(strides[0]).toBeGreaterThan(1);
    expect(done).toMatchObject({ done: 1600, total: 1600, completeStride: 1, etaMs: 0, engine: 'wasm-simd' });
  });

  it('a new map cancels the one in flight: none of its tiles arrive afterwards', async () => {
    const p = pool();
    const runner = new MapRunner(p);
    let oldAfter = 0, oldTiles = 0;
    let switched = false;
    const second = await new Promise<MapProgress>((resolve, reject) => {
      const first = runner.start(spec(64), {
        onTile: (_r, _s, prog) => {
          expect(prog.request).toBe(first);
          if (switched) { oldAfter++; return; }
          oldTiles++;
          if (oldTiles === 2) {
            switched = true;
            runner.start(spec(16, 2), { onTile: () => {}, onDone: resolve, onError: (m) => reject(new Error(m)) });
          }
        },
        onDone: () => reject(new Error('the cancelled map completed')),
        onError: (m) => reject(new Error(m)),
      });
    });
    expect(second.done).toBe(256);
    expect(oldAfter).toBe(0);
    expect(p.stats.dropped).toBeGreaterThan(0);
  });
});
