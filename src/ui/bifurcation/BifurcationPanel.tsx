// The bifurcation / F–I panel for the selected segment: sweep settings (parameter, range or automatic, values,
// settling time and window, starting state), a progress readout, the figure (rest-state branches, F–I curve with
// the rheobase, ISI or reset-map scatter; current value marked) and a summary line (rheobase, onset rate, the
// closed-form currents). Data from the sweep worker through state/sweep.ts; it recomputes as sliders move.

import { useMemo, useRef, useSyncExternalStore } from 'react';
import { PARAM_SPECS } from '../../model/params';
import { SWEEP_LIMITS, SWEEP_PARAMS, type SweepParam } from '../../analysis/sweep';
import { segmentViews } from '../../state/derived';
import { useAnalysis, useAnalysisActions } from '../../state/analysis';
import { getSweepView, subscribeSweepView } from '../../state/sweep';
import { useApp } from '../../state/store';
import { Plot } from '../shared/plotly';
import { useElementSize } from '../shared/useElementSize';
import { NumberField } from '../shared/NumberField';
import { buildBifData, buildBifLayout } from './bifFigure';

const STYLE = { width: '100%', height: '100%' };

function fmt(x: number | null | undefined, p = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const r = Number(x.toPrecision(p));
  return String(Object.is(r, -0) ? 0 : r).replace('-', '\u2212');
}

const OK = { ok: true } as const;

export function BifurcationPanel() {
  const view = useSyncExternalStore(subscribeSweepView, getSweepView);
  const sweep = useAnalysis((s) => s.sweep);
  const a = useAnalysisActions();
  const session = useApp((s) => s.session);
  const selected = useApp((s) => s.selected);
  const current = segmentViews(session)[Math.min(selected, session.protocol.length - 1)].params[sweep.param] ?? NaN;
  const boxRef = useRef<HTMLDivElement>(null);

  const size = useElementSize(boxRef, 300, 180);

  const data = useMemo(() => buildBifData({ view, current, scatter: sweep.scatter }), [view, current, sweep.scatter]);
  const from = view?.spec.from ?? sweep.from, to = view?.spec.to ?? sweep.to;
  const layout = useMemo(
    () => (size ? buildBifLayout({ width: size.width, height: size.height, param: view?.spec.param ?? sweep.param, from, to, scatter: sweep.scatter }) : {}),
    [size, view?.spec.param, sweep.param, from, to, sweep.scatter],
  );

  const spec = PARAM_SPECS[sweep.param];
  const progress = !view ? 'starting…'
    : view.error ? '' : view.finished ? `${view.total} values in ${fmt(view.elapsedMs, 3)} ms` : `computing ${view.done}/${view.total} · ${fmt(view.elapsedMs, 3)} ms`;
  const rb = view?.rheobase;
  const refined = view?.refined;
  const bifI = view?.bifurcationsOfI ?? [];
  const pts = (view?.points ?? []).filter((p) => !!p);
  const diverged = pts.filter((p) => p!.status === 'diverged').length;
  const restLost = bifI.filter((b) => b.kind !== 'bogdanov-takens').sort((x, y) => x.value - y.value)[0];

  return (
    <section className="panel bif-panel" aria-label="bifurcation and F–I" data-testid="bif-panel"
      data-finished={view?.finished ? 'true' : 'false'} data-done={view?.done ?? 0} data-total={view?.total ?? 0}
      data-onset-rate={rb?.onsetRate ?? ''} data-rheobase={refined ? (refined[0] + refined[1]) / 2 : rb?.value ?? ''}>
      <div className="panel-head">
        <h2>Bifurcation · F–I</h2>
        <span className="hint">segment {selected + 1}</span>
        <span className="bif-progress" data-testid="bif-progress" role="status" aria-live="polite">{progress}</span>
        <button type="button" data-testid="bif-close" onClick={() => a.setBifOpen(false)} aria-label="close the bifurcation panel" title="close">×</button>
      </div>
      <div className="bif-controls">
        <label>sweep
          <select data-testid="bif-param" value={sweep.param} onChange={(e) => a.setSweep({ param: e.target.value as SweepParam, auto: true })}>
            {SWEEP_PARAMS.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <label title="a range around the bifurcations and the current value">
          <input type="checkbox" data-testid="bif-auto" checked={sweep.auto} onChange={(e) => a.setSweep(e.target.checked ? { auto: true } : { auto: false, from, to })} /> auto
        </label>
        <label>from <NumberField testId="bif-from" errorTestId="bif-from-error" value={from} label="from" min={spec.min} max={spec.max} mode="commit"
          onCommit={(x) => { a.setSweep({ auto: false, from: x, to }); return OK; }} /></label>
        <label>to <NumberField testId="bif-to" errorTestId="bif-to-error" value={to} label="to" min={spec.min} max={spec.max} mode="commit"
          onCommit={(x) => { a.setSweep({ auto: false, from, to: x }); return OK; }} /></label>
        <label>values <NumberField testId="bif-steps" errorTestId="bif-steps-error" value={sweep.steps} label="values" integer min={2} max={SWEEP_LIMITS.steps.max} mode="commit"
          onCommit={(x) => { a.setSweep({ steps: x }); return OK; }} /></label>
        <label>settle <NumberField testId="bif-settle" errorTestId="bif-settle-error" value={sweep.settle} label="settle" unit="ms" min={0} max={SWEEP_LIMITS.settle.max} mode="commit"
          onCommit={(x) => { a.setSweep({ settle: x }); return OK; }} /> ms</label>
        <label>window <NumberField testId="bif-window" errorTestId="bif-window-error" value={sweep.window} label="window" unit="ms" min={1} max={SWEEP_LIMITS.window.max} mode="commit"
          onCommit={(x) => { a.setSweep({ window: x }); return OK; }} /> ms</label>
        <label title="each value starts from the segment's starting state, or from the stable equilibrium at that value">start
          <select data-testid="bif-start" value={sweep.start} onChange={(e) => a.setSweep({ start: e.target.value as 'given' | 'rest' })}>
            <option value="given">segment's start state</option>
            <option value="rest">rest at each value</option>
          </select>
        </label>
        <label>right
          <select data-testid="bif-scatter" value={sweep.scatter} onChange={(e) => a.setSweep({ scatter: e.target.value as 'isi' | 'u' })}>
            <option value="isi">every ISI</option>
            <option value="u">u at each spike</option>
          </select>
        </label>
      </div>
      {view?.error && <div className="bif-error" role="alert" data-testid="bif-error">{view.error}</div>}
      <div className="bif-plot" ref={boxRef} data-testid="bif-plot">
        {size ? <Plot data={data} layout={layout} style={STYLE} onError={(err) => console.error('Plotly', err)} /> : null}
      </div>
      <div className="bif-summary" data-testid="bif-summary">
        {view?.spec.param === 'I' && (
          <span data-testid="bif-rheobase">
            rheobase {refined ? `${fmt((refined[0] + refined[1]) / 2, 5)} (± ${fmt((refined[1] - refined[0]) / 2, 2)})` : rb?.value !== null && rb?.value !== undefined ? `≈ ${fmt(rb.value)}` : view?.finished ? 'none in range' : '…'}
            {rb?.onsetRate !== null && rb?.onsetRate !== undefined ? ` · onset ${fmt(rb.onsetRate, 3)} Hz` : ''}
          </span>
        )}
        {restLost && (
          <span data-testid="bif-rest-lost">
            rest state lost at I = {fmt(restLost.value, 5)} ({restLost.kind === 'hopf' ? `Hopf, ${restLost.criticality}` : 'saddle-node'})
          </span>
        )}
        {bifI.map((b, i) => <span key={i} className="muted">{b.kind === 'hopf' ? 'I_H' : b.kind === 'saddle-node' ? 'I_SN' : 'I_BT'} = {fmt(b.value, 5)}</span>)}
        {diverged > 0 && <span className="warn">{diverged} value{diverged > 1 ? 's' : ''} diverged (left out)</span>}
        <span className="muted">current {sweep.param} = {fmt(current)}</span>
      </div>
    </section>
  );
}
