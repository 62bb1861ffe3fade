// Named parameter sets of the Izhikevich (2003) cortical cell classes. A preset sets only the keys it lists.
// Sources: Izhikevich 2003 Fig. 2 (../shared/reference/izhikevich2003_classes.json).

import type { ParamKey, Params } from './params';

export const PRESET_IDS = [
  'regular_spiking',
  'intrinsic_bursting',
  'bursting',
  'chattering',
  'fast_spiking',
  'low_threshold',
  'resonator',
  'thalamo_cortical',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  id: PresetId;
  label: string;
  /** Only these keys are set when the preset is applied. */
  values: Partial<Params>;
  description: string;
  /** Another id of the same parameter set: accepted in sessions, not offered in pickers, matched as that preset. */
  aliasOf?: PresetId;
}

export const PRESETS: Record<PresetId, Preset> = {
  regular_spiking: { id: 'regular_spiking', label: 'regular spiking (RS)', values: { a: 0.02, b: 0.2, c: -65, d: 8 }, description: 'excitatory cortical cell; adapting tonic spikes' },
  intrinsic_bursting: { id: 'intrinsic_bursting', label: 'intrinsically bursting (IB)', values: { a: 0.02, b: 0.2, c: -55, d: 4 }, description: 'an initial burst, then tonic spikes' },
  bursting: { id: 'bursting', label: 'chattering (CH), dynlib\u2019s \u201cbursting\u201d', values: { a: 0.02, b: 0.2, c: -50, d: 2 }, description: 'repetitive high-frequency bursts (dynlib calls this set "bursting")' },
  chattering: { id: 'chattering', label: 'chattering (CH)', values: { a: 0.02, b: 0.2, c: -50, d: 2 }, description: 'the same parameters as "bursting"', aliasOf: 'bursting' },
  fast_spiking: { id: 'fast_spiking', label: 'fast spiking (FS)', values: { a: 0.1, b: 0.2, c: -65, d: 2 }, description: 'inhibitory interneuron; high rate, no adaptation' },
  low_threshold: { id: 'low_threshold', label: 'low-threshold spiking (LTS)', values: { a: 0.02, b: 0.25, c: -65, d: 2 }, description: 'inhibitory; adapting, low threshold' },
  resonator: { id: 'resonator', label: 'resonator (RZ)', values: { a: 0.1, b: 0.26, c: -65, d: 2 }, description: 'subthreshold oscillations, prefers resonant inputs' },
  thalamo_cortical: { id: 'thalamo_cortical', label: 'thalamo-cortical (TC)', values: { a: 0.02, b: 0.25, c: -65, d: 0.05 }, description: 'tonic firing when depolarised, rebound bursts from hyperpolarisation' },
};

/** The presets a picker offers: one entry per parameter set (aliases left out), in the order of PRESET_IDS. */
export const PICKER_PRESET_IDS: readonly PresetId[] = PRESET_IDS.filter((id) => !PRESETS[id].aliasOf);

export function isPresetId(x: string): x is PresetId {
  return (PRESET_IDS as readonly string[]).includes(x);
}

/** Returns a copy of `params` with the preset's keys set; all other keys untouched. */
export function applyPreset(params: Params, id: PresetId): Params {
  return { ...params, ...PRESETS[id].values };
}

/**
 * The first preset whose every listed key equals `params` (relative tolerance 1e-9), or null. Aliases are never
 * reported ("chattering" matches as "bursting", the entry pickers show for that set).
 */
export function matchPreset(params: Params): PresetId | null {
  for (const id of PICKER_PRESET_IDS) {
    const vals = PRESETS[id].values;
    let all = true;
    for (const k of Object.keys(vals) as ParamKey[]) {
      const p = vals[k] as number;
      if (Math.abs(params[k] - p) > 1e-9 * Math.max(1, Math.abs(p))) { all = false; break; }
    }
    if (all) return id;
  }
  return null;
}
