// A batch pool of Node worker threads (batch.node.ts), one per core (os.availableParallelism) unless told: what
// the benchmark uses to time a map on every core with the app's own pool and progressive runner.

import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { BatchCommand, BatchReply } from './batchProtocol';
import { WorkerPool, type PoolWorker } from './pool';

export function nodeBatchWorker(): PoolWorker<BatchCommand, BatchReply> {
  // The entry is TypeScript: the thread registers tsx's loader first (a worker does not inherit the parent's hooks).
  const entry = new URL('./batch.node.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  const w = new Worker(boot, { eval: true });
  const pw: PoolWorker<BatchCommand, BatchReply> = {
    onmessage: null,
    onerror: null,
    postMessage: (m, transfer) => w.postMessage(m, (transfer ?? []) as never),
    terminate: () => { void w.terminate(); },
  };
  w.on('message', (data: BatchReply) => pw.onmessage?.({ data } as MessageEvent<BatchReply>));
  w.on('error', (e: Error) => pw.onerror?.({ message: e.message, preventDefault() {} } as ErrorEvent));
  return pw;
}

export function nodeBatchPool(size = availableParallelism()): WorkerPool<BatchCommand, BatchReply> {
  return new WorkerPool<BatchCommand, BatchReply>(nodeBatchWorker, size);
}
