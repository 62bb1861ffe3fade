// Preset picker for the selected segment: one entry per parameter set of the session's model, applies the chosen one
// to the selected segment (2003 form: its a, b, c, d; 2007 form: the cell's parameters and rules), and says whether
// the segment's values are exactly a preset's, modified from one, or custom (without repeating the picker's text).

import { modelOf } from '../../model/models';
import { presetStatus } from '../../state/derived';
import { useActions, useApp } from '../../state/store';
import { presetOptions } from './presetOptions';

export function PresetPicker() {
  const match = useApp((s) => presetStatus(s.session, s.selected).match);
  const from = useApp((s) => presetStatus(s.session, s.selected).from);
  const model = useApp((s) => modelOf(s.session));
  const actions = useActions();
  const kind = match ? 'match' : from ? 'modified' : 'custom';
  const fromLabel = from ? model.presets[from]?.label ?? from : null;
  const text = match ? 'exact preset values' : fromLabel ? `modified from ${fromLabel}` : 'custom values (no preset)';
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
        <option value="" disabled>{from ? 'modified: choose a preset…' : 'choose a preset…'}</option>
        {presetOptions(model).map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
      </select>
      <span className={`preset-match ${kind}`} data-testid="preset-match" title={match ? model.presets[match]?.description : 'the values match no preset'}>
        {text}
      </span>
    </div>
  );
}
