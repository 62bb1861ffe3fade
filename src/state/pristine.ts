// Whether a session is someone's work or an unedited gallery experiment (with the author's or the accurate
// scheme): unedited experiments need not be set aside, as the gallery gives them back. Also the key-sorted JSON used
// to compare sessions whatever order their keys were set in. Shared by the experiment link and the store.

import type { Experiment } from '../model/experiment';
import { EXPERIMENTS } from '../model/experiments';
import { parseSession } from '../model/schema';
import type { Integration, Session } from '../model/session';

/** JSON with object keys sorted, so that equal sessions give equal text whatever the order keys were set in. */
export function stableJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stableJson).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

let pristine: Map<string, string> | null = null;
const pristineCache = new WeakMap<Session, string | null>();
/**
 * The id of the experiment whose unedited session this is (with the author's or the accurate scheme), or null:
 * the session holds someone's work.
 */
export function pristineExperimentOf(session: Session): string | null {
  const cached = pristineCache.get(session);
  if (cached !== undefined) return cached;
  if (!pristine) {
    pristine = new Map();
    // Published as is, or only switched to the accurate scheme (the banner's switch is not an edit).
    for (const e of EXPERIMENTS) {
      for (const integration of [e.session.integration, accurateIntegration(e)]) {
        const r = parseSession({ ...e.session, integration });
        if (r.ok) pristine.set(stableJson(r.session), e.id);
      }
    }
  }
  const id = pristine.get(stableJson(session)) ?? null;
  pristineCache.set(session, id);
  return id;
}

/** The accurate scheme: RK4 with located threshold crossings at dt = 0.01 ms (precision as the experiment's). */
export function accurateIntegration(e: Experiment): Integration {
  return { ...e.session.integration, stepper: 'rk4', spikes: 'exact', dt: 0.01 };
}

