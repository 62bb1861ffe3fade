// Web Worker entry: receives typed commands (run / zoom), delegates to SimCore (engine + display decimation),
// and posts the reply with its typed-array buffers in the transfer list. No logic of its own.

import { simulate } from '../engine/simulate';
import { SimCore } from './core';
import { replyTransferables, type WorkerCommand } from './protocol';

const core = new SimCore(simulate);
const scope = self as unknown as DedicatedWorkerGlobalScope;

const wallNow = () => performance.timeOrigin + performance.now();

scope.onmessage = (e: MessageEvent<WorkerCommand>) => {
  const start = wallNow();
  const reply = core.handle(e.data);
  if (reply.type !== 'error') reply.wall = { start, end: wallNow() };
  scope.postMessage(reply, replyTransferables(reply));
};
