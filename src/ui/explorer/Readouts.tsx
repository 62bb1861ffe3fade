// Readouts of the latest run: spike count and mean rate in total and per segment, with first-spike latency,
// mean inter-spike interval and its coefficient of variation (the engine's segment statistics, shown as given).

import { useApp } from '../../state/store';
import { formatFixed } from '../shared/format';
import { segmentColor } from '../shared/palette';

export function Readouts() {
  const run = useApp((s) => s.run);
  const selected = useApp((s) => s.selected);
  const nSegments = useApp((s) => s.session.protocol.length);
  const segments = run?.segments ?? [];
  const total = run?.spikeCount ?? 0;
  const rate = run && run.duration > 0 ? total / (run.duration / 1000) : NaN;
  return (
    <section className="panel readouts-panel" aria-label="spike readouts">
      <div className="readouts">
      <div className="totals">
        <span className="total">
          <span className="big num" data-testid="readout-total-spikes">{run ? String(total) : '—'}</span>
          <span className="cap">spikes</span>
        </span>
        <span className="total">
          <span className="big num" data-testid="readout-total-rate">{run ? formatFixed(rate, 1) : '—'}</span>
          <span className="cap">Hz mean rate</span>
        </span>
        <span className="total">
          <span className="big num">{run ? formatFixed(run.duration, 0) : '—'}</span>
          <span className="cap">ms recorded</span>
        </span>
      </div>
      <div className="table-scroll">
      <table className="readout-table">
        <thead>
          <tr>
            <th>#</th><th>segment</th><th className="num">spikes</th><th className="num">rate <span className="u">Hz</span></th>
            <th className="num">latency <span className="u">ms</span></th><th className="num">mean ISI <span className="u">ms</span></th>
            <th className="num">CV</th>
          </tr>
        </thead>
        <tbody>
          {segments.map((g) => (
            <tr key={g.index} className={g.index === selected ? 'selected' : undefined}>
              <td><span className="swatch" style={{ background: segmentColor(g.index) }} />{g.index + 1}</td>
              <td className="seg-label" title={`${g.t_start}–${g.t_end} ms`}>{g.label}</td>
              <td className="num" data-testid={`readout-segment-${g.index}-spikes`}>{String(g.spikeCount)}</td>
              <td className="num" data-testid={`readout-segment-${g.index}-rate`}>{formatFixed(g.rateHz, 1)}</td>
              <td className="num">{g.firstSpikeLatency === null ? '—' : formatFixed(g.firstSpikeLatency, 2)}</td>
              <td className="num" data-testid={`readout-segment-${g.index}-isi`}>{g.isiMean === null ? '—' : formatFixed(g.isiMean, 2)}</td>
              <td className="num" data-testid={`readout-segment-${g.index}-cv`}>{g.isiCV === null ? '—' : formatFixed(g.isiCV, 3)}</td>
            </tr>
          ))}
          {run && run.status.kind === 'diverged' && segments.length < nSegments && (
            <tr className="not-reached">
              <td colSpan={7}>segments {segments.length + 1}–{nSegments} not reached: the run stopped when it diverged</td>
            </tr>
          )}
        </tbody>
      </table>
      </div>
      </div>
    </section>
  );
}
