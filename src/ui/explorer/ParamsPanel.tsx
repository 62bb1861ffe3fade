// The parameter panel: the model's equations, which segment the controls edit (and that they edit only that one), its
// preset, a slider per primary parameter (a, b, c, d, I, v_th) and, folded, the equation coefficients (k2 … ucoef).

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
    <div className="selected-segment" role="group" aria-label="segment the controls edit">
      <button type="button" className="seg-nav" aria-label="previous segment" disabled={selected === 0} onClick={() => actions.select(selected - 1)}>‹</button>
      <span data-testid="selected-segment">
        Editing segment {selected + 1} ({formatShort(start, 6)}–{formatShort(end, 6)} ms)
      </span>
      <span className="of">of {count}</span>
      <button type="button" className="seg-nav" aria-label="next segment" disabled={selected >= count - 1} onClick={() => actions.select(selected + 1)}>›</button>
    </div>
  );
}

/** The model, one equation a line (they wrap rather than being cut off). */
function ModelEquations() {
  return (
    <ul className="model-equations" data-testid="model-equations" aria-label="the model">
      <li>v′ = k₂v² + k₁v + k₀ − u + I</li>
      <li>u′ = a(b(v − v<sub>ref</sub>) − u<sub>coef</sub>·u)</li>
      <li>if v ≥ v<sub>th</sub>: v ← c, u ← u + d</li>
    </ul>
  );
}

export function ParamsPanel() {
  const open = useApp((s) => s.showCoefficients);
  const actions = useActions();
  return (
    <section className="panel params-panel" aria-label="parameters of the selected segment">
      <h2>Parameters</h2>
      <ModelEquations />
      <SelectedSegment />
      <p className="hint edit-scope" data-testid="edit-scope">
        The sliders and fields change the selected segment only, and the segments after it that do not set their own
        value. To edit another segment, click its band in the plot or its row in the protocol, or use ‹ ›.
      </p>
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
