// The gallery of classic experiments: the 20 features of Izhikevich (2004) Fig. 1 and the 7 cell classes of
// Izhikevich (2003) Fig. 2, each a complete session (parameters, equation coefficients, initial state, input
// protocol, the author's integration scheme at the figure script's dt). Data: ../shared/reference/*.json.
//
// How the scripts' protocols become segments. Every time is the published one (a step at 10 ms is at 10, a 3 ms
// pulse at 10 ms lasts from 10 to 13), so the accurate solution (rk4 + exact spikes) integrates the published
// protocol. The engine's segments are half-open [start, until); the stepper `euler_sequential` samples I at each
// step's start on the grid 0, dt, 2dt, ... and the scripts test their inputs with strict or inclusive conditions
// ("t > T1", "t > T1 & t < T1 + 5", "t <= 250"): a grid point lying exactly on a boundary gets the current of the
// side the script chose. That choice is the segment's `untilInclusive` (from the reference's `script_bounds`):
// set, the grid point at `until` still belongs to the segment (a following "t > until" or a closing "t <= until").
// It matters: without it the spike-latency pulse drives one step more and the spike comes at 17.2 ms instead of
// 26.6 ms; the rebound spike at 58.8 instead of 68 ms. The scripts also take one more update at t = T; no panel
// has an event there, so `until: T` loses nothing.

import type { Experiment } from './experiment';
import { EXPERIMENTS_2007 } from './experiments2007';
import type { Params } from './params';
import { SESSION_FORMAT, SESSION_VERSION, type Segment, type Session } from './session';

/** A protocol segment: constant current `I` up to `until` (ms), or a ramp starting at `I` with `slope` per ms. */
function seg(until: number, I: number, label: string, slope?: number, untilInclusive?: boolean): Segment {
  const s: Segment = { until, assign: { I }, label };
  if (slope) s.slope = slope;
  if (untilInclusive) s.untilInclusive = true;
  return s;
}

/** A segment whose end grid point is still its own (script: the next input starts with "t > until", or this one ends with "t <= until"). */
function segIncl(until: number, I: number, label: string): Segment {
  return seg(until, I, label, 0, true);
}

interface Spec {
  id: string;
  name: string;
  figure: string;
  description: string;
  accurateIntegrationNote?: string;
  abcd: [number, number, number, number];
  /** v equation coefficients [k2, k1, k0]; default [0.04, 5, 140]. */
  vEq?: [number, number, number];
  /** u equation du/dt = a(b(v − vref) − ucoef·u): [vref, ucoef]; default [0, 1]. */
  uEq?: [number, number];
  v0: number;
  u0: number;
  dt: number;
  protocol: Segment[];
}

function make(s: Spec): Experiment {
  const [a, b, c, d] = s.abcd;
  const [k2, k1, k0] = s.vEq ?? [0.04, 5, 140];
  const [vref, ucoef] = s.uEq ?? [0, 1];
  const I = s.protocol[0].assign?.I ?? 0;
  const params: Params = { a, b, c, d, I, v_th: 30, k2, k1, k0, vref, ucoef };
  const session: Session = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    name: s.id,
    params,
    initial: { v: s.v0, u: s.u0 },
    integration: { dt: s.dt, stepper: 'euler_sequential', spikes: 'step', precision: 'float64' },
    transient: 0,
    protocol: s.protocol,
  };
  return {
    id: s.id,
    name: s.name,
    figure: s.figure,
    description: s.description,
    accurateIntegrationNote: s.accurateIntegrationNote ?? null,
    session,
  };
}

const F04 = 'Izhikevich 2004, Fig. 1';
const F03 = 'Izhikevich 2003, Fig. 2';
/** 2004 class 1 and integrator panels: 0.04v² + 4.1v + 108 in the v equation. */
const CLASS1_V: [number, number, number] = [0.04, 4.1, 108];

/** Baseline until a step at `tOn` (script: I = I0 for t ≤ tOn, I1 for t > tOn), held to `T`. */
function stepAt(tOn: number, T: number, I0: number, I1: number): Segment[] {
  return [segIncl(tOn, I0, `I=${I0}`), seg(T, I1, `I=${I1}`)];
}

/** Brief pulses over a baseline (script: I = Ip for t0 < t < t1, both ends excluded). */
function pulses(T: number, base: number, list: { t0: number; t1: number; I: number }[], pulseLabel?: string): Segment[] {
  const out: Segment[] = [];
  for (const p of list) {
    out.push(segIncl(p.t0, base, `I=${base}`));
    out.push(seg(p.t1, p.I, pulseLabel ?? `pulse I=${p.I}`));
  }
  out.push(seg(T, base, `I=${base}`));
  return out;
}

const SPECS: Spec[] = [
  // ---------------------------------------------------------------- Izhikevich 2004, Fig. 1 A–T
  {
    id: 'tonic_spiking', name: 'tonic spiking', figure: `${F04}A`,
    description: 'A step of current (I = 14 from t = 10 ms) makes the neuron fire a train of spikes for as long as the input lasts. After two quick spikes the train settles to a constant interval.',
    abcd: [0.02, 0.2, -65, 6], v0: -70, u0: -14, dt: 0.25,
    protocol: stepAt(10, 100, 0, 14),
  },
  {
    id: 'phasic_spiking', name: 'phasic spiking', figure: `${F04}B`,
    description: 'A sustained step (I = 0.5 from t = 20 ms) evokes a single spike at its onset and then nothing: the neuron signals the onset of the input, not its duration.',
    abcd: [0.02, 0.25, -65, 6], v0: -64, u0: -16, dt: 0.25,
    protocol: stepAt(20, 200, 0, 0.5),
  },
  {
    id: 'tonic_bursting', name: 'tonic bursting', figure: `${F04}C`,
    description: 'A step (I = 15 from t = 22 ms) evokes periodic bursts of fast spikes separated by silences (chattering). The high reset c = −50 mV lets spikes follow each other until u has grown enough to end the burst.',
    abcd: [0.02, 0.2, -50, 2], v0: -70, u0: -14, dt: 0.25,
    protocol: stepAt(22, 220, 0, 15),
  },
  {
    id: 'phasic_bursting', name: 'phasic bursting', figure: `${F04}D`,
    description: 'A sustained step (I = 0.6 from t = 20 ms) evokes one burst of spikes at its onset, then silence for the rest of the step.',
    abcd: [0.02, 0.25, -55, 0.05], v0: -64, u0: -16, dt: 0.2,
    protocol: stepAt(20, 200, 0, 0.6),
  },
  {
    id: 'mixed_mode', name: 'mixed mode', figure: `${F04}E`,
    description: 'A step (I = 10 from t = 16 ms) evokes an initial burst followed by single tonic spikes, as in intrinsically bursting cortical cells.',
    abcd: [0.02, 0.2, -55, 4], v0: -70, u0: -14, dt: 0.25,
    protocol: stepAt(16, 160, 0, 10),
  },
  {
    id: 'spike_frequency_adaptation', name: 'spike frequency adaptation', figure: `${F04}F`,
    description: 'A strong step (I = 30 from t = 8.5 ms) evokes fast spikes at first; every spike adds d = 8 to the slow recovery variable u (a = 0.01), so the intervals lengthen.',
    abcd: [0.01, 0.2, -65, 8], v0: -70, u0: -14, dt: 0.25,
    protocol: stepAt(8.5, 85, 0, 30),
  },
  {
    id: 'class1_excitability', name: 'class 1 excitability', figure: `${F04}G`,
    description: 'A ramp of current (0.075 per ms from t = 30 ms): firing begins at a low rate once the current passes threshold and speeds up as the current grows; a class 1 neuron can fire arbitrarily slowly. This panel uses 4.1v + 108 in the v equation.',
    abcd: [0.02, -0.1, -55, 6], vEq: CLASS1_V, v0: -60, u0: 6, dt: 0.25,
    protocol: [segIncl(30, 0, 'I=0'), seg(300, 0, 'ramp', 0.075)],
  },
  {
    id: 'class2_excitability', name: 'class 2 excitability', figure: `${F04}H`,
    description: 'A ramp of current (0.015 per ms from I = −0.5 at t = 30 ms): firing starts abruptly at a clearly non-zero rate (about 50 Hz) rather than rising from zero; class 2 excitability, as in the squid axon.',
    abcd: [0.2, 0.26, -65, 0], v0: -64, u0: -16.64, dt: 0.25,
    protocol: [segIncl(30, -0.5, 'I=-0.5'), seg(300, -0.5, 'ramp', 0.015)],
  },
  {
    id: 'spike_latency', name: 'spike latency', figure: `${F04}I`,
    description: 'A 3 ms pulse just above threshold (I = 7.04 at t = 10 ms) is followed by a spike long after the pulse has ended: the closer the input is to threshold, the longer the latency.',
    accurateIntegrationNote: 'With rk4 and exact spikes the spike still follows the pulse, but the latency shortens to less than half (about 6.6 ms after the pulse onset instead of 16.6 ms): a near-threshold latency is very sensitive to the integration scheme.',
    abcd: [0.02, 0.2, -65, 6], v0: -70, u0: -14, dt: 0.2,
    protocol: pulses(100, 0, [{ t0: 10, t1: 13, I: 7.04 }]),
  },
  {
    id: 'subthreshold_oscillations', name: 'subthreshold oscillations', figure: `${F04}J`,
    description: 'A brief pulse (I = 2 for 5 ms at t = 20 ms) evokes one spike followed by damped oscillations of v around rest (b = 0.26 makes the rest state a focus). Zoom in on v after the spike to see the ringing.',
    abcd: [0.05, 0.26, -60, 0], v0: -62, u0: -16.12, dt: 0.25,
    protocol: pulses(200, 0, [{ t0: 20, t1: 25, I: 2 }]),
  },
  {
    id: 'resonator', name: 'resonator', figure: `${F04}K`,
    description: 'Two pairs of weak 4 ms pulses: the pair 20 ms apart fails to fire the cell, the pair 40 ms apart fires it, because its second pulse lands on the crest of the damped subthreshold oscillation (period about 40 ms). A resonator responds to inputs at its resonant frequency.',
    abcd: [0.1, 0.26, -60, -1], v0: -62, u0: -16.12, dt: 0.25,
    protocol: pulses(400, 0, [
      { t0: 40, t1: 44, I: 0.65 }, { t0: 60, t1: 64, I: 0.65 }, { t0: 280, t1: 284, I: 0.65 }, { t0: 320, t1: 324, I: 0.65 },
    ]),
  },
  {
    id: 'integrator', name: 'integrator', figure: `${F04}L`,
    description: 'Two pairs of 2 ms pulses: the close pair (5 ms apart) adds up to a spike, the distant pair (10 ms apart) does not; an integrator acts as a coincidence detector. This panel uses 4.1v + 108 in the v equation.',
    abcd: [0.02, -0.1, -55, 6], vEq: CLASS1_V, v0: -60, u0: 6, dt: 0.25,
    // T1 = 100/11 ms as in the script (not on the 0.25 ms grid).
    protocol: pulses(100, 0, [
      { t0: 100 / 11, t1: 100 / 11 + 2, I: 9 }, { t0: 100 / 11 + 5, t1: 100 / 11 + 7, I: 9 },
      { t0: 70, t1: 72, I: 9 }, { t0: 80, t1: 82, I: 9 },
    ]),
  },
  {
    id: 'rebound_spike', name: 'rebound spike', figure: `${F04}M`,
    description: 'A brief hyperpolarizing pulse (I = −15 for 5 ms at t = 20 ms) is followed, after it ends, by a single spike: post-inhibitory rebound.',
    abcd: [0.03, 0.25, -60, 4], v0: -64, u0: -16, dt: 0.2,
    protocol: pulses(200, 0, [{ t0: 20, t1: 25, I: -15 }]),
  },
  {
    id: 'rebound_burst', name: 'rebound burst', figure: `${F04}N`,
    description: 'The same hyperpolarizing pulse (I = −15 for 5 ms) in a cell with a high reset (c = −52, d = 0) is followed by a burst of spikes after release, as in thalamo-cortical neurons.',
    abcd: [0.03, 0.25, -52, 0], v0: -64, u0: -16, dt: 0.2,
    protocol: pulses(200, 0, [{ t0: 20, t1: 25, I: -15 }]),
  },
  {
    id: 'threshold_variability', name: 'threshold variability', figure: `${F04}O`,
    description: 'The same weak pulse (I = 1 for 5 ms) fails to fire the cell at rest (t = 10 ms) but fires it when it comes 5 ms after an inhibitory pulse (I = −6 at t = 70 ms): the firing threshold depends on the recent history.',
    abcd: [0.03, 0.25, -60, 4], v0: -64, u0: -16, dt: 0.25,
    // The script lists the pulses as +1 on (10,15), +1 on (80,85), −6 on (70,75); they do not overlap.
    protocol: pulses(100, 0, [{ t0: 10, t1: 15, I: 1 }, { t0: 70, t1: 75, I: -6 }, { t0: 80, t1: 85, I: 1 }]),
  },
  {
    id: 'bistability', name: 'bistability', figure: `${F04}P`,
    description: 'Under a holding current I = 0.24, a brief pulse switches the cell from rest to tonic spiking, and an identical pulse at t = 216 ms switches it back to rest: rest and repetitive firing coexist.',
    accurateIntegrationNote: 'Lost under accurate integration: with rk4 and exact spikes the firing is slightly faster, the second pulse arrives at a different phase and no longer stops it; the cell keeps spiking to the end.',
    abcd: [0.1, 0.26, -60, 0], v0: -61, u0: -15.86, dt: 0.25,
    protocol: pulses(300, 0.24, [{ t0: 37.5, t1: 42.5, I: 1.24 }, { t0: 216, t1: 221, I: 1.24 }]),
  },
  {
    id: 'dap', name: 'depolarizing after-potential', figure: `${F04}Q`,
    description: 'A 2 ms pulse (I = 20) evokes one spike; the negative d = −21 lowers u at the spike, so v is pushed back up after the reset: a depolarizing after-potential, during which the cell is more excitable.',
    accurateIntegrationNote: 'Lost under accurate integration: with rk4 and exact spikes the after-potential re-excites the cell and it fires repetitively (8 spikes in 50 ms) instead of once; the single spike is an artifact of the coarse Euler step.',
    abcd: [1, 0.2, -60, -21], v0: -70, u0: -14, dt: 0.1,
    // Script: I = 20 where |t − 10| < 1; the grid points 9.0 and 11.0 are excluded, so 19 steps (9.1 … 10.9).
    protocol: pulses(50, 0, [{ t0: 9, t1: 11, I: 20 }]),
  },
  {
    id: 'accommodation', name: 'accommodation', figure: `${F04}R`,
    description: 'A slow ramp up to I = 8 does not fire the cell, because the recovery variable keeps up with it, while a fast ramp to only I = 4 does. This panel uses du/dt = a·b·(v + 65) (vref = −65, ucoef = 0) and starts at u = −16.',
    abcd: [0.02, 1, -55, 4], uEq: [-65, 0], v0: -65, u0: -16, dt: 0.5,
    protocol: [seg(200, 0, 'slow ramp', 0.04), seg(300, 0, 'I=0'), seg(312.5, 0, 'fast ramp', 0.32), seg(400, 0, 'I=0')],
  },
  {
    id: 'inhibition_induced_spiking', name: 'inhibition-induced spiking', figure: `${F04}S`,
    description: 'Held at I = 80 the cell is silent; lowering the current to 75 (inhibition) makes it fire tonically, and it stops when the current returns to 80. Note the negative a and b.',
    accurateIntegrationNote: 'With rk4 and exact spikes the cell still fires only under inhibition, but faster (intervals of about 58 ms instead of 71 ms), and one more spike, already under way, lands about 5 ms after the current returns to 80.',
    abcd: [-0.02, -1, -60, 8], v0: -63.8, u0: 63.8, dt: 0.5,
    // Script: I = 75 for 50 ≤ t ≤ 250 (inclusive end): the grid point 250 still takes 75.
    protocol: [seg(50, 80, 'I=80'), segIncl(250, 75, 'I=75'), seg(350, 80, 'I=80')],
  },
  {
    id: 'inhibition_induced_bursting', name: 'inhibition-induced bursting', figure: `${F04}T`,
    description: 'Held at I = 80 the cell is silent; lowering the current to 75 makes it fire bursts, which stop when the current returns to 80.',
    accurateIntegrationNote: 'Lost under accurate integration: with rk4 and exact spikes the first burst never ends; each spike lowers u (d = −2), the firing accelerates without bound, goes on after the inhibition ends, and u runs away until the run stops as diverged (at about 286 ms).',
    abcd: [-0.026, -1, -45, -2], v0: -63.8, u0: 63.8, dt: 0.5,
    protocol: [seg(50, 80, 'I=80'), segIncl(250, 75, 'I=75'), seg(350, 80, 'I=80')],
  },
  // ---------------------------------------------------------------- Izhikevich 2003, Fig. 2 cell classes
  {
    id: 'rs_2003', name: 'regular spiking (RS)', figure: `${F03} (RS)`,
    description: 'Regular spiking, the typical excitatory cortical neuron: a step (I = 14 from t = 15 ms) evokes tonic spikes with adaptation, a short first interval and then longer, regular ones.',
    abcd: [0.02, 0.2, -65, 8], v0: -63, u0: -12.6, dt: 0.25,
    protocol: stepAt(15, 150, 0, 14),
  },
  {
    id: 'ib_2003', name: 'intrinsically bursting (IB)', figure: `${F03} (IB)`,
    description: 'Intrinsically bursting excitatory neuron: a step (I = 11 from t = 15 ms) evokes an initial burst, then repetitive single spikes (c = −55, d = 4).',
    abcd: [0.02, 0.2, -55, 4], v0: -70, u0: -14, dt: 0.25,
    protocol: stepAt(15, 150, 0, 11),
  },
  {
    id: 'ch_2003', name: 'chattering (CH)', figure: `${F03} (CH)`,
    description: 'Chattering excitatory neuron: a step (I = 10 from t = 15 ms) evokes repetitive bursts of closely spaced spikes (c = −50, d = 2).',
    abcd: [0.02, 0.2, -50, 2], v0: -70, u0: -14, dt: 0.25,
    protocol: stepAt(15, 150, 0, 10),
  },
  {
    id: 'fs_2003', name: 'fast spiking (FS)', figure: `${F03} (FS)`,
    description: 'Fast-spiking inhibitory interneuron: a step (I = 10 from t = 15 ms) evokes high-frequency tonic firing with little adaptation, thanks to the fast recovery a = 0.1.',
    abcd: [0.1, 0.2, -65, 2], v0: -70, u0: -14, dt: 0.25,
    protocol: stepAt(15, 150, 0, 10),
  },
  {
    id: 'tc_2003', name: 'thalamo-cortical (TC)', figure: `${F03} (TC)`,
    description: 'Thalamo-cortical neuron in tonic mode: from rest, a small step (I = 1.5 from t = 30 ms) evokes tonic spikes. The figure\u2019s burst mode (start at v = −87, u = −21.75 with I = −25 until t = 45 ms, then I = 0) gives a rebound burst of 5 spikes instead; see also "rebound burst".',
    abcd: [0.02, 0.25, -65, 0.05], v0: -63, u0: -15.75, dt: 0.25,
    protocol: stepAt(30, 150, 0, 1.5),
  },
  {
    id: 'rz_2003', name: 'resonator (RZ)', figure: `${F03} (RZ)`,
    description: 'Resonator: when the holding current steps from −2 to −0.5 at t = 10 ms, v settles through damped subthreshold oscillations without firing; a strong 5 ms pulse (I = 10 at t = 60 ms) then evokes a brief discharge of two spikes.',
    abcd: [0.1, 0.26, -65, 2], v0: -70, u0: -18.2, dt: 0.25,
    // The script lets the pulse override the background current; here that is simply a pulse segment.
    protocol: [segIncl(10, -2, 'I=-2'), segIncl(60, -0.5, 'I=-0.5'), seg(65, 10, 'pulse I=10'), seg(100, -0.5, 'I=-0.5')],
  },
  {
    id: 'lts_2003', name: 'low-threshold spiking (LTS)', figure: `${F03} (LTS)`,
    description: 'Low-threshold spiking inhibitory interneuron: a step (I = 10 from t = 25 ms) evokes a high-frequency train with strong adaptation; b = 0.25 gives it a low firing threshold.',
    abcd: [0.02, 0.25, -65, 2], v0: -63, u0: -15.75, dt: 0.25,
    protocol: stepAt(25, 250, 0, 10),
  },
];

/** The 27 experiments of the 2003/2004 papers (the 2003 form). */
export const EXPERIMENTS_2003_2004: Experiment[] = SPECS.map(make);

/** Every experiment of the gallery: the papers' 27, then the book's cells in the 2007 form (experiments2007.ts). */
export const EXPERIMENTS: Experiment[] = [...EXPERIMENTS_2003_2004, ...EXPERIMENTS_2007];

/** The experiment with this id, or undefined. */
export function getExperiment(id: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}

/** All experiment ids, in gallery order (2004 A–T, the 2003 classes, then the 2007 cells). */
export const EXPERIMENT_IDS: readonly string[] = EXPERIMENTS.map((e) => e.id);
