// Tests of opening gallery experiments in the explorer: the URL route loads the experiment, the user's session is
// set aside (never lost; unedited experiments are not kept twice) and can be restored, the route follows the
// session, unknown ids change nothing, the scheme switch toggles author's and accurate integration.
import { describe, expect, it } from 'vitest';
import { getExperiment } from '../model/experiments';
import { parseSession } from '../model/schema';
import type { Session } from '../model/session';
import { accurateIntegration, createExperimentLink, pristineExperimentOf, schemeOf, stableJson } from './experimentLink';
import { SESSION_KEY, referenceSession, type StorageLike } from './persistence';
import { createMemoryRoute, formatHash, type Route } from './route';
import { EXPERIMENT_LINK_KEY, MAX_SAVED, SAVED_SESSIONS_KEY, readSaved } from './savedSessions';
import { createAppStore } from './store';

class MemoryStorage implements StorageLike {
  map = new Map<string, string>();
  getItem(k: string) { return this.map.get(k) ?? null; }
  setItem(k: string, v: string) { this.map.set(k, v); }
}

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
