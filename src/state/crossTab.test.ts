// Tests of "no lost work across tabs" (issue 9, items 3 and 4), with two or more stores and experiment links sharing
// one storage map as tabs share localStorage (storage events delivered by hand, as the browser would):
// - a tab saving over a session another tab saved since sets that one aside first (the rename/rename case);
// - a tab hearing another tab's save while it holds unsaved work sets its own aside and says so;
// - two tabs setting sessions aside at the same moment keep both (each entry is its own key);
// - a corrupt old list or a set-aside entry from a newer version is never overwritten, and is offered as
//   unreadable data; an unusable stored session is kept once per content, not once per reload.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createExperimentLink } from './experimentLink';
import { createMemoryRoute } from './route';
import { createAppStore } from './store';
import { MemoryStorage } from './memoryStorage';
import { SESSION_KEY, loadSession, REJECTED_KEY_PREFIX } from './persistence';
import { SAVED_ENTRY_PREFIX, SAVED_SESSIONS_KEY, readSaved, readSavedAll } from './savedSessions';
import { listKeptAside } from './keptAside';

/** One browser tab: its store and experiment link over the shared map; `hear` delivers another tab's save. */
let tabs = 0;
function tab(map: Map<string, string>, saveDelayMs = 0) {
  const storage = new MemoryStorage(map);
  const tabId = `t${++tabs}`;
  const store = createAppStore(storage, { saveDelayMs, clock: () => new Date('2025-03-04T05:06:07Z'), tabId });
  let onSession: ((text: string | null, old: string | null) => void) | null = null;
  const link = createExperimentLink({
    store, route: createMemoryRoute({ view: 'explorer' }), storage, now: () => new Date('2025-03-04T05:06:07Z'),
    watchSession: (c) => { onSession = c; return () => { onSession = null; }; }, tabId,
  });
  return {
    storage, store, link, actions: () => store.getState().actions,
    /** What the browser does in this tab when another tab wrote SESSION_KEY. */
    hear: (oldText: string | null) => onSession!(map.get(SESSION_KEY) ?? null, oldText),
  };
}

describe('two tabs, one stored session (item 3)', () => {
  it('rename + change a in tab A, rename in tab B, reload A: A shows B\u2019s session and A\u2019s work is in the set-aside list', () => {
    const map = new Map<string, string>();
    const A = tab(map), B = tab(map);
    expect(A.actions().setName('work of A').ok).toBe(true);
    expect(A.actions().setParam('a', 0.05).ok).toBe(true);
    const aText = map.get(SESSION_KEY)!;
    expect(JSON.parse(aText).name).toBe('work of A');

    expect(B.actions().setName('work of B').ok).toBe(true);
    // B saved over A's session only after setting it aside, and said so.
    expect(JSON.parse(map.get(SESSION_KEY)!).name).toBe('work of B');
    expect(B.store.getState().notice?.kind).toBe('warning');
    expect(B.store.getState().notice?.text).toMatch(/Another tab had saved its session "work of A" .* set aside .* before this tab's session "work of B" was saved/);
    A.hear(aText);
    expect(A.store.getState().notice?.text).toMatch(/Another tab saved "work of B" in this browser over "work of A"/);

    const reloadedA = tab(map);
    expect(reloadedA.store.getState().session.name).toBe('work of B');
    const aside = reloadedA.link.saved();
    expect(aside.map((e) => e.session.name)).toEqual(['work of A']);
    expect(aside[0].session.protocol[0].assign?.a).toBe(0.05);
  });

  describe('with unsaved work in the tab that hears the other tab', () => {
    beforeEach(() => { vi.useFakeTimers(); });
    afterEach(() => { vi.useRealTimers(); });

    it('sets its own session aside at once, then its save sets the other tab\u2019s aside: both kept', () => {
      const map = new Map<string, string>();
      const A = tab(map, 250), B = tab(map);
      A.actions().setName('unsaved in A'); // pending for 250 ms
      const before = map.get(SESSION_KEY) ?? null;
      B.actions().setName('saved by B');
      A.hear(before);
      expect(A.store.getState().notice?.kind).toBe('warning');
      expect(A.store.getState().notice?.text).toMatch(/This tab's session "unsaved in A" is kept in the set-aside list/);
      expect(readSaved(A.storage).map((e) => e.session.name)).toEqual(['unsaved in A']);
      vi.advanceTimersByTime(300); // A's save: B's version goes aside first
      expect(JSON.parse(map.get(SESSION_KEY)!).name).toBe('unsaved in A');
      expect(readSaved(A.storage).map((e) => e.session.name).sort()).toEqual(['saved by B', 'unsaved in A']);
      // Editing on in both tabs (here: the same works, a parameter at a time) keeps one entry per work, not one per save.
      for (let i = 0; i < 5; i++) {
        B.actions().setParam('d', 2 + i);
        A.actions().setParam('d', 7 + i);
        vi.advanceTimersByTime(300);
      }
      const entries = readSaved(A.storage);
      expect(entries.map((e) => e.session.name).sort()).toEqual(['saved by B', 'unsaved in A']);
      expect(entries.find((e) => e.session.name === 'saved by B')!.session.protocol[0].assign?.d).toBe(6);
    });
  });

  it('two tabs opening experiments at the same moment keep both set-aside sessions', () => {
    const map = new Map<string, string>();
    const A = tab(map), B = tab(map);
    A.store.setState({ session: { ...A.store.getState().session, name: 'A before the experiment' } });
    B.store.setState({ session: { ...B.store.getState().session, name: 'B before the experiment' } });
    // Neither tab has heard of the other's write when it sets its session aside.
    A.link.load('tonic_bursting');
    B.link.load('dap');
    const names = readSaved(A.storage).map((e) => e.session.name);
    expect(names).toContain('A before the experiment');
    expect(names).toContain('B before the experiment');
  });
});

describe('unreadable stored data is kept, never overwritten (items 3 and 4)', () => {
  it('a corrupt old list is kept aside before the next set-aside, and offered as unreadable data', () => {
    const map = new Map<string, string>();
    map.set(SAVED_SESSIONS_KEY, '[{"session": {"protocol": [{"until": 1}]}, "broken');
    const A = tab(map);
    A.store.setState({ session: { ...A.store.getState().session, name: 'mine' } });
    A.link.load('dap');
    expect(readSaved(A.storage).map((e) => e.session.name)).toEqual(['mine']);
    const kept = listKeptAside(A.storage);
    expect(kept.map((k) => k.text)).toEqual(['[{"session": {"protocol": [{"until": 1}]}, "broken']);
    expect(A.link.unreadable().map((u) => u.key)).toEqual([kept[0].key]);
    expect(A.link.deleteUnreadable(kept[0].key)).toBe(true);
    expect(A.link.unreadable()).toEqual([]);
  });

  it('a set-aside entry from a newer version stays as it is, listed as unreadable, not shown as restorable', () => {
    const map = new Map<string, string>();
    const newer = JSON.stringify({ format: 'izhikevich-explorer/set-aside', version: 2, session: { future: true }, savedAt: '2030-01-01T00:00:00Z' });
    const key = `${SAVED_ENTRY_PREFIX}2030-01-01T00:00:00Z~other~000001`;
    map.set(key, newer);
    const A = tab(map);
    A.store.setState({ session: { ...A.store.getState().session, name: 'mine' } });
    A.link.load('dap');
    expect(map.get(key)).toBe(newer);
    expect(A.link.saved().map((e) => e.session.name)).toEqual(['mine']);
    expect(A.link.unreadable()).toMatchObject([{ key, what: 'set-aside-entry', reason: expect.stringMatching(/newer version/) }]);
    expect(readSavedAll(A.storage).unreadable.map((u) => u.key)).toEqual([key]);
  });

  it('five reloads with the same corrupt stored session keep one copy; another corrupt content is a second', () => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_KEY, '{"protocol": "nope"}');
    for (let i = 0; i < 5; i++) loadSession(storage, () => new Date(2025, 0, 1, 0, 0, i));
    expect(listKeptAside(storage).map((k) => k.text)).toEqual(['{"protocol": "nope"}']);
    const sizeAfter = Array.from(storage.map.values()).join('').length;
    loadSession(storage);
    expect(Array.from(storage.map.values()).join('').length).toBe(sizeAfter);
    storage.setItem(SESSION_KEY, '{oops');
    loadSession(storage);
    expect(listKeptAside(storage).map((k) => k.text).sort()).toEqual(['{"protocol": "nope"}', '{oops'].sort());
  });

  it('identical copies left by earlier versions (one per reload) are merged into one when listed', () => {
    const storage = new MemoryStorage();
    for (let i = 0; i < 4; i++) storage.setItem(`${REJECTED_KEY_PREFIX}2024-01-0${i + 1}T00:00:00.000Z`, '{"same": 1}');
    storage.setItem(`${REJECTED_KEY_PREFIX}2024-02-01T00:00:00.000Z`, '{"other": 2}');
    const kept = listKeptAside(storage);
    expect(kept.map((k) => k.text).sort()).toEqual(['{"other": 2}', '{"same": 1}']);
    expect(kept.find((k) => k.text === '{"same": 1}')!.key).toBe(`${REJECTED_KEY_PREFIX}2024-01-01T00:00:00.000Z`);
  });
});
