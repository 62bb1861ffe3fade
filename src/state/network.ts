// State of the network view (its own small Zustand store): the network being edited (always valid per
// parseNetwork, saved in localStorage), the run on display (phase, progress, timings), the probed cell and a revision
// of the streamed data. The spikes and the probe's v(t) live outside the store (NetData, typed arrays that grow as
// chunks arrive); the readouts derived from them (rates, spectrum, peaks) are computed on demand per revision.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { rhythms, typeStats, type NetworkSummary, type RhythmSummary } from '../analysis/network';
import { cloneNetwork, paperNetwork, totalCells, type NetworkSpec } from '../model/network';
import { networkJson, parseNetwork } from '../model/networkSchema';
import { formatIssues, type SchemaIssue } from '../model/schema';
import type { NetworkReply } from '../worker/networkProtocol';
import { NetworkClient, createNetworkWorker, type NetworkWorkerLike } from '../worker/networkClient';
import type { StorageLike } from './persistence';

export const NETWORK_KEY = 'izhikevich-explorer/network/v1';
export const NETWORK_REJECTED_KEY = 'izhikevich-explorer/network/v1/rejected';

export type RunPhase = 'building' | 'running' | 'paused' | 'done' | 'stopped' | 'diverged' | 'full' | 'refused' | 'error';

export interface RunInfo {
  id: number;
  /** The network this run simulates (the controls may have changed since). */
  spec: NetworkSpec;
  phase: RunPhase;
  message: string | null;
  n: number;
  ne: number;
  /** Simulated time reached, ms. */
  time: number;
  /** Compute time of the simulation (pauses excluded) and of drawing the network, ms. */
  computeMs: number;
  buildMs: number;
  memoryBytes: number;
  engine: 'wasm' | 'js' | null;
  /** Sampling of the recorded v: every recordEvery steps of h ms from sampleT0 ms. */
  h: number;
  recordEvery: number;
  sampleT0: number;
}

export type EditResult = { ok: true } | { ok: false; message: string; issues: SchemaIssue[] };

export interface NetworkState {
  spec: NetworkSpec;
  run: RunInfo | null;
  /** Re-run automatically after an edit. */
  autoRun: boolean;
  /** Bumped when streamed data (spikes, the probe's trace) changed on screen. */
  revision: number;
  notice: { kind: 'info' | 'error'; text: string } | null;
  actions: NetworkActions;
}

export interface NetworkActions {
  /** Applies an edit to a copy of the network; refused (with the schema's message) when the result is invalid. */
  edit(change: (s: NetworkSpec) => void): EditResult;
  /** Renames the network (files are named after it); no re-run. */
  rename(name: string): EditResult;
  /** The paper's network (keeps nothing of the edited one). */
  resetToPaper(): void;
  run(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Follows cell i's v(t) (null: none). */
  pick(cell: number | null): void;
  setAutoRun(on: boolean): void;
  /** The time the figure took to draw (ms): repaints while streaming are spaced to keep the page responsive. */
  reportPaint(ms: number): void;
  /** Opens a network file's text; on success it is run. */
  open(text: string, fileName: string): EditResult;
  dismissNotice(): void;
}

/** The streamed data of the run on display, with the spike counts per 1 ms bin and per type kept as it arrives. */
export class NetData {
  t = new Float64Array(4096);
  cell = new Int32Array(4096);
  count = 0;
  /** Spikes per 1 ms bin (bin k: k < t ≤ k + 1) and per cell type. */
  bins = new Float64Array(0);
  spikesE = 0;
  spikesI = 0;
  ne = 0;
  /** Probed cell and its recorded v so far. */
  traceCell: number | null = null;
  traceV = new Float32Array(1024);
  traceCount = 0;

  reset(duration = 0, ne = 0): void {
    this.count = 0;
    this.traceCell = null;
    this.traceCount = 0;
    this.bins = new Float64Array(Math.max(0, Math.ceil(duration - 1e-9)));
    this.spikesE = 0;
    this.spikesI = 0;
    this.ne = ne;
  }

  append(t: Float64Array, cell: Int32Array): void {
    const need = this.count + t.length;
    if (need > this.t.length) {
      let cap = this.t.length;
      while (cap < need) cap *= 2;
      const t2 = new Float64Array(cap); t2.set(this.t.subarray(0, this.count)); this.t = t2;
      const c2 = new Int32Array(cap); c2.set(this.cell.subarray(0, this.count)); this.cell = c2;
    }
    this.t.set(t, this.count);
    this.cell.set(cell, this.count);
    this.count = need;
    const bins = this.bins, last = bins.length - 1;
    for (let k = 0; k < t.length; k++) {
      let b = Math.ceil(t[k]) - 1;
      if (b < 0) b = 0;
      if (b > last) b = last;
      if (last >= 0) bins[b] += 1;
      if (cell[k] < this.ne) this.spikesE++; else this.spikesI++;
    }
  }

  appendTrace(cell: number, from: number, v: Float32Array): void {
    if (from === 0 || cell !== this.traceCell) { this.traceCell = cell; this.traceCount = 0; }
    if (from !== this.traceCount) return; // a gap: wait for the full trace the next probe command brings
    const need = from + v.length;
    if (need > this.traceV.length) {
      let cap = this.traceV.length;
      while (cap < need) cap *= 2;
      const v2 = new Float32Array(cap); v2.set(this.traceV.subarray(0, this.traceCount)); this.traceV = v2;
    }
    this.traceV.set(v, from);
    this.traceCount = need;
  }
}

export interface NetworkEnv {
  createWorker: () => NetworkWorkerLike;
  storage: StorageLike | null;
  /** Schedules a repaint (requestAnimationFrame in the page). */
  frame: (fn: () => void) => void;
  now: () => number;
  /** Delay of the automatic re-run after an edit, ms. */
  autoRunDelayMs: number;
  /** Shortest interval between two repaints while data streams in, ms. */
  repaintMs: number;
}

function loadSpec(storage: StorageLike | null): { spec: NetworkSpec; message: string | null } {
  if (!storage) return { spec: paperNetwork(), message: null };
  let raw: string | null = null;
  try { raw = storage.getItem(NETWORK_KEY); } catch { return { spec: paperNetwork(), message: null }; }
  if (raw === null) return { spec: paperNetwork(), message: null };
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch { parsed = undefined; }
  const r = parseNetwork(parsed);
  if (r.ok) return { spec: r.spec, message: null };
  try { storage.setItem(NETWORK_REJECTED_KEY, raw); } catch { /* storage full: the message still says what happened */ }
  return {
    spec: paperNetwork(),
    message: `The saved network could not be used (${r.issues[0]?.path}: ${r.issues[0]?.message}); it was kept in localStorage under "${NETWORK_REJECTED_KEY}" and the paper's network is shown.`,
  };
}

/** The readouts of the run on display; the spectrum may cover less time than the rest while the run streams. */
export type LiveSummary = NetworkSummary & { rhythmDuration: number };

export interface NetworkStore {
  store: StoreApi<NetworkState>;
  data: NetData;
  client: NetworkClient;
  /** Readouts of the run on display: rates and population rate per revision, the spectrum at most once a second while running. */
  summary(): LiveSummary | null;
}

/** While a run streams, its spectrum is recomputed at most this often (ms of wall time). */
export const RHYTHM_REFRESH_MS = 1000;

export function createNetworkStore(env: NetworkEnv): NetworkStore {
  const data = new NetData();
  const loaded = loadSpec(env.storage);
  let autoTimer: ReturnType<typeof setTimeout> | null = null;
  let repaintPending = false;
  let lastRepaint = -Infinity;
  let cached: { revision: number; runId: number; time: number; summary: LiveSummary } | null = null;
  let rhythm: { runId: number; time: number; final: boolean; at: number; r: RhythmSummary } | null = null;
  let paintCost = 0;
  // The client exists before the store; its callbacks are wired to the store's handlers below.
  let onReply: (r: NetworkReply) => void = () => {};
  let onFailure: (id: number, message: string) => void = () => {};
  const client = new NetworkClient(env.createWorker, (r) => onReply(r), (id, m) => onFailure(id, m));

  const store = createStore<NetworkState>()((set, get) => {
    const patchRun = (id: number, patch: Partial<RunInfo>) => {
      const run = get().run;
      if (run && run.id === id) set({ run: { ...run, ...patch } });
    };
    const bump = () => set({ revision: get().revision + 1 });
    const repaintSoon = (immediate: boolean) => {
      if (immediate) { lastRepaint = env.now(); bump(); return; }
      if (repaintPending) return;
      repaintPending = true;
      env.frame(() => {
        repaintPending = false;
        if (env.now() - lastRepaint < Math.max(env.repaintMs, 4 * paintCost)) { repaintSoon(false); return; }
        lastRepaint = env.now();
        bump();
      });
    };

    onReply = (r: NetworkReply) => {
      switch (r.type) {
        case 'started':
          patchRun(r.id, {
            phase: 'running', n: r.n, ne: r.ne, buildMs: r.buildMs, memoryBytes: r.memoryBytes,
            h: r.h, recordEvery: r.recordEvery, sampleT0: r.sampleT0, engine: r.engine,
          });
          repaintSoon(true);
          break;
        case 'refused':
          patchRun(r.id, { phase: 'refused', message: r.message });
          repaintSoon(true);
          break;
        case 'error':
          patchRun(r.id, { phase: 'error', message: r.message });
          repaintSoon(true);
          break;
        case 'chunk':
          data.append(r.t, r.cell);
          patchRun(r.id, { time: r.time, computeMs: r.computeMs });
          repaintSoon(false);
          break;
        case 'trace':
          data.appendTrace(r.cell, r.from, r.v);
          repaintSoon(r.from === 0);
          break;
        case 'paused':
          patchRun(r.id, { phase: 'paused', time: r.time });
          repaintSoon(true);
          break;
        case 'resumed':
          patchRun(r.id, { phase: 'running' });
          break;
        case 'finished':
          patchRun(r.id, { phase: r.status, message: r.message, time: r.time, computeMs: r.computeMs });
          repaintSoon(true);
          break;
      }
    };

    onFailure = (id, message) => {
      patchRun(id, { phase: 'error', message });
      repaintSoon(true);
    };

    const persist = (spec: NetworkSpec) => {
      try { env.storage?.setItem(NETWORK_KEY, networkJson(spec)); } catch { /* storage full or disabled: the network stays in memory */ }
    };

    const start = () => {
      if (autoTimer) { clearTimeout(autoTimer); autoTimer = null; }
      const spec = cloneNetwork(get().spec);
      data.reset(spec.duration, spec.populations.excitatory.count);
      const id = client.start(spec, spec.probe);
      set({
        run: {
          id, spec, phase: 'building', message: null, n: totalCells(spec), ne: spec.populations.excitatory.count,
          time: 0, computeMs: 0, buildMs: 0, memoryBytes: 0, engine: null, h: 1, recordEvery: 1, sampleT0: 0,
        },
        revision: get().revision + 1,
      });
    };

    const setSpec = (spec: NetworkSpec, runNow: boolean) => {
      set({ spec });
      persist(spec);
      if (runNow) start();
      else if (get().autoRun) {
        if (autoTimer) clearTimeout(autoTimer);
        autoTimer = setTimeout(() => { autoTimer = null; start(); }, env.autoRunDelayMs);
      }
    };

    const actions: NetworkActions = {
      edit: (change) => {
        const next = cloneNetwork(get().spec);
        change(next);
        // A probed cell that no longer exists (fewer cells now) is let go rather than refusing the edit.
        const n = next.populations.excitatory.count + next.populations.inhibitory.count;
        if (next.probe !== null && Number.isInteger(n) && next.probe >= n) next.probe = null;
        const r = parseNetwork(next);
        if (!r.ok) return { ok: false, message: r.issues[0]?.message ?? 'invalid', issues: r.issues };
        if (JSON.stringify(r.spec) === JSON.stringify(get().spec)) return { ok: true };
        setSpec(r.spec, false);
        return { ok: true };
      },
      rename: (name) => {
        const r = parseNetwork({ ...get().spec, name });
        if (!r.ok) return { ok: false, message: r.issues[0]?.message ?? 'invalid', issues: r.issues };
        set({ spec: r.spec });
        persist(r.spec);
        return { ok: true };
      },
      resetToPaper: () => setSpec(paperNetwork(), true),
      run: start,
      pause: () => client.pause(),
      resume: () => client.resume(),
      stop: () => client.stop(),
      pick: (cell) => {
        const spec = { ...get().spec, probe: cell };
        set({ spec });
        persist(spec);
        const run = get().run;
        if (run && cell !== null && cell >= run.n) return;
        client.probe(cell);
        if (cell === null) { data.traceCell = null; data.traceCount = 0; repaintSoon(true); }
      },
      setAutoRun: (on) => set({ autoRun: on }),
      reportPaint: (ms) => { paintCost = 0.7 * paintCost + 0.3 * ms; },
      open: (text, fileName) => {
        let raw: unknown;
        try { raw = JSON.parse(text); } catch (e) {
          const message = `${fileName} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
          set({ notice: { kind: 'error', text: message } });
          return { ok: false, message, issues: [{ path: '(file)', message }] };
        }
        const r = parseNetwork(raw);
        if (!r.ok) {
          const message = `${fileName} is not a valid network file:\n${formatIssues(r.issues)}`;
          set({ notice: { kind: 'error', text: message } });
          return { ok: false, message, issues: r.issues };
        }
        set({ notice: { kind: 'info', text: `Opened ${fileName}: ${r.spec.name}.` } });
        setSpec(r.spec, true);
        return { ok: true };
      },
      dismissNotice: () => set({ notice: null }),
    };

    return {
      spec: loaded.spec, run: null, autoRun: true, revision: 0,
      notice: loaded.message ? { kind: 'error', text: loaded.message } : null,
      actions,
    };
  });
  return {
    store, data, client,
    summary: () => {
      const { run, revision } = store.getState();
      if (!run || run.phase === 'building' || run.phase === 'refused' || run.phase === 'error' || !(run.time > 0)) return null;
      if (cached && cached.revision === revision && cached.runId === run.id && cached.time === run.time) return cached.summary;
      const nb = Math.min(data.bins.length, Math.max(0, Math.ceil(run.time - 1e-9)));
      const popRate = new Float64Array(nb);
      const scale = 1000 / run.n;
      for (let k = 0; k < nb; k++) popRate[k] = data.bins[k] * scale;
      const final = run.phase !== 'running';
      const stale = !rhythm || rhythm.runId !== run.id || (rhythm.time !== run.time && (final || env.now() - rhythm.at >= RHYTHM_REFRESH_MS));
      if (stale) rhythm = { runId: run.id, time: run.time, final, at: env.now(), r: rhythms(popRate) };
      const r = rhythm as NonNullable<typeof rhythm>;
      const summary: LiveSummary = {
        duration: run.time, types: typeStats(run.ne, run.n - run.ne, data.spikesE, data.spikesI, run.time), popRate,
        ...r.r, rhythmDuration: r.time,
      };
      cached = { revision, runId: run.id, time: run.time, summary };
      return summary;
    },
  };
}

let instance: NetworkStore | null = null;

function browserStorageOrNull(): StorageLike | null {
  try { return typeof localStorage !== 'undefined' ? localStorage : null; } catch { return null; }
}

/** The page's network store (created on first use, with the real worker). */
export function getNetwork(): NetworkStore {
  if (!instance) {
    instance = createNetworkStore({
      createWorker: createNetworkWorker,
      storage: browserStorageOrNull(),
      frame: (fn) => requestAnimationFrame(() => fn()),
      now: () => performance.now(),
      autoRunDelayMs: 350,
      repaintMs: 150,
    });
  }
  return instance;
}

export function useNetwork<T>(selector: (s: NetworkState) => T): T {
  return useStore(getNetwork().store, selector);
}

export function useNetworkActions(): NetworkActions {
  return useStore(getNetwork().store, (s) => s.actions);
}
