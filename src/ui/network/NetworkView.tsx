// The network view (#network): the figure (raster, population rate, v(t) of a probed cell, spectrum) under the run's
// status and buttons, the readouts below it, and a sidebar with the network's settings, the audio monitor and
// export. Opening the view the first time runs the network shown (the paper's by default).

import { useEffect, useState } from 'react';
import { getNetwork, useNetwork, useNetworkActions } from '../../state/network';
import { AudioMonitor } from './AudioMonitor';
import { NetworkControls, RunButtons } from './NetworkControls';
import { NetworkExport } from './NetworkExport';
import { NetworkFigure } from './NetworkFigure';
import { NetworkReadouts, NetworkStatus } from './NetworkReadouts';
import './network.css';

function NetworkNotice() {
  const notice = useNetwork((s) => s.notice);
  const actions = useNetworkActions();
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="net-notice">
      <span style={{ whiteSpace: 'pre-wrap' }}>{notice.text}</span>
      <button type="button" onClick={actions.dismissNotice} aria-label="dismiss">×</button>
    </div>
  );
}

export function NetworkView() {
  const [playhead, setPlayhead] = useState<number | null>(null);
  useEffect(() => {
    const ns = getNetwork();
    if (!ns.store.getState().run) ns.store.getState().actions.run();
  }, []);
  return (
    <main className="net-view" data-testid="network-view">
      <section className="net-main">
        <NetworkNotice />
        <div className="panel net-figure-panel">
          <div className="net-figure-head">
            <h2>Izhikevich (2003) cortical network</h2>
            <NetworkStatus />
            <RunButtons />
          </div>
          <NetworkFigure playhead={playhead} />
        </div>
        <NetworkReadouts />
      </section>
      <aside className="net-side">
        <NetworkControls />
        <AudioMonitor onPlayhead={setPlayhead} />
        <NetworkExport />
      </aside>
    </main>
  );
}
