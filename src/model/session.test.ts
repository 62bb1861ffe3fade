// Tests of the session helpers: effective parameters carried from segment to segment, the change labels
// drawn at segment boundaries (the reference scenario's "I=0" … "bursting, I=10"), segment times, defaults.

import { describe, expect, it } from 'vitest';
import reference from './sessions/reference.json';
import { DEFAULT_PARAMS } from './params';
import { parseSession } from './schema';
import {
  defaultSession, effectiveParams, segmentChangeLabel, segmentStart, sessionDuration, type Session,
} from './session';

function referenceSession(): Session {
  const r = parseSession(reference);
  if (!r.ok) throw new Error('reference scenario must parse');
  return r.session;
}

describe('effectiveParams', () => {
  it('carries assignments and presets into later segments until changed', () => {
    const s = referenceSession();
    const eff = effectiveParams(s);
    expect(eff.map((p) => p.I)).toEqual([0, 5, 10, 15, 10]);
    expect(eff.slice(0, 4).map((p) => [p.a, p.b, p.c, p.d])).toEqual(Array(4).fill([0.02, 0.2, -65, 8]));
    expect([eff[4].a, eff[4].b, eff[4].c, eff[4].d]).toEqual([0.02, 0.2, -50, 2]);
  });

  it('applies the preset before the assignments of the same segment, and keeps both afterwards', () => {
    const eff = effectiveParams({
      params: { ...DEFAULT_PARAMS },
      protocol: [
        { until: 10, assign: { a: 0.05 } },
        { until: 20, preset: 'fast_spiking', assign: { d: 3, v_th: 40 } },
        { until: 30 },
        { until: 40, assign: { I: -2 } },
      ],
    });
    expect(eff[0]).toEqual({ ...DEFAULT_PARAMS, a: 0.05 });
    expect(eff[1]).toEqual({ ...DEFAULT_PARAMS, a: 0.1, b: 0.2, c: -65, d: 3, v_th: 40 });
    expect(eff[2]).toEqual(eff[1]);
    expect(eff[3]).toEqual({ ...eff[1], I: -2 });
  });

  it('does not mutate the session', () => {
    const s = referenceSession();
    const copy = JSON.parse(JSON.stringify(s));
    effectiveParams(s);
    expect(s).toEqual(copy);
  });
});

describe('segmentChangeLabel', () => {
  it('labels the reference scenario "I=0", "I=5", "I=10", "I=15", "bursting, I=10"', () => {
    const s = referenceSession();
    expect(s.protocol.map((_, i) => segmentChangeLabel(s, i))).toEqual(['I=0', 'I=5', 'I=10', 'I=15', 'bursting, I=10']);
  });

  it('names the first segment\u2019s current even without an assignment, then only what changed', () => {
    const s = { params: { ...DEFAULT_PARAMS, I: 7 }, protocol: [{ until: 10 }, { until: 20 }, { until: 30, assign: { c: -50, d: 2.5 } }] };
    expect(segmentChangeLabel(s, 0)).toBe('I=7');
    expect(segmentChangeLabel(s, 1)).toBe('segment 2');
    expect(segmentChangeLabel(s, 2)).toBe('c=-50, d=2.5');
  });

  it('mentions a ramp, rounds to 4 decimals, never shows -0, and lets an explicit label win', () => {
    const s = {
      params: { ...DEFAULT_PARAMS, I: -0.00001 },
      protocol: [{ until: 10 }, { until: 20, assign: { I: 1 / 3 }, slope: 0.075 }, { until: 30, assign: { I: 2 }, label: 'pulse I=2' }],
    };
    expect(segmentChangeLabel(s, 0)).toBe('I=0');
    expect(segmentChangeLabel(s, 1)).toBe('I=0.3333, I ramp 0.075/ms');
    expect(segmentChangeLabel(s, 2)).toBe('pulse I=2');
  });
});

describe('segment times and defaults', () => {
  it('gives each segment\u2019s start and the total duration', () => {
    const s = referenceSession();
    expect(s.protocol.map((_, i) => segmentStart(s.protocol, i))).toEqual([0, 300, 600, 900, 1200]);
    expect(sessionDuration(s)).toBe(1500);
    expect(sessionDuration({ protocol: [] })).toBe(0);
  });

  it('makes a valid default session with one constant segment at the default parameters', () => {
    const d = defaultSession();
    expect(d.params).toEqual(DEFAULT_PARAMS);
    expect(d.protocol).toEqual([{ until: 1000 }]);
    const r = parseSession(d);
    expect(r.ok && r.session).toEqual(d);
    // a fresh copy each time
    d.params.a = 1;
    expect(defaultSession().params.a).toBe(DEFAULT_PARAMS.a);
  });
});
