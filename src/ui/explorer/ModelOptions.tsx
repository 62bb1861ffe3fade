// Options of the model beyond its parameters, from the peers: how the initial state is chosen (explicit v0, u0;
// u0 = b·v0 on the u-nullcline; the resting equilibrium of the first segment), an absolute refractory period
// (BrainPy's IzhikevichRef, ms; 0 = none) and a lower clamp of v (NEST's V_min, mV). The state the run started from
// is shown beside the modes that compute it.

import { modelOf } from '../../model/models';
import { LIMITS } from '../../model/schema';
import type { InitialMode } from '../../model/session';
import { useActions, useApp } from '../../state/store';
import { NumberField } from '../shared/NumberField';
import { formatValue } from '../shared/format';

const MODE_TEXT: Record<InitialMode, string> = {
  explicit: 'v₀, u₀ as given',
  b_v0: 'u₀ = b·v₀ (u-nullcline)',
  rest: 'at rest (segment 1)',
};

export function ModelOptionsPanel() {
  const mode = useApp((s) => s.session.initial.mode ?? 'explicit');
  const refractory = useApp((s) => s.session.options?.refractory ?? 0);
  const vMin = useApp((s) => s.session.options?.vMin);
  // Only the modes that compute the initial state show it: in 'explicit' mode a new run re-renders nothing here.
  const started = useApp((s) => ((s.session.initial.mode ?? 'explicit') === 'explicit' ? null : s.run?.snapshots[0]?.state ?? null));
  const uUnit = useApp((s) => modelOf(s.session).units.u);
  const actions = useActions();
  return (
    <section className="panel options-panel" aria-label="model options" data-testid="model-options">
      <h2>Model options</h2>
      <div className="form-grid">
        <label htmlFor="select-initial-mode">start</label>
        <select id="select-initial-mode" data-testid="select-initial-mode" value={mode}
          title="How the initial state is chosen: as given, u on its nullcline at v₀ (the scripts' and Jaxley's u₀ = b·v₀), or the stable equilibrium of the first segment's parameters (refused with a message when there is none)"
          onChange={(e) => actions.setInitial({ mode: e.target.value === 'explicit' ? undefined : (e.target.value as InitialMode) })}>
          {(Object.keys(MODE_TEXT) as InitialMode[]).map((m) => <option key={m} value={m}>{MODE_TEXT[m]}</option>)}
        </select>
        <span />
        {mode !== 'explicit' && started && (
          <>
            <span />
            <span className="hint" data-testid="initial-resolved">
              started at v₀ = {formatValue(started.v)} mV, u₀ = {formatValue(started.u)} {uUnit}
            </span>
            <span />
          </>
        )}

        <label htmlFor="field-refractory">refractory</label>
        <NumberField testId="field-refractory" errorTestId="error-refractory" label="refractory" value={refractory}
          min={LIMITS.refractory.min} max={LIMITS.refractory.max} unit="ms" mode="commit"
          title="Absolute refractory period (BrainPy's IzhikevichRef): for this long after each spike v stays at its reset value, u at its post-spike value, and no spike can occur. 0 = none."
          onCommit={(ms) => actions.setOptions({ refractory: ms })} />
        <span className="unit">ms</span>

        <label htmlFor="check-vmin">V_min</label>
        <span className="vmin-cell">
          <input id="check-vmin" type="checkbox" data-testid="check-vmin" checked={vMin !== undefined}
            title="Clamp v from below after every step (NEST's V_min)"
            onChange={(e) => actions.setOptions({ vMin: e.target.checked ? -90 : undefined })} />
          {vMin !== undefined && (
            <NumberField testId="field-vmin" errorTestId="error-vmin" label="V_min" value={vMin}
              min={LIMITS.vMin.min} max={LIMITS.vMin.max} unit="mV" mode="commit"
              title="after every step v ← max(v, V_min)" onCommit={(v) => actions.setOptions({ vMin: v })} />
          )}
        </span>
        <span className="unit">{vMin !== undefined ? 'mV' : 'off'}</span>
      </div>
    </section>
  );
}
