// The initial state a run starts from, by the session's initial mode: explicit (v0, u0); 'b_v0': u0 on the
// u-nullcline at v0, b·(v0 − vref)/ucoef (b·v0 in the standard form; special rules included); 'rest': the stable
// equilibrium of the first segment's parameters (src/analysis/rest.ts on equilibria.ts's closed form), or a refusal
// saying why there is none.
// v in mV, u in mV/ms.

import type { Session } from '../model/session';
import type { Coeffs } from './rhs';
import { equilibriaWithRules, typeText } from '../analysis/rest';

export type InitialResult = { ok: true; v: number; u: number } | { ok: false; message: string };

function fmt(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** The run's initial state; `c0` are the coefficients of the first segment (its parameters, rules and options). */
export function resolveInitial(session: Pick<Session, 'initial'>, c0: Coeffs, currentText = `I = ${fmt(c0.I)}`): InitialResult {
  const { v, u, mode } = session.initial;
  if (mode === 'b_v0') {
    if (c0.ucoef === 0) {
      return { ok: false, message: 'Initial u = b·v0 needs ucoef ≠ 0: with ucoef = 0 du/dt does not depend on u, so u has no nullcline. Give u0 explicitly.' };
    }
    const b = v > c0.vsw ? c0.bHi : c0.b;
    const x = v - c0.vb;
    return { ok: true, v, u: (b * (v - c0.vref) + (x > 0 ? c0.ucub * x * x * x : 0)) / c0.ucoef };
  }
  if (mode === 'rest') {
    const eq = equilibriaWithRules(c0);
    const rest = eq.find((e) => e.stability === 'stable');
    if (rest) return { ok: true, v: rest.v, u: rest.u };
    const why = eq.length === 0
      ? `has no equilibrium at all (${currentText} is beyond the point where the resting state disappears; the neuron fires tonically)`
      : `has no stable equilibrium (${eq.map((e) => `${typeText(e.type)} at v = ${fmt(e.v)} mV`).join(', ')})`;
    return { ok: false, message: `Cannot start at the resting equilibrium: the first segment's model ${why}. Lower the first segment's current, or give v0 and u0 explicitly.` };
  }
  return { ok: true, v, u };
}
