// The sweep controller and the holder of its results (the bifurcation / F–I panel's data, outside the app store like
// the plot's traces): while the panel is open, any change of the selected segment's parameters, the integration,
// its starting state or the sweep settings sends a new sweep to the sweep worker (newest wins; the swept
// parameter's own value is left out of the key, so dragging it only moves the marker). Replies stream in and are
// merged; the panel is notified at most every PUBLISH_MS so partial results never flood the main thread.

import { segmentViews } from './derived';
import type { AppStore } from './store';
import type { AnalysisStore, SweepSettings } from './analysis';
import type { Params } from '../model/params';
import { bifurcationsInI, type Bifurcation } from '../analysis/bifurcations';
import { analysisUnsupported } from '../analysis/phaseFrame';
import type { RestBranches } from '../analysis/branches';
import {
  defaultSweepRange, sweepIssues, type Rheobase, type SweepBase, type SweepPoint, type SweepSpec,
} from '../analysis/sweep';
import type { SweepReply, SweepWorkerCommand } from '../worker/sweepProtocol';

export interface SweepView {
  id: number;
  spec: SweepSpec;
  start: 'given' | 'rest';
  /** Segment (0-based) whose parameters are swept. */
  segment: number;
  branches: RestBranches | null;
  bifurcationsOfI: Bifurcation[];
  /** By index; undefined until computed. */
  points: (SweepPoint | undefined)[];
  done: number;
  total: number;
  elapsedMs: number;
  finished: boolean;
  rheobase: Rheobase | null;
  refined: [number, number] | null;
  /** A bad setting (field and range) or a failure of the worker; the last good result stays. */
  error: string | null;
}

export interface SweepWorkerLike {
  postMessage(m: SweepWorkerCommand): void;
  onmessage: ((e: MessageEvent<SweepReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

export function createSweepWorker(): SweepWorkerLike {
  return new Worker(new URL('../worker/sweep.worker.ts', import.meta.url), { type: 'module', name: 'izhikevich-sweep' }) as unknown as SweepWorkerLike;
}

/** Rheobase bisection runs at the end of an I sweep. */
export const REFINE_RUNS = 8;
export const PUBLISH_MS = 120;

let view: SweepView | null = null;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;
let lastPublish = 0;
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function notify(): void {
  timer = null;
  lastPublish = now();
  for (const l of listeners) l();
}

/** Publishes the view: at once if the last notification is older than PUBLISH_MS, else at the end of that interval. */
function publish(urgent = false): void {
  if (urgent) { if (timer) { clearTimeout(timer); timer = null; } notify(); return; }
  if (timer) return;
  const wait = Math.max(0, lastPublish + PUBLISH_MS - now());
  if (wait === 0) notify();
  else timer = setTimeout(notify, wait);
}

export function getSweepView(): SweepView | null {
  return view;
}

export function subscribeSweepView(l: () => void): () => void {
  listeners.add(l);
  return () => { listeners.delete(l); };
}

/** What the worker is asked for, or why it cannot be (a message naming the field), or null when closed. */
export function sweepRequest(
  app: ReturnType<AppStore['getState']>, a: ReturnType<AnalysisStore['getState']>, prevAuto: { param: string; from: number; to: number } | null,
): { base: SweepBase; spec: SweepSpec; needU: boolean; key: string } | { error: string } | null {
  if (!a.bifOpen) return null;
  const unsupported = analysisUnsupported(app.session);
  if (unsupported) return { error: unsupported };
  const views = segmentViews(app.session);
  const seg = Math.min(app.selected, views.length - 1);
  const params = views[seg].params as Params; // the 2003 form (checked above)
  const st: SweepSettings = a.sweep;
  let from = st.from, to = st.to;
  if (st.auto) {
    const marks = bifurcationsInI(params).found.map((b) => b.value);
    const cur = params[st.param];
    const keep = prevAuto && prevAuto.param === st.param && cur >= prevAuto.from && cur <= prevAuto.to
      && (st.param !== 'I' || marks.every((m) => m >= prevAuto.from && m <= prevAuto.to));
    ({ from, to } = keep ? prevAuto : defaultSweepRange(params, st.param, marks));
  }
  const spec: SweepSpec = { param: st.param, from, to, steps: st.steps, settle: st.settle, window: st.window };
  const issues = sweepIssues(spec);
  if (issues.length) return { error: issues.map((x) => `${x.path}: ${x.message}`).join('; ') };
  if (!(to > from)) return { error: `to must be greater than from (${from})` };
  const snap = app.run?.snapshots[seg + 1];
  const initial = snap ? { ...snap.state } : { v: app.session.initial.v, u: app.session.initial.u };
  const base: SweepBase = { params, integration: app.session.integration, options: app.session.options, initial, start: st.start };
  const { [st.param]: _swept, ...others } = params;
  void _swept;
  // u at each spike is computed only while the reset-map plot is shown (the batch engine keeps spike times only).
  const needU = st.scatter === 'u';
  const key = JSON.stringify({ others, integration: base.integration, options: base.options ?? null, initial, start: st.start, spec, seg, needU });
  return { base, spec, needU, key };
}

export interface SweepController {
  stop(): void;
}

export function startSweeps(app: AppStore, analysis: AnalysisStore, createWorker: () => SweepWorkerLike = createSweepWorker): SweepController {
  let worker: SweepWorkerLike | null = null;
  let nextId = 1;
  let currentId = 0;
  let lastKey = '';
  let prevAuto: { param: string; from: number; to: number } | null = null;

  const onReply = (r: SweepReply): void => {
    if (r.id !== currentId || !view || view.id !== r.id) return;
    switch (r.type) {
      case 'start':
        view = { ...view, branches: r.branches, bifurcationsOfI: r.bifurcationsOfI };
        publish();
        return;
      case 'points': {
        const points = view.points.slice();
        for (const p of r.points) points[p.index] = p;
        view = { ...view, points, done: r.done, total: r.total, elapsedMs: r.elapsedMs };
        publish();
        return;
      }
      case 'done':
        view = { ...view, finished: true, elapsedMs: r.elapsedMs, rheobase: r.rheobase, refined: r.refined };
        publish(true);
        return;
      case 'error':
        view = { ...view, error: `the sweep failed: ${r.message}`, finished: true };
        publish(true);
    }
  };

  const ensureWorker = (): SweepWorkerLike => {
    if (worker) return worker;
    const w = createWorker();
    w.onmessage = (e) => onReply(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      if (view) { view = { ...view, error: `the sweep worker stopped: ${e.message || 'unknown error'}`, finished: true }; publish(true); }
      worker?.terminate();
      worker = null;
      lastKey = '';
    };
    worker = w;
    return w;
  };

  const update = (): void => {
    const req = sweepRequest(app.getState(), analysis.getState(), prevAuto);
    if (req === null) {
      if (currentId && worker && view && !view.finished) worker.postMessage({ type: 'cancel', id: currentId });
      lastKey = '';
      return;
    }
    if ('error' in req) {
      lastKey = '';
      view = view ? { ...view, error: req.error } : null;
      if (!view) {
        view = {
          id: 0, spec: { param: analysis.getState().sweep.param, from: 0, to: 0, steps: 0, settle: 0, window: 0 }, start: 'given', segment: 0,
          branches: null, bifurcationsOfI: [], points: [], done: 0, total: 0, elapsedMs: 0, finished: true, rheobase: null, refined: null, error: req.error,
        };
      }
      publish(true);
      return;
    }
    if (analysis.getState().sweep.auto) prevAuto = { param: req.spec.param, from: req.spec.from, to: req.spec.to };
    if (req.key === lastKey) return;
    lastKey = req.key;
    const id = nextId++;
    currentId = id;
    const sameAxis = view && view.spec.param === req.spec.param && view.spec.from === req.spec.from && view.spec.to === req.spec.to && view.spec.steps === req.spec.steps;
    view = {
      id, spec: req.spec, start: req.base.start ?? 'given', segment: app.getState().selected,
      // The previous points stay on screen (same axis) until the new ones replace them: no flicker while dragging.
      branches: view && sameAxis ? view.branches : null, bifurcationsOfI: view?.bifurcationsOfI ?? [],
      points: view && sameAxis ? view.points.slice() : new Array(req.spec.steps), done: 0, total: req.spec.steps,
      elapsedMs: 0, finished: false, rheobase: null, refined: null, error: null,
    };
    ensureWorker().postMessage({ type: 'sweep', id, base: req.base, spec: req.spec, refine: req.spec.param === 'I' ? REFINE_RUNS : 0, needU: req.needU });
    publish();
  };

  const un1 = app.subscribe((s, p) => {
    // Another session (an experiment, an import, a reset) or segment: the automatic range starts afresh.
    if (s.experimentId !== p.experimentId || s.selected !== p.selected || s.session.name !== p.session.name) prevAuto = null;
    if (s.session !== p.session || s.selected !== p.selected || s.run !== p.run) update();
  });
  const un2 = analysis.subscribe((s, p) => {
    if (s.bifOpen !== p.bifOpen || s.sweep !== p.sweep) update();
  });
  update();
  return {
    stop: () => { un1(); un2(); worker?.terminate(); worker = null; },
  };
}

/** For tests: forget the published view. */
export function resetSweepView(): void {
  view = null;
  if (timer) { clearTimeout(timer); timer = null; }
}
