// Helpers shared by the engine's and the CLI's unit tests: the shipped reference scenario and small session builders.
// Not used by the app. Times in ms.

import { parseSession, formatIssues } from '../model/schema';
import { defaultSession, type Integration, type Segment, type Session } from '../model/session';
import type { Params } from '../model/params';
import reference from '../model/sessions/reference.json';

/** The reference scenario as parsed by the schema. */
export function referenceSession(integration: Partial<Integration> = {}): Session {
  const p = parseSession(reference);
  if (!p.ok) throw new Error(formatIssues(p.issues));
  return { ...p.session, integration: { ...p.session.integration, ...integration } };
}

/** A session from the defaults with the given changes (not validated: tests may step outside the app's ranges). */
export function makeSession(o: {
  params?: Partial<Params>; initial?: { v: number; u: number }; integration?: Partial<Integration>;
  transient?: number; protocol?: Segment[];
}): Session {
  const s = defaultSession();
  return {
    ...s,
    params: { ...s.params, ...o.params },
    initial: o.initial ?? s.initial,
    integration: { ...s.integration, ...o.integration },
    transient: o.transient ?? 0,
    protocol: o.protocol ?? s.protocol,
  };
}

/** Largest |a[i] − b[i]|; Infinity when the lengths differ. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
