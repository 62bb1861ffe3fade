// End-to-end test of the gallery of classic experiments (issue 4): open the gallery, see all 35 thumbnails, open
// "tonic bursting", drag a slider there with the mouse, export a PNG. Written against the UI contract before the
// gallery existed (it was marked test.fixme until the gallery landed).
import { readFileSync } from 'node:fs';
import {
  expect, test, ARTIFACTS, checkPng, expectReadouts, expected, fieldValue, openApp, plotState, rangeGeometry, screenshot,
  selectedSegment, tid, waitForFirstPaint, waitForRevisionAbove, withAssign,
} from './support';
import { EXPERIMENTS, getExperiment } from '../src/model/experiments';

// 20 features of Izhikevich 2004 Fig. 1 + 7 cell classes of Izhikevich 2003 Fig. 2 + 8 cells of Izhikevich 2007 ch. 8
const EXPERIMENT_COUNT = 35;

test('gallery: 35 thumbnails, open "tonic bursting", drag a slider, export a PNG', async ({ page }) => {
  expect(EXPERIMENTS.length).toBe(EXPERIMENT_COUNT);
  const tonicBursting = getExperiment('tonic_bursting');
  if (!tonicBursting) throw new Error('experiment tonic_bursting missing from src/model/experiments.ts');
  await openApp(page);
  await tid(page, 'open-gallery').click();
  await expect(tid(page, 'gallery')).toBeVisible();
  const items = page.locator('[data-testid^="gallery-item-"]');
  await expect(items).toHaveCount(EXPERIMENT_COUNT);
  // Every thumbnail gets drawn (computed in the worker, progress shown meanwhile).
  await expect
    .poll(() => items.evaluateAll((els) => els.filter((e) => e.querySelector('svg path, canvas')).length), {
      message: 'thumbnails drawn', timeout: 60_000,
    })
    .toBe(EXPERIMENT_COUNT);
  for (const e of EXPERIMENTS) await expect(tid(page, `gallery-item-${e.id}`)).toContainText(e.name);
  const tonic = tid(page, 'gallery-item-tonic_bursting');
  await screenshot(page, 'gallery');

  await tonic.click();
  await expect(tid(page, 'gallery')).toBeHidden();
  const r0 = await waitForFirstPaint(page);
  const session = tonicBursting.session;
  await expectReadouts(page, expected(session));
  await expect(tid(page, 'session-name')).toHaveValue(session.name);
  const sel = await selectedSegment(page);
  const before = await plotState(page);
  expect(before.vTrace).toBeGreaterThanOrEqual(0);
  await screenshot(page, 'gallery-tonic-bursting-opened');

  // Drag the d slider with the mouse: re-simulated while the pointer moves.
  const slider = tid(page, 'slider-d');
  const g = await rangeGeometry(slider);
  const d0 = await fieldValue(page, 'slider-d');
  await page.mouse.move(g.x(d0), g.y);
  await page.mouse.down();
  let rev = r0;
  const painted: number[] = [];
  for (const dv of [1, 2, 3, 4]) {
    await page.mouse.move(g.x(Math.min(g.max, d0 + dv)), g.y, { steps: 3 });
    rev = await waitForRevisionAbove(page, rev);
    painted.push(rev);
  }
  await page.mouse.up();
  expect(painted.length).toBeGreaterThan(1);
  const d1 = await fieldValue(page, 'slider-d');
  expect(d1).not.toBeCloseTo(d0, 6);
  await expectReadouts(page, expected(withAssign(session, sel, 'd', d1)));
  await expect
    .poll(async () => { const st = await plotState(page); return st.traces[st.vTrace]?.hash; })
    .not.toBe(before.traces[before.vTrace].hash);

  const downloading = page.waitForEvent('download');
  await tid(page, 'export-png').click();
  const dl = await downloading;
  expect(dl.suggestedFilename()).toMatch(/\.png$/);
  const png = checkPng(readFileSync(await dl.path()));
  expect(png.width).toBe((await fieldValue(page, 'export-width')) * (await fieldValue(page, 'export-scale')));
  expect(png.height).toBe((await fieldValue(page, 'export-height')) * (await fieldValue(page, 'export-scale')));
  await dl.saveAs(new URL('screens/gallery-tonic-bursting.png', ARTIFACTS).pathname);

  await tid(page, 'open-gallery').click();
  await expect(tid(page, 'gallery')).toBeVisible();
  await tid(page, 'back-to-explorer').click();
  await expect(tid(page, 'gallery')).toBeHidden();
});
