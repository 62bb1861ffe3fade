// Test support (not used by the app): a simulation "worker" that runs SimCore in-process and replies on a later
// macrotask like a real worker, logging the commands it receives. Lets store and controller tests run the real
// engine in Node without a Web Worker.

import { simulate } from '../engine/simulate';
import type { WorkerLike } from '../worker/client';
import { SimCore } from '../worker/core';
import type { WorkerCommand, WorkerReply } from '../worker/protocol';

export function inProcessWorker(log: WorkerCommand[], budget?: number): () => WorkerLike {
  return () => {
    const core = new SimCore(simulate, budget);
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(cmd) {
        log.push(cmd);
        setTimeout(() => w.onmessage?.({ data: core.handle(cmd) } as MessageEvent<WorkerReply>), 0);
      },
      terminate() {},
    };
    return w;
  };
}
