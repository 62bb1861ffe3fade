// A dismissable banner for messages that concern the whole session (a saved session that could not be restored,
// a file that could not be opened, storage that refuses to save).

import { useActions, useApp } from '../../state/store';

export function NoticeBanner() {
  const notice = useApp((s) => s.notice);
  const actions = useActions();
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'} data-testid="notice">
      <span className="notice-text">{notice.text}</span>
      <button type="button" aria-label="dismiss" onClick={() => actions.setNotice(null)}>×</button>
    </div>
  );
}
