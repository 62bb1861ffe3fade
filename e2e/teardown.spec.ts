// End-to-end tests of issue 9 item 7: leaving a view while Plotly is mid-interaction (a drag held on the plot, hover
// labels shown, a modebar button just used) tears the plot down without an uncaught error. The guard fixture of
// ./support fails the test on any page error, so these tests fail when a Plotly handler runs on a purged div.
import { expect, openApp, test, tid } from './support';
import type { Page } from '@playwright/test';

/** The centre of the explorer's main plot area (Plotly's drag layer of the first subplot). */
async function plotCentre(page: Page): Promise<{ x: number; y: number }> {
  const drag = tid(page, 'plot').locator('.nsewdrag').first();
  await expect(drag).toBeVisible();
  const box = await drag.boundingBox();
  if (!box) throw new Error('plot drag layer not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function leaveTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await expect(page).toHaveURL(new RegExp(`${hash}$`));
}

test('press on the plot, drag, go to #gallery, release: no uncaught error, and the explorer draws again', async ({ page }) => {
  await openApp(page);
  const c = await plotCentre(page);
  await page.mouse.move(c.x, c.y);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(c.x + 12 * i, c.y + 5 * i);
  await expect(tid(page, 'plot').locator('.zoombox')).toHaveCount(1); // Plotly is dragging (its zoom box is drawn)
  await leaveTo(page, '#gallery');
  await expect(page.getByTestId('plot')).toHaveCount(0);
  await page.mouse.move(c.x + 100, c.y + 40);
  await page.mouse.up();
  await page.mouse.move(c.x + 110, c.y + 30);
  await page.mouse.click(c.x, c.y);
  // Back to the explorer: the plot is drawn again and a drag zooms as usual (the teardown left no stale state).
  await tid(page, 'back-to-explorer').click();
  await expect(tid(page, 'plot').locator('.js-plotly-plot')).toBeVisible();
  await expect.poll(async () => Number(await tid(page, 'plot').getAttribute('data-points'))).toBeGreaterThan(0);
});

test('hover labels shown, then the plot tools (zoom, pan, zoom in/out, reset) and leaving the view: no uncaught error', async ({ page }) => {
  await openApp(page);
  const c = await plotCentre(page);
  await page.mouse.move(c.x, c.y);
  await page.mouse.move(c.x + 3, c.y + 1);
  await expect(tid(page, 'plot').locator('.hoverlayer .hovertext').first()).toBeVisible();
  for (const id of ['tool-pan', 'tool-zoom-in', 'tool-zoom-out', 'tool-zoom', 'tool-zoom-in', 'tool-reset-zoom']) {
    const b = tid(page, id);
    if (await b.isEnabled()) await b.click();
  }
  // Hover again and press in pan mode (a pan drag starts), then leave while both are under way.
  await tid(page, 'tool-pan').click();
  await page.mouse.move(c.x, c.y);
  await page.mouse.move(c.x + 2, c.y + 2);
  await expect(tid(page, 'plot').locator('.hoverlayer .hovertext').first()).toBeVisible();
  await page.mouse.down();
  await page.mouse.move(c.x + 30, c.y + 10);
  await page.mouse.move(c.x + 40, c.y + 12);
  await leaveTo(page, '#gallery');
  await page.mouse.move(c.x + 50, c.y + 20);
  await page.mouse.up();
  await tid(page, 'back-to-explorer').click();
  await expect(tid(page, 'plot').locator('.js-plotly-plot')).toBeVisible();
  const c2 = await plotCentre(page);
  await page.mouse.move(c2.x, c2.y);
  await page.mouse.move(c2.x + 5, c2.y + 5);
  await leaveTo(page, '#map');
  await page.mouse.move(c2.x + 40, c2.y + 5);
  await page.mouse.move(c2.x + 60, c2.y + 9);
});
