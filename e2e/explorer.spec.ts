// End-to-end tests of the explorer (issue 3) against the production build in Chromium, done as a person would:
// open the page, drag a slider with the mouse, pick a preset, edit the protocol, export a PNG, type bad values,
// reload, reset. Expected spike counts come from the engine (src/engine/simulate.ts) run here in Node, never hard-coded.
import { readFileSync } from 'node:fs';
import {
  expect, test, ARTIFACTS, checkPng, cloneSession, effective, expectReadouts, expected, fieldValue, num, openApp, paramRangeTexts,
  plotState, rangeGeometry, readCounts, referenceSession, revision, screenshot, selectSegment, selectedSegment, tid,
  typeInto, waitForFirstPaint, waitForRevisionAbove, withAssign, type PlotState,
} from './support';
import { segmentStart } from '../src/model/session';
import { formatCount } from '../src/ui/shared/format';

const REF = referenceSession();
const REF_EXP = expected(REF);
const N = REF.protocol.length;

/** Fingerprint of the drawn v trace (its y values), or NaN when no v trace is found. */
function vHash(st: PlotState): number {
  return st.vTrace >= 0 ? st.traces[st.vTrace].hash : NaN;
}

test('the page opens with the reference scenario simulated: 5 bands, 5 labelled lines, readouts match the engine', async ({ page }) => {
  // The reference scenario itself, as the issue states it.
  expect(N).toBe(5);
  expect(REF_EXP.status).toBe('ok');
  expect(REF_EXP.labels).toEqual(['I=0', 'I=5', 'I=10', 'I=15', 'bursting, I=10']);

  await openApp(page);
  const st = await plotState(page);

  // One coloured band per segment, spanning it; one labelled line at every segment start.
  expect(st.rects.map((r) => r.name).sort()).toEqual(REF.protocol.map((_, i) => `band-${i}`));
  for (const r of st.rects) {
    const i = Number(r.name.slice(5));
    expect(r.x0).toBeCloseTo(segmentStart(REF.protocol, i), 6);
    expect(r.x1).toBeCloseTo(REF.protocol[i].until, 6);
  }
  expect(st.lines.map((l) => l.name).sort()).toEqual(REF.protocol.map((_, i) => `line-${i}`));
  for (const l of st.lines) {
    expect(l.x0).toBeCloseTo(segmentStart(REF.protocol, Number(l.name.slice(5))), 6);
    expect(l.x1, 'a vertical line').toBe(l.x0);
  }
  for (const label of REF_EXP.labels) {
    expect(st.annotations).toContain(label);
    expect(st.svgAnnotations).toContain(label);
  }
  // Shapes are drawn in the SVG (bands + lines), not only present in the layout.
  expect(st.svgShapes).toBeGreaterThanOrEqual(N + 1);

  // Two panels: v on the −80..50 mV axis with spikes at full height (the peak sample at v_th), u on another axis.
  expect(st.vTrace, `a trace on a y axis spanning -80..50; axes: ${JSON.stringify(st.yRanges)}`).toBeGreaterThanOrEqual(0);
  expect(st.vRange, "v's axis is -80..50 mV").toEqual([-80, 50]);
  const v = st.traces[st.vTrace];
  expect(v.n).toBeGreaterThan(100);
  expect(v.max).toBeGreaterThanOrEqual(REF.params.v_th - 0.01);
  expect(v.min).toBeLessThan(-60);
  const u = st.traces.find((t) => t.yaxis !== v.yaxis && t.n > 100);
  expect(u, 'a u(t) trace on its own panel').toBeTruthy();
  expect(num(await tid(page, 'plot').getAttribute('data-points'))).toBeGreaterThan(100);

  // Readouts: exactly the engine's spike counts, per segment and in total; rates consistent.
  await expectReadouts(page, REF_EXP);
  await expect(tid(page, 'status')).toHaveAttribute('data-kind', 'ok');
  await expect(tid(page, 'session-name')).toHaveValue(REF.name);

  // The controls show the selected segment's effective values.
  const sel = await selectedSegment(page);
  await expect(tid(page, 'selected-segment')).toContainText(String(sel + 1));
  for (const key of ['a', 'b', 'c', 'd', 'I', 'v_th'] as const) {
    expect(await fieldValue(page, `field-${key}`), `field-${key}`).toBeCloseTo(effective(REF, sel, key), 9);
    expect(await fieldValue(page, `slider-${key}`), `slider-${key}`).toBeCloseTo(effective(REF, sel, key), 9);
  }
  await screenshot(page, 'a-first-screen');
});

test('dragging the a slider with the mouse re-simulates while the pointer moves', async ({ page }) => {
  const r0 = await openApp(page);
  await expectReadouts(page, REF_EXP);
  const sel = await selectedSegment(page);
  const before = await plotState(page);
  expect(before.vTrace, 'the v trace is found').toBeGreaterThanOrEqual(0);
  const slider = tid(page, 'slider-a');
  const g = await rangeGeometry(slider);
  const a0 = await fieldValue(page, 'slider-a');
  expect(a0).toBeCloseTo(effective(REF, sel, 'a'), 9);

  await page.mouse.move(g.x(a0), g.y);
  await page.mouse.down();
  let rev = r0;
  const paintedDuringDrag: number[] = [];
  const totalsShown = new Set<number>();
  const span = g.max - g.min;
  for (const frac of [0.18, 0.26, 0.34, 0.42, 0.5, 0.58]) {
    await page.mouse.move(g.x(g.min + frac * span), g.y, { steps: 3 });
    const a = await fieldValue(page, 'slider-a');
    expect(a).not.toBeCloseTo(a0, 6);
    const exp = expected(withAssign(REF, sel, 'a', a));
    // The readout and the numeric field follow the pointer while the button is still held.
    await expect(tid(page, 'readout-total-spikes')).toHaveText(formatCount(exp.total));
    await expect.poll(() => fieldValue(page, 'field-a')).toBeCloseTo(a, 9);
    rev = await waitForRevisionAbove(page, rev);
    paintedDuringDrag.push(rev);
    totalsShown.add(exp.total);
  }
  await screenshot(page, 'b-while-dragging-a');
  await page.mouse.up();

  expect(paintedDuringDrag.length).toBeGreaterThan(1);
  expect(new Set(paintedDuringDrag).size).toBe(paintedDuringDrag.length);
  expect(totalsShown.size, 'the spike readout changed during the drag').toBeGreaterThan(1);

  const aEnd = await fieldValue(page, 'slider-a');
  await expectReadouts(page, expected(withAssign(REF, sel, 'a', aEnd)));
  await expect.poll(async () => vHash(await plotState(page)), { message: 'the v trace was redrawn' }).not.toBe(vHash(before));
  await expect(tid(page, 'status')).toHaveAttribute('data-kind', 'ok');
});

test('picking "bursting" sets c = -50 and d = 2 in the selected segment and changes the plot', async ({ page }) => {
  const r0 = await openApp(page);
  await expectReadouts(page, REF_EXP);
  const sel = await selectedSegment(page);
  expect(effective(REF, sel, 'c'), 'the selected segment is not already bursting').toBe(-65);
  const before = await plotState(page);
  expect(before.vTrace, 'the v trace is found').toBeGreaterThanOrEqual(0);

  await tid(page, 'select-preset').selectOption('bursting');
  await expect.poll(() => fieldValue(page, 'field-c')).toBe(-50);
  await expect.poll(() => fieldValue(page, 'field-d')).toBe(2);
  expect(await fieldValue(page, 'slider-c')).toBe(-50);
  expect(await fieldValue(page, 'slider-d')).toBe(2);
  // The picker shows what was picked, and the indicator does not repeat it.
  await expect(tid(page, 'select-preset')).toHaveValue('bursting');
  await expect(tid(page, 'preset-match')).toHaveText('exact preset values');

  const s = cloneSession(REF);
  s.protocol[sel].preset = 'bursting';
  await waitForRevisionAbove(page, r0);
  await expectReadouts(page, expected(s));
  await expect.poll(async () => vHash(await plotState(page)), { message: 'the v trace was redrawn' }).not.toBe(vHash(before));
  await screenshot(page, 'c-bursting-preset');
});

test("editing a segment's I changes that segment's spike count, and nothing before it", async ({ page }) => {
  const r0 = await openApp(page);
  await expectReadouts(page, REF_EXP);
  const shownBefore = await readCounts(page, N);
  const k = 2;
  const newI = 20;
  const exp = expected(withAssign(REF, k, 'I', newI));
  // The edit must matter for segment k (else the test could not fail).
  expect(exp.segments[k].spikes).not.toBe(REF_EXP.segments[k].spikes);
  await expect.poll(() => fieldValue(page, `segment-${k}-I`)).toBe(effective(REF, k, 'I'));

  await typeInto(page, `segment-${k}-I`, String(newI));
  await waitForRevisionAbove(page, r0);
  await expectReadouts(page, exp);
  // The worker re-integrated only from the edited segment on (the rest came from the previous run), and the readouts
  // above equal a full run of the edited session computed by the engine in Node.
  await expect(tid(page, 'status')).toContainText(`re-integrated from segment ${k + 1} on`);
  const shownAfter = await readCounts(page, N);
  for (let i = 0; i < k; i++) expect(shownAfter.segments[i], `segment ${i} before the edited one`).toBe(shownBefore.segments[i]);
  expect(shownAfter.segments[k]).not.toBe(shownBefore.segments[k]);
  expect(await fieldValue(page, `segment-${k}-I`)).toBe(newI);
  expect(await fieldValue(page, `segment-${k + 1}-I`)).toBe(effective(REF, k + 1, 'I'));
  await expect.poll(async () => (await plotState(page)).annotations, { message: 'boundary label updated' }).toContain(`I=${newI}`);
  await screenshot(page, 'd-segment-I-edited');
});

test('PNG export downloads a valid PNG of the chosen size, named after the session', async ({ page }) => {
  await openApp(page);
  expect(await fieldValue(page, 'export-width')).toBe(1200);
  expect(await fieldValue(page, 'export-height')).toBe(800);
  expect(await fieldValue(page, 'export-scale')).toBe(2);
  const [w, h, scale] = [900, 500, 2];
  await typeInto(page, 'export-width', String(w));
  await typeInto(page, 'export-height', String(h));
  await typeInto(page, 'export-scale', String(scale));

  const downloading = page.waitForEvent('download');
  await tid(page, 'export-png').click();
  const dl = await downloading;
  expect(dl.suggestedFilename()).toBe(`${REF.name}.png`);
  const file = await dl.path();
  const png = checkPng(readFileSync(file));
  expect(png.width).toBe(w * scale);
  expect(png.height).toBe(h * scale);
  expect(png.distinctBytes, 'the image is not blank').toBeGreaterThan(8);
  await dl.saveAs(new URL('screens/e-export.png', ARTIFACTS).pathname);
  await expect(tid(page, 'status')).not.toHaveAttribute('data-kind', 'error');
  await screenshot(page, 'e-after-export');
});

test('a bad value shows its message naming the range, keeps the plot and sends nothing', async ({ page }) => {
  const r0 = await openApp(page);
  await expectReadouts(page, REF_EXP);
  const sel = await selectedSegment(page);
  const before = await plotState(page);
  expect(before.vTrace, 'the v trace is found').toBeGreaterThanOrEqual(0);
  const [lo, hi] = paramRangeTexts('a');

  for (const bad of ['abc', 'NaN', '5', '-1']) {
    await typeInto(page, 'field-a', bad);
    const err = tid(page, 'error-a');
    await expect(err).toBeVisible();
    const text = ((await err.textContent()) ?? '').replace(/\u2212/g, '-');
    expect(text, `error for "${bad}"`).toContain(lo);
    expect(text, `error for "${bad}"`).toMatch(new RegExp(`[^\\d.]${hi.replace('.', '\\.')}(?![\\d.])`));
    expect(await revision(page), 'no new simulation painted').toBe(r0);
    await expect(tid(page, 'status')).toHaveAttribute('data-kind', 'ok');
    expect(await fieldValue(page, 'slider-a')).toBeCloseTo(effective(REF, sel, 'a'), 9);
  }
  await screenshot(page, 'f-bad-value');
  expect(vHash(await plotState(page)), 'the plot kept the last valid simulation').toBe(vHash(before));
  await expectReadouts(page, REF_EXP);

  // dt out of range: message names [0.0001, 1] ms.
  await typeInto(page, 'field-dt', '0');
  await expect(tid(page, 'error-dt')).toBeVisible();
  await expect(tid(page, 'error-dt')).toContainText(/0\.0001|1e-4/);
  expect(await revision(page)).toBe(r0);
  await typeInto(page, 'field-dt', String(REF.integration.dt));
  await expect(tid(page, 'error-dt')).toHaveCount(0);

  // A valid edit elsewhere is simulated with the last valid a: the bad values never reached the worker.
  await typeInto(page, 'field-d', '6');
  await waitForRevisionAbove(page, r0);
  await expectReadouts(page, expected(withAssign(REF, sel, 'd', 6)));
  await expect(tid(page, 'error-a')).toBeVisible();

  // Correcting the field clears the message and simulates.
  await typeInto(page, 'field-a', '0.03');
  await expect(tid(page, 'error-a')).toHaveCount(0);
  await expectReadouts(page, expected(withAssign(withAssign(REF, sel, 'd', 6), sel, 'a', 0.03)));
  await expect(tid(page, 'status')).toHaveAttribute('data-kind', 'ok');
});

test('a reload restores the edited session (segment I and a slider)', async ({ page }) => {
  await openApp(page);
  await expectReadouts(page, REF_EXP);
  const sel = await selectedSegment(page);

  // A slider moved with the keyboard (focused range input, arrow keys).
  const slider = tid(page, 'slider-d');
  await slider.focus();
  for (let i = 0; i < 4; i++) await slider.press('ArrowRight');
  const d = await fieldValue(page, 'slider-d');
  expect(d).toBeCloseTo(effective(REF, sel, 'd') + 4 * 0.05, 9);
  let s = withAssign(REF, sel, 'd', d);
  await expectReadouts(page, expected(s));

  // A segment's current typed in the protocol editor.
  await typeInto(page, 'segment-1-I', '7');
  s = withAssign(s, 1, 'I', 7);
  const exp = expected(s);
  await expectReadouts(page, exp);

  await page.reload();
  await waitForFirstPaint(page);
  await expectReadouts(page, exp);
  expect(await fieldValue(page, 'segment-1-I')).toBe(7);
  await selectSegment(page, sel);
  await expect.poll(() => fieldValue(page, 'slider-d')).toBeCloseTo(d, 9);
  expect(await fieldValue(page, 'field-d')).toBeCloseTo(d, 9);
  await expect.poll(async () => (await plotState(page)).annotations).toContain('I=7');
  await screenshot(page, 'g-after-reload');
});

test('reset returns to the reference scenario', async ({ page }) => {
  const r0 = await openApp(page);
  await typeInto(page, 'segment-3-I', '2');
  await tid(page, 'select-preset').selectOption('fast_spiking');
  await waitForRevisionAbove(page, r0);
  await expect(tid(page, 'select-preset')).toHaveValue('fast_spiking');
  await expect(tid(page, 'preset-match')).toHaveText('exact preset values');
  const changed = withAssign(REF, 3, 'I', 2);
  changed.protocol[await selectedSegment(page)].preset = 'fast_spiking';
  const changedExp = expected(changed);
  expect(changedExp.segments[3].spikes).not.toBe(REF_EXP.segments[3].spikes);
  await expectReadouts(page, changedExp);

  page.on('dialog', (dlg) => void dlg.accept());
  const r1 = await revision(page);
  await tid(page, 'reset-session').click();
  await waitForRevisionAbove(page, r1);
  await expectReadouts(page, REF_EXP);
  expect(await fieldValue(page, 'segment-3-I')).toBe(effective(REF, 3, 'I'));
  const sel = await selectedSegment(page);
  for (const key of ['a', 'b', 'c', 'd', 'I'] as const) {
    expect(await fieldValue(page, `field-${key}`), `field-${key}`).toBeCloseTo(effective(REF, sel, key), 9);
  }
  await expect(tid(page, 'session-name')).toHaveValue(REF.name);
  await expect.poll(async () => (await plotState(page)).annotations.filter((a) => REF_EXP.labels.includes(a)).sort())
    .toEqual([...REF_EXP.labels].sort());

  // The reset is what a reload brings back too.
  await page.reload();
  await waitForFirstPaint(page);
  await expectReadouts(page, REF_EXP);
  await screenshot(page, 'h-after-reset');
});
