// Switching a session's model (2003 ↔ 2007 form) and setting model options: pure session edits (sessionOps).

import { describe, expect, it } from 'vitest';
import { setOptions, switchModel, applyPresetAt } from './sessionOps';
import { defaultSession, type Session } from '../model/session';
import { parseSession } from '../model/schema';
import { referenceSession } from './persistence';

describe('switchModel', () => {
  it('2003 → 2007 keeps the protocol\u2019s times and labels, converts I by C (same generalised current), drops other assignments', () => {
    const ref = referenceSession();
    const s = switchModel(ref, 'izh2007');
    expect(s.model).toBe('izh2007');
    expect(s.protocol.map((g) => g.until)).toEqual(ref.protocol.map((g) => g.until));
    ref.protocol.forEach((g, i) => {
      if (g.assign?.I !== undefined) expect(s.protocol[i].assign).toEqual({ I: g.assign.I * 100 });
      else expect(s.protocol[i].assign).toBeUndefined();
      expect(s.protocol[i].preset).toBeUndefined();
    });
    expect(s.params.C).toBe(100);
    expect(parseSession(s).ok).toBe(true);
  });

  it('2007 → 2003 divides by C and returns a session without the model field; switching to the same model is a no-op', () => {
    const s07 = defaultSession('izh2007');
    const back = switchModel(s07, 'izh2003');
    expect('model' in back).toBe(false);
    expect(back.protocol[1].assign).toEqual({ I: s07.protocol[1].assign!.I / 100 });
    expect(parseSession(back).ok).toBe(true);
    expect(switchModel(s07, 'izh2007')).toBe(s07);
  });

  it('a 2007 preset in a segment sets the cell\u2019s parameters and rules, and drops the segment\u2019s own values of them', () => {
    let s: Session = defaultSession('izh2007');
    s = { ...s, protocol: s.protocol.map((g, i) => (i === 1 ? { ...g, assign: { ...g.assign, C: 10 } } : g)) };
    const t = applyPresetAt(s, 1, 'LTS');
    expect(t.protocol[1]).toEqual({ until: 1000, preset: 'LTS', assign: { I: 70 } });
    expect(parseSession(t).ok).toBe(true);
  });
});

describe('setOptions', () => {
  it('adds and removes the refractory period and V_min, dropping an empty options object', () => {
    const s = defaultSession();
    const a = setOptions(s, { refractory: 2 });
    expect(a.options).toEqual({ refractory: 2 });
    const b = setOptions(a, { vMin: -90 });
    expect(b.options).toEqual({ refractory: 2, vMin: -90 });
    const c = setOptions(setOptions(b, { refractory: 0 }), { vMin: undefined });
    expect('options' in c).toBe(false);
  });
});
