// Layout of the explorer: a top bar (title, model equations, session controls), the plot large on the left with the
// status line, readouts, protocol editor and snapshots below it, and the controls in a sidebar on the right.

import { ExportPanel } from './ExportPanel';
import { IntegrationPanel } from './IntegrationPanel';
import { NoticeBanner } from './NoticeBanner';
import { ParamsPanel } from './ParamsPanel';
import { ProtocolEditor } from './ProtocolEditor';
import { Readouts } from './Readouts';
import { SessionBar } from './SessionBar';
import { SnapshotsPanel } from './SnapshotsPanel';
import { StatusLine } from './StatusLine';
import { TracePlot } from './TracePlot';

export function App() {
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <h1>Izhikevich Explorer</h1>
          <span className="equations" title="the model (coefficients under Parameters › equation coefficients)">
            v′ = k₂v² + k₁v + k₀ − u + I&ensp;·&ensp;u′ = a(b(v − v<sub>ref</sub>) − u<sub>coef</sub>·u)&ensp;·&ensp;v ≥ v<sub>th</sub> ⇒ v ← c, u ← u + d
          </span>
        </div>
        <SessionBar />
      </header>
      <NoticeBanner />
      <main className="workspace">
        <section className="main-col">
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
    </div>
  );
}
