// Texts of the set-aside sessions list (SetAsideSessions.tsx): when an entry was set aside (relative while recent,
// else the local date and time), where it came from, and its size. Pure functions so that they are tested in Node.
import { getExperiment } from '../../model/experiments';
import { sessionDuration } from '../../model/session';
import type { SavedSession } from '../../state/savedSessions';

/** "just now", "5 min ago", "3 h ago" within a day, else the local date and time; "time unknown" if unreadable. */
export function setAsideWhen(savedAt: string, now: Date): string {
  const t = Date.parse(savedAt);
  if (!savedAt || !Number.isFinite(t)) return 'time unknown';
  const s = (now.getTime() - t) / 1000;
  if (s >= 0 && s < 45) return 'just now';
  if (s >= 0 && s < 3600) return `${Math.max(1, Math.round(s / 60))} min ago`;
  if (s >= 0 && s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return localTime(savedAt);
}

/** The local date and time of an ISO instant (for titles), or "" when it does not parse. */
export function localTime(savedAt: string): string {
  const t = Date.parse(savedAt);
  if (!savedAt || !Number.isFinite(t)) return '';
  return new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "from experiment Tonic bursting" for an entry loaded from the gallery, else null (the user's own session). */
export function setAsideOrigin(e: SavedSession): string | null {
  if (!e.experimentId) return null;
  return `from experiment ${getExperiment(e.experimentId)?.name ?? e.experimentId}`;
}

/** "4 segments, 1200 ms". */
export function setAsideSize(e: SavedSession): string {
  const n = e.session.protocol.length;
  return `${n} segment${n === 1 ? '' : 's'}, ${sessionDuration(e.session)} ms`;
}
