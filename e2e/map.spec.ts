// End-to-end test of the map view (issue 11): the (c, d) plane of Izhikevich 2003 Fig. 2 computed progressively in
// the browser's workers; the RS, IB and CH markers fall in regions of three different classes (the classes the
// engine computes here in Node for the same pixels); a pixel clicked shows its v(t) and opens in the explorer with
// its parameters; changing the resolution mid-computation restarts at the new one; the (a, b) plane; exports.
import { readFileSync } from 'node:fs';
import { expect, test, checkPng, fieldValue, openApp, referenceSession, screenshot, selectedSegment, tid } from './support';
import { MAP_LEGEND, axisValues, computeMapJob, type MapSpec } from '../src/analysis/firingMap';
import { defaultSession } from '../src/model/session';
import { DEFAULT_MAP_SETTINGS, PLANES, mapSpecOf } from '../src/state/map';
import { classMarkers, markerPixel } from '../src/ui/map/markers';

/** The spec the view computes by default for the (c, d) plane at resolution n, over the reference-free default session. */
function cdSpec(session = defaultSession(), n = DEFAULT_MAP_SETTINGS.resolution, selected = 0): MapSpec {
  return mapSpecOf({ ...DEFAULT_MAP_SETTINGS, ...PLANES.cd, resolution: n }, session, selected);
}

async function waitDone(page: import('@playwright/test').Page, timeout = 120_000) {
  await expect(tid(page, 'map-progress')).toHaveAttribute('data-status', 'done', { timeout });
}

test('map of the (c, d) plane: RS, IB, CH in three classes; click a pixel, open it in the explorer', async ({ page }) => {
  await openApp(page);
  const selected = await selectedSegment(page);
  // From the explorer, with its parameters (the cross-hair marks them).
  await tid(page, 'explorer-map-cd').click();
  await expect(tid(page, 'map-view')).toBeVisible();
  await expect(tid(page, 'map-plane-cd')).toHaveAttribute('aria-pressed', 'true');
  await tid(page, 'map-resolution').selectOption('64');
  await expect(tid(page, 'map-crosshair')).toBeVisible();
  await expect(tid(page, 'map-canvas')).toHaveAttribute('data-nx', '64');
  await waitDone(page);

  // The session the map ran over is the explorer's: the app starts on the reference session, segment 1 selected.
  const spec = cdSpec(referenceSession(), 64, selected);
  const markers = classMarkers(spec);
  const want: Record<string, string> = {};
  for (const name of ['RS', 'IB', 'CH']) {
    const mk = markers.find((m) => m.names.includes(name));
    if (!mk) throw new Error(`no ${name} marker`);
    const px = markerPixel(spec, mk)!;
    const r = computeMapJob({ spec, pixels: Int32Array.of(px.iy * spec.x.n + px.ix) })!;
    want[name] = MAP_LEGEND[r.cls[0]];
    await expect(page.locator(`[data-testid="map-marker"][data-marker*="${name}"]`)).toHaveAttribute('data-class', want[name]);
  }
  expect(new Set(Object.values(want)).size).toBe(3);
  await screenshot(page, 'map-cd');

  // Hover and click a pixel: readout, inset with v(t), then open it in the explorer.
  const canvas = tid(page, 'map-canvas');
  const box = (await canvas.boundingBox())!;
  const ix = 40, iy = 20; // pixel (ix, iy): x = c, y = d; rows drawn from the top
  const at = { x: box.x + ((ix + 0.5) / 64) * box.width, y: box.y + ((64 - 1 - iy + 0.5) / 64) * box.height };
  await page.mouse.move(at.x, at.y);
  await expect(tid(page, 'map-readout')).toContainText('c=');
  await page.mouse.click(at.x, at.y);
  await expect(tid(page, 'map-inset')).toHaveAttribute('data-ix', String(ix));
  await expect(tid(page, 'map-inset')).toHaveAttribute('data-iy', String(iy));
  await expect.poll(async () => Number(await tid(page, 'map-inset-plot').getAttribute('data-points'))).toBeGreaterThan(10);
  await screenshot(page, 'map-inset');
  const c = axisValues(spec.x)[ix], d = axisValues(spec.y)[iy];
  await tid(page, 'map-open-explorer').click();
  await expect(tid(page, 'map-view')).toBeHidden();
  await expect(tid(page, 'plot')).toBeVisible();
  await expect.poll(() => fieldValue(page, 'field-c')).toBeCloseTo(c, 3);
  await expect.poll(() => fieldValue(page, 'field-d')).toBeCloseTo(d, 3);
  await expect(tid(page, 'notice')).toContainText('set aside');
});

test('changing the resolution mid-computation restarts at the new one; the (a, b) plane; PNG and CSV', async ({ page }) => {
  await openApp(page);
  await tid(page, 'open-map').click();
  await tid(page, 'map-plane-cd').click();
  await tid(page, 'map-resolution').selectOption('256');
  await expect(tid(page, 'map-canvas')).toHaveAttribute('data-nx', '256');
  // Some pixels computed, far from all: change the resolution now.
  await expect.poll(async () => Number(await tid(page, 'map-progress').getAttribute('data-done'))).toBeGreaterThan(0);
  expect(Number(await tid(page, 'map-progress').getAttribute('data-done'))).toBeLessThan(256 * 256);
  await tid(page, 'map-resolution').selectOption('32');
  await expect(tid(page, 'map-canvas')).toHaveAttribute('data-nx', '32');
  await waitDone(page);
  await expect(tid(page, 'map-progress')).toHaveAttribute('data-total', String(32 * 32));
  await expect(tid(page, 'map-progress')).toHaveAttribute('data-done', String(32 * 32));

  await tid(page, 'map-plane-ab').click();
  await tid(page, 'map-resolution').selectOption('64');
  await waitDone(page);
  await expect(page.locator('[data-testid="map-marker"][data-marker*="FS"]')).toHaveCount(1);
  await screenshot(page, 'map-ab');

  const [png] = await Promise.all([page.waitForEvent('download'), tid(page, 'map-export-png').click()]);
  const info = checkPng(readFileSync(await png.path()));
  expect(info.width).toBeGreaterThanOrEqual(512);
  const [csv] = await Promise.all([page.waitForEvent('download'), tid(page, 'map-export-csv').click()]);
  const lines = readFileSync(await csv.path(), 'utf8').trim().split('\n');
  expect(lines[0]).toBe('a_1_ms,b,class,count,rate_Hz,latency_ms,cv,adaptation,burst');
  expect(lines.length).toBe(1 + 64 * 64);

  // Colour by a measure: a colour bar with its unit.
  await tid(page, 'map-color-by').selectOption('rate');
  await expect(tid(page, 'map-colorbar')).toContainText('mean rate (Hz)');
});
