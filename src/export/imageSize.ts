// The largest PNG the browser can encode, and the check of an export's width × height × scale against it (pure).
// Measured in Debian's Chromium (notes/reliability.md): a canvas of more than 2^28 pixels (16384²) gives an empty
// data URL, which Plotly's download then fails on with "Failed to execute 'atob'". The cap is half of that.

/**
 * PNG export limits: at most 2^27 pixels (134 million: half of Chromium's canvas area limit of 2^28, leaving room for
 * the 512 MB the canvas itself takes; 11,584² or 16,384 × 8,192 px) and 32,767 px a side (Firefox's canvas limit).
 */
export const PNG_LIMITS = { pixels: 2 ** 27, side: 32767 } as const;

/** The pixel size of a PNG exported at width × height (CSS px) and scale, as the canvas is made (rounded). */
export function pngPixels(width: number, height: number, scale: number): { width: number; height: number; pixels: number } {
  const w = Math.round(width * scale), h = Math.round(height * scale);
  return { width: w, height: h, pixels: w * h };
}

/** The largest scale (two decimals, rounded down) at which width × height stays within PNG_LIMITS. */
export function maxPngScale(width: number, height: number): number {
  const s = Math.min(Math.sqrt(PNG_LIMITS.pixels / (width * height)), PNG_LIMITS.side / Math.max(width, height));
  let r = Math.floor(s * 100) / 100;
  while (r > 0 && pngPixels(width, height, r).pixels > PNG_LIMITS.pixels) r = Math.round((r - 0.01) * 100) / 100;
  return r;
}

const millions = (n: number) => `${(n / 1e6).toFixed(1)} million`;

/**
 * Why a PNG of width × height px at `scale` cannot be made (the fields named, the allowed range given), or null
 * when it can.
 */
export function pngSizeProblem(width: number, height: number, scale: number): string | null {
  const px = pngPixels(width, height, scale);
  if (px.pixels <= PNG_LIMITS.pixels && px.width <= PNG_LIMITS.side && px.height <= PNG_LIMITS.side) return null;
  const why = px.pixels > PNG_LIMITS.pixels
    ? `${px.width} × ${px.height} px (${millions(px.pixels)} pixels)`
    : `${px.width} × ${px.height} px (more than ${PNG_LIMITS.side} px a side)`;
  return `width × height × scale: ${width} × ${height} px at scale ${scale} makes a PNG of ${why}; browsers encode at most `
    + `${millions(PNG_LIMITS.pixels)} pixels and ${PNG_LIMITS.side} px a side: at ${width} × ${height} px the scale must be `
    + `at most ${maxPngScale(width, height)} (or make width or height smaller)`;
}
