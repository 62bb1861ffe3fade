// End-to-end test of the network view (issue 12): open it from the top bar, see the paper's network run with the
// engine's readouts, watch the raster grow during a long run (pause, resume, stop), click a raster row and see that
// cell's v(t), change the number of inhibitory cells and see the rates change, export the spikes (identical to the
// Node engine's run of the same seed: the browser's worker and Node agree) and reopen a saved network file.
import { readFileSync } from 'node:fs';
import { expect, test, checkPng, num, screenshot, tid, typeInto } from './support';
import type { Page } from '@playwright/test';
import { summarize } from '../src/analysis/network';
import { spikesCsv } from '../src/engine/network/csv';
import { runNetwork, type NetworkSim } from '../src/engine/network/sim';
import { paperNetwork, type NetworkSpec } from '../src/model/network';
import { parseNetwork } from '../src/model/networkSchema';
import { probeSeries, rasterBox } from '../src/ui/network/figure';

function engine(spec: NetworkSpec): NetworkSim {
  const r = runNetwork(spec);
  if (!r.ok) throw new Error(r.message);
  return r.sim;
}

function rates(sim: NetworkSim) {
  const s = summarize(sim.spikes.t, sim.spikes.cell, sim.spikes.count, sim.ne, sim.n, sim.time);
  return { exc: s.types.excitatory.rateHz.toFixed(2), inh: s.types.inhibitory.rateHz.toFixed(2) };
}

const phase = (page: Page) => tid(page, 'net-status').getAttribute('data-phase');
const figureNum = async (page: Page, attr: string) => num(await tid(page, 'net-figure').getAttribute(attr));

async function waitDone(page: Page) {
  await expect.poll(() => phase(page), { message: 'the run to finish', timeout: 45_000 }).toBe('done');
  await expect.poll(() => figureNum(page, 'data-time'), { message: 'the whole run painted' }).toBe(num(await tid(page, 'net-status').textContent()));
}

test('network: the paper network runs, the raster grows, a row shows its v(t), inhibitory cells change the rates, spikes export', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await tid(page, 'open-network').click();
  await expect(tid(page, 'network-view')).toBeVisible();
  await expect(page).toHaveURL(/#network$/);

  // The paper's network runs by itself; the readouts are the engine's.
  const paper = paperNetwork();
  await waitDone(page);
  const r0 = rates(engine(paper));
  await expect(tid(page, 'net-rate-exc')).toHaveText(r0.exc);
  await expect(tid(page, 'net-rate-inh')).toHaveText(r0.inh);
  expect(await figureNum(page, 'data-spikes')).toBe(engine(paper).spikes.count);
  await expect(tid(page, 'net-peak-alpha')).toContainText('Hz');
  // The worker runs the WebAssembly kernels under the page's policy (script-src 'wasm-unsafe-eval', nothing more).
  await expect(tid(page, 'net-engine')).toHaveText('WebAssembly SIMD');
  await screenshot(page, 'network-paper');

  // Click the row of cell 120: its v(t) appears, equal to the engine's recorded v of that cell.
  const fig = tid(page, 'net-figure');
  const box = (await fig.boundingBox())!;
  const rb = rasterBox(Math.floor(box.width), Math.floor(box.height));
  // At this size a pixel row holds about three cells: the cell is the one under the (whole-pixel) pointer.
  const clickX = Math.round(box.x + rb.left + rb.width * 0.5), clickY = Math.round(box.y + rb.top + rb.height * 0.88);
  const cell = Math.floor(1000 - ((clickY - box.y - rb.top) / rb.height) * 1000);
  expect(cell).toBeLessThan(800);
  await page.mouse.move(clickX, clickY);
  await expect(tid(page, 'net-hover')).toContainText(`cell ${cell} (excitatory)`);
  await page.mouse.click(clickX, clickY);
  await expect(fig).toHaveAttribute('data-probe', String(cell));
  const sim = engine(paper);
  const tr = sim.trace(cell);
  const spikesOfCell: number[] = [];
  for (let k = 0; k < sim.spikes.count; k++) if (sim.spikes.cell[k] === cell) spikesOfCell.push(sim.spikes.t[k]);
  const want = probeSeries(sim.sampleTime(0), sim.recordEvery * sim.h, tr.v, tr.v.length, spikesOfCell);
  const shown = await fig.evaluate((el) => {
    const gd = el.querySelector('.js-plotly-plot') as unknown as { data: Array<{ name?: string; x: number[]; y: number[] }> };
    const v = gd.data.find((d) => d.name === 'v');
    return v ? { x: Array.from(v.x), y: Array.from(v.y) } : null;
  });
  expect(shown).toEqual(want);
  await expect(fig).toContainText(`v(t) of cell ${cell} (excitatory)`);

  // A long run: the raster grows while it runs; pause holds it, resume continues, stop ends it. The longest duration
  // allowed (600 s of network time, ~25 s of worker time here) so that no machine finishes it before the test stops it.
  await typeInto(page, 'net-duration', '600000');
  await expect.poll(() => phase(page), { message: 'the long run to start', intervals: [50], timeout: 30_000 }).toBe('running');
  await tid(page, 'net-pause').click();
  await expect.poll(() => phase(page), { message: 'paused' }).toBe('paused');
  const pausedAt = num((await tid(page, 'net-status').textContent())!.replace(/^paused at /, ''));
  expect(pausedAt).toBeGreaterThan(0);
  expect(pausedAt).toBeLessThan(600_000);
  await expect.poll(() => figureNum(page, 'data-time')).toBe(pausedAt);
  const spikesAtPause = await figureNum(page, 'data-spikes');
  expect(spikesAtPause).toBeGreaterThan(0);
  await screenshot(page, 'network-paused');
  await tid(page, 'net-resume').click();
  await expect.poll(() => figureNum(page, 'data-time'), { message: 'the raster to grow after resume', intervals: [50], timeout: 30_000 }).toBeGreaterThan(pausedAt);
  expect(await figureNum(page, 'data-spikes')).toBeGreaterThan(spikesAtPause);
  await tid(page, 'net-stop').click();
  await expect.poll(() => phase(page), { message: 'stopped' }).toBe('stopped');

  // More inhibitory cells: the rates change to the engine's for that network.
  await typeInto(page, 'net-duration', '1000');
  await waitDone(page);
  await typeInto(page, 'net-ni', '400');
  const more = { ...paperNetwork(), probe: cell };
  more.populations.inhibitory.count = 400;
  await expect.poll(async () => (await tid(page, 'net-rate-inh').textContent())?.trim(), { message: 'rates of the 400-inhibitory network', timeout: 45_000 })
    .toBe(rates(engine(more)).inh);
  await waitDone(page);
  const r1 = rates(engine(more));
  await expect(tid(page, 'net-rate-exc')).toHaveText(r1.exc);
  expect(r1.exc).not.toBe(r0.exc);
  await screenshot(page, 'network-400-inhibitory');

  // Spikes CSV: exactly what the Node engine writes for the same network and seed.
  const dl = page.waitForEvent('download');
  await tid(page, 'net-export-csv').click();
  const csv = readFileSync((await (await dl).path())!, 'utf8');
  const ref = engine(more);
  expect(csv).toBe([...spikesCsv(more, ref.spikes.t, ref.spikes.cell, ref.spikes.count)].join(''));

  // PNG of the figure.
  const dlPng = page.waitForEvent('download');
  await tid(page, 'net-export-png').click();
  const png = checkPng(readFileSync((await (await dlPng).path())!));
  expect(png.width).toBeGreaterThan(1000);

  // The network file reopens the same network.
  const dlJson = page.waitForEvent('download');
  await tid(page, 'net-save').click();
  const saved = readFileSync((await (await dlJson).path())!, 'utf8');
  const parsed = parseNetwork(JSON.parse(saved));
  expect(parsed.ok && parsed.spec).toEqual(more);
  await tid(page, 'net-paper').click();
  await waitDone(page);
  await expect(tid(page, 'net-rate-inh')).toHaveText(r0.inh);
  await tid(page, 'net-open-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await expect(tid(page, 'net-ni')).toHaveValue('400');
  await waitDone(page);
  await expect(tid(page, 'net-rate-inh')).toHaveText(r1.inh);
});

test('network: bad input names the field and its range; an oversized network is refused with what to change', async ({ page }) => {
  await page.goto('/#network');
  await waitDone(page);
  await typeInto(page, 'net-ni', '-5');
  await expect(tid(page, 'net-ni-error')).toContainText('inhibitory must be a whole number in [0, 100000]');
  await expect(tid(page, 'net-ni')).toHaveAttribute('aria-invalid', 'true');
  await typeInto(page, 'net-ni', '200');
  await typeInto(page, 'net-ne', '9800');
  await expect(tid(page, 'net-memory')).toContainText('choose sparse connectivity');
  await expect.poll(() => phase(page), { message: 'refused' }).toBe('refused');
  await expect(tid(page, 'net-status')).toContainText('exceeds the memory budget');
  await tid(page, 'net-open-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"seed": -1}') });
  await expect(tid(page, 'net-notice')).toContainText('bad.json is not a valid network file');
  await expect(tid(page, 'net-notice')).toContainText('seed: -1 is out of range');
  await expect(tid(page, 'net-ne')).toHaveValue('9800');
});

for (const [w, h] of [[1440, 900], [1024, 768], [414, 896]] as const) {
  test(`network view at ${w}×${h}: no sideways scroll, the figure and the controls inside the window's width`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/#network');
    await waitDone(page);
    const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    expect(sw).toBeLessThanOrEqual(iw);
    for (const id of ['net-figure', 'net-run', 'net-ni', 'net-export-csv', 'net-rate-exc']) {
      const b = (await tid(page, id).boundingBox())!;
      expect(b.x, `${id} left`).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width, `${id} right`).toBeLessThanOrEqual(w + 0.5);
    }
    await screenshot(page, `network-${w}x${h}`);
  });
}
