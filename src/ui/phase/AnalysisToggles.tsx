// The switches of the analysis panels, beside the status line: the phase plane (beside the time plot) and the
// bifurcation / F–I panel (at the top of the dock). Each button shows whether its panel is open.

import { useAnalysis, useAnalysisActions } from '../../state/analysis';

export function AnalysisToggles() {
  const phase = useAnalysis((s) => s.phaseOpen);
  const bif = useAnalysis((s) => s.bifOpen);
  const a = useAnalysisActions();
  return (
    <div className="analysis-toggles" role="group" aria-label="analysis panels">
      <button type="button" data-testid="toggle-phase" aria-pressed={phase} className={phase ? 'on' : ''}
        title="nullclines, equilibria, separatrix and trajectories of the selected segment in the (v, u) plane"
        onClick={() => a.setPhaseOpen(!phase)}>Phase plane</button>
      <button type="button" data-testid="toggle-bif" aria-pressed={bif} className={bif ? 'on' : ''}
        title="rest-state branches, F–I curve and ISIs over a parameter of the selected segment"
        onClick={() => a.setBifOpen(!bif)}>Bifurcation · F–I</button>
    </div>
  );
}
