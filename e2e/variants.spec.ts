// End-to-end tests of the model variants (issue 14): switching the session to the 2007 form and picking a book cell
// (IB) shows its current in pA on the I axis; a refractory period set in the model options spaces a burst's spikes
// out; the gallery's 2007 cells switch to accurate mode. Expected spike counts and intervals come from the engine run here in Node on the same session edits.
import {
  expect, test, expectReadouts, expected, openApp, plotState, referenceSession, revision, screenshot, tid, waitForFirstPaint, waitForRevisionAbove,
} from './support';
import { getExperiment } from '../src/model/experiments';
import { applyPresetAt, setOptions, switchModel } from '../src/state/sessionOps';
import { simulate } from '../src/engine/simulate';
import type { Session } from '../src/model/session';
import { formatFixed } from '../src/ui/shared/format';

const REF = referenceSession();

/** The y-axis titles Plotly drew (SVG text), e.g. "v (mV)", "u (pA)", "I (pA)". */
async function axisTitles(page: import('@playwright/test').Page): Promise<string[]> {
  return tid(page, 'plot').locator('text[class$="title"]').allTextContents();
}

test('switching to the 2007 form and picking IB shows pA on the current and recovery axes; readouts match the engine', async ({ page }) => {
  const r0 = await openApp(page);
  await tid(page, 'select-model').selectOption('izh2007');
  const s07 = switchModel(REF, 'izh2007');
  await waitForRevisionAbove(page, r0);
  await expectReadouts(page, expected(s07));
  // The 2007 form always shows I(t); its unit is pA.
  await expect.poll(() => axisTitles(page)).toContain('I (pA)');
  expect(await axisTitles(page)).toContain('u (pA)');
  await expect(tid(page, 'model-equations')).toContainText('C·v′ = k(v − v');

  const r1 = await revision(page);
  await tid(page, 'select-preset').selectOption('IB');
  await expect(tid(page, 'select-preset')).toHaveValue('IB');
  await expect(tid(page, 'preset-match')).toHaveText('exact preset values');
  await expect.poll(async () => Number(await tid(page, 'field-C').inputValue())).toBe(150);
  const ib = applyPresetAt(s07, 0, 'IB');
  await waitForRevisionAbove(page, r1);
  await expectReadouts(page, expected(ib));
  expect(await axisTitles(page)).toContain('I (pA)');
  // The protocol editor's current column is in pA too.
  await expect(tid(page, 'protocol')).toContainText('pA');
  const st = await plotState(page);
  expect(st.vTrace).toBeGreaterThanOrEqual(0);
  await screenshot(page, 'variants-2007-ib');
});

/** Smallest inter-spike interval inside segment i of the session's run, ms. */
function minIsi(s: Session, i: number): number {
  const r = simulate(s, { record: false });
  const g = r.segments[i];
  const sp = Array.from(r.spikes).filter((t) => t >= g.t_start && t < g.t_end);
  return Math.min(...sp.slice(1).map((t, k) => t - sp[k]));
}

test('a refractory period of 3 ms spaces out the bursts of the "bursting" segment as the engine says', async ({ page }) => {
  const seg = REF.protocol.findIndex((g) => g.preset === 'bursting');
  expect(seg).toBeGreaterThanOrEqual(0);
  const held = setOptions(REF, { refractory: 3 });
  // The engine, here: bursts of spikes < 3 ms apart without the option, none closer than 3 ms with it.
  expect(minIsi(REF, seg)).toBeLessThan(3);
  expect(minIsi(held, seg)).toBeGreaterThanOrEqual(3);
  const expRef = simulate(REF, { record: false }).segments[seg], expHeld = simulate(held, { record: false }).segments[seg];
  expect(expHeld.isiMean).not.toBe(expRef.isiMean);

  const r0 = await openApp(page);
  await expect(tid(page, `readout-segment-${seg}-isi`)).toHaveText(formatFixed(expRef.isiMean!, 2));
  const field = tid(page, 'field-refractory');
  await field.fill('3');
  await field.press('Enter');
  await waitForRevisionAbove(page, r0);
  await expectReadouts(page, expected(held));
  await expect(tid(page, `readout-segment-${seg}-isi`)).toHaveText(formatFixed(expHeld.isiMean!, 2));
  await screenshot(page, 'variants-refractory');
});

test('the gallery\u2019s FS cell of the 2007 form: the book\u2019s scheme, then accurate mode, readouts as the engine says', async ({ page }) => {
  const e = getExperiment('fs_2007')!;
  await page.goto('/#experiment=fs_2007');
  const r0 = await waitForFirstPaint(page);
  await expectReadouts(page, expected(e.session));
  await expect(tid(page, 'scheme-accurate')).toBeVisible();
  await tid(page, 'scheme-accurate').click();
  await expect(tid(page, 'scheme-accurate')).toHaveAttribute('aria-pressed', 'true');
  await waitForRevisionAbove(page, r0);
  // The banner's accurate scheme: rk4, exact spikes, dt 0.01 ms (state/experimentLink.ts accurateIntegration).
  const accurate = { ...e.session, integration: { ...e.session.integration, stepper: 'rk4' as const, spikes: 'exact' as const, dt: 0.01 } };
  await expectReadouts(page, expected(accurate));
  // The accurate train is faster (regular 12.3 ms intervals instead of 14.6–17.2 ms).
  expect(expected(accurate).total).toBeGreaterThan(expected(e.session).total);
  expect(await axisTitles(page)).toContain('I (pA)');
  // Its cubic u drive is a special rule the script generators refuse: the export panel says so (and the page lives).
  await expect(tid(page, 'script-notes')).toContainText('No script for this session');
  await expect(tid(page, 'export-script')).toBeDisabled();
});

test('the protocol editor shows the papers\u2019 times: spike latency\u2019s pulse runs from 10 to 13 ms', async ({ page }) => {
  const e = getExperiment('spike_latency')!;
  const pulse = e.session.protocol.findIndex((g) => g.label?.startsWith('pulse'));
  expect([e.session.protocol[pulse - 1].until, e.session.protocol[pulse].until]).toEqual([10, 13]);
  await page.goto('/#experiment=spike_latency');
  await waitForFirstPaint(page);
  await expectReadouts(page, expected(e.session));
  await expect(tid(page, `segment-${pulse - 1}-until`)).toHaveValue('10');
  await expect(tid(page, `segment-${pulse}-until`)).toHaveValue('13');
});
