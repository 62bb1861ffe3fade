// The status line: what the latest run did (ok with sizes and timings; diverged with where, what was computed and
// what to change; refused with what it would need and what in this UI makes it fit, with a button for the dt that
// fits; or an error), and whether a newer run is under way. Advice names only what the explorer can set. It is not a
// live region (it changes at every slider step): a hidden one announces only a change of the kind of outcome.

import { useEffect, useRef, useState } from 'react';
import type { RefusalFix } from '../../engine/types';
import { LIMITS } from '../../model/schema';
import type { DisplayStatus, RunInfo } from '../../state/store';
import { useActions, useApp } from '../../state/store';
import { formatCount, formatFixed, formatShort, groupedInText as grouped } from '../shared/format';

type Kind = 'ok' | 'running' | 'diverged' | 'refused' | 'error';

/** How long a run must be under way before the spinner shows, ms. */
const SPINNER_DELAY_MS = 180;

/** What the run took over from the previous one (the engine resumes at the first segment that changed). */
function reuse(run: RunInfo): string {
  const from = run.timing.resumedFrom ?? 0;
  if (from <= 0) return '';
  const n = run.segments.length;
  if (from >= n) return ' (all taken over from the previous run: nothing the engine uses changed)';
  const steps = run.timing.stepsIntegrated;
  return ` (${steps !== undefined ? formatCount(steps) + ' ' : ''}re-integrated from segment ${from + 1} on; ${from === 1 ? 'segment 1' : `segments 1–${from}`} unchanged)`;
}

function mib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${formatFixed(bytes / 1024 ** 3, 1)} GiB` : `${formatFixed(bytes / 1024 ** 2, 0)} MiB`;
}

/** The dt a refusal's fix asks for, if the explorer's dt field can take it. */
export function fixDt(fix: RefusalFix | undefined): number | null {
  return fix && fix.dtAtLeast <= LIMITS.dt.max ? fix.dtAtLeast : null;
}

/** A refusal in the explorer's own terms: what it would need, and what to change where. */
export function refusalText(status: { message: string; fix?: RefusalFix }): string {
  const f = status.fix;
  // Without figures: the engine's message, less what only the command line can do (run without recording the trace).
  if (!f) return grouped(status.message).replace(/,? or run (it without recording the trace|with record: false)[^.]*\)?\./, '.');
  const dt = fixDt(f);
  const ways: string[] = [];
  if (dt !== null) ways.push(`raise dt (Integration) to at least ${formatShort(dt, 3)} ms`);
  if (f.untilAtMost !== null) ways.push(`end the protocol (the last segment's "until") at about ${formatShort(f.untilAtMost, 3)} ms or earlier`);
  return `Recording this run would need ${mib(f.bytes)} (${formatCount(f.samples)} samples), more than the ${mib(f.budgetBytes)} ` +
    `the explorer may use. ${ways.length ? `To run it, ${ways.join(', or ')}.` : 'Shorten the protocol or raise dt.'}`;
}

function describe(status: DisplayStatus, run: RunInfo): { kind: Kind; text: string } {
  const previous = run.shows === 'previous' ? ' The plot and the readouts still show the previous run.' : ' Nothing is shown.';
  switch (status.kind) {
    case 'ok':
      return {
        kind: 'ok',
        text: `ok · ${formatCount(run.fullLength)} samples, ${formatCount(run.steps)} steps${reuse(run)} · ` +
          `engine ${formatFixed(run.timing.simulateMs, 1)} ms, display reduction ${formatFixed(run.timing.decimateMs, 2)} ms`,
      };
    case 'diverged': {
      const t = Math.max(0, status.t);
      return {
        kind: 'diverged',
        // A divergence in the (unrecorded) transient leaves nothing to plot: say so rather than "up to t = −981.6 ms".
        text: status.t < 0
          ? `diverged: ${grouped(status.message)} Nothing was recorded: the run stopped in the transient, before t = 0, so ` +
            'the plot is empty. The whole protocol is marked "not computed".'
          : `diverged: ${grouped(status.message)} Computed up to t = ${formatFixed(t, 1)} of ${formatFixed(run.duration, 0)} ms: ` +
            'the plot and the readouts show that part; the rest is greyed out and marked "not computed".',
      };
    }
    case 'refused':
      return status.stoppedAt !== undefined
        ? { kind: 'refused', text: `${refusalText(status)}${previous}` } // "Stopped at t = …: …"
        : { kind: 'refused', text: `not run: ${refusalText(status)}${previous}` };
    case 'cancelled':
      return { kind: 'error', text: 'the run was cancelled' };
    case 'error':
      return { kind: 'error', text: `${status.message}.${previous}` };
  }
}

/** What the hidden live region says when the kind of outcome changes (and only then). */
function announcement(kind: Kind, text: string, before: Kind | null): string {
  if (kind === 'running') return '';
  if (kind === 'ok') return before && before !== 'ok' && before !== 'running' ? 'The run is ok again.' : '';
  return text;
}

export function StatusLine() {
  const run = useApp((s) => s.run);
  const running = useApp((s) => s.running);
  const points = useApp((s) => s.view.columns);
  const actions = useActions();
  const d = run ? describe(run.status, run) : { kind: 'running' as Kind, text: 'simulating the session…' };
  const kind: Kind = running ? 'running' : d.kind;
  const dt = run && run.status.kind === 'refused' ? fixDt(run.status.fix) : null;
  // The spinner shows only for a run still under way after SPINNER_DELAY_MS: a slider step's run (a few ms) changes no
  // class and starts no animation (a CSS animation, even an invisible one, costs a compositing update every frame).
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!running) { setSlow(false); return; }
    const t = setTimeout(() => setSlow(true), SPINNER_DELAY_MS);
    return () => clearTimeout(t);
  }, [running]);

  // Announce a change of outcome (ok → diverged, refused → ok …), never the steps of a drag within one outcome.
  const lastKind = useRef<Kind | null>(null);
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    if (d.kind === 'running' || d.kind === lastKind.current) return;
    setSpoken(announcement(d.kind, d.text, lastKind.current));
    lastKind.current = d.kind;
  }, [d.kind, d.text]);

  return (
    <div className="status-line" data-testid="status" data-kind={kind}>
      <span className={`badge ${d.kind}`}>{run ? d.kind : 'running'}</span>
      {/* Always in the layout, hidden when idle: a run starting or ending changes no box (no relayout per slider step). */}
      <span className={running && slow ? 'spinner' : 'spinner idle'} title={running && slow ? 'a newer simulation is under way' : undefined} aria-hidden="true" />
      <span className="status-text" data-testid="status-text">{d.text}</span>
      {dt !== null && (
        <button type="button" data-testid="status-fix-dt" onClick={() => actions.setIntegration({ dt })}>
          Use dt = {formatShort(dt, 3)} ms
        </button>
      )}
      <span className="status-aux" title="each trace is reduced to its minimum and maximum per pixel column">{points} px columns</span>
      <span className="sr-only" role="status" aria-live="polite" data-testid="status-announce">{spoken}</span>
    </div>
  );
}
