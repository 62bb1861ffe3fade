// Entry point: mounts the app, creates the store (restoring the saved session) and starts the simulation
// controller, which runs the engine in a Web Worker — never on this thread —, the sweep controller of the
// bifurcation / F–I panel (its own worker, started when the panel opens) and the map's controller (a pool of batch
// workers).

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { getAppStore } from './state/store';
import { startSimulation } from './state/simulation';
import { startSweeps } from './state/sweep';
import { getAnalysisStore } from './state/analysis';
import { getExperimentLink } from './state/experimentLink';
import { followSessions, getPlotViewStore } from './state/plotView';
import { getMapStore } from './state/map';
import { startMapController } from './state/mapController';
import { getBatchPool } from './worker/batchPool';
import './ui/shared/styles.css';

const store = getAppStore();
getExperimentLink(); // applies the URL's route (e.g. #experiment=<id>: loads it) before the first run and render
startSimulation(store);
followSessions(getPlotViewStore(), store);
startSweeps(store, getAnalysisStore());
// The map view's computations (batch workers, one per core; started only while the map is open).
startMapController({ map: getMapStore(), app: store, route: getExperimentLink().route, pool: getBatchPool() });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
