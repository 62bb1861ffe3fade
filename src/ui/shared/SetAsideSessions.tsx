// Top-bar access to every session set aside when a gallery experiment replaced it: a "Set aside (N)" button (only
// while N > 0) opening a list, newest first, with name, origin, when, size, and Restore / Delete (after confirmation)
// per entry. Keyboard: the button toggles, Escape or a click outside closes, focus goes back to the button.
// Beside it, UnreadableData: stored data that could not be read, for download or deletion.

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { getExperimentLink } from '../../state/experimentLink';
import { getAppStore } from '../../state/store';
import { localTime, setAsideOrigin, setAsideSize, setAsideWhen } from './setAsideText';
import { UnreadableData } from './UnreadableData';

export function SetAsideSessions() {
  const link = getExperimentLink();
  const saved = useSyncExternalStore(link.subscribeSaved, link.saved);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const n = saved.length;
  const isOpen = open && n > 0;

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // Opening moves the focus into the list; a press outside closes it (without taking the focus away from there).
  useEffect(() => {
    if (!isOpen) return;
    popover.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node | null;
      if (t && !popover.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [isOpen]);

  if (n === 0) return <UnreadableData />;
  const now = new Date();
  // Shown newest first: position i in the list is entry n − 1 − i of link.saved() (oldest first).
  const shown = saved.map((_, i) => saved[n - 1 - i]);

  const onRestore = (i: number) => {
    const wasGallery = link.route.get().view === 'gallery';
    const ok = link.restore(n - 1 - i);
    close(true);
    // From the gallery, go and show it (restore leaves the gallery's route alone).
    if (ok && wasGallery) {
      const id = getAppStore().getState().experimentId;
      link.route.navigate(id ? { view: 'experiment', id } : { view: 'explorer' });
    }
  };

  const onDelete = (i: number) => {
    const e = shown[i];
    if (!window.confirm(`Delete the set-aside session "${e.session.name}" for good? It cannot be restored afterwards.`)) return;
    link.discard(n - 1 - i);
    if (n - 1 === 0) { setOpen(false); return; } // the button goes away with the last entry
    popover.current?.querySelector<HTMLButtonElement>('button')?.focus();
  };

  return (
    <>
    <UnreadableData />
    <div className="set-aside" onKeyDown={(e) => { if (e.key === 'Escape' && isOpen) { e.stopPropagation(); close(true); } }}>
      <button ref={button} type="button" data-testid="set-aside-button" aria-expanded={isOpen} aria-haspopup="dialog"
        aria-controls={isOpen ? 'set-aside-list' : undefined} onClick={() => setOpen(!isOpen)}
        title="sessions set aside when a gallery experiment replaced them: restore or delete them">
        Set aside ({n})
      </button>
      {isOpen && (
        <div ref={popover} id="set-aside-list" className="set-aside-pop" role="dialog" aria-label="sessions set aside"
          data-testid="set-aside-list">
          <p className="set-aside-head">
            Set-aside sessions, newest first. Restore swaps one in; your current session is set aside in its place
            (unless it is an unedited gallery experiment).
          </p>
          <ol className="set-aside-items">
            {shown.map((e, i) => {
              const origin = setAsideOrigin(e);
              return (
                <li key={`${e.savedAt}|${n - 1 - i}|${e.session.name}`} className="set-aside-item" data-testid={`set-aside-item-${i}`}>
                  <div className="sa-text">
                    <strong className="sa-name">{e.session.name}</strong>
                    <span className="sa-meta">
                      {origin && <>{origin} · </>}
                      <span title={localTime(e.savedAt)}>set aside {setAsideWhen(e.savedAt, now)}</span> · {setAsideSize(e)}
                    </span>
                  </div>
                  <div className="sa-actions">
                    <button type="button" data-testid={`set-aside-restore-${i}`} onClick={() => onRestore(i)}
                      aria-label={`restore "${e.session.name}"`}>Restore</button>
                    <button type="button" className="danger" data-testid={`set-aside-delete-${i}`} onClick={() => onDelete(i)}
                      aria-label={`delete "${e.session.name}"`}>Delete</button>
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </div>
    </>
  );
}
