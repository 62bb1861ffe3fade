// Tests of the PNG size check: the limit itself, the largest allowed scale (checked by the size it gives), messages.
import { describe, expect, it } from 'vitest';
import { EXPORT_LIMITS } from '../state/persistence';
import { PNG_LIMITS, maxPngScale, pngPixels, pngSizeProblem } from './imageSize';

describe('PNG size limit', () => {
  it('allows the defaults and the largest size Chromium encodes with room (8000 × 8000 at 1.44), refuses 8000 × 8000 at 6', () => {
    expect(pngSizeProblem(1200, 800, 2)).toBeNull();
    expect(pngSizeProblem(8000, 8000, 1.44)).toBeNull();
    const m = pngSizeProblem(EXPORT_LIMITS.width.max, EXPORT_LIMITS.height.max, EXPORT_LIMITS.scale.max);
    expect(m).toContain('width × height × scale: 8000 × 8000 px at scale 6 makes a PNG of 48000 × 48000 px (2304.0 million pixels)');
    expect(m).toContain('at most 134.2 million pixels and 32767 px a side');
    expect(m).toContain('the scale must be at most 1.44');
  });
  it('refuses a side longer than the limit even when the area is small', () => {
    const m = pngSizeProblem(8000, 150, 6);
    expect(pngPixels(8000, 150, 6).pixels).toBeLessThan(PNG_LIMITS.pixels);
    expect(m).toContain('more than 32767 px a side');
    expect(m).toContain(`at most ${maxPngScale(8000, 150)}`);
  });
  it('the largest allowed scale is allowed and 0.01 more is not, over the whole range of sizes', () => {
    for (const w of [200, 1000, 4096, 5000, 8000]) {
      for (const h of [150, 777, 4000, 8000]) {
        const s = maxPngScale(w, h);
        if (s >= EXPORT_LIMITS.scale.max) { expect(pngSizeProblem(w, h, EXPORT_LIMITS.scale.max)).toBeNull(); continue; }
        expect(s).toBeGreaterThanOrEqual(EXPORT_LIMITS.scale.min); // every width × height can be exported at some scale
        expect(pngSizeProblem(w, h, s)).toBeNull();
        expect(pngSizeProblem(w, h, Math.round((s + 0.01) * 100) / 100)).not.toBeNull();
      }
    }
  });
});
