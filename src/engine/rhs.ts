// Right-hand side of the generalised Izhikevich model and single steps of the steppers (rare paths, tests).
// dv/dt = k2·v² + k1·v + k0 − u + I(t), du/dt = a·(b(v)·(v − vref) + ucub·max(0, v − vb)³ − ucoef·u), I(t) = I + slope·(t − tSeg),
// with b(v) = b, or bHi above vsw (the 2007 TC/RTN rule; the cubic term is the 2007 FS cell's U(v)). Global orders:
// rk4 O(h⁴); euler, exp_euler, euler_halfstep O(h). t in ms, v in mV, u and I in mV/ms.

import type { Params } from '../model/params';
import { NO_RULES, type ModelRules } from '../model/models';

/**
 * Options and special rules of a run beyond the generalised coefficients (all "off" by default). The rules are
 * those of the 2007 form's cells (Izhikevich 2007 ch. 8, ModelDB 39948), expressed in the generalised units
 * (ModelRules: b → bHi above vsw; cubic drive ucub·(v − vb)³ above vb; spike at v ≥ vth + thU·u; reset
 * v ← c + cU·u, u ← min(u + d, uMax)).
 */
export interface CoeffExtras extends ModelRules {
  /** Lower clamp of v after every step (NEST's V_min), mV; −Infinity = none. */
  vmin: number;
  /** Absolute refractory period after a spike (BrainPy's IzhikevichRef: v held at the reset, u held), ms; 0 = none. */
  tref: number;
}

export const NO_EXTRAS: CoeffExtras = { ...NO_RULES, vmin: -Infinity, tref: 0 };

/** Flat coefficients of one segment (numbers only, so the hot loop can copy them into locals). */
export interface Coeffs extends CoeffExtras {
  k2: number; k1: number; k0: number; vref: number; ucoef: number;
  a: number; b: number; c: number; d: number; vth: number;
  /** Current at the segment's start, mV/ms. */
  I: number;
  /** dI/dt within the segment, (mV/ms)/ms. */
  slope: number;
  /** Time at which I(t) = I (the segment's start), ms. */
  tSeg: number;
  /** Any of the special rules is on (b switch, cubic u drive, u-dependent peak/reset, cap of u): the general path only. */
  rules: boolean;
}

/** Whether the extras hold a special rule that changes the right-hand side, the threshold or the reset. */
export function hasRules(x: CoeffExtras): boolean {
  return x.vsw !== Infinity || x.ucub !== 0 || x.thU !== 0 || x.cU !== 0 || x.uMax !== Infinity;
}

export function coeffsOf(p: Params, slope: number, tSeg: number, extras: CoeffExtras = NO_EXTRAS): Coeffs {
  return {
    k2: p.k2, k1: p.k1, k0: p.k0, vref: p.vref, ucoef: p.ucoef,
    a: p.a, b: p.b, c: p.c, d: p.d, vth: p.v_th, I: p.I, slope, tSeg,
    ...extras, rules: hasRules(extras),
  };
}

export const STEPPER_RK4 = 0;
export const STEPPER_EULER = 1;
/** Jaxley's: u by exponential Euler (exact for frozen v), then v by forward Euler with the new u. O(h). */
export const STEPPER_EXP_EULER = 2;
/** The published network scheme (NEST consistent_integration = false): two half-steps of v, then u with the new v. O(h). */
export const STEPPER_EULER_HALFSTEP = 3;

/** dv/dt at (v, u, t). */
export function dvdt(c: Coeffs, v: number, u: number, t: number): number {
  return c.k2 * v * v + c.k1 * v + c.k0 - u + (c.I + c.slope * (t - c.tSeg));
}

/** du/dt at (v, u), special rules included. */
export function dudt(c: Coeffs, v: number, u: number): number {
  if (!c.rules) return c.a * (c.b * (v - c.vref) - c.ucoef * u);
  const b = v > c.vsw ? c.bHi : c.b;
  const x = v - c.vb;
  return c.a * (b * (v - c.vref) + (x > 0 ? c.ucub * x * x * x : 0) - c.ucoef * u);
}

/** The spike cut-off at recovery u (v_th, or v_th + thU·u under the 2007 LTS/TC rule). */
export function threshold(c: Coeffs, u: number): number {
  return c.thU === 0 ? c.vth : c.vth + c.thU * u;
}

/**
 * Weight of du/dt in the exponential-Euler update of u over h: (1 − e^{−λh})/λ with λ = a·ucoef (the rate of u's
 * relaxation at frozen v), h itself when λ = 0. u + φ·f_u(v, u) is the exact solution of du/dt = f_u at frozen v.
 */
export function expEulerWeight(c: Coeffs, h: number): number {
  const lam = c.a * c.ucoef;
  return lam === 0 ? h : -Math.expm1(-lam * h) / lam;
}

/**
 * One step of length h from (v, u) at time t; writes [v, u] into out. The ramp is evaluated at each stage's time.
 *
 * rk4 is the classic scheme written in a reduced, reassociated form (same mathematics, ~40% fewer operations and a
 * shorter chain of dependent operations; 1.5–2× faster in V8 than the textbook form). With P(v) = k2·v² + k1·v,
 * K(t) = k0 + I(t), f_v = P(v) + K − u, f_u = ab·v − auc·u − ab·vref (ab = a·b, auc = a·ucoef), Ka, Km, Kb = K at
 * t, t + h/2, t + h, and A0 = (h/2)·P(v), A1 = (h/2)·P(vs1), A2 = h·P(vs2):
 *   vs1 = v + (h/2)(Ka − u) + A0          us1 = u + (h/2)·f_u(v, u)
 *   vs2 = v + (h/2)(Km − us1) + A1        us2 = u + (h/2)·f_u(vs1, us1)
 *   vs3 = v + h(Km − us2) + A2            us3 = u + h·f_u(vs2, us2)
 *   v' = v + (h/6)(Ka + 4Km + Kb) + (A0 + 2A1 + A2)/3 − (h/6)(u + 2us1 + 2us2 + us3) + (h/6)·P(vs3)
 *   u' = u − h·ab·vref + (h/6)·ab·(v + 2vs1 + 2vs2 + vs3) − (h/6)·auc·(u + 2us1 + 2us2 + us3)
 * which is v + (h/6)(f1 + 2f2 + 2f3 + f4) term by term. Rounding differs from the textbook form at the 1e-16
 * relative level. The fast loops in integrate.ts use exactly these expressions (a test checks bit-for-bit agreement).
 */
export function step(stepper: number, c: Coeffs, v: number, u: number, t: number, h: number, out: Float64Array): void {
  if (c.rules || stepper === STEPPER_EXP_EULER || stepper === STEPPER_EULER_HALFSTEP) { stepGeneral(stepper, c, v, u, t, h, out); return; }
  const k2 = c.k2, k1 = c.k1;
  const ab = c.a * c.b, auc = c.a * c.ucoef, abvr = ab * c.vref;
  const Ka = c.k0 + c.I + c.slope * (t - c.tSeg);
  if (stepper === STEPPER_EULER) {
    out[0] = ((v + h * Ka) - h * u) + v * ((h * k2) * v + h * k1);
    out[1] = ((u - h * abvr) - (h * auc) * u) + (h * ab) * v;
    return;
  }
  const hh = 0.5 * h, h6 = h / 6;
  const Km = Ka + c.slope * hh, Kb = Ka + c.slope * h;
  const hk2 = hh * k2, hk1 = hh * k1, dk2 = h * k2, dk1 = h * k1, sk2 = h6 * k2, sk1 = h6 * k1;
  const hab = hh * ab, dab = h * ab, sab = h6 * ab, hauc = hh * auc, dauc = h * auc, sauc = h6 * auc;
  const hvr = hh * abvr, dvr = h * abvr;
  const A0 = v * (hk2 * v + hk1);
  const vs1 = ((v + hh * Ka) - hh * u) + A0, us1 = ((u - hvr) - hauc * u) + hab * v;
  const A1 = vs1 * (hk2 * vs1 + hk1);
  const vs2 = ((v + hh * Km) - hh * us1) + A1, us2 = ((u - hvr) - hauc * us1) + hab * vs1;
  const A2 = vs2 * (dk2 * vs2 + dk1);
  const vs3 = ((v + h * Km) - h * us2) + A2, us3 = ((u - dvr) - dauc * us2) + dab * vs2;
  const su = u + 2 * (us1 + us2), sv = v + 2 * (vs1 + vs2);
  out[0] = (((v + h6 * ((Ka + Kb) + 4 * Km)) + (A0 + 2 * A1 + A2) * THIRD - h6 * su) - h6 * us3) + vs3 * (sk2 * vs3 + sk1);
  out[1] = (((u - dvr) + (sab * sv - sauc * su)) - sauc * us3) + sab * vs3;
}

export const THIRD = 1 / 3;

/**
 * The steppers written plainly on dvdt/dudt (special rules included): rk4 in the textbook form, and the first-order
 * schemes. exp_euler: u' = u + φ(h)·f_u(v, u), then v' = v + h·(P(v) + K(t) − u'). euler_halfstep: w = v + (h/2)·f_v(v,
 * u, t), v' = w + (h/2)·f_v(w, u, t) (the same input for both halves, as NEST and the network script), u' = u + h·f_u(v', u).
 * The fast loops in integrate.ts compute exp_euler and euler_halfstep with these very expressions.
 */
export function stepGeneral(stepper: number, c: Coeffs, v: number, u: number, t: number, h: number, out: Float64Array): void {
  if (stepper === STEPPER_EXP_EULER) {
    const u1 = u + expEulerWeight(c, h) * dudt(c, v, u);
    out[0] = v + h * dvdt(c, v, u1, t);
    out[1] = u1;
    return;
  }
  if (stepper === STEPPER_EULER_HALFSTEP) {
    const hh = 0.5 * h;
    const w = v + hh * dvdt(c, v, u, t);
    const v1 = w + hh * dvdt(c, w, u, t);
    out[0] = v1;
    out[1] = u + h * dudt(c, v1, u);
    return;
  }
  if (stepper === STEPPER_EULER) {
    out[0] = v + h * dvdt(c, v, u, t);
    out[1] = u + h * dudt(c, v, u);
    return;
  }
  const hh = 0.5 * h;
  const p1 = dvdt(c, v, u, t), q1 = dudt(c, v, u);
  const p2 = dvdt(c, v + hh * p1, u + hh * q1, t + hh), q2 = dudt(c, v + hh * p1, u + hh * q1);
  const p3 = dvdt(c, v + hh * p2, u + hh * q2, t + hh), q3 = dudt(c, v + hh * p2, u + hh * q2);
  const p4 = dvdt(c, v + h * p3, u + h * q3, t + h), q4 = dudt(c, v + h * p3, u + h * q3);
  out[0] = v + (h / 6) * (p1 + 2 * p2 + 2 * p3 + p4);
  out[1] = u + (h / 6) * (q1 + 2 * q2 + 2 * q3 + q4);
}
