// Message protocol of the network worker (network.worker.ts): one run at a time, identified by the id of its `start`
// command; a newer start replaces the run in progress (latest wins). Spikes stream back in chunks (buffers
// transferred) with the v(t) samples of the probed cell; pause/resume/stop act between chunks. Times in ms.

import type { NetworkSpec } from '../model/network';

export type NetworkCommand =
  | { type: 'start'; id: number; spec: NetworkSpec; probe: number | null }
  | { type: 'pause'; id: number }
  | { type: 'resume'; id: number }
  | { type: 'stop'; id: number }
  /** Follow another cell's v(t): its samples so far come back at once, new ones with each chunk. */
  | { type: 'probe'; id: number; cell: number | null };

export type FinalStatus = 'done' | 'stopped' | 'diverged' | 'full';

export type NetworkReply =
  | {
      type: 'started'; id: number; n: number; ne: number; totalSteps: number;
      /** Step length, ms; samples of v every recordEvery steps from sampleT0 ms. */
      h: number; recordEvery: number; sampleT0: number;
      /** Time to draw the network (recipe, synapses), ms; the memory it holds, bytes. */
      buildMs: number; memoryBytes: number;
      /** Where the steps run: WebAssembly SIMD or plain JavaScript. */
      engine: 'wasm' | 'js';
    }
  | { type: 'refused'; id: number; message: string }
  | {
      type: 'chunk'; id: number;
      /** The spikes since the previous chunk (time order). */
      t: Float64Array; cell: Int32Array;
      /** Simulated time reached, ms; compute time so far (build excluded, pauses excluded), ms. */
      time: number; computeMs: number;
    }
  | {
      type: 'trace'; id: number; cell: number;
      /** Index of the first sample in v (0: the whole trace so far). */
      from: number; v: Float32Array;
    }
  | { type: 'paused'; id: number; time: number }
  | { type: 'resumed'; id: number }
  | { type: 'finished'; id: number; status: FinalStatus; message: string | null; time: number; computeMs: number }
  | { type: 'error'; id: number; message: string };
