// The app's pool of batch workers (batch.worker.ts), one per logical core (navigator.hardwareConcurrency); where the
// browser cannot start module workers, an in-process stand-in runs the same handler on later macrotasks, so the map
// still works (slower, on the page's thread).

import { handleBatchCommand, type BatchCommand, type BatchReply } from './batchProtocol';
import { WorkerPool, defaultPoolSize, type PoolWorker } from './pool';

/** A "worker" that runs the handler in this thread, replying on a later macrotask. */
export function inProcessBatchWorker(): PoolWorker<BatchCommand, BatchReply> {
  const w: PoolWorker<BatchCommand, BatchReply> = {
    onmessage: null,
    onerror: null,
    postMessage(cmd) {
      setTimeout(() => w.onmessage?.({ data: handleBatchCommand(cmd).reply } as MessageEvent<BatchReply>), 0);
    },
    terminate() {},
  };
  return w;
}

function browserWorker(): PoolWorker<BatchCommand, BatchReply> {
  try {
    return new Worker(new URL('./batch.worker.ts', import.meta.url), { type: 'module', name: 'batch' }) as unknown as PoolWorker<BatchCommand, BatchReply>;
  } catch {
    return inProcessBatchWorker();
  }
}

let pool: WorkerPool<BatchCommand, BatchReply> | null = null;
export function getBatchPool(): WorkerPool<BatchCommand, BatchReply> {
  if (!pool) pool = new WorkerPool<BatchCommand, BatchReply>(typeof Worker !== 'undefined' ? browserWorker : inProcessBatchWorker, defaultPoolSize());
  return pool;
}
