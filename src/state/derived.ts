// Data derived from the session, computed on demand and cached per session object (never stored): effective
// parameters of each segment, boundary labels, segment time ranges, which preset the selected values match.
// Caching by identity keeps React selectors stable (the same session gives the same arrays).

import { matchModelPreset, modelOf, type ModelParams } from '../model/models';
import { effectiveParams, segmentChangeLabel, segmentStart, type Session } from '../model/session';

export interface SegmentView {
  index: number;
  start: number;
  end: number;
  /** Label of the boundary line at the segment's start ("I=5", "bursting, I=10"). */
  label: string;
  /** Effective parameters (the session model's keys and units). */
  params: ModelParams;
  /** Keys this segment sets itself (preset keys included); the others are carried over from earlier segments. */
  explicit: ReadonlySet<string>;
}

const cache = new WeakMap<Session, SegmentView[]>();

/** One view per segment: time range, change label, effective parameters, explicitly set keys. */
export function segmentViews(session: Session): SegmentView[] {
  let v = cache.get(session);
  if (v) return v;
  const eff = effectiveParams(session);
  const model = modelOf(session);
  v = session.protocol.map((seg, i) => {
    const explicit = new Set<string>();
    const preset = seg.preset ? model.presets[seg.preset]?.values : undefined;
    if (preset) for (const k of model.keys) if (k in preset) explicit.add(k);
    if (seg.assign) for (const k of model.keys) if (seg.assign[k] !== undefined) explicit.add(k);
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

export interface PresetStatus {
  /** Preset whose every value the segment's effective parameters equal, or null. */
  match: string | null;
  /** The preset the values come from (the latest one switched to at or before the segment, or the base parameters' match). */
  from: string | null;
  /** Text for the indicator: the matching id, "modified (from X)" or "custom". */
  text: string;
}

/** Which preset the values of segment i match, or what they were modified from. */
export function presetStatus(session: Session, i: number): PresetStatus {
  const views = segmentViews(session);
  const idx = Math.min(Math.max(0, i), views.length - 1);
  const model = modelOf(session);
  const match = matchModelPreset(model, views[idx].params);
  let from: string | null = null;
  for (let k = idx; k >= 0 && from === null; k--) from = session.protocol[k].preset ?? null;
  if (from === null) from = matchModelPreset(model, session.params);
  const text = match ?? (from ? `modified (from ${from})` : 'custom');
  return { match, from, text };
}

/** Total recorded duration, ms. */
export function totalDuration(session: Session): number {
  const p = session.protocol;
  return p.length ? p[p.length - 1].until : 0;
}
