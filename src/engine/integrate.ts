// Fixed-step integration of one span (a segment or the transient) with rk4, forward Euler, exp_euler or
// euler_halfstep, spike handling ('step': test after each step, stamp and reset at its end; 'exact': crossing located
// inside the step, reset there, rest of the step integrated), the options (refractory hold after a spike, lower
// clamp of v after every step), float32 rounding of the state and recording. rk4 O(h⁴), the others O(h). ms, mV.

import {
  type Coeffs, STEPPER_EULER, STEPPER_EULER_HALFSTEP, STEPPER_EXP_EULER, STEPPER_RK4, THIRD, expEulerWeight, step, threshold,
} from './rhs';
import { locateCrossing } from './spike';
import { planSpan } from './grid';
import { BYTES_PER_SPIKE, INITIAL_SPIKES, type MemoryBudget, type Recorder } from './recorder';

/** |v| or |u| beyond this counts as divergence. */
export const DIVERGENCE_LIMIT = 1e6;
/** The cancellation check is polled every this many steps. */
export const CANCEL_POLL_STEPS = 4096;
/** Most spikes handled inside one step before the run is declared diverged (a reset that re-fires at once). */
export const MAX_SPIKES_PER_STEP = 1000;

// Layout of the packed coefficients read by the fast loops.
const CF_DT = 0, CF_K2 = 1, CF_K1 = 2, CF_K0I = 3, CF_AB = 4, CF_AUC = 5, CF_ABVR = 6, CF_SL = 7, CF_TSEG = 8, CF_VTH = 9;
const CF_C = 10, CF_D = 11, CF_VMIN = 12, CF_PHI = 13;
const CF_K0 = 14, CF_A = 15, CF_B = 16, CF_VREF = 17, CF_UC = 18, CF_I = 19;
export const CF_SIZE = 20;

/**
 * Packs a segment's coefficients and dt for the fast loops. The products are formed exactly as in step() (rhs.ts),
 * so both paths compute bit-identical steps.
 */
export function packCoeffs(c: Coeffs, dt: number, out: Float64Array): Float64Array {
  out[CF_DT] = dt; out[CF_K2] = c.k2; out[CF_K1] = c.k1; out[CF_K0I] = c.k0 + c.I;
  out[CF_AB] = c.a * c.b; out[CF_AUC] = c.a * c.ucoef; out[CF_ABVR] = c.a * c.b * c.vref;
  out[CF_SL] = c.slope; out[CF_TSEG] = c.tSeg; out[CF_VTH] = c.vth; out[CF_C] = c.c; out[CF_D] = c.d;
  out[CF_VMIN] = c.vmin; out[CF_PHI] = expEulerWeight(c, dt);
  // exp_euler and euler_halfstep read the plain coefficients (their expressions are stepGeneral's, rhs.ts).
  out[CF_K0] = c.k0; out[CF_A] = c.a; out[CF_B] = c.b; out[CF_VREF] = c.vref; out[CF_UC] = c.ucoef; out[CF_I] = c.I;
  return out;
}

export const RUN_OK = 0;
export const RUN_DIVERGED = 1;
export const RUN_CANCELLED = 2;
/** The run's buffers would pass its memory budget (MemoryBudget): stopped where it was. */
export const RUN_OVER_BUDGET = 3;

/** Mutable state of a run shared by the span integrator, the recorder and the driver. */
export class RunState {
  /**
   * The state [v, u] (and the fast loops' working copy). The fast loops read and write only typed arrays and
   * primitive arguments: no object shape they depend on can change under their optimised code.
   */
  readonly st = new Float64Array(2);
  get v(): number { return this.st[0]; }
  set v(x: number) { this.st[0] = x; }
  get u(): number { return this.st[1]; }
  set u(x: number) { this.st[1] = x; }
  /** Packed coefficients of the span being integrated (see packCoeffs). */
  readonly cf = new Float64Array(CF_SIZE);
  readonly dt: number;
  readonly stepper: number;
  readonly exact: boolean;
  readonly f32: boolean;
  /** Spikes and samples are kept (false during the transient). */
  recording = false;
  readonly rec: Recorder | null;
  spikes: Float64Array = new Float64Array(INITIAL_SPIKES);
  nSpikes = 0;
  /**
   * End of the refractory hold after the last spike, ms (−Infinity: none). While held the state does not move:
   * v stays at the reset value and u at its post-spike value; no spike can occur.
   */
  refrUntil = -Infinity;
  steps = 0;
  status = RUN_OK;
  /** Where the run stopped when it diverged. */
  divT = NaN;
  /** Time reached when the run was cancelled. */
  stopT = Infinity;
  divVar: 'v' | 'u' = 'v';
  /** Why it diverged: a non-finite value, a value beyond ±DIVERGENCE_LIMIT, or runaway firing within one step. */
  divReason: 'non-finite' | 'bounds' | 'runaway' = 'bounds';
  readonly shouldCancel: (() => boolean) | null;
  readonly budget: MemoryBudget | null;
  /** Float32 scratch used to round the state to single precision. */
  readonly f32s = new Float32Array(2);
  readonly tmp = new Float64Array(2);
  readonly tmp2 = new Float64Array(2);

  constructor(o: {
    v: number; u: number; dt: number; stepper: number; exact: boolean; f32: boolean;
    rec: Recorder | null; shouldCancel: (() => boolean) | null;
    /** Charged for every growth of the spike buffer (and, through the recorder, of the trace); null: unlimited. */
    budget?: MemoryBudget | null;
  }) {
    this.budget = o.budget ?? null;
    this.budget?.request(this.spikes.length * BYTES_PER_SPIKE);
    this.dt = o.dt; this.stepper = o.stepper; this.exact = o.exact; this.f32 = o.f32;
    this.rec = o.rec; this.shouldCancel = o.shouldCancel;
    this.v = o.v; this.u = o.u;
    this.round();
  }

  pushSpike(t: number): void {
    if (!this.recording) return;
    if (this.nSpikes === this.spikes.length && !this.growSpikes(this.nSpikes + 1)) return;
    this.spikes[this.nSpikes++] = t;
  }

  /**
   * Makes the spike buffer hold at least n times (doubling, or what the budget still allows); false when the
   * budget refuses (the spike is then dropped, budget.exceeded is set and the next poll stops the run).
   */
  growSpikes(n: number): boolean {
    const have = this.spikes.length;
    if (n <= have) return true;
    let cap = Math.max(n, have * 2);
    const b = this.budget;
    if (b) {
      cap = Math.min(cap, Math.floor((b.limit - b.used) / BYTES_PER_SPIKE) + have);
      if (cap < n || !b.request((cap - have) * BYTES_PER_SPIKE)) { b.exceeded = true; return false; }
    }
    const grown = new Float64Array(cap);
    grown.set(this.spikes.subarray(0, this.nSpikes));
    this.spikes = grown;
    return true;
  }

  /**
   * Between chunks of steps: RUN_OVER_BUDGET once a buffer could not grow, RUN_CANCELLED when the caller asks
   * (stopT = t, the time reached), else RUN_OK.
   */
  poll(t: number): number {
    if (this.budget && this.budget.exceeded) { this.stopT = t; return RUN_OVER_BUDGET; }
    if (this.shouldCancel && this.shouldCancel()) { this.stopT = t; return RUN_CANCELLED; }
    return RUN_OK;
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

/**
 * Whether time t (a step's start) still lies in the refractory hold: t < refrUntil beyond rounding of the grid times
 * (a hold of k·dt after a spike on the grid holds exactly k steps).
 */
export function heldAt(r: RunState, t: number): boolean {
  return r.refrUntil - t > gridTol(r, t);
}

/** Rounding allowance of grid times near t (as gridPosition's, in ms). */
function gridTol(r: RunState, t: number): number {
  return 1e-9 * r.dt + 1e-12 * Math.abs(t);
}

/**
 * A spike at ts with recovery u there: records it (sample at the cut-off), resets (v ← c + cU·u, u ← min(u + d, uMax);
 * plainly v ← c, u ← u + d) and starts the refractory hold.
 */
export function fire(r: RunState, c: Coeffs, ts: number, u: number): void {
  r.pushSpike(ts);
  r.sample(ts, threshold(c, u), u);
  r.v = c.cU === 0 ? c.c : c.c + c.cU * u;
  const u1 = u + c.d;
  r.u = u1 > c.uMax ? c.uMax : u1;
  r.round();
  if (c.tref > 0) r.refrUntil = ts + c.tref;
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
    if (r.refrUntil > ta) {
      // Refractory: held to its end (the whole step when it ends there or later, within rounding of the grid
      // times); the rest of the step is integrated from there.
      if (!(r.refrUntil < tb - gridTol(r, tb))) return true;
      ta = r.refrUntil;
    }
    const h = tb - ta;
    if (!(h > 0)) return true;
    const v0 = r.v, u0 = r.u;
    step(r.stepper, c, v0, u0, ta, h, out);
    const v1 = out[0], u1 = out[1];
    if (v1 < threshold(c, u1)) {
      if (outOfBounds(v1, u1)) { r.v = v1; r.u = u1; r.diverge(tb); return false; }
      r.v = v1 < c.vmin ? c.vmin : v1; r.u = u1;
      return true;
    }
    if (k >= MAX_SPIKES_PER_STEP) { r.diverge(ta, true); return false; }
    if (v0 >= threshold(c, u0)) {
      // Already at or above the cut-off at the start (initial state or a lowered v_th): spike now.
      fire(r, c, ta, u0);
      continue;
    }
    const theta = locateCrossing(r.stepper, c, v0, u0, ta, h, v1, u1, loc);
    if (theta < 0 || !Number.isFinite(loc[1]) || Math.abs(loc[1]) > DIVERGENCE_LIMIT) {
      r.v = v1; r.u = u1; r.diverge(tb); return false;
    }
    const ts = theta >= 1 ? tb : ta + theta * h;
    fire(r, c, ts, loc[1]);
    ta = ts;
  }
}

/**
 * One step (or a shortened piece) from ta to tb through the general path: spikes, divergence, the options
 * (refractory hold, clamp), rounding and the end sample. The hot loop below falls back to it whenever its fast
 * path does not apply.
 */
export function advance(r: RunState, c: Coeffs, ta: number, tb: number): boolean {
  if (r.exact) {
    if (!advanceExact(r, c, ta, tb)) return false;
    r.round();
    r.sample(tb, r.v, r.u);
    return true;
  }
  if (r.refrUntil > ta && heldAt(r, ta)) {
    // Refractory ('step' mode): a step that starts inside the hold is held whole.
    r.sample(tb, r.v, r.u);
    return true;
  }
  const out = r.tmp;
  step(r.stepper, c, r.v, r.u, ta, tb - ta, out);
  const v1 = out[0], u1 = out[1];
  if (outOfBounds(v1, u1)) { r.v = v1; r.u = u1; r.diverge(tb); return false; }
  if (v1 >= threshold(c, u1)) {
    fire(r, c, tb, u1);
    return true;
  }
  r.v = v1 < c.vmin ? c.vmin : v1; r.u = u1;
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
  const cf = packCoeffs(c, r.dt, r.cf);
  const kind = c.rules ? -1 : r.stepper;
  let n = first;
  // Poll deadline: independent of where spikes interrupt the fast loop (a cell firing every few hundred steps
  // must still be cancellable).
  let nextPoll = first + CANCEL_POLL_STEPS;
  while (n < last) {
    const chunkEnd = Math.min(last, nextPoll);
    let stop = n;
    // The fast loops run neither under a special rule nor inside a refractory hold.
    if (kind >= 0 && !(r.refrUntil > origin + n * r.dt)) {
      const rec = r.recording ? r.rec : null;
      if (rec) {
        if (!rec.reserve(chunkEnd - n)) { r.stopT = origin + n * r.dt; return RUN_OVER_BUDGET; }
        stop = fastRun(kind, r.st, cf, r.f32, true, rec.t, rec.v, rec.u, rec.length, origin, n, chunkEnd);
        rec.length += stop - n;
      } else {
        const d = r.f32s;
        stop = fastRun(kind, r.st, cf, r.f32, false, d, d, d, 0, origin, n, chunkEnd);
      }
      r.steps += stop - n;
      n = stop;
    }
    if (n < chunkEnd) {
      // Step n needs the general path.
      r.steps++;
      if (!advance(r, c, origin + n * r.dt, origin + (n + 1) * r.dt)) return RUN_DIVERGED;
      n++;
    }
    if (n >= nextPoll && n < last) {
      nextPoll = n + CANCEL_POLL_STEPS;
      const st = r.poll(origin + n * r.dt);
      if (st !== RUN_OK) return st;
    }
  }
  return RUN_OK;
}

/** The fast loop of a stepper (same contract as rk4Run). */
function fastRun(
  kind: number, st: Float64Array, cf: Float64Array, f32: boolean, rec: boolean, tb: Float32Array, vb: Float32Array, ub: Float32Array,
  k: number, origin: number, from: number, to: number,
): number {
  switch (kind) {
    case STEPPER_RK4: return rk4Run(st, cf, f32, rec, tb, vb, ub, k, origin, from, to);
    case STEPPER_EULER: return eulerRun(st, cf, f32, rec, tb, vb, ub, k, origin, from, to);
    case STEPPER_EXP_EULER: return expEulerRun(st, cf, f32, rec, tb, vb, ub, k, origin, from, to);
    default: return halfstepRun(st, cf, f32, rec, tb, vb, ub, k, origin, from, to);
  }
}

/**
 * rk4 fast path over steps n = from .. to − 1 from the state st = [v, u] with packed coefficients cf; records one
 * sample per step into tb, vb, ub from index k when `rec`. Returns the first step it did not take (`to` when all
 * were taken): that step ends at or above v_th, out of bounds or non-finite, and is left to `advance`.
 * Same expressions as step() in rhs.ts, with the per-segment constants hoisted.
 */
function rk4Run(
  st: Float64Array, cf: Float64Array, f32: boolean, rec: boolean, tb: Float32Array, vb: Float32Array, ub: Float32Array,
  k: number, origin: number, from: number, to: number,
): number {
  const dt = cf[CF_DT], hh = 0.5 * dt, h6 = dt / 6;
  const k2 = cf[CF_K2], k1 = cf[CF_K1], vth = cf[CF_VTH];
  const ab = cf[CF_AB], auc = cf[CF_AUC], abvr = cf[CF_ABVR];
  const sl = cf[CF_SL], slh = sl * hh, sld = sl * dt;
  // k0 + I(t_n) = K0 + n·sl·dt (exactly k0 + I without a ramp).
  const K0 = cf[CF_K0I] + sl * (origin - cf[CF_TSEG]);
  const hk2 = hh * k2, hk1 = hh * k1, dk2 = dt * k2, dk1 = dt * k1, sk2 = h6 * k2, sk1 = h6 * k1;
  const hab = hh * ab, dab = dt * ab, sab = h6 * ab, hauc = hh * auc, dauc = dt * auc, sauc = h6 * auc;
  const hvr = hh * abvr, dvr = dt * abvr, third = THIRD;
  const LIM = DIVERGENCE_LIMIT, vmin = cf[CF_VMIN];
  let v = st[0], u = st[1];
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
    if (v1 < vmin) v1 = vmin;
    if (f32) { v1 = Math.fround(v1); u1 = Math.fround(u1); }
    v = v1; u = u1;
    if (rec) { tb[k] = origin + (n + 1) * dt; vb[k] = v; ub[k] = u; k++; }
  }
  st[0] = v; st[1] = u;
  return n;
}

/** Forward-Euler fast path (same contract as rk4Run; same expressions as step() in rhs.ts). */
function eulerRun(
  st: Float64Array, cf: Float64Array, f32: boolean, rec: boolean, tb: Float32Array, vb: Float32Array, ub: Float32Array,
  k: number, origin: number, from: number, to: number,
): number {
  const dt = cf[CF_DT], vth = cf[CF_VTH];
  const ab = cf[CF_AB], auc = cf[CF_AUC], abvr = cf[CF_ABVR];
  const sl = cf[CF_SL], sld = sl * dt;
  const K0 = cf[CF_K0I] + sl * (origin - cf[CF_TSEG]);
  const dk2 = dt * cf[CF_K2], dk1 = dt * cf[CF_K1], dab = dt * ab, dauc = dt * auc, dvr = dt * abvr;
  const LIM = DIVERGENCE_LIMIT, vmin = cf[CF_VMIN];
  let v = st[0], u = st[1];
  let n = from;
  for (; n < to; n++) {
    const Ka = K0 + sld * n;
    let v1 = ((v + dt * Ka) - dt * u) + v * (dk2 * v + dk1);
    let u1 = ((u - dvr) - dauc * u) + dab * v;
    if (!(v1 < vth && v1 > -LIM && u1 < LIM && u1 > -LIM)) break;
    if (v1 < vmin) v1 = vmin;
    if (f32) { v1 = Math.fround(v1); u1 = Math.fround(u1); }
    v = v1; u = u1;
    if (rec) { tb[k] = origin + (n + 1) * dt; vb[k] = v; ub[k] = u; k++; }
  }
  st[0] = v; st[1] = u;
  return n;
}

/**
 * exp_euler fast path (same contract as rk4Run): u1 = u + φ·a(b(v − vref) − ucoef·u), v1 = v + dt·(k2·v² + k1·v + k0 −
 * u1 + I(t_n)), with φ = (1 − e^{−a·ucoef·dt})/(a·ucoef); the expressions of stepGeneral (rhs.ts), term for term.
 */
function expEulerRun(
  st: Float64Array, cf: Float64Array, f32: boolean, rec: boolean, tb: Float32Array, vb: Float32Array, ub: Float32Array,
  k: number, origin: number, from: number, to: number,
): number {
  const dt = cf[CF_DT], vth = cf[CF_VTH], phi = cf[CF_PHI];
  const k2 = cf[CF_K2], k1 = cf[CF_K1], k0 = cf[CF_K0], a = cf[CF_A], b = cf[CF_B], vr = cf[CF_VREF], uc = cf[CF_UC];
  const I0 = cf[CF_I], sl = cf[CF_SL], tSeg = cf[CF_TSEG];
  const LIM = DIVERGENCE_LIMIT, vmin = cf[CF_VMIN];
  let v = st[0], u = st[1];
  let n = from;
  for (; n < to; n++) {
    const t = origin + n * dt;
    let u1 = u + phi * (a * (b * (v - vr) - uc * u));
    let v1 = v + dt * (k2 * v * v + k1 * v + k0 - u1 + (I0 + sl * (t - tSeg)));
    if (!(v1 < vth && v1 > -LIM && u1 < LIM && u1 > -LIM)) break;
    if (v1 < vmin) v1 = vmin;
    if (f32) { v1 = Math.fround(v1); u1 = Math.fround(u1); }
    v = v1; u = u1;
    if (rec) { tb[k] = origin + (n + 1) * dt; vb[k] = v; ub[k] = u; k++; }
  }
  st[0] = v; st[1] = u;
  return n;
}

/**
 * euler_halfstep fast path (same contract as rk4Run): w = v + (dt/2)·f_v(v, u, t_n), v1 = w + (dt/2)·f_v(w, u, t_n),
 * u1 = u + dt·a(b(v1 − vref) − ucoef·u); the expressions of stepGeneral (rhs.ts), term for term.
 */
function halfstepRun(
  st: Float64Array, cf: Float64Array, f32: boolean, rec: boolean, tb: Float32Array, vb: Float32Array, ub: Float32Array,
  k: number, origin: number, from: number, to: number,
): number {
  const dt = cf[CF_DT], hh = 0.5 * dt, vth = cf[CF_VTH];
  const k2 = cf[CF_K2], k1 = cf[CF_K1], k0 = cf[CF_K0], a = cf[CF_A], b = cf[CF_B], vr = cf[CF_VREF], uc = cf[CF_UC];
  const I0 = cf[CF_I], sl = cf[CF_SL], tSeg = cf[CF_TSEG];
  const LIM = DIVERGENCE_LIMIT, vmin = cf[CF_VMIN];
  let v = st[0], u = st[1];
  let n = from;
  for (; n < to; n++) {
    const t = origin + n * dt;
    const It = I0 + sl * (t - tSeg);
    const w = v + hh * (k2 * v * v + k1 * v + k0 - u + It);
    let v1 = w + hh * (k2 * w * w + k1 * w + k0 - u + It);
    let u1 = u + dt * (a * (b * (v1 - vr) - uc * u));
    if (!(v1 < vth && v1 > -LIM && u1 < LIM && u1 > -LIM)) break;
    if (v1 < vmin) v1 = vmin;
    if (f32) { v1 = Math.fround(v1); u1 = Math.fround(u1); }
    v = v1; u = u1;
    if (rec) { tb[k] = origin + (n + 1) * dt; vb[k] = v; ub[k] = u; k++; }
  }
  st[0] = v; st[1] = u;
  return n;
}

export { CF_C, CF_D, CF_DT, CF_K0I, CF_K1, CF_K2, CF_AB, CF_AUC, CF_ABVR, CF_SL, CF_TSEG, CF_VTH };

export { STEPPER_EULER, STEPPER_EULER_HALFSTEP, STEPPER_EXP_EULER, STEPPER_RK4 };
