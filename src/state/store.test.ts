// Tests of the store and its pure session edits: parameters go into the selected segment and carry over, presets
// replace their keys, protocol rows add/remove/move with consistent times, invalid edits change nothing,
// the session persists and restores, unusable stored data is kept aside with a message.
import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { SESSION_KEY, loadSession, referenceSession } from './persistence';
import { UNREADABLE_PREFIX, listKeptAside } from './keptAside';
import { presetStatus, segmentViews } from './derived';
import { addSegment, moveSegment, removeSegment } from './sessionOps';
import { MemoryStorage } from './memoryStorage';


describe('store edits', () => {
  it('starts from the reference scenario and sets parameters in the selected segment, carried into later ones', () => {
    const st = createAppStore(new MemoryStorage());
    const { actions } = st.getState();
    expect(st.getState().session.name).toBe('dynlib-izhikevich-current-steps');
    actions.select(1);
    expect(actions.setParam('a', 0.05)).toEqual({ ok: true });
    const s = st.getState().session;
    expect(s.protocol[1].assign).toEqual({ I: 5, a: 0.05 });
    const views = segmentViews(s);
    expect(views.map((v) => v.params.a)).toEqual([0.02, 0.05, 0.05, 0.05, 0.02]); // the last segment switches to "bursting" (a = 0.02)
    expect(views[1].explicit.has('a')).toBe(true);
    expect(views[2].explicit.has('a')).toBe(false);
    expect(views[1].label).toBe('a=0.05, I=5');
  });

  it('rejects invalid edits without changing the session', () => {
    const st = createAppStore(new MemoryStorage());
    expect(st.getState().actions.setParam('v_th', -20).ok).toBe(true);
    const before = st.getState().session;
    const r = st.getState().actions.setParam('c', -10); // c must stay below v_th
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/v_th/);
    expect(st.getState().session).toBe(before);
    expect(st.getState().actions.setUntil(2, 100).ok).toBe(false); // before the segment's start
    expect(st.getState().actions.setIntegration({ dt: 0 }).ok).toBe(false);
    expect(st.getState().session).toBe(before);
  });

  it('applies a preset to the selected segment, replacing its own values of the preset keys', () => {
    const st = createAppStore(new MemoryStorage());
    const { actions } = st.getState();
    actions.select(2);
    actions.setParam('d', 6);
    expect(presetStatus(st.getState().session, 2).text).toBe('modified (from regular_spiking)');
    actions.applyPreset('bursting');
    const s = st.getState().session;
    expect(s.protocol[2]).toEqual({ until: 900, preset: 'bursting', assign: { I: 10 } });
    const eff = segmentViews(s)[2].params;
    expect([eff.c, eff.d]).toEqual([-50, 2]);
    expect(presetStatus(s, 2).text).toBe('bursting');
    expect(presetStatus(s, 0).text).toBe('regular_spiking');
  });

  it('adds, removes and moves segments keeping durations and the selection', () => {
    const st = createAppStore(new MemoryStorage());
    const { actions } = st.getState();
    actions.addSegment();
    expect(st.getState().session.protocol.map((p) => p.until)).toEqual([300, 600, 900, 1200, 1500, 1800]);
    expect(st.getState().selected).toBe(5);
    actions.select(3);
    actions.removeSegment(1);
    expect(st.getState().session.protocol.map((p) => p.until)).toEqual([300, 600, 900, 1200, 1500]);
    expect(st.getState().selected).toBe(2);
    expect(st.getState().session.protocol[1].assign).toEqual({ I: 10 });
    actions.moveSegment(2, -1);
    expect(st.getState().selected).toBe(1);
    expect(st.getState().session.protocol[1].assign).toEqual({ I: 15 });
    expect(actions.removeSegment(0).ok).toBe(true);
  });

  it('resets to the reference scenario and imports/exports JSON', () => {
    const st = createAppStore(new MemoryStorage());
    const { actions } = st.getState();
    actions.setName('mine');
    const json = actions.exportSessionJson();
    actions.reset();
    expect(st.getState().session).toEqual(referenceSession());
    expect(actions.importSession(json).ok).toBe(true);
    expect(st.getState().session.name).toBe('mine');
    const bad = actions.importSession('{"protocol": [{"until": 10, "asign": {}}]}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/did you mean "assign"/);
    expect(actions.importSession('not json').ok).toBe(false);
    expect(st.getState().session.name).toBe('mine');
  });
});

describe('pure protocol edits', () => {
  it('move keeps durations and recomputes end times', () => {
    const s = referenceSession();
    s.protocol[0].until = 100; // durations 100, 500, 300, 300, 300
    const m = moveSegment(s, 0, 1);
    expect(m.protocol.map((p) => p.until)).toEqual([500, 600, 900, 1200, 1500]);
    expect(m.protocol[1].assign).toEqual({ I: 0 });
    expect(moveSegment(s, 0, -1)).toBe(s);
    expect(removeSegment({ ...s, protocol: [s.protocol[0]] }, 0).protocol.length).toBe(1);
    expect(addSegment({ ...s, protocol: [s.protocol[0]] }).protocol[1].until).toBe(200);
  });
});

describe('persistence', () => {
  it('saves every change and restores it in a new store', () => {
    const storage = new MemoryStorage();
    const st = createAppStore(storage);
    st.getState().actions.setParamAt(3, 'I', 12.5);
    const again = createAppStore(storage);
    expect(again.getState().session.protocol[3].assign).toEqual({ I: 12.5 });
    expect(again.getState().notice).toBe(null);
  });

  it('falls back to the reference on invalid stored data, keeps the bad copy and says so', () => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_KEY, JSON.stringify({ protocol: [{ until: -5 }] }));
    const r = loadSession(storage, () => new Date('2024-01-02T03:04:05Z'));
    expect(r.restored).toBe(false);
    expect(r.session).toEqual(referenceSession());
    const kept = listKeptAside(storage);
    expect(kept.map((k) => k.text)).toEqual([JSON.stringify({ protocol: [{ until: -5 }] })]);
    expect(kept[0].key.startsWith(UNREADABLE_PREFIX + 'session/')).toBe(true);
    expect(r.message).toContain(kept[0].key);
    expect(r.message).toMatch(/protocol\[0\]\.until/);

    storage.setItem(SESSION_KEY, '{oops');
    const st = createAppStore(storage);
    expect(st.getState().notice?.text).toMatch(/not valid JSON/);
  });
});
