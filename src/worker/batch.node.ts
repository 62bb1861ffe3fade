// Node worker_threads entry of the batch pool (benchmarks, headless use): the same handler as the browser's
// batch.worker.ts, on a worker thread's message port.

import { parentPort } from 'node:worker_threads';
import { handleBatchCommand, type BatchCommand } from './batchProtocol';

parentPort?.on('message', (cmd: BatchCommand) => {
  const { reply, transfer } = handleBatchCommand(cmd);
  parentPort?.postMessage(reply, transfer as never);
});
