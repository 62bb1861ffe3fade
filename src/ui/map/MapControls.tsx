// Settings of the map: the plane (the 2003 figure's (a, b) and (c, d), or any two parameters with their ranges), the
// resolution, the protocol (a step of I from rest with amplitude and duration, or the explorer's session and which of
// its segments to analyse), the integration, and what to colour by. Bad values are refused with the allowed range.

import { PARAM_KEYS, PARAM_SPECS, type ParamKey } from '../../model/params';
import { PRECISIONS, SPIKE_MODES, STEPPERS } from '../../model/session';
import { MAP_MEASURES, MAX_RESOLUTION } from '../../analysis/firingMap';
import { getMapStore, useMap, type MapSettings } from '../../state/map';
import { useApp } from '../../state/store';
import { NumberField } from '../shared/NumberField';

const RESOLUTIONS = [32, 64, 128, 256, 512];

const refuse = (message: string) => ({ ok: false as const, message, issues: [] });

function AxisRow({ which }: { which: 'x' | 'y' }) {
  const ax = useMap((s) => s.settings[which]);
  const other = useMap((s) => s.settings[which === 'x' ? 'y' : 'x'].param);
  const actions = getMapStore().getState().actions;
  const ps = PARAM_SPECS[ax.param];
  return (
    <div className="map-axis-row">
      <label>
        {which}
        <select data-testid={`map-${which}-param`} value={ax.param} onChange={(e) => actions.setAxis(which, { param: e.target.value as ParamKey })}>
          {PARAM_KEYS.filter((k) => k !== other).map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </label>
      <NumberField testId={`map-${which}-min`} errorTestId={`map-${which}-min-error`} label={`${which} from`} value={ax.min}
        min={ps.min} max={ps.max} unit={ps.unit === '1' ? '' : ps.unit} mode="commit" ariaLabel={`${which} from`}
        onCommit={(v) => (v < ax.max ? actions.setAxis(which, { min: v }) : refuse(`${which} from must be below ${which} to (${ax.max})`))} />
      <span className="map-dash">…</span>
      <NumberField testId={`map-${which}-max`} errorTestId={`map-${which}-max-error`} label={`${which} to`} value={ax.max}
        min={ps.min} max={ps.max} unit={ps.unit === '1' ? '' : ps.unit} mode="commit" ariaLabel={`${which} to`}
        onCommit={(v) => (v > ax.min ? actions.setAxis(which, { max: v }) : refuse(`${which} to must be above ${which} from (${ax.min})`))} />
    </div>
  );
}

export function MapControls() {
  const s = useMap((st) => st.settings);
  const segments = useApp((st) => st.session.protocol.length);
  const actions = getMapStore().getState().actions;
  const plane = s.x.param === 'a' && s.y.param === 'b' ? 'ab' : s.x.param === 'c' && s.y.param === 'd' ? 'cd' : null;
  const last = segments - 1;
  const w = s.window && s.window.to <= last ? s.window : { from: last, to: last };
  return (
    <div className="panel map-controls" data-testid="map-controls">
      <h2>Map</h2>
      <div className="map-planes" role="group" aria-label="plane">
        <button type="button" data-testid="map-plane-ab" className={plane === 'ab' ? 'active' : ''} aria-pressed={plane === 'ab'} onClick={() => actions.setPlane('ab')}>(a, b) plane</button>
        <button type="button" data-testid="map-plane-cd" className={plane === 'cd' ? 'active' : ''} aria-pressed={plane === 'cd'} onClick={() => actions.setPlane('cd')}>(c, d) plane</button>
      </div>
      <AxisRow which="x" />
      <AxisRow which="y" />
      <label className="map-row">
        resolution (per axis)
        <select data-testid="map-resolution" value={RESOLUTIONS.includes(s.resolution) ? s.resolution : 'custom'}
          onChange={(e) => e.target.value !== 'custom' && actions.setResolution(Number(e.target.value))}>
          {RESOLUTIONS.map((r) => <option key={r} value={r}>{r} × {r}</option>)}
          {!RESOLUTIONS.includes(s.resolution) && <option value="custom">{s.resolution} × {s.resolution}</option>}
        </select>
        <NumberField testId="map-resolution-n" errorTestId="map-resolution-error" label="resolution" value={s.resolution} min={2}
          max={MAX_RESOLUTION} integer mode="commit" ariaLabel="resolution (samples per axis)" onCommit={(v) => actions.setResolution(v)} />
      </label>
      <fieldset className="map-protocol">
        <legend>protocol</legend>
        <label><input type="radio" name="map-protocol" data-testid="map-protocol-step" checked={s.protocol === 'step'} onChange={() => actions.setProtocol({ protocol: 'step' })} /> step of I from rest</label>
        {s.protocol === 'step' && (
          <div className="map-row">
            <span>I</span>
            <NumberField testId="map-step-I" errorTestId="map-step-I-error" label="I" value={s.stepI} min={PARAM_SPECS.I.min} max={PARAM_SPECS.I.max}
              unit="mV/ms" mode="commit" ariaLabel="step amplitude I" onCommit={(v) => actions.setProtocol({ stepI: v })} />
            <span>mV/ms for</span>
            <NumberField testId="map-step-duration" errorTestId="map-step-duration-error" label="duration" value={s.stepDuration} min={1} max={100000}
              unit="ms" mode="commit" ariaLabel="step duration" onCommit={(v) => actions.setProtocol({ stepDuration: v })} />
            <span>ms</span>
          </div>
        )}
        <label><input type="radio" name="map-protocol" data-testid="map-protocol-session" checked={s.protocol === 'session'} onChange={() => actions.setProtocol({ protocol: 'session' })} /> the explorer&rsquo;s session</label>
        {s.protocol === 'session' && (
          <div className="map-row">
            analyse segments
            <select data-testid="map-window-from" value={w.from} onChange={(e) => actions.setProtocol({ window: { from: Number(e.target.value), to: Math.max(Number(e.target.value), w.to) } })}>
              {Array.from({ length: segments }, (_, i) => <option key={i} value={i}>{i + 1}</option>)}
            </select>
            to
            <select data-testid="map-window-to" value={w.to} onChange={(e) => actions.setProtocol({ window: { from: Math.min(w.from, Number(e.target.value)), to: Number(e.target.value) } })}>
              {Array.from({ length: segments }, (_, i) => <option key={i} value={i}>{i + 1}</option>)}
            </select>
          </div>
        )}
      </fieldset>
      <div className="map-row map-integration">
        <span>dt</span>
        <NumberField testId="map-dt" errorTestId="map-dt-error" label="dt" value={s.integration.dt} min={0.0001} max={1} unit="ms" mode="commit"
          ariaLabel="map dt" onCommit={(v) => actions.setIntegration({ dt: v })} />
        <span>ms</span>
        <select data-testid="map-stepper" aria-label="stepper" value={s.integration.stepper} onChange={(e) => actions.setIntegration({ stepper: e.target.value as MapSettings['integration']['stepper'] })}>
          {STEPPERS.map((x) => <option key={x} value={x}>{x}</option>)}
        </select>
        <select data-testid="map-spikes" aria-label="spike mode" value={s.integration.spikes} onChange={(e) => actions.setIntegration({ spikes: e.target.value as MapSettings['integration']['spikes'] })}>
          {SPIKE_MODES.map((x) => <option key={x} value={x}>{x} spikes</option>)}
        </select>
        <select data-testid="map-precision" aria-label="precision" value={s.integration.precision} onChange={(e) => actions.setIntegration({ precision: e.target.value as MapSettings['integration']['precision'] })}>
          {PRECISIONS.map((x) => <option key={x} value={x}>{x}</option>)}
        </select>
      </div>
      <label className="map-row">
        colour by
        <select data-testid="map-color-by" value={s.colorBy} onChange={(e) => actions.setColorBy(e.target.value as MapSettings['colorBy'])}>
          <option value="class">firing class</option>
          {MAP_MEASURES.map((m) => <option key={m.key} value={m.key}>{m.label}{m.unit ? ` (${m.unit})` : ''}</option>)}
        </select>
      </label>
    </div>
  );
}
