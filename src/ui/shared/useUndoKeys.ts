// Keyboard shortcuts of the session history: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z and Ctrl+Y redo — except while focus
// is in a text-like input or textarea, where the browser's own text undo applies. Also ends the current undo step
// when the pointer is released or focus leaves a field, so one drag or one typed value is one step.

import { useEffect } from 'react';
import type { Actions } from '../../state/store';

const NON_TEXT_INPUTS = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'image']);

/** True when the browser's own undo should handle Ctrl+Z here (text fields, text areas, editable content). */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea') return true;
  if (tag === 'input') return !NON_TEXT_INPUTS.has(((el as HTMLInputElement).type || 'text').toLowerCase());
  return false;
}

/** What a key press means for the history, or null. */
export function historyCommand(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}

export function useUndoKeys(actions: Pick<Actions, 'undo' | 'redo' | 'sealHistory' | 'holdHistory'>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isTextTarget(e.target)) return;
      const cmd = historyCommand(e);
      if (!cmd) return;
      e.preventDefault();
      if (cmd === 'undo') actions.undo();
      else actions.redo();
    };
    const seal = () => actions.sealHistory();
    // A press starts a gesture: the step it makes ends at the release, not after a pause (a slow drag is one step).
    const hold = () => { actions.sealHistory(); actions.holdHistory(); };
    window.addEventListener('keydown', onKey);
    // Capture phase: the step ends even when a component stops the event's propagation.
    window.addEventListener('pointerdown', hold, true);
    window.addEventListener('pointerup', seal, true);
    window.addEventListener('pointercancel', seal, true);
    window.addEventListener('focusout', seal, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', hold, true);
      window.removeEventListener('pointerup', seal, true);
      window.removeEventListener('pointercancel', seal, true);
      window.removeEventListener('focusout', seal, true);
    };
  }, [actions]);
}
