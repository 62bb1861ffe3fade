// Incremental re-simulation: which leading part of a previous run a new session can reuse unchanged. The engine is
// deterministic, so the trajectory up to the start of the first segment whose integration differs is the same;
// the new run starts there from the previous run's checkpoint (state, steps, spikes, trace prefix). Pure; times ms.

import { effectiveParams, type Session } from '../model/session';
import type { ModelParams } from '../model/models';
import type { Checkpoint, SimResult } from './types';

/** Where a new run may start from a previous result. */
export interface ResumePlan {
  /** First segment to integrate: segments 0..segment−1 (and the transient) are taken from the previous run. */
  segment: number;
  /** The previous run's state at that segment's start (or at its end when segment = protocol.length). */
  checkpoint: Checkpoint;
  /** Checkpoints 0..segment of the previous run (the new run's own, identical). */
  checkpoints: Checkpoint[];
  result: SimResult;
}

function sameParams(a: ModelParams, b: ModelParams): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!Object.is(a[k], b[k])) return false;
  return true;
}

/**
 * How far `prev` (a previous run of `prevSession`) can be reused for `session`, or null for a full run.
 * Reusable: the integration settings, initial state (and its mode), model options and transient are identical (Object.is, so 0 and −0 differ);
 * the transient (when > 0) also needs segment 0's effective parameters unchanged; segment i is reusable when it and
 * all before it have the same `until`, effective parameters and slope (labels and presets may differ). Under
 * euler_sequential the last segment also takes the grid point at its end, so a segment that is last in one session
 * and not in the other is not reusable, nor one whose `untilInclusive` differs (its end grid point changes sides). Only checkpoints the previous run recorded are used (a diverged or cancelled
 * run offers those before the segment it stopped in), and only when its trace and spikes hold the needed prefix
 * (`record` = the new run records; `eff` = effectiveParams(session), passed by a caller that has it). Returns null when only an empty prefix (no transient, segment 0) would be reused.
 */
export function planResume(
  prevSession: Session, prev: SimResult, session: Session, record: boolean, eff: readonly ModelParams[] = effectiveParams(session),
): ResumePlan | null {
  const cps = prev.checkpoints;
  if (!cps || cps.length === 0 || prev.status.kind === 'refused') return null;
  const a = prevSession.integration, b = session.integration;
  if (!(Object.is(a.dt, b.dt) && a.stepper === b.stepper && a.spikes === b.spikes && a.precision === b.precision)) return null;
  if (!Object.is(prevSession.initial.v, session.initial.v) || !Object.is(prevSession.initial.u, session.initial.u)) return null;
  if ((prevSession.initial.mode ?? 'explicit') !== (session.initial.mode ?? 'explicit')) return null;
  if ((prevSession.model ?? 'izh2003') !== (session.model ?? 'izh2003')) return null;
  const o0 = prevSession.options, o1 = session.options;
  if (!Object.is(o0?.refractory ?? 0, o1?.refractory ?? 0) || !Object.is(o0?.vMin ?? -Infinity, o1?.vMin ?? -Infinity)) return null;
  if (!Object.is(prevSession.transient, session.transient)) return null;
  const P0 = prevSession.protocol, P1 = session.protocol;
  if (P0.length === 0 || P1.length === 0) return null;
  const e0 = effectiveParams(prevSession), e1 = eff;
  const withTransient = session.transient > 0;
  if (withTransient && !sameParams(e0[0], e1[0])) return null;
  const sequential = b.stepper === 'euler_sequential';
  const n = Math.min(P0.length, P1.length);
  let k = 0;
  while (k < n) {
    const s0 = P0[k], s1 = P1[k];
    if (!Object.is(s0.until, s1.until) || !Object.is(s0.slope ?? 0, s1.slope ?? 0) || !sameParams(e0[k], e1[k])) break;
    if (sequential && (k === P0.length - 1) !== (k === P1.length - 1)) break;
    if (sequential && !s0.untilInclusive !== !s1.untilInclusive) break;
    k++;
  }
  // Checkpoint k is the start of segment k (or the end of the run when k = protocol.length).
  if (k >= cps.length) k = cps.length - 1;
  if (k === 0 && !withTransient) return null;
  const cp = cps[k];
  if (record !== (prev.trace !== null)) return null;
  if (prev.trace && (prev.trace.length < cp.length || prev.trace.t.length < cp.length)) return null;
  if (prev.spikes.length < cp.nSpikes) return null; // e.g. its buffer was transferred away
  return { segment: k, checkpoint: cp, checkpoints: cps.slice(0, k + 1), result: prev };
}
