// The 2003 cell classes (Izhikevich 2003, Fig. 2) as markers of a map: their published parameters from the gallery's
// sessions, grouped where several share a point (RS, IB, CH at a = 0.02, b = 0.2), shown when both axes are among
// a, b, c, d and the point lies in the map's ranges; and the pixel nearest to a marker.

import { getExperiment } from '../../model/experiments';
import type { MapSpec } from '../../analysis/firingMap';
import type { ParamKey } from '../../model/params';

export const CLASSES_2003 = ['RS', 'IB', 'CH', 'FS', 'TC', 'RZ', 'LTS'] as const;

export interface Marker { names: string[]; x: number; y: number }

const ABCD: readonly ParamKey[] = ['a', 'b', 'c', 'd'];

export function classMarkers(spec: Pick<MapSpec, 'x' | 'y'>): Marker[] {
  if (!ABCD.includes(spec.x.param) || !ABCD.includes(spec.y.param)) return [];
  const out: Marker[] = [];
  for (const name of CLASSES_2003) {
    const e = getExperiment(`${name.toLowerCase()}_2003`);
    if (!e) continue;
    const x = e.session.params[spec.x.param], y = e.session.params[spec.y.param];
    const inX = x >= Math.min(spec.x.min, spec.x.max) && x <= Math.max(spec.x.min, spec.x.max);
    const inY = y >= Math.min(spec.y.min, spec.y.max) && y <= Math.max(spec.y.min, spec.y.max);
    if (!inX || !inY) continue;
    const same = out.find((m) => m.x === x && m.y === y);
    if (same) same.names.push(name);
    else out.push({ names: [name], x, y });
  }
  return out;
}

/** Index of the sample nearest to v on an axis. */
export function nearestIndex(ax: { min: number; max: number; n: number }, v: number): number {
  if (ax.n === 1 || ax.max === ax.min) return 0;
  return Math.max(0, Math.min(ax.n - 1, Math.round(((v - ax.min) / (ax.max - ax.min)) * (ax.n - 1))));
}

export function markerPixel(spec: Pick<MapSpec, 'x' | 'y'>, m: Marker): { ix: number; iy: number } | null {
  return { ix: nearestIndex(spec.x, m.x), iy: nearestIndex(spec.y, m.y) };
}
