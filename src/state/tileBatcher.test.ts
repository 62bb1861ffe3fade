// The tile batcher: tiles of the first level at once, then at most one commit per interval with every tile that
// arrived meanwhile, in order; flush commits what is pending; reset drops it.

import { describe, expect, it } from 'vitest';
import { tileBatcher } from './tileBatcher';

function clock() {
  let t = 0;
  const due: { at: number; f: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => t,
    timers: {
      set: (f: () => void, ms: number) => { const id = ++ids; due.push({ at: t + ms, f, id }); return id; },
      clear: (id: unknown) => { const k = due.findIndex((d) => d.id === id); if (k >= 0) due.splice(k, 1); },
    },
    advance(ms: number) {
      t += ms;
      for (;;) {
        const k = due.findIndex((d) => d.at <= t);
        if (k < 0) break;
        const [d] = due.splice(k, 1);
        d.f();
      }
    },
    get pending() { return due.length; },
  };
}

describe('tileBatcher', () => {
  it('commits the first level at once, then batches tiles per interval, in order', () => {
    const c = clock();
    const commits: number[][] = [];
    const b = tileBatcher<number>((t) => commits.push(t), 100, c.now, c.timers);
    b.push(1, false); b.push(2, false);
    expect(commits).toEqual([[1], [2]]);
    c.advance(30);
    b.push(3, true); // 30 ms after the last commit: waits
    c.advance(20);
    b.push(4, true);
    expect(commits).toEqual([[1], [2]]);
    c.advance(50); // 100 ms after the last commit
    expect(commits).toEqual([[1], [2], [3, 4]]);
    c.advance(500);
    b.push(5, true); // long after: at once
    expect(commits).toEqual([[1], [2], [3, 4], [5]]);
    b.push(6, true);
    b.flush(); // the map ended: no waiting
    expect(commits).toEqual([[1], [2], [3, 4], [5], [6]]);
    expect(c.pending).toBe(0);
  });

  it('reset drops pending tiles and the wait (a new map paints its first tile at once)', () => {
    const c = clock();
    const commits: string[][] = [];
    const b = tileBatcher<string>((t) => commits.push(t), 100, c.now, c.timers);
    b.push('old1', true);
    b.push('old2', true);
    b.reset();
    c.advance(200);
    expect(commits).toEqual([['old1']]);
    b.push('new1', false);
    expect(commits).toEqual([['old1'], ['new1']]);
    b.flush();
    expect(commits).toEqual([['old1'], ['new1']]);
  });
});
