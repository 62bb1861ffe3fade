// The analysis panels where the explorer's layout places them, each shown only while open: the phase plane in the
// analysis slot beside the time plot, the bifurcation / F–I panel at the top of the dock.

import { useAnalysis } from '../../state/analysis';
import { PhasePanel } from './PhasePanel';
import { BifurcationPanel } from '../bifurcation/BifurcationPanel';

export function PhaseSlot() {
  const open = useAnalysis((s) => s.phaseOpen);
  return open ? <PhasePanel /> : null;
}

export function BifurcationSlot() {
  const open = useAnalysis((s) => s.bifOpen);
  return open ? <BifurcationPanel /> : null;
}
