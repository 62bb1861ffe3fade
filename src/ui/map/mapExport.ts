// Export of a map: CSV with one row per pixel (the two parameter values, the class, the measures) and a PNG of the
// picture with its axes, 2003 class markers and legend or colour bar. Pure text/canvas helpers; the view downloads.

import { MAP_LEGEND, MAP_MEASURES, N_MEASURES, axisValues } from '../../analysis/firingMap';
import { PARAM_SPECS } from '../../model/params';
import { UNFILLED, type MapData } from '../../state/map';

/** CSV of the map's computed pixels (rows over y, then x). Pixels not computed yet are left out. */
export function mapCsv(d: MapData): string {
  const xs = axisValues(d.spec.x), ys = axisValues(d.spec.y);
  const unit = (k: string) => (PARAM_SPECS[k as keyof typeof PARAM_SPECS].unit === '1' ? '' : `_${PARAM_SPECS[k as keyof typeof PARAM_SPECS].unit.replace(/[^A-Za-z0-9]+/g, '_')}`);
  const head = [`${d.spec.x.param}${unit(d.spec.x.param)}`, `${d.spec.y.param}${unit(d.spec.y.param)}`, 'class',
    ...MAP_MEASURES.map((m) => (m.unit ? `${m.key}_${m.unit}` : m.key))];
  const lines = [head.join(',')];
  for (let iy = 0; iy < d.ny; iy++) {
    for (let ix = 0; ix < d.nx; ix++) {
      const q = iy * d.nx + ix;
      if (d.stride[q] !== 1) continue;
      const vals: string[] = [];
      for (let m = 0; m < N_MEASURES; m++) {
        const x = d.values[q * N_MEASURES + m];
        vals.push(Number.isFinite(x) ? String(Number(x.toPrecision(7))) : '');
      }
      lines.push([num(xs[ix]), num(ys[iy]), MAP_LEGEND[d.cls[q]], ...vals].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

function num(x: number): string {
  return String(Number(x.toPrecision(10)));
}

/** Pixels computed at full resolution (those the CSV holds). */
export function fullPixels(d: MapData): number {
  let n = 0;
  for (let q = 0; q < d.nx * d.ny; q++) if (d.stride[q] === 1) n++;
  return n;
}

export { UNFILLED };
