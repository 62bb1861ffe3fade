// inferno's generalised Izhikevich neuron (inferno.neural.Izhikevich) as a 2007-form parameter set. inferno writes
//   τ_m·V' = a(V − V_rest)(V − V_crit) + R·(I_x − Σ_k w_k),  τ_k·w_k' = b_k(V − V_rest) − w_k,
//   V ≥ thresh ⇒ V ← V_reset, w_k ← w_k + d_k   (ms, mV, MΩ, nA, μS; a in 1/mV),
// which with ONE adaptation current is exactly the 2007 form C·v' = k(v − vr)(v − vt) − u + I, u' = a(b(v − vr) − u)
// with C = 1000·τ_m/R pF, k = 1000·a/R nS/mV, vr = V_rest, vt = V_crit, vpeak = thresh, c = V_reset, a = 1/τ_k,
// b = 1000·b_k nS, d = 1000·d_k pA, I = 1000·I_x pA and u = 1000·w pA (divide the V equation by R, scale nA to pA).
// Two or three currents with different τ_k do not reduce to one u: they are refused here.

import type { Params2007 } from './izh2007';
import { DEFAULTS_2007 } from './izh2007';

/** inferno's constructor arguments (units as inferno documents them). */
export interface InfernoParams {
  rest_v: number;
  crit_v: number;
  /** a, 1/mV (inferno calls it unitless). */
  affinity: number;
  reset_v: number;
  thresh_v: number;
  /** ms; becomes the session's refractory option (see the note on semantics in fromInferno). */
  refrac_t: number;
  /** τ_m, ms. */
  tc_membrane: number;
  /** τ_k, ms: one value, or a list of one. */
  tc_adaptation: number | readonly number[];
  /** b_k, μS. */
  voltage_coupling: number | readonly number[];
  /** d_k, nA. */
  spike_increment: number | readonly number[];
  /** R, MΩ (inferno's default 1). */
  resistance?: number;
}

export interface FromInferno {
  params: Params2007;
  /** options.refractory of the session, ms (0 = none). */
  refractory: number;
  /**
   * Where the two differ beyond the mapping: inferno holds only V during its refractory period (refrac_lock), this
   * project (BrainPy's rule) holds u as well; they coincide when refrac_t = 0.
   */
  notes: string[];
}

function one(x: number | readonly number[], name: string): number {
  if (typeof x === 'number') return x;
  if (x.length !== 1) throw new RangeError(`${name}: ${x.length} adaptation currents do not reduce to the one u of the 2007 form; only one maps exactly`);
  return x[0];
}

/** The 2007-form parameters equal to an inferno neuron with one adaptation current (I in pA = 1000 × inferno's nA). */
export function fromInferno(p: InfernoParams, I_nA = 0): FromInferno {
  const R = p.resistance ?? 1;
  const tau = one(p.tc_adaptation, 'tc_adaptation');
  if (!(p.tc_membrane > 0) || !(R > 0) || !(tau > 0)) throw new RangeError('tc_membrane, resistance and tc_adaptation must be positive');
  const params: Params2007 = {
    ...DEFAULTS_2007,
    C: (1000 * p.tc_membrane) / R, k: (1000 * p.affinity) / R, vr: p.rest_v, vt: p.crit_v, vpeak: p.thresh_v, c: p.reset_v,
    a: 1 / tau, b: 1000 * one(p.voltage_coupling, 'voltage_coupling'), d: 1000 * one(p.spike_increment, 'spike_increment'),
    I: 1000 * I_nA,
  };
  const notes = p.refrac_t > 0
    ? ['inferno holds only V during its refractory period; here u is held as well (BrainPy\u2019s rule), so runs with refrac_t > 0 differ in u while refractory.']
    : [];
  return { params, refractory: p.refrac_t, notes };
}
