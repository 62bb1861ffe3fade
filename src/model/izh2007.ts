// The 2007 form of the simple model (Izhikevich 2007, Dynamical Systems in Neuroscience, ch. 8; ModelDB 39948):
// C·v' = k(v − vr)(v − vt) − u + I, u' = a(b(v − vr) − u), v ≥ vpeak ⇒ v ← c, u ← u + d; with the book cells'
// special rules as parameters (FS cubic U(v), LTS/TC u-dependent peak and reset, cap of u, TC/RTN b switch).
// Units: C pF, k nS/mV, v mV, a 1/ms, b nS, u, d, I pA, t ms. Data: ../shared/reference/izhikevich2007_cells.json.
//
// It maps exactly onto the generalised 2003 coefficients (so one engine, one batch engine, one analysis): divide the v
// equation by C and write w = u/C (pA/pF = mV/ms):
//   k2 = k/C, k1 = −k(vr + vt)/C, k0 = k·vr·vt/C, b → b/C, vref = vr, ucoef = 1, d → d/C, I → I/C, v_th = vpeak,
// and the rules: peak vpeak + peakU·u = v_th + (peakU·C)·w, reset c + resetU·u = c + (resetU·C)·w, cap uMax/C,
// b switch bsw/C above vsw, cubic drive ucube/C·(v − vb)³ above vb. The engine integrates w; results show u = C·w.

import type { Params } from './params';
import type { ModelParamSpec, ModelParams, ModelPreset, ModelRules } from './models';

export const KEYS_2007 = ['C', 'k', 'vr', 'vt', 'vpeak', 'a', 'b', 'c', 'd', 'I', 'peakU', 'resetU', 'uMax', 'vsw', 'bsw', 'ucube', 'vb'] as const;
export type Key2007 = (typeof KEYS_2007)[number];
export type Params2007 = Record<Key2007, number>;

/** uMax at or above this: no cap. vsw at or above this: no switch (v never gets there below any allowed peak). */
export const UMAX_OFF = 1e5;
export const VSW_OFF = 200;

function spec(key: Key2007, label: string, unit: string, description: string, min: number, max: number,
  sliderMin: number, sliderMax: number, step: number, def: number, primary = true): ModelParamSpec {
  return { key, label, unit, description, min, max, sliderMin, sliderMax, step, default: def, primary };
}

export const SPECS_2007: Record<Key2007, ModelParamSpec> = {
  C: spec('C', 'C', 'pF', 'membrane capacitance', 1, 10000, 10, 300, 1, 100),
  k: spec('k', 'k', 'nS/mV', 'gain of the quadratic: k(v − vr)(v − vt)', 0.001, 20, 0.05, 3, 0.01, 0.7),
  vr: spec('vr', 'vr', 'mV', 'resting potential (also the reference of the u equation)', -100, 0, -80, -40, 0.5, -60),
  vt: spec('vt', 'vt', 'mV', 'instantaneous threshold potential', -100, 50, -60, -20, 0.5, -40),
  vpeak: spec('vpeak', 'vpeak', 'mV', 'spike cut-off: when v reaches it, v ← c and u ← u + d', -50, 200, -10, 60, 0.5, 35),
  a: spec('a', 'a', '1/ms', 'recovery time constant of u (1/a)', -1, 2, 0, 0.3, 0.001, 0.03),
  b: spec('b', 'b', 'nS', 'sensitivity of u to v − vr (negative: amplifying)', -100, 100, -5, 20, 0.1, -2),
  c: spec('c', 'c', 'mV', 'after-spike reset value of v', -100, 50, -80, -30, 0.5, -50),
  d: spec('d', 'd', 'pA', 'after-spike increment of u', -2000, 5000, -50, 300, 1, 100),
  I: spec('I', 'I', 'pA', 'injected current', -10000, 10000, -200, 1000, 1, 70),
  peakU: spec('peakU', 'peakU', 'mV/pA', 'cut-off moves with u: spike at v ≥ vpeak + peakU·u (LTS −0.1, TC +0.1; 0 = off)', -10, 10, -0.2, 0.2, 0.01, 0, false),
  resetU: spec('resetU', 'resetU', 'mV/pA', 'reset moves with u: v ← c + resetU·u (LTS 0.04, TC −0.1; 0 = off)', -10, 10, -0.2, 0.2, 0.01, 0, false),
  uMax: spec('uMax', 'uMax', 'pA', `cap of u after a spike, u ← min(u + d, uMax) (LTS 670; ${UMAX_OFF} = none)`, -UMAX_OFF, UMAX_OFF, 0, 2000, 10, UMAX_OFF, false),
  vsw: spec('vsw', 'vsw', 'mV', `b becomes bsw where v > vsw (TC, RTN: −65; ${VSW_OFF} = never)`, -200, VSW_OFF, -100, VSW_OFF, 0.5, VSW_OFF, false),
  bsw: spec('bsw', 'bsw', 'nS', 'b above vsw (TC 0, RTN 2)', -100, 100, -5, 20, 0.1, 0, false),
  ucube: spec('ucube', 'ucube', 'pA/mV³', 'cubic drive of u above vb: u′ = a(b(v − vr) + ucube·(v − vb)³ − u) (FS 0.025 with b = 0; 0 = off)', 0, 10, 0, 0.1, 0.001, 0, false),
  vb: spec('vb', 'vb', 'mV', 'onset of the cubic drive (FS −55)', -100, 50, -80, -30, 0.5, -55, false),
};

export const DEFAULTS_2007: Params2007 = Object.fromEntries(KEYS_2007.map((k) => [k, SPECS_2007[k].default])) as Params2007;

const OFF = { peakU: 0, resetU: 0, uMax: UMAX_OFF, vsw: VSW_OFF, bsw: 0, ucube: 0, vb: -55 };

/** The book's cells (Izhikevich 2007, ch. 8; ModelDB 39948) with their special rules. Every preset sets every key but I. */
export const PRESETS_2007: Record<string, ModelPreset> = {
  RS: {
    id: 'RS', label: 'regular spiking (RS)', description: 'layer 5 regular spiking pyramidal cell (fig. 8.12): adapting tonic spikes',
    values: { C: 100, k: 0.7, vr: -60, vt: -40, vpeak: 35, a: 0.03, b: -2, c: -50, d: 100, ...OFF },
  },
  IB: {
    id: 'IB', label: 'intrinsically bursting (IB)', description: 'layer 5 intrinsically bursting cell (fig. 8.19): a burst, then single spikes',
    values: { C: 150, k: 1.2, vr: -75, vt: -45, vpeak: 50, a: 0.01, b: 5, c: -56, d: 130, ...OFF },
  },
  CH: {
    id: 'CH', label: 'chattering (CH)', description: 'cat visual cortex chattering cell (fig. 8.23): repetitive bursts',
    values: { C: 50, k: 1.5, vr: -60, vt: -40, vpeak: 25, a: 0.03, b: 1, c: -40, d: 150, ...OFF },
  },
  LTS: {
    id: 'LTS', label: 'low-threshold spiking (LTS)', description: 'rat barrel cortex LTS interneuron (fig. 8.25): peak vpeak − 0.1u, reset c + 0.04u, u capped at 670',
    values: { C: 100, k: 1, vr: -56, vt: -42, vpeak: 40, a: 0.03, b: 8, c: -53, d: 20, ...OFF, peakU: -0.1, resetU: 0.04, uMax: 670 },
  },
  FS: {
    id: 'FS', label: 'fast spiking (FS)', description: 'rat visual cortex FS interneuron (fig. 8.27): u′ = a(U(v) − u), U = 0.025(v − vb)³ above vb, no u increment',
    values: { C: 20, k: 1, vr: -55, vt: -40, vpeak: 25, a: 0.2, b: 0, c: -45, d: 0, ...OFF, ucube: 0.025, vb: -55 },
  },
  TC: {
    id: 'TC', label: 'thalamo-cortical (TC)', description: 'cat LGN relay cell (fig. 8.31): b = 0 above −65 mV, peak vpeak + 0.1u, reset c − 0.1u; tonic from rest, burst from hyperpolarisation',
    values: { C: 200, k: 1.6, vr: -60, vt: -50, vpeak: 35, a: 0.01, b: 15, c: -60, d: 10, ...OFF, peakU: 0.1, resetU: -0.1, vsw: -65, bsw: 0 },
  },
  RTN: {
    id: 'RTN', label: 'reticular thalamic (RTN)', description: 'rat reticular thalamic nucleus cell (fig. 8.32): b = 2 above −65 mV, else 10',
    values: { C: 40, k: 0.25, vr: -65, vt: -45, vpeak: 0, a: 0.015, b: 10, c: -55, d: 50, ...OFF, vsw: -65, bsw: 2 },
  },
};
export const PRESET_IDS_2007 = ['RS', 'IB', 'CH', 'LTS', 'FS', 'TC', 'RTN'] as const;

/** The generalised coefficients and rules of a 2007 parameter set (the engine's u is w = u/C, mV/ms). */
export function map2007(p: ModelParams): { params: Params; rules: ModelRules; uScale: number } {
  const C = p.C;
  return {
    params: {
      k2: p.k / C, k1: (-p.k * (p.vr + p.vt)) / C, k0: (p.k * p.vr * p.vt) / C,
      a: p.a, b: p.b / C, c: p.c, d: p.d / C, I: p.I / C, v_th: p.vpeak, vref: p.vr, ucoef: 1,
    },
    rules: {
      thU: p.peakU * C, cU: p.resetU * C, uMax: p.uMax >= UMAX_OFF ? Infinity : p.uMax / C,
      vsw: p.vsw >= VSW_OFF ? Infinity : p.vsw, bHi: p.bsw / C, ucub: p.ucube / C, vb: p.vb,
    },
    uScale: C,
  };
}
