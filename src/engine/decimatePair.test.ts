// decimatePairMinMax gives exactly what decimateMinMax gives for v and for u separately: on the engine's reference
// run (spike samples between grid times), in zoomed windows, in pass-through windows and with one column.
import { describe, expect, it } from 'vitest';
import { createXYBuffer, decimateMinMax, type XYBuffer } from './decimate';
import { simulate } from '../engine/simulate';
import { parseSession } from '../model/schema';
import reference from '../model/sessions/reference.json';
import { decimatePairMinMax } from './decimatePair';

function valid(b: XYBuffer) {
  return { x: Array.from(b.x.subarray(0, b.length)), y: Array.from(b.y.subarray(0, b.length)), yMin: b.yMin, yMax: b.yMax };
}

describe('decimatePairMinMax', () => {
  const parsed = parseSession(reference);
  if (!parsed.ok) throw new Error('reference session invalid');
  const tr = simulate(parsed.session).trace!;

  const cases: Array<[number, number, number]> = [
    [0, 1500, 900], [0, 1500, 1], [0, 1500, 7], [123.456, 789.01, 640], [1000, 1003, 900], [1499.99, 1500, 50], [-10, 20, 333],
  ];
  for (const [t0, t1, cols] of cases) {
    it(`matches decimateMinMax for v and u on [${t0}, ${t1}] in ${cols} columns`, () => {
      const v = createXYBuffer(cols), u = createXYBuffer(cols);
      decimatePairMinMax(tr.t, tr.v, tr.u, tr.length, t0, t1, cols, v, u);
      const vRef = decimateMinMax(tr.t, tr.v, tr.length, t0, t1, cols);
      const uRef = decimateMinMax(tr.t, tr.u, tr.length, t0, t1, cols);
      expect(v.length).toBeGreaterThan(0);
      expect(valid(v)).toEqual(valid(vRef));
      expect(valid(u)).toEqual(valid(uRef));
    });
  }

  it('handles an empty trace and refuses a too small output', () => {
    const v = createXYBuffer(10), u = createXYBuffer(10);
    decimatePairMinMax(new Float32Array(0), new Float32Array(0), new Float32Array(0), 0, 0, 1, 10, v, u);
    expect(v.length).toBe(0);
    expect(Number.isNaN(u.yMin)).toBe(true);
    expect(() => decimatePairMinMax(tr.t, tr.v, tr.u, tr.length, 0, 1500, 100, createXYBuffer(10), u)).toThrow(/needed for 100 columns/);
  });
});
