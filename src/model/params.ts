// Model parameters of the Izhikevich neuron: names, units, allowed ranges, slider ranges, defaults.
// dv/dt = k2·v² + k1·v + k0 − u + I ;  du/dt = a·(b·(v − vref) − ucoef·u) ;  v ≥ v_th ⇒ v ← c, u ← u + d
// Units: t in ms, v in mV, u and I in mV/ms (the model's dimensionless current), a in 1/ms.

export const PARAM_KEYS = ['a', 'b', 'c', 'd', 'I', 'v_th', 'k2', 'k1', 'k0', 'vref', 'ucoef'] as const;
export type ParamKey = (typeof PARAM_KEYS)[number];
export type Params = Record<ParamKey, number>;

export interface ParamSpec {
  key: ParamKey;
  label: string;
  unit: string;
  description: string;
  /** Allowed range (inclusive): anything outside is rejected by the schema. */
  min: number;
  max: number;
  /** Range of the slider; the numeric field accepts the whole allowed range. */
  sliderMin: number;
  sliderMax: number;
  step: number;
  default: number;
  /** Shown in the main slider panel (true) or under "equation coefficients" (false). */
  primary: boolean;
}

export const PARAM_SPECS: Record<ParamKey, ParamSpec> = {
  a: {
    key: 'a', label: 'a', unit: '1/ms', primary: true,
    description: 'time scale of the recovery variable u (smaller = slower recovery)',
    min: -0.2, max: 2, sliderMin: 0, sliderMax: 0.2, step: 0.001, default: 0.02,
  },
  b: {
    key: 'b', label: 'b', unit: '1', primary: true,
    description: 'sensitivity of u to subthreshold fluctuations of v',
    min: -2, max: 2, sliderMin: -0.2, sliderMax: 0.4, step: 0.005, default: 0.2,
  },
  c: {
    key: 'c', label: 'c', unit: 'mV', primary: true,
    description: 'after-spike reset value of v',
    min: -100, max: 0, sliderMin: -80, sliderMax: -40, step: 0.5, default: -65,
  },
  d: {
    key: 'd', label: 'd', unit: 'mV/ms', primary: true,
    description: 'after-spike increment of u',
    min: -30, max: 30, sliderMin: -2, sliderMax: 12, step: 0.05, default: 8,
  },
  I: {
    key: 'I', label: 'I', unit: 'mV/ms', primary: true,
    description: 'injected current (in the model\u2019s units of dv/dt)',
    min: -100, max: 100, sliderMin: -20, sliderMax: 40, step: 0.1, default: 10,
  },
  v_th: {
    key: 'v_th', label: 'v_th', unit: 'mV', primary: true,
    description: 'spike cut-off: when v reaches it, v \u2190 c and u \u2190 u + d',
    min: -20, max: 200, sliderMin: 0, sliderMax: 60, step: 0.5, default: 30,
  },
  k2: {
    key: 'k2', label: 'k2', unit: '1/(mV\u00b7ms)', primary: false,
    description: 'quadratic coefficient of the v equation (0.04)',
    min: 0.001, max: 1, sliderMin: 0.02, sliderMax: 0.08, step: 0.001, default: 0.04,
  },
  k1: {
    key: 'k1', label: 'k1', unit: '1/ms', primary: false,
    description: 'linear coefficient of the v equation (5; 4.1 in the 2004 class 1 and integrator panels)',
    min: -20, max: 20, sliderMin: 3, sliderMax: 7, step: 0.05, default: 5,
  },
  k0: {
    key: 'k0', label: 'k0', unit: 'mV/ms', primary: false,
    description: 'constant term of the v equation (140; 108 in the 2004 class 1 and integrator panels)',
    min: -500, max: 500, sliderMin: 80, sliderMax: 200, step: 1, default: 140,
  },
  vref: {
    key: 'vref', label: 'vref', unit: 'mV', primary: false,
    description: 'reference voltage of the u equation, du/dt = a(b(v \u2212 vref) \u2212 ucoef\u00b7u) (0; \u221265 in the accommodation panel)',
    min: -100, max: 50, sliderMin: -80, sliderMax: 20, step: 0.5, default: 0,
  },
  ucoef: {
    key: 'ucoef', label: 'ucoef', unit: '1', primary: false,
    description: 'coefficient of u in the u equation (1; 0 in the accommodation panel)',
    min: 0, max: 2, sliderMin: 0, sliderMax: 1.5, step: 0.01, default: 1,
  },
};

export const DEFAULT_PARAMS: Params = Object.fromEntries(
  PARAM_KEYS.map((k) => [k, PARAM_SPECS[k].default]),
) as Params;

/** Initial state (mV, mV/ms). u0 = b·v0 for the default b. */
export const DEFAULT_INITIAL = { v: -65, u: -13 } as const;

export interface StateRange { key: 'v' | 'u'; unit: string; min: number; max: number }
export const STATE_SPECS: Record<'v' | 'u', StateRange> = {
  v: { key: 'v', unit: 'mV', min: -200, max: 200 },
  u: { key: 'u', unit: 'mV/ms', min: -500, max: 500 },
};

export function isParamKey(k: string): k is ParamKey {
  return (PARAM_KEYS as readonly string[]).includes(k);
}

/** Short human text for a parameter value with its unit, e.g. "c = −65 mV". */
export function formatParam(key: ParamKey, value: number): string {
  const unit = PARAM_SPECS[key].unit;
  return `${key}=${formatNumber(value)}${unit === '1' ? '' : ' ' + unit}`;
}

/** Compact number formatting: up to 4 significant decimals, no trailing zeros, true minus sign kept ASCII. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Math.round(x * 1e4) / 1e4;
  return String(Object.is(r, -0) ? 0 : r);
}
