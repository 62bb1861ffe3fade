// One model parameter of the selected segment: a range slider (re-simulates on every `input` event while dragging),
// a numeric field accepting the whole allowed range, units, the slider's range, and an inline error. Shows whether
// the value is set in this segment or carried over from an earlier one (with a button to drop this segment's value),
// and marks a value beyond the slider's range (the thumb parked at an end) as off scale.

import { memo, useEffect, useState, type ChangeEvent } from 'react';
import { modelOf } from '../../model/models';
import { segmentViews } from '../../state/derived';
import { markInput, clearPendingInput } from '../../state/perf';
import { getAppStore, useActions, useApp, type AppState } from '../../state/store';
import { NumberField } from '../shared/NumberField';
import { formatValue } from '../shared/format';

/** Index of the segment whose assignment or preset gives `key` its value in segment `i`; −1 = the base parameters. */
function sourceSegment(s: AppState, key: string): number {
  const views = segmentViews(s.session);
  for (let k = Math.min(s.selected, views.length - 1); k >= 0; k--) if (views[k].explicit.has(key)) return k;
  return -1;
}

export const ParamSlider = memo(function ParamSlider({ k }: { k: string }) {
  const spec = useApp((s) => modelOf(s.session).specs[k]);
  const value = useApp((s) => segmentViews(s.session)[s.selected].params[k]);
  const selected = useApp((s) => s.selected);
  const source = useApp((s) => sourceSegment(s, k));
  const assignedHere = useApp((s) => s.session.protocol[s.selected]?.assign?.[k] !== undefined);
  const actions = useActions();
  const [sliderError, setSliderError] = useState<string | null>(null);
  useEffect(() => { setSliderError(null); }, [selected]); // a message is about the segment it was given for
  if (!spec) return null; // a key of another model, while the panel switches models
  const unit = spec.unit === '1' ? '' : spec.unit;

  const onSlide = (e: ChangeEvent<HTMLInputElement>) => {
    const v = Number(e.target.value);
    markInput(e.nativeEvent.timeStamp);
    const before = getAppStore().getState().session;
    const r = actions.setParam(k, v);
    if (getAppStore().getState().session === before) clearPendingInput(); // nothing to simulate
    if (!r.ok) setSliderError(r.issues[0]?.message ?? r.message);
    else if (sliderError) setSliderError(null);
  };

  const explicit = source === selected;
  const origin = explicit ? 'set in this segment' : source >= 0 ? `carried over from segment ${source + 1}` : 'from the base parameters';
  const originShort = explicit ? 'set here' : source >= 0 ? `from segment ${source + 1}` : 'base value';
  const tip = `${spec.label}: ${spec.description}. Allowed [${spec.min}, ${spec.max}]${unit ? ' ' + unit : ''}; ${origin}.`;

  // A value outside the slider's range (typed, or from an experiment) parks the thumb at an end: say so there.
  const off = value < spec.sliderMin ? 'low' : value > spec.sliderMax ? 'high' : null;
  const offText = off ? `${formatValue(value)} is beyond the slider's range (${formatValue(spec.sliderMin)} to ${formatValue(spec.sliderMax)}); the field holds it` : '';

  return (
    <div className={`param-row${explicit ? ' explicit' : ' carried'}${off ? ' off-scale' : ''}`} data-off-scale={off ?? undefined}>
      <label className="param-label" htmlFor={`slider-${k}`} title={tip}>
        <span className="param-name">{spec.label}</span>
        <span className="origin-dot" aria-hidden="true" />
      </label>
      <div className="slider-cell">
        <input
          id={`slider-${k}`}
          type="range"
          data-testid={`slider-${k}`}
          min={spec.sliderMin}
          max={spec.sliderMax}
          step={spec.step}
          value={value}
          onChange={onSlide}
          aria-valuetext={`${formatValue(value)}${unit ? ' ' + unit : ''}${off ? `, ${offText}` : ''}`}
        />
        <span className="slider-scale" aria-hidden="true">
          {off === 'low'
            ? <span className="off-mark" data-testid={`off-scale-${k}`} title={offText}>◂ {formatValue(value)} off scale</span>
            : <span>{formatValue(spec.sliderMin)}</span>}
          {!off && <span className="origin-text">{originShort}</span>}
          {off === 'high'
            ? <span className="off-mark" data-testid={`off-scale-${k}`} title={offText}>off scale {formatValue(value)} ▸</span>
            : <span>{formatValue(spec.sliderMax)}</span>}
        </span>
      </div>
      <NumberField
        key={selected}
        testId={`field-${k}`}
        errorTestId={`error-${k}`}
        value={value}
        label={spec.label}
        min={spec.min}
        max={spec.max}
        unit={unit}
        title={tip}
        onCommit={(v) => actions.setParam(k, v)}
      />
      <span className="param-unit">
        {unit}
        {assignedHere && (
          <button
            type="button"
            className="clear-assign"
            title={`Drop this segment's own value of ${spec.label} (use the carried-over value)`}
            aria-label={`clear ${spec.label} in this segment`}
            onClick={() => {
              // Clearing can make the segment invalid (e.g. the carried-over c at or above v_th): say why nothing changed.
              const r = actions.clearParamAt(selected, k);
              setSliderError(r.ok ? null : `${spec.label} cannot be cleared in this segment: ${r.issues[0]?.message ?? r.message}`);
            }}
          >×</button>
        )}
      </span>
      {sliderError && <span className="field-error slider-error" role="alert">{sliderError}</span>}
    </div>
  );
});
