// The gallery's 2007-form cells (experiments2007.ts) show their named behaviour with the book's scheme (their
// session) and under accurate integration (rk4, exact spikes, dt 0.01 ms, as the gallery's accurate mode sets it);
// FS's note (the Euler scheme jitters its intervals) holds. Spike times from simulate; ms, pA.

import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { EXPERIMENTS_2007 } from '../model/experiments2007';
import { accurateIntegration } from '../state/experimentLink';
import type { Experiment } from '../model/experiment';

const isis = (sp: number[]) => sp.slice(1).map((t, i) => t - sp[i]);
const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;

function spikes(e: Experiment, scheme: 'book' | 'accurate'): number[] {
  const s = scheme === 'book' ? e.session : { ...e.session, integration: accurateIntegration(e) };
  const r = simulate(s, { record: false });
  expect(r.status.kind).toBe('ok');
  return Array.from(r.spikes);
}

/** What each cell must show; returns the criteria it fails. */
const BEHAVIOUR: Record<string, (sp: number[], onset: number) => string[]> = {
  rs_2007: (sp, on) => {
    const d = isis(sp), f: string[] = [];
    if (sp[0] < on) f.push('silent at rest');
    if (!(d.length > 20 && d.every((x, i) => i === 0 || x >= 0.99 * d[i - 1]))) f.push(`adapting intervals (${d.slice(0, 6)})`);
    if (!(d[d.length - 1] > 1.3 * d[0])) f.push('last interval > 1.3× the first');
    return f;
  },
  ib_2007: (sp) => {
    const d = isis(sp), tonic = d.slice(3);
    return Math.max(d[0], d[1]) < 0.35 * Math.min(...tonic) && Math.max(...tonic) / Math.min(...tonic) < 1.15 && tonic.length > 5
      ? [] : [`a burst of three, then regular single spikes (${d.slice(0, 6)})`];
  },
  ch_2007: (sp) => {
    const d = isis(sp), short = d.filter((x) => x < 10), long = d.filter((x) => x >= 10);
    return long.length >= 10 && short.length >= long.length && Math.min(...long) > 5 * Math.max(...short) ? [] : [`repetitive bursts (${d.slice(0, 8)})`];
  },
  lts_2007: (sp) => {
    const d = isis(sp);
    return d.length > 10 && d[d.length - 1] > 1.5 * d[0] ? [] : [`adapting spikes (${d.slice(0, 6)})`];
  },
  fs_2007: (sp) => {
    const d = isis(sp);
    // Fast (≥ 55 Hz on average) and without adaptation: the late intervals are no longer than the early ones.
    return 1000 / mean(d) >= 55 && mean(d.slice(-5)) < 1.1 * mean(d.slice(1, 6)) ? [] : [`fast, no adaptation (${d.slice(0, 8)})`];
  },
  tc_2007: (sp) => {
    const d = isis(sp);
    return d.length > 20 && Math.min(...d) > 20 ? [] : [`tonic single spikes (${d.slice(0, 6)})`];
  },
  tc_burst_2007: (sp, on) => {
    const d = isis(sp);
    return sp.length >= 5 && sp[0] > on && sp[sp.length - 1] - sp[0] < 150 && d[0] < 6 ? [] : [`one rebound burst after release (${sp.map((t) => t.toFixed(1))})`];
  },
  rtn_2007: (sp) => {
    const d = isis(sp);
    return d.length > 5 && d[0] < 0.5 * d[1] && Math.max(...d.slice(1)) / Math.min(...d.slice(1)) < 1.05 ? [] : [`a short first interval, then tonic (${d.slice(0, 6)})`];
  },
};

describe('the book\u2019s cells in the gallery', () => {
  it('has a behaviour for each', () => {
    expect(Object.keys(BEHAVIOUR).sort()).toEqual(EXPERIMENTS_2007.map((e) => e.id).sort());
  });
  for (const e of EXPERIMENTS_2007) {
    for (const scheme of ['book', 'accurate'] as const) {
      it(`${e.id}: ${e.name} (${scheme === 'book' ? 'the book\u2019s Euler scheme' : 'accurate mode'})`, () => {
        const onset = e.session.protocol[0].until;
        expect(BEHAVIOUR[e.id](spikes(e, scheme), onset)).toEqual([]);
      });
    }
  }

  it('FS: regular under accurate integration (12.3 ms), jittering under the book\u2019s scheme (14.6–17.2 ms), as its note says', () => {
    const e = EXPERIMENTS_2007.find((x) => x.id === 'fs_2007')!;
    const acc = isis(spikes(e, 'accurate')).slice(1), book = isis(spikes(e, 'book')).slice(1);
    expect(Math.max(...acc) - Math.min(...acc)).toBeLessThan(0.05);
    expect(mean(acc)).toBeCloseTo(12.3, 1);
    expect(Math.min(...book)).toBeCloseTo(14.6, 1);
    expect(Math.max(...book)).toBeCloseTo(17.2, 1);
    expect(e.accurateIntegrationNote).toMatch(/12\.3 ms.*14\.6 and 17\.2 ms/);
    // The other cells keep their behaviour: no note.
    expect(EXPERIMENTS_2007.filter((x) => x.accurateIntegrationNote).map((x) => x.id)).toEqual(['fs_2007']);
  });
});
