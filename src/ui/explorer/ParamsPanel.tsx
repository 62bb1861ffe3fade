// The parameter panel: the model (2003 or 2007 form) and its equations, which segment the controls edit (and that
// they edit only that one), its preset, a slider per primary parameter (2003: a, b, c, d, I, v_th; 2007: C, k, vr, vt,
// vpeak, a, b, c, d, I) and, folded, the equation coefficients (k2 … ucoef) or the 2007 cells' special rules.

import { MODELS, MODEL_IDS, isModelId, modelOf } from '../../model/models';
import { segmentViews } from '../../state/derived';
import { useActions, useApp } from '../../state/store';
import { formatShort } from '../shared/format';
import { ParamSlider } from './ParamSlider';
import { PresetPicker } from './PresetPicker';
import { OpenMapButtons } from '../map/OpenMapButtons';


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
  const model = useApp((s) => modelOf(s.session));
  return (
    <ul className="model-equations" data-testid="model-equations" aria-label="the model">
      {model.equations.map((line) => <li key={line}>{subscripts(line)}</li>)}
    </ul>
  );
}

/** "v_ref" → v<sub>ref</sub> (the registry writes subscripts with an underscore). */
function subscripts(line: string) {
  return line.split(/(_[a-z]+)/).map((part, i) => (part.startsWith('_') ? <sub key={i}>{part.slice(1)}</sub> : part));
}

/** Which neuron model the session uses; switching keeps the protocol and converts currents (undoable). */
function ModelPicker() {
  const id = useApp((s) => modelOf(s.session).id);
  const actions = useActions();
  return (
    <div className="model-picker">
      <label htmlFor="select-model">model</label>
      <select id="select-model" data-testid="select-model" value={id}
        title="The 2003 form (a, b, c, d; u and I in mV/ms) or the 2007 form (C, k, vr, vt, vpeak; u and I in pA). Switching keeps the protocol's times; currents are converted by C, other values start from the new model's defaults."
        onChange={(e) => { if (isModelId(e.target.value)) actions.setModel(e.target.value); }}>
        {MODEL_IDS.map((m) => <option key={m} value={m}>{MODELS[m].label}</option>)}
      </select>
    </div>
  );
}

export function ParamsPanel() {
  const open = useApp((s) => s.showCoefficients);
  const model = useApp((s) => modelOf(s.session));
  const actions = useActions();
  const primary = model.keys.filter((k) => model.specs[k].primary);
  const secondary = model.keys.filter((k) => !model.specs[k].primary);
  return (
    <section className="panel params-panel" aria-label="parameters of the selected segment">
      <h2>Parameters</h2>
      <ModelPicker />
      <ModelEquations />
      <SelectedSegment />
      <p className="hint edit-scope" data-testid="edit-scope">
        The sliders and fields change the selected segment only, and the segments after it that do not set their own
        value. To edit another segment, click its band in the plot or its row in the protocol, or use ‹ ›.
      </p>
      <PresetPicker />
      <div className="param-list">
        {primary.map((k) => <ParamSlider key={`${model.id}:${k}`} k={k} />)}
      </div>
      <OpenMapButtons />
      <details open={open} onToggle={(e) => { const o = (e.currentTarget as HTMLDetailsElement).open; if (o !== open) actions.setShowCoefficients(o); }}>
        <summary>
          {model.secondaryTitle}{' '}
          <span className="hint">{model.id === 'izh2003'
            ? 'k2 v² + k1 v + k0 − u + I ; a(b(v − vref) − ucoef u)'
            : 'FS cubic U(v), LTS/TC peak and reset with u, cap of u, TC/RTN b switch'}</span>
        </summary>
        <div className="param-list">
          {secondary.map((k) => <ParamSlider key={`${model.id}:${k}`} k={k} />)}
        </div>
      </details>
    </section>
  );
}
