// The simulation controller: watches the store and talks to the worker client (UI → store → client → worker).
// Session changes that matter to the engine send a run; a new visible window or plot width sends a zoom (re-decimation
// of the kept full-resolution result). Replies update plotData and, once the plot has drawn them, the run summary.
// With the phase plane open every run and zoom also asks for its phase frame (in the same reply; it is drawn once the
// time plot has painted that reply's traces), and a change of only the phase request (segment, box, size, launches)
// sends a phase command.

import type { Session } from '../model/session';
import { sessionDuration } from '../model/session';
import { SimClient, createSimWorker, type WorkerLike } from '../worker/client';
import type { ErrorReply, RunReply, SimReply, ZoomReply } from '../worker/protocol';
import { segmentViews } from './derived';
import { afterPlotDrawn, setPlotFrame, type PlotFrame } from './plotData';
import * as perf from './perf';
import type { AppStore, DisplayStatus, RunInfo } from './store';
import { getAnalysisStore, phaseRequest, type AnalysisStore } from './analysis';
import { setPhaseView } from './phaseData';
import { analysisUnsupported } from '../analysis/phaseFrame';

/** What the engine sees of a session (its name does not change the simulation). */
function simulationKey(s: Session): string {
  return JSON.stringify({ ...s, name: '' });
}

function runInfo(r: RunReply, session: Session): RunInfo {
  return {
    shows: 'this',
    shownStatus: r.status,
    planned: segmentViews(session).map((v) => ({ label: v.label, t_start: v.start, t_end: v.end })),
    runId: r.runId,
    status: r.status,
    segments: r.segments,
    snapshots: r.snapshots,
    spikeCount: r.spikes.length,
    duration: r.duration,
    steps: r.steps,
    fullLength: r.traces ? r.traces.fullLength : 0,
    timing: r.timing,
  };
}

/**
 * The run summary after a request that produced no result (`status`: refused or failed): the numbers stay those of
 * the run on display, if any, and say so.
 */
function notRun(shown: RunInfo | null, status: DisplayStatus): RunInfo {
  if (shown && shown.shows !== 'nothing') return { ...shown, status, shows: 'previous' };
  return {
    shows: 'nothing', shownStatus: status, planned: [], runId: 0, status, segments: [], snapshots: [], spikeCount: 0, duration: 0, steps: 0, fullLength: 0,
    timing: { simulateMs: 0, decimateMs: 0 },
  };
}

export interface SimulationController {
  /** Stops watching the store and terminates the worker. */
  stop(): void;
  readonly client: SimClient;
}

/** Runs `f` after the next paint: a frame callback (before that paint), then a task (after it); tasks only in Node. */
function afterPaint(f: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => { setTimeout(f, 0); });
  else setTimeout(f, 0);
}

/** Text key of a phase request (what the worker computes from; equal keys, equal frames). */
function phaseKey(r: ReturnType<typeof phaseRequest>): string {
  return r ? JSON.stringify(r) : '';
}

export function startSimulation(
  store: AppStore, createWorker: () => WorkerLike = createSimWorker, analysis: AnalysisStore = getAnalysisStore(),
): SimulationController {
  /** The phase request in force (null: the phase plane is closed) and the key of the last one sent. */
  const currentPhase = () => (analysisUnsupported(store.getState().session) ? null : phaseRequest(analysis.getState(), store.getState().selected));
  let lastPhaseKey = '';
  let lastKey = '';
  let hasData = false;
  /** The view changed before the first result arrived: re-decimate that result instead of simulating again. */
  let zoomWhenData = false;
  /** Sessions of runs sent and not answered yet, and of the run whose data is shown. */
  const sentSessions = new Map<number, Session>();
  let shownSession: Session | null = null;
  let shownRun: Pick<PlotFrame, 'spikes' | 'status'> = { spikes: new Float64Array(0), status: { kind: 'ok' } };
  /** Counts replies carrying a phase frame: a deferred frame shows only if no newer one came meanwhile. */
  let phaseShown = 0;
  /** The run whose readouts wait for its traces to be drawn; a newer reply supersedes it. */
  let finishing: { id: number } | null = null;

  const onReply = (reply: SimReply): void => {
    perf.replyReceived(
      reply.id, reply.type === 'run' ? reply.timing.simulateMs : undefined, reply.type === 'error' ? undefined : reply.wall,
      reply.type === 'run' ? reply.timing.resumedFrom : undefined,
    );
    // The phase plane's frame: at once for a phase-only reply; with traces, once the time plot has painted them
    // (the time plot is what a dragged slider is watched for; the phase figure's redraw then overlaps the worker's
    // next run instead of delaying this frame's paint). A newer frame cancels a deferred older one.
    const hasPhase = reply.type !== 'error' && reply.phase !== undefined;
    const phaseSeq = hasPhase ? ++phaseShown : phaseShown;
    const showPhase = hasPhase
      ? () => { if (phaseSeq === phaseShown) setPhaseView(reply.phase ? { requestId: reply.id, runId: reply.runId, frame: reply.phase } : null); }
      : null;
    if (reply.type === 'phase') { showPhase?.(); return; }
    const drawn = handleReply(reply);
    if (!showPhase) return;
    // No traces drawn (refused, error, a zoom of nothing shown): the frame shows now.
    if (drawn) afterPlotDrawn(drawn, () => afterPaint(showPhase));
    else showPhase();
  };

  /** Applies a run, zoom or error reply; returns the plot frame it publishes, if any. */
  const handleReply = (reply: RunReply | ZoomReply | ErrorReply): PlotFrame | null => {
    const { actions, run } = store.getState();
    const stillRunning = client.busy;
    if (reply.type === 'error') {
      finishing = null;
      const status: DisplayStatus = { kind: 'error', message: `simulation failed: ${reply.message}` };
      actions.runFinished(notRun(run, status), null, stillRunning);
      return null;
    }
    if (reply.type === 'run') {
      const session = sentSessions.get(reply.id) ?? null;
      for (const id of sentSessions.keys()) if (id <= reply.id) sentSessions.delete(id);
      if (reply.traces && session) shownSession = session;
    }
    if (reply.type === 'run') finishing = null; // a newer run supersedes readouts still waiting
    let drawn: PlotFrame | null = null;
    if (reply.traces && shownSession) {
      hasData = true;
      if (zoomWhenData) { zoomWhenData = false; queueMicrotask(zoom); }
      // A zoom reply re-reduces the run already shown: its spikes and status stay those of that run.
      const shown = reply.type === 'run' ? { spikes: reply.spikes, status: reply.status } : shownRun;
      shownRun = shown;
      const frame: PlotFrame = { requestId: reply.id, runId: reply.runId, traces: reply.traces, session: shownSession, ...shown };
      setPlotFrame(frame);
      if (reply.type === 'run') {
        // The readouts and the status line follow once the plot has drawn these traces: the plot is what a dragged
        // slider is watched for, and their layout and paint would otherwise delay its frame (they come one frame
        // later instead).
        const info = runInfo(reply, shownSession);
        const mine = { id: reply.id };
        finishing = mine;
        afterPlotDrawn(frame, () => {
          if (finishing !== mine) return;
          finishing = null;
          store.getState().actions.runFinished(info, reply.runId, client.busy);
        });
        return frame;
      }
      drawn = frame;
    }
    if (reply.type === 'run') {
      // A refused run has no traces: the previous plot and readouts stay (said so), the status says why.
      actions.runFinished(notRun(run, reply.status), null, stillRunning);
    } else if (!stillRunning && store.getState().running) {
      actions.runFinished(null, null, false);
    }
    return drawn;
  };

  const client = new SimClient({ createWorker, onReply });

  const run = (): void => {
    const s = store.getState();
    lastKey = simulationKey(s.session);
    const ph = currentPhase();
    lastPhaseKey = phaseKey(ph);
    const id = client.run(s.session, s.view.columns, s.view.window, ph);
    sentSessions.set(id, s.session);
    perf.requestSent(id);
    s.actions.runStarted();
  };

  const zoom = (): void => {
    const s = store.getState();
    const w = s.view.window ?? [0, sessionDuration(s.session)];
    const ph = currentPhase();
    lastPhaseKey = phaseKey(ph);
    client.zoom(w[0], w[1], s.view.columns, ph);
  };

  /** The phase request changed alone: its frame for the kept result (or with the first run's reply). */
  const phaseChanged = (): void => {
    const ph = currentPhase();
    const key = phaseKey(ph);
    if (key === lastPhaseKey) return;
    lastPhaseKey = key;
    if (!ph) { setPhaseView(null); return; }
    if (hasData) client.phase(ph);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.session !== prev.session) {
      if (simulationKey(s.session) !== lastKey) { run(); return; }
      perf.clearPendingInput();
    }
    if (s.view !== prev.view) {
      if (hasData) zoom();
      else if (sentSessions.size > 0) zoomWhenData = true;
      else run();
      return;
    }
    if (s.selected !== prev.selected) phaseChanged();
  });
  const unsubscribeAnalysis = analysis.subscribe(phaseChanged);

  run();
  const controller: SimulationController = {
    client,
    stop: () => { unsubscribe(); unsubscribeAnalysis(); client.dispose(); if (current === controller) current = null; },
  };
  current = controller;
  return controller;
}

let current: SimulationController | null = null;
/** The page's running simulation controller (for exports that read the worker's kept result), or null. */
export function getSimulation(): SimulationController | null {
  return current;
}
