// The options of the preset pickers (the parameter panel's and each protocol row's): one per parameter set of the
// session's model, named by its label only ("regular spiking (RS)", never "regular_spiking: regular spiking (RS)");
// an alias id a session uses (e.g. "chattering" from a file) is listed only for the row that uses it, so that row
// still shows it.

import type { ModelDef } from '../../model/models';

export interface PresetOption { value: string; text: string }

function aliasOf(model: ModelDef, id: string): string | undefined {
  return (model.presets[id] as { aliasOf?: string } | undefined)?.aliasOf;
}

export function presetOptions(model: ModelDef, current: string | null = null): PresetOption[] {
  const out: PresetOption[] = model.presetIds.filter((id) => !aliasOf(model, id)).map((id) => ({ value: id, text: model.presets[id].label }));
  if (current && model.presetIds.includes(current) && aliasOf(model, current)) {
    const of = aliasOf(model, current)!;
    out.push({ value: current, text: `${model.presets[current].label} (same as ${model.presets[of].label})` });
  }
  return out;
}
