// The neuron models a session can use, one registry: the 2003 form (generalised coefficients; the default) and the
// 2007 form (C, k, vr, vt, vpeak …, with the book cells' special rules). Each model has its parameters (units,
// ranges, sliders), presets, state units and ranges, and its exact mapping onto the generalised coefficients that
// the engine, the batch engine and the analysis integrate (rules and the scale of u included).

import { DEFAULT_INITIAL, DEFAULT_PARAMS, PARAM_KEYS, PARAM_SPECS, STATE_SPECS, type ParamSpec, type Params, type StateRange } from './params';
import { PRESETS, PRESET_IDS } from './presets';
import { DEFAULTS_2007, KEYS_2007, PRESETS_2007, PRESET_IDS_2007, SPECS_2007, map2007 } from './izh2007';

export const MODEL_IDS = ['izh2003', 'izh2007'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** A model's parameter values by key (the 2003 form: Params). */
export type ModelParams = Record<string, number>;

/** A parameter's spec (params.ts ParamSpec) for any model's keys. */
export type ModelParamSpec = Omit<ParamSpec, 'key'> & { key: string };

export interface ModelPreset {
  id: string;
  label: string;
  /** Only these keys are set when the preset is applied. */
  values: ModelParams;
  description: string;
}

/**
 * Special rules in generalised units (see rhs.ts): b → bHi above vsw, cubic drive ucub·(v − vb)³ above vb, cut-off
 * v_th + thU·u, reset v ← c + cU·u, u ← min(u + d, uMax). All off: vsw = uMax = Infinity, the others 0.
 */
export interface ModelRules {
  bHi: number;
  vsw: number;
  ucub: number;
  vb: number;
  thU: number;
  cU: number;
  uMax: number;
}

export const NO_RULES: ModelRules = { bHi: 0, vsw: Infinity, ucub: 0, vb: 0, thU: 0, cU: 0, uMax: Infinity };

/** One segment's parameters as the engine integrates them. */
export interface EngineParams {
  params: Params;
  rules: ModelRules;
  /** The model's u is uScale × the engine's (2007: C, so u in pA; 2003: 1). Inputs divide by it, results multiply. */
  uScale: number;
}

export interface ModelDef {
  id: ModelId;
  /** Short name for menus, e.g. "2007 form (C, k, vr, vt)". */
  label: string;
  /** The equations, one per line (plain text with Unicode). */
  equations: readonly string[];
  keys: readonly string[];
  specs: Readonly<Record<string, ModelParamSpec>>;
  defaults: Readonly<ModelParams>;
  presetIds: readonly string[];
  presets: Readonly<Record<string, ModelPreset>>;
  /** Key of the spike cut-off (the reset c must stay below it). */
  peakKey: string;
  /** Title of the folded parameter group. */
  secondaryTitle: string;
  units: { u: string; I: string; slope: string };
  state: { v: StateRange; u: StateRange };
  defaultInitial: { v: number; u: number };
  toEngine(p: ModelParams): EngineParams;
}

const MODEL_2003: ModelDef = {
  id: 'izh2003',
  label: '2003 form (a, b, c, d)',
  equations: ['v′ = k₂v² + k₁v + k₀ − u + I', 'u′ = a(b(v − v_ref) − u_coef·u)', 'if v ≥ v_th: v ← c, u ← u + d'],
  keys: PARAM_KEYS,
  specs: PARAM_SPECS,
  defaults: DEFAULT_PARAMS,
  presetIds: PRESET_IDS,
  presets: PRESETS as unknown as Record<string, ModelPreset>,
  peakKey: 'v_th',
  secondaryTitle: 'equation coefficients',
  units: { u: 'mV/ms', I: 'mV/ms', slope: '(mV/ms)/ms' },
  state: STATE_SPECS,
  defaultInitial: DEFAULT_INITIAL,
  toEngine: (p) => ({ params: p as Params, rules: NO_RULES, uScale: 1 }),
};

const MODEL_2007: ModelDef = {
  id: 'izh2007',
  label: '2007 form (C, k, vr, vt, pA)',
  equations: ['C·v′ = k(v − v_r)(v − v_t) − u + I', 'u′ = a(b(v − v_r) − u)', 'if v ≥ v_peak: v ← c, u ← u + d'],
  keys: KEYS_2007,
  specs: SPECS_2007,
  defaults: DEFAULTS_2007,
  presetIds: PRESET_IDS_2007,
  presets: PRESETS_2007,
  peakKey: 'vpeak',
  secondaryTitle: 'special rules of the book\u2019s cells',
  units: { u: 'pA', I: 'pA', slope: 'pA/ms' },
  state: {
    v: { key: 'v', unit: 'mV', min: -200, max: 200 },
    u: { key: 'u', unit: 'pA', min: -1e5, max: 1e5 },
  },
  defaultInitial: { v: -60, u: 0 },
  toEngine: map2007,
};

export const MODELS: Readonly<Record<ModelId, ModelDef>> = { izh2003: MODEL_2003, izh2007: MODEL_2007 };

export function isModelId(x: unknown): x is ModelId {
  return typeof x === 'string' && (MODEL_IDS as readonly string[]).includes(x);
}

/** The model of a session (absent: the 2003 form). */
export function modelOf(session: { model?: ModelId }): ModelDef {
  return MODELS[session.model ?? 'izh2003'];
}

/**
 * The first of the model's presets whose every listed key equals `params` (relative tolerance 1e-9), or null. For the
 * 2003 form "bursting" is reported before its alias "chattering".
 */
export function matchModelPreset(model: ModelDef, params: ModelParams): string | null {
  for (const id of model.presetIds) {
    const vals = model.presets[id].values;
    let all = true;
    for (const k of Object.keys(vals)) {
      const p = vals[k];
      if (!(Math.abs(params[k] - p) <= 1e-9 * Math.max(1, Math.abs(p)))) { all = false; break; }
    }
    if (all) return id;
  }
  return null;
}

/** Whether `id` names a preset of the model. */
export function isModelPreset(model: ModelDef, id: string): boolean {
  return model.presetIds.includes(id);
}
