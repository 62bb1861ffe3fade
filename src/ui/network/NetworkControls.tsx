// Controls of the network view: the run buttons (run, pause/resume, stop, back to the paper's network), the cell
// counts, connectivity, weight scales, noise amplitudes, duration, seed and scheme, the cells' parameter recipe, and
// the memory the network needs. Every field validates through the network schema before anything runs.

import { useMemo } from 'react';
import { CELL_PARAM_KEYS, CELL_TYPES, NETWORK_LIMITS, inputsPerNeuron, stepsPerMs, totalCells, type CellParamKey, type CellType, type NetworkSpec } from '../../model/network';
import { NETWORK_MEMORY_BUDGET, planMemory } from '../../engine/network/memory';
import { useNetwork, useNetworkActions } from '../../state/network';
import { NumberField } from '../shared/NumberField';

const DT_CHOICES = [1, 0.5, 0.25, 0.2, 0.1, 0.05, 0.02, 0.01];
const TYPE_SHORT: Record<CellType, string> = { excitatory: 'exc', inhibitory: 'inh' };

function mib(b: number): string {
  return `${(b / 2 ** 20).toFixed(b < 10 * 2 ** 20 ? 1 : 0)} MiB`;
}

export function RunButtons() {
  const phase = useNetwork((s) => s.run?.phase ?? null);
  const autoRun = useNetwork((s) => s.autoRun);
  const actions = useNetworkActions();
  const active = phase === 'building' || phase === 'running' || phase === 'paused';
  return (
    <div className="net-run-buttons">
      <button type="button" className="primary" data-testid="net-run" onClick={actions.run} title="simulate the network as set (a run in progress is replaced)">
        {active ? 'Restart' : 'Run'}
      </button>
      {phase === 'paused' ? (
        <button type="button" data-testid="net-resume" onClick={actions.resume}>Resume</button>
      ) : (
        <button type="button" data-testid="net-pause" onClick={actions.pause} disabled={phase !== 'running'}>Pause</button>
      )}
      <button type="button" data-testid="net-stop" onClick={actions.stop} disabled={!active || phase === 'building'}>Stop</button>
      <button type="button" data-testid="net-paper" onClick={actions.resetToPaper} title="800 excitatory + 200 inhibitory cells, all-to-all, 1000 ms (Izhikevich 2003, net.m)">
        Paper’s network
      </button>
      <label className="check" title="run again shortly after each change">
        <input type="checkbox" data-testid="net-autorun" checked={autoRun} onChange={(e) => actions.setAutoRun(e.target.checked)} /> re-run on change
      </label>
    </div>
  );
}

function Field(props: {
  id: string; label: string; value: number; min: number; max: number; unit?: string; integer?: boolean; title?: string;
  apply: (s: NetworkSpec, x: number) => void;
}) {
  const actions = useNetworkActions();
  return (
    <>
      <label htmlFor={props.id} title={props.title}>{props.label}</label>
      <NumberField testId={props.id} errorTestId={`${props.id}-error`} label={props.label} value={props.value} min={props.min} max={props.max}
        unit={props.unit} integer={props.integer} mode="commit" title={props.title}
        onCommit={(x) => actions.edit((s) => props.apply(s, x))} />
      <span className="unit">{props.unit ?? ''}</span>
    </>
  );
}

function RecipeTable({ spec }: { spec: NetworkSpec }) {
  const actions = useNetworkActions();
  return (
    <details className="net-recipe">
      <summary>Cell parameters: p = base + spread·r<sup>power</sup>, r ~ U(0, 1) per cell</summary>
      <table>
        <thead>
          <tr><th /><th colSpan={3}>excitatory</th><th colSpan={3}>inhibitory</th></tr>
          <tr><th /><th>base</th><th>spread</th><th>power</th><th>base</th><th>spread</th><th>power</th></tr>
        </thead>
        <tbody>
          {CELL_PARAM_KEYS.map((k: CellParamKey) => (
            <tr key={k}>
              <th>{k}</th>
              {CELL_TYPES.map((t) => (['base', 'spread', 'power'] as const).map((f) => {
                const lim = f === 'power' ? NETWORK_LIMITS.power : { min: -200, max: 200 };
                return (
                  <td key={`${t}-${f}`}>
                    <NumberField testId={`net-${TYPE_SHORT[t]}-${k}-${f}`} errorTestId={`net-${TYPE_SHORT[t]}-${k}-${f}-error`}
                      label={`${t} ${k} ${f}`} value={spec.populations[t][k][f]} min={lim.min} max={lim.max} mode="commit"
                      onCommit={(x) => actions.edit((s) => { s.populations[t][k][f] = x; })} />
                  </td>
                );
              }))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">The paper: excitatory c = −65 + 15r², d = 8 − 6r²; inhibitory a = 0.02 + 0.08r, b = 0.25 − 0.05r. v = −65, u = b·v at the start; cut-off 30 mV.</p>
    </details>
  );
}

export function NetworkControls() {
  const spec = useNetwork((s) => s.spec);
  const actions = useNetworkActions();
  const total = totalCells(spec);
  const plan = useMemo(() => planMemory(spec, spec.duration * stepsPerMs(spec.scheme), true), [spec]);
  const L = NETWORK_LIMITS;
  return (
    <section className="panel net-controls" aria-label="network settings">
      <h2>Network</h2>
      <div className="form-grid">
        <Field id="net-ne" label="excitatory" value={spec.populations.excitatory.count} min={L.count.min} max={L.count.max} unit="cells" integer
          apply={(s, x) => { s.populations.excitatory.count = x; }} title="number of excitatory cells (regular spiking to chattering)" />
        <Field id="net-ni" label="inhibitory" value={spec.populations.inhibitory.count} min={L.count.min} max={L.count.max} unit="cells" integer
          apply={(s, x) => { s.populations.inhibitory.count = x; }} title="number of inhibitory cells (fast spiking to low-threshold spiking)" />

        <label htmlFor="net-connectivity">connectivity</label>
        <select id="net-connectivity" data-testid="net-connectivity" value={spec.connectivity.kind}
          onChange={(e) => actions.edit((s) => {
            s.connectivity = e.target.value === 'dense' ? { kind: 'dense' } : { kind: 'sparse', inputs: Math.min(1000, total) };
          })}>
          <option value="dense">dense: every cell to every cell</option>
          <option value="sparse">sparse: fixed inputs per cell</option>
        </select>
        <span />
        {spec.connectivity.kind === 'sparse' && (
          <Field id="net-inputs" label="inputs" value={spec.connectivity.inputs} min={L.inputs.min} max={Math.min(L.inputs.max, Math.max(1, total))} unit="per cell" integer
            apply={(s, x) => { s.connectivity = { kind: 'sparse', inputs: x }; }} title="distinct presynaptic cells per cell, drawn at random" />
        )}

        <Field id="net-w-exc" label="w exc" value={spec.weights.excitatory} min={L.weight.min} max={L.weight.max} unit="mV/ms"
          apply={(s, x) => { s.weights.excitatory = x; }} title="weights from excitatory cells: this × U(0, 1) (paper: 0.5)" />
        <Field id="net-w-inh" label="w inh" value={spec.weights.inhibitory} min={L.weight.min} max={L.weight.max} unit="mV/ms"
          apply={(s, x) => { s.weights.inhibitory = x; }} title="weights from inhibitory cells: −this × U(0, 1) (paper: 1)" />
        <Field id="net-noise-exc" label="noise exc" value={spec.noise.excitatory} min={L.noise.min} max={L.noise.max} unit="mV/ms"
          apply={(s, x) => { s.noise.excitatory = x; }} title="σ of the thalamic input of excitatory cells, drawn each ms (paper: 5)" />
        <Field id="net-noise-inh" label="noise inh" value={spec.noise.inhibitory} min={L.noise.min} max={L.noise.max} unit="mV/ms"
          apply={(s, x) => { s.noise.inhibitory = x; }} title="σ of the thalamic input of inhibitory cells, drawn each ms (paper: 2)" />

        <Field id="net-duration" label="duration" value={spec.duration} min={L.duration.min} max={L.duration.max} unit="ms" integer
          apply={(s, x) => { s.duration = x; }} />
        <label htmlFor="net-seed">seed</label>
        <span className="net-seed">
          <NumberField testId="net-seed" errorTestId="net-seed-error" label="seed" value={spec.seed} min={L.seed.min} max={L.seed.max} integer mode="commit"
            onCommit={(x) => actions.edit((s) => { s.seed = x; })} title="the network's draws and the noise come from it: the same seed gives the same run" />
          <button type="button" data-testid="net-new-seed" title="a new random seed"
            onClick={() => actions.edit((s) => { s.seed = crypto.getRandomValues(new Uint32Array(1))[0]; })}>new</button>
        </span>
        <span />

        <label htmlFor="net-scheme">scheme</label>
        <select id="net-scheme" data-testid="net-scheme" value={spec.scheme.method === 'paper' ? 'paper' : String(spec.scheme.dt)}
          onChange={(e) => actions.edit((s) => { s.scheme = e.target.value === 'paper' ? { method: 'paper' } : { method: 'rk4', dt: Number(e.target.value) }; })}>
          <option value="paper">the paper’s: 1 ms, two ½ ms Euler steps of v</option>
          {DT_CHOICES.map((dt) => <option key={dt} value={String(dt)}>rk4, dt = {dt} ms, exact spike times</option>)}
        </select>
        <span />
      </div>
      <RecipeTable spec={spec} />
      <p className={plan.ok ? 'hint' : 'net-refusal'} data-testid="net-memory">
        {plan.ok
          ? `${total} cells, ${inputsPerNeuron(spec)} inputs each · memory ≈ ${mib(plan.total)} of ${mib(NETWORK_MEMORY_BUDGET)}${plan.recordEvery > 1 ? ` · v recorded every ${plan.recordEvery} steps` : ''}`
          : plan.message}
      </p>
    </section>
  );
}
