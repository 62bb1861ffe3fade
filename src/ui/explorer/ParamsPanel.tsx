// The parameter panel: which segment the controls edit, its preset, a slider per primary parameter (a, b, c, d, I,
// v_th) and, folded, the equation coefficients (k2, k1, k0, vref, ucoef).

import { PARAM_KEYS, PARAM_SPECS } from '../../model/params';
import { segmentViews } from '../../state/derived';
import { useActions, useApp } from '../../state/store';
import { formatShort } from '../shared/format';
import { ParamSlider } from './ParamSlider';
import { PresetPicker } from './PresetPicker';

const PRIMARY = PARAM_KEYS.filter((k) => PARAM_SPECS[k].primary);
const COEFFS = PARAM_KEYS.filter((k) => !PARAM_SPECS[k].primary);

function SelectedSegment() {
  const selected = useApp((s) => s.selected);
  const start = useApp((s) => segmentViews(s.session)[s.selected].start);
  const end = useApp((s) => segmentViews(s.session)[s.selected].end);
  const count = useApp((s) => s.session.protocol.length);
  const actions = useActions();
  return (
    <div className="selected-segment">
      <button type="button" className="seg-nav" aria-label="previous segment" disabled={selected === 0} onClick={() => actions.select(selected - 1)}>‹</button>
      <span data-testid="selected-segment">
        Segment {selected + 1} ({formatShort(start, 6)}–{formatShort(end, 6)} ms)
      </span>
      <span className="of">of {count}</span>
      <button type="button" className="seg-nav" aria-label="next segment" disabled={selected >= count - 1} onClick={() => actions.select(selected + 1)}>›</button>
    </div>
  );
}

export function ParamsPanel() {
  const open = useApp((s) => s.showCoefficients);
  const actions = useActions();
  return (
    <section className="panel params-panel" aria-label="parameters of the selected segment">
      <h2>Parameters</h2>
      <SelectedSegment />
      <PresetPicker />
      <div className="param-list">
        {PRIMARY.map((k) => <ParamSlider key={k} k={k} />)}
      </div>
      <details open={open} onToggle={(e) => { const o = (e.currentTarget as HTMLDetailsElement).open; if (o !== open) actions.setShowCoefficients(o); }}>
        <summary>equation coefficients <span className="hint">k2 v² + k1 v + k0 − u + I ; a(b(v − vref) − ucoef u)</span></summary>
        <div className="param-list">
          {COEFFS.map((k) => <ParamSlider key={k} k={k} />)}
        </div>
      </details>
    </section>
  );
}
