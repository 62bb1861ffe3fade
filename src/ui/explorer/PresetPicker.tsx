// Preset picker for the selected segment: lists every preset of the model, applies the chosen one to the selected
// segment (2003 form: its a, b, c, d; 2007 form: the cell's parameters and rules), and shows which preset the segment's values match, or "modified (from X)" / "custom".

import { modelOf } from '../../model/models';
import { presetStatus } from '../../state/derived';
import { useActions, useApp } from '../../state/store';

export function PresetPicker() {
  const match = useApp((s) => presetStatus(s.session, s.selected).match);
  const text = useApp((s) => presetStatus(s.session, s.selected).text);
  const model = useApp((s) => modelOf(s.session));
  const actions = useActions();
  const kind = match ? 'match' : text.startsWith('modified') ? 'modified' : 'custom';
  return (
    <div className="preset-picker">
      <label htmlFor="select-preset">preset</label>
      <select
        id="select-preset"
        data-testid="select-preset"
        value={match ?? ''}
        onChange={(e) => { if (model.presetIds.includes(e.target.value)) actions.applyPreset(e.target.value); }}
        title={model.id === 'izh2003'
          ? "Applies the preset's a, b, c, d to the selected segment (they carry into later segments)"
          : "Applies the cell's parameters and special rules (all but I) to the selected segment (they carry into later segments)"}
      >
        <option value="" disabled>choose a preset…</option>
        {model.presetIds.map((id) => (
          <option key={id} value={id}>{id}: {model.presets[id].label}</option>
        ))}
      </select>
      <span className={`preset-match ${kind}`} data-testid="preset-match" title={match ? model.presets[match]?.description : 'the values match no preset'}>
        {text}
      </span>
    </div>
  );
}
