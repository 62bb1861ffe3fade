// Min/max decimation of a full-resolution trace for display (as plotly-resampler does): for each pixel column of a
// time window [t0, t1] it keeps the smallest and the largest sample, in time order, so every spike peak survives.
// One pass over the samples of the window (each touched once), output into caller-owned or fresh Float32Arrays.

/** x/y pairs, `length` valid entries; `yMin`/`yMax` are the extremes of the kept samples inside the window. */
export interface XYBuffer {
  x: Float32Array;
  y: Float32Array;
  length: number;
  yMin: number;
  yMax: number;
}

/** Largest number of points `decimateMinMax` writes for `columns` columns (2 per column, plus one sample beyond each edge). */
export function decimateCapacity(columns: number): number {
  return 2 * Math.max(1, Math.floor(columns)) + 2;
}

/** A buffer able to hold the decimation of any window into `columns` columns. */
export function createXYBuffer(columns: number): XYBuffer {
  const n = decimateCapacity(columns);
  return { x: new Float32Array(n), y: new Float32Array(n), length: 0, yMin: NaN, yMax: NaN };
}

/** First index i in [0, length) with t[i] >= value (length if none); t sorted ascending. */
export function lowerBound(t: ArrayLike<number>, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i in [0, length) with t[i] > value (length if none); t sorted ascending. */
export function upperBound(t: ArrayLike<number>, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Reduces samples (t[i], y[i]), i < length, t ascending (non-uniform spacing allowed), to at most 2 points per
 * column of the window [t0, t1] divided into `columns` equal columns: the minimum and the maximum of each column,
 * in time order (one point when they coincide). The nearest sample just outside each edge is kept too, so the line
 * reaches the window's edges. A window holding no more than 2·columns samples is passed through unchanged.
 * Writes into `out` when given (capacity must be ≥ decimateCapacity(columns)), else into a new buffer.
 */
export function decimateMinMax(
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  length: number,
  t0: number,
  t1: number,
  columns: number,
  out?: XYBuffer,
): XYBuffer {
  const cols = Math.max(1, Math.floor(columns));
  const buf = out ?? createXYBuffer(cols);
  if (buf.x.length < decimateCapacity(cols) || buf.y.length < decimateCapacity(cols)) {
    throw new RangeError(`decimateMinMax: output holds ${Math.min(buf.x.length, buf.y.length)} points, ${decimateCapacity(cols)} needed for ${cols} columns`);
  }
  const ox = buf.x;
  const oy = buf.y;
  let n = 0;
  let yMin = Infinity;
  let yMax = -Infinity;
  buf.length = 0;
  buf.yMin = NaN;
  buf.yMax = NaN;
  if (length <= 0) return buf;

  const lo = lowerBound(t, length, t0); // first sample inside
  const hi = upperBound(t, length, t1); // one past the last sample inside
  const start = lo > 0 ? lo - 1 : 0; // include one sample before the window
  const end = hi < length ? hi + 1 : length; // and one after

  if (hi - lo <= 2 * cols) {
    for (let i = start; i < end; i++) {
      ox[n] = t[i];
      const yi = y[i];
      oy[n] = yi;
      n++;
      if (i >= lo && i < hi) {
        if (yi < yMin) yMin = yi;
        if (yi > yMax) yMax = yi;
      }
    }
  } else {
    if (start < lo) { ox[n] = t[start]; oy[n] = y[start]; n++; }
    const span = t1 - t0;
    const width = span > 0 ? span / cols : Infinity;
    const lastCol = cols - 1;
    // Walk the samples once; a column ends when t reaches the next column boundary (t sorted: no division per sample).
    let i = lo;
    let prevCol = -1;
    while (i < hi) {
      const ti = t[i];
      // Columns strictly increase (guards against rounding at boundaries): at most `cols` columns are written.
      let col = Math.floor((ti - t0) / width);
      if (col <= prevCol) col = prevCol + 1;
      if (col > lastCol) col = lastCol;
      prevCol = col;
      const next = col >= lastCol ? Infinity : t0 + (col + 1) * width;
      let iMin = i;
      let iMax = i;
      let vMin = y[i];
      let vMax = vMin;
      i++;
      while (i < hi && t[i] < next) {
        const yi = y[i];
        if (yi < vMin) { vMin = yi; iMin = i; } else if (yi > vMax) { vMax = yi; iMax = i; }
        i++;
      }
      if (vMin < yMin) yMin = vMin;
      if (vMax > yMax) yMax = vMax;
      const a = iMin < iMax ? iMin : iMax;
      const b = iMin < iMax ? iMax : iMin;
      ox[n] = t[a]; oy[n] = y[a]; n++;
      if (b !== a) { ox[n] = t[b]; oy[n] = y[b]; n++; }
    }
    if (end > hi) { ox[n] = t[hi]; oy[n] = y[hi]; n++; }
  }
  buf.length = n;
  if (yMin <= yMax) { buf.yMin = yMin; buf.yMax = yMax; }
  return buf;
}

/** Exact-length copies of a buffer's valid points (fresh ArrayBuffers, suitable for a transfer list). */
export function sliceXY(buf: XYBuffer): XYBuffer {
  return { x: buf.x.slice(0, buf.length), y: buf.y.slice(0, buf.length), length: buf.length, yMin: buf.yMin, yMax: buf.yMax };
}
