// Integration settings of the session: step dt, stepper, spike timing, state precision, unrecorded transient,
// and the initial state (v0, u0). Fields validate against the schema's limits before anything is simulated.

import { modelOf } from '../../model/models';
import { LIMITS } from '../../model/schema';
import { PRECISIONS, SPIKE_MODES, STEPPERS, type Precision, type SpikeMode, type Stepper } from '../../model/session';
import { useActions, useApp } from '../../state/store';
import { NumberField } from '../shared/NumberField';

const STEPPER_TEXT: Record<Stepper, string> = {
  rk4: 'rk4: Runge–Kutta, 4th order',
  euler: 'euler: forward Euler, 1st order',
  euler_sequential: 'euler_sequential: the 2003/2004 scripts',
  exp_euler: 'exp_euler: Jaxley\u2019s, 1st order',
  euler_halfstep: 'euler_halfstep: network scheme / NEST, 1st order',
};
const SPIKE_TEXT: Record<SpikeMode, string> = {
  exact: 'exact: located within the step',
  step: 'step: at the end of the step',
};
const PRECISION_TEXT: Record<Precision, string> = { float32: 'float32', float64: 'float64' };

export function IntegrationPanel() {
  const integ = useApp((s) => s.session.integration);
  const transient = useApp((s) => s.session.transient);
  const initial = useApp((s) => s.session.initial); // stable identity while unchanged (store shares structure)
  const model = useApp((s) => modelOf(s.session));
  const actions = useActions();
  const state = model.state;
  const mode = initial.mode ?? 'explicit';
  const seq = integ.stepper === 'euler_sequential';
  return (
    <section className="panel integration-panel" aria-label="integration settings">
      <h2>Integration</h2>
      <div className="form-grid">
        <label>dt</label>
        <NumberField testId="field-dt" errorTestId="error-dt" label="dt" value={integ.dt} min={LIMITS.dt.min} max={LIMITS.dt.max} unit="ms"
          onCommit={(dt) => actions.setIntegration({ dt })} title="integration step, ms" />
        <span className="unit">ms</span>

        <label htmlFor="select-stepper">stepper</label>
        <select id="select-stepper" data-testid="select-stepper" value={integ.stepper}
          onChange={(e) => actions.setIntegration({ stepper: e.target.value as Stepper })}>
          {STEPPERS.map((s) => <option key={s} value={s}>{STEPPER_TEXT[s]}</option>)}
        </select>
        <span />

        <label htmlFor="select-spikes">spikes</label>
        <select id="select-spikes" data-testid="select-spikes" value={integ.spikes}
          title={seq ? 'euler_sequential stamps spikes at the step start and ignores this setting' : 'how the threshold crossing is timed'}
          onChange={(e) => actions.setIntegration({ spikes: e.target.value as SpikeMode })}>
          {SPIKE_MODES.map((s) => <option key={s} value={s}>{SPIKE_TEXT[s]}</option>)}
        </select>
        <span className="unit">{seq ? 'ignored' : ''}</span>

        <label htmlFor="select-precision">precision</label>
        <select id="select-precision" data-testid="select-precision" value={integ.precision}
          onChange={(e) => actions.setIntegration({ precision: e.target.value as Precision })}>
          {PRECISIONS.map((p) => <option key={p} value={p}>{PRECISION_TEXT[p]}</option>)}
        </select>
        <span />

        <label>transient</label>
        <NumberField testId="field-transient" errorTestId="error-transient" label="transient" value={transient}
          min={LIMITS.transient.min} max={LIMITS.transient.max} unit="ms" onCommit={(t) => actions.setTransient(t)}
          title="unrecorded run before t = 0 at the first segment's parameters" />
        <span className="unit">ms</span>

        <label>v₀</label>
        <NumberField testId="field-v0" errorTestId="error-v0" label="v0" value={initial.v}
          min={state.v.min} max={state.v.max} unit="mV" onCommit={(v) => actions.setInitial({ v })}
          title={mode === 'rest' ? 'not used: the run starts at the resting equilibrium (model options)' : 'initial membrane potential (before the transient)'} />
        <span className="unit">mV</span>

        <label>u₀</label>
        <NumberField testId="field-u0" errorTestId="error-u0" label="u0" value={initial.u}
          min={state.u.min} max={state.u.max} unit={state.u.unit} onCommit={(u) => actions.setInitial({ u })}
          title={mode === 'explicit' ? 'initial recovery variable (before the transient)' : 'not used: u0 is computed (model options)'} />
        <span className="unit">{state.u.unit}</span>
      </div>
    </section>
  );
}
