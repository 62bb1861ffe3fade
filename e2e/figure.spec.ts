// End-to-end tests of the plot as a figure a scientist can trust and publish (issue 8): nothing that can send data
// to another origin, y zoom on every panel with a way back, optional spike markers (counted against the engine),
// panels with units, frames and separate scales, a selection that does not dominate, one number format, a toolbar
// that covers no label, double-click that never selects, off-scale slider values marked, one preset per parameter set.
import type { Page } from '@playwright/test';
import { simulate } from '../src/engine/simulate';
import { sessionDuration } from '../src/model/session';
import { spikeMarks } from '../src/state/spikeMarks';
import { expect, num, openApp, referenceSession, selectedSegment, test, tid, typeInto, waitForFirstPaint } from './support';

const REF = referenceSession();

type Gd = {
  layout: Record<string, { range?: number[]; title?: { text?: string } }> & { shapes: Array<Record<string, unknown>> };
  data: Array<{ name?: string; x?: ArrayLike<number> }>;
  _fullLayout: { _size: { l: number; t: number; w: number; h: number } };
};

async function layoutOf(page: Page): Promise<{ ranges: Record<string, number[]>; titles: Record<string, string>; shapes: Array<Record<string, unknown>>; traces: Array<{ name: string; n: number }> }> {
  return page.evaluate(() => {
    const gd = (window as unknown as { __izhGraphDiv: () => Gd }).__izhGraphDiv();
    const ranges: Record<string, number[]> = {};
    const titles: Record<string, string> = {};
    for (const k of Object.keys(gd.layout)) {
      if (/^[xy]axis\d*$/.test(k)) { ranges[k] = (gd.layout[k].range ?? []).map(Number); titles[k] = gd.layout[k].title?.text ?? ''; }
    }
    return { ranges, titles, shapes: gd.layout.shapes, traces: gd.data.map((d) => ({ name: d.name ?? '', n: d.x?.length ?? 0 })) };
  });
}

/** Pixel box of a y axis's panel (Plotly's drag area for that subplot). */
async function panelBox(page: Page, yaxis: 'y' | 'y2' | 'y3'): Promise<{ x: number; y: number; w: number; h: number }> {
  return page.evaluate((ya) => {
    const gd = (window as unknown as { __izhGraphDiv: () => HTMLElement & Gd }).__izhGraphDiv();
    const key = ya === 'y' ? 'yaxis' : `yaxis${ya.slice(1)}`;
    const ax = (gd as unknown as { _fullLayout: Record<string, { _offset: number; _length: number }> })._fullLayout[key];
    const xa = (gd as unknown as { _fullLayout: Record<string, { _offset: number; _length: number }> })._fullLayout.xaxis;
    const r = gd.getBoundingClientRect();
    return { x: r.left + xa._offset, y: r.top + ax._offset, w: xa._length, h: ax._length };
  }, yaxis);
}

test('privacy: no control in the page can send data to another origin', async ({ page }) => {
  await openApp(page);
  await tid(page, 'plot').hover();
  // Plotly's own toolbar is gone (its "Share chart…" uploads to Plotly's cloud; its logo links out).
  await expect(page.locator('.modebar')).toHaveCount(0);
  await expect(page.locator('[data-title*="Share"], [data-title*="Chart Studio"], .plotlyjsicon')).toHaveCount(0);
  // Plotly's defaults, for any plot that turns its toolbar on: only buttons that act in the page.
  const config = await page.evaluate(() => {
    const P = (window as unknown as { __izhPlotly: { setPlotConfig: unknown } & Record<string, unknown> }).__izhPlotly;
    const gd = (window as unknown as { __izhGraphDiv: () => { _context: Record<string, unknown> } }).__izhGraphDiv();
    return { ctx: gd._context, has: !!P };
  });
  expect(config.ctx.showSendToCloud).toBe(false);
  expect(config.ctx.showEditInChartStudio).toBe(false);
  expect(config.ctx.displaylogo).toBe(false);
  expect(config.ctx.plotlyServerURL).toBe('');
  expect(JSON.stringify(config.ctx.modeBarButtons)).not.toMatch(/Cloud|Studio|toImage|sendData/i);

  // Every link, form, frame, image and script of every view points at this origin (or is in-page: #…, blob:, data:).
  const origin = new URL(page.url()).origin;
  for (const hash of ['', '#gallery', '#experiment=tonic_spiking']) {
    await page.goto(`/${hash}`);
    if (hash === '#gallery') await expect(tid(page, 'gallery')).toBeVisible();
    else await waitForFirstPaint(page);
    const targets = await page.evaluate(() => [
      ...[...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
      ...[...document.querySelectorAll('form')].map((f) => (f as HTMLFormElement).action),
      ...[...document.querySelectorAll('iframe, img, script[src], link[href], source, video, audio')]
        .map((e) => (e as HTMLImageElement).src || (e as HTMLLinkElement).href || ''),
    ].filter(Boolean));
    for (const t of targets) expect(/^(blob|data):/.test(t) || new URL(t).origin === origin, `${t} stays in the page`).toBe(true);
  }
  // And pressing every button of the explorer's top bar and plot toolbar makes no request elsewhere (the guard
  // fixture fails the test on any request to another origin).
  await openApp(page);
  page.on('dialog', (d) => void d.dismiss());
  const controls = page.locator('[data-testid="plot-tools"] button, [data-testid="plot-tools"] input, header.topbar button');
  let pressed = 0;
  for (const b of await controls.elementHandles()) {
    if (!(await b.evaluate((e) => e.isConnected))) continue; // gone with an earlier click
    if (/open json/i.test((await b.textContent()) ?? '')) continue; // opens the system's file chooser
    if (!(await b.isVisible()) || !(await b.isEnabled())) continue;
    await b.click({ timeout: 5000 });
    pressed++;
  }
  expect(pressed).toBeGreaterThanOrEqual(8);
  await expect(page.locator('header.topbar')).toBeVisible();
});

test('y zoom on every panel, with a way back (toolbar and double-click)', async ({ page }) => {
  await page.goto('/#experiment=resonator'); // has an I(t) panel
  await waitForFirstPaint(page);
  const before = await layoutOf(page);
  expect(before.titles.yaxis3, 'the I panel').toBe('I (mV/ms)');
  for (const [ya, key] of [['y', 'yaxis'], ['y2', 'yaxis2'], ['y3', 'yaxis3']] as const) {
    const b = await panelBox(page, ya);
    // A tall, narrow box: that panel's y axis only.
    await page.mouse.move(b.x + b.w * 0.5, b.y + b.h * 0.2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.w * 0.5 + 3, b.y + b.h * 0.6, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await layoutOf(page)).ranges[key][1], { message: `${key} zoomed` }).toBeLessThan(before.ranges[key][1]);
    const after = await layoutOf(page);
    expect(after.ranges[key][0]).toBeGreaterThan(before.ranges[key][0]);
    expect(after.ranges.xaxis, 'time untouched').toEqual(before.ranges.xaxis);
  }
  await expect(tid(page, 'tool-reset-zoom')).toBeEnabled();
  await tid(page, 'tool-reset-zoom').click();
  await expect.poll(async () => (await layoutOf(page)).ranges.yaxis).toEqual(before.ranges.yaxis);
  expect((await layoutOf(page)).ranges.yaxis3).toEqual(before.ranges.yaxis3);
  await expect(tid(page, 'tool-reset-zoom')).toBeDisabled();

  // Zoom v again, then double-click: back to the automatic ranges and the whole run.
  const b = await panelBox(page, 'y');
  await page.mouse.move(b.x + 40, b.y + 10);
  await page.mouse.down();
  await page.mouse.move(b.x + b.w * 0.6, b.y + b.h * 0.7, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await layoutOf(page)).ranges.yaxis[1]).toBeLessThan(before.ranges.yaxis[1]);
  await page.mouse.dblclick(b.x + b.w * 0.5, b.y + b.h * 0.5);
  await expect.poll(async () => (await layoutOf(page)).ranges.yaxis).toEqual(before.ranges.yaxis);
  expect((await layoutOf(page)).ranges.xaxis).toEqual(before.ranges.xaxis);
});

test('double-click to reset the zoom never selects the segment under the pointer', async ({ page }) => {
  await openApp(page);
  expect(await selectedSegment(page)).toBe(0);
  await tid(page, 'tool-zoom-in').click();
  await expect(tid(page, 'tool-reset-zoom')).toBeEnabled();
  const b = await panelBox(page, 'y');
  // The middle of the zoomed window is in segment 3 (600–900 ms).
  await page.mouse.dblclick(b.x + b.w * 0.5, b.y + b.h * 0.5);
  await expect(tid(page, 'tool-reset-zoom')).toBeDisabled();
  await expect.poll(async () => (await layoutOf(page)).ranges.xaxis).toEqual([0, sessionDuration(REF)]);
  expect(await selectedSegment(page)).toBe(0);
  // A single click still selects.
  await page.mouse.click(b.x + b.w * 0.5, b.y + b.h * 0.5);
  await expect.poll(() => selectedSegment(page)).toBe(2);
});

test('spike markers: optional, one per spike (per pixel column), at the engine’s spike times', async ({ page }) => {
  await openApp(page);
  expect((await layoutOf(page)).traces.some((t) => t.name === 'spikes'), 'off by default').toBe(false);
  await tid(page, 'tool-spike-markers').check();
  const columns = num(await page.locator('.status-aux').textContent());
  const ref = simulate(REF, { record: false });
  const want = spikeMarks(ref.spikes, REF, [0, sessionDuration(REF)], columns);
  expect(want.x.length).toBeGreaterThan(20);
  await expect.poll(async () => (await layoutOf(page)).traces.find((t) => t.name === 'spikes')?.n).toBe(want.x.length);
  const xs = await page.evaluate(() => {
    const gd = (window as unknown as { __izhGraphDiv: () => Gd }).__izhGraphDiv();
    return Array.from(gd.data.find((d) => d.name === 'spikes')!.x!);
  });
  xs.forEach((x, i) => expect(x).toBeCloseTo(want.x[i], 3)); // float32 spike times in the worker
  await expect(page.locator('.scatterlayer .point')).toHaveCount(want.x.length);
  // Kept across a reload, and off again on request.
  await page.reload();
  await waitForFirstPaint(page);
  await expect(tid(page, 'tool-spike-markers')).toBeChecked();
  await tid(page, 'tool-spike-markers').uncheck();
  await expect.poll(async () => (await layoutOf(page)).traces.some((t) => t.name === 'spikes')).toBe(false);
});

test('the figure: units on every axis, panels framed and apart, a quiet selection, one number format, no label covered', async ({ page }) => {
  await openApp(page);
  // Panels and selection.

  const l = await layoutOf(page);
  expect(l.titles).toMatchObject({ xaxis: 't (ms)', yaxis: 'v (mV)', yaxis2: 'u (mV/ms)' });
  // The lowest v tick label and the highest u tick label are well apart (they ran together).
  const gap = await page.evaluate(() => {
    const box = (sel: string) => [...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect());
    const v = box('.yaxislayer-above .ytick text');
    const u = box('.yaxislayer-above .y2tick text');
    return Math.min(...u.map((r) => r.top)) - Math.max(...v.map((r) => r.bottom));
  });
  expect(gap).toBeGreaterThanOrEqual(8);
  const frames = l.shapes.find((s) => s.name === 'frames');
  expect(frames, 'panel frames').toBeTruthy();
  // Bands: all alike; the selected segment has its bar above the plot.
  const bands = l.shapes.filter((s) => String(s.name).startsWith('band-'));
  expect(new Set(bands.map((b) => b.opacity)).size).toBe(1);
  const bar = l.shapes.find((s) => s.name === 'selection')!;
  expect([bar.x0, bar.x1]).toEqual([0, REF.protocol[0].until]);

  // One number format: thin-space thousands in ticks, hovers, status and readouts; never a comma.

  const ticks = await page.locator('.xtick text').allTextContents();
  expect(ticks).toContain('1\u2009000');
  const pb = await panelBox(page, 'y');
  await page.mouse.move(pb.x + pb.w * 0.82, pb.y + pb.h * 0.5); // t ≈ 1230 ms
  const hover = page.locator('.hoverlayer text');
  await expect(hover.first()).toBeVisible();
  const hovers = (await hover.allTextContents()).join(' ');
  expect(hovers).toMatch(/1\u2009\d{3}\.\d{2}/);
  const cells = await tid(page, 'readouts').locator('td, .big, .cap').allTextContents();
  const texts = [...ticks, hovers, (await tid(page, 'status-text').textContent()) ?? '', ...cells];
  for (const t of texts) {
    expect(t).not.toMatch(/\d,\d{3}/);
    expect(t, 'no ungrouped number of 4 digits or more').not.toMatch(/(?<![\d.])\d{4,}(?![\d])/);
    expect(t, 'a typographic minus').not.toMatch(/(^|[\s=(])-\d/);
  }
  expect(await tid(page, 'status-text').textContent()).toMatch(/\d\u2009\d{3} samples/);

  // Nothing covers the right-most segment label while the pointer is over the plot.

  
  await page.mouse.move(pb.x + pb.w - 10, pb.y + 20);
  const label = page.locator('.annotation-text', { hasText: 'bursting, I=10' });
  const lb = (await label.boundingBox())!;
  // No toolbar or overlay of the page lies over the label.
  await expect(page.locator('.modebar')).toHaveCount(0);
  for (const o of await page.locator('.modebar-container, .plot-tools, .plot-stale, [data-testid="plot-tools"] *').all()) {
    const ob = await o.boundingBox();
    if (!ob) continue;
    const apart = ob.x >= lb.x + lb.width || lb.x >= ob.x + ob.width || ob.y >= lb.y + lb.height || lb.y >= ob.y + ob.height;
    expect(apart, 'an overlay covers the right-most label').toBe(true);
  }
  expect(lb.x + lb.width).toBeLessThanOrEqual(pb.x + pb.w + 16); // inside the figure
});

test('a value beyond a slider’s range is marked off scale (typed, or from an experiment)', async ({ page }) => {
  await openApp(page);
  await expect(tid(page, 'off-scale-d')).toHaveCount(0);
  await typeInto(page, 'field-d', '25');
  await expect(tid(page, 'off-scale-d')).toBeVisible();
  await expect(tid(page, 'off-scale-d')).toContainText('25');
  await expect(tid(page, 'slider-d')).toHaveAttribute('aria-valuetext', /beyond the slider's range/);
  await typeInto(page, 'field-d', '8');
  await expect(tid(page, 'off-scale-d')).toHaveCount(0);
  await page.goto('/#experiment=dap');
  await waitForFirstPaint(page);
  await expect(tid(page, 'off-scale-a')).toBeVisible();
  await expect(tid(page, 'off-scale-a')).toContainText('1');
});

test('presets: one entry per parameter set, the picked one shown, no repeated option texts', async ({ page }) => {
  await openApp(page);
  const texts = await tid(page, 'select-preset').locator('option:not([disabled])').allTextContents();
  expect(new Set(texts).size).toBe(texts.length);
  for (const t of texts) expect(t).not.toMatch(/^[a-z]+_[a-z_]+:/);
  expect(texts.filter((t) => /chattering/i.test(t))).toHaveLength(1);
  const ch = texts.find((t) => /chattering/i.test(t))!;
  await tid(page, 'select-preset').selectOption({ label: ch });
  await expect(tid(page, 'select-preset').locator('option:checked')).toHaveText(ch);
  await expect(tid(page, 'preset-match')).toHaveText('exact preset values');
});
