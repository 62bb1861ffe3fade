// Pure edits of a session (no store, no validation): parameter assignment in a segment, presets, protocol rows
// (add, remove, move, field edits), integration settings. Each returns a new session; inputs are never mutated.
// Times in ms. Validation of the result is the store's job (schema.parseSession).

import { MODELS, modelOf, type ModelId, type ModelParams } from '../model/models';
import { segmentStart, type Integration, type ModelOptions, type Segment, type Session } from '../model/session';

function withProtocol(session: Session, protocol: Segment[]): Session {
  return { ...session, protocol };
}

function replaceSegment(session: Session, i: number, seg: Segment): Session {
  const protocol = session.protocol.slice();
  protocol[i] = seg;
  return withProtocol(session, protocol);
}

/** Sets `key` = value in segment i's assignments (it persists into later segments until one of them changes it). */
export function setParamAt(session: Session, i: number, key: string, value: number): Session {
  const seg = session.protocol[i];
  return replaceSegment(session, i, { ...seg, assign: { ...seg.assign, [key]: value } });
}

/** Removes segment i's own assignment of `key`: the value carried over from earlier segments applies again. */
export function clearParamAt(session: Session, i: number, key: string): Session {
  const seg = session.protocol[i];
  if (!seg.assign || seg.assign[key] === undefined) return session;
  const assign: ModelParams = { ...seg.assign };
  delete assign[key];
  const next: Segment = { ...seg, assign };
  if (Object.keys(assign).length === 0) delete next.assign;
  return replaceSegment(session, i, next);
}

/**
 * Switches segment i to a preset (null: no preset). The preset's own keys are removed from the segment's
 * assignments so that the preset's values take effect; other assignments (such as I) stay.
 */
export function applyPresetAt(session: Session, i: number, id: string | null): Session {
  const seg = session.protocol[i];
  const next: Segment = { ...seg };
  if (id === null) {
    delete next.preset;
  } else {
    next.preset = id;
    if (seg.assign) {
      const assign: ModelParams = { ...seg.assign };
      for (const k of Object.keys(modelOf(session).presets[id]?.values ?? {})) delete assign[k];
      if (Object.keys(assign).length) next.assign = assign;
      else delete next.assign;
    }
  }
  return replaceSegment(session, i, next);
}

/** Sets segment i's absolute end time (ms); other segments keep theirs. */
export function setUntil(session: Session, i: number, until: number): Session {
  return replaceSegment(session, i, { ...session.protocol[i], until });
}

/** Sets segment i's ramp slope of I ((mV/ms)/ms); 0 removes it. */
export function setSlope(session: Session, i: number, slope: number): Session {
  const next: Segment = { ...session.protocol[i], slope };
  if (!slope) delete next.slope;
  return replaceSegment(session, i, next);
}

/** Sets segment i's label (shown on its boundary line); empty text removes it (the automatic label returns). */
export function setLabel(session: Session, i: number, label: string): Session {
  const next: Segment = { ...session.protocol[i], label };
  if (!label.trim()) delete next.label;
  return replaceSegment(session, i, next);
}

/** Appends a segment as long as the last one, with no assignments (it continues the last segment's values). */
export function addSegment(session: Session): Session {
  const p = session.protocol;
  const last = p[p.length - 1];
  const dur = last ? last.until - segmentStart(p, p.length - 1) : 100;
  const start = last ? last.until : 0;
  return withProtocol(session, [...p, { until: start + (dur > 0 ? dur : 100) }]);
}

/** Removes segment i; later segments move earlier by its duration (they keep their durations). */
export function removeSegment(session: Session, i: number): Session {
  const p = session.protocol;
  if (p.length <= 1 || i < 0 || i >= p.length) return session;
  const dur = p[i].until - segmentStart(p, i);
  const protocol = p.filter((_, k) => k !== i).map((s, k) => (k >= i ? { ...s, until: s.until - dur } : s));
  return withProtocol(session, protocol);
}

/** Moves segment i one place earlier (dir −1) or later (+1): contents and durations move, end times are recomputed. */
export function moveSegment(session: Session, i: number, dir: -1 | 1): Session {
  const p = session.protocol;
  const j = i + dir;
  if (i < 0 || i >= p.length || j < 0 || j >= p.length) return session;
  const durations = p.map((s, k) => s.until - segmentStart(p, k));
  const order = p.map((_, k) => k);
  [order[i], order[j]] = [order[j], order[i]];
  let t = 0;
  const protocol = order.map((k) => {
    t += durations[k];
    return { ...p[k], until: roundTime(t) };
  });
  return withProtocol(session, protocol);
}

/** Removes float noise from sums of durations (1e-9 ms). */
function roundTime(t: number): number {
  return Math.round(t * 1e9) / 1e9;
}

export function setIntegration(session: Session, patch: Partial<Integration>): Session {
  return { ...session, integration: { ...session.integration, ...patch } };
}

export function setTransient(session: Session, transient: number): Session {
  return { ...session, transient };
}

/** Sets initial-state fields; a mode of undefined or 'explicit' is removed (explicit v0, u0). */
export function setInitial(session: Session, patch: Partial<Session['initial']>): Session {
  const initial = { ...session.initial, ...patch };
  if (initial.mode === undefined || initial.mode === 'explicit') delete initial.mode;
  return { ...session, initial };
}

/** Sets model options; a refractory period of 0 and an undefined V_min are removed (off), and so is an empty options object. */
export function setOptions(session: Session, patch: Partial<ModelOptions>): Session {
  const o: ModelOptions = { ...session.options, ...patch };
  if (!o.refractory) delete o.refractory;
  if (o.vMin === undefined) delete o.vMin;
  const next: Session = { ...session, options: o };
  if (Object.keys(o).length === 0) delete next.options;
  return next;
}

export function setName(session: Session, name: string): Session {
  return { ...session, name };
}

/**
 * The session in another model: the same protocol (times, labels, ramps) and initial mode; the parameters become the
 * new model's defaults; assignments of I (and ramps and the initial u) are converted by the scale of u (2003 →
 * 2007: × C, the current that gives the same dv/dt in the mapped equations; back: ÷ C); other assignments and presets
 * belong to the old model and are dropped. Switching to the model the session already has returns it unchanged.
 */
export function switchModel(session: Session, model: ModelId): Session {
  const from = modelOf(session), to = MODELS[model];
  if (from.id === to.id) return session;
  const toScale = to.toEngine(to.defaults).uScale;
  const fromScale = (p: ModelParams) => from.toEngine({ ...from.defaults, ...p }).uScale;
  const eff0 = { ...from.defaults, ...session.params };
  const k = toScale / fromScale(eff0); // the same generalised current (I / scale of u) in the new model's units
  const conv = (x: number) => Math.round(x * k * 1e6) / 1e6;
  const protocol: Segment[] = session.protocol.map((seg) => {
    const next: Segment = { until: seg.until };
    if (seg.label) next.label = seg.label;
    if (seg.untilInclusive) next.untilInclusive = true;
    if (seg.assign?.I !== undefined) next.assign = { I: conv(seg.assign.I) };
    if (seg.slope) next.slope = conv(seg.slope);
    return next;
  });
  const next: Session = {
    ...session,
    params: { ...to.defaults, I: conv(eff0.I) },
    initial: { ...session.initial, u: conv(session.initial.u) },
    protocol,
  };
  if (model === 'izh2003') delete next.model; else next.model = model;
  return next;
}
