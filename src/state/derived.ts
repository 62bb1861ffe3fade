// Data derived from the session, computed on demand and cached per session object (never stored): effective
// parameters of each segment, boundary labels, segment time ranges, which preset the selected values match.
// Caching by identity keeps React selectors stable (the same session gives the same arrays).

import { PARAM_KEYS, type ParamKey, type Params } from '../model/params';
import { PRESETS, matchPreset, type PresetId } from '../model/presets';
import { effectiveParams, segmentChangeLabel, segmentStart, type Session } from '../model/session';

export interface SegmentView {
  index: number;
  start: number;
  end: number;
  /** Label of the boundary line at the segment's start ("I=5", "bursting, I=10"). */
  label: string;
  params: Params;
  /** Keys this segment sets itself (preset keys included); the others are carried over from earlier segments. */
  explicit: ReadonlySet<ParamKey>;
}

const cache = new WeakMap<Session, SegmentView[]>();

/** One view per segment: time range, change label, effective parameters, explicitly set keys. */
export function segmentViews(session: Session): SegmentView[] {
  let v = cache.get(session);
  if (v) return v;
  const eff = effectiveParams(session);
  v = session.protocol.map((seg, i) => {
    const explicit = new Set<ParamKey>();
    if (seg.preset) for (const k of PARAM_KEYS) if (k in presetValues(seg.preset)) explicit.add(k);
    if (seg.assign) for (const k of PARAM_KEYS) if (seg.assign[k] !== undefined) explicit.add(k);
    return {
      index: i,
      start: segmentStart(session.protocol, i),
      end: seg.until,
      label: segmentChangeLabel(session, i),
      params: eff[i],
      explicit,
    };
  });
  cache.set(session, v);
  return v;
}

function presetValues(id: PresetId): Partial<Params> {
  return PRESETS[id].values;
}

export interface PresetStatus {
  /** Preset whose every value the segment's effective parameters equal, or null. */
  match: PresetId | null;
  /** The preset the values come from (the latest one switched to at or before the segment, or the base parameters' match). */
  from: PresetId | null;
  /** Text for the indicator: the matching id, "modified (from X)" or "custom". */
  text: string;
}

/** Which preset the values of segment i match, or what they were modified from. */
export function presetStatus(session: Session, i: number): PresetStatus {
  const views = segmentViews(session);
  const idx = Math.min(Math.max(0, i), views.length - 1);
  const match = matchPreset(views[idx].params);
  let from: PresetId | null = null;
  for (let k = idx; k >= 0 && from === null; k--) from = session.protocol[k].preset ?? null;
  if (from === null) from = matchPreset(session.params);
  const text = match ?? (from ? `modified (from ${from})` : 'custom');
  return { match, from, text };
}

/** Total recorded duration, ms. */
export function totalDuration(session: Session): number {
  const p = session.protocol;
  return p.length ? p[p.length - 1].until : 0;
}
