// Unit tests of the min/max display decimation: peaks survive, points stay in time order, window edges are reached,
// short windows pass through, non-uniform time steps and preallocated outputs work.
import { describe, expect, it } from 'vitest';
import { createXYBuffer, decimateCapacity, decimateMinMax, lowerBound, upperBound } from './decimate';

/** A spiky trace on a uniform grid: baseline −65 with a noise-free slow wave, spikes of +30 at given indices. */
function spiky(n: number, dt: number, spikeAt: number[]): { t: Float32Array; y: Float32Array } {
  const t = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = i * dt;
    y[i] = -65 + 5 * Math.sin(i / 500);
  }
  for (const i of spikeAt) { y[i] = 30; y[i + 1] = -65; }
  return { t, y };
}

function isSorted(x: Float32Array, n: number): boolean {
  for (let i = 1; i < n; i++) if (x[i] < x[i - 1]) return false;
  return true;
}

describe('decimateMinMax', () => {
  it('keeps every spike peak and every column minimum, in time order', () => {
    const spikes = [1234, 20001, 20400, 77777, 149990]; // in distinct columns (two peaks within one column show as one)
    const { t, y } = spiky(150001, 0.01, spikes);
    const out = decimateMinMax(t, y, t.length, 0, 1500, 800);
    expect(out.length).toBeLessThanOrEqual(decimateCapacity(800));
    expect(out.length).toBeGreaterThan(800);
    expect(isSorted(out.x, out.length)).toBe(true);
    // each spike sample (t_i, 30) appears in the output
    for (const i of spikes) {
      let found = false;
      for (let k = 0; k < out.length; k++) if (out.x[k] === t[i] && out.y[k] === 30) found = true;
      expect(found, `spike at index ${i}`).toBe(true);
    }
    // the global extremes are preserved
    let mn = Infinity;
    for (let i = 0; i < t.length; i++) mn = Math.min(mn, y[i]);
    expect(out.yMin).toBe(mn);
    expect(out.yMax).toBe(30);
    // per column: output min/max equal the true min/max of the samples in that column
    const cols = 800;
    const trueMax = new Float64Array(cols).fill(-Infinity);
    const trueMin = new Float64Array(cols).fill(Infinity);
    const outMax = new Float64Array(cols).fill(-Infinity);
    const outMin = new Float64Array(cols).fill(Infinity);
    const col = (x: number) => Math.min(cols - 1, Math.floor(x * (cols / 1500))); // same column rule as the code
    for (let i = 0; i < t.length; i++) { const c = col(t[i]); trueMax[c] = Math.max(trueMax[c], y[i]); trueMin[c] = Math.min(trueMin[c], y[i]); }
    for (let k = 0; k < out.length; k++) { const c = col(out.x[k]); outMax[c] = Math.max(outMax[c], out.y[k]); outMin[c] = Math.min(outMin[c], out.y[k]); }
    expect(Array.from(outMax)).toEqual(Array.from(trueMax));
    expect(Array.from(outMin)).toEqual(Array.from(trueMin));
  });

  it('includes the nearest sample just outside each window edge so the line reaches the edges', () => {
    const { t, y } = spiky(10001, 0.1, [5000]);
    const out = decimateMinMax(t, y, t.length, 200.05, 700.05, 100);
    expect(out.x[0]).toBeCloseTo(200.0, 4); // last sample before t0
    expect(out.x[1]).toBeGreaterThanOrEqual(200.05 - 1e-4);
    expect(out.x[out.length - 1]).toBeCloseTo(700.1, 4); // first sample after t1
    expect(out.x[out.length - 2]).toBeLessThanOrEqual(700.05 + 1e-4);
    expect(isSorted(out.x, out.length)).toBe(true);
    // spike at index 5000 (t = 500) is inside the window and survives
    let found = false;
    for (let k = 0; k < out.length; k++) if (out.y[k] === 30) found = true;
    expect(found).toBe(true);
  });

  it('does not add outside samples at the ends of the data', () => {
    const { t, y } = spiky(5001, 1, []);
    const out = decimateMinMax(t, y, t.length, 0, 5000, 10);
    expect(out.x[0]).toBe(0);
    expect(out.x[out.length - 1]).toBe(5000);
  });

  it('passes short windows through unchanged (fewer samples than columns), with edge samples', () => {
    const { t, y } = spiky(1000, 1, [500]);
    const out = decimateMinMax(t, y, t.length, 480.5, 520.5, 400);
    // samples 481..520 inside, plus 480 and 521 outside
    expect(out.length).toBe(42);
    for (let k = 0; k < out.length; k++) {
      expect(out.x[k]).toBe(t[480 + k]);
      expect(out.y[k]).toBe(y[480 + k]);
    }
  });

  it('handles non-uniform time steps (as around located spikes)', () => {
    const ts: number[] = [];
    const ys: number[] = [];
    let x = 0;
    for (let i = 0; i < 20000; i++) {
      x += i % 7 === 0 ? 0.001 : 0.05; // irregular spacing
      ts.push(x);
      ys.push(i === 12345 ? 30 : i === 12346 ? -70 : Math.cos(i / 100));
    }
    const t = Float32Array.from(ts);
    const y = Float32Array.from(ys);
    const out = decimateMinMax(t, y, t.length, t[0], t[t.length - 1], 300);
    expect(isSorted(out.x, out.length)).toBe(true);
    expect(out.length).toBeLessThanOrEqual(decimateCapacity(300));
    expect(out.yMax).toBe(30);
    expect(out.yMin).toBeCloseTo(-70, 5);
    const k = Array.from(out.y.subarray(0, out.length)).indexOf(30);
    expect(out.x[k]).toBe(t[12345]);
    expect(out.y[k + 1]).toBeCloseTo(-70, 5); // the reset right after the peak, same column, later in time
  });

  it('uses only the first `length` samples and writes into a preallocated buffer', () => {
    const { t, y } = spiky(3000, 1, [100, 2500]);
    const buf = createXYBuffer(50);
    const x0 = buf.x;
    const out = decimateMinMax(t, y, 2000, 0, 3000, 50, buf);
    expect(out).toBe(buf);
    expect(out.x).toBe(x0);
    expect(out.yMax).toBe(30); // spike at 100 inside, spike at 2500 beyond length
    expect(out.x[out.length - 1]).toBe(1999);
    const again = decimateMinMax(t, y, 3000, 2400, 2600, 50, buf);
    expect(again.yMax).toBe(30);
    expect(again.x[0]).toBe(2399);
  });

  it('rejects an output buffer that is too small, and returns nothing for empty input or windows', () => {
    const { t, y } = spiky(100, 1, []);
    expect(() => decimateMinMax(t, y, 100, 0, 100, 50, createXYBuffer(10))).toThrow(RangeError);
    expect(decimateMinMax(t, y, 0, 0, 100, 10).length).toBe(0);
    const beyond = decimateMinMax(t, y, 100, 500, 600, 10);
    expect(beyond.length).toBe(1); // only the last sample, before the window, so the line reaches its left edge
    expect(Number.isNaN(beyond.yMin)).toBe(true);
  });
});

describe('lowerBound / upperBound', () => {
  it('find the window bounds in sorted times', () => {
    const t = Float32Array.from([0, 1, 1, 2, 3]);
    expect(lowerBound(t, 5, 1)).toBe(1);
    expect(upperBound(t, 5, 1)).toBe(3);
    expect(lowerBound(t, 5, -1)).toBe(0);
    expect(upperBound(t, 5, 10)).toBe(5);
  });
});
