// From the explorer to the map: open the (a, b) or (c, d) plane of firing patterns around the selected segment's
// parameters (the map takes them for the other parameters and marks them with a cross-hair).

import { getExperimentLink } from '../../state/experimentLink';
import { getMapStore, type Plane } from '../../state/map';

export function OpenMapButtons() {
  const open = (p: Plane) => {
    getMapStore().getState().actions.setPlane(p);
    getExperimentLink().route.navigate({ view: 'map' });
  };
  return (
    <div className="open-map" data-testid="open-map-buttons">
      <span className="hint">Firing patterns around these parameters:</span>
      <button type="button" data-testid="explorer-map-ab" onClick={() => open('ab')}>(a, b) map</button>
      <button type="button" data-testid="explorer-map-cd" onClick={() => open('cd')}>(c, d) map</button>
    </div>
  );
}
