// The analysis panels' state (its own small store, beside the app store): which panels are open, the phase plane's
// plot size, zoom box, launched points and the hover link between time and phase; the bifurcation / F–I panel's
// sweep settings. Open flags, launch duration and sweep settings persist in localStorage; the rest is per page.
// The phase request sent to the simulation worker is derived here (phaseRequest), never stored twice.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { PARAM_SPECS } from '../model/params';
import type { Box, Pixels } from '../analysis/phase';
import { MAX_LAUNCHES, type PhaseRequest } from '../analysis/phaseFrame';
import { SWEEP_DEFAULTS, SWEEP_LIMITS, isSweepParam, type SweepParam } from '../analysis/sweep';
import { browserStorage, type StorageLike } from './persistence';

export const ANALYSIS_PREFS_KEY = 'izhikevich-explorer/analysis/v1';

export interface SweepSettings {
  param: SweepParam;
  /** Range around the bifurcations and the current value (recomputed as needed), or from/to as given. */
  auto: boolean;
  from: number;
  to: number;
  steps: number;
  settle: number;
  window: number;
  /** 'given': every value from the segment's starting state; 'rest': from the stable equilibrium at that value. */
  start: 'given' | 'rest';
  /** What the ISI panel plots: every ISI, or u at each spike. */
  scatter: 'isi' | 'u';
}

export const DEFAULT_SWEEP: SweepSettings = {
  param: 'I', auto: true, from: 0, to: 20, steps: SWEEP_DEFAULTS.steps, settle: SWEEP_DEFAULTS.settle,
  window: SWEEP_DEFAULTS.window, start: 'given', scatter: 'isi',
};

/** A time linked between the time plot and the phase plane, and which side the pointer is on. */
export interface HoverLink { t: number; from: 'time' | 'phase' }

export interface AnalysisActions {
  setPhaseOpen(open: boolean): void;
  setBifOpen(open: boolean): void;
  setPhasePixels(px: Pixels): void;
  /** A zoom box (null: automatic). */
  setPhaseBox(box: Box | null): void;
  /** Launches a trajectory from (v, u) (the oldest goes when there are MAX_LAUNCHES) and remembers the point. */
  launch(p: { v: number; u: number }): void;
  clearLaunches(): void;
  setLaunchMs(ms: number): void;
  setHover(h: HoverLink | null): void;
  setSweep(patch: Partial<SweepSettings>): void;
}

export interface AnalysisState {
  phaseOpen: boolean;
  bifOpen: boolean;
  px: Pixels | null;
  box: Box | null;
  launches: { v: number; u: number }[];
  launchMs: number;
  /** The last point clicked in the phase plane (offered as the initial state). */
  picked: { v: number; u: number } | null;
  hover: HoverLink | null;
  sweep: SweepSettings;
  actions: AnalysisActions;
}

export type AnalysisStore = StoreApi<AnalysisState>;

interface Prefs { phaseOpen: boolean; bifOpen: boolean; launchMs: number; sweep: SweepSettings }

function clampNum(x: unknown, lo: number, hi: number, dflt: number, int = false): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) return dflt;
  const y = Math.min(hi, Math.max(lo, x));
  return int ? Math.round(y) : y;
}

/** Stored preferences, each field checked (anything odd falls back to its default). */
export function readPrefs(storage: StorageLike | null): Prefs {
  const d: Prefs = { phaseOpen: false, bifOpen: false, launchMs: 200, sweep: DEFAULT_SWEEP };
  if (!storage) return d;
  let raw: unknown;
  try { raw = JSON.parse(storage.getItem(ANALYSIS_PREFS_KEY) ?? 'null'); } catch { return d; }
  if (!raw || typeof raw !== 'object') return d;
  const r = raw as Record<string, unknown>;
  const sw = (r.sweep && typeof r.sweep === 'object' ? r.sweep : {}) as Record<string, unknown>;
  const param = typeof sw.param === 'string' && isSweepParam(sw.param) ? sw.param : DEFAULT_SWEEP.param;
  const spec = PARAM_SPECS[param];
  return {
    phaseOpen: r.phaseOpen === true,
    bifOpen: r.bifOpen === true,
    launchMs: clampNum(r.launchMs, 1, 5000, 200),
    sweep: {
      param,
      auto: sw.auto !== false,
      from: clampNum(sw.from, spec.min, spec.max, DEFAULT_SWEEP.from),
      to: clampNum(sw.to, spec.min, spec.max, DEFAULT_SWEEP.to),
      steps: clampNum(sw.steps, 2, SWEEP_LIMITS.steps.max, DEFAULT_SWEEP.steps, true),
      settle: clampNum(sw.settle, SWEEP_LIMITS.settle.min, SWEEP_LIMITS.settle.max, DEFAULT_SWEEP.settle),
      window: clampNum(sw.window, SWEEP_LIMITS.window.min, SWEEP_LIMITS.window.max, DEFAULT_SWEEP.window),
      start: sw.start === 'rest' ? 'rest' : 'given',
      scatter: sw.scatter === 'u' ? 'u' : 'isi',
    },
  };
}

function sameBox(a: Box | null, b: Box | null): boolean {
  return a === b || (!!a && !!b && a.vMin === b.vMin && a.vMax === b.vMax && a.uMin === b.uMin && a.uMax === b.uMax);
}

export function createAnalysisStore(storage: StorageLike | null = browserStorage()): AnalysisStore {
  const prefs = readPrefs(storage);
  const store = createStore<AnalysisState>()((set, get) => ({
    ...prefs,
    px: null,
    box: null,
    launches: [],
    picked: null,
    hover: null,
    actions: {
      setPhaseOpen: (open) => { if (open !== get().phaseOpen) set({ phaseOpen: open, hover: null }); },
      setBifOpen: (open) => { if (open !== get().bifOpen) set({ bifOpen: open }); },
      setPhasePixels: (px) => {
        const cur = get().px;
        const w = Math.max(1, Math.round(px.w)), h = Math.max(1, Math.round(px.h));
        if (!cur || cur.w !== w || cur.h !== h) set({ px: { w, h } });
      },
      setPhaseBox: (box) => { if (!sameBox(box, get().box)) set({ box }); },
      launch: (p) => set({ launches: [...get().launches, { v: p.v, u: p.u }].slice(-MAX_LAUNCHES), picked: { v: p.v, u: p.u } }),
      clearLaunches: () => set({ launches: [], picked: null }),
      setLaunchMs: (ms) => { if (Number.isFinite(ms) && ms > 0) set({ launchMs: Math.min(5000, Math.max(1, ms)) }); },
      setHover: (h) => {
        const cur = get().hover;
        if (h === cur || (h && cur && h.t === cur.t && h.from === cur.from)) return;
        set({ hover: h });
      },
      setSweep: (patch) => set({ sweep: { ...get().sweep, ...patch } }),
    },
  }));
  store.subscribe((s, prev) => {
    if (!storage) return;
    if (s.phaseOpen !== prev.phaseOpen || s.bifOpen !== prev.bifOpen || s.launchMs !== prev.launchMs || s.sweep !== prev.sweep) {
      const p: Prefs = { phaseOpen: s.phaseOpen, bifOpen: s.bifOpen, launchMs: s.launchMs, sweep: s.sweep };
      try { storage.setItem(ANALYSIS_PREFS_KEY, JSON.stringify(p)); } catch { /* storage full: preferences are not essential */ }
    }
  });
  return store;
}

/** What the simulation worker is asked for: the phase frame of the selected segment, when the panel is open and sized. */
export function phaseRequest(a: AnalysisState, selected: number): PhaseRequest | null {
  if (!a.phaseOpen || !a.px) return null;
  return { segment: selected, px: a.px, box: a.box, launches: a.launches, launchMs: a.launchMs };
}

let analysisStore: AnalysisStore | null = null;
/** The page's analysis store (created on first use). */
export function getAnalysisStore(): AnalysisStore {
  if (!analysisStore) analysisStore = createAnalysisStore();
  return analysisStore;
}

export function useAnalysis<T>(selector: (s: AnalysisState) => T): T {
  return useStore(getAnalysisStore(), selector);
}

export function useAnalysisActions(): AnalysisActions {
  return useStore(getAnalysisStore(), (s) => s.actions);
}
