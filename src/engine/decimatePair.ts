// Min/max display decimation of v and u together (the worker's hot path after every run; pure, so it lives with the engine): the same column rule and
// output as engine/decimate.ts's decimateMinMax applied to each trace, but the column boundaries are found once on t
// by binary search and each column's min/max is a tight loop over v and over u (t is not re-read per sample).

import { decimateCapacity, lowerBound, upperBound, type XYBuffer } from './decimate';

/** First index in [lo, hi) with t[i] >= value (hi if none); t sorted ascending. */
function firstAtOrAfter(t: Float32Array, lo: number, hi: number, value: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Reduces (t, v) into outV and (t, u) into outU exactly as decimateMinMax(t, v, …) and decimateMinMax(t, u, …) would:
 * per column of [t0, t1] the minimum and the maximum in time order (one point when they coincide), plus the nearest
 * sample beyond each edge; a window of at most 2·columns samples passes through. Outputs need decimateCapacity(columns).
 */
export function decimatePairMinMax(
  t: Float32Array,
  v: Float32Array,
  u: Float32Array,
  length: number,
  t0: number,
  t1: number,
  columns: number,
  outV: XYBuffer,
  outU: XYBuffer,
): void {
  const cols = Math.max(1, Math.floor(columns));
  const cap = decimateCapacity(cols);
  for (const b of [outV, outU]) {
    if (b.x.length < cap || b.y.length < cap) {
      throw new RangeError(`decimatePairMinMax: output holds ${Math.min(b.x.length, b.y.length)} points, ${cap} needed for ${cols} columns`);
    }
    b.length = 0; b.yMin = NaN; b.yMax = NaN;
  }
  if (length <= 0) return;
  const vx = outV.x, vy = outV.y, ux = outU.x, uy = outU.y;
  let nv = 0, nu = 0;
  let vLo = Infinity, vHi = -Infinity, uLo = Infinity, uHi = -Infinity;

  const lo = lowerBound(t, length, t0);
  const hi = upperBound(t, length, t1);
  const start = lo > 0 ? lo - 1 : 0;
  const end = hi < length ? hi + 1 : length;

  if (hi - lo <= 2 * cols) {
    for (let i = start; i < end; i++) {
      const ti = t[i], a = v[i], b = u[i];
      vx[nv] = ti; vy[nv] = a; ux[nv] = ti; uy[nv] = b; nv++;
      if (i >= lo && i < hi) {
        if (a < vLo) vLo = a;
        if (a > vHi) vHi = a;
        if (b < uLo) uLo = b;
        if (b > uHi) uHi = b;
      }
    }
    nu = nv;
  } else {
    if (start < lo) {
      vx[nv] = t[start]; vy[nv++] = v[start];
      ux[nu] = t[start]; uy[nu++] = u[start];
    }
    const span = t1 - t0;
    const width = span > 0 ? span / cols : Infinity;
    const lastCol = cols - 1;
    let i = lo;
    let prevCol = -1;
    while (i < hi) {
      // The column of sample i and its end, by the rule of decimateMinMax (columns strictly increase).
      let col = Math.floor((t[i] - t0) / width);
      if (col <= prevCol) col = prevCol + 1;
      if (col > lastCol) col = lastCol;
      prevCol = col;
      const j = col >= lastCol ? hi : firstAtOrAfter(t, i + 1, hi, t0 + (col + 1) * width);

      let iMin = i, iMax = i, mn = v[i], mx = mn;
      for (let k = i + 1; k < j; k++) {
        const y = v[k];
        if (y < mn) { mn = y; iMin = k; } else if (y > mx) { mx = y; iMax = k; }
      }
      if (mn < vLo) vLo = mn;
      if (mx > vHi) vHi = mx;
      let a = iMin < iMax ? iMin : iMax, b = iMin < iMax ? iMax : iMin;
      vx[nv] = t[a]; vy[nv++] = v[a];
      if (b !== a) { vx[nv] = t[b]; vy[nv++] = v[b]; }

      iMin = i; iMax = i; mn = u[i]; mx = mn;
      for (let k = i + 1; k < j; k++) {
        const y = u[k];
        if (y < mn) { mn = y; iMin = k; } else if (y > mx) { mx = y; iMax = k; }
      }
      if (mn < uLo) uLo = mn;
      if (mx > uHi) uHi = mx;
      a = iMin < iMax ? iMin : iMax; b = iMin < iMax ? iMax : iMin;
      ux[nu] = t[a]; uy[nu++] = u[a];
      if (b !== a) { ux[nu] = t[b]; uy[nu++] = u[b]; }

      i = j;
    }
    if (end > hi) {
      vx[nv] = t[hi]; vy[nv++] = v[hi];
      ux[nu] = t[hi]; uy[nu++] = u[hi];
    }
  }
  outV.length = nv;
  outU.length = nu;
  if (vLo <= vHi) { outV.yMin = vLo; outV.yMax = vHi; }
  if (uLo <= uHi) { outU.yMin = uLo; outU.yMax = uHi; }
}
