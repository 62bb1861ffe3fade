// The time plot's text alternative (the plot's aria-describedby): what it shows in words, from the same run as the
// readouts — the time span, each segment with its time range and spike count, the ranges of v and u, what was not
// computed, and whether it is a previous run. Hidden from sight; not a live region (it follows every slider step).

import { getPlotFrame } from '../../state/plotData';
import type { RunInfo } from '../../state/store';
import { useApp } from '../../state/store';
import { formatCount, formatFixed } from '../shared/format';
import { computedTime } from './Readouts';

/** The description of `run` (and the v and u extremes of its drawn traces). */
export function describePlot(run: RunInfo, v: [number, number] | null, u: [number, number] | null): string {
  if (run.shows === 'nothing') return 'No run is shown: the settings were not run (see the status line).';
  const parts: string[] = [];
  if (run.shows === 'previous') parts.push('This is the previous run: the latest settings were not run.');
  const computed = computedTime(run);
  parts.push(`Time from 0 to ${formatFixed(run.duration, 0)} ms; ${formatCount(run.spikeCount)} spikes in all.`);
  if (computed < run.duration) {
    parts.push(`The run diverged at ${formatFixed(computed, 1)} ms: from there to the end nothing was computed (greyed out).`);
  }
  run.segments.forEach((g) => {
    parts.push(`Segment ${g.index + 1}, ${g.label}, ${formatFixed(g.t_start, 0)} to ${formatFixed(g.t_end, 1)} ms: ` +
      `${formatCount(g.spikeCount)} spike${g.spikeCount === 1 ? '' : 's'}${g.spikeCount > 0 ? `, ${formatFixed(g.rateHz, 1)} Hz` : ''}.`);
  });
  run.planned.slice(run.segments.length).forEach((p, k) => {
    parts.push(`Segment ${run.segments.length + k + 1}, ${p.label}: not computed.`);
  });
  if (v) parts.push(`v ranges from ${formatFixed(v[0], 1)} to ${formatFixed(v[1], 1)} mV${u ? ';' : '.'}`);
  if (u) parts.push(`u from ${formatFixed(u[0], 2)} to ${formatFixed(u[1], 2)} mV/ms (in the time shown).`);
  return parts.join(' ');
}

export function PlotDescription() {
  const run = useApp((s) => s.run);
  // Rendered when the run summary changes, which happens once the plot has drawn its traces: the frame on display is
  // read then (no subscription to frames, which arrive at every slider step). Extremes only when it is that run's.
  const frame = getPlotFrame();
  const same = !!run && !!frame && frame.runId === run.runId;
  const v = same && Number.isFinite(frame.traces.v.yMin) ? [frame.traces.v.yMin, frame.traces.v.yMax] as [number, number] : null;
  const u = same && Number.isFinite(frame.traces.u.yMin) ? [frame.traces.u.yMin, frame.traces.u.yMax] as [number, number] : null;
  return (
    <div id="plot-description" className="sr-only" data-testid="plot-description">
      {run ? describePlot(run, v, u) : 'The first run is being computed.'}
    </div>
  );
}
