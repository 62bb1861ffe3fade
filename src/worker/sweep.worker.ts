// Web Worker entry of parameter sweeps (bifurcation / F–I panel): hands commands to SweepCore and posts its replies;
// slices are scheduled through a MessageChannel so that newer commands are read between them; the batch engine's
// WebAssembly module is compiled at start. No logic of its own.

import { initBatchWasm } from '../engine/batch';
import { SweepCore } from './sweepCore';
import type { SweepWorkerCommand } from './sweepProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const channel = new MessageChannel();
const queue: (() => void)[] = [];
channel.port1.onmessage = () => { const f = queue.shift(); if (f) f(); };

const core = new SweepCore({
  post: (r) => scope.postMessage(r),
  schedule: (f) => { queue.push(f); channel.port2.postMessage(0); },
  now: () => performance.now(),
});

scope.onmessage = (e: MessageEvent<SweepWorkerCommand>) => core.handle(e.data);
// The batch engine's WebAssembly module (compiled once; until then, or without SIMD, the batch runs on plain JS).
void initBatchWasm();
