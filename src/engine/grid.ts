// The fixed time grid t_n = origin + n·dt (never accumulated) and how spans [t_start, t_end] map onto it:
// grid steps inside the span, plus a shortened step at each end that is off the grid (a segment boundary
// between grid points splits the step). Times in ms. Boundaries within ~1e-9 step of a grid point count as on it.

/**
 * Position of time t on the grid, in steps: an integer when t lies on a grid point (within rounding),
 * else the fractional position.
 */
export function gridPosition(t: number, origin: number, dt: number): number {
  const x = (t - origin) / dt;
  const n = Math.round(x);
  return Math.abs(x - n) <= 1e-9 + 1e-12 * Math.abs(x) ? n : x;
}

/** How a span [tStart, tEnd] is cut into steps. */
export interface SpanPlan {
  /** A shortened first step tStart → origin + first·dt is needed (tStart is off the grid). */
  headPiece: boolean;
  /** Full grid steps n = first .. last − 1 (from t_n to t_{n+1}). */
  first: number;
  last: number;
  /** A shortened last step origin + last·dt → tEnd is needed. */
  tailPiece: boolean;
  /** The whole span lies strictly between two grid points: one step tStart → tEnd. */
  single: boolean;
}

export function planSpan(tStart: number, tEnd: number, origin: number, dt: number): SpanPlan {
  const ps = gridPosition(tStart, origin, dt);
  const pe = gridPosition(tEnd, origin, dt);
  const first = Math.ceil(ps);
  const last = Math.floor(pe);
  if (first > last) return { headPiece: false, first, last: first, tailPiece: false, single: true };
  return { headPiece: !Number.isInteger(ps), first, last, tailPiece: !Number.isInteger(pe), single: false };
}

/** Number of integration steps (pieces) a span takes. */
export function spanSteps(p: SpanPlan): number {
  if (p.single) return 1;
  return (p.headPiece ? 1 : 0) + (p.last - p.first) + (p.tailPiece ? 1 : 0);
}
