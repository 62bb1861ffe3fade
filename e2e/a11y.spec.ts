// End-to-end accessibility tests (issue 8, WCAG 2.2 AA as the bar): axe-core finds no serious or critical violation in
// the explorer, the gallery and an opened experiment on the three screens; no text under 11 px; tabbing into a protocol
// row selects its segment; the plot has a text alternative; the status line is not announced at every slider step;
// a gallery note is read once; the parameter panel says that the sliders edit the selected segment.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { simulate } from '../src/engine/simulate';
import { getExperiment } from '../src/model/experiments';
import { expect, openApp, referenceSession, selectedSegment, test, tid, typeInto, waitForFirstPaint } from './support';

const REF = referenceSession();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

/** axe-core over the whole page (WCAG 2.0–2.2 A and AA rules), injected through the test runner (not the page's CSP). */
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const a = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await a.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 40).map((n) => ({ target: n.target, failureSummary: n.failureSummary?.split('\n')[1] })) }));
  });
}

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const serious = (await axe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${where}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}

/** Visible text rendered smaller than `min` px (screen-reader-only text excluded). */
async function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minPx) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.textContent?.trim();
      const el = n.parentElement;
      if (!t || !el || el.closest('.sr-only, [aria-hidden="true"] svg, option')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < minPx - 0.01) out.push(`${size}px: ${t.slice(0, 40)}`);
    }
    return out;
  }, min);
}

for (const vp of [{ width: 1440, height: 900 }, { width: 1024, height: 768 }, { width: 414, height: 896 }]) {
  test(`axe-core: no serious violations in the explorer, the gallery and an experiment at ${vp.width}×${vp.height}; no text under 11 px`, async ({ page }) => {
    await page.setViewportSize(vp);
    await openApp(page);
    await expectNoSeriousViolations(page, 'explorer');
    expect(await smallText(page, 11)).toEqual([]);
    await page.goto('/#gallery');
    // Thumbnails done on the first screen (their drawn state is checked); on the others, as they come.
    if (vp.width === 1440) await expect(tid(page, 'gallery-progress')).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
    else await expect(tid(page, 'gallery')).toBeVisible();
    await expectNoSeriousViolations(page, 'gallery');
    expect(await smallText(page, 11)).toEqual([]);
    await page.goto('/#experiment=resonator');
    await waitForFirstPaint(page);
    await expectNoSeriousViolations(page, 'experiment');
    expect(await smallText(page, 11)).toEqual([]);
  });
}




test('the parameter panel says the sliders edit the selected segment; tabbing into a protocol row selects it', async ({ page }) => {
  await openApp(page);

  await expect(tid(page, 'selected-segment')).toHaveText(/^Editing segment 1 \(0–300 ms\)/);
  await expect(tid(page, 'edit-scope')).toContainText('change the selected segment only');
  await tid(page, 'segment-row-2').click({ position: { x: 3, y: 8 } });
  await expect(tid(page, 'selected-segment')).toHaveText(/^Editing segment 3 \(600–900 ms\)/);
  await tid(page, 'segment-row-0').click({ position: { x: 3, y: 8 } });

  expect(await selectedSegment(page)).toBe(0);
  await tid(page, 'segment-0-label').focus();
  for (let i = 1; i <= 3; i++) {
    // Tab through row i−1's remaining controls until focus enters row i.
    for (let k = 0; k < 12; k++) {
      await page.keyboard.press('Tab');
      const inRow = await tid(page, `segment-row-${i}`).evaluate((row) => row.contains(document.activeElement));
      if (inRow) break;
    }
    await expect(tid(page, `segment-row-${i}`)).toHaveAttribute('aria-selected', 'true');
    await expect(tid(page, 'selected-segment')).toContainText(`segment ${i + 1}`);
  }
});

test('the plot has a text alternative; the status line is announced only when the outcome changes', async ({ page }) => {
  await openApp(page);

  const plot = tid(page, 'plot');
  await expect(plot).toHaveAttribute('role', 'img');
  await expect(plot).toHaveAccessibleName(/Time plot of the run: v\(t\), u\(t\) from 0 to 1[\u2009 ]500 ms, 5 segments/);
  const ref = simulate(REF, { record: false });
  const desc = tid(page, 'plot-description');
  await expect(desc).toContainText(`${ref.spikes.length} spikes in all`);
  for (const g of ref.segments) await expect(desc).toContainText(`Segment ${g.index + 1}, ${g.label}`);
  await expect(plot).toHaveAccessibleDescription(/Segment 5, bursting, I=10, 1[\u2009 ]200 to 1[\u2009 ]500\.0 ms: 26 spikes/);
  // Plotly's tick labels are not read as a jumble: nothing inside the plot is exposed on its own.
  const inside = await plot.locator('text').first().evaluate((el) => el.closest('[role="img"]') !== null);
  expect(inside).toBe(true);

  await expect(tid(page, 'status')).not.toHaveAttribute('aria-live', /.+/);
  await expect(tid(page, 'status')).not.toHaveAttribute('role', /.+/);
  const live = page.locator('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"]');
  const before = await live.allTextContents();
  const slider = tid(page, 'slider-a');
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(tid(page, 'status')).toHaveAttribute('data-kind', 'ok');
  await expect(tid(page, 'status-text')).toContainText('ok');
  expect(await live.allTextContents(), 'no live region changed while the runs stayed ok').toEqual(before);
  // A change of outcome is announced once.
  await typeInto(page, 'segment-4-until', '600000');
  await expect(tid(page, 'status-announce')).toContainText('not run');
});

test('a gallery note is read once (in the card’s description), not twice', async ({ page }) => {
  const id = 'inhibition_induced_bursting';
  const note = getExperiment(id)!.accurateIntegrationNote!;
  expect(note).toBeTruthy();
  await page.goto('/#gallery');
  const card = tid(page, `gallery-item-${id}`);
  await expect(card).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree') as { nodes: Array<{ role?: { value: string }; name?: { value: string }; description?: { value: string }; ignored?: boolean }> };
  const words = note; // the whole note (notes of other cards share their first words)
  let count = 0;
  for (const n of nodes) {
    if (n.ignored) continue;
    for (const v of [n.name?.value, n.description?.value]) if (v && v.includes(words)) count++;
    // static text nodes inside the card are part of its name; counting the link's name and description covers them
    if (n.role?.value === 'StaticText' && n.name?.value?.includes(words)) count--;
  }
  await cdp.detach();
  expect(count, 'the note is exposed exactly once').toBe(1);
});

