// Typed protocol of the batch workers (batch.worker.ts, run by the pool): `map` computes a job of map pixels
// (analysis/firingMap.ts), `trace` simulates one neuron and returns v(t) reduced for a small plot. The handler is a
// plain function, callable without a worker (in-process pool, tests); replies list the buffers to transfer.

import { simulate } from '../engine/simulate';
import { decimateMinMax, sliceXY } from '../engine/decimate';
import type { RunStatus } from '../engine/types';
import type { Session } from '../model/session';
import { computeMapJob, type MapJob, type MapJobResult } from '../analysis/firingMap';

export type BatchCommand =
  | { type: 'map'; job: MapJob }
  | { type: 'trace'; session: Session; columns: number };

export type BatchReply =
  | { type: 'map'; result: MapJobResult; ms: number }
  | { type: 'trace'; t: Float32Array; v: Float32Array; length: number; status: RunStatus; spikes: Float64Array }
  | { type: 'error'; message: string };

const now: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

/** Handles one command; never throws (an exception becomes an `error` reply). */
export function handleBatchCommand(cmd: BatchCommand): { reply: BatchReply; transfer: Transferable[] } {
  try {
    if (cmd.type === 'map') {
      const t0 = now();
      const result = computeMapJob(cmd.job);
      if (!result) return { reply: { type: 'error', message: 'cancelled' }, transfer: [] };
      return {
        reply: { type: 'map', result, ms: now() - t0 },
        transfer: [result.pixels.buffer, result.cls.buffer, result.values.buffer],
      };
    }
    const r = simulate(cmd.session, { record: true });
    const tr = r.trace;
    const T = cmd.session.protocol[cmd.session.protocol.length - 1].until;
    const d = tr ? sliceXY(decimateMinMax(tr.t, tr.v, tr.length, 0, T, cmd.columns)) : { x: new Float32Array(0), y: new Float32Array(0), length: 0 };
    return {
      reply: { type: 'trace', t: d.x, v: d.y, length: d.length, status: r.status, spikes: r.spikes },
      transfer: [d.x.buffer, d.y.buffer, r.spikes.buffer],
    };
  } catch (e) {
    return { reply: { type: 'error', message: e instanceof Error ? e.message : String(e) }, transfer: [] };
  }
}
