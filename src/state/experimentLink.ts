// The link between the gallery, the URL and the store: opening "#experiment=<id>" loads that experiment's session
// into the explorer (setting the user's previous session aside first, savedSessions.ts, so nothing is lost), the
// sessions set aside can each be restored (the current one set aside in turn) or deleted, the hash follows the
// session's experiment, and the author's and the accurate integration schemes of an experiment can be switched.
// Session links ("#session=<data>", model/link.ts) are made here from the store and opened the same careful way.

import type { Experiment } from '../model/experiment';
import { EXPERIMENTS, getExperiment } from '../model/experiments';
import { decodeLink, linkUrl, type LinkContent, type LinkUrlResult } from '../model/link';
import { parseSession } from '../model/schema';
import type { Integration, Session } from '../model/session';
import { browserStorage, type StorageLike } from './persistence';
import { createBrowserRoute, formatHash, parseHash, type Route, type RouteSource } from './route';
import {
  MAX_SAVED, SAVED_SESSIONS_KEY, appendSaved, readExperimentLink, readSaved, writeExperimentLink, writeSaved, type SavedSession,
} from './savedSessions';
import { getAppStore, type AppState, type AppStore } from './store';

/** JSON with object keys sorted, so that equal sessions give equal text whatever the order keys were set in. */
export function stableJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stableJson).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

let pristine: Map<string, string> | null = null;
const pristineCache = new WeakMap<Session, string | null>();
/**
 * The id of the experiment whose unedited session this is (with the author's or the accurate scheme), or null:
 * the session holds someone's work.
 */
export function pristineExperimentOf(session: Session): string | null {
  const cached = pristineCache.get(session);
  if (cached !== undefined) return cached;
  if (!pristine) {
    pristine = new Map();
    // Published as is, or only switched to the accurate scheme (the banner's switch is not an edit).
    for (const e of EXPERIMENTS) {
      for (const integration of [e.session.integration, accurateIntegration(e)]) {
        const r = parseSession({ ...e.session, integration });
        if (r.ok) pristine.set(stableJson(r.session), e.id);
      }
    }
  }
  const id = pristine.get(stableJson(session)) ?? null;
  pristineCache.set(session, id);
  return id;
}

/** The accurate scheme: RK4 with located threshold crossings at dt = 0.01 ms (precision as the experiment's). */
export function accurateIntegration(e: Experiment): Integration {
  return { ...e.session.integration, stepper: 'rk4', spikes: 'exact', dt: 0.01 };
}

export type Scheme = 'author' | 'accurate' | 'custom';

/** Which of the experiment's two schemes the integration settings are. */
export function schemeOf(integration: Integration, e: Experiment): Scheme {
  const same = (a: Integration, b: Integration) =>
    a.stepper === b.stepper && a.dt === b.dt && a.precision === b.precision && (a.stepper === 'euler_sequential' || a.spikes === b.spikes);
  if (same(integration, e.session.integration)) return 'author';
  if (same(integration, accurateIntegration(e))) return 'accurate';
  return 'custom';
}

export interface ExperimentLink {
  readonly route: RouteSource;
  /** Sessions set aside, oldest first (stable array identity until it changes). */
  saved(): readonly SavedSession[];
  subscribeSaved(listener: () => void): () => void;
  /** Navigates to the experiment (a history entry); the route change loads it. */
  open(id: string): void;
  /** Loads the experiment now (the route handler's work), setting the current session aside unless it is pristine. */
  load(id: string): boolean;
  /**
   * Restores the saved session at `index` of saved() (default: the newest) and takes it off the list; the current
   * session is set aside as the newest entry unless it is a pristine experiment. False (with a notice) when the
   * index is out of range or the session does not load; nothing changes then.
   */
  restore(index?: number): boolean;
  /** Deletes the saved session at `index` of saved() for good (the UI asks first). False when out of range. */
  discard(index: number): boolean;
  /** Reloads the current experiment as published (the edited session is set aside first). */
  revert(): void;
  setScheme(scheme: 'author' | 'accurate'): void;
  /**
   * Opens a session link's data (the route handler's work for "#session=<data>"): the session, its experiment and
   * the view it names replace the current ones, the current session set aside first unless it is pristine or the
   * same. A link that does not decode or validate changes nothing and leaves an error notice. The hash then shows
   * the view opened (the link's data leave the address bar, so a reload does not open it again).
   */
  openLink(data: string): boolean;
  /** The link to the current session and view for a page at `base` (its URL), or why there is none (too long). */
  shareLink(base: string): LinkUrlResult;
  stop(): void;
}

/** What a session link made now would hold: the session, its experiment, the open view and its settings. */
export function linkContentOf(s: Pick<AppState, 'session' | 'experimentId' | 'selected' | 'view'>, route: Route): LinkContent {
  const shown: Route = route.view === 'link' ? (s.experimentId ? { view: 'experiment', id: s.experimentId } : { view: 'explorer' }) : route;
  return {
    session: s.session,
    experimentId: s.experimentId,
    view: {
      route: formatHash(shown),
      ...(s.view.window ? { window: s.view.window } : {}),
      ...(s.selected > 0 ? { selected: s.selected } : {}),
    },
  };
}

export interface ExperimentLinkOptions {
  store: AppStore;
  route: RouteSource;
  storage: StorageLike | null;
  now?: () => Date;
  /** Calls back when another tab changed the saved list in storage (it is then read again); returns an unsubscribe. */
  watchSaved?: (changed: () => void) => () => void;
}

export function createExperimentLink({ store, route, storage, now = () => new Date(), watchSaved }: ExperimentLinkOptions): ExperimentLink {
  let saved: readonly SavedSession[] = readSaved(storage);
  const listeners = new Set<() => void>();
  const notice = store.getState().actions.setNotice;

  const setSaved = (list: SavedSession[]): string | null => {
    saved = list;
    for (const l of listeners) l();
    return writeSaved(storage, list);
  };

  /** Sets the current session aside unless it is an unedited experiment; returns a problem to report, or null. */
  const setAsideCurrent = (): string | null => {
    const s = store.getState();
    if (pristineExperimentOf(s.session)) return null;
    const { list, dropped } = appendSaved(saved, { session: s.session, experimentId: s.experimentId, savedAt: now().toISOString() });
    const err = setSaved(list);
    const parts: string[] = [];
    if (err) parts.push(`Your previous session "${s.session.name}" could not be stored in this browser (${err}); it is kept until you reload — restore it or save it as JSON.`);
    if (dropped.length) parts.push(`The oldest saved session ("${dropped[0].session.name}") was dropped (at most ${MAX_SAVED} are kept).`);
    return parts.length ? parts.join(' ') : null;
  };

  const load = (id: string, force = false): boolean => {
    const e = getExperiment(id);
    if (!e) {
      notice({ kind: 'error', text: `There is no experiment "${id}" in the gallery; the explorer shows your current session.` });
      return false;
    }
    if (store.getState().experimentId === id && !force) return true;
    const problem = setAsideCurrent();
    const r = store.getState().actions.loadSession(e.session, id);
    if (!r.ok) {
      notice({ kind: 'error', text: `The experiment "${e.name}" could not be loaded:\n${r.message}` });
      return false;
    }
    notice(problem ? { kind: 'warning', text: problem } : null);
    return true;
  };

  /** The route of the current session when a link cannot be opened. */
  const currentRoute = (): Route => {
    const cur = store.getState().experimentId;
    return cur ? { view: 'experiment', id: cur } : { view: 'explorer' };
  };

  const openLink = (data: string): boolean => {
    const d = decodeLink(data);
    if (!d.ok) {
      notice({ kind: 'error', text: d.message });
      route.replace(currentRoute());
      return false;
    }
    const { session, view } = d.content;
    const e = d.content.experimentId ? getExperiment(d.content.experimentId) : undefined;
    const experimentId = e ? e.id : null;
    const cur = store.getState();
    const same = cur.experimentId === experimentId && stableJson(cur.session) === stableJson(session);
    const parts: string[] = [];
    let kind: 'info' | 'warning' = 'info';
    if (same) {
      parts.push(`The link holds the session you have open ("${session.name}"); nothing was set aside.`);
    } else {
      const setAside = !pristineExperimentOf(cur.session);
      const problem = setAsideCurrent();
      const r = cur.actions.loadSession(session, experimentId);
      if (!r.ok) {
        notice({ kind: 'error', text: `The session in this link could not be opened; nothing was changed:\n${r.message}` });
        route.replace(currentRoute());
        return false;
      }
      parts.push(`Opened the linked session "${session.name}"${e ? ` (from the gallery experiment "${e.name}"${pristineExperimentOf(session) ? '' : ', with edits'})` : ''}.`);
      if (d.content.experimentId && !e) parts.push(`Its experiment "${d.content.experimentId}" is not in this gallery; it opens as a session of your own.`);
      if (problem) { parts.push(problem); kind = 'warning'; } else if (setAside) parts.push(`Your previous session "${cur.session.name}" was set aside: Restore brings it back.`);
    }
    const actions = store.getState().actions;
    if (view.selected !== undefined) actions.select(view.selected);
    if (view.window) actions.setViewWindow(view.window);
    let target = parseHash(view.route);
    if (target.view === 'link' || (target.view === 'experiment' && target.id !== experimentId)) target = currentRoute();
    if (target.view === 'explorer' && experimentId) target = currentRoute();
    route.replace(target);
    notice({ kind, text: parts.join(' ') });
    return true;
  };

  const applyRoute = (r: Route) => {
    if (r.view === 'link') { openLink(r.data); return; }
    if (r.view !== 'experiment') return;
    if (!load(r.id)) {
      const cur = store.getState().experimentId;
      route.replace(cur ? { view: 'experiment', id: cur } : { view: 'explorer' });
    }
  };

  // The stored link is trusted only when the stored session was restored without trouble.
  const linked = readExperimentLink(storage);
  if (linked && getExperiment(linked) && !store.getState().notice) store.setState({ experimentId: linked });

  /** The entry at `index`, or null after an error notice (a stale list in the UI, a bad call). */
  const entryAt = (index: number, what: string): SavedSession | null => {
    const entry = Number.isInteger(index) ? saved[index] : undefined;
    if (entry) return entry;
    notice({ kind: 'error', text: `There is no set-aside session number ${index} to ${what} (${saved.length} are kept); nothing was changed.` });
    return null;
  };

  const restore = (index = saved.length - 1): boolean => {
    if (!saved.length) return false;
    const entry = entryAt(index, 'restore');
    if (!entry) return false;
    const cur = store.getState();
    const curName = cur.session.name;
    const keepCurrent = !pristineExperimentOf(cur.session);
    // An experiment id the gallery no longer has would route to nothing: the session comes back as the user's own.
    const experimentId = entry.experimentId && getExperiment(entry.experimentId) ? entry.experimentId : null;
    const r = cur.actions.loadSession(entry.session, experimentId);
    if (!r.ok) {
      notice({ kind: 'error', text: `The saved session "${entry.session.name}" could not be restored; it stays in the set-aside list:\n${r.message}` });
      return false;
    }
    const rest = saved.filter((e) => e !== entry);
    const { list, dropped } = keepCurrent
      ? appendSaved(rest, { session: cur.session, experimentId: cur.experimentId, savedAt: now().toISOString() })
      : { list: rest, dropped: [] };
    const err = setSaved(list);
    const view: Route = experimentId ? { view: 'experiment', id: experimentId } : { view: 'explorer' };
    if (route.get().view !== 'gallery') route.replace(view);
    const parts = [`Restored your session "${entry.session.name}".`];
    if (keepCurrent) parts.push(`"${curName}" was set aside in its place (Restore swaps back).`);
    if (dropped.length) parts.push(`The oldest saved session ("${dropped[0].session.name}") was dropped (at most ${MAX_SAVED} are kept).`);
    if (err) {
      parts.push(keepCurrent
        ? `Browser storage refused the change (${err}): "${curName}" is kept only until you reload — restore it or save it as JSON.`
        : `Browser storage refused the change (${err}): "${entry.session.name}" may show up again in the set-aside list after a reload.`);
    }
    notice({ kind: err ? 'error' : 'info', text: parts.join(' ') });
    return true;
  };

  const discard = (index: number): boolean => {
    const entry = entryAt(index, 'delete');
    if (!entry) return false;
    const err = setSaved(saved.filter((e) => e !== entry));
    notice(err
      ? { kind: 'error', text: `"${entry.session.name}" was taken off the set-aside list, but browser storage refused the change (${err}); it may come back after a reload.` }
      : { kind: 'info', text: `Deleted the set-aside session "${entry.session.name}".` });
    return true;
  };

  const unWatch = watchSaved?.(() => { saved = readSaved(storage); for (const l of listeners) l(); }) ?? (() => {});
  const unRoute = route.subscribe(() => applyRoute(route.get()));
  const unStore = store.subscribe((s, prev) => {
    if (s.experimentId === prev.experimentId) return;
    writeExperimentLink(storage, s.experimentId);
    const r = route.get();
    if (r.view === 'experiment' && r.id !== s.experimentId) {
      route.replace(s.experimentId ? { view: 'experiment', id: s.experimentId } : { view: 'explorer' });
    }
  });
  applyRoute(route.get());

  return {
    route,
    saved: () => saved,
    subscribeSaved: (l) => { listeners.add(l); return () => { listeners.delete(l); }; },
    open: (id) => route.navigate({ view: 'experiment', id }),
    load: (id) => load(id),
    revert: () => {
      const id = store.getState().experimentId;
      if (id && !pristineExperimentOf(store.getState().session)) load(id, true);
    },
    restore,
    discard,
    setScheme: (scheme) => {
      const s = store.getState();
      const e = s.experimentId ? getExperiment(s.experimentId) : undefined;
      if (!e) return;
      s.actions.setIntegration(scheme === 'author' ? e.session.integration : accurateIntegration(e));
    },
    openLink,
    shareLink: (base) => linkUrl(base, linkContentOf(store.getState(), route.get())),
    stop: () => { unRoute(); unStore(); unWatch(); },
  };
}

let link: ExperimentLink | null = null;
/** The page's experiment link (browser URL, the app store, localStorage), created on first use. */
export function getExperimentLink(): ExperimentLink {
  if (!link) {
    link = createExperimentLink({
      store: getAppStore(), route: createBrowserRoute(), storage: browserStorage(),
      // Another tab setting a session aside rewrites the list: read it again so that this tab's next write keeps it.
      watchSaved: (changed) => {
        const onStorage = (e: StorageEvent) => { if (e.key === SAVED_SESSIONS_KEY || e.key === null) changed(); };
        window.addEventListener('storage', onStorage);
        return () => window.removeEventListener('storage', onStorage);
      },
    });
  }
  return link;
}
