// The protocol editor: one row per segment (end time, current I, ramp, preset switch, other assignments, label),
// with add / remove / reorder. Clicking a row, or tabbing into it, selects the segment for the sliders. Rows show EFFECTIVE values;
// values the segment sets itself are drawn strong, values carried over from earlier segments are drawn muted.

import { memo, useEffect, useState } from 'react';
import { modelOf } from '../../model/models';
import { LIMITS, slopeLimits } from '../../model/schema';
import { segmentViews } from '../../state/derived';
import { useActions, useApp } from '../../state/store';
import { NumberField } from '../shared/NumberField';
import { formatShort, formatValue } from '../shared/format';
import { segmentColor } from '../shared/palette';
import { presetOptions } from './presetOptions';

const Row = memo(function Row({ i }: { i: number }) {
  const seg = useApp((s) => s.session.protocol[i]);
  const start = useApp((s) => segmentViews(s.session)[i]?.start ?? 0);
  const effI = useApp((s) => segmentViews(s.session)[i]?.params.I ?? 0);
  const autoLabel = useApp((s) => segmentViews(s.session)[i]?.label ?? '');
  const n = useApp((s) => s.session.protocol.length);
  const isSelected = useApp((s) => s.selected === i);
  const model = useApp((s) => modelOf(s.session));
  const actions = useActions();
  if (!seg) return null;
  const Iexplicit = seg.assign?.I !== undefined;
  const others = Object.keys(seg.assign ?? {}).filter((k) => k !== 'I');
  const Ispec = model.specs.I;
  const slopeLim = slopeLimits(model);
  const slope = seg.slope ?? 0;

  return (
    <tr
      data-testid={`segment-row-${i}`}
      aria-selected={isSelected ? 'true' : 'false'}
      className={isSelected ? 'selected' : undefined}
      onClick={() => actions.select(i)}
      // Moving into any field of the row with the keyboard selects its segment, as a click does.
      onFocus={() => actions.select(i)}
    >
      <td className="seg-idx" title="select this segment">
        <span className="swatch" style={{ background: segmentColor(i) }} />
        {i + 1}
      </td>
      <td className="seg-range num">{formatShort(start, 7)}</td>
      <td>
        <NumberField testId={`segment-${i}-until`} errorTestId={`segment-${i}-until-error`} label="until" value={seg.until}
          min={LIMITS.until.min} max={LIMITS.until.max} exclusiveMin={LIMITS.until.exclusiveMin} unit="ms" mode="commit" ariaLabel={`segment ${i + 1} end time, ms`}
          onCommit={(v) => actions.setUntil(i, v)} className="w-until" />
      </td>
      <td className={Iexplicit ? 'explicit' : 'carried'} title={Iexplicit ? 'set in this segment' : 'carried over from an earlier segment'}>
        <NumberField testId={`segment-${i}-I`} errorTestId={`segment-${i}-I-error`} label="I" value={effI}
          min={Ispec.min} max={Ispec.max} unit={Ispec.unit} ariaLabel={`segment ${i + 1} current I, ${Ispec.unit}`}
          onCommit={(v) => actions.setParamAt(i, 'I', v)} className="w-I" />
      </td>
      <td className={slope ? 'explicit' : 'carried'}>
        <NumberField testId={`segment-${i}-slope`} errorTestId={`segment-${i}-slope-error`} label="ramp" value={slope}
          min={slopeLim.min} max={slopeLim.max} unit={slopeLim.unit} mode="commit"
          ariaLabel={`segment ${i + 1} ramp of I, ${slopeLim.unit}`} onCommit={(v) => actions.setSlope(i, v)} className="w-slope" />
      </td>
      <td>
        <select data-testid={`segment-${i}-preset`} aria-label={`segment ${i + 1} preset`} value={seg.preset ?? ''}
          onChange={(e) => actions.applyPreset(model.presetIds.includes(e.target.value) ? e.target.value : null, i)}>
          <option value="">—</option>
          {presetOptions(model, seg.preset ?? null).map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
        </select>
      </td>
      <td className="assign-chips">
        {others.length === 0 && <span className="muted">—</span>}
        {others.map((k) => (
          <span key={k} className="chip" title={`${k} set in this segment; carried into later ones`}>
            {k}={formatValue(seg.assign![k]!)}
            <button type="button" aria-label={`clear ${k} in segment ${i + 1}`} onClick={(e) => { e.stopPropagation(); actions.clearParamAt(i, k); }}>×</button>
          </span>
        ))}
      </td>
      <td>
        <LabelField i={i} label={seg.label ?? ''} auto={autoLabel} />
      </td>
      <td className="seg-actions">
        <button type="button" data-testid={`segment-${i}-up`} aria-label={`move segment ${i + 1} earlier`} disabled={i === 0}
          onClick={(e) => { e.stopPropagation(); actions.moveSegment(i, -1); }}>↑</button>
        <button type="button" data-testid={`segment-${i}-down`} aria-label={`move segment ${i + 1} later`} disabled={i === n - 1}
          onClick={(e) => { e.stopPropagation(); actions.moveSegment(i, 1); }}>↓</button>
        <button type="button" data-testid={`segment-${i}-remove`} aria-label={`remove segment ${i + 1}`} disabled={n <= 1}
          className="danger" onClick={(e) => { e.stopPropagation(); actions.removeSegment(i); }}>✕</button>
      </td>
    </tr>
  );
});

function LabelField({ i, label, auto }: { i: number; label: string; auto: string }) {
  const actions = useActions();
  const tooLong = label.length > LIMITS.label.maxLength;
  return (
    <span className="textfield">
      <input
        type="text"
        data-testid={`segment-${i}-label`}
        aria-label={`segment ${i + 1} label`}
        value={label}
        placeholder={auto}
        maxLength={LIMITS.label.maxLength}
        onChange={(e) => actions.setLabel(i, e.target.value)}
      />
      {tooLong && <span className="field-error" data-testid={`segment-${i}-label-error`}>at most {LIMITS.label.maxLength} characters</span>}
    </span>
  );
}

export function ProtocolEditor() {
  const n = useApp((s) => s.session.protocol.length);
  const units = useApp((s) => modelOf(s.session).units);
  const actions = useActions();
  // "+ add segment" never does nothing silently: at the limit it is disabled with the reason shown beside it, and
  // an addition the schema refuses (the new end time beyond the largest allowed) says why.
  const full = n >= LIMITS.segments.max;
  const [addError, setAddError] = useState<string | null>(null);
  useEffect(() => { setAddError(null); }, [n]);
  const onAdd = () => {
    const r = actions.addSegment();
    setAddError(r.ok ? null : `a segment cannot be added: ${r.issues[0] ? `${r.issues[0].path}: ${r.issues[0].message}` : r.message}`);
  };
  const rows = [];
  for (let i = 0; i < n; i++) rows.push(<Row key={i} i={i} />);
  return (
    <section className="panel protocol-panel" data-testid="protocol" aria-label="protocol editor">
      <div className="panel-head">
        <h2>Protocol</h2>
        <span className="hint">a value set in a segment carries into the following ones until changed · bold = set here, grey = carried over</span>
        <button type="button" data-testid="segment-add" onClick={onAdd} disabled={full}
          title={full ? `a protocol has at most ${LIMITS.segments.max} segments` : 'a segment after the last one, as long as it'}>+ add segment</button>
        {full && <span className="hint" data-testid="segment-add-reason">at most {LIMITS.segments.max} segments: remove one to add another</span>}
        {addError && <span className="field-error" role="alert" data-testid="segment-add-error">{addError}</span>}
      </div>
      <div className="table-scroll">
      <table className="protocol-table">
        <thead>
          <tr>
            <th>#</th>
            <th className="num">start</th>
            <th>until <span className="u">ms</span></th>
            <th>I <span className="u">{units.I}</span></th>
            <th>ramp <span className="u">/ms</span></th>
            <th>preset</th>
            <th>other assignments</th>
            <th>label</th>
            <th />
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
      </div>
    </section>
  );
}
