// Tests of opening session links in the app: the link's session, experiment and view replace the current ones with
// the user's work set aside first (never lost, not kept twice); a link to an edited experiment carries the edits;
// hostile or broken links leave the store, the set-aside list and storage untouched and say why.
import { describe, expect, it } from 'vitest';
import { zlibSync } from 'fflate';
import { getExperiment } from '../model/experiments';
import { encodeLink, toBase64Url } from '../model/link';
import { parseSession } from '../model/schema';
import type { Session } from '../model/session';
import { createExperimentLink, linkContentOf, stableJson } from './experimentLink';
import { SESSION_KEY, referenceSession } from './persistence';
import { createMemoryRoute, formatHash, type Route } from './route';
import { SAVED_SESSIONS_KEY } from './savedSessions';
import { createAppStore } from './store';
import { MemoryStorage } from './memoryStorage';


function setup(initial: Route = { view: 'explorer' }, storage = new MemoryStorage()) {
  const store = createAppStore(storage);
  const route = createMemoryRoute(initial);
  const link = createExperimentLink({ store, route, storage, now: () => new Date('2025-01-02T03:04:05Z') });
  return { store, route, link, storage };
}

const linkData = (url: string) => url.slice(url.indexOf('#session=') + '#session='.length);

/** An app started at `initial` in a browser whose stored session is the user's own work ("my work"). */
function withOwnWork(initial: Route = { view: 'explorer' }) {
  const storage = new MemoryStorage();
  const first = setup({ view: 'explorer' }, storage);
  expect(first.store.getState().actions.setParam('d', 6).ok).toBe(true);
  expect(first.store.getState().actions.setName('my work').ok).toBe(true);
  first.link.stop();
  return setup(initial, storage);
}

describe('session links in the app', () => {
  it('copies an edited experiment with its edits, view window and selection; a fresh app opens exactly that', () => {
    const a = setup({ view: 'experiment', id: 'tonic_bursting' });
    const s = a.store.getState();
    expect(s.actions.setParamAt(1, 'I', 12.5).ok).toBe(true);
    expect(s.actions.setLabel(1, 'I = 12.5 (edited)').ok).toBe(true);
    a.store.getState().actions.select(1);
    a.store.getState().actions.setViewWindow([20, 120]);
    const made = a.link.shareLink('http://localhost:4462/');
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.url.startsWith('http://localhost:4462/#session=1.')).toBe(true);

    // A fresh browser (its own storage) with its own work, opening the link.
    const b = withOwnWork({ view: 'link', data: linkData(made.url) });
    const bs = b.store.getState();
    expect(stableJson(bs.session)).toBe(stableJson(a.store.getState().session));
    expect(bs.session.protocol[1].assign?.I).toBe(12.5);
    expect(bs.experimentId).toBe('tonic_bursting');
    expect(bs.selected).toBe(1);
    expect(bs.view.window).toEqual([20, 120]);
    expect(formatHash(b.route.get())).toBe('#experiment=tonic_bursting');
    expect(bs.notice?.kind).toBe('info');
    expect(bs.notice?.text).toMatch(/Opened the linked session "tonic_bursting" \(from the gallery experiment "tonic bursting", with edits\)/);
    expect(bs.notice?.text).toMatch(/"my work" was set aside/);
    // The user's work is kept, restorable.
    expect(b.link.saved().map((e) => e.session.name)).toEqual(['my work']);
    expect(b.link.restore()).toBe(true);
    expect(b.store.getState().session.name).toBe('my work');
    // The opened session is undoable like any load.
    expect(b.store.getState().history.past.length).toBeGreaterThan(0);
  });

  it('opens a link to the user\'s own session as such, in the explorer', () => {
    const a = withOwnWork();
    const made = a.link.shareLink('http://x/');
    if (!made.ok) throw new Error(made.message);
    const b = setup({ view: 'link', data: linkData(made.url) });
    expect(stableJson(b.store.getState().session)).toBe(stableJson(a.store.getState().session));
    expect(b.store.getState().experimentId).toBeNull();
    expect(b.route.get()).toEqual({ view: 'explorer' });
    // The fresh app's reference session is the user's (not a pristine experiment): set aside.
    expect(b.link.saved().map((e) => e.session.name)).toEqual([referenceSession().name]);
  });

  it('sets nothing aside when the link holds the session already open, or a pristine experiment is open', () => {
    const a = withOwnWork();
    const made = a.link.shareLink('http://x/');
    if (!made.ok) throw new Error(made.message);
    a.route.navigate({ view: 'link', data: linkData(made.url) });
    expect(a.link.saved()).toEqual([]);
    expect(a.store.getState().notice?.text).toMatch(/holds the session you have open/);
    expect(a.route.get()).toEqual({ view: 'explorer' });

    const c = setup({ view: 'experiment', id: 'dap' });
    const savedBefore = c.link.saved().length;
    c.route.navigate({ view: 'link', data: linkData(made.url) });
    expect(c.store.getState().session.name).toBe('my work');
    expect(c.link.saved().length).toBe(savedBefore); // the pristine "dap" is not kept twice
  });

  it('a reload after opening a link does not open it again (the hash shows the view, not the link)', () => {
    const a = withOwnWork();
    const made = a.link.shareLink('http://x/');
    if (!made.ok) throw new Error(made.message);
    const storage = new MemoryStorage();
    const b = setup({ view: 'link', data: linkData(made.url) }, storage);
    expect(b.route.history.map(formatHash)).toEqual(['']);
    // Reload: the same storage, the route as left.
    const c = setup(b.route.get(), storage);
    expect(c.store.getState().session.name).toBe('my work');
    expect(c.link.saved().length).toBe(1);
  });

  it('refuses hostile and broken links, leaving store, set-aside list and storage untouched', () => {
    const base = withOwnWork();
    const good = linkData((base.link.shareLink('http://x/') as { url: string }).url);
    const craft = (json: string) => `1.${toBase64Url(zlibSync(new TextEncoder().encode(json)))}`;
    const cases: Array<[string, RegExp]> = [
      [good.slice(0, good.length - 7), /damaged or incomplete/],
      [good.slice(0, 12), /damaged or incomplete/],
      [`2${good.slice(1)}`, /format version 2/],
      [`1.${'A'.repeat(9000)}`, /characters long/],
      [craft('{"s":{"protocol":[{"until":10}]},"x":1}'), /unknown fields/],
      [craft('{"s":{"protocol":[{"until":10,"label":"<script>alert(1)</script>"}]}}'), /must be plain text/],
      [craft('{"s":{"name":"<img src=x onerror=alert(1)>","protocol":[{"until":10}]}}'), /must be plain text/],
      [craft('{"s":{"params":{"a":1e9},"protocol":[{"until":10}]}}'), /params\.a/],
      ['', /format version/],
      ['%3Cscript%3E', /format version/],
    ];
    for (const [data, message] of cases) {
      const ctx = withOwnWork({ view: 'experiment', id: 'dap' });
      // The experiment route set the user's work aside; from here on nothing may change.
      const before = ctx.store.getState();
      const storageBefore = [...ctx.storage.map.entries()];
      const savedBefore = ctx.link.saved();
      ctx.route.navigate({ view: 'link', data });
      const after = ctx.store.getState();
      expect(after.session).toBe(before.session);
      expect(after.experimentId).toBe(before.experimentId);
      expect(after.history).toBe(before.history);
      expect(ctx.link.saved()).toBe(savedBefore);
      expect([...ctx.storage.map.entries()]).toEqual(storageBefore);
      expect(after.notice?.kind).toBe('error');
      expect(after.notice?.text).toMatch(message);
      expect(after.notice?.text).toMatch(/nothing was changed/i);
      expect(ctx.route.get()).toEqual({ view: 'experiment', id: 'dap' });
    }
  });

  it('an unknown experiment in a link opens the session as the user\'s own; a gallery route in the link is kept', () => {
    const session = parseSession(getExperiment('dap')!.session);
    if (!session.ok) throw new Error('dap');
    const data = encodeLink({ session: session.session, experimentId: 'no_such_experiment', view: { route: '#gallery' } });
    const b = setup({ view: 'link', data });
    expect(b.store.getState().experimentId).toBeNull();
    expect(b.store.getState().notice?.text).toMatch(/"no_such_experiment" is not in this gallery/);
    expect(b.route.get()).toEqual({ view: 'gallery' });
  });

  it('linkContentOf describes the open view; while a link is being opened it names the session\'s own route', () => {
    const s = { session: referenceSession() as Session, experimentId: 'dap', selected: 0, view: { window: null, columns: 100 } };
    expect(linkContentOf(s, { view: 'link', data: 'x' }).view).toEqual({ route: '#experiment=dap' });
    expect(linkContentOf({ ...s, experimentId: null, selected: 2, view: { window: [1, 2], columns: 1 } }, { view: 'explorer' }).view)
      .toEqual({ route: '', window: [1, 2], selected: 2 });
  });

  it('a too-long session is refused with the offer of the session file, and nothing changes', () => {
    const { store, link, storage } = setup();
    const protocol = Array.from({ length: 200 }, (_, i) => ({ until: (i + 1) * 3.3333333, assign: { I: Math.sin(i) * 40 }, label: `segment number ${i} with a long label ${Math.cos(i)}` }));
    expect(store.getState().actions.loadSession({ ...referenceSession(), protocol }).ok).toBe(true);
    const before = storage.getItem(SESSION_KEY);
    const r = link.shareLink('http://x/');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Save JSON/);
    expect(storage.getItem(SESSION_KEY)).toBe(before);
    expect(storage.getItem(SAVED_SESSIONS_KEY)).toBeNull();
  });
});
