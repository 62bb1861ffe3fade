// What the phase-plane panel shows for the selected segment of a run, computed next to the run (the simulation
// worker sends it with the traces, so it follows the sliders in the same frame): the phase-plane analysis of the
// segment's parameters, the run's own trajectory in that segment as a (v, u) path with resets as jumps, and the
// trajectories launched from points the user clicked (engine runs at the same settings). v mV, u mV/ms, t ms.

import type { Params } from '../model/params';
import { effectiveParams, segmentStart, type Session } from '../model/session';
import type { RunOptions, SimResult } from '../engine/types';
import { phasePlane, type PhasePlane } from './phasePlane';
import type { Box, Pixels } from './phase';
import { launchSession, phasePath, traceExtent, type PhasePath } from './trajectory';

export interface PhaseRequest {
  /** Segment whose parameters and trajectory are shown (0-based). */
  segment: number;
  /** Plot area, pixels. */
  px: Pixels;
  /** A box fixed by the user (zoom); null = automatic. */
  box: Box | null;
  /** Starting points of launched trajectories. */
  launches: { v: number; u: number }[];
  /** Duration of each launched trajectory, ms. */
  launchMs: number;
}

export interface LaunchedPath {
  from: { v: number; u: number };
  path: PhasePath;
  spikes: number;
  /** 'ok', or why the run stopped ('diverged' …). */
  status: string;
}

export interface PhaseFrame {
  segment: number;
  /** The segment's parameters (a ramp's I at the segment's start) and its ramp slope. */
  params: Params;
  slope: number;
  tStart: number;
  tEnd: number;
  plane: PhasePlane;
  /** The run's trajectory over the segment (null when the run did not reach it or recorded nothing). */
  run: PhasePath | null;
  launched: LaunchedPath[];
  /** Time to compute all of it, ms. */
  ms: number;
}

export type SimulateFn = (session: Session, opts?: RunOptions) => SimResult;

/**
 * The model the analysis handles: the 2003 form (generalised coefficients, u and I in mV/ms). The 2007 form maps
 * onto it exactly, but its cells' special rules (b switch, cubic u drive, u-dependent peak and reset) and its pA
 * units are not carried through the closed forms yet: the panels and the CLI say so instead of drawing.
 */
export const ANALYSIS_MODEL = 'izh2003';

/** Why a session cannot be analysed (its model), or null. */
export function analysisUnsupported(session: Pick<Session, 'model'>): string | null {
  const m = session.model ?? 'izh2003';
  return m === ANALYSIS_MODEL ? null
    : 'the dynamics analysis handles the 2003 form (a, b, c, d) only for now: the 2007 form\'s cells have special rules (b switch, cubic u drive, u-dependent peak and reset) the closed forms do not cover yet';
}

/**
 * Screen distance between kept points of the drawn trajectories, px: below what a 1.4 px line shows, and few enough
 * points for Plotly to redraw a bursting segment within the frame budget.
 */
export const DISPLAY_TOL_PX = 1.25;

/** Most launched trajectories kept (older ones drop out first). */
export const MAX_LAUNCHES = 8;

const now: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

/**
 * The phase frame of `req.segment` for a run of `session` (its full result, trace recorded). `previousBox`: the
 * automatic box shown last for this segment (kept while it still fits).
 */
export function phaseFrame(
  session: Session, result: SimResult, req: PhaseRequest, previousBox: Box | null, simulate: SimulateFn,
): PhaseFrame {
  const t0 = now();
  const n = session.protocol.length;
  const seg = Math.max(0, Math.min(n - 1, Math.floor(req.segment)));
  const sr = result.segments[seg];
  // The 2003 form's parameters (the callers ask for frames of 2003-form sessions only: ANALYSIS_MODEL).
  const params = (sr ? sr.params : effectiveParams(session)[seg]) as Params;
  const slope = session.protocol[seg].slope ?? 0;
  let run: PhasePath | null = null;
  const tr = result.trace;
  const cps = result.checkpoints;
  // From the sample at the segment's start (the previous segment's last one) to the segment's last sample.
  const piece = tr && cps && cps[seg] ? { from: Math.max(0, cps[seg].length - 1), to: cps[seg + 1] ? cps[seg + 1].length : tr.length } : null;
  const launches = req.launches.slice(-MAX_LAUNCHES);
  const plane0 = phasePlane(params, {
    box: req.box, previousBox, px: req.px, trajectory: tr && piece ? traceExtent(tr, piece.from, piece.to) : null, points: launches,
  });
  // The run's path, reduced to ~1 px steps in the box shown.
  if (tr && piece) {
    run = phasePath(tr, { ...piece, spikes: result.spikes, vth: params.v_th, c: params.c, d: params.d, box: plane0.box, px: req.px, tolPx: DISPLAY_TOL_PX });
  }
  const launched: LaunchedPath[] = [];
  const dur = Math.max(1, Math.min(5000, req.launchMs));
  for (const from of launches) {
    const r = simulate(launchSession(params, session.integration, from, dur, session.options), { record: true });
    const path = r.trace
      ? phasePath(r.trace, { from: 0, to: r.trace.length, spikes: r.spikes, vth: params.v_th, c: params.c, d: params.d, box: plane0.box, px: req.px, tolPx: DISPLAY_TOL_PX, maxPoints: 4000 })
      : { flow: { t: new Float32Array(0), v: new Float32Array(0), u: new Float32Array(0), length: 0 }, jumps: { v: new Float32Array(0), u: new Float32Array(0), length: 0 }, extent: null, samples: 0 };
    launched.push({ from, path, spikes: r.spikes.length, status: r.status.kind });
  }
  return {
    segment: seg, params, slope, tStart: segmentStart(session.protocol, seg), tEnd: session.protocol[seg].until,
    plane: plane0, run, launched, ms: now() - t0,
  };
}

/** The frame's typed-array buffers (to transfer with postMessage). */
export function phaseTransferables(f: PhaseFrame | null | undefined, out: ArrayBuffer[] = []): ArrayBuffer[] {
  if (!f) return out;
  const add = (a: { buffer: ArrayBufferLike }) => { if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer); };
  const path = (p: { v: Float32Array; u: Float32Array }) => { add(p.v); add(p.u); };
  const pp = (p: PhasePath | null) => { if (!p) return; add(p.flow.t); path(p.flow); path(p.jumps); };
  path(f.plane.nullclines.v);
  if (f.plane.nullclines.u) path(f.plane.nullclines.u);
  path(f.plane.field.arrows);
  for (const m of f.plane.manifolds) { path(m.stable.path); path(m.unstable.path); }
  pp(f.run);
  for (const l of f.launched) pp(l.path);
  return out;
}
