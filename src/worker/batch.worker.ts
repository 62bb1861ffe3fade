// Web Worker entry of the batch pool: compiles the batch engine's WebAssembly module once, then answers each command
// with handleBatchCommand (batchProtocol.ts), transferring the result buffers. No logic of its own.

import { initBatchWasm } from '../engine/batch';
import { handleBatchCommand, type BatchCommand } from './batchProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const ready = initBatchWasm();

scope.onmessage = (e: MessageEvent<BatchCommand>) => {
  void ready.then(() => {
    const { reply, transfer } = handleBatchCommand(e.data);
    scope.postMessage(reply, transfer);
  });
};
