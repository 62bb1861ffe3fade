// PNG of a map as shown: the pixels (nearest-neighbour, at least 512 px wide), axes with ticks and units, the 2003
// class markers, and the class legend or the colour bar of the measure. Drawn on an offscreen canvas (no network).

import { MAP_LEGEND, MAP_MEASURES, type MeasureKey } from '../../analysis/firingMap';
import type { MapData } from '../../state/map';
import { CLASS_COLORS, logScale, mapImage, measureRange, rampCss } from './colors';
import { classMarkers } from './markers';
import { axisLabel } from './MapCanvas';

export async function mapPng(d: MapData, colorBy: 'class' | MeasureKey): Promise<Blob> {
  const m = colorBy === 'class' ? -1 : MAP_MEASURES.findIndex((x) => x.key === colorBy);
  const range = m >= 0 ? measureRange(d, m) : null;
  const scale = Math.max(1, Math.ceil(512 / d.nx));
  const P = d.nx * scale, L = 70, T = 30, R = 200, B = 50;
  const c = document.createElement('canvas');
  c.width = L + P + R; c.height = T + d.ny * scale + B;
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, c.width, c.height);
  const img = document.createElement('canvas');
  img.width = d.nx; img.height = d.ny;
  img.getContext('2d')!.putImageData(new ImageData(mapImage(d, m, range) as Uint8ClampedArray<ArrayBuffer>, d.nx, d.ny), 0, 0);
  ctx.imageSmoothingEnabled = false;
  const PH = d.ny * scale;
  ctx.drawImage(img, L, T, P, PH);
  ctx.strokeStyle = '#333'; ctx.strokeRect(L, T, P, PH);
  ctx.fillStyle = '#222'; ctx.font = '13px sans-serif';
  const at = (ax: MapData['spec']['x'], v: number, len: number) => ((((v - ax.min) / (ax.max - ax.min || 1)) * (ax.n - 1) + 0.5) / ax.n) * len;
  ctx.textAlign = 'center';
  for (let k = 0; k <= 4; k++) {
    const v = d.spec.x.min + (k / 4) * (d.spec.x.max - d.spec.x.min);
    const x = L + at(d.spec.x, v, P);
    ctx.fillText(String(Number(v.toPrecision(4))), x, T + PH + 16);
  }
  ctx.fillText(axisLabel(d.spec.x.param), L + P / 2, T + PH + 38);
  ctx.textAlign = 'right';
  for (let k = 0; k <= 4; k++) {
    const v = d.spec.y.min + (k / 4) * (d.spec.y.max - d.spec.y.min);
    ctx.fillText(String(Number(v.toPrecision(4))), L - 6, T + PH - at(d.spec.y, v, PH) + 4);
  }
  ctx.save(); ctx.translate(16, T + PH / 2); ctx.rotate(-Math.PI / 2); ctx.textAlign = 'center';
  ctx.fillText(axisLabel(d.spec.y.param), 0, 0); ctx.restore();
  ctx.textAlign = 'left';
  for (const mk of classMarkers(d.spec)) {
    const x = L + at(d.spec.x, mk.x, P), y = T + PH - at(d.spec.y, mk.y, PH);
    ctx.beginPath(); ctx.arc(x, y, 5, 0, 2 * Math.PI); ctx.fillStyle = '#fff'; ctx.fill(); ctx.strokeStyle = '#000'; ctx.stroke();
    ctx.fillStyle = '#000'; ctx.font = 'bold 13px sans-serif'; ctx.fillText(mk.names.join(' '), x + 8, y - 6);
  }
  ctx.font = '13px sans-serif';
  const lx = L + P + 20;
  if (m < 0) {
    MAP_LEGEND.forEach((k, i) => {
      ctx.fillStyle = CLASS_COLORS[k]; ctx.fillRect(lx, T + i * 20, 14, 14); ctx.strokeStyle = '#999'; ctx.strokeRect(lx, T + i * 20, 14, 14);
      ctx.fillStyle = '#222'; ctx.fillText(k, lx + 20, T + i * 20 + 12);
    });
  } else {
    const meas = MAP_MEASURES[m];
    ctx.fillStyle = '#222'; ctx.fillText(`${meas.label}${meas.unit ? ` (${meas.unit})` : ''}${logScale(m, range) ? ', log' : ''}`, lx, T + 10);
    for (let i = 0; i < 200; i++) { ctx.fillStyle = rampCss(1 - i / 199); ctx.fillRect(lx, T + 20 + i, 20, 1); }
    ctx.fillStyle = '#222';
    ctx.fillText(range ? String(Number(range.max.toPrecision(4))) : '—', lx + 26, T + 30);
    ctx.fillText(range ? String(Number(range.min.toPrecision(4))) : '—', lx + 26, T + 220);
  }
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
