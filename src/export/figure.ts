// The explorer's figure of a run without a browser (the command line's SVG): the same display reduction as the
// simulation worker (SimCore: min/max per pixel column of the window) and the same figure description as the plot
// (plotFigure.ts: traces, bands, boundary lines and labels, axes), as exported (the session's name as title).

import { simulate } from '../engine/simulate';
import type { Session } from '../model/session';
import { segmentViews } from '../state/derived';
import { showCurrentPanel } from '../ui/explorer/currentPanel';
import { buildData, buildLayout, exportLayout, niceRange, plotColumns, vRange } from '../ui/explorer/plotFigure';
import { SimCore } from '../worker/core';
import type { DisplayTraces, RunReply } from '../worker/protocol';

export interface FigureOptions {
  width: number;
  height: number;
  /** Time window, ms (null: the whole run). */
  window?: [number, number] | null;
}

export interface StaticFigure {
  data: object[];
  layout: Record<string, unknown>;
  /** The run's reply, as the worker gives it to the app (status, spikes, segments). */
  run: RunReply;
}

/** Simulates the session and builds its figure at the given size. */
export function runFigure(session: Session, opts: FigureOptions): StaticFigure {
  const core = new SimCore(simulate);
  const run = core.run({ type: 'run', id: 1, session, columns: plotColumns(opts.width), window: opts.window ?? null });
  if (!run.traces) {
    const why = run.status.kind === 'refused' ? run.status.message : 'nothing was recorded';
    throw new Error(`no figure: ${why}`);
  }
  return { ...figureOf(run.traces, session, opts.width, opts.height), run };
}

/** The exported figure of display traces of `session`: what the plot draws, without the selection highlight. */
export function figureOf(traces: DisplayTraces, session: Session, width: number, height: number): { data: object[]; layout: Record<string, unknown> } {
  const showI = showCurrentPanel(session);
  const layout = buildLayout({
    width, height, views: segmentViews(session), selected: -1, window: traces.window,
    vRange: vRange(traces),
    uRange: niceRange(traces.u.yMin, traces.u.yMax, [-20, 10]),
    iRange: showI ? niceRange(traces.I.yMin, traces.I.yMax, [-10, 10]) : null,
  }) as Record<string, unknown>;
  return { data: buildData(traces, showI), layout: exportLayout(layout, session.name) };
}
