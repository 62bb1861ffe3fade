// Trajectories in the phase plane: sessions that launch the engine from any (v, u) at a segment's parameters (so a
// launched trajectory is exactly what the explorer would integrate), and the reduction of a recorded trace piece to
// a display path in (v, u): continuous pieces decimated to ~1 px steps, each reset drawn as a separate jump from
// (v_th, u) to (c, u + d). t in ms, v in mV, u in mV/ms.

import type { Params } from '../model/params';
import { SESSION_FORMAT, SESSION_VERSION, type Integration, type ModelOptions, type Session } from '../model/session';
import type { Trace } from '../engine/types';
import type { Box, Path, Pixels } from './phase';

/**
 * A one-segment session at fixed parameters from (v, u) for `duration` ms (I constant: a ramp is frozen), with the
 * session's model options (refractory period, lower clamp of v) when given.
 */
export function launchSession(
  params: Params, integration: Integration, from: { v: number; u: number }, duration: number, options?: ModelOptions,
): Session {
  return {
    format: SESSION_FORMAT, version: SESSION_VERSION, name: 'trajectory',
    params: { ...params }, initial: { v: from.v, u: from.u }, integration: { ...integration }, transient: 0,
    protocol: [{ until: duration }],
    ...(options ? { options: { ...options } } : {}),
  };
}

/** A display path with the time of every point (t is increasing; where v, u are NaN it holds the reset time). */
export interface TimedPath extends Path {
  t: Float32Array;
}

export interface PhasePath {
  /** Continuous pieces, NaN-separated at resets. */
  flow: TimedPath;
  /** The resets: (v_th, u) → (c, u + d) pairs, NaN-separated. */
  jumps: Path;
  /** Extent of the points (null when empty). */
  extent: Box | null;
  /** Samples of the trace piece that were reduced. */
  samples: number;
}

export interface PathOptions {
  /** Trace samples [from, to) to reduce. */
  from: number;
  to: number;
  /** Spike times (ms) of the run, sorted; the trace holds (t_spike, v_th) just before each reset. */
  spikes: ArrayLike<number>;
  /** v_th, c and d in force over the piece. */
  vth: number;
  c: number;
  d: number;
  /** Box and plot size that set the decimation tolerance (tolPx pixels; default 0.75). Without a box: no decimation. */
  box?: Box | null;
  px?: Pixels;
  tolPx?: number;
  /** Most points kept (the tolerance is raised until it fits; default 12000). Resets are always kept. */
  maxPoints?: number;
}

/** First index i in [0, n) with a[i] ≥ x (n if none). */
function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (a[m] < x) lo = m + 1; else hi = m; }
  return lo;
}

function reduce(tr: Trace, o: PathOptions, tol: number): PhasePath {
  const { from, to } = o;
  const sx = o.box && o.px ? o.px.w / (o.box.vMax - o.box.vMin) : 0;
  const sy = o.box && o.px ? o.px.h / (o.box.uMax - o.box.uMin) : 0;
  const decimate = sx > 0 && sy > 0 && tol > 0;
  const tol2 = tol * tol;
  const vthF = Math.fround(o.vth);
  const ft: number[] = [], fv: number[] = [], fu: number[] = [];
  const jv: number[] = [], ju: number[] = [];
  let j = lowerBound(o.spikes, tr.t[from] - 1e-3);
  let lastV = NaN, lastU = NaN;
  let vMin = Infinity, vMax = -Infinity, uMin = Infinity, uMax = -Infinity;
  const keep = (t: number, v: number, u: number) => {
    ft.push(t); fv.push(v); fu.push(u); lastV = v; lastU = u;
    if (v < vMin) vMin = v; if (v > vMax) vMax = v; if (u < uMin) uMin = u; if (u > uMax) uMax = u;
  };
  let pendingT = NaN, pendingV = NaN, pendingU = NaN; // the last sample skipped (kept before a turn or the end)
  for (let k = from; k < to; k++) {
    const t = tr.t[k], v = tr.v[k], u = tr.u[k];
    while (j < o.spikes.length && Math.fround(o.spikes[j]) < t) j++; // (a spike whose sample was not found)
    const spike = j < o.spikes.length && v === vthF && t === Math.fround(o.spikes[j]);
    if (spike) {
      j++;
      if (!Number.isNaN(pendingT)) { keep(pendingT, pendingV, pendingU); pendingT = NaN; }
      keep(t, v, u);
      // Jump to the reset point, then a break in the continuous path, which resumes at (c, u + d).
      jv.push(v, o.c, NaN); ju.push(u, u + o.d, NaN);
      ft.push(t); fv.push(NaN); fu.push(NaN);
      keep(t, o.c, u + o.d);
      continue;
    }
    if (ft.length === 0 || Number.isNaN(lastV) || !decimate) { keep(t, v, u); continue; }
    const dx = (v - lastV) * sx, dy = (u - lastU) * sy;
    if (dx * dx + dy * dy >= tol2) {
      keep(t, v, u);
      pendingT = NaN;
    } else {
      pendingT = t; pendingV = v; pendingU = u;
    }
  }
  if (!Number.isNaN(pendingT)) keep(pendingT, pendingV, pendingU);
  const n = ft.length;
  return {
    flow: { t: Float32Array.from(ft), v: Float32Array.from(fv), u: Float32Array.from(fu), length: n },
    jumps: { v: Float32Array.from(jv), u: Float32Array.from(ju), length: jv.length },
    extent: n ? { vMin, vMax, uMin, uMax } : null,
    samples: Math.max(0, to - from),
  };
}

/** The trace samples [from, to) as a phase-plane path (see PathOptions). */
export function phasePath(tr: Trace, o: PathOptions): PhasePath {
  const from = Math.max(0, Math.min(o.from, tr.length));
  const to = Math.max(from, Math.min(o.to, tr.length));
  const opts = { ...o, from, to };
  const max = o.maxPoints ?? 12000;
  let tol = o.tolPx ?? 0.75;
  let r = reduce(tr, opts, tol);
  // Points scale about as 1/tol: grow it by the excess (and a margin) until the path fits.
  for (let i = 0; i < 12 && r.flow.length > max && o.box && o.px; i++) {
    tol *= Math.max(1.25, (1.2 * r.flow.length) / max);
    r = reduce(tr, opts, tol);
  }
  return r;
}

/** State on the path at time t (linear between kept points; null outside it or at a reset break). */
export function stateAt(path: TimedPath, t: number): { v: number; u: number } | null {
  const n = path.length;
  if (n === 0 || !(t >= path.t[0] && t <= path.t[n - 1])) return null;
  let i = lowerBound(path.t.subarray(0, n), t);
  if (i >= n) i = n - 1;
  if (path.t[i] === t && !Number.isNaN(path.v[i])) return { v: path.v[i], u: path.u[i] };
  const a = i - 1;
  if (a < 0) return { v: path.v[0], u: path.u[0] };
  const va = path.v[a], vb = path.v[i];
  if (Number.isNaN(va) || Number.isNaN(vb)) {
    const k = Number.isNaN(va) ? i : a;
    return Number.isNaN(path.v[k]) ? null : { v: path.v[k], u: path.u[k] };
  }
  const w = (t - path.t[a]) / (path.t[i] - path.t[a] || 1);
  return { v: va + w * (vb - va), u: path.u[a] + w * (path.u[i] - path.u[a]) };
}

/** Extent of trace samples [from, to) (null when empty). */
export function traceExtent(tr: Trace, from: number, to: number): Box | null {
  let vMin = Infinity, vMax = -Infinity, uMin = Infinity, uMax = -Infinity;
  const a = Math.max(0, from), b = Math.min(to, tr.length);
  for (let k = a; k < b; k++) {
    const v = tr.v[k], u = tr.u[k];
    if (v < vMin) vMin = v;
    if (v > vMax) vMax = v;
    if (u < uMin) uMin = u;
    if (u > uMax) uMax = u;
  }
  return b > a ? { vMin, vMax, uMin, uMax } : null;
}
