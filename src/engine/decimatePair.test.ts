// decimatePairMinMax gives exactly what decimateMinMax gives for v and for u separately: on the engine's reference
// run (spike samples between grid times), in zoomed windows, in pass-through windows and with one column.
import { describe, expect, it } from 'vitest';
import { createXYBuffer, decimateMinMax, type XYBuffer } from './decimate';
import { simulate } from '../engine/simulate';
import { parseSession } from '../model/schema';
import reference from '../model/sessions/reference.json';
import { PairMemo, decimatePairMinMax } from './decimatePair';
import type { Session } from '../model/session';

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

describe('decimatePairMinMax with a memo (trace sharing a prefix with the previous one)', () => {
  const parsed = parseSession(reference);
  if (!parsed.ok) throw new Error('reference session invalid');
  const base = parsed.session;
  const prevRun = simulate(base);
  const withI = (seg: number, I: number): Session =>
    ({ ...base, protocol: base.protocol.map((p, j) => (j === seg ? { ...p, assign: { ...p.assign, I } } : p)) });

  const windows: Array<[number, number, number]> = [
    [0, 1500, 900], [0, 1500, 1], [0, 1500, 2000], [250, 950, 640], [0, 620, 300], [1000, 1003, 900], [700, 1300, 37], [0, 1500, 60000],
  ];
  for (const seg of [1, 2, 4]) {
    for (const [t0, t1, cols] of windows) {
      it(`edit of segment ${seg + 1}, window [${t0}, ${t1}] in ${cols} columns: same output as a full reduction`, () => {
        const next = simulate(withI(seg, 12.5), { resume: { session: base, result: prevRun } });
        expect(next.resumedFrom).toBe(seg);
        const shared = next.checkpoints![seg].length;
        const a = prevRun.trace!, b = next.trace!;
        const v = createXYBuffer(cols), u = createXYBuffer(cols), memo = new PairMemo();
        decimatePairMinMax(a.t, a.v, a.u, a.length, t0, t1, cols, v, u, memo);
        decimatePairMinMax(b.t, b.v, b.u, b.length, t0, t1, cols, v, u, memo, shared);
        const vRef = createXYBuffer(cols), uRef = createXYBuffer(cols);
        decimatePairMinMax(b.t, b.v, b.u, b.length, t0, t1, cols, vRef, uRef);
        expect(valid(v)).toEqual(valid(vRef));
        expect(valid(u)).toEqual(valid(uRef));
        // Columns are kept exactly when the window reaches past the shared prefix's start and is reduced (not passed through).
        const tShared = b.t[shared - 1];
        const reduced = b.length > 2 * cols && t1 - t0 > 2 * cols * 0.01;
        if (reduced && t0 < tShared - 2 * (t1 - t0) / cols) expect(memo.reused).toBeGreaterThan(0);
        if (t0 >= tShared) expect(memo.reused).toBe(0);
        // The memo now describes the new reduction: reducing an unchanged trace again keeps all but the last column.
        decimatePairMinMax(b.t, b.v, b.u, b.length, t0, t1, cols, v, u, memo, b.length);
        expect(valid(v)).toEqual(valid(vRef));
        expect(valid(u)).toEqual(valid(uRef));
      });
    }
  }

  it('is not used for other buffers, another window or without a shared prefix', () => {
    const next = simulate(withI(4, 3), { resume: { session: base, result: prevRun } });
    const a = prevRun.trace!, b = next.trace!;
    const shared = next.checkpoints![4].length;
    const v = createXYBuffer(900), u = createXYBuffer(900), memo = new PairMemo();
    decimatePairMinMax(a.t, a.v, a.u, a.length, 0, 1500, 900, v, u, memo);
    decimatePairMinMax(b.t, b.v, b.u, b.length, 0, 1500, 900, createXYBuffer(900), u, memo, shared);
    expect(memo.reused).toBe(0);
    decimatePairMinMax(a.t, a.v, a.u, a.length, 0, 1500, 900, v, u, memo);
    decimatePairMinMax(b.t, b.v, b.u, b.length, 0, 1499, 900, v, u, memo, shared);
    expect(memo.reused).toBe(0);
    decimatePairMinMax(a.t, a.v, a.u, a.length, 0, 1500, 900, v, u, memo);
    decimatePairMinMax(b.t, b.v, b.u, b.length, 0, 1500, 900, v, u, memo, 0);
    expect(memo.reused).toBe(0);
    decimatePairMinMax(a.t, a.v, a.u, a.length, 0, 1500, 900, v, u, memo);
    decimatePairMinMax(b.t, b.v, b.u, b.length, 0, 1500, 900, v, u, memo, shared);
    expect(memo.reused).toBeGreaterThan(700); // the first 1200 of 1500 ms
  });
});
