// Top-bar access to stored data the app could not read (a saved session that failed validation, an old set-aside
// list, set-aside entries that are corrupt or from a newer version): an "Unreadable data (N)" button, only while
// N > 0, opening a list with what each item is, its size, Download (the text exactly as stored, as a .json file)
// and Delete (after confirmation). Nothing here is ever overwritten by the app; only the user deletes it.

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { getExperimentLink, type UnreadableData as Item } from '../../state/experimentLink';

function sizeText(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${Math.round(n / 1e3)} kB` : `${n} characters`;
}

/** A file name for the download: "unreadable-session-1a2b3c4d.json". */
function fileName(it: Item): string {
  const tail = it.key.split(/[/~]/).filter(Boolean).pop() ?? 'data';
  return `unreadable-${it.what}-${tail.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40)}.json`;
}

export function UnreadableData() {
  const link = getExperimentLink();
  const items = useSyncExternalStore(link.subscribeSaved, link.unreadable);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const n = items.length;
  const isOpen = open && n > 0;

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

  if (n === 0) return null;

  const onDownload = (it: Item) => {
    const url = URL.createObjectURL(new Blob([it.text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName(it);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const onDelete = (it: Item) => {
    if (!window.confirm(`Delete this unreadable data (${it.reason}, ${sizeText(it.size)}) for good? Download it first to keep a copy.`)) return;
    link.deleteUnreadable(it.key);
    if (n === 1) { setOpen(false); button.current?.focus(); }
  };

  return (
    <div className="set-aside" onKeyDown={(e) => { if (e.key === 'Escape' && isOpen) { e.stopPropagation(); setOpen(false); button.current?.focus(); } }}>
      <button ref={button} type="button" data-testid="unreadable-button" aria-expanded={isOpen} aria-haspopup="dialog"
        aria-controls={isOpen ? 'unreadable-list' : undefined} onClick={() => setOpen(!isOpen)}
        title="stored data this version could not read: kept as it is, for you to download or delete">
        Unreadable data ({n})
      </button>
      {isOpen && (
        <div ref={popover} id="unreadable-list" className="set-aside-pop" role="dialog" aria-label="unreadable stored data" data-testid="unreadable-list">
          <p className="set-aside-head">
            Stored data this version of the app could not read. It is kept exactly as it was and never overwritten;
            download it to look at it or to open it elsewhere, or delete it.
          </p>
          <ol className="set-aside-items">
            {items.map((it, i) => (
              <li key={it.key} className="set-aside-item" data-testid={`unreadable-item-${i}`}>
                <div className="sa-text">
                  <strong className="sa-name">{it.reason}</strong>
                  <span className="sa-meta" title={it.key}>{sizeText(it.size)}</span>
                </div>
                <div className="sa-actions">
                  <button type="button" data-testid={`unreadable-download-${i}`} onClick={() => onDownload(it)}>Download</button>
                  <button type="button" className="danger" data-testid={`unreadable-delete-${i}`} onClick={() => onDelete(it)}>Delete</button>
                </div>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
