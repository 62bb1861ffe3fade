// The app's single Zustand store: the session (always valid per schema.parseSession), the selected segment,
// export settings, UI flags, a summary of the latest run and the revision of the traces on display (the traces
// themselves live in plotData.ts). Every session edit is validated, applied, persisted and recorded for undo/redo
// (history.ts: bounded, in memory, a drag or typing in one field coalesced into one step).

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { formatIssues, parseSession, parseSessionText, readSessionJson, type SchemaIssue } from '../model/schema';
import { sessionDuration, type Integration, type ModelOptions, type Session } from '../model/session';
import type { ModelId } from '../model/models';
import type { RunStatus, SegmentResult, Snapshot } from '../engine/types';
import * as ops from './sessionOps';
import {
  COALESCE_MS, EMPTY_HISTORY, HISTORY_LIMIT, canRedo, canUndo, createCoalescer, pushPast, redoStep, undoStep,
  type History, type HistoryEntry,
} from './history';
import {
  browserStorage, loadPrefs, loadSession, referenceSession, savePrefs, saveSessionChecked, type Prefs, type StorageLike,
} from './persistence';
import { PAGE_TAB, storeSaved } from './savedSessions';
import { keepAside } from './keptAside';
import { pristineExperimentOf } from './pristine';

export type EditResult = { ok: true } | { ok: false; message: string; issues: SchemaIssue[] };

export interface ExportSettings { width: number; height: number; scale: number }

export interface Notice { kind: 'info' | 'warning' | 'error'; text: string }

export type DisplayStatus = RunStatus | { kind: 'error'; message: string };

/** Small results of the latest finished run (the traces are not here). */
export interface RunInfo {
  runId: number;
  status: DisplayStatus;
  segments: SegmentResult[];
  snapshots: Snapshot[];
  spikeCount: number;
  duration: number;
  steps: number;
  fullLength: number;
  /** Engine and reduction times; from which segment the run was re-integrated (the rest came from the previous run). */
  timing: { simulateMs: number; decimateMs: number; resumedFrom?: number; stepsIntegrated?: number };
  /**
   * Whose numbers these are: 'this' = the run `status` describes; 'previous' = that request produced nothing (refused,
   * failed) and the segments, spikes, duration and plot are still the previous run's; 'nothing' = no run has produced
   * results yet (nothing to show).
   */
  shows: 'this' | 'previous' | 'nothing';
  /** The status of the run whose numbers these are (equal to `status` when shows = 'this'). */
  shownStatus: DisplayStatus;
  /** Every segment of that run's protocol (`segments` has only those it reached), for "not computed" rows. */
  planned: { label: string; t_start: number; t_end: number }[];
}

export interface Actions {
  select(i: number): void;
  /** Sets a parameter in the selected segment (written into its `assign`). */
  setParam(key: string, value: number): EditResult;
  setParamAt(i: number, key: string, value: number): EditResult;
  /** Drops segment i's own value of `key` (the carried-over value applies again). */
  clearParamAt(i: number, key: string): EditResult;
  applyPreset(id: string | null, i?: number): EditResult;
  setIntegration(patch: Partial<Integration>): EditResult;
  setTransient(ms: number): EditResult;
  setInitial(patch: Partial<Session['initial']>): EditResult;
  /** Switches the neuron model (2003 ↔ 2007 form): the protocol is kept, currents converted (sessionOps.switchModel). */
  setModel(model: ModelId): EditResult;
  /** Sets model options (refractory period, V_min); undefined or 0 refractory / undefined vMin turns one off. */
  setOptions(patch: Partial<ModelOptions>): EditResult;
  setName(name: string): EditResult;
  setUntil(i: number, until: number): EditResult;
  setSlope(i: number, slope: number): EditResult;
  setLabel(i: number, label: string): EditResult;
  addSegment(): EditResult;
  removeSegment(i: number): EditResult;
  moveSegment(i: number, dir: -1 | 1): EditResult;
  /** Back to the reference scenario. */
  reset(): void;
  /** Replaces the session by one read from JSON text (validated; nothing changes on error). */
  importSession(text: string): EditResult;
  /**
   * Replaces the whole session (validated; nothing changes on error), selecting its first segment and showing the
   * whole run. `experimentId`: the gallery experiment it comes from (null: none). Callers keep the previous session.
   */
  loadSession(session: Session, experimentId?: string | null): EditResult;
  exportSessionJson(): string;
  setExportSettings(patch: Partial<ExportSettings>): void;
  setShowCoefficients(show: boolean): void;
  setNotice(n: Notice | null): void;
  /** The plot's visible time window (null = the whole run); the worker re-decimates for it. */
  setViewWindow(window: [number, number] | null): void;
  /** Pixel columns of the plot area (each trace gets ≤ 2 points per column). */
  setPlotColumns(columns: number): void;
  /**
   * Back to the state before the latest edit step (session, its experiment, the segment selected then); false when
   * there is nothing to undo. Edits are steps; selection, view, export settings and notices are not.
   */
  undo(): boolean;
  /** Forward again to the state the latest undo left; false when there is nothing to redo (a new edit clears redo). */
  redo(): boolean;
  /** Ends the current edit step: the next edit is a new step even with the same key (pointer released, field left). */
  sealHistory(): void;
  /** A pointer is held down (a drag begins): its same-key edits form one step however slowly it moves, until sealHistory. */
  holdHistory(): void;
  /** For the simulation controller. */
  runStarted(): void;
  runFinished(info: RunInfo | null, revision: number | null, stillRunning: boolean): void;
}

export interface AppState {
  session: Session;
  selected: number;
  exportSettings: ExportSettings;
  showCoefficients: boolean;
  notice: Notice | null;
  /** A simulation is in flight or waiting. */
  running: boolean;
  run: RunInfo | null;
  /** The gallery experiment the session was loaded from (kept while it is edited), or null. */
  experimentId: string | null;
  /** Run id of the traces held in plotData (0 before the first result). */
  revision: number;
  view: ViewState;
  /** Undo/redo stacks (in memory only: a reload starts a fresh history). Read them through canUndoSel / canRedoSel. */
  history: History;
  actions: Actions;
}

/** Selectors of whether Undo / Redo can act (derived from the stacks, not stored twice). */
export const canUndoSel = (s: AppState): boolean => canUndo(s.history);
export const canRedoSel = (s: AppState): boolean => canRedo(s.history);

export interface ViewState {
  window: [number, number] | null;
  columns: number;
}

export type AppStore = StoreApi<AppState>;

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `next` with every part that equals the corresponding part of `prev` replaced by prev's object, so that
 * selectors of unchanged parts (a segment, the integration settings) keep their identity and nothing re-renders.
 */
export function shareStructure(prev: Session, next: Session): Session {
  const protocol = next.protocol.map((seg, i) => (prev.protocol[i] && same(prev.protocol[i], seg) ? prev.protocol[i] : seg));
  const unchanged = protocol.length === prev.protocol.length && protocol.every((seg, i) => seg === prev.protocol[i]);
  return {
    ...next,
    params: same(prev.params, next.params) ? prev.params : next.params,
    initial: same(prev.initial, next.initial) ? prev.initial : next.initial,
    integration: same(prev.integration, next.integration) ? prev.integration : next.integration,
    protocol: unchanged ? prev.protocol : protocol,
  };
}

/** A first guess of the plot width before it is measured (the sidebar takes about 380 px). */
function initialColumns(): number {
  const w = typeof window !== 'undefined' && window.innerWidth ? window.innerWidth - 460 : 1000;
  return Math.max(200, Math.min(4000, Math.round(w)));
}

export interface StoreOptions {
  /**
   * Saving waits this long after the last change (ms), so a slider drag does not write storage at every step;
   * pending saves are flushed when the page is hidden or left. 0 = save synchronously.
   */
  saveDelayMs?: number;
  /** Clock for coalescing edits into undo steps (ms, monotonic); tests inject their own. Default performance.now. */
  now?: () => number;
  /** Undo steps kept (default HISTORY_LIMIT = 200). */
  historyLimit?: number;
  /** Same-key edits at most this far apart form one undo step (default COALESCE_MS = 1000 ms). */
  coalesceMs?: number;
  /** Wall clock for the time stamps of sessions set aside on a cross-tab conflict (default new Date()). */
  clock?: () => Date;
  /** This tab's id in the writer record and in conflict entries (default PAGE_TAB; tests give each "tab" its own). */
  tabId?: string;
}

/**
 * Keeps another tab's saved session before this tab saves over it: as a set-aside entry (origin "tab:<id>", so
 * that a later version from the same tab replaces it), or, if it does not validate, as a kept-aside copy.
 */
function keepOtherTabSession(storage: StorageLike | null, other: { text: string; tab: string | null }, at: Date): { what: string | null; error: string | null } {
  const r = parseSessionText(other.text, 'the other tab\'s session');
  // The untouched reference scenario or an unedited experiment is nobody's work (Reset, the gallery bring it back).
  if (r.ok && (JSON.stringify(r.session) === JSON.stringify(referenceSession()) || pristineExperimentOf(r.session))) return { what: null, error: null };
  if (r.ok) {
    const s = storeSaved(storage, { session: r.session, experimentId: null, savedAt: at.toISOString(), ...(other.tab ? { origin: `tab:${other.tab}` } : {}) });
    return { what: `its session "${r.session.name}"`, error: s.error };
  }
  const k = storage ? keepAside(storage, 'session', other.text) : { error: 'no browser storage is available' };
  return { what: 'a session this version cannot read (kept as unreadable data)', error: k.error };
}

const defaultClock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function createAppStore(storage: StorageLike | null = browserStorage(), options: StoreOptions = {}): AppStore {
  const saveDelayMs = options.saveDelayMs ?? 0;
  const loaded = loadSession(storage);
  const prefs = loadPrefs(storage);
  const historyLimit = Math.max(1, options.historyLimit ?? HISTORY_LIMIT);
  const coalescer = createCoalescer(options.now ?? defaultClock, options.coalesceMs ?? COALESCE_MS);

  const store = createStore<AppState>()((set, get) => {
    /**
     * The history after an edit from `cur` to (session, experimentId): a new step with cur's state on `past`, or,
     * when the edit continues the current step (same coalesce key, soon after), the same stacks; a step that a
     * continued edit brought back to its starting state is dropped (dragging out and back leaves nothing to undo).
     */
    const record = (cur: AppState, session: Session, experimentId: string | null, key: string | null): History => {
      const h = cur.history;
      if (coalescer.startsStep(key) || !h.past.length) {
        return pushPast(h, { session: cur.session, experimentId: cur.experimentId, selected: cur.selected }, historyLimit);
      }
      const top = h.past[h.past.length - 1];
      if (top.experimentId === experimentId && same(top.session, session)) {
        coalescer.seal();
        return { past: h.past.slice(0, -1), future: h.future };
      }
      return h;
    };

    /**
     * Validates a candidate session and applies it (with `after`'s other state), or reports why not. A change of
     * the session or its experiment is recorded for undo; `key` names the edit for coalescing (null: never coalesce).
     */
    const commit = (candidate: Session, after?: Partial<AppState>, key: string | null = null): EditResult => {
      const r = parseSession(candidate);
      if (!r.ok) return { ok: false, message: formatIssues(r.issues, r.omitted), issues: r.issues };
      const cur = get();
      const selected = Math.min(after?.selected ?? cur.selected, r.session.protocol.length - 1);
      const shared = shareStructure(cur.session, r.session);
      const unchanged = same(shared, cur.session);
      if (unchanged && !after) return { ok: true };
      const session = unchanged ? cur.session : shared;
      const experimentId = after && after.experimentId !== undefined ? after.experimentId : cur.experimentId;
      const history = unchanged && experimentId === cur.experimentId ? cur.history : record(cur, session, experimentId, key);
      set({ ...after, session, selected, history });
      return { ok: true };
    };
    const edit = (f: (s: Session) => Session, after?: Partial<AppState>, key: string | null = null) =>
      commit(f(get().session), after, key);

    /** Applies an undo/redo step; the view window is kept unless the run's duration changes. */
    const restore = (step: { entry: HistoryEntry; history: History } | null): boolean => {
      coalescer.seal();
      if (!step) return false;
      const cur = get();
      const { entry, history } = step;
      const selected = Math.max(0, Math.min(entry.selected, entry.session.protocol.length - 1));
      const view = sessionDuration(entry.session) === sessionDuration(cur.session) ? cur.view : { ...cur.view, window: null };
      set({ session: entry.session, experimentId: entry.experimentId, selected, history, view });
      return true;
    };
    const currentEntry = (): HistoryEntry => {
      const s = get();
      return { session: s.session, experimentId: s.experimentId, selected: s.selected };
    };

    const actions: Actions = {
      select: (i) => {
        const n = get().session.protocol.length;
        if (Number.isInteger(i) && i >= 0 && i < n && i !== get().selected) set({ selected: i });
      },
      setParam: (key, value) => {
        const i = get().selected;
        return edit((s) => ops.setParamAt(s, i, key, value), undefined, `param:${i}:${key}`);
      },
      setParamAt: (i, key, value) => edit((s) => ops.setParamAt(s, i, key, value), undefined, `param:${i}:${key}`),
      clearParamAt: (i, key) => edit((s) => ops.clearParamAt(s, i, key)),
      applyPreset: (id, i) => edit((s) => ops.applyPresetAt(s, i ?? get().selected, id)),
      setIntegration: (patch) => edit((s) => ops.setIntegration(s, patch), undefined, `integration:${Object.keys(patch).sort().join(',')}`),
      setTransient: (ms) => edit((s) => ops.setTransient(s, ms), undefined, 'transient'),
      setInitial: (patch) => edit((s) => ops.setInitial(s, patch), undefined, `initial:${Object.keys(patch).sort().join(',')}`),
      setModel: (model) => edit((s) => ops.switchModel(s, model), { selected: 0 }),
      setOptions: (patch) => edit((s) => ops.setOptions(s, patch), undefined, `options:${Object.keys(patch).sort().join(',')}`),
      setName: (name) => edit((s) => ops.setName(s, name), undefined, 'name'),
      setUntil: (i, until) => edit((s) => ops.setUntil(s, i, until), undefined, `until:${i}`),
      setSlope: (i, slope) => edit((s) => ops.setSlope(s, i, slope), undefined, `slope:${i}`),
      setLabel: (i, label) => edit((s) => ops.setLabel(s, i, label), undefined, `label:${i}`),
      addSegment: () => edit((s) => ops.addSegment(s), { selected: get().session.protocol.length }),
      removeSegment: (i) => {
        const sel = get().selected;
        return edit((s) => ops.removeSegment(s, i), { selected: sel > i ? sel - 1 : sel });
      },
      moveSegment: (i, dir) => {
        const sel = get().selected;
        const j = i + dir;
        const selected = sel === i ? j : sel === j ? i : sel;
        return edit((s) => ops.moveSegment(s, i, dir), { selected });
      },
      reset: () => {
        const r = commit(referenceSession(), { selected: 0, notice: null, experimentId: null, view: { ...get().view, window: null } });
        if (!r.ok) throw new Error(`the reference scenario does not validate: ${r.message}`);
      },
      importSession: (text) => {
        const j = readSessionJson(text);
        if (!j.ok) return { ok: false, message: formatIssues(j.issues), issues: j.issues };
        return commit(j.data as Session, { selected: 0, experimentId: null, view: { ...get().view, window: null } });
      },
      loadSession: (session, experimentId = null) => commit(session, { selected: 0, experimentId, view: { ...get().view, window: null } }),
      exportSessionJson: () => JSON.stringify(get().session, null, 2) + '\n',
      setExportSettings: (patch) => set({ exportSettings: { ...get().exportSettings, ...patch } }),
      setShowCoefficients: (show) => set({ showCoefficients: show }),
      setNotice: (notice) => set({ notice }),
      setViewWindow: (w) => {
        const cur = get().view.window;
        if (w === cur || (w && cur && w[0] === cur[0] && w[1] === cur[1])) return;
        set({ view: { ...get().view, window: w } });
      },
      setPlotColumns: (columns) => {
        const c = Math.max(1, Math.round(columns));
        if (c !== get().view.columns) set({ view: { ...get().view, columns: c } });
      },
      undo: () => restore(undoStep(get().history, currentEntry())),
      redo: () => restore(redoStep(get().history, currentEntry())),
      sealHistory: () => coalescer.seal(),
      holdHistory: () => coalescer.hold(),
      runStarted: () => { if (!get().running) set({ running: true }); },
      runFinished: (info, revision, stillRunning) => {
        const patch: Partial<AppState> = { running: stillRunning };
        if (info) patch.run = info;
        if (revision !== null) patch.revision = revision;
        set(patch);
      },
    };

    return {
      session: loaded.session,
      selected: Math.min(prefs.selected, loaded.session.protocol.length - 1),
      exportSettings: prefs.exportSettings,
      showCoefficients: prefs.showCoefficients,
      notice: loaded.message ? { kind: 'warning', text: loaded.message } : null,
      running: false,
      run: null,
      experimentId: null,
      revision: 0,
      view: { window: null, columns: initialColumns() },
      history: EMPTY_HISTORY,
      actions,
    };
  });

  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const tabId = options.tabId ?? PAGE_TAB;
  /** The SESSION_KEY text this tab last read or wrote: a different stored text means another tab saved since. */
  let known = loaded.storedText;
  const flush = () => {
    if (saveTimer !== null) { clearTimeout(saveTimer); saveTimer = null; }
    const s = store.getState();
    const setNotice = (n: Notice) => { if (s.notice?.text !== n.text) store.setState({ notice: n }); };
    let out = saveSessionChecked(storage, s.session, known, tabId);
    if (out.other) {
      // Another tab saved its session since this tab last did: never overwrite it silently — set it aside first.
      const kept = keepOtherTabSession(storage, out.other, (options.clock ?? (() => new Date()))());
      if (kept.error) {
        setNotice({ kind: 'error', text: `Another tab saved its session in this browser, and it could not be set aside (${kept.error}), so this tab's session "${s.session.name}" was not saved over it: save it as JSON to keep it.` });
        return;
      }
      out = saveSessionChecked(storage, s.session, out.other.text, tabId);
      if (!out.error && kept.what) {
        setNotice({ kind: 'warning', text: `Another tab had saved ${kept.what} in this browser since this tab last saved; it was set aside (Set aside → Restore brings it back) before this tab's session "${s.session.name}" was saved.` });
      }
    }
    if (out.written !== null) known = out.written;
    if (out.error) setNotice({ kind: 'error', text: out.error });
  };
  if (saveDelayMs > 0 && typeof window !== 'undefined') {
    window.addEventListener('pagehide', () => { if (saveTimer !== null) flush(); });
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden' && saveTimer !== null) flush(); });
  }

  store.subscribe((s, prev) => {
    if (s.session !== prev.session) {
      if (saveDelayMs <= 0) flush();
      else if (saveTimer === null) saveTimer = setTimeout(flush, saveDelayMs);
    }
    if (s.selected !== prev.selected || s.exportSettings !== prev.exportSettings || s.showCoefficients !== prev.showCoefficients) {
      const p: Prefs = { selected: s.selected, exportSettings: s.exportSettings, showCoefficients: s.showCoefficients };
      savePrefs(storage, p);
    }
  });
  return store;
}

/** The app's store (created on first use, so tests can build their own with createAppStore). */
let appStore: AppStore | null = null;
export function getAppStore(): AppStore {
  if (!appStore) appStore = createAppStore(browserStorage(), { saveDelayMs: 250 });
  return appStore;
}

/** React hook: select a slice of the app state (return primitives or stable references). */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(getAppStore(), selector);
}

/** The actions (a stable object). */
export function useActions(): Actions {
  return useStore(getAppStore(), (s) => s.actions);
}
