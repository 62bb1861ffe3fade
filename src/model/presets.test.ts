// Tests of the presets: each sets only its own keys, carries the published Izhikevich (2003) Fig. 2 values,
// and matchPreset recognises them (with "bursting" reported before its alias "chattering").

import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, PARAM_KEYS, type Params } from './params';
import { PICKER_PRESET_IDS, PRESETS, PRESET_IDS, applyPreset, isPresetId, matchPreset } from './presets';

/** a, b, c, d of the 2003 cell classes as published (Izhikevich 2003, Fig. 2). */
const PUBLISHED: Record<string, [number, number, number, number]> = {
  regular_spiking: [0.02, 0.2, -65, 8],
  intrinsic_bursting: [0.02, 0.2, -55, 4],
  chattering: [0.02, 0.2, -50, 2],
  fast_spiking: [0.1, 0.2, -65, 2],
  thalamo_cortical: [0.02, 0.25, -65, 0.05],
  resonator: [0.1, 0.26, -65, 2],
  low_threshold: [0.02, 0.25, -65, 2],
};

/** A parameter set far from every preset, with unusual values in every other key too. */
const ODD: Params = { a: 0.07, b: -0.15, c: -42, d: 11, I: -3, v_th: 25, k2: 0.05, k1: 4.5, k0: 120, vref: -10, ucoef: 0.5 };

describe('presets', () => {
  it('are keyed by their own id and all recognised by isPresetId', () => {
    for (const id of PRESET_IDS) {
      expect(PRESETS[id].id).toBe(id);
      expect(isPresetId(id)).toBe(true);
    }
    expect(isPresetId('Bursting')).toBe(false);
    expect(isPresetId('')).toBe(false);
  });

  it('carry the published a, b, c, d of the 2003 classes', () => {
    for (const [id, [a, b, c, d]] of Object.entries(PUBLISHED)) {
      expect(isPresetId(id)).toBe(true);
      if (isPresetId(id)) expect(PRESETS[id].values).toEqual({ a, b, c, d });
    }
    expect(PRESETS.bursting.values).toEqual(PRESETS.chattering.values);
  });

  it('set only their keys, leave the rest untouched and do not mutate the input', () => {
    for (const id of PRESET_IDS) {
      const before = { ...ODD };
      const out = applyPreset(ODD, id);
      expect(ODD).toEqual(before);
      for (const k of PARAM_KEYS) {
        const v = PRESETS[id].values[k];
        expect(out[k], `${id}.${k}`).toBe(v === undefined ? ODD[k] : v);
      }
      // none of them touches the current, the cut-off or the equation coefficients
      for (const k of ['I', 'v_th', 'k2', 'k1', 'k0', 'vref', 'ucoef'] as const) expect(out[k]).toBe(ODD[k]);
    }
  });
});

describe('what a picker offers', () => {
  it('one entry per parameter set: no two entries with the same values, the alias left out', () => {
    const seen = new Map<string, string>();
    for (const id of PICKER_PRESET_IDS) {
      const key = JSON.stringify(PRESETS[id].values);
      expect(seen.get(key), `${id} duplicates ${seen.get(key)}`).toBeUndefined();
      seen.set(key, id);
    }
    expect(PICKER_PRESET_IDS).not.toContain('chattering');
    expect(PICKER_PRESET_IDS).toHaveLength(7); // the seven classes of Izhikevich 2003, Fig. 2
  });

  it('whatever is picked is what the picker then shows (matchPreset gives back the picked entry)', () => {
    for (const id of PICKER_PRESET_IDS) expect(matchPreset(applyPreset(ODD, id))).toBe(id);
  });
});

describe('matchPreset', () => {
  it('recognises the defaults as regular spiking', () => {
    expect(matchPreset(DEFAULT_PARAMS)).toBe('regular_spiking');
  });

  it('recognises every preset after applying it, chattering as its alias "bursting"', () => {
    for (const id of PRESET_IDS) {
      expect(matchPreset(applyPreset(ODD, id))).toBe(id === 'chattering' ? 'bursting' : id);
    }
  });

  it('ignores keys a preset does not list', () => {
    expect(matchPreset({ ...applyPreset(ODD, 'fast_spiking'), I: 99, v_th: 50 })).toBe('fast_spiking');
  });

  it('returns null once a listed value moves, within a relative tolerance of 1e-9', () => {
    expect(matchPreset(ODD)).toBeNull();
    const fs = applyPreset(ODD, 'fast_spiking');
    expect(matchPreset({ ...fs, d: 2.001 })).toBeNull();
    expect(matchPreset({ ...fs, c: -65 * (1 + 1e-6) })).toBeNull();
    expect(matchPreset({ ...fs, c: -65 * (1 + 1e-12) })).toBe('fast_spiking');
  });
});
