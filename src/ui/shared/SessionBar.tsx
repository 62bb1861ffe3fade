// Session controls in the top bar: Undo / Redo of session edits (buttons and Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y),
// the session's name, a link holding the session (ShareLink), saving it as a JSON file, opening one (validated, with
// the problems listed when it does not parse), and Reset back to the reference scenario (after confirmation; undoable).

import { useRef, useState } from 'react';
import { LIMITS, oversizeMessage } from '../../model/schema';
import { canRedoSel, canUndoSel, useActions, useApp } from '../../state/store';
import { fileBaseName } from '../../export/fileName';
import { downloadText } from './download';
import { ShareLink } from './ShareLink';
import { useUndoKeys } from './useUndoKeys';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const MOD = IS_MAC ? '⌘' : 'Ctrl+';
const MEMORY_NOTE = 'the history is kept in memory only: a reload starts a fresh one (the session itself is kept)';

export function SessionBar() {
  const name = useApp((s) => s.session.name);
  const actions = useActions();
  const fileInput = useRef<HTMLInputElement>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const canUndo = useApp(canUndoSel);
  const canRedo = useApp(canRedoSel);
  const steps = useApp((s) => s.history.past.length);
  const redoSteps = useApp((s) => s.history.future.length);
  useUndoKeys(actions);

  const onSave = () => downloadText(actions.exportSessionJson(), `${fileBaseName(name)}.json`, 'application/json');

  const onOpen = (file: File | undefined) => {
    if (!file) return;
    // Refused by its size before it is read: a huge file would only be parsed to be rejected.
    if (file.size > LIMITS.fileBytes) {
      actions.setNotice({ kind: 'error', text: `"${file.name}" is not a usable session; nothing was changed.\n${oversizeMessage('it', file.size)}` });
      return;
    }
    file.text().then((text) => {
      const r = actions.importSession(text);
      if (r.ok) actions.setNotice({ kind: 'info', text: `Opened "${file.name}".` });
      else actions.setNotice({ kind: 'error', text: `"${file.name}" is not a usable session; nothing was changed.\n${r.message}` });
    }, (e: unknown) => actions.setNotice({ kind: 'error', text: `Could not read "${file.name}": ${String(e)}` }));
  };

  const onReset = () => {
    if (window.confirm('Return to the reference scenario? (Undo brings your session back.)')) actions.reset();
  };

  return (
    <div className="session-bar">
      <span className="history-buttons" role="group" aria-label="edit history">
        <button type="button" data-testid="undo" disabled={!canUndo} onClick={() => actions.undo()}
          aria-label="Undo"
          title={`Undo the last edit (${MOD}Z)${canUndo ? ` — ${steps} step${steps === 1 ? '' : 's'} back possible` : ''}; ${MEMORY_NOTE}`}>
          ↶
        </button>
        <button type="button" data-testid="redo" disabled={!canRedo} onClick={() => actions.redo()}
          aria-label="Redo"
          title={`Redo (${MOD}Shift+Z${IS_MAC ? '' : ' or Ctrl+Y'})${canRedo ? ` — ${redoSteps} step${redoSteps === 1 ? '' : 's'} forward` : ''}; ${MEMORY_NOTE}`}>
          ↷
        </button>
      </span>
      <label className="session-name">
        <span>session</span>
        <input
          type="text"
          data-testid="session-name"
          value={name}
          maxLength={LIMITS.name.maxLength}
          onChange={(e) => {
            const r = actions.setName(e.target.value);
            setNameError(r.ok ? null : r.message);
          }}
          aria-label="session name (used for file names)"
        />
        {nameError && <span className="field-error" data-testid="error-session-name">{nameError}</span>}
      </label>
      <ShareLink onSaveFile={onSave} />
      <button type="button" onClick={onSave} title="download the session as a JSON file">Save JSON</button>
      <button type="button" onClick={() => fileInput.current?.click()} title="open a session JSON file">Open JSON…</button>
      <input ref={fileInput} type="file" accept="application/json,.json" hidden
        onChange={(e) => { onOpen(e.target.files?.[0]); e.target.value = ''; }} />
      <button type="button" data-testid="reset-session" className="danger" onClick={onReset} title="back to the reference scenario">Reset</button>
    </div>
  );
}
