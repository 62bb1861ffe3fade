// The app's frame: a top bar (title, a tab per view, the sessions set aside, the explorer's session controls), the
// notice banner, and the view the URL hash chooses. To add a view: a Route variant (src/state/route.ts), an entry in
// viewTabs below, and a case in the view switch at the end.

import { useSyncExternalStore } from 'react';
import { getExperimentLink } from '../state/experimentLink';
import type { Route } from '../state/route';
import { useApp } from '../state/store';
import { ExplorerView } from './explorer/ExplorerView';
import { Gallery } from './gallery/Gallery';
import { MapView } from './map/MapView';
import { NetworkView } from './network/NetworkView';
import { NoticeBanner } from './shared/NoticeBanner';
import { SessionBar } from './shared/SessionBar';
import { SetAsideSessions } from './shared/SetAsideSessions';
import { ViewTabs, type ViewTab } from './shared/ViewTabs';

/** The tabs of the top bar, in order. `active`: the routes that tab shows. */
function viewTabs(experimentId: string | null): ViewTab[] {
  return [
    {
      // The explorer returns to the experiment it holds, if any.
      label: 'Explorer', testId: 'back-to-explorer',
      route: experimentId ? { view: 'experiment', id: experimentId } : { view: 'explorer' },
      active: (r: Route) => r.view === 'explorer' || r.view === 'experiment',
      title: 'the neuron: sliders, protocol, plots and readouts',
    },
    {
      label: 'Gallery', testId: 'open-gallery', route: { view: 'gallery' },
      active: (r: Route) => r.view === 'gallery',
      title: 'the 20 features of Izhikevich 2004 and the 7 cell classes of Izhikevich 2003, ready to run',
    },
    {
      label: 'Map', testId: 'open-map', route: { view: 'map' },
      active: (r: Route) => r.view === 'map',
      title: 'firing patterns over two parameters (the (a, b) and (c, d) planes of Izhikevich 2003), around the explorer\u2019s parameters',
    },
    {
      label: 'Network', testId: 'open-network', route: { view: 'network' },
      active: (r: Route) => r.view === 'network',
      title: 'the cortical network of Izhikevich 2003: 1,000 cells (or up to 100,000) with alpha and gamma rhythms',
    },
  ];
}

export function App() {
  const { route } = getExperimentLink();
  const current = useSyncExternalStore(route.subscribe, route.get);
  const experimentId = useApp((s) => s.experimentId);
  const inExplorer = current.view === 'explorer' || current.view === 'experiment';
  return (
    <div className="app" data-view={inExplorer ? 'explorer' : current.view}>
      <header className="topbar">
        <div className="brand">
          <h1>Izhikevich Explorer</h1>
          <ViewTabs tabs={viewTabs(experimentId)} current={current} navigate={route.navigate} />
        </div>
        <div className="topbar-right">
          <SetAsideSessions />
          {inExplorer && <SessionBar />}
        </div>
      </header>
      <NoticeBanner />
      {current.view === 'gallery' ? (
        <main className="gallery-scroll">
          <Gallery />
        </main>
      ) : current.view === 'map' ? (
        <MapView />
      ) : current.view === 'network' ? (
        <NetworkView />
      ) : (
        <ExplorerView />
      )}
    </div>
  );
}
