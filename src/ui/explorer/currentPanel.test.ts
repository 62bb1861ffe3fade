// Tests of when the plot adds the I(t) panel: not for a rising staircase of steps (the reference scenario, the step
// experiments), but for ramps, negative currents, pulses and inhibitory steps; and the short texts of gallery cards.
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../model/experiments';
import { referenceSession } from '../../state/persistence';
import { showCurrentPanel } from './currentPanel';
import { accurateBadge, shortFigure } from '../gallery/experimentText';

describe('I(t) panel', () => {
  it('is not shown for the reference scenario (rising steps; its last step down comes with a switch to "bursting")', () => {
    const ref = referenceSession();
    expect(showCurrentPanel(ref)).toBe(false);
    const noPreset = { ...ref, protocol: ref.protocol.map((s) => ({ ...s, preset: undefined })) };
    expect(showCurrentPanel(noPreset)).toBe(true); // 15 → 10 with the same neuron: an inhibitory step
    const ramp = { ...ref, protocol: ref.protocol.map((s, i) => (i === 1 ? { ...s, slope: 0.01 } : s)) };
    expect(showCurrentPanel(ramp)).toBe(true);
    const negative = { ...ref, protocol: ref.protocol.map((s, i) => (i === 0 ? { ...s, assign: { I: -2 } } : s)) };
    expect(showCurrentPanel(negative)).toBe(true);
  });

  it('is shown for every experiment with a ramp, a pulse or an inhibitory step, and not for the plain steps', () => {
    const shown = EXPERIMENTS.filter((e) => showCurrentPanel(e.session)).map((e) => e.id);
    expect(shown).toEqual([
      'class1_excitability', 'class2_excitability', 'spike_latency', 'subthreshold_oscillations', 'resonator', 'integrator',
      'rebound_spike', 'rebound_burst', 'threshold_variability', 'bistability', 'dap', 'accommodation',
      'inhibition_induced_spiking', 'inhibition_induced_bursting', 'rz_2003',
      // The 2007 form always shows its current (pA).
      'rs_2007', 'ib_2007', 'ch_2007', 'lts_2007', 'fs_2007', 'tc_2007', 'tc_burst_2007', 'rtn_2007',
    ]);
  });
});

describe('experiment texts', () => {
  it('shortens figure references and words the accurate-integration badge from the note', () => {
    expect(EXPERIMENTS.map((e) => shortFigure(e.figure)).slice(0, 3)).toEqual(['2004 Fig. 1A', '2004 Fig. 1B', '2004 Fig. 1C']);
    expect(shortFigure('Izhikevich 2003, Fig. 2 (RS)')).toBe('2003 Fig. 2 (RS)');
    const badges = Object.fromEntries(EXPERIMENTS.filter((e) => e.accurateIntegrationNote).map((e) => [e.id, accurateBadge(e.accurateIntegrationNote!)]));
    expect(badges).toEqual({
      spike_latency: 'changes under accurate integration',
      bistability: 'lost under accurate integration',
      dap: 'lost under accurate integration',
      inhibition_induced_spiking: 'changes under accurate integration',
      inhibition_induced_bursting: 'lost under accurate integration',
      fs_2007: 'changes under accurate integration',
    });
  });
});
