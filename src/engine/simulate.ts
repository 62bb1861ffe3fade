// simulate(session): runs a session (transient, then each protocol segment) and returns trace, spikes, per-segment
// statistics, snapshots and status. Steppers rk4 (O(dt⁴)), euler (O(dt)), euler_sequential (the MATLAB scripts' scheme,
// O(dt)); spikes 'step' (stamp error up to dt) or 'exact' (located to the stepper's order). Times ms, v mV, u mV/ms.
// With opts.resume it continues a previous run from its first changed segment (resume.ts), bit-identical to a full run.
//
// Spike modes and their error (rk4, measured on the reference scenario, float64, against dt = 0.001):
// - 'step' (dynlib, NEST, Brian2): v ≥ v_th is tested after each step; the spike is stamped at the step's end and
//   the reset applied there. Each spike is late by up to one dt (first order), and since the reset is late too the
//   error carries into later spikes: at dt = 0.01 the first 21 spikes are off by up to 0.14 ms, then the bursts of
//   the last segment drift apart (24 spikes instead of 26); fast_spiking at I = 10 is off by 2.2 ms after 1 s.
// - 'exact' (default): the crossing of v_th is located inside the step on the stepper's own solution (spike.ts), the
//   reset applied at that instant and the rest of the step integrated. Spike times inherit the stepper's global
//   order: for rk4 the maximum error over all 47 spikes is 2.3e-2 / 1.6e-3 / 8.2e-5 / 3.7e-6 / 1.5e-7 ms at
//   dt = 0.2 / 0.1 / 0.05 / 0.025 / 0.0125 (order ≈ 4). Every preset over 1 s at dt = 0.1: ≤ 2.1e-3 ms. No step
//   refinement is needed (plain dt steps reach this).
// - 'euler_sequential' has its own test (v > v_th strict, stamp at the step's start) and ignores the mode.

import { effectiveParams, segmentChangeLabel, segmentStart, type Session } from '../model/session';
import type { Params } from '../model/params';
import { modelOf } from '../model/models';
import type { Checkpoint, RefusalFix, RunOptions, RunStatus, SegmentResult, SimResult, Snapshot } from './types';
import { planResume } from './resume';
import { coeffsOf, NO_EXTRAS, STEPPER_EULER, STEPPER_EULER_HALFSTEP, STEPPER_EXP_EULER, STEPPER_RK4, type CoeffExtras } from './rhs';
import { resolveInitial } from './initial';
import { gridPosition, planSpan, spanSteps } from './grid';
import { integrateSpan, MAX_SPIKES_PER_STEP, RUN_CANCELLED, RUN_DIVERGED, RUN_OK, RUN_OVER_BUDGET, RunState } from './integrate';
import { sequentialRange, sequentialSteps } from './eulerSequential';
import { BYTES_PER_SAMPLE, BYTES_PER_SPIKE, DEFAULT_MEMORY_BUDGET, INITIAL_SPIKES, MemoryBudget, Recorder, buffersFit, initialCapacity } from './recorder';
import { spikeStats } from './stats';
import { primeFastLoops } from './prime';

/** Number of steps the run takes (grid steps plus shortened pieces, transient included). */
export function countSteps(session: Session): number {
  const { dt, stepper } = session.integration;
  const T = session.protocol.length ? session.protocol[session.protocol.length - 1].until : 0;
  if (stepper === 'euler_sequential') {
    return sequentialTransientSteps(session.transient, dt) + Math.floor(gridPosition(T, 0, dt)) + 1;
  }
  let n = session.transient > 0 ? spanSteps(planSpan(-session.transient, 0, -session.transient, dt)) : 0;
  for (let i = 0; i < session.protocol.length; i++) {
    n += spanSteps(planSpan(segmentStart(session.protocol, i), session.protocol[i].until, 0, dt));
  }
  return n;
}

/** Steps of the unrecorded transient (part of countSteps). */
export function transientSteps(session: Session): number {
  const { dt, stepper } = session.integration;
  if (stepper === 'euler_sequential') return sequentialTransientSteps(session.transient, dt);
  return session.transient > 0 ? spanSteps(planSpan(-session.transient, 0, -session.transient, dt)) : 0;
}

/** Steps whose samples are recorded: the protocol's, not the transient's (what the trace buffers must hold). */
export function countRecordedSteps(session: Session): number {
  return countSteps(session) - transientSteps(session);
}

/** euler_sequential transient: the grid steps −T + n·dt that start before 0. */
function sequentialTransientSteps(transient: number, dt: number): number {
  return transient > 0 ? Math.ceil(gridPosition(0, -transient, dt)) : 0;
}

/** Throws RangeError for a malformed session (what simulate refuses to run). */
export function checkSession(session: Session): void {
  const { dt } = session.integration;
  if (!(typeof dt === 'number' && dt > 0 && Number.isFinite(dt))) throw new RangeError(`integration.dt must be a positive finite number of ms, got ${dt}`);
  if (!Array.isArray(session.protocol) || session.protocol.length === 0) throw new RangeError('protocol must have at least one segment');
  if (!(session.transient >= 0 && Number.isFinite(session.transient))) throw new RangeError(`transient must be ≥ 0 ms, got ${session.transient}`);
  let prev = 0;
  session.protocol.forEach((s, i) => {
    if (!(s.until > prev && Number.isFinite(s.until))) throw new RangeError(`protocol[${i}].until must be a finite time after ${prev} ms, got ${s.until}`);
    prev = s.until;
  });
  if (!Number.isFinite(session.initial.v) || !Number.isFinite(session.initial.u)) throw new RangeError('initial.v and initial.u must be finite');
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Why a recorded run is refused before it starts: its trace alone would pass the budget (the transient is not
 * recorded). The message, and the same figures as data (`fix`) for front ends that phrase their own advice.
 */
function refusal(session: Session, steps: number, bytes: number, budget: number): { message: string; fix: RefusalFix } {
  const { dt } = session.integration;
  const T = session.protocol[session.protocol.length - 1].until;
  const ratio = bytes / budget;
  // Rounded up to 2 significant digits, so that the dt advised always fits.
  const raw = dt * ratio * 1.05;
  const unit = Math.pow(10, Math.floor(Math.log10(raw)) - 1);
  const dtFit = Number((Math.ceil(raw / unit) * unit).toPrecision(2));
  const tFit = Math.floor(T / (ratio * 1.05));
  const message = `Recording this run needs ${mib(bytes)} for about ${steps.toLocaleString('en-US')} samples ` +
    `(${T.toLocaleString('en-US')} ms at dt = ${dt} ms${session.transient > 0 ? `; the ${session.transient} ms transient is not recorded` : ''}), ` +
    `more than the memory budget of ${mib(budget)}. Raise dt to at least ${dtFit} ms, ` +
    (tFit > 0 ? `shorten the protocol to about ${tFit} ms, ` : '') +
    `or run it without recording the trace (the command line without --trace: spikes and statistics only).`;
  return { message, fix: { bytes, budgetBytes: budget, samples: steps, dtAtLeast: dtFit, untilAtMost: tFit > 0 ? tFit : null } };
}

/**
 * Why a run was stopped part-way: its spike times (and the samples at them) outgrew the budget. Names the segment
 * where the reset lies closest below the cut-off when that is the likely cause (a cell re-firing right after a reset).
 */
function overBudget(eff: readonly Params[], tStop: number, spikes: number, samples: number, budget: number): string {
  const rate = tStop > 0 ? spikes / tStop : spikes;
  let worst = 0;
  eff.forEach((p, i) => { if (p.v_th - p.c < eff[worst].v_th - eff[worst].c) worst = i; });
  const p = eff[worst];
  const gap = p.v_th - p.c;
  const why = gap < 5
    ? ` The reset c = ${p.c} mV lies only ${Number(gap.toPrecision(3))} mV below v_th = ${p.v_th} mV` +
      `${eff.length > 1 ? ` in segment ${worst + 1}` : ''}, so the cell fires again right after each reset: lower c or raise v_th.`
    : ' Shorten the protocol or change the parameters that make it fire so fast.';
  return `Stopped at t = ${fmtT(tStop)} ms: by then the run had more than ${spikes.toLocaleString('en-US')} spikes ` +
    `(about ${Math.round(rate).toLocaleString('en-US')} per ms)${samples > 0 ? ` and ${samples.toLocaleString('en-US')} samples` : ''}, ` +
    `and keeping more would pass the memory budget of ${mib(budget)}; nothing of it is shown.${why}`;
}

const STEPPER_CODES = { rk4: STEPPER_RK4, euler: STEPPER_EULER, exp_euler: STEPPER_EXP_EULER, euler_halfstep: STEPPER_EULER_HALFSTEP, euler_sequential: STEPPER_EULER } as const;

/** The options of the session as coefficient extras (refractory period, lower clamp of v). */
export function extrasOf(session: Pick<Session, 'options'>): CoeffExtras {
  const o = session.options;
  if (!o) return NO_EXTRAS;
  return { ...NO_EXTRAS, tref: o.refractory ?? 0, vmin: o.vMin ?? -Infinity };
}

/** Runs the session. Never throws for a session that passed parseSession (throws RangeError on malformed ones). */
export function simulate(session: Session, opts: RunOptions = {}): SimResult {
  checkSession(session);
  primeFastLoops();
  const record = opts.record !== false;
  const budget = opts.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET;
  const integ = session.integration;
  const dt = integ.dt;
  const effModel = effectiveParams(session);
  const model = modelOf(session);
  // Each segment as the engine integrates it: generalised coefficients, rules and the scale of u (2007 form: C).
  const segs = effModel.map((p) => model.toEngine(p));
  const eff = segs.map((g) => g.params);
  const scale = segs.map((g) => g.uScale);
  const options = extrasOf(session);
  const extras = segs.map((g) => ({ ...g.rules, vmin: options.vmin, tref: options.tref }));
  const steps = countRecordedSteps(session);
  const { v: vIn, u: uIn, mode } = session.initial;
  const start = resolveInitial({ initial: { v: vIn, u: uIn / scale[0], mode } }, coeffsOf(eff[0], 0, 0, extras[0]),
    `I = ${Number(effModel[0].I.toPrecision(4))} ${model.units.I}`);
  // The engine's initial state (u in engine units), and the same in the model's units.
  const v0 = start.ok ? start.v : vIn, u0 = start.ok ? start.u : uIn / scale[0];
  const initial: Snapshot = {
    name: 'initial', t: -session.transient, step: 0, params: { ...session.params }, state: { v: v0, u: u0 * scale[0] },
  };
  if (!start.ok) {
    return {
      status: { kind: 'refused', message: start.message },
      trace: null, spikes: new Float64Array(0), segments: [], snapshots: [initial], steps: 0,
      final: { ...initial.state }, resumedFrom: 0, stepsIntegrated: 0,
    };
  }

  // Every buffer of the run is charged to one budget: the trace (if recorded) and the spike times (always kept).
  const mem = new MemoryBudget(budget);
  let rec: Recorder | null = null;
  if (record) {
    const cap = initialCapacity(steps);
    const bytes = cap * BYTES_PER_SAMPLE + INITIAL_SPIKES * BYTES_PER_SPIKE;
    if (bytes > budget) {
      return {
        status: { kind: 'refused', ...refusal(session, steps, bytes, budget) },
        trace: null, spikes: new Float64Array(0), segments: [], snapshots: [initial], steps: 0,
        final: { ...initial.state }, resumedFrom: 0, stepsIntegrated: 0,
      };
    }
    const prevTrace = opts.resume?.result.trace;
    const avoid = prevTrace ? [prevTrace.t.buffer, prevTrace.v.buffer, prevTrace.u.buffer] : [];
    rec = new Recorder(cap, opts.buffers && buffersFit(opts.buffers, cap, avoid) ? opts.buffers : undefined, mem);
  }

  const sequential = integ.stepper === 'euler_sequential';
  const r = new RunState({
    v: v0, u: u0, dt,
    stepper: STEPPER_CODES[integ.stepper],
    exact: !sequential && integ.spikes === 'exact',
    f32: integ.precision === 'float32',
    rec, shouldCancel: opts.shouldCancel ?? null, budget: mem,
  });

  const snapshots: Snapshot[] = [initial];
  const segStarts: number[] = [];
  const checkpoints: Checkpoint[] = [];
  let code = RUN_OK;
  let reached = 0; // segments started
  const P = session.protocol;
  const plan = opts.resume ? planResume(opts.resume.session, opts.resume.result, session, record, effModel) : null;
  /** The run's state now, as a checkpoint. */
  const here = (): Checkpoint => ({ length: rec ? rec.length : 0, steps: r.steps, nSpikes: r.nSpikes, v: r.v, u: r.u, refrUntil: r.refrUntil });
  /** Segment i starts in state `c` (computed here, or taken from the resumed run): its snapshot and checkpoint. */
  const startSegment = (i: number, c: Checkpoint): void => {
    // The state at a segment's start is still in the previous segment's scale of u (rescaled just after).
    snapshots.push({
      name: segmentChangeLabel(session, i), t: segmentStart(P, i), step: c.steps, params: { ...effModel[i] },
      state: { v: c.v, u: c.u * scale[Math.max(0, i - 1)] },
    });
    segStarts.push(c.nSpikes);
    checkpoints.push({ ...c });
  };
  let from = 0; // first segment integrated here

  if (plan) {
    // Continue from the previous run's checkpoint: copy its trace and spike prefixes into fresh buffers.
    const cp = plan.checkpoint;
    const prev = plan.result;
    if (rec && prev.trace) {
      if (!rec.reserve(cp.length)) code = RUN_OVER_BUDGET;
      else {
        rec.t.set(prev.trace.t.subarray(0, cp.length));
        rec.v.set(prev.trace.v.subarray(0, cp.length));
        rec.u.set(prev.trace.u.subarray(0, cp.length));
        rec.length = cp.length;
      }
    }
    if (!r.growSpikes(cp.nSpikes)) code = RUN_OVER_BUDGET;
    else r.spikes.set(prev.spikes.subarray(0, cp.nSpikes));
    r.nSpikes = cp.nSpikes;
    r.steps = cp.steps;
    r.v = cp.v; r.u = cp.u;
    r.refrUntil = cp.refrUntil ?? -Infinity;
    r.recording = true;
    from = plan.segment;
    for (let i = 0; i < from; i++) startSegment(i, plan.checkpoints[i]);
    reached = from;
  } else {
    // Transient: first segment's parameters, no ramp, not recorded.
    const Ttr = session.transient;
    if (Ttr > 0) {
      const c = coeffsOf(eff[0], 0, -Ttr, extras[0]);
      code = sequential
        ? sequentialSteps(r, c, -Ttr, 0, sequentialTransientSteps(Ttr, dt))
        : integrateSpan(r, c, -Ttr, 0, -Ttr);
    }
    if (code === RUN_OK) {
      r.recording = true;
      if (!sequential) r.sample(0, r.v, r.u);
    }
  }
  const stepsBefore = plan ? plan.checkpoint.steps : 0;

  if (code === RUN_OK) {
    for (let i = from; i < P.length && code === RUN_OK; i++) {
      const t0 = segmentStart(P, i);
      startSegment(i, here());
      reached = i + 1;
      if (i > 0 && scale[i] !== scale[i - 1]) {
        // The 2007 form with C changed at this boundary: the physical u (pA) carries over, the engine's u = u/C jumps.
        r.u = (r.u * scale[i - 1]) / scale[i];
        r.round();
      }
      const c = coeffsOf(eff[i], (P[i].slope ?? 0) / scale[i], t0, extras[i]);
      if (sequential) {
        const { first, last } = sequentialRange(P, i, dt);
        code = sequentialSteps(r, c, 0, first, last);
      } else {
        code = integrateSpan(r, c, t0, P[i].until, 0);
      }
      // A buffer refused to grow after the segment's last poll: stop at its end.
      if (code === RUN_OK && mem.exceeded) { code = RUN_OVER_BUDGET; r.stopT = P[i].until; }
    }
    if (code === RUN_OK) checkpoints.push(here());
  }
  segStarts.push(r.nSpikes);

  if (code === RUN_OVER_BUDGET) {
    // Nothing partial is handed out: the buffers are dropped here, the message says where and why it stopped.
    const tStop = Number.isFinite(r.stopT) ? r.stopT : 0;
    return {
      status: { kind: 'refused', stoppedAt: tStop, message: overBudget(eff, tStop, r.nSpikes, rec ? rec.length : 0, budget) },
      trace: null, spikes: new Float64Array(0), segments: [], snapshots: [initial], steps: r.steps,
      final: { v: r.v, u: r.u }, resumedFrom: from, stepsIntegrated: r.steps - (plan ? plan.checkpoint.steps : 0),
    };
  }

  let status: RunStatus = { kind: 'ok' };
  let tStop = Infinity;
  if (code === RUN_DIVERGED) {
    const seg = Math.max(0, reached - 1);
    tStop = r.divT;
    const where = r.divT < 0 && reached === 0
      ? `during the transient (t = ${fmtT(r.divT)} ms)`
      : `at t = ${fmtT(r.divT)} ms in segment ${seg + 1} ("${segmentChangeLabel(session, seg)}")`;
    const what = r.divReason === 'runaway'
      ? `v reached v_th ${MAX_SPIKES_PER_STEP} times within one step (runaway firing)`
      : `${r.divVar} ${r.divReason === 'bounds' ? 'left ±1e6' : 'became non-finite'}`;
    status = {
      kind: 'diverged', t: r.divT, variable: r.divVar, segment: seg, reason: r.divReason,
      message: `${what} ${where}. ${divergenceAdvice(session, eff[seg] ?? eff[0], r.divVar)}`,
    };
  } else if (code === RUN_CANCELLED) {
    status = { kind: 'cancelled' };
    tStop = r.stopT;
  }

  const segments: SegmentResult[] = [];
  for (let i = 0; i < reached; i++) {
    const t0 = segmentStart(P, i);
    const t1 = Math.min(P[i].until, Math.max(t0, tStop));
    const st = spikeStats(r.spikes, segStarts[i], segStarts[i + 1] ?? r.nSpikes, t0, t1 - t0);
    const seg = P[i];
    segments.push({
      index: i, label: segmentChangeLabel(session, i), t_start: t0, t_end: t1, params: { ...effModel[i] },
      slope: seg.slope ?? 0, preset: seg.preset ?? null, ...st,
    });
  }

  // Results in the model's units: the samples this run recorded (a resumed prefix already is) get u × scale of
  // the segment they were recorded in (sample 0, at t = 0, belongs with segment 0).
  if (rec && scale.some((x) => x !== 1)) {
    const u = rec.u;
    for (let i = from; i < reached; i++) {
      const a = i === from ? (plan ? checkpoints[i].length : 0) : checkpoints[i].length;
      const b = i + 1 < checkpoints.length ? checkpoints[i + 1].length : rec.length;
      const k = scale[i];
      if (k !== 1) for (let j = a; j < b; j++) u[j] *= k;
    }
  }
  const lastSeg = Math.max(0, reached - 1);

  return {
    status,
    trace: rec ? { t: rec.t, v: rec.v, u: rec.u, length: rec.length } : null,
    spikes: r.spikes.slice(0, r.nSpikes),
    segments,
    snapshots,
    steps: r.steps,
    final: { v: r.v, u: r.u * scale[lastSeg] },
    checkpoints,
    resumedFrom: from,
    stepsIntegrated: r.steps - stepsBefore,
  };
}

/**
 * What to try after a divergence, tailored to the settings: with rk4 + located spikes the run is most
 * likely the equations' own solution running away (so "use a smaller dt" alone would mislead); with a
 * cruder scheme or a coarse step, the integration itself is the first suspect.
 */
function divergenceAdvice(session: Session, p: Params, variable: 'v' | 'u'): string {
  const { dt, stepper, spikes } = session.integration;
  const smaller = Number((dt / 10).toPrecision(2));
  const causes: string[] = [];
  if (p.a < 0 && p.ucoef > 0) causes.push(`a = ${p.a} < 0 makes the recovery variable u unstable on its own`);
  if (p.b * p.a < 0 && variable === 'u') causes.push(`a·b = ${Number((p.a * p.b).toPrecision(3))} < 0 feeds v back into u with the wrong sign`);
  const why = causes.length ? ` (${causes.join('; ')})` : '';
  if (stepper === 'rk4' && spikes === 'exact' && dt <= 0.05) {
    return `With rk4 and located spikes at dt = ${dt} ms this is most likely the model itself running away, ` +
      `not a numerical artefact${why}. To confirm, rerun at dt = ${smaller} ms: if it diverges at the same time, ` +
      `the parameters are the cause.`;
  }
  return `The integration may be unstable at dt = ${dt} ms with the ${stepper} stepper: try a smaller dt ` +
    `(e.g. ${smaller} ms)${stepper === 'rk4' && spikes === 'exact' ? '' : ' or rk4 with exact spikes'}; ` +
    `if it still diverges, the parameters make the model blow up${why}.`;
}

function fmtT(t: number): string {
  return String(Math.round(t * 1e6) / 1e6);
}
