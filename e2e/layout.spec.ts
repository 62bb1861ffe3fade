// End-to-end tests of the layout on the three screens of issue 8 (a 1440×900 desktop, a 1024×768 laptop, a 414×896
// phone): no sideways page scroll, top-bar controls that never overlap, equations not cut off, tables that keep their
// row numbers and heading when they scroll sideways, and the plot in view together with the controls being edited.
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, screenshot, selectSegment, test, tid, waitForFirstPaint } from './support';

const SCREENS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'laptop', width: 1024, height: 768 },
  { name: 'phone', width: 414, height: 896 },
] as const;

type Box = { x: number; y: number; width: number; height: number };

async function box(loc: Locator): Promise<Box> {
  const b = await loc.boundingBox();
  if (!b) throw new Error('not rendered');
  return b;
}

function overlap(a: Box, b: Box): boolean {
  const e = 0.5; // sub-pixel rounding
  return a.x + a.width > b.x + e && b.x + b.width > a.x + e && a.y + a.height > b.y + e && b.y + b.height > a.y + e;
}

/** The page does not scroll sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  expect(sw, 'page width (no sideways scroll)').toBeLessThanOrEqual(iw);
}

/** Every visible control of the top bar lies inside the window and no two of them overlap. */
async function expectTopBarTidy(page: Page, w: number): Promise<void> {
  const controls = page.locator('header.topbar').locator('a, button, input:not([type="file"]), select, h1');
  const boxes: { what: string; b: Box }[] = [];
  for (const c of await controls.all()) {
    if (!(await c.isVisible())) continue;
    const b = await box(c);
    const what = (await c.getAttribute('data-testid')) ?? (await c.textContent())?.trim() ?? '?';
    expect(b.x, `${what} starts inside the window`).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, `${what} ends inside the window`).toBeLessThanOrEqual(w);
    boxes.push({ what, b });
  }
  expect(boxes.length).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      expect(overlap(boxes[i].b, boxes[j].b), `${boxes[i].what} and ${boxes[j].what} overlap`).toBe(false);
    }
  }
}

/** Fully inside the window (and, with `notUnder`, not hidden under that element). */
async function expectInView(page: Page, loc: Locator, what: string): Promise<Box> {
  const b = await box(loc);
  const vp = page.viewportSize()!;
  expect(b.y, `${what}: top in view`).toBeGreaterThanOrEqual(-0.5);
  expect(b.y + b.height, `${what}: bottom in view`).toBeLessThanOrEqual(vp.height + 0.5);
  expect(b.x, `${what}: left in view`).toBeGreaterThanOrEqual(-0.5);
  expect(b.x + b.width, `${what}: right in view`).toBeLessThanOrEqual(vp.width + 0.5);
  return b;
}

/** What the user sees at the centre of `loc` is `loc` itself (nothing pinned covers it). */
async function expectUncovered(loc: Locator, what: string): Promise<void> {
  const hit = await loc.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!top && (top === el || el.contains(top));
  });
  expect(hit, `${what} is not covered`).toBe(true);
}

for (const s of SCREENS) {
  test.describe(`${s.name} ${s.width}×${s.height}`, () => {
    test.use({ viewport: { width: s.width, height: s.height } });

    test('the explorer: no sideways scroll, a tidy top bar, equations whole, tables keep their row numbers, the plot in view while editing', async ({ page }) => {
      await openApp(page);
      await expectNoSidewaysScroll(page);
      await expectTopBarTidy(page, s.width);
      await screenshot(page, `layout-${s.name}-explorer`);

      // The model equations are shown whole.
      const eq = tid(page, 'model-equations');
      await expect(eq).toBeVisible();
      await expect(eq).toContainText('v ≥ v');
      for (const line of await eq.locator('li').all()) {
        const cut = await line.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).textOverflow === 'ellipsis');
        expect(cut, `"${await line.textContent()}" is cut off`).toBe(false);
      }

      // Tables keep their row numbers and heading when they scroll sideways.
      for (const panel of [page.locator('.readouts-panel'), tid(page, 'protocol')]) {
        const scroller = panel.locator('.table-scroll');
        await scroller.scrollIntoViewIfNeeded();
        const before = await box(panel.locator('tbody tr').first().locator('td').first());
        const headBefore = await box(panel.locator('thead th').first());
        const wide = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
        if (wide > 0) await scroller.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
        const after = await box(panel.locator('tbody tr').first().locator('td').first());
        expect(Math.abs(after.x - before.x), 'row number stays put').toBeLessThan(1);
        expect(Math.abs((await box(panel.locator('thead th').first())).x - headBefore.x), '# heading stays put').toBeLessThan(1);
        await expect(panel.locator('tbody tr').first().locator('td').first()).toBeInViewport();
        const sb = await box(scroller);
        const lb = await box(panel.locator('thead th').last());
        expect(lb.x + lb.width, 'the last column can be seen').toBeLessThanOrEqual(sb.x + sb.width + 1);
        if (wide > 0) await scroller.evaluate((el) => { el.scrollLeft = 0; });
      }
      // On the desktop and the laptop, the readout table fits without scrolling (all its columns, CV included).
      if (s.width >= 1024) {
        const wide = await page.locator('.readouts-panel .table-scroll').evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(wide, 'readouts table fits its panel').toBeLessThanOrEqual(0);
      }

      // The plot stays in view while the selected segment is edited: scroll to the last row, select it, then its I slider.
      const plot = tid(page, 'plot');
      const n = await page.locator('[data-testid^="segment-row-"]').count();
      const row = tid(page, `segment-row-${n - 1}`);
      await row.scrollIntoViewIfNeeded();
      await selectSegment(page, n - 1);
      await expectUncovered(row.locator('td').first(), 'the selected row');
      await expectInView(page, plot, 'plot while the protocol row is edited');
      const slider = tid(page, 'slider-I');
      await slider.scrollIntoViewIfNeeded();
      await expectInView(page, slider, 'the I slider');
      await expectUncovered(slider, 'the I slider');
      await expectInView(page, plot, 'plot while a slider is used');
      const sb = await box(slider);
      await page.mouse.move(sb.x + sb.width * 0.5, sb.y + sb.height / 2);
      await page.mouse.down();
      await page.mouse.move(sb.x + sb.width * 0.7, sb.y + sb.height / 2, { steps: 4 });
      await expectInView(page, plot, 'plot during the drag');
      await page.mouse.up();
      await expectInView(page, plot, 'plot after the drag');
      await screenshot(page, `layout-${s.name}-editing`);
    });

    test('the gallery and an opened experiment: no sideways scroll, a tidy top bar', async ({ page }) => {
      await page.goto('/#gallery');
      await expect(page.locator('.gallery-card').first()).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectTopBarTidy(page, s.width);
      await page.locator('.gallery-card').first().click();
      await expect(tid(page, 'experiment-banner')).toBeVisible();
      await waitForFirstPaint(page);
      await expectNoSidewaysScroll(page);
      await expectTopBarTidy(page, s.width);
      await screenshot(page, `layout-${s.name}-experiment`);
    });
  });
}
