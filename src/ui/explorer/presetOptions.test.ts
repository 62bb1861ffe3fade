// Tests of the preset pickers' options: one per parameter set, texts that do not repeat themselves, an alias shown
// only where a session uses it.
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../model/models';
import { presetOptions } from './presetOptions';

describe('preset options', () => {
  it('one option per parameter set, each named once (no "id: label" repetition), in every model', () => {
    for (const model of Object.values(MODELS)) {
      const opts = presetOptions(model);
      expect(new Set(opts.map((o) => JSON.stringify(model.presets[o.value].values))).size, model.id).toBe(opts.length);
      expect(new Set(opts.map((o) => o.text)).size).toBe(opts.length);
      for (const o of opts) {
        expect(o.text).not.toMatch(new RegExp(`^${o.value}\\s*:`));
        expect(o.text).toBe(model.presets[o.value].label);
      }
    }
    const opts = presetOptions(MODELS.izh2003);
    for (const o of opts) {
      expect(o.text).not.toMatch(new RegExp(`^${o.value}\\s*:`));
      expect(o.text).not.toMatch(/_/);
      expect(o.text).toBe(MODELS.izh2003.presets[o.value].label);
    }
    expect(opts.map((o) => o.value)).not.toContain('chattering');
    expect(opts.find((o) => o.value === 'bursting')?.text).toMatch(/chattering \(CH\)/);
  });

  it('lists an alias a session uses, saying what it is the same as', () => {
    const m = MODELS.izh2003;
    const opts = presetOptions(m, 'chattering');
    expect(opts.at(-1)).toEqual({ value: 'chattering', text: expect.stringContaining('same as') });
    expect(presetOptions(m, 'bursting')).toHaveLength(presetOptions(m).length);
  });
});
