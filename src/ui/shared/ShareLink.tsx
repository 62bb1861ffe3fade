// "Copy link" in the top bar: a link that holds the whole session and the open view (model/link.ts), copied to the
// clipboard and shown in a small panel to copy by hand where the clipboard is not available. A session too long for
// a link is refused there with the offer of the session file. Escape or a click outside closes the panel.

import { useEffect, useRef, useState } from 'react';
import { getExperimentLink } from '../../state/experimentLink';
import type { LinkUrlResult } from '../../model/link';

type Shown = { result: LinkUrlResult; copied: boolean | null };

export function ShareLink({ onSaveFile }: { onSaveFile: () => void }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  const close = (refocus: boolean) => {
    setShown(null);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!shown) return;
    input.current?.select();
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node | null;
      if (t && !panel.current?.contains(t) && !button.current?.contains(t)) setShown(null);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [shown]);

  const copy = (url: string, result: LinkUrlResult) => {
    const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clip?.writeText) { setShown({ result, copied: false }); return; }
    setShown({ result, copied: null });
    clip.writeText(url).then(
      () => setShown((s) => (s && s.result === result ? { result, copied: true } : s)),
      () => setShown((s) => (s && s.result === result ? { result, copied: false } : s)),
    );
  };

  const onClick = () => {
    if (shown) { close(false); return; }
    const result = getExperimentLink().shareLink(window.location.href);
    if (result.ok) copy(result.url, result);
    else setShown({ result, copied: null });
  };

  const r = shown?.result;
  return (
    <div className="share-link" onKeyDown={(e) => { if (e.key === 'Escape' && shown) { e.stopPropagation(); close(true); } }}>
      <button ref={button} type="button" data-testid="copy-link" aria-expanded={shown !== null} aria-haspopup="dialog" onClick={onClick}
        title="copy a link that holds this session and the view: whoever opens it sees the same (their own session is set aside, not lost)">
        Copy link
      </button>
      {shown && r && (
        <div ref={panel} className="share-pop" role="dialog" aria-label="link to this session" data-testid="share-panel">
          {r.ok ? (
            <>
              <p className="share-status" role="status" data-testid="share-status">
                {shown.copied === true ? 'Link copied to the clipboard.' : shown.copied === false
                  ? 'Copy this link (the clipboard is not available here):' : 'Copying…'}
              </p>
              <div className="share-row">
                <input ref={input} readOnly value={r.url} data-testid="share-url" aria-label="link to this session"
                  onFocus={(e) => e.currentTarget.select()} />
                <button type="button" onClick={() => copy(r.url, r)}>Copy</button>
              </div>
              <p className="hint">
                {r.url.length.toLocaleString('en-US')} characters. It holds the whole session and the view; opening it sets
                the recipient&rsquo;s own session aside (Restore brings it back).
              </p>
            </>
          ) : (
            <>
              <p className="share-status error" role="alert" data-testid="share-status">{r.message}</p>
              <div className="share-row">
                <button type="button" className="primary" data-testid="share-save-file" onClick={() => { onSaveFile(); close(true); }}>
                  Save JSON instead
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}
