// Public types of the simulation engine: what `simulate` takes and returns.
// Times in ms (recorded time: 0 at the end of the transient), v in mV, u in mV/ms, rates in Hz.

import type { ModelParams } from '../model/models';
import type { Session } from '../model/session';

export interface RunOptions {
  /** Record the t, v, u trace (default true). false keeps only spikes, segment statistics and snapshots. */
  record?: boolean;
  /**
   * Most bytes the run's buffers may hold: the recorded trace (t, v, u as Float32Array; the transient is not
   * recorded) and the spike times (Float64Array), also when record = false. Default 256 MiB. A run whose trace
   * would not fit is refused before it starts; one whose buffers outgrow it (a cell firing at almost every step)
   * is stopped there (status 'refused' with stoppedAt) and its buffers are dropped.
   */
  memoryBudgetBytes?: number;
  /** Optional cancellation check, polled every few thousand steps; return true to abandon the run (status 'cancelled'). */
  shouldCancel?: () => boolean;
  /**
   * The previous run (its session and its full, unmodified result): the engine reuses the leading segments whose
   * integration is unchanged (same dt, stepper, spike mode, precision, initial state, transient, and per segment the
   * same `until`, effective parameters and slope) and integrates only from the first changed segment on, starting
   * from the state saved there (`SimResult.checkpoints`). The result is bit-identical to a full run of `session`;
   * labels, names and presets follow the new session. The previous result is only read (its buffers stay intact).
   * Ignored when nothing can be reused (then it is an ordinary full run). See resume.ts.
   */
  resume?: { session: Session; result: SimResult };
  /**
   * Recycled trace buffers (e.g. those of a result no longer used): recorded into instead of fresh ones when each
   * holds at least the run's initial capacity (and at most about 4× it) and none is the resume source's. Their old
   * contents are overwritten; after the run they belong to the result. Ignored otherwise.
   */
  buffers?: { t: Float32Array; v: Float32Array; u: Float32Array };
}

/**
 * The run's state where a segment starts (after the transient for segment 0), or where the run ended: everything a
 * run carries across a segment boundary, so a later run can continue from here (RunOptions.resume).
 */
export interface Checkpoint {
  /** Recorded samples before this point (trace prefix length; 0 when not recording). */
  length: number;
  /** Integration steps taken so far (transient included). */
  steps: number;
  /** Spikes recorded so far (prefix of `spikes`). */
  nSpikes: number;
  /** State, exactly as held by the integrator (already rounded to float32 in single precision). */
  v: number;
  u: number;
  /** End of the refractory hold in force there, ms (−Infinity: none; absent in checkpoints of older results). */
  refrUntil?: number;
}

/** Recorded samples, `length` valid entries. Each spike appears as a sample at (t_spike, v_th) before the reset. */
export interface Trace {
  t: Float32Array;
  v: Float32Array;
  u: Float32Array;
  length: number;
}

export interface Snapshot {
  /** "initial" (before the transient), then one per segment: its label, or "segment N". */
  name: string;
  /** Recorded time of the snapshot, ms (initial: −transient). */
  t: number;
  /** Number of integration steps taken (including the transient) when it was taken. */
  step: number;
  /** Parameters in force (the model's keys and units). */
  params: ModelParams;
  state: { v: number; u: number };
}

export interface SegmentResult {
  index: number;
  label: string;
  t_start: number;
  t_end: number;
  /** Effective parameters in force during the segment (the model's keys; I at the segment's start for a ramp). */
  params: ModelParams;
  slope: number;
  preset: string | null;
  spikeCount: number;
  /** spikeCount / duration, Hz. */
  rateHz: number;
  /** First spike time minus t_start, ms; null without spikes. */
  firstSpikeLatency: number | null;
  /** Mean inter-spike interval within the segment, ms; null with fewer than 2 spikes. */
  isiMean: number | null;
  /** Coefficient of variation of those intervals; null with fewer than 3 spikes. */
  isiCV: number | null;
}

export type RunStatus =
  | { kind: 'ok' }
  /** v or u became non-finite (or left ±1e6): the run stops there; results up to `t` are kept. */
  | {
    kind: 'diverged'; t: number; variable: 'v' | 'u'; segment: number; message: string;
    /** A value beyond ±1e6, a non-finite value, or v reaching v_th MAX_SPIKES_PER_STEP times within one step. */
    reason: 'bounds' | 'non-finite' | 'runaway';
  }
  /**
   * The run was not started (it would exceed the memory budget, or no initial state could be found), or it was
   * stopped at `stoppedAt` (ms) because its buffers outgrew the budget; nothing of it is kept. The message says why
   * and what to change; `fix` (a run refused before it started for its trace memory) gives the same figures as data,
   * for front ends that phrase the advice in their own terms (the explorer names its fields).
   */
  | { kind: 'refused'; message: string; stoppedAt?: number; fix?: RefusalFix }
  | { kind: 'cancelled' };

/** What a refused run would need and what would make it fit. */
export interface RefusalFix {
  /** Trace memory the run needs, and the budget, bytes. */
  bytes: number;
  budgetBytes: number;
  /** Samples it would record. */
  samples: number;
  /** Smallest dt that fits, ms (rounded up to 2 significant digits). */
  dtAtLeast: number;
  /** Protocol end that fits at the current dt, ms (null when even 0 ms would not). */
  untilAtMost: number | null;
}

export interface SimResult {
  status: RunStatus;
  /** null when record = false or the run was refused. */
  trace: Trace | null;
  /** Spike times, ms (recorded time). */
  spikes: Float64Array;
  segments: SegmentResult[];
  snapshots: Snapshot[];
  /** Integration steps taken, including the transient and split steps. */
  steps: number;
  /** Final state. */
  final: { v: number; u: number };
  /**
   * Checkpoint i: the state at the start of segment i, for every segment the run started; one more (index
   * protocol.length) at the end when the run completed ok. Absent for refused runs. Identical for a resumed and a full run.
   */
  checkpoints?: Checkpoint[];
  /**
   * Index of the first segment this run integrated: 0 for a full run (or one that reused only the transient),
   * k > 0 when segments 0..k−1 were taken from RunOptions.resume, protocol.length when everything was reused.
   */
  resumedFrom?: number;
  /** Steps this run integrated itself (≤ steps; smaller when it resumed). */
  stepsIntegrated?: number;
}
