// The link between the gallery, the URL and the store: opening "#experiment=<id>" loads that experiment's session
// into the explorer (setting the user's previous session aside first, savedSessions.ts, so nothing is lost), the
// sessions set aside can each be restored (the current one set aside in turn) or deleted, the hash follows the
// session's experiment, and the author's and the accurate integration schemes of an experiment can be switched.
// Session links ("#session=<data>", model/link.ts) are made here from the store and opened the same careful way.

import type { Experiment } from '../model/experiment';
import { getExperiment } from '../model/experiments';
import { accurateIntegration, pristineExperimentOf, stableJson } from './pristine';
import { decodeLink, linkUrl, type LinkContent, type LinkUrlResult } from '../model/link';
import { parseSession, quoted } from '../model/schema';
import type { Integration, Session } from '../model/session';
import { browserStorage, type StorageLike } from './persistence';
import { createBrowserRoute, formatHash, parseHash, type Route, type RouteSource } from './route';
import {
  MAX_SAVED, PAGE_TAB, SAVED_ENTRY_PREFIX, SAVED_SESSIONS_KEY, readExperimentLink, readSavedAll, removeSaved, storeSaved,
  subscribeSavedChanges, writeExperimentLink, type SavedSession, type UnreadableEntry,
} from './savedSessions';
import { SESSION_KEY, referenceSession } from './persistence';
import { UNREADABLE_PREFIX, deleteKeptAside, listKeptAside, type KeptCopy } from './keptAside';
import { getAppStore, type AppState, type AppStore } from './store';

export { accurateIntegration, pristineExperimentOf, stableJson } from './pristine';

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
  /**
   * Stored data that could not be read, kept aside (never overwritten): sessions that failed validation, an old
   * set-aside list, set-aside entries that are corrupt or from a newer version. For download or deletion.
   */
  unreadable(): readonly UnreadableData[];
  /** Deletes one unreadable item for good (the UI asks first); false with an error notice when storage refuses. */
  deleteUnreadable(key: string): boolean;
  /**
   * Opens a session made elsewhere (a map's pixel) in the explorer: the current session is set aside first unless it
   * is pristine, and a notice names what was opened (`what`) and how to get the previous session back.
   */
  openSession(session: Session, what: string): boolean;
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

/** One unreadable item as the top bar lists it. */
export interface UnreadableData { key: string; what: KeptCopy['what']; size: number; text: string; reason: string }

export interface ExperimentLinkOptions {
  store: AppStore;
  route: RouteSource;
  storage: StorageLike | null;
  now?: () => Date;
  /** Calls back when another tab changed the saved list in storage (it is then read again); returns an unsubscribe. */
  watchSaved?: (changed: () => void) => () => void;
  /**
   * Calls back when another tab saved its current session (SESSION_KEY) with the new text; this tab then sets its
   * own session aside (unless it is an unedited experiment or the same), so that no reload can lose it.
   */
  watchSession?: (changed: (text: string | null, oldText: string | null) => void) => () => void;
  /** This tab's id (default PAGE_TAB; the store's writer records use the same). */
  tabId?: string;
}

export function createExperimentLink({ store, route, storage, now = () => new Date(), watchSaved, watchSession, tabId = PAGE_TAB }: ExperimentLinkOptions): ExperimentLink {
  // The list is what storage holds (each entry its own key, so another tab's entries are never overwritten from
  // here) followed by entries storage refused, kept in this page until a later write succeeds.
  let stored: SavedSession[] = [];
  let unreadableEntries: UnreadableEntry[] = [];
  let pending: SavedSession[] = [];
  let saved: readonly SavedSession[] = [];
  let unreadable: readonly UnreadableData[] = [];
  const listeners = new Set<() => void>();
  const notice = store.getState().actions.setNotice;

  /** Reads storage again (after this page's or another tab's change) and tells the listeners. */
  const refresh = () => {
    const all = readSavedAll(storage);
    stored = all.list;
    unreadableEntries = all.unreadable;
    saved = [...stored, ...pending];
    unreadable = [
      ...listKeptAside(storage).map((c) => ({ ...c, reason: c.what === 'session' ? 'a saved session that failed validation' : 'an old set-aside list that could not be read in full' })),
      ...unreadableEntries.map((u) => ({ key: u.key, what: 'set-aside-entry' as const, size: u.size, text: u.text, reason: `a set-aside entry: ${u.reason}` })),
    ];
    for (const l of listeners) l();
  };
  refresh();

  /** Writes the entries storage refused before, now that it may take them. */
  const flushPending = () => {
    if (!pending.length) return;
    pending = pending.filter((e) => storeSaved(storage, e).error !== null);
  };

  /** Sets `e` aside (in storage, else in this page); returns the storage error, or null, and what was dropped. */
  const put = (e: Omit<SavedSession, 'key'>): { error: string | null; dropped: SavedSession[] } => {
    flushPending();
    const r = storeSaved(storage, e);
    if (r.error) pending = [...pending, r.entry];
    refresh();
    return { error: r.error, dropped: r.dropped };
  };

  /** Sets the current session aside unless it is an unedited experiment; returns a problem to report, or null. */
  const setAsideCurrent = (): string | null => {
    const s = store.getState();
    if (pristineExperimentOf(s.session)) return null;
    const { error: err, dropped } = put({ session: s.session, experimentId: s.experimentId, savedAt: now().toISOString() });
    const parts: string[] = [];
    if (err) parts.push(`Your previous session "${s.session.name}" could not be stored in this browser (${err}); it is kept until you reload — restore it or save it as JSON.`);
    if (dropped.length) parts.push(`The oldest saved session ("${dropped[0].session.name}") was dropped (at most ${MAX_SAVED} are kept).`);
    return parts.length ? parts.join(' ') : null;
  };

  /** Takes `entry` off the list (its key, or this page's copy); returns the storage error, or null. */
  const takeOff = (entry: SavedSession): string | null => {
    if (!entry.key) { pending = pending.filter((e) => e !== entry); return null; }
    return removeSaved(storage, entry.key);
  };

  const load = (id: string, force = false): boolean => {
    const e = getExperiment(id);
    if (!e) {
      notice({ kind: 'error', text: `There is no experiment ${quoted(id)} in the gallery; the explorer shows your current session.` });
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
      parts.push(`The link holds the session you have open ("${session.name}"), shown with the link's view; nothing was set aside.`);
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

  const openSession = (session: Session, what: string): boolean => {
    const cur = store.getState();
    const setAside = !pristineExperimentOf(cur.session);
    const problem = setAsideCurrent();
    const r = cur.actions.loadSession(session, null);
    if (!r.ok) {
      notice({ kind: 'error', text: `${what} could not be opened; nothing was changed:\n${r.message}` });
      return false;
    }
    route.navigate({ view: 'explorer' });
    const parts = [`Opened ${what}.`];
    if (problem) parts.push(problem);
    else if (setAside) parts.push(`Your previous session "${cur.session.name}" was set aside: Restore brings it back.`);
    notice({ kind: problem ? 'warning' : 'info', text: parts.join(' ') });
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
    const offErr = takeOff(entry);
    const { error: putErr, dropped } = keepCurrent
      ? put({ session: cur.session, experimentId: cur.experimentId, savedAt: now().toISOString() })
      : (refresh(), { error: null, dropped: [] });
    const err = putErr ?? offErr;
    const view: Route = experimentId ? { view: 'experiment', id: experimentId } : { view: 'explorer' };
    if (route.get().view !== 'gallery') route.replace(view);
    const parts = [`Restored your session "${entry.session.name}".`];
    if (keepCurrent) parts.push(`"${curName}" was set aside in its place (Restore swaps back).`);
    if (dropped.length) parts.push(`The oldest saved session ("${dropped[0].session.name}") was dropped (at most ${MAX_SAVED} are kept).`);
    if (err) {
      parts.push(putErr
        ? `Browser storage refused the change (${err}): "${curName}" is kept only until you reload — restore it or save it as JSON.`
        : `Browser storage refused the change (${err}): "${entry.session.name}" may show up again in the set-aside list after a reload.`);
    }
    notice({ kind: err ? 'error' : 'info', text: parts.join(' ') });
    return true;
  };

  const discard = (index: number): boolean => {
    const entry = entryAt(index, 'delete');
    if (!entry) return false;
    const err = takeOff(entry);
    refresh();
    notice(err
      ? { kind: 'error', text: `"${entry.session.name}" was taken off the set-aside list, but browser storage refused the change (${err}); it may come back after a reload.` }
      : { kind: 'info', text: `Deleted the set-aside session "${entry.session.name}".` });
    return true;
  };

  /**
   * Another tab saved a session as the current one: unless this tab's session is an unedited experiment or equal to
   * it, set this tab's aside (one entry per page, replaced by later ones) and say so; this tab keeps its session, and
   * its next save sets the other tab's aside in turn (store.ts), so neither is lost.
   */
  const onOtherTabSession = (text: string | null, oldText: string | null) => {
    const cur = store.getState();
    // An unedited experiment or the untouched reference scenario is nobody's work: nothing to keep.
    if (text === null || pristineExperimentOf(cur.session) || stableJson(cur.session) === stableJson(referenceSession())) return;
    let other: Session | null = null;
    try { const r = parseSession(JSON.parse(text)); if (r.ok) other = r.session; } catch { /* unreadable: nothing to compare */ }
    if (other && stableJson(other) === stableJson(cur.session)) return;
    // This tab's session was the one stored (nothing unsaved here): the other tab continued from it; just say so.
    if (oldText !== null && oldText === JSON.stringify(cur.session)) {
      notice({ kind: 'info', text: `Another tab saved ${other ? `"${other.name}"` : 'a session'} in this browser over "${cur.session.name}", which this tab shows; saving here keeps the other one in the set-aside list.` });
      return;
    }
    flushPending();
    const r = storeSaved(storage, { session: cur.session, experimentId: cur.experimentId, savedAt: now().toISOString(), origin: `tab:${tabId}` });
    if (r.error) pending = [...pending, r.entry];
    refresh();
    const otherName = other ? `"${other.name}"` : 'a session';
    notice(r.error
      ? { kind: 'error', text: `Another tab saved ${otherName} in this browser, and storage refused to set this tab's session "${cur.session.name}" aside (${r.error}): save it as JSON to keep it.` }
      : { kind: 'warning', text: `Another tab saved ${otherName} in this browser. This tab's session "${cur.session.name}" is kept in the set-aside list, so that a reload cannot lose it; this tab keeps showing it, and saving it here sets the other one aside.` });
  };

  const unWatch = watchSaved?.(refresh) ?? (() => {});
  const unWatchSession = watchSession?.(onOtherTabSession) ?? (() => {});
  const unLocal = subscribeSavedChanges(refresh);
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
    openSession,
    shareLink: (base) => linkUrl(base, linkContentOf(store.getState(), route.get())),
    unreadable: () => unreadable,
    deleteUnreadable: (key) => {
      const err = deleteKeptAside(storage, key, [SAVED_ENTRY_PREFIX, SAVED_SESSIONS_KEY]);
      refresh();
      if (err) { notice({ kind: 'error', text: `The unreadable data could not be deleted (${err}).` }); return false; }
      notice({ kind: 'info', text: 'Deleted the unreadable data.' });
      return true;
    },
    stop: () => { unRoute(); unStore(); unWatch(); unWatchSession(); unLocal(); },
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
        const onStorage = (e: StorageEvent) => {
          if (e.key === null || e.key === SAVED_SESSIONS_KEY || e.key.startsWith(SAVED_ENTRY_PREFIX) || e.key.startsWith(UNREADABLE_PREFIX)) changed();
        };
        window.addEventListener('storage', onStorage);
        return () => window.removeEventListener('storage', onStorage);
      },
      watchSession: (changed) => {
        const onStorage = (e: StorageEvent) => { if (e.key === SESSION_KEY && e.storageArea === localStorage) changed(e.newValue, e.oldValue); };
        window.addEventListener('storage', onStorage);
        return () => window.removeEventListener('storage', onStorage);
      },
    });
  }
  return link;
}
