// Message protocol of the sweep worker (sweep.worker.ts), its own channel so a sweep never delays the explorer's
// simulations. A `sweep` command replaces whatever the worker was computing (newest wins); the worker answers at
// once with the closed-form rest-state branches, then streams the points in batches (coarse to fine) and ends with
// `done` (rheobase refined by bisection for I). `cancel` stops it.

import type { Bifurcation } from '../analysis/bifurcations';
import type { RestBranches } from '../analysis/branches';
import type { Rheobase, SweepBase, SweepPoint, SweepSpec } from '../analysis/sweep';

export interface SweepCommand {
  type: 'sweep';
  /** Request id, increasing; echoed in every reply. */
  id: number;
  base: SweepBase;
  spec: SweepSpec;
  /** Bisection runs that narrow the rheobase bracket at the end (I sweeps only; 0 = none). */
  refine: number;
  /**
   * u at each spike is wanted (the reset-map plot): every value runs through simulate with its trace recorded.
   * Otherwise the values run in batches on the batch engine (same spikes, several times faster) and uAtSpike is null.
   */
  needU: boolean;
}

export interface CancelCommand {
  type: 'cancel';
  id: number;
}

export type SweepWorkerCommand = SweepCommand | CancelCommand;

export interface SweepStartReply {
  type: 'start';
  id: number;
  branches: RestBranches;
  /** Closed-form bifurcations of the swept parameter inside the range (also in branches.points), and those of I. */
  bifurcationsOfI: Bifurcation[];
}

export interface SweepPointsReply {
  type: 'points';
  id: number;
  points: SweepPoint[];
  /** Points computed so far, of `total`. */
  done: number;
  total: number;
  elapsedMs: number;
}

export interface SweepDoneReply {
  type: 'done';
  id: number;
  elapsedMs: number;
  rheobase: Rheobase;
  /** The rheobase bracket after bisection, or null. */
  refined: [number, number] | null;
}

export interface SweepErrorReply {
  type: 'error';
  id: number;
  message: string;
}

export type SweepReply = SweepStartReply | SweepPointsReply | SweepDoneReply | SweepErrorReply;
