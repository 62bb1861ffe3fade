// The explorer's layout. Wide screens: a stage (the time plot with its status line, and beside it the analysis slot)
// that never scrolls, under it a dock of panels that scrolls on its own (experiment, readouts, protocol, snapshots),
// and the controls of the selected segment in a sidebar on the right. Narrow screens (phones): one column whose stage
// stays pinned at the top of the page while the controls below it scroll, so the plot is in view while a slider moves.
// Analysis panels (phase plane, F–I …) go into the analysis slot: beside the time plot when the stage is wide enough,
// under it otherwise (styles.css, "explorer layout").

import { ExperimentBanner } from '../gallery/ExperimentBanner';
import { ExportPanel } from './ExportPanel';
import { IntegrationPanel } from './IntegrationPanel';
import { ModelOptionsPanel } from './ModelOptions';
import { ParamsPanel } from './ParamsPanel';
import { PlotDescription } from './PlotDescription';
import { PlotToolbar } from './PlotToolbar';
import { ProtocolEditor } from './ProtocolEditor';
import { Readouts } from './Readouts';
import { SnapshotsPanel } from './SnapshotsPanel';
import { StatusLine } from './StatusLine';
import { TracePlot } from './TracePlot';
import { AnalysisToggles } from '../phase/AnalysisToggles';
import { BifurcationSlot, PhaseSlot } from '../phase/AnalysisSlots';
import { TimeLink } from '../phase/TimeLink';

export function ExplorerView() {
  return (
    <main className="workspace" data-testid="explorer">
      <section className="stage" aria-label="plot of the run" data-testid="stage">
        <PlotToolbar />
        <div className="plot-row">
          <div className="plot-card">
            <TracePlot />
            <PlotDescription />
            <TimeLink />
          </div>
          {/* The analysis slot: panels added here sit beside the time plot (or under it on narrow stages). */}
          <div className="analysis-slot" data-testid="analysis-slot"><PhaseSlot /></div>
        </div>
        <div className="stage-foot">
          <StatusLine />
          <AnalysisToggles />
        </div>
      </section>
      <aside className="side-col" aria-label="controls of the selected segment" data-testid="side">
        <ParamsPanel />
        <IntegrationPanel />
        <ModelOptionsPanel />
        <ExportPanel />
      </aside>
      <section className="dock" aria-label="readouts and protocol" data-testid="dock">
        <ExperimentBanner />
        <BifurcationSlot />
        <Readouts />
        <ProtocolEditor />
        <SnapshotsPanel />
      </section>
    </main>
  );
}
