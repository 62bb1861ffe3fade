// Colours of the map: a categorical palette for the firing classes (silent grey, spiking blues, bursting warm
// colours, irregular purple, diverged black, no resting state hatched grey) and a perceptually uniform ramp
// (viridis, 9 anchors, linear in between) for numeric measures; and the image of a map's pixels as RGBA.

import { MAP_LEGEND, N_MEASURES } from '../../analysis/firingMap';
import { UNFILLED, type MapData } from '../../state/map';

/** One colour per MAP_LEGEND entry. */
export const CLASS_COLORS: Record<(typeof MAP_LEGEND)[number], string> = {
  silent: '#d9d9d9',
  'phasic spiking': '#9ecae1',
  'phasic bursting': '#fdae6b',
  'tonic spiking': '#2171b5',
  adapting: '#41ab5d',
  'tonic bursting': '#d94801',
  'mixed mode': '#fec44f',
  irregular: '#807dba',
  diverged: '#111111',
  'no resting state': '#f7f7f7',
};

const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

export function hexRgb(h: string): [number, number, number] {
  const n = parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const CLASS_RGB = MAP_LEGEND.map((k) => hexRgb(CLASS_COLORS[k]));
const RAMP = VIRIDIS.map(hexRgb);

/** Colour of x ∈ [0, 1] on the ramp. */
export function rampRgb(x: number): [number, number, number] {
  const f = Math.max(0, Math.min(1, x)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(f)), w = f - i;
  const a = RAMP[i], b = RAMP[i + 1];
  return [Math.round(a[0] + w * (b[0] - a[0])), Math.round(a[1] + w * (b[1] - a[1])), Math.round(a[2] + w * (b[2] - a[2]))];
}

export function rampCss(x: number): string {
  const [r, g, b] = rampRgb(x);
  return `rgb(${r},${g},${b})`;
}

/** Measures drawn on a logarithmic scale when they span more than LOG_SPAN (spike counts and rates: d ≈ 0 fires at
 * hundreds of Hz next to cells at a few Hz). */
const LOG_MEASURES = new Set([0, 1]);
const LOG_SPAN = 30;

/** Whether measure m over `range` is drawn on a log scale: t = log(1 + x) between log(1 + min) and log(1 + max). */
export function logScale(m: number, range: { min: number; max: number } | null): boolean {
  return !!range && LOG_MEASURES.has(m) && range.min >= 0 && (1 + range.max) / (1 + range.min) > LOG_SPAN;
}

/** Position of value x in [0, 1] on the colour bar of measure m. */
export function scalePosition(m: number, range: { min: number; max: number }, x: number): number {
  if (logScale(m, range)) return (Math.log1p(x) - Math.log1p(range.min)) / (Math.log1p(range.max) - Math.log1p(range.min) || 1);
  return (x - range.min) / (range.max - range.min || 1);
}

/** Range of measure m over the pixels painted so far (finite values only); null when there is none. */
export function measureRange(d: MapData, m: number): { min: number; max: number } | null {
  let lo = Infinity, hi = -Infinity;
  for (let q = 0; q < d.nx * d.ny; q++) {
    if (d.stride[q] === UNFILLED) continue;
    const x = d.values[q * N_MEASURES + m];
    if (Number.isFinite(x)) { if (x < lo) lo = x; if (x > hi) hi = x; }
  }
  return lo <= hi ? { min: lo, max: hi } : null;
}

/**
 * RGBA of every pixel, rows from the top (the largest y first, as the plot's y axis grows upwards). colorBy: −1 for
 * the class, else the measure's index; `range` the colour bar's range. Unfilled pixels are transparent, pixels with no
 * value (e.g. latency when silent) light grey.
 */
export function mapImage(d: MapData, colorBy: number, range: { min: number; max: number } | null, out?: Uint8ClampedArray): Uint8ClampedArray {
  const { nx, ny } = d;
  const img = out && out.length === nx * ny * 4 ? out : new Uint8ClampedArray(nx * ny * 4);
  for (let iy = 0; iy < ny; iy++) {
    const row = (ny - 1 - iy) * nx;
    for (let ix = 0; ix < nx; ix++) {
      const q = iy * nx + ix, o = (row + ix) * 4;
      if (d.stride[q] === UNFILLED) { img[o + 3] = 0; continue; }
      let rgb: [number, number, number];
      if (colorBy < 0) rgb = CLASS_RGB[d.cls[q]];
      else {
        const x = d.values[q * N_MEASURES + colorBy];
        rgb = Number.isFinite(x) && range ? rampRgb(scalePosition(colorBy, range, x)) : [235, 235, 235];
      }
      img[o] = rgb[0]; img[o + 1] = rgb[1]; img[o + 2] = rgb[2]; img[o + 3] = 255;
    }
  }
  return img;
}
