// When the trace plot shows the injected current I(t) as a third panel: whenever the protocol is more than a rising
// staircase of constant steps (which the boundary labels already tell completely): a ramp, a negative current, or a
// current that steps down while the neuron stays the same (the end of a pulse, an inhibitory step or window).

// The 2007 form always shows it: its current is in pA and differs from cell to cell by orders of magnitude.

import { effectiveParams, type Session } from '../../model/session';

export function showCurrentPanel(session: Pick<Session, 'params' | 'protocol' | 'model'>): boolean {
  if (session.model === 'izh2007') return true;
  const p = session.protocol;
  if (p.some((s) => s.slope)) return true;
  const eff = effectiveParams(session);
  if (eff.some((e) => e.I < 0)) return true;
  // A step down of I at a boundary that does not also switch the neuron (a preset) is a pulse or an inhibition.
  for (let i = 1; i < p.length; i++) if (eff[i].I < eff[i - 1].I && !p[i].preset) return true;
  return false;
}
