// Tests of the spike markers' reduction: only spikes inside the window, at most one marker per pixel column (with the
// count it stands for), each at the v_th in force at its time.
import { describe, expect, it } from 'vitest';
import { defaultSession } from '../model/session';
import { spikeMarks } from './spikeMarks';

describe('spikeMarks', () => {
  const s = defaultSession();
  s.protocol = [{ until: 100 }, { until: 200, assign: { v_th: 20 } }];

  it('one marker per spike when they are columns apart, at the segment’s v_th', () => {
    const m = spikeMarks([10, 50, 150], s, [0, 200], 200);
    expect(Array.from(m.x)).toEqual([10, 50, 150]);
    expect(Array.from(m.y)).toEqual([s.params.v_th, s.params.v_th, 20]);
    expect(m.text[0]).toBe('spike at 10.00 ms');
    expect(m.inWindow).toBe(3);
  });

  it('merges spikes of one pixel column into one marker that says how many', () => {
    const m = spikeMarks([10, 10.2, 10.4, 90], s, [0, 200], 100); // 2 ms per column
    expect(Array.from(m.x)).toEqual([10, 90]);
    expect(m.text[0]).toBe('3 spikes, 10.00–10.40 ms');
    expect(m.inWindow).toBe(4);
  });

  it('leaves out spikes outside the window', () => {
    const m = spikeMarks([10, 50, 150], s, [40, 160], 500);
    expect(Array.from(m.x)).toEqual([50, 150]);
    expect(spikeMarks([10], s, [5, 5], 10).x.length).toBe(0);
  });
});
