// The app's single Zustand store: the session (always valid per schema.parseSession), the selected segment,
// export settings, UI flags, a summary of the latest run and the revision of the traces on display (the traces
// themselves live in plotData.ts). Every session edit is validated before it is applied; the session is persisted.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ParamKey } from '../model/params';
import type { PresetId } from '../model/presets';
import { formatIssues, parseSession, type SchemaIssue } from '../model/schema';
import type { Integration, Session } from '../model/session';
import type { RunStatus, SegmentResult, Snapshot } from '../engine/types';
import * as ops from './sessionOps';
import {
  browserStorage, loadPrefs, loadSession, referenceSession, savePrefs, saveSession, type Prefs, type StorageLike,
} from './persistence';

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
}

export interface Actions {
  select(i: number): void;
  /** Sets a parameter in the selected segment (written into its `assign`). */
  setParam(key: ParamKey, value: number): EditResult;
  setParamAt(i: number, key: ParamKey, value: number): EditResult;
  /** Drops segment i's own value of `key` (the carried-over value applies again). */
  clearParamAt(i: number, key: ParamKey): EditResult;
  applyPreset(id: PresetId | null, i?: number): EditResult;
  setIntegration(patch: Partial<Integration>): EditResult;
  setTransient(ms: number): EditResult;
  setInitial(patch: Partial<Session['initial']>): EditResult;
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
  actions: Actions;
}

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
}

export function createAppStore(storage: StorageLike | null = browserStorage(), options: StoreOptions = {}): AppStore {
  const saveDelayMs = options.saveDelayMs ?? 0;
  const loaded = loadSession(storage);
  const prefs = loadPrefs(storage);

  const store = createStore<AppState>()((set, get) => {
    /** Validates a candidate session and applies it, or reports why not. */
    const commit = (candidate: Session, after?: Partial<AppState>): EditResult => {
      const r = parseSession(candidate);
      if (!r.ok) return { ok: false, message: formatIssues(r.issues), issues: r.issues };
      const selected = Math.min(after?.selected ?? get().selected, r.session.protocol.length - 1);
      const session = shareStructure(get().session, r.session);
      if (same(session, get().session) && !after) return { ok: true };
      set({ ...after, session, selected });
      return { ok: true };
    };
    const edit = (f: (s: Session) => Session, after?: Partial<AppState>) => commit(f(get().session), after);

    const actions: Actions = {
      select: (i) => {
        const n = get().session.protocol.length;
        if (Number.isInteger(i) && i >= 0 && i < n && i !== get().selected) set({ selected: i });
      },
      setParam: (key, value) => edit((s) => ops.setParamAt(s, get().selected, key, value)),
      setParamAt: (i, key, value) => edit((s) => ops.setParamAt(s, i, key, value)),
      clearParamAt: (i, key) => edit((s) => ops.clearParamAt(s, i, key)),
      applyPreset: (id, i) => edit((s) => ops.applyPresetAt(s, i ?? get().selected, id)),
      setIntegration: (patch) => edit((s) => ops.setIntegration(s, patch)),
      setTransient: (ms) => edit((s) => ops.setTransient(s, ms)),
      setInitial: (patch) => edit((s) => ops.setInitial(s, patch)),
      setName: (name) => edit((s) => ops.setName(s, name)),
      setUntil: (i, until) => edit((s) => ops.setUntil(s, i, until)),
      setSlope: (i, slope) => edit((s) => ops.setSlope(s, i, slope)),
      setLabel: (i, label) => edit((s) => ops.setLabel(s, i, label)),
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
      reset: () => { set({ session: referenceSession(), selected: 0, notice: null, experimentId: null, view: { ...get().view, window: null } }); },
      importSession: (text) => {
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch (e) {
          const message = `not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
          return { ok: false, message, issues: [{ path: '(file)', message }] };
        }
        return commit(data as Session, { selected: 0, experimentId: null, view: { ...get().view, window: null } });
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
      actions,
    };
  });

  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (saveTimer !== null) { clearTimeout(saveTimer); saveTimer = null; }
    const s = store.getState();
    const err = saveSession(storage, s.session);
    if (err && s.notice?.text !== err) store.setState({ notice: { kind: 'error', text: err } });
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
