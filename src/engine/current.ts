// The injected current in force at each recorded sample, I(t) = I + slope·(t − t_seg) of the segment whose
// integration recorded it (ramps included), in mV/ms. The segment of sample k is read from the run's checkpoints
// (samples recorded before segment i starts = checkpoints[i].length), not from its float32 time stamp, which cannot
// tell neighbouring samples apart on long runs and would put a boundary sample into the wrong segment.

import { effectiveParams, segmentStart, type Session } from '../model/session';
import type { Checkpoint } from './types';

/**
 * A cursor over samples in recording order: `current(k, t)` is I at sample k, recorded at time t (ms). Samples
 * before the first checkpoint (the t = 0 sample) belong to segment 0; k must not decrease between calls.
 */
export function currentCursor(session: Session, checkpoints: readonly Checkpoint[]): (k: number, t: number) => number {
  const eff = effectiveParams(session);
  const P = session.protocol;
  const n = Math.min(P.length, checkpoints.length);
  let i = 0;
  return (k, t) => {
    while (i + 1 < n && k >= checkpoints[i + 1].length) i++;
    return eff[i].I + (P[i].slope ?? 0) * (t - segmentStart(P, i));
  };
}
