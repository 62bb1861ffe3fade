// The book's cortical and thalamic cells in the 2007 form (Izhikevich 2007, Dynamical Systems in Neuroscience, ch. 8;
// parameters of ModelDB 39948, ../shared/reference/izhikevich2007_cells.json) as gallery experiments: each cell at
// rest, then a step of current (pA) chosen here to show the behaviour its name stands for (the book shows several
// currents per cell; the reference data give the cells, not the protocols). Integrated with the book's scheme —
// forward Euler for v, then u with the new v, as in its MATLAB listings — at dt = 0.1 ms (step chosen here).

import type { Experiment } from './experiment';
import { PRESETS_2007 } from './izh2007';
import { DEFAULTS_2007 } from './izh2007';
import { SESSION_FORMAT, SESSION_VERSION, type Segment, type Session } from './session';

const FIG = 'Izhikevich 2007, Fig.';

interface Spec2007 {
  id: string;
  cell: keyof typeof PRESETS_2007 & string;
  name: string;
  figure: string;
  description: string;
  accurateIntegrationNote?: string;
  /** Current before the step (from t = 0, at rest for it), pA, and the step itself, pA. */
  hold: number;
  step: number;
  /** Time of the step and end of the run, ms. */
  onset: number;
  T: number;
}

function make(s: Spec2007): Experiment {
  const protocol: Segment[] = [
    { until: s.onset, assign: { I: s.hold }, label: `I=${s.hold} pA`, untilInclusive: true },
    { until: s.T, assign: { I: s.step }, label: `I=${s.step} pA` },
  ];
  const session: Session = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    name: s.id,
    model: 'izh2007',
    params: { ...DEFAULTS_2007, ...PRESETS_2007[s.cell].values, I: s.hold },
    initial: { v: PRESETS_2007[s.cell].values.vr, u: 0, mode: 'rest' },
    integration: { dt: 0.1, stepper: 'euler_sequential', spikes: 'step', precision: 'float64' },
    transient: 0,
    protocol,
  };
  return {
    id: s.id, name: s.name, figure: s.figure, description: s.description,
    accurateIntegrationNote: s.accurateIntegrationNote ?? null, session,
  };
}

const SPECS: Spec2007[] = [
  {
    id: 'rs_2007', cell: 'RS', name: 'regular spiking (RS, 2007 form)', figure: `${FIG} 8.12 (RS)`,
    description: 'Layer 5 pyramidal cell: from rest at −60 mV a 300 pA step evokes tonic spikes whose intervals lengthen (adaptation: each spike adds d = 100 pA to u, which decays slowly, a = 0.03).',
    hold: 0, step: 300, onset: 100, T: 1000,
  },
  {
    id: 'ib_2007', cell: 'IB', name: 'intrinsically bursting (IB, 2007 form)', figure: `${FIG} 8.19 (IB)`,
    description: 'Layer 5 intrinsically bursting cell: a 600 pA step evokes a burst of three spikes, then regular single spikes; the large d = 130 pA and slow a = 0.01 end the burst.',
    hold: 0, step: 600, onset: 100, T: 1000,
  },
  {
    id: 'ch_2007', cell: 'CH', name: 'chattering (CH, 2007 form)', figure: `${FIG} 8.23 (CH)`,
    description: 'Chattering cell of cat visual cortex: a 300 pA step evokes repetitive bursts of two spikes about 50 ms apart; the high reset c = −40 mV lets spikes follow each other quickly.',
    hold: 0, step: 300, onset: 100, T: 1000,
  },
  {
    id: 'lts_2007', cell: 'LTS', name: 'low-threshold spiking (LTS, 2007 form)', figure: `${FIG} 8.25 (LTS)`,
    description: 'Barrel cortex LTS interneuron: a 200 pA step evokes spikes with strong adaptation; its cut-off vpeak − 0.1u and reset c + 0.04u move with u, which is capped at 670 pA.',
    hold: 0, step: 200, onset: 100, T: 1000,
  },
  {
    id: 'fs_2007', cell: 'FS', name: 'fast spiking (FS, 2007 form)', figure: `${FIG} 8.27 (FS)`,
    description: 'Fast-spiking interneuron: a 200 pA step evokes sustained firing near 70 Hz without adaptation; u follows a cubic function of v above −55 mV (U(v) = 0.025(v + 55)³) and is not incremented at a spike.',
    accurateIntegrationNote: 'With rk4 and exact spikes the train is perfectly regular (intervals of 12.3 ms, 81 Hz); the book\u2019s Euler scheme at dt = 0.1 ms lets the stiff cubic u jitter the intervals between 14.6 and 17.2 ms (about 63 Hz).',
    hold: 0, step: 200, onset: 100, T: 600,
  },
  {
    id: 'tc_2007', cell: 'TC', name: 'thalamo-cortical, tonic mode (TC, 2007 form)', figure: `${FIG} 8.31 (TC)`,
    description: 'LGN relay cell depolarised from rest (−60 mV): a 200 pA step evokes tonic single spikes. Above −65 mV b = 0, so the slow current that makes rebound bursts is off.',
    hold: 0, step: 200, onset: 100, T: 1000,
  },
  {
    id: 'tc_burst_2007', cell: 'TC', name: 'thalamo-cortical, burst mode (TC, 2007 form)', figure: `${FIG} 8.31 (TC)`,
    description: 'The same relay cell held near −80 mV (I = −1200 pA, where b = 15) and released: a rebound burst of about nine spikes at up to 200 Hz, then silence. Compare with its tonic mode.',
    hold: -1200, step: 0, onset: 200, T: 600,
  },
  {
    id: 'rtn_2007', cell: 'RTN', name: 'reticular thalamic (RTN, 2007 form)', figure: `${FIG} 8.32 (RTN)`,
    description: 'Reticular thalamic cell: from rest at −65 mV a 100 pA step evokes a first interval of about 26 ms, then slow tonic spikes every 71 ms; b switches between 10 (below −65 mV) and 2 (above).',
    hold: 0, step: 100, onset: 100, T: 1000,
  },
];

export const EXPERIMENTS_2007: Experiment[] = SPECS.map(make);
