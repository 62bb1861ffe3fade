// The status line: what the latest run did (ok with sizes and timings, diverged with where and what to change,
// refused with the engine's reason, or an error), and whether a newer run is under way.

import type { DisplayStatus, RunInfo } from '../../state/store';
import { useApp } from '../../state/store';
import { formatCount, formatFixed } from '../shared/format';

type Kind = 'ok' | 'running' | 'diverged' | 'refused' | 'error';

/** What the run took over from the previous one (the engine resumes at the first segment that changed). */
function reuse(run: RunInfo): string {
  const from = run.timing.resumedFrom ?? 0;
  if (from <= 0) return '';
  const n = run.segments.length;
  if (from >= n) return ' (all taken over from the previous run: nothing the engine uses changed)';
  const steps = run.timing.stepsIntegrated;
  return ` (${steps !== undefined ? formatCount(steps) + ' ' : ''}re-integrated from segment ${from + 1} on; ${from === 1 ? 'segment 1' : `segments 1–${from}`} unchanged)`;
}

function describe(status: DisplayStatus, run: RunInfo): { kind: Kind; text: string } {
  switch (status.kind) {
    case 'ok':
      return {
        kind: 'ok',
        text: `ok · ${formatCount(run.fullLength)} samples, ${formatCount(run.steps)} steps${reuse(run)} · ` +
          `engine ${formatFixed(run.timing.simulateMs, 1)} ms, display reduction ${formatFixed(run.timing.decimateMs, 2)} ms`,
      };
    case 'diverged':
      return {
        kind: 'diverged',
        // A divergence in the (unrecorded) transient leaves nothing to plot: say so rather than "up to t = −981.6 ms".
        text: status.t < 0
          ? `diverged: ${status.message} Nothing was recorded: the run stopped in the transient, before t = 0, so the plot is empty.`
          : `diverged: ${status.message} The plot shows the run up to t = ${formatFixed(status.t, 1)} ms.`,
      };
    case 'refused':
      return status.stoppedAt !== undefined
        ? { kind: 'refused', text: `${status.message} The plot still shows the previous run.` } // "Stopped at t = …: …"
        : { kind: 'refused', text: `not run: ${status.message} The plot still shows the previous run.` };
    case 'cancelled':
      return { kind: 'error', text: 'the run was cancelled' };
    case 'error':
      return { kind: 'error', text: `${status.message}. The plot still shows the previous run.` };
  }
}

export function StatusLine() {
  const run = useApp((s) => s.run);
  const running = useApp((s) => s.running);
  const points = useApp((s) => s.view.columns);
  const d = run ? describe(run.status, run) : { kind: 'running' as Kind, text: 'simulating the session…' };
  const kind: Kind = running ? 'running' : d.kind;
  return (
    <div className="status-line" data-testid="status" data-kind={kind} role="status" aria-live="polite">
      <span className={`badge ${d.kind}`}>{run ? d.kind : 'running'}</span>
      {/* Always in the layout, hidden when idle: a run starting or ending changes no box (no relayout per slider step). */}
      <span className={running ? 'spinner' : 'spinner idle'} title={running ? 'a newer simulation is under way' : undefined} aria-hidden="true" />
      <span className="status-text">{d.text}</span>
      <span className="status-aux" title="each trace is reduced to its minimum and maximum per pixel column">{points} px columns</span>
    </div>
  );
}
