// Incremental re-simulation (RunOptions.resume): a resumed run must be bit-identical (Object.is per element) to a full
// run of the new session — trace, spikes, segments, snapshots, checkpoints, steps, final state, status — over seeded
// random edits of the reference scenario and of gallery experiments, for every stepper, spike mode and precision.

import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { planResume } from './resume';
import { referenceSession } from './testing';
import type { SimResult } from './types';
import { effectiveParams, type Integration, type Segment, type Session } from '../model/session';
import type { ModelParams } from '../model/models';
import { PRESET_IDS } from '../model/presets';
import { getExperiment } from '../model/experiments';
import { mulberry32 } from './mulberry32';


/** First difference between a and b (Object.is on numbers; typed arrays of traces compared up to `length`), or null. */
function firstDifference(a: unknown, b: unknown, path = 'result'): string | null {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return a === b ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    const x = a as Float64Array, y = b as Float64Array;
    if (x.length !== y.length) return `${path}.length: ${x.length} vs ${y.length}`;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return `${path}[${i}]: ${x[i]} vs ${y[i]}`;
    return null;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs non-array`;
  const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
  if (ka.join() !== kb.join()) return `${path}: keys ${ka.join()} vs ${kb.join()}`;
  for (const k of ka) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** The result without the resume bookkeeping, traces cut to their valid length. */
function comparable(r: SimResult): unknown {
  const { resumedFrom: _f, stepsIntegrated: _s, trace, ...rest } = r;
  return {
    ...rest,
    trace: trace && { t: trace.t.subarray(0, trace.length), v: trace.v.subarray(0, trace.length), u: trace.u.subarray(0, trace.length), length: trace.length },
  };
}

function expectIdentical(resumed: SimResult, full: SimResult, what: string): void {
  const d = firstDifference(comparable(resumed), comparable(full));
  expect(d, what).toBe(null);
}

function clone(s: Session): Session {
  return structuredClone(s);
}

const round = (x: number, q: number) => Math.round(x / q) * q;

type EditKind = 'I' | 'a' | 'b' | 'c' | 'd' | 'preset' | 'until' | 'slope' | 'label' | 'insert' | 'remove' | 'swap' | 'diverge' | 'noop';
const EDIT_KINDS: EditKind[] = ['I', 'a', 'b', 'c', 'd', 'preset', 'until', 'slope', 'label', 'insert', 'remove', 'swap', 'diverge', 'noop'];

/**
 * A random edit of segment k (0-based); returns the edited copy and the index of the first segment whose
 * integration may differ (everything before it must be reusable).
 */
function randomEdit(s0: Session, rnd: () => number, dt: number): { session: Session; k: number; kind: EditKind } {
  const s = clone(s0);
  const P = s.protocol;
  const k = Math.floor(rnd() * P.length);
  const seg = P[k];
  const start = k === 0 ? 0 : P[k - 1].until;
  let kind = EDIT_KINDS[Math.floor(rnd() * EDIT_KINDS.length)];
  const assign = (key: 'I' | 'a' | 'b' | 'c' | 'd', lo: number, hi: number, q: number) => {
    seg.assign = { ...seg.assign, [key]: round(lo + rnd() * (hi - lo), q) };
  };
  if ((kind === 'remove' || kind === 'swap') && P.length < 2) kind = 'insert';
  switch (kind) {
    case 'I': assign('I', -5, 20, 0.5); break;
    case 'a': assign('a', 0.01, 0.1, 0.001); break;
    case 'b': assign('b', 0.1, 0.28, 0.01); break;
    case 'c': assign('c', -70, -45, 1); break;
    case 'd': assign('d', 0.05, 10, 0.05); break;
    case 'preset': seg.preset = PRESET_IDS[Math.floor(rnd() * PRESET_IDS.length)]; break;
    case 'slope': seg.slope = round(-0.02 + rnd() * 0.07, 0.001); break;
    case 'label': seg.label = `edited ${Math.floor(rnd() * 1000)}`; break;
    case 'until': {
      const next = k + 1 < P.length ? P[k + 1].until : seg.until * 1.3;
      // Sometimes on the grid, sometimes off it (split steps); always strictly inside (start, next).
      const raw = start + (0.1 + 0.8 * rnd()) * (next - start);
      const t = rnd() < 0.5 ? round(raw, dt) : round(raw, 0.0007);
      if (t > start && t < next) seg.until = t;
      break;
    }
    case 'insert': {
      const mid = rnd() < 0.5 ? round((start + seg.until) / 2, dt) : (start + seg.until) / 2 + 0.0003;
      if (mid > start && mid < seg.until) P.splice(k, 0, { until: mid, assign: { I: round(rnd() * 15, 0.5) }, label: 'inserted' });
      break;
    }
    case 'remove': {
      // The previous segment absorbs the removed one's time (or the next one takes over from 0).
      if (k > 0) P[k - 1].until = seg.until;
      P.splice(k, 1);
      break;
    }
    case 'swap': {
      // Swap what segments k and k+1 (or k−1 and k) do, keeping their time spans.
      const j = k + 1 < P.length ? k + 1 : k - 1;
      const x = P[k], y = P[j];
      P[k] = { ...y, until: x.until };
      P[j] = { ...x, until: y.until };
      break;
    }
    case 'diverge': seg.assign = { ...seg.assign, a: -0.2, b: 2, I: 0 }; break;
    case 'noop': break;
  }
  return { session: s, k: kind === 'swap' ? Math.min(k, k + 1 < s0.protocol.length ? k + 1 : k - 1) : kind === 'remove' ? Math.max(0, k - 1) : k, kind };
}

/** Whether segments k.. of `b` are integrated differently from those of `a` (until, slope, effective parameters, count). */
function changesIntegration(a: Session, b: Session, k: number): boolean {
  if (a.protocol.length !== b.protocol.length) return true;
  const ea = effectiveParams(a), eb = effectiveParams(b);
  const key = (s: Session, e: ModelParams[], i: number) => JSON.stringify([s.protocol[i].until, s.protocol[i].slope ?? 0, e[i]]);
  for (let i = k; i < a.protocol.length; i++) if (key(a, ea, i) !== key(b, eb, i)) return true;
  return false;
}

function withIntegration(s: Session, integration: Partial<Integration>, transient?: number): Session {
  return { ...clone(s), integration: { ...s.integration, ...integration }, transient: transient ?? s.transient };
}

function experiment(id: string): Session {
  const e = getExperiment(id);
  if (!e) throw new Error(`no experiment ${id}`);
  return clone(e.session);
}

/**
 * Runs `edits` random edits in a chain, each checked against a full run of the edited session; the previous run
 * handed to the next resume alternates between the resumed and the full result (both must serve).
 */
function checkChain(name: string, base: Session, edits: number, seed: number): { resumed: number; kinds: Set<EditKind>; diverged: number } {
  const rnd = mulberry32(seed);
  const dt = base.integration.dt;
  let session = base;
  let prev = simulate(session);
  expect(prev.resumedFrom).toBe(0);
  let resumed = 0, diverged = 0, recycled = 0;
  let free: SimResult['trace'] = null;
  const kinds = new Set<EditKind>();
  for (let e = 0; e < edits; e++) {
    const edit = randomEdit(session, rnd, dt);
    const next = edit.session;
    kinds.add(edit.kind);
    const prevCopy = structuredClone(comparable(prev));
    const full = simulate(next);
    // The resumed run records into the buffers of the result not kept last time (stale contents), when they fit.
    const res = simulate(next, { resume: { session, result: prev }, buffers: free ?? undefined });
    if (free && res.trace!.t === free.t) recycled++;
    const what = `${name}, edit ${e} (${edit.kind} in segment ${edit.k})`;
    expectIdentical(res, full, what);
    // The previous result is left intact.
    expect(firstDifference(comparable(prev), prevCopy), `${what}: previous result modified`).toBe(null);
    // Never resumes past the edited segment (when the edit changed what is integrated); accounts for its steps.
    expect(res.resumedFrom!, what).toBeLessThanOrEqual(changesIntegration(session, next, edit.k) ? edit.k : next.protocol.length);
    const skipped = res.steps - res.stepsIntegrated!;
    if (res.resumedFrom! > 0) expect(skipped, what).toBe(res.checkpoints![res.resumedFrom!].steps);
    else expect([0, res.checkpoints?.[0]?.steps ?? 0], what).toContain(skipped);
    if (res.resumedFrom! > 0) resumed++;
    if (full.status.kind === 'diverged') diverged++;
    // Keep editing from the new session; hand on the resumed or the full result.
    session = next;
    prev = e % 2 === 0 ? res : full;
    free = (e % 2 === 0 ? full : res).trace;
    // Come back from a divergence, sometimes, so the chain keeps exploring.
    if (full.status.kind === 'diverged' && rnd() < 0.5) {
      const back = base;
      const r2 = simulate(back, { resume: { session, result: prev } });
      expectIdentical(r2, simulate(back), `${what}, back to the base`);
      session = back;
      free = prev.trace;
      prev = r2;
    }
  }
  expect(recycled, `${name}: recycled buffers were used`).toBeGreaterThan(0);
  return { resumed, kinds, diverged };
}

describe('resume is bit-identical to a full run (seeded random edits)', () => {
  const ref = referenceSession();
  const configs: { name: string; session: Session; edits: number }[] = [
    { name: 'reference, rk4 exact float32, transient 50', session: ref, edits: 40 },
    { name: 'reference, rk4 step float64', session: withIntegration(ref, { spikes: 'step', precision: 'float64', dt: 0.02 }), edits: 30 },
    { name: 'reference, euler exact float64, no transient', session: withIntegration(ref, { stepper: 'euler', spikes: 'exact', precision: 'float64', dt: 0.02 }, 0), edits: 30 },
    { name: 'reference, euler step float32', session: withIntegration(ref, { stepper: 'euler', spikes: 'step', dt: 0.025 }), edits: 30 },
    { name: 'reference, euler_sequential float32, transient 50', session: withIntegration(ref, { stepper: 'euler_sequential', dt: 0.05 }), edits: 30 },
    { name: 'experiment dap (euler_sequential float64, pulses)', session: experiment('dap'), edits: 30 },
    { name: 'experiment rebound_burst (euler_sequential)', session: experiment('rebound_burst'), edits: 30 },
    { name: 'experiment bistability, rk4 exact float32, transient 20', session: withIntegration(experiment('bistability'), { stepper: 'rk4', spikes: 'exact', precision: 'float32' }, 20), edits: 30 },
    { name: 'experiment class1_excitability (ramp, euler_sequential)', session: experiment('class1_excitability'), edits: 20 },
  ];
  let total = 0, totalResumed = 0, totalDiverged = 0;
  const allKinds = new Set<EditKind>();
  configs.forEach((c, i) => {
    it(c.name, () => {
      const { resumed, kinds, diverged } = checkChain(c.name, c.session, c.edits, 1000 + i);
      total += c.edits; totalResumed += resumed; totalDiverged += diverged;
      for (const k of kinds) allKinds.add(k);
      expect(resumed).toBeGreaterThan(0);
    });
  });
  it('the edits covered every kind, resumed often, and some diverged', () => {
    expect(allKinds.size).toBe(EDIT_KINDS.length);
    expect(totalResumed).toBeGreaterThan(total / 3);
    expect(totalDiverged).toBeGreaterThan(0);
  });
});

describe('how far a run resumes', () => {
  const ref = referenceSession();
  const edited = (f: (P: Segment[]) => void, s: Session = ref): Session => { const c = clone(s); f(c.protocol); return c; };

  it('an edit of segment k resumes at k and integrates only from there', () => {
    const prev = simulate(ref);
    for (let k = 1; k < ref.protocol.length; k++) {
      const next = edited((P) => { P[k].assign = { ...P[k].assign, I: 7.5 }; });
      const r = simulate(next, { resume: { session: ref, result: prev } });
      expect(r.resumedFrom).toBe(k);
      expect(r.stepsIntegrated).toBe(r.steps - prev.checkpoints![k].steps);
      expectIdentical(r, simulate(next), `I edit in segment ${k}`);
    }
  });

  it('a label-only change reuses everything, with the new names', () => {
    const prev = simulate(ref);
    const next = edited((P) => { P[2].label = 'renamed'; });
    const r = simulate(next, { resume: { session: ref, result: prev } });
    expect(r.resumedFrom).toBe(ref.protocol.length);
    expect(r.stepsIntegrated).toBe(0);
    expect(r.snapshots[3].name).toBe('renamed');
    expect(r.segments[2].label).toBe('renamed');
    expectIdentical(r, simulate(next), 'label');
    // Fresh buffers: the new trace does not share memory with the previous one.
    expect(r.trace!.v.buffer).not.toBe(prev.trace!.v.buffer);
  });

  it('a preset that leaves the effective parameters unchanged is reused, and its name follows the new session', () => {
    const prev = simulate(ref);
    // regular_spiking sets a, b, c, d to the values already in force in segment 1.
    const next = edited((P) => { P[1].preset = 'regular_spiking'; });
    const r = simulate(next, { resume: { session: ref, result: prev } });
    expect(r.resumedFrom).toBe(ref.protocol.length);
    expect(r.segments[1].preset).toBe('regular_spiking');
    expectIdentical(r, simulate(next), 'neutral preset');
  });

  it('a change of dt, stepper, precision, initial state or transient forces a full run', () => {
    const prev = simulate(ref);
    const changes: Session[] = [
      withIntegration(ref, { dt: 0.02 }), withIntegration(ref, { stepper: 'euler' }), withIntegration(ref, { spikes: 'step' }),
      withIntegration(ref, { precision: 'float64' }), withIntegration(ref, {}, 40), { ...clone(ref), initial: { v: -60, u: -13 } },
    ];
    for (const next of changes) {
      const r = simulate(next, { resume: { session: ref, result: prev } });
      expect(r.resumedFrom).toBe(0);
      expect(r.stepsIntegrated).toBe(r.steps);
      expectIdentical(r, simulate(next), JSON.stringify(next.integration));
    }
  });

  it('segment 0 edited without touching its parameters reuses the transient only', () => {
    const prev = simulate(ref);
    const next = edited((P) => { P[0].slope = 0.01; });
    const r = simulate(next, { resume: { session: ref, result: prev } });
    expect(r.resumedFrom).toBe(0);
    expect(r.stepsIntegrated).toBe(r.steps - 5000); // the 50 ms transient at dt = 0.01
    expectIdentical(r, simulate(next), 'slope in segment 0');
    // Its parameters changed: the transient differs too, full run.
    const next2 = edited((P) => { P[0].assign = { I: 1 }; });
    expect(simulate(next2, { resume: { session: ref, result: prev } }).stepsIntegrated).toBe(simulate(next2).steps);
  });

  it('adding, removing and reordering segments resume up to the first differing segment', () => {
    const prev = simulate(ref);
    const appended = edited((P) => { P.push({ until: 1800, assign: { I: 3 } }); });
    const r1 = simulate(appended, { resume: { session: ref, result: prev } });
    expect(r1.resumedFrom).toBe(5);
    expectIdentical(r1, simulate(appended), 'append');
    const removedLast = edited((P) => { P.pop(); });
    const r2 = simulate(removedLast, { resume: { session: ref, result: prev } });
    expect(r2.resumedFrom).toBe(4);
    expect(r2.stepsIntegrated).toBe(0);
    expectIdentical(r2, simulate(removedLast), 'remove last');
    const removedMiddle = edited((P) => { P[1].until = P[2].until; P.splice(2, 1); });
    const r3 = simulate(removedMiddle, { resume: { session: ref, result: prev } });
    expect(r3.resumedFrom).toBe(1);
    expectIdentical(r3, simulate(removedMiddle), 'remove middle');
    const swapped = edited((P) => { const x = P[3], y = P[4]; P[3] = { ...y, until: x.until }; P[4] = { ...x, until: y.until }; });
    const r4 = simulate(swapped, { resume: { session: ref, result: prev } });
    expect(r4.resumedFrom).toBe(3);
    expectIdentical(r4, simulate(swapped), 'swap');
  });

  it('euler_sequential: the last segment also takes its end grid point, so appending re-runs it', () => {
    const base = experiment('rebound_burst');
    const prev = simulate(base);
    const n = base.protocol.length;
    const appended = edited((P) => { P.push({ until: P[n - 1].until + 20, assign: { I: 1 } }); }, base);
    const r = simulate(appended, { resume: { session: base, result: prev } });
    expect(r.resumedFrom).toBe(n - 1);
    expectIdentical(r, simulate(appended), 'sequential append');
    const removed = edited((P) => { P.pop(); }, base);
    const r2 = simulate(removed, { resume: { session: base, result: prev } });
    expect(r2.resumedFrom).toBe(n - 2);
    expectIdentical(r2, simulate(removed), 'sequential remove last');
  });

  it('euler_sequential: toggling a segment\'s untilInclusive moves its end grid point, so that segment is re-run', () => {
    const base = experiment('spike_latency');
    const prev = simulate(base);
    const i = base.protocol.findIndex((g) => g.untilInclusive);
    expect(i).toBeGreaterThanOrEqual(0);
    const toggled = edited((P) => { delete P[i].untilInclusive; }, base);
    const r = simulate(toggled, { resume: { session: base, result: prev } });
    expect(r.resumedFrom).toBe(i);
    expectIdentical(r, simulate(toggled), 'toggle untilInclusive');
    expect(Array.from(r.spikes)).not.toEqual(Array.from(prev.spikes));
  });

  it('an edit that diverges, then one that recovers, resume from before the diverging segment', () => {
    const prev = simulate(ref);
    const bad = edited((P) => { P[3].assign = { I: 0, a: -0.2, b: 2 }; });
    const r = simulate(bad, { resume: { session: ref, result: prev } });
    expect(r.status.kind).toBe('diverged');
    expect(r.resumedFrom).toBe(3);
    expectIdentical(r, simulate(bad), 'diverging edit');
    expect(r.checkpoints!.length).toBe(4); // segments 0..3 started, no end checkpoint
    // From the diverged run back to a working edit of segment 3.
    const good = edited((P) => { P[3].assign = { I: 12 }; });
    const r2 = simulate(good, { resume: { session: bad, result: r } });
    expect(r2.status.kind).toBe('ok');
    expect(r2.resumedFrom).toBe(3);
    expectIdentical(r2, simulate(good), 'recovering edit');
    // An edit after the diverging segment can only reuse what the diverged run reached.
    const later = edited((P) => { P[4].assign = { I: 11 }; }, bad);
    const r3 = simulate(later, { resume: { session: bad, result: r } });
    expect(r3.resumedFrom).toBe(3);
    expectIdentical(r3, simulate(later), 'edit after the divergence');
  });

  it('a run diverging in the transient offers nothing to resume', () => {
    const bad = { ...clone(ref), params: { ...ref.params, a: -0.2, b: 2 } };
    bad.protocol = bad.protocol.map((s) => ({ ...s, assign: { ...s.assign, a: -0.2, b: 2 } }));
    bad.transient = 1000;
    const prev = simulate(bad);
    expect(prev.status.kind).toBe('diverged');
    expect(prev.checkpoints).toEqual([]);
    const next = edited((P) => { P[4].label = 'x'; }, bad);
    expect(simulate(next, { resume: { session: bad, result: prev } }).resumedFrom).toBe(0);
  });

  it('no resume when the previous result lacks what it needs: refused, not recorded, or spikes transferred away', () => {
    const prev = simulate(ref);
    const next = edited((P) => { P[4].assign = { I: 3 }; });
    expect(planResume(ref, prev, next, true)?.segment).toBe(4);
    expect(planResume(ref, prev, next, false)).toBe(null); // recorded checkpoints for an unrecorded run
    expect(planResume(ref, { ...prev, spikes: new Float64Array(0) }, next, true)).toBe(null);
    expect(planResume(ref, { ...prev, trace: null }, next, true)).toBe(null);
    expect(planResume(ref, { ...prev, checkpoints: undefined }, next, true)).toBe(null);
    const refused = simulate(ref, { memoryBudgetBytes: 1000 });
    expect(refused.status.kind).toBe('refused');
    expect(planResume(ref, refused, next, true)).toBe(null);
    // Unrecorded runs resume from unrecorded ones.
    const prevNoRec = simulate(ref, { record: false });
    const r = simulate(next, { record: false, resume: { session: ref, result: prevNoRec } });
    expect(r.resumedFrom).toBe(4);
    expectIdentical(r, simulate(next, { record: false }), 'record: false');
  });
});

describe('recycled trace buffers (RunOptions.buffers)', () => {
  const ref = referenceSession();
  it('are recorded into when they fit, with a result identical to fresh buffers; refused when too small, too large or the resume source', () => {
    const old = simulate(ref).trace!;
    const junk = { t: old.t, v: old.v, u: old.u };
    const s2 = clone(ref);
    s2.protocol[2].assign = { I: 11 };
    const r = simulate(s2, { buffers: junk });
    expect(r.trace!.t).toBe(junk.t);
    expectIdentical(r, simulate(s2), 'recycled buffers');
    // The resume source's own buffers are never recorded into.
    const prev = simulate(ref);
    const r2 = simulate(s2, { resume: { session: ref, result: prev }, buffers: { t: prev.trace!.t, v: prev.trace!.v, u: prev.trace!.u } });
    expect(r2.trace!.t).not.toBe(prev.trace!.t);
    expectIdentical(r2, simulate(s2), 'resume with its own buffers offered');
    const short = simulate({ ...clone(ref), protocol: [{ until: 100 }] }).trace!;
    expect(simulate(s2, { buffers: { t: short.t, v: short.v, u: short.u } }).trace!.t).not.toBe(short.t);
    const tiny = { ...clone(ref), protocol: [{ until: 10 }], transient: 0 };
    const big = new Float32Array(old.t.length);
    expect(simulate(tiny, { buffers: { t: big, v: new Float32Array(big.length), u: new Float32Array(big.length) } }).trace!.t).not.toBe(big);
    // One array for all three is refused.
    expect(simulate(s2, { buffers: { t: junk.t, v: junk.t, u: junk.u } }).trace!.t).not.toBe(junk.t);
  });
});
