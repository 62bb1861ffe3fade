// Tests of the URL hash routes: the gallery, an experiment (ids URL-encoded), anything else the explorer.
import { describe, expect, it } from 'vitest';
import { createMemoryRoute, formatHash, parseHash } from './route';

describe('routes', () => {
  it('parses and formats the three views', () => {
    expect(parseHash('')).toEqual({ view: 'explorer' });
    expect(parseHash('#')).toEqual({ view: 'explorer' });
    expect(parseHash('#gallery')).toEqual({ view: 'gallery' });
    expect(parseHash('#network')).toEqual({ view: 'network' });
    expect(parseHash('#experiment=tonic_bursting')).toEqual({ view: 'experiment', id: 'tonic_bursting' });
    expect(parseHash('#experiment=a%20b')).toEqual({ view: 'experiment', id: 'a b' });
    expect(parseHash('#experiment=%E0%A4%A')).toEqual({ view: 'experiment', id: '%E0%A4%A' }); // malformed escape kept
    expect(parseHash('#experiment=')).toEqual({ view: 'explorer' });
    expect(parseHash('#something')).toEqual({ view: 'explorer' });
    for (const r of [{ view: 'gallery' as const }, { view: 'network' as const }, { view: 'experiment' as const, id: 'rs_2003' }, { view: 'experiment' as const, id: 'a b/c' }]) {
      expect(parseHash(formatHash(r))).toEqual(r);
    }
    expect(formatHash({ view: 'explorer' })).toBe('');
  });

  it('memory route: navigate adds history entries (not for the same route), replace does not', () => {
    const r = createMemoryRoute();
    let calls = 0;
    r.subscribe(() => calls++);
    r.navigate({ view: 'gallery' });
    r.navigate({ view: 'gallery' });
    r.navigate({ view: 'experiment', id: 'dap' });
    r.replace({ view: 'explorer' });
    expect(r.history.map(formatHash)).toEqual(['', '#gallery', '']);
    expect(calls).toBe(3);
  });
});
