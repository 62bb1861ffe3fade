// Layout of the explorer: a top bar (title, model equations, the way to the gallery, the sessions set aside, session
// controls), the plot large on the left with the status line, readouts, protocol editor and snapshots below it, and
// the controls in a sidebar on the right. The URL hash chooses the view: the explorer, or the gallery of experiments.

import { useSyncExternalStore } from 'react';
import { getExperimentLink } from '../state/experimentLink';
import { useApp } from '../state/store';
import { ExperimentBanner } from './gallery/ExperimentBanner';
import { ExportPanel } from './explorer/ExportPanel';
import { Gallery } from './gallery/Gallery';
import { IntegrationPanel } from './explorer/IntegrationPanel';
import { NoticeBanner } from './shared/NoticeBanner';
import { ParamsPanel } from './explorer/ParamsPanel';
import { ProtocolEditor } from './explorer/ProtocolEditor';
import { Readouts } from './explorer/Readouts';
import { SessionBar } from './shared/SessionBar';
import { SetAsideSessions } from './shared/SetAsideSessions';
import { SnapshotsPanel } from './explorer/SnapshotsPanel';
import { StatusLine } from './explorer/StatusLine';
import { TracePlot } from './explorer/TracePlot';

export function App() {
  const { route } = getExperimentLink();
  const current = useSyncExternalStore(route.subscribe, route.get);
  const experimentId = useApp((s) => s.experimentId);
  const inGallery = current.view === 'gallery';
  return (
    <div className={`app${inGallery ? ' gallery-view' : ''}`}>
      <header className="topbar">
        <div className="brand">
          <h1>Izhikevich Explorer</h1>
          {inGallery ? (
            <button type="button" data-testid="back-to-explorer" className="nav-button"
              onClick={() => route.navigate(experimentId ? { view: 'experiment', id: experimentId } : { view: 'explorer' })}>
              ← Back to the explorer
            </button>
          ) : (
            <button type="button" data-testid="open-gallery" className="nav-button" onClick={() => route.navigate({ view: 'gallery' })}
              title="the 20 features of Izhikevich 2004 and the 7 cell classes of Izhikevich 2003, ready to run">
              Gallery of classic experiments
            </button>
          )}
          <span className="equations" title="the model (coefficients under Parameters › equation coefficients)">
            v′ = k₂v² + k₁v + k₀ − u + I&ensp;·&ensp;u′ = a(b(v − v<sub>ref</sub>) − u<sub>coef</sub>·u)&ensp;·&ensp;v ≥ v<sub>th</sub> ⇒ v ← c, u ← u + d
          </span>
        </div>
        <div className="topbar-right">
          <SetAsideSessions />
          {!inGallery && <SessionBar />}
        </div>
      </header>
      <NoticeBanner />
      {inGallery ? (
        <main className="gallery-scroll">
          <Gallery />
        </main>
      ) : (
        <main className="workspace">
          <section className="main-col">
            <ExperimentBanner />
            <div className="plot-card">
              <TracePlot />
            </div>
            <StatusLine />
            <Readouts />
            <ProtocolEditor />
            <SnapshotsPanel />
          </section>
          <aside className="side-col">
            <ParamsPanel />
            <IntegrationPanel />
            <ExportPanel />
          </aside>
        </main>
      )}
    </div>
  );
}
