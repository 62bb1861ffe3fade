// Typed client of the network worker: posts commands, hands replies of the current run to a callback and drops
// replies of older runs. A start while the previous run is still being built (a synchronous build cannot be
// interrupted) replaces the worker by a fresh one, so the newest request is served at once.

import type { NetworkSpec } from '../model/network';
import type { NetworkCommand, NetworkReply } from './networkProtocol';

/** What the client needs of a Worker (a real one, or an in-process fake in tests). */
export interface NetworkWorkerLike {
  postMessage(message: NetworkCommand): void;
  onmessage: ((e: MessageEvent<NetworkReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

export class NetworkClient {
  private worker: NetworkWorkerLike | null = null;
  private id = 0;
  private building = false;
  restarts = 0;

  constructor(
    private readonly createWorker: () => NetworkWorkerLike,
    private readonly onReply: (reply: NetworkReply) => void,
    private readonly onFailure: (id: number, message: string) => void,
  ) {}

  /** The id of the current run (0 before the first). */
  get current(): number {
    return this.id;
  }

  private ensure(): NetworkWorkerLike {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.onmessage = (e) => {
      const r = e.data;
      if (r.id !== this.id) return;
      if (r.type !== 'refused' && r.type !== 'error' && r.type !== 'started') { this.onReply(r); return; }
      this.building = false;
      this.onReply(r);
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      this.building = false;
      this.dispose();
      this.onFailure(this.id, `the network worker stopped: ${e.message || 'unknown error'} (it may have run out of memory)`);
    };
    this.worker = w;
    return w;
  }

  /** Starts a run; returns its id. */
  start(spec: NetworkSpec, probe: number | null): number {
    if (this.building && this.worker) { this.dispose(); this.restarts++; }
    this.id++;
    this.building = true;
    try {
      this.ensure().postMessage({ type: 'start', id: this.id, spec, probe });
    } catch (e) {
      this.building = false;
      this.onFailure(this.id, `the network worker could not start: ${e instanceof Error ? e.message : String(e)}`);
    }
    return this.id;
  }

  pause(): void { this.worker?.postMessage({ type: 'pause', id: this.id }); }
  resume(): void { this.worker?.postMessage({ type: 'resume', id: this.id }); }
  stop(): void { this.worker?.postMessage({ type: 'stop', id: this.id }); }
  probe(cell: number | null): void { this.worker?.postMessage({ type: 'probe', id: this.id, cell }); }

  dispose(): void {
    if (!this.worker) return;
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.worker = null;
  }
}

/** The real module worker. */
export function createNetworkWorker(): NetworkWorkerLike {
  return new Worker(new URL('./network.worker.ts', import.meta.url), { type: 'module', name: 'izhikevich-network' }) as unknown as NetworkWorkerLike;
}
