// Preset picker for the selected segment: lists every preset of the model, applies the chosen one to the selected
// segment (its a, b, c, d), and shows which preset the segment's values match, or "modified (from X)" / "custom".

import { PRESETS, PRESET_IDS, isPresetId } from '../../model/presets';
import { presetStatus } from '../../state/derived';
import { useActions, useApp } from '../../state/store';

export function PresetPicker() {
  const match = useApp((s) => presetStatus(s.session, s.selected).match);
  const text = useApp((s) => presetStatus(s.session, s.selected).text);
  const actions = useActions();
  const kind = match ? 'match' : text.startsWith('modified') ? 'modified' : 'custom';
  return (
    <div className="preset-picker">
      <label htmlFor="select-preset">preset</label>
      <select
        id="select-preset"
        data-testid="select-preset"
        value={match ?? ''}
        onChange={(e) => { if (isPresetId(e.target.value)) actions.applyPreset(e.target.value); }}
        title="Applies the preset's a, b, c, d to the selected segment (they carry into later segments)"
      >
        <option value="" disabled>choose a preset…</option>
        {PRESET_IDS.map((id) => (
          <option key={id} value={id}>{id}: {PRESETS[id].label}</option>
        ))}
      </select>
      <span className={`preset-match ${kind}`} data-testid="preset-match" title={match ? PRESETS[match].description : 'the values match no preset'}>
        {text}
      </span>
    </div>
  );
}
