// A numeric text field with validation: shows the stored value, keeps what the user typed while it is invalid,
// shows an inline message naming the allowed range, and commits only valid numbers (live or on Enter/blur).
// Invalid text never reaches the store, so the last valid simulation stays on screen.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatValue, parseNumber, rangeMessage } from './format';
import type { EditResult } from '../../state/store';

export interface NumberFieldProps {
  testId: string;
  errorTestId: string;
  value: number;
  /** Name used in messages ("a", "dt", "until"). */
  label: string;
  min: number;
  max: number;
  unit?: string;
  integer?: boolean;
  /** The minimum itself is not allowed (the range reads "(min, max]"), e.g. a segment's end time 0. */
  exclusiveMin?: boolean;
  /** 'live': every valid keystroke commits; 'commit': on Enter or leaving the field. */
  mode?: 'live' | 'commit';
  onCommit: (value: number) => EditResult | void;
  className?: string;
  title?: string;
  ariaLabel?: string;
  placeholder?: string;
}

function messageOf(label: string, r: EditResult | void): string | null {
  if (!r || r.ok) return null;
  const first = r.issues[0]?.message ?? r.message;
  return first.startsWith(label) ? first : `${label}: ${first}`;
}

export function NumberField(props: NumberFieldProps) {
  const { value, label, min, max, unit = '', integer = false, exclusiveMin = false, mode = 'live', onCommit } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);

  // The stored value changed elsewhere (a slider, another segment): show it unless the user is typing here.
  useEffect(() => {
    if (!focused.current) { setDraft(null); setError(null); }
  }, [value]);

  const validate = (text: string): { ok: true; value: number } | { ok: false; message: string } => {
    const x = parseNumber(text);
    const range = rangeMessage(label, min, max, unit, integer, exclusiveMin);
    if (x === null) return { ok: false, message: `${range} (got "${text.trim()}")` };
    if (x < min || x > max || (exclusiveMin && x === min) || (integer && !Number.isInteger(x))) return { ok: false, message: `${range} (got ${text.trim()})` };
    return { ok: true, value: x };
  };

  const commit = (text: string) => {
    const r = validate(text);
    if (!r.ok) { setError(r.message); return false; }
    if (r.value === value) { setError(null); return true; }
    const msg = messageOf(label, onCommit(r.value));
    setError(msg);
    return msg === null;
  };

  const onChange = (text: string) => {
    setDraft(text);
    if (mode === 'live') commit(text);
    else setError(null);
  };

  const onBlur = () => {
    focused.current = false;
    if (draft === null) return;
    const ok = mode === 'commit' ? commit(draft) : error === null;
    if (ok) setDraft(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && draft !== null) {
      if (commit(draft)) setDraft(null);
    } else if (e.key === 'Escape') {
      setDraft(null);
      setError(null);
    }
  };

  return (
    <span className={`numfield${error ? ' invalid' : ''} ${props.className ?? ''}`}>
      <input
        type="text"
        inputMode="decimal"
        spellCheck={false}
        autoComplete="off"
        data-testid={props.testId}
        aria-label={props.ariaLabel ?? label}
        aria-invalid={error ? true : undefined}
        title={props.title}
        placeholder={props.placeholder}
        value={draft ?? formatValue(value)}
        onFocus={() => { focused.current = true; }}
        onBlur={onBlur}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {error && <span className="field-error" role="alert" data-testid={props.errorTestId}>{error}</span>}
    </span>
  );
}
