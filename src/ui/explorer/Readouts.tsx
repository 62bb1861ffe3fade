// Readouts of the run on display: spike count and mean rate in total and per segment, with first-spike latency,
// mean inter-spike interval and its coefficient of variation (the engine's segment statistics, shown as given).
// They always describe the run the plot shows: a diverged run's numbers cover the time computed (said so, the rest
// marked "not computed"); after a refused or failed run they stay the previous run's, and say that too.

import type { RunInfo } from '../../state/store';
import { useApp } from '../../state/store';
import { formatCount, formatFixed, formatMeasure } from '../shared/format';
import { segmentColor } from '../shared/palette';

/** Time the run on display was computed for, ms: up to its divergence, else its whole protocol. */
export function computedTime(run: RunInfo): number {
  const st = run.shownStatus;
  return st.kind === 'diverged' ? Math.max(0, Math.min(run.duration, st.t)) : run.duration;
}

export function Readouts() {
  const run = useApp((s) => s.run);
  const selected = useApp((s) => s.selected);
  const has = !!run && run.shows !== 'nothing';
  const segments = has ? run.segments : [];
  const total = has ? run.spikeCount : 0;
  const computed = has ? computedTime(run) : 0;
  const rate = has && computed > 0 ? total / (computed / 1000) : NaN;
  const st = has ? run.shownStatus : null;
  const diverged = st?.kind === 'diverged' ? st : null;
  const partial = has && computed < run.duration;
  const notComputed = has ? run.planned.slice(segments.length) : [];
  return (
    <section className="panel readouts-panel" aria-label="spike readouts" data-testid="readouts" data-shows={run?.shows ?? 'nothing'}>
      {has && run.shows === 'previous' && (
        <p className="readouts-note" data-testid="readouts-previous">
          These are the readouts of the previous run, which the plot still shows: the latest settings were not run (see
          the status line).
        </p>
      )}
      <div className="readouts">
        <div className="totals">
          <span className="total">
            <span className="big num" data-testid="readout-total-spikes">{has ? formatCount(total) : '—'}</span>
            <span className="cap">spikes{partial ? ' (computed part)' : ''}</span>
          </span>
          <span className="total">
            <span className="big num" data-testid="readout-total-rate">{has ? formatFixed(rate, 1) : '—'}</span>
            <span className="cap">Hz mean rate</span>
          </span>
          <span className="total">
            <span className="big num" data-testid="readout-computed">{has ? formatFixed(computed, partial ? 1 : 0) : '—'}</span>
            <span className="cap" data-testid="readout-computed-cap">
              {partial ? `of ${formatFixed(run.duration, 0)} ms computed (diverged)` : 'ms computed'}
            </span>
          </span>
        </div>
        {/* Focusable so that a keyboard can scroll it sideways on a narrow screen. */}
        <div className="table-scroll" tabIndex={0} role="region" aria-label="readouts per segment">
          <table className="readout-table">
            <thead>
              <tr>
                <th>#</th><th>segment</th><th className="num">spikes</th><th className="num">rate <span className="u">Hz</span></th>
                <th className="num">latency <span className="u">ms</span></th><th className="num">mean ISI <span className="u">ms</span></th>
                <th className="num">CV</th>
              </tr>
            </thead>
            <tbody>
              {segments.map((g) => {
                const cut = diverged && diverged.segment === g.index;
                return (
                  <tr key={g.index} className={g.index === selected ? 'selected' : undefined} data-testid={`readout-row-${g.index}`}>
                    <td><span className="swatch" style={{ background: segmentColor(g.index) }} aria-hidden="true" />{g.index + 1}</td>
                    <td className="seg-label" title={`${formatFixed(g.t_start, 2)}–${formatFixed(g.t_end, 2)} ms`}>
                      {g.label}
                      {cut && <span className="cut-note" data-testid={`readout-segment-${g.index}-cut`}> · diverged at {formatFixed(diverged.t, 1)} ms: up to there</span>}
                    </td>
                    <td className="num" data-testid={`readout-segment-${g.index}-spikes`}>{formatCount(g.spikeCount)}</td>
                    <td className="num" data-testid={`readout-segment-${g.index}-rate`}>{formatFixed(g.rateHz, 1)}</td>
                    <td className="num">{g.firstSpikeLatency === null ? '—' : formatMeasure(g.firstSpikeLatency, 2)}</td>
                    <td className="num" data-testid={`readout-segment-${g.index}-isi`}>{g.isiMean === null ? '—' : formatMeasure(g.isiMean, 2)}</td>
                    <td className="num" data-testid={`readout-segment-${g.index}-cv`}>{g.isiCV === null ? '—' : formatMeasure(g.isiCV, 3)}</td>
                  </tr>
                );
              })}
              {notComputed.map((p, k) => {
                const i = segments.length + k;
                return (
                  <tr key={`nc-${i}`} className={`not-reached${i === selected ? ' selected' : ''}`} data-testid={`readout-row-${i}`}>
                    <td><span className="swatch" style={{ background: segmentColor(i) }} aria-hidden="true" />{i + 1}</td>
                    <td className="seg-label">{p.label}</td>
                    <td colSpan={5} data-testid={`readout-segment-${i}-not-computed`}>
                      not computed: the run stopped when it diverged{diverged ? ` at ${formatFixed(diverged.t, 1)} ms` : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
