// Typed message protocol between the app (client.ts) and the simulation worker (sim.worker.ts).
// Commands: `run` simulates a session and returns display-decimated traces; `zoom` re-decimates the latest
// full-resolution result for a time window; `phase` recomputes only the phase-plane frame of the latest result (run
// and zoom carry one too when the phase plane is open); `csv` writes a part of the latest result as CSV text (the
// trace at full resolution in chunks of rows, or the spikes), so a large export streams without blocking the worker
// for long. Replies carry typed arrays whose buffers are transferred, not copied.

import type { Session } from '../model/session';
import type { RunStatus, SegmentResult, Snapshot } from '../engine/types';
import { phaseTransferables, type PhaseFrame, type PhaseRequest } from '../analysis/phaseFrame';

export interface RunCommand {
  type: 'run';
  /** Increasing request id (shared with zoom commands). */
  id: number;
  session: Session;
  /** Pixel columns of the plot area: each trace is reduced to ≤ 2 points per column. */
  columns: number;
  /** Visible time window [t0, t1] in ms; null/absent = the whole recorded run. */
  window?: [number, number] | null;
  /** The phase-plane frame to compute with the run (the phase plane is open); absent/null = none. */
  phase?: PhaseRequest | null;
}

export interface ZoomCommand {
  type: 'zoom';
  id: number;
  t0: number;
  t1: number;
  columns: number;
  /** As for run: the phase-plane frame of the kept result, computed with the zoom. */
  phase?: PhaseRequest | null;
}

/** The phase-plane frame of the kept result alone (segment, box, plot size or launched points changed). */
export interface PhaseCommand {
  type: 'phase';
  id: number;
  phase: PhaseRequest;
}

export interface CsvCommand {
  type: 'csv';
  id: number;
  /** The run whose data are written; refused when the worker keeps another one by now. */
  runId: number;
  table: 'trace' | 'spikes';
  /** Trace only: the time window, ms (null: the whole run), and the first sample and most rows of this chunk. */
  window: [number, number] | null;
  /** Index of the first sample to write (-1: the window's first, with the header). */
  from: number;
  rows: number;
}

export type WorkerCommand = RunCommand | ZoomCommand | PhaseCommand | CsvCommand;

/** One display trace: `length` points (x in ms), plus the extremes of y inside the window. */
export interface XYData {
  x: Float32Array;
  y: Float32Array;
  length: number;
  yMin: number;
  yMax: number;
}

export interface DisplayTraces {
  /** Window the traces were reduced for, ms. */
  window: [number, number];
  columns: number;
  v: XYData;
  u: XYData;
  /** The injected current I(t), exact (piecewise linear, 2 points per segment); small, never decimated. */
  I: XYData;
  /** Samples of the full-resolution trace. */
  fullLength: number;
}

export interface RunReply {
  type: 'run';
  id: number;
  /** Id of the run whose data this is (equal to id for a run reply). */
  runId: number;
  status: RunStatus;
  /** null when the run was refused (nothing recorded). */
  traces: DisplayTraces | null;
  spikes: Float64Array;
  segments: SegmentResult[];
  snapshots: Snapshot[];
  steps: number;
  final: { v: number; u: number };
  /** Recorded duration of the protocol, ms. */
  duration: number;
  timing: {
    simulateMs: number;
    decimateMs: number;
    /**
     * First segment the engine integrated: 0 = full run (or only the transient reused), k > 0 = segments 0..k−1
     * taken unchanged from the previous run, protocol length = nothing re-integrated (e.g. a label edit).
     */
    resumedFrom?: number;
    /** Integration steps this run actually took (≤ steps). */
    stepsIntegrated?: number;
    /** Display columns kept from the previous run's reduction (those made only of samples before the resume point). */
    columnsReused?: number;
  };
  /** When the worker started and finished handling the command (performance.timeOrigin + now(), ms; diagnostics). */
  wall?: { start: number; end: number };
  /** The phase-plane frame asked for (null when the run recorded nothing); absent when not asked for. */
  phase?: PhaseFrame | null;
}

export interface ZoomReply {
  type: 'zoom';
  id: number;
  /** Id of the run whose full-resolution data was re-decimated. */
  runId: number;
  traces: DisplayTraces | null;
  timing: { decimateMs: number };
  wall?: { start: number; end: number };
  phase?: PhaseFrame | null;
}

export interface PhaseReply {
  type: 'phase';
  id: number;
  /** Id of the run whose data the frame describes (−1: no run kept yet). */
  runId: number;
  phase: PhaseFrame | null;
  wall?: { start: number; end: number };
}

export interface CsvReply {
  type: 'csv';
  id: number;
  runId: number;
  text: string;
  /** Sample index to ask for next (trace), and the samples of the whole export and written so far. */
  next: number;
  total: number;
  written: number;
  done: boolean;
  wall?: { start: number; end: number };
}

export interface ErrorReply {
  type: 'error';
  id: number;
  message: string;
}

export type WorkerReply = RunReply | ZoomReply | PhaseReply | CsvReply | ErrorReply;
/** The replies of the latest-wins commands (run, zoom, phase), as the simulation controller receives them. */
export type SimReply = RunReply | ZoomReply | PhaseReply | ErrorReply;

/** Buffers of a reply to put in postMessage's transfer list. */
export function replyTransferables(reply: WorkerReply): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: { buffer: ArrayBufferLike }) => { if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer); };
  if (reply.type === 'error' || reply.type === 'csv') return out;
  phaseTransferables(reply.phase, out);
  if (reply.type === 'phase') return out;
  const tr = reply.traces;
  if (tr) for (const xy of [tr.v, tr.u, tr.I]) { add(xy.x); add(xy.y); }
  if (reply.type === 'run') add(reply.spikes);
  return out;
}
