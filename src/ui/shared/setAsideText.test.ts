// Tests of the set-aside list's texts: relative times and their edges, unreadable times, origin and size.
import { describe, expect, it } from 'vitest';
import { getExperiment } from '../../model/experiments';
import { referenceSession } from '../../state/persistence';
import { localTime, setAsideOrigin, setAsideSize, setAsideWhen } from './setAsideText';

const now = new Date('2025-03-04T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();

describe('set-aside texts', () => {
  it('says when, relative within a day, else the local date and time', () => {
    expect(setAsideWhen(ago(0), now)).toBe('just now');
    expect(setAsideWhen(ago(44), now)).toBe('just now');
    expect(setAsideWhen(ago(50), now)).toBe('1 min ago');
    expect(setAsideWhen(ago(5 * 60 + 10), now)).toBe('5 min ago');
    expect(setAsideWhen(ago(3 * 3600 + 59 * 60), now)).toBe('3 h ago');
    const old = ago(2 * 86400);
    expect(setAsideWhen(old, now)).toBe(localTime(old));
    expect(localTime(old)).not.toBe('');
    expect(setAsideWhen(ago(-600), now)).toBe(localTime(ago(-600))); // a clock set back: no "-10 min ago"
    expect(setAsideWhen('', now)).toBe('time unknown');
    expect(setAsideWhen('not a date', now)).toBe('time unknown');
    expect(localTime('')).toBe('');
  });

  it('names the experiment an entry came from and its size', () => {
    const s = referenceSession();
    const own = { session: s, experimentId: null, savedAt: '' };
    expect(setAsideOrigin(own)).toBeNull();
    expect(setAsideOrigin({ ...own, experimentId: 'tonic_bursting' })).toBe(`from experiment ${getExperiment('tonic_bursting')!.name}`);
    expect(setAsideOrigin({ ...own, experimentId: 'gone' })).toBe('from experiment gone');
    const n = s.protocol.length;
    expect(setAsideSize(own)).toBe(`${n} segments, ${s.protocol[n - 1].until} ms`);
    expect(setAsideSize({ ...own, session: { ...s, protocol: [s.protocol[0]] } })).toBe(`1 segment, ${s.protocol[0].until} ms`);
  });
});
