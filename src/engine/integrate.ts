// Fixed-step integration of one span (a segment or the transient) with rk4 or forward Euler, spike handling
// ('step': test after each step, stamp and reset at its end; 'exact': crossing located inside the step, reset
// there, rest of the step integrated), float32 rounding of the state and recording. rk4 O(h⁴), euler O(h). ms, mV.

import { type Coeffs, STEPPER_EULER, STEPPER_RK4, THIRD, step } from './rhs';
import { locateCrossing } from './spike';
import { planSpan } from './grid';
import type { Recorder } from './recorder';

/** |v| or |u| beyond this counts as divergence. */
export const DIVERGENCE_LIMIT = 1e6;
/** The cancellation check is polled every this many steps. */
export const CANCEL_POLL_STEPS = 4096;
/** Most spikes handled inside one step before the run is declared diverged (a reset that re-fires at once). */
export const MAX_SPIKES_PER_STEP = 1000;

export const RUN_OK = 0;
export const RUN_DIVERGED = 1;
export const RUN_CANCELLED = 2;

/** Mutable state of a run shared by the span integrator, the recorder and the driver. */
export class RunState {
  v: number;
  u: number;
  readonly dt: number;
  readonly stepper: number;
  readonly exact: boolean;
  readonly f32: boolean;
  /** Spikes and samples are kept (false during the transient). */
  recording = false;
  readonly rec: Recorder | null;
  spikes: Float64Array = new Float64Array(256);
  nSpikes = 0;
  steps = 0;
  status = RUN_OK;
  /** Where the run stopped when it diverged. */
  divT = 0;
  /** Time reached when the run was cancelled. */
  stopT = Infinity;
  divVar: 'v' | 'u' = 'v';
  /** Why it diverged: a non-finite value, a value beyond ±DIVERGENCE_LIMIT, or runaway firing within one step. */
  divReason: 'non-finite' | 'bounds' | 'runaway' = 'bounds';
  readonly shouldCancel: (() => boolean) | null;
  /** Float32 scratch used to round the state to single precision. */
  readonly f32s = new Float32Array(2);
  readonly tmp = new Float64Array(2);
  readonly tmp2 = new Float64Array(2);

  constructor(o: {
    v: number; u: number; dt: number; stepper: number; exact: boolean; f32: boolean;
    rec: Recorder | null; shouldCancel: (() => boolean) | null;
  }) {
    this.dt = o.dt; this.stepper = o.stepper; this.exact = o.exact; this.f32 = o.f32;
    this.rec = o.rec; this.shouldCancel = o.shouldCancel;
    const s = this.f32s;
    if (o.f32) { s[0] = o.v; s[1] = o.u; this.v = s[0]; this.u = s[1]; } else { this.v = o.v; this.u = o.u; }
  }

  pushSpike(t: number): void {
    if (!this.recording) return;
    if (this.nSpikes === this.spikes.length) {
      const grown = new Float64Array(this.spikes.length * 2);
      grown.set(this.spikes);
      this.spikes = grown;
    }
    this.spikes[this.nSpikes++] = t;
  }

  sample(t: number, v: number, u: number): void {
    if (this.recording && this.rec) this.rec.push(t, v, u);
  }

  /** Rounds the current state to float32 when the run is in single precision. */
  round(): void {
    if (!this.f32) return;
    const s = this.f32s;
    s[0] = this.v; s[1] = this.u; this.v = s[0]; this.u = s[1];
  }

  diverge(t: number, runaway = false): void {
    this.status = RUN_DIVERGED;
    this.divT = t;
    const vBad = !(Math.abs(this.v) <= DIVERGENCE_LIMIT);
    this.divVar = runaway || vBad ? 'v' : 'u';
    const x = this.divVar === 'v' ? this.v : this.u;
    this.divReason = runaway ? 'runaway' : Number.isFinite(x) ? 'bounds' : 'non-finite';
  }
}

function outOfBounds(v: number, u: number): boolean {
  return !(v > -DIVERGENCE_LIMIT && v < DIVERGENCE_LIMIT && u > -DIVERGENCE_LIMIT && u < DIVERGENCE_LIMIT);
}

/**
 * Exact-mode advance over [ta, tb] without recording the end sample: steps, locates every crossing,
 * resets there and integrates the remainder. Returns false if the run diverged.
 */
function advanceExact(r: RunState, c: Coeffs, ta: number, tb: number): boolean {
  const out = r.tmp, loc = r.tmp2;
  for (let k = 0; ; k++) {
    const h = tb - ta;
    if (!(h > 0)) return true;
    const v0 = r.v, u0 = r.u;
    step(r.stepper, c, v0, u0, ta, h, out);
    const v1 = out[0], u1 = out[1];
    if (v1 < c.vth) {
      if (outOfBounds(v1, u1)) { r.v = v1; r.u = u1; r.diverge(tb); return false; }
      r.v = v1; r.u = u1;
      return true;
    }
    if (k >= MAX_SPIKES_PER_STEP) { r.diverge(ta, true); return false; }
    if (v0 >= c.vth) {
      // Already at or above the cut-off at the start (initial state or a lowered v_th): spike now.
      r.pushSpike(ta); r.sample(ta, c.vth, u0);
      r.v = c.c; r.u = u0 + c.d;
      r.round();
      continue;
    }
    const theta = locateCrossing(r.stepper, c, v0, u0, ta, h, v1, u1, loc);
    if (theta < 0 || !Number.isFinite(loc[1]) || Math.abs(loc[1]) > DIVERGENCE_LIMIT) {
      r.v = v1; r.u = u1; r.diverge(tb); return false;
    }
    const ts = theta >= 1 ? tb : ta + theta * h;
    r.pushSpike(ts);
    r.sample(ts, c.vth, loc[1]);
    r.v = c.c; r.u = loc[1] + c.d;
    r.round();
    ta = ts;
  }
}

/**
 * One step (or a shortened piece) from ta to tb through the general path: spikes, divergence,
 * rounding and the end sample. The hot loop below falls back to it whenever its fast path does not apply.
 */
export function advance(r: RunState, c: Coeffs, ta: number, tb: number): boolean {
  if (r.exact) {
    if (!advanceExact(r, c, ta, tb)) return false;
    r.round();
    r.sample(tb, r.v, r.u);
    return true;
  }
  const out = r.tmp;
  step(r.stepper, c, r.v, r.u, ta, tb - ta, out);
  const v1 = out[0], u1 = out[1];
  if (outOfBounds(v1, u1)) { r.v = v1; r.u = u1; r.diverge(tb); return false; }
  if (v1 >= c.vth) {
    r.pushSpike(tb);
    r.sample(tb, c.vth, u1);
    r.v = c.c; r.u = u1 + c.d;
    r.round();
    return true;
  }
  r.v = v1; r.u = u1;
  r.round();
  r.sample(tb, r.v, r.u);
  return true;
}

/**
 * Integrates the span [tStart, tEnd] on the grid origin + n·dt with coefficients c. Returns the run status
 * (RUN_OK to continue). Counts one step per grid step or shortened piece.
 */
export function integrateSpan(r: RunState, c: Coeffs, tStart: number, tEnd: number, origin: number): number {
  const plan = planSpan(tStart, tEnd, origin, r.dt);
  if (plan.single) {
    r.steps++;
    return advance(r, c, tStart, tEnd) ? RUN_OK : RUN_DIVERGED;
  }
  if (plan.headPiece) {
    r.steps++;
    if (!advance(r, c, tStart, origin + plan.first * r.dt)) return RUN_DIVERGED;
  }
  const st = gridSteps(r, c, origin, plan.first, plan.last);
  if (st !== RUN_OK) return st;
  if (plan.tailPiece) {
    r.steps++;
    if (!advance(r, c, origin + plan.last * r.dt, tEnd)) return RUN_DIVERGED;
  }
  return RUN_OK;
}

/**
 * The hot loops: grid steps n = first .. last − 1. Locals and typed arrays only; no allocation and no calls in
 * the inner loop. A step whose result reaches v_th, leaves the bounds or is non-finite ends the inner loop; it is
 * redone by `advance` (spike handling, divergence) and the loop resumes. Cancellation is polled between chunks.
 */
function gridSteps(r: RunState, c: Coeffs, origin: number, first: number, last: number): number {
  let n = first;
  // Poll deadline: independent of where spikes interrupt the fast loop (a cell firing every few hundred steps
  // must still be cancellable).
  let nextPoll = first + CANCEL_POLL_STEPS;
  while (n < last) {
    const chunkEnd = Math.min(last, nextPoll);
    const stop = r.stepper === STEPPER_RK4 ? rk4Run(r, c, origin, n, chunkEnd) : eulerRun(r, c, origin, n, chunkEnd);
    r.steps += stop - n;
    n = stop;
    if (n < chunkEnd) {
      // Step n needs the general path.
      r.steps++;
      if (!advance(r, c, origin + n * r.dt, origin + (n + 1) * r.dt)) return RUN_DIVERGED;
      n++;
    }
    if (n >= nextPoll && n < last) {
      nextPoll = n + CANCEL_POLL_STEPS;
      if (r.shouldCancel && r.shouldCancel()) { r.stopT = origin + n * r.dt; return RUN_CANCELLED; }
    }
  }
  return RUN_OK;
}

/**
 * rk4 fast path over steps n = from .. to − 1: returns the first step it did not take (to when all were taken).
 * Same expressions as step() in rhs.ts, with the per-segment constants hoisted.
 */
function rk4Run(r: RunState, c: Coeffs, origin: number, from: number, to: number): number {
  const dt = r.dt, hh = 0.5 * dt, h6 = dt / 6;
  const k2 = c.k2, k1 = c.k1, vth = c.vth;
  const ab = c.a * c.b, auc = c.a * c.ucoef, abvr = ab * c.vref;
  const sl = c.slope, slh = sl * hh, sld = sl * dt;
  // k0 + I(t_n) = K0 + n·sl·dt (exactly k0 + I without a ramp).
  const K0 = c.k0 + c.I + sl * (origin - c.tSeg);
  const hk2 = hh * k2, hk1 = hh * k1, dk2 = dt * k2, dk1 = dt * k1, sk2 = h6 * k2, sk1 = h6 * k1;
  const hab = hh * ab, dab = dt * ab, sab = h6 * ab, hauc = hh * auc, dauc = dt * auc, sauc = h6 * auc;
  const hvr = hh * abvr, dvr = dt * abvr, third = THIRD;
  const f32 = r.f32;
  const LIM = DIVERGENCE_LIMIT;
  const rec = r.recording ? r.rec : null;
  if (rec) rec.reserve(to - from);
  const tb = rec ? rec.t : r.f32s, vb = rec ? rec.v : r.f32s, ub = rec ? rec.u : r.f32s;
  let k = rec ? rec.length : 0;
  let v = r.v, u = r.u;
  let n = from;
  for (; n < to; n++) {
    const Ka = K0 + sld * n, Km = Ka + slh, Kb = Ka + sld;
    const A0 = v * (hk2 * v + hk1);
    const vs1 = ((v + hh * Ka) - hh * u) + A0, us1 = ((u - hvr) - hauc * u) + hab * v;
    const A1 = vs1 * (hk2 * vs1 + hk1);
    const vs2 = ((v + hh * Km) - hh * us1) + A1, us2 = ((u - hvr) - hauc * us1) + hab * vs1;
    const A2 = vs2 * (dk2 * vs2 + dk1);
    const vs3 = ((v + dt * Km) - dt * us2) + A2, us3 = ((u - dvr) - dauc * us2) + dab * vs2;
    const su = u + 2 * (us1 + us2), sv = v + 2 * (vs1 + vs2);
    let v1 = (((v + h6 * ((Ka + Kb) + 4 * Km)) + (A0 + 2 * A1 + A2) * third - h6 * su) - h6 * us3) + vs3 * (sk2 * vs3 + sk1);
    let u1 = (((u - dvr) + (sab * sv - sauc * su)) - sauc * us3) + sab * vs3;
    if (!(v1 < vth && v1 > -LIM && u1 < LIM && u1 > -LIM)) break;
    if (f32) { v1 = Math.fround(v1); u1 = Math.fround(u1); }
    v = v1; u = u1;
    if (rec) { tb[k] = origin + (n + 1) * dt; vb[k] = v; ub[k] = u; k++; }
  }
  r.v = v; r.u = u;
  if (rec) rec.length = k;
  return n;
}

/** Forward-Euler fast path (same contract as rk4Run; same expressions as step() in rhs.ts). */
function eulerRun(r: RunState, c: Coeffs, origin: number, from: number, to: number): number {
  const dt = r.dt, vth = c.vth;
  const ab = c.a * c.b, auc = c.a * c.ucoef, abvr = ab * c.vref;
  const sld = c.slope * dt;
  const K0 = c.k0 + c.I + c.slope * (origin - c.tSeg);
  const dk2 = dt * c.k2, dk1 = dt * c.k1, dab = dt * ab, dauc = dt * auc;
  const f32 = r.f32;
  const LIM = DIVERGENCE_LIMIT;
  const rec = r.recording ? r.rec : null;
  if (rec) rec.reserve(to - from);
  const tb = rec ? rec.t : r.f32s, vb = rec ? rec.v : r.f32s, ub = rec ? rec.u : r.f32s;
  let k = rec ? rec.length : 0;
  let v = r.v, u = r.u;
  let n = from;
  for (; n < to; n++) {
    const Ka = K0 + sld * n;
    let v1 = ((v + dt * Ka) - dt * u) + v * (dk2 * v + dk1);
    let u1 = ((u - dt * abvr) - dauc * u) + dab * v;
    if (!(v1 < vth && v1 > -LIM && u1 < LIM && u1 > -LIM)) break;
    if (f32) { v1 = Math.fround(v1); u1 = Math.fround(u1); }
    v = v1; u = u1;
    if (rec) { tb[k] = origin + (n + 1) * dt; vb[k] = v; ub[k] = u; k++; }
  }
  r.v = v; r.u = u;
  if (rec) rec.length = k;
  return n;
}

export { STEPPER_EULER, STEPPER_RK4 };
