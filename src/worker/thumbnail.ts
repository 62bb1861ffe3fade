// Gallery thumbnails, computed off the main thread (gallery.worker.ts) and testable in Node: simulate an experiment
// with its own (author's) scheme, reduce v(t) to min/max per column (engine/decimate.ts), and turn v(t) and the
// exact piecewise-linear I(t) into SVG path strings in a fixed viewBox: v above (fixed mV scale), a thin I trace below.

import { EXPERIMENTS, getExperiment } from '../model/experiments';
import { sessionDuration, type Session } from '../model/session';
import { decimateMinMax } from '../engine/decimate';
import type { RunStatus } from '../engine/types';
import { currentTrace, type SimulateFn } from './core';

/** Geometry of a thumbnail's viewBox (user units = columns of the v trace). */
export interface ThumbGeometry {
  /** Width of the viewBox and number of decimation columns. */
  columns: number;
  /** Height of the v panel. */
  vHeight: number;
  /** Gap between the v panel and the I trace. */
  gap: number;
  /** Height of the I trace's band. */
  iHeight: number;
}

export const DEFAULT_THUMB_GEOMETRY: ThumbGeometry = { columns: 240, vHeight: 84, gap: 6, iHeight: 14 };

/** The v scale of every thumbnail (same for all, as in the published figure), widened only if the data leave it. */
export const THUMB_V_RANGE: [number, number] = [-85, 32];
/** The widest v scale (a diverging run is drawn clipped to it rather than flattened). */
export const THUMB_V_LIMIT: [number, number] = [-150, 100];

export interface Thumbnail {
  id: string;
  /** viewBox width and height. */
  width: number;
  height: number;
  /** SVG path data of v(t) in the top panel (`vHeight` tall). */
  vPath: string;
  /** SVG path data of I(t) in the band below. */
  iPath: string;
  /** y of the band's I = 0 line when 0 lies within the I range drawn, else null. */
  iZeroY: number | null;
  /** v range drawn (mV), and I range drawn (mV/ms). */
  vRange: [number, number];
  iRange: [number, number];
  /** A time scale bar: its length in ms and in viewBox units. */
  scaleBar: { ms: number; width: number };
  duration: number;
  spikeCount: number;
  status: RunStatus['kind'];
  /** Points in the v path. */
  points: number;
  /** Time spent simulating and drawing, ms. */
  computeMs: number;
}

const now: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

/** A round scale-bar length (1, 2, 5 × 10^k ms) of about a fifth of the duration. */
export function scaleBarMs(duration: number): number {
  if (!(duration > 0)) return 1;
  const target = duration / 5;
  const p = Math.pow(10, Math.floor(Math.log10(target)));
  for (const m of [5, 2, 1]) if (m * p <= target) return m * p;
  return p;
}

/** Coordinates rounded to 0.01 unit: short path strings, far below a pixel. */
function r2(x: number): string {
  const r = Math.round(x * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/** "M x y L x y …" through the points (x[i], y[i]), i < n, mapped by the two linear maps. */
export function pathData(
  x: ArrayLike<number>, y: ArrayLike<number>, n: number, mx: (t: number) => number, my: (v: number) => number,
): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`${i === 0 ? 'M' : 'L'}${r2(mx(x[i]))} ${r2(my(y[i]))}`);
  return parts.join('');
}

/**
 * Simulates `session` (its own stepper and dt) and draws it into the geometry. The id is only carried along.
 * Throws when the simulation throws (the worker turns that into an error reply).
 */
export function sessionThumbnail(id: string, session: Session, simulate: SimulateFn, g: ThumbGeometry = DEFAULT_THUMB_GEOMETRY): Thumbnail {
  const t0 = now();
  const cols = Math.max(10, Math.floor(g.columns));
  const duration = sessionDuration(session);
  const result = simulate(session, { record: true });
  const width = cols;
  const height = g.vHeight + g.gap + g.iHeight;
  const mx = (t: number) => (Math.min(Math.max(t, 0), duration) / duration) * width;

  let vPath = '';
  let points = 0;
  let vRange: [number, number] = [...THUMB_V_RANGE];
  const tr = result.trace;
  if (tr && tr.length > 0) {
    const buf = decimateMinMax(tr.t, tr.v, tr.length, 0, duration, cols);
    if (Number.isFinite(buf.yMin) && Number.isFinite(buf.yMax)) {
      vRange = [
        Math.max(THUMB_V_LIMIT[0], Math.min(THUMB_V_RANGE[0], Math.floor(buf.yMin))),
        Math.min(THUMB_V_LIMIT[1], Math.max(THUMB_V_RANGE[1], Math.ceil(buf.yMax))),
      ];
    }
    // 1 unit of margin at top and bottom so a spike's peak line is not clipped; values beyond the range are clipped.
    const vy = (v: number) => {
      const c = Number.isFinite(v) ? Math.min(vRange[1], Math.max(vRange[0], v)) : v > 0 ? vRange[1] : vRange[0];
      return 1 + (1 - (c - vRange[0]) / (vRange[1] - vRange[0])) * (g.vHeight - 2);
    };
    vPath = pathData(buf.x, buf.y, buf.length, mx, vy);
    points = buf.length;
  }

  const I = currentTrace(session);
  let iRange: [number, number] = [I.yMin, I.yMax];
  if (!(iRange[1] > iRange[0])) iRange = [iRange[0] - 1, iRange[0] + 1]; // a constant current: a flat line mid-band
  const top = g.vHeight + g.gap;
  const iy = (v: number) => top + (1 - (v - iRange[0]) / (iRange[1] - iRange[0])) * g.iHeight;
  const iPath = pathData(I.x, I.y, I.length, mx, iy);
  const iZeroY = iRange[0] < 0 && iRange[1] > 0 ? Number(r2(iy(0))) : null;

  const sb = scaleBarMs(duration);
  return {
    id,
    width,
    height,
    vPath,
    iPath,
    iZeroY,
    vRange,
    iRange,
    scaleBar: { ms: sb, width: Number(r2((sb / duration) * width)) },
    duration,
    spikeCount: result.spikes.length,
    status: result.status.kind,
    points,
    computeMs: now() - t0,
  };
}

/** Thumbnail of the experiment `id` with its author's scheme; throws for an unknown id. */
export function experimentThumbnail(id: string, simulate: SimulateFn, g: ThumbGeometry = DEFAULT_THUMB_GEOMETRY): Thumbnail {
  const e = getExperiment(id);
  if (!e) throw new RangeError(`unknown experiment "${id}"; known: ${EXPERIMENTS.map((x) => x.id).join(', ')}`);
  return sessionThumbnail(id, e.session, simulate, g);
}
