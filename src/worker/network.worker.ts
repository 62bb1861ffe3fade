// Web Worker entry of the network view: hands each command to a NetworkRunner (networkCore.ts) and posts its replies;
// slices are scheduled through a MessageChannel (no 4 ms timer clamp) so commands get in between them.

import { NetworkRunner } from './networkCore';
import type { NetworkCommand } from './networkProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const channel = new MessageChannel();
const queue: Array<() => void> = [];
channel.port1.onmessage = () => { const fn = queue.shift(); if (fn) fn(); };

const runner = new NetworkRunner({
  post: (reply, transfer) => scope.postMessage(reply, transfer ?? []),
  schedule: (fn) => { queue.push(fn); channel.port2.postMessage(0); },
  now: () => performance.now(),
});

scope.onmessage = (e: MessageEvent<NetworkCommand>) => runner.handle(e.data);
