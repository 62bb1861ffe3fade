// The run's status and readouts: progress or outcome, mean rate per cell type, the spectral peaks (alpha, gamma),
// the time the simulation took and its speed against real time. All describe the run on display (its own recipe,
// shown when the controls have changed since).

import { getNetwork, useNetwork, type RunInfo } from '../../state/network';
import { ALPHA_BAND, GAMMA_BAND, type BandPeak } from '../../analysis/network';
import { formatShort } from '../shared/format';

function statusText(run: RunInfo | null): string {
  if (!run) return 'not run yet';
  const d = run.spec.duration;
  const t = `${formatShort(run.time, 6)} / ${d} ms`;
  switch (run.phase) {
    case 'building': return `drawing the network (${run.n} cells)…`;
    case 'running': return `running… ${t}`;
    case 'paused': return `paused at ${t}`;
    case 'done': return `done: ${d} ms simulated`;
    case 'stopped': return `stopped at ${t}`;
    case 'diverged': return `diverged at ${t}: ${run.message ?? ''}`;
    case 'full': return `ended at ${t}: ${run.message ?? ''}`;
    case 'refused': return `refused: ${run.message ?? ''}`;
    case 'error': return `failed: ${run.message ?? ''}`;
  }
}

function peakText(p: BandPeak | null): string {
  if (!p) return '—';
  return `${p.f.toFixed(1)} Hz${p.significant ? '' : ' (weak)'}`;
}

export function NetworkStatus() {
  const run = useNetwork((s) => s.run);
  const phase = run?.phase ?? 'none';
  const bad = phase === 'refused' || phase === 'error' || phase === 'diverged' || phase === 'full';
  return (
    <div className={`net-status${bad ? ' bad' : ''}`} data-testid="net-status" data-phase={phase} role="status">
      {statusText(run)}
    </div>
  );
}

export function NetworkReadouts() {
  // Repainted with the figure (per revision), not at every chunk.
  useNetwork((s) => s.revision);
  const run = getNetwork().store.getState().run;
  const summary = getNetwork().summary();
  const specChanged = useNetwork((s) => !!s.run && JSON.stringify(s.run.spec) !== JSON.stringify({ ...s.spec, probe: s.run.spec.probe }));
  const simMs = run?.computeMs ?? 0;
  const speed = run && simMs > 0 ? run.time / simMs : NaN;
  const rate = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(2));
  return (
    <section className="panel net-readouts" aria-label="readouts">
      <div className="net-readout-grid">
        <div>
          <h3>mean rate</h3>
          <table className="net-table">
            <tbody>
              <tr><th>excitatory</th><td className="num" data-testid="net-rate-exc">{rate(summary?.types.excitatory.rateHz)}</td><td className="u">Hz</td>
                <td className="num muted">{summary ? `${summary.types.excitatory.count} cells, ${summary.types.excitatory.spikes} spikes` : ''}</td></tr>
              <tr><th>inhibitory</th><td className="num" data-testid="net-rate-inh">{rate(summary?.types.inhibitory.rateHz)}</td><td className="u">Hz</td>
                <td className="num muted">{summary ? `${summary.types.inhibitory.count} cells, ${summary.types.inhibitory.spikes} spikes` : ''}</td></tr>
            </tbody>
          </table>
        </div>
        <div>
          <h3>rhythms (spectral peaks)</h3>
          <table className="net-table">
            <tbody>
              <tr><th>alpha <span className="u">{ALPHA_BAND[0]}–{ALPHA_BAND[1]} Hz</span></th><td className="num" data-testid="net-peak-alpha">{peakText(summary?.alpha ?? null)}</td>
                <td className="num muted">{summary?.alpha ? `×${formatShort(summary.alpha.ratio, 3)} median` : ''}</td></tr>
              <tr><th>gamma <span className="u">{GAMMA_BAND[0]}–{GAMMA_BAND[1]} Hz</span></th><td className="num" data-testid="net-peak-gamma">{peakText(summary?.gamma ?? null)}</td>
                <td className="num muted">{summary?.gamma ? `×${formatShort(summary.gamma.ratio, 3)} median` : ''}</td></tr>
            </tbody>
          </table>
        </div>
        <div>
          <h3>time</h3>
          <table className="net-table">
            <tbody>
              <tr><th>simulation</th><td className="num" data-testid="net-time">{run && run.time > 0 ? `${formatShort(simMs, 4)} ms` : '—'}</td>
                <td className="num muted">{run && run.buildMs > 0 ? `+ ${formatShort(run.buildMs, 3)} ms to draw the network` : ''}</td></tr>
              <tr><th>speed</th><td className="num" data-testid="net-speedup">{Number.isFinite(speed) ? `${formatShort(speed, 3)}×` : '—'}</td>
                <td className="num muted">{Number.isFinite(speed) ? (speed >= 1 ? 'faster than real time' : 'slower than real time') : ''}</td></tr>
              <tr><th>engine</th><td className="num" data-testid="net-engine" colSpan={2}>{run?.engine === 'wasm' ? 'WebAssembly SIMD' : run?.engine === 'js' ? 'JavaScript' : '—'}</td></tr>
            </tbody>
          </table>
        </div>
      </div>
      {specChanged && <p className="hint" data-testid="net-stale">The controls have changed since this run: Run to see the new network.</p>}
    </section>
  );
}
