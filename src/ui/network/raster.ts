// The spike raster as pixels: each spike sets a small block of an RGBA image (excitatory and inhibitory in two
// colours), so drawing costs one image whatever the number of spikes, and new spikes are added to the image already
// drawn (incremental while the run streams). Row 0 of the image is the top: the highest cell index of the window.

export const EXC_RGB: [number, number, number] = [31, 95, 168];
export const INH_RGB: [number, number, number] = [212, 84, 20];
export const EXC_COLOR = '#1f5fa8';
export const INH_COLOR = '#d45414';

export interface RasterWindow {
  /** Time range shown, ms. */
  t0: number;
  t1: number;
  /** Cells shown: [c0, c1) (fractional when zoomed). */
  c0: number;
  c1: number;
}

export interface RasterImage {
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
  window: RasterWindow;
  /** Spikes already drawn (a prefix of the store). */
  drawn: number;
  /** Spikes that fell inside the window. */
  visible: number;
}

export function createRaster(width: number, height: number, window: RasterWindow): RasterImage {
  const w = Math.max(1, Math.floor(width)), h = Math.max(1, Math.floor(height));
  return { width: w, height: h, pixels: new Uint8ClampedArray(w * h * 4), window, drawn: 0, visible: 0 };
}

/** Draws spikes drawn … count − 1 into the image (cells < ne excitatory). */
export function drawSpikes(img: RasterImage, t: ArrayLike<number>, cell: ArrayLike<number>, count: number, ne: number): void {
  const { width: W, height: H, pixels: px } = img;
  const { t0, t1, c0, c1 } = img.window;
  const xs = W / (t1 - t0), ys = H / (c1 - c0);
  // A spike covers 1 ms of time (whole-ms spike times) and one cell's row, at least one pixel each way.
  const bw = Math.max(1, Math.min(4, Math.round(xs)));
  const bh = ys >= 4 ? Math.max(1, Math.floor(ys) - 1) : Math.max(1, Math.floor(ys));
  let visible = img.visible;
  for (let k = img.drawn; k < count; k++) {
    const tk = t[k], ck = cell[k];
    if (tk < t0 || tk > t1 || ck + 1 <= c0 || ck >= c1) continue;
    visible++;
    let x = Math.floor((tk - t0) * xs);
    if (x >= W) x = W - 1;
    if (x + bw > W) x = W - bw;
    let y = Math.floor((c1 - (ck + 1)) * ys);
    if (y < 0) y = 0;
    const yEnd = Math.min(H, y + bh);
    const rgb = ck < ne ? EXC_RGB : INH_RGB;
    for (let yy = y; yy < yEnd; yy++) {
      let o = (yy * W + Math.max(0, x)) * 4;
      for (let xx = 0; xx < bw; xx++, o += 4) {
        px[o] = rgb[0]; px[o + 1] = rgb[1]; px[o + 2] = rgb[2]; px[o + 3] = 255;
      }
    }
  }
  img.drawn = count;
  img.visible = visible;
}

export function sameWindow(a: RasterWindow, b: RasterWindow): boolean {
  return a.t0 === b.t0 && a.t1 === b.t1 && a.c0 === b.c0 && a.c1 === b.c1;
}
