// Public types of the simulation engine: what `simulate` takes and returns.
// Times in ms (recorded time: 0 at the end of the transient), v in mV, u in mV/ms, rates in Hz.

import type { Params } from '../model/params';

export interface RunOptions {
  /** Record the t, v, u trace (default true). false keeps only spikes, segment statistics and snapshots. */
  record?: boolean;
  /** Largest trace buffers allowed, bytes (t, v, u as Float32Array). Default 256 MiB. A run that would exceed it is refused. */
  memoryBudgetBytes?: number;
  /** Optional cancellation check, polled every few thousand steps; return true to abandon the run (status 'cancelled'). */
  shouldCancel?: () => boolean;
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
  params: Params;
  state: { v: number; u: number };
}

export interface SegmentResult {
  index: number;
  label: string;
  t_start: number;
  t_end: number;
  /** Effective parameters in force during the segment (I at the segment's start for a ramp). */
  params: Params;
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
  | { kind: 'diverged'; t: number; variable: 'v' | 'u'; segment: number; message: string }
  /** The run was not started: it would exceed the memory budget. The message says what to change. */
  | { kind: 'refused'; message: string }
  | { kind: 'cancelled' };

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
}
