// Tests of opening gallery experiments in the explorer: the URL route loads the experiment, the user's session is
// set aside (never lost; unedited experiments are not kept twice) and can be restored, the route follows the
// session, unknown ids change nothing, the scheme switch toggles author's and accurate integration.
import { describe, expect, it } from 'vitest';
import { getExperiment } from '../model/experiments';
import { parseSession } from '../model/schema';
import type { Session } from '../model/session';
import { accurateIntegration, createExperimentLink, pristineExperimentOf, schemeOf, stableJson } from './experimentLink';
import { SESSION_KEY, referenceSession } from './persistence';
import { createMemoryRoute, formatHash, type Route } from './route';
import { EXPERIMENT_LINK_KEY, MAX_SAVED, SAVED_ENTRY_PREFIX, SAVED_SESSIONS_KEY, readSaved } from './savedSessions';
import { createAppStore } from './store';
import { MemoryStorage } from './memoryStorage';


function setup(initial: Route = { view: 'explorer' }, storage = new MemoryStorage()) {
  const store = createAppStore(storage);
  const route = createMemoryRoute(initial);
  const link = createExperimentLink({ store, route, storage, now: () => new Date('2025-01-02T03:04:05Z') });
  return { store, route, link, storage };
}

const published = (id: string): Session => {
  const r = parseSession(getExperiment(id)!.session);
  if (!r.ok) throw new Error('experiment does not parse');
  return r.session;
};

describe('opening experiments', () => {
  it('a route to an experiment loads it and sets the previous session aside', () => {
    const { store, link, storage } = setup({ view: 'experiment', id: 'tonic_bursting' });
    const st = store.getState();
    expect(st.experimentId).toBe('tonic_bursting');
    expect(stableJson(st.session)).toBe(stableJson(published('tonic_bursting')));
    expect(st.selected).toBe(0);
    expect(link.saved().map((s) => s.session.name)).toEqual([referenceSession().name]);
    expect(readSaved(storage).map((s) => s.session.name)).toEqual([referenceSession().name]);
    expect(JSON.parse(storage.getItem(EXPERIMENT_LINK_KEY)!)).toEqual({ id: 'tonic_bursting' });
  });

  it('keeps edits when the same experiment is routed to again; loading another one sets the edited one aside', () => {
    const { store, route } = setup();
    route.navigate({ view: 'experiment', id: 'tonic_bursting' });
    expect(store.getState().actions.setParam('d', 4).ok).toBe(true);
    const edited = store.getState().session;
    expect(pristineExperimentOf(edited)).toBeNull();
    route.navigate({ view: 'gallery' });
    route.navigate({ view: 'experiment', id: 'tonic_bursting' });
    expect(store.getState().session).toBe(edited);
    route.navigate({ view: 'experiment', id: 'dap' });
    expect(store.getState().experimentId).toBe('dap');
    expect(stableJson(store.getState().session)).toBe(stableJson(published('dap')));
    expect(store.getState().notice).toBeNull();
  });

  it('sets aside exactly the sessions holding work, newest last, and restores them in turn', () => {
    const { store, route, link } = setup();
    route.navigate({ view: 'experiment', id: 'tonic_bursting' });
    store.getState().actions.setParam('d', 4);
    route.navigate({ view: 'experiment', id: 'dap' }); // sets the edited tonic bursting aside
    route.navigate({ view: 'experiment', id: 'resonator' }); // dap unedited: nothing set aside
    expect(link.saved().map((s) => [s.session.name, s.experimentId])).toEqual([
      [referenceSession().name, null],
      ['tonic_bursting', 'tonic_bursting'],
    ]);
    link.restore(); // the edited tonic bursting comes back, as an experiment (banner and route follow)
    expect(store.getState().experimentId).toBe('tonic_bursting');
    expect(store.getState().session.protocol[0].assign?.d).toBe(4);
    expect(formatHash(route.get())).toBe('#experiment=tonic_bursting');
    expect(link.saved().length).toBe(1); // the unedited resonator was not kept
    link.restore(); // the user's own session; the edited tonic bursting is set aside in its place
    expect(store.getState().experimentId).toBeNull();
    expect(store.getState().session.name).toBe(referenceSession().name);
    expect(route.get()).toEqual({ view: 'explorer' });
    expect(link.saved().map((s) => s.session.name)).toEqual(['tonic_bursting']);
    expect(store.getState().notice?.text).toMatch(/Restored your session .*"tonic_bursting" was set aside/);
  });

  it('caps the saved list and says which session was dropped', () => {
    const storage = new MemoryStorage();
    const filler = referenceSession();
    storage.setItem(SAVED_SESSIONS_KEY, JSON.stringify(
      Array.from({ length: MAX_SAVED }, (_, i) => ({ session: { ...filler, name: `old ${i}` }, experimentId: null, savedAt: '' })),
    ));
    const { store, link } = setup({ view: 'experiment', id: 'dap' }, storage);
    expect(link.saved().length).toBe(MAX_SAVED);
    expect(link.saved()[MAX_SAVED - 1].session.name).toBe(referenceSession().name);
    expect(store.getState().notice?.text).toMatch(/\("old 0"\) was dropped/);
  });

  it('an unknown experiment changes nothing and says so; the route falls back to the explorer', () => {
    const { store, route, link } = setup();
    const before = store.getState().session;
    route.navigate({ view: 'experiment', id: 'no_such_thing' });
    expect(store.getState().session).toBe(before);
    expect(store.getState().experimentId).toBeNull();
    expect(store.getState().notice).toMatchObject({ kind: 'error' });
    expect(store.getState().notice?.text).toMatch(/no experiment "no_such_thing"/);
    expect(route.get()).toEqual({ view: 'explorer' });
    expect(link.saved()).toEqual([]);
  });

  it('reset or opening a file ends the link to the experiment, and the route follows', () => {
    const { store, route, storage } = setup({ view: 'experiment', id: 'rebound_spike' });
    store.getState().actions.reset();
    expect(store.getState().experimentId).toBeNull();
    expect(route.get()).toEqual({ view: 'explorer' });
    expect(JSON.parse(storage.getItem(EXPERIMENT_LINK_KEY)!)).toEqual({ id: null });
  });

  it('a reload keeps the experiment link and the edits (the stored session is not replaced again)', () => {
    const storage = new MemoryStorage();
    const first = setup({ view: 'experiment', id: 'bistability' }, storage);
    first.store.getState().actions.setParam('a', 0.11);
    const again = setup({ view: 'experiment', id: 'bistability' }, storage);
    expect(again.store.getState().experimentId).toBe('bistability');
    expect(again.store.getState().session.protocol[0].assign?.a).toBe(0.11);
    expect(again.link.saved().length).toBe(1); // only the reference scenario, set aside the first time
    expect(JSON.parse(storage.getItem(SESSION_KEY)!).name).toBe('bistability');
  });

  it('switches between the author\u2019s scheme and the accurate one; neither counts as an edit', () => {
    const { store, link } = setup({ view: 'experiment', id: 'dap' });
    const e = getExperiment('dap')!;
    expect(schemeOf(store.getState().session.integration, e)).toBe('author');
    link.setScheme('accurate');
    const integ = store.getState().session.integration;
    expect(integ).toEqual({ ...e.session.integration, stepper: 'rk4', spikes: 'exact', dt: 0.01 });
    expect(integ).toEqual(accurateIntegration(e));
    expect(schemeOf(integ, e)).toBe('accurate');
    expect(pristineExperimentOf(store.getState().session)).toBe('dap');
    store.getState().actions.setIntegration({ dt: 0.02 });
    expect(schemeOf(store.getState().session.integration, e)).toBe('custom');
    expect(pristineExperimentOf(store.getState().session)).toBeNull();
    link.setScheme('author');
    expect(store.getState().session.integration).toEqual(e.session.integration);
  });

  it('revert reloads the published experiment and keeps the edited version', () => {
    const { store, link } = setup({ view: 'experiment', id: 'resonator' });
    store.getState().actions.setParam('b', 0.3);
    link.revert();
    expect(stableJson(store.getState().session)).toBe(stableJson(published('resonator')));
    expect(link.saved().map((s) => s.session.protocol[0].assign?.b)).toEqual([undefined, 0.3]);
  });
});

/** Storage that can refuse writes of set-aside entries (as a full quota does). */
class RefusingStorage extends MemoryStorage {
  refuse = false;
  override setItem(k: string, v: string) {
    if (this.refuse && k.startsWith(SAVED_ENTRY_PREFIX)) throw new Error('QuotaExceededError: the quota has been exceeded');
    super.setItem(k, v);
  }
}

/** Saved list [reference, edited tonic bursting (d=4), edited dap (a=0.05)], current session: resonator, unedited. */
function threeAside(storage = new MemoryStorage()) {
  const t = setup({ view: 'explorer' }, storage);
  t.route.navigate({ view: 'experiment', id: 'tonic_bursting' });
  expect(t.store.getState().actions.setParam('d', 4).ok).toBe(true);
  t.route.navigate({ view: 'experiment', id: 'dap' });
  expect(t.store.getState().actions.setParam('a', 0.05).ok).toBe(true);
  t.route.navigate({ view: 'experiment', id: 'resonator' });
  expect(t.link.saved().map((s) => s.experimentId)).toEqual([null, 'tonic_bursting', 'dap']);
  return t;
}

describe('every set-aside session is reachable', () => {
  it('restores an older entry; a pristine experiment is not set aside; an edited session goes aside as the newest', () => {
    const { store, route, link, storage } = threeAside();
    expect(link.restore(0)).toBe(true); // the reference scenario, the oldest
    expect(store.getState().experimentId).toBeNull();
    expect(store.getState().session.name).toBe(referenceSession().name);
    expect(route.get()).toEqual({ view: 'explorer' });
    expect(link.saved().map((s) => s.experimentId)).toEqual(['tonic_bursting', 'dap']); // the resonator was pristine
    expect(store.getState().notice?.text).not.toMatch(/set aside/);

    // Edit the restored session, then restore the (now) oldest entry: the edit is set aside as the newest.
    expect(store.getState().actions.setParamAt(2, 'I', 7).ok).toBe(true);
    expect(link.restore(0)).toBe(true);
    expect(store.getState().experimentId).toBe('tonic_bursting');
    expect(store.getState().session.protocol[0].assign?.d).toBe(4);
    expect(formatHash(route.get())).toBe('#experiment=tonic_bursting');
    const after = link.saved();
    expect(after.map((s) => s.experimentId)).toEqual(['dap', null]);
    expect(after[1].session.protocol[2].assign?.I).toBe(7);
    expect(after[1].savedAt).toBe('2025-01-02T03:04:05.000Z');
    expect(readSaved(storage).map((s) => s.experimentId)).toEqual(['dap', null]);
    expect(store.getState().notice).toMatchObject({ kind: 'info' });
    expect(store.getState().notice?.text).toMatch(/Restored your session "tonic_bursting"\. ".*" was set aside in its place/);

    // The default (the banner's quick Restore) swaps back with the newest.
    expect(link.restore()).toBe(true);
    expect(store.getState().session.protocol[2].assign?.I).toBe(7);
    expect(link.saved().map((s) => s.experimentId)).toEqual(['dap', 'tonic_bursting']);
  });

  it('restoring a middle entry keeps the others in order', () => {
    const { store, link } = threeAside();
    expect(link.restore(1)).toBe(true);
    expect(store.getState().experimentId).toBe('tonic_bursting');
    expect(link.saved().map((s) => s.experimentId)).toEqual([null, 'dap']);
  });

  it('discard deletes one entry for good (also from storage); out-of-range indices change nothing and say so', () => {
    const { store, link, storage } = threeAside();
    const current = store.getState().session;
    expect(link.discard(1)).toBe(true);
    expect(link.saved().map((s) => s.experimentId)).toEqual([null, 'dap']);
    expect(readSaved(storage).map((s) => s.experimentId)).toEqual([null, 'dap']);
    expect(store.getState().session).toBe(current);
    expect(store.getState().notice).toMatchObject({ kind: 'info' });
    expect(store.getState().notice?.text).toMatch(/Deleted the set-aside session "tonic_bursting"/);

    for (const bad of [2, -1, 0.5, NaN]) {
      expect(link.discard(bad)).toBe(false);
      expect(store.getState().notice).toMatchObject({ kind: 'error' });
      expect(link.restore(bad)).toBe(false);
      expect(store.getState().notice?.text).toMatch(/no set-aside session number .* nothing was changed/);
    }
    expect(link.saved().map((s) => s.experimentId)).toEqual([null, 'dap']);
    expect(store.getState().session).toBe(current);
    expect(link.discard(0) && link.discard(0)).toBe(true);
    expect(link.saved()).toEqual([]);
    expect(readSaved(storage)).toEqual([]);
    expect(link.restore()).toBe(false); // nothing to restore: no change
    expect(store.getState().session).toBe(current);
  });

  it('storage refusing writes gives an error notice and never an exception; the entries stay reachable in the page', () => {
    const storage = new RefusingStorage();
    const { store, link } = threeAside(storage);
    store.getState().actions.setParam('b', 0.25); // the resonator now holds work
    storage.refuse = true;
    expect(() => link.restore(0)).not.toThrow();
    expect(store.getState().session.name).toBe(referenceSession().name);
    const n = store.getState().notice;
    expect(n?.kind).toBe('error');
    expect(n?.text).toMatch(/refused the change \(QuotaExceededError.*\): "resonator" is kept only until you reload/);
    expect(link.saved().map((s) => s.experimentId)).toEqual(['tonic_bursting', 'dap', 'resonator']);
    // The restored entry left storage (it is the current session now); "resonator" is kept in the page only.
    expect(readSaved(storage).map((s) => s.experimentId)).toEqual(['tonic_bursting', 'dap']);

    // Removing an entry frees space: a full quota does not refuse it.
    expect(() => link.discard(0)).not.toThrow();
    expect(store.getState().notice?.kind).toBe('info');
    expect(store.getState().notice?.text).toMatch(/Deleted the set-aside session "tonic_bursting"/);
    expect(link.saved().map((s) => s.experimentId)).toEqual(['dap', 'resonator']);

    storage.refuse = false; // the next write records the page's list
    expect(link.restore(1)).toBe(true);
    expect(store.getState().experimentId).toBe('resonator');
    expect(store.getState().session.protocol[0].assign?.b).toBe(0.25);
    expect(readSaved(storage).map((s) => s.session.name)).toEqual(['dap', referenceSession().name]);
  });

  it('keeps MAX_SAVED: restoring from a full list swaps, drops nothing', () => {
    const storage = new MemoryStorage();
    const filler = referenceSession();
    storage.setItem(SAVED_SESSIONS_KEY, JSON.stringify(
      Array.from({ length: MAX_SAVED }, (_, i) => ({ session: { ...filler, name: `old ${i}` }, experimentId: null, savedAt: '' })),
    ));
    const { store, link } = setup({ view: 'explorer' }, storage);
    store.getState().actions.setName('mine');
    expect(link.restore(3)).toBe(true);
    expect(store.getState().session.name).toBe('old 3');
    expect(link.saved().length).toBe(MAX_SAVED);
    expect(link.saved()[MAX_SAVED - 1].session.name).toBe('mine');
    expect(link.saved()[0].session.name).toBe('old 0');
    expect(store.getState().notice?.text).not.toMatch(/dropped/);
  });

  it('an entry from an experiment the gallery no longer has comes back as the user\u2019s own session', () => {
    const storage = new MemoryStorage();
    storage.setItem(SAVED_SESSIONS_KEY, JSON.stringify([{ session: { ...referenceSession(), name: 'x' }, experimentId: 'gone', savedAt: '' }]));
    const { store, route, link } = setup({ view: 'explorer' }, storage);
    expect(link.restore(0)).toBe(true);
    expect(store.getState().session.name).toBe('x');
    expect(store.getState().experimentId).toBeNull();
    expect(route.get()).toEqual({ view: 'explorer' });
  });

  it('another tab\u2019s change to the stored list is read again (so this tab does not overwrite it)', () => {
    const storage = new MemoryStorage();
    const store = createAppStore(storage);
    let changed: (() => void) | null = null;
    const link = createExperimentLink({ store, route: createMemoryRoute({ view: 'explorer' }), storage, watchSaved: (c) => { changed = c; return () => { changed = null; }; } });
    let calls = 0;
    link.subscribeSaved(() => { calls++; });
    storage.setItem(SAVED_SESSIONS_KEY, JSON.stringify([{ session: { ...referenceSession(), name: 'other tab' }, experimentId: null, savedAt: '' }]));
    expect(link.saved()).toEqual([]);
    changed!();
    expect(calls).toBe(1);
    expect(link.saved().map((s) => s.session.name)).toEqual(['other tab']);
    link.stop();
    expect(changed).toBeNull();
  });
});
