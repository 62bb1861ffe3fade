// End-to-end tests of honest readouts (issue 8): after a refused run and after a diverged one, the readouts, the plot
// and the status line describe the same run, say which, and every piece of advice is something the explorer can do.
// Expected numbers come from the engine run here in Node.
import { getExperiment } from '../src/model/experiments';
import { simulate } from '../src/engine/simulate';
import { segmentChangeLabel, sessionDuration, type Session } from '../src/model/session';
import {
  cloneSession, expect, expectReadouts, expected, fieldValue, num, openApp, plotState, referenceSession, revision, test, tid,
  typeInto, waitForFirstPaint,
} from './support';

const REF = referenceSession();

test('a refused run: the plot and readouts stay the previous run and say so; the advice is doable here and works', async ({ page }) => {
  await openApp(page);
  await expectReadouts(page, expected(REF));
  const rev = await revision(page);

  await typeInto(page, 'segment-4-until', '600000');
  await expect(tid(page, 'status')).toHaveAttribute('data-kind', 'refused');
  const status = tid(page, 'status-text');
  // Advice only in the explorer's terms: its dt field and the last segment's "until"; no "record: false".
  await expect(status).not.toContainText('record');
  await expect(status).toContainText('raise dt (Integration) to at least');
  await expect(status).toContainText('"until"');
  await expect(status).toContainText('still show the previous run');
  // Readouts and plot: the previous run, labelled as such (not "0 spikes, 600000 ms" of a run never made).
  await expect(tid(page, 'readouts-previous')).toBeVisible();
  await expect(tid(page, 'plot-stale')).toBeVisible();
  await expectReadouts(page, expected(REF));
  expect(num(await tid(page, 'readout-computed').textContent())).toBe(sessionDuration(REF));
  expect(await revision(page)).toBe(rev);
  await expect(tid(page, 'plot-description')).toContainText('previous run');

  // The button does what the advice says: the dt it names, and then the run fits.
  const fix = tid(page, 'status-fix-dt');
  await expect(fix).toBeVisible();
  const dt = num(await fix.textContent());
  expect(dt).toBeGreaterThan(REF.integration.dt);
  await fix.click();
  await expect.poll(() => fieldValue(page, 'field-dt')).toBe(dt);
  await expect(tid(page, 'status')).toHaveAttribute('data-kind', 'ok', { timeout: 60_000 });
  const s = cloneSession(REF);
  s.protocol[4].until = 600000;
  s.integration.dt = dt;
  await expectReadouts(page, expected(s));
  await expect(tid(page, 'readouts-previous')).toHaveCount(0);
  await expect(tid(page, 'plot-stale')).toHaveCount(0);
});

test('a diverged run: readouts cover the computed part, the rest is marked not computed, in the plot too', async ({ page }) => {
  const e = getExperiment('inhibition_induced_bursting')!;
  // The banner's "accurate" scheme (experimentLink.ts): rk4, located spikes, dt = 0.01 ms, the experiment's precision.
  const s: Session = { ...cloneSession(e.session), integration: { ...e.session.integration, stepper: 'rk4', spikes: 'exact', dt: 0.01 } };
  const ref = simulate(s, { record: false });
  expect(ref.status.kind, 'this experiment diverges under accurate integration').toBe('diverged');
  if (ref.status.kind !== 'diverged') return;
  const tDiv = ref.status.t;
  const duration = sessionDuration(s);
  expect(tDiv).toBeLessThan(duration);

  await page.goto('/#experiment=inhibition_induced_bursting');
  await waitForFirstPaint(page);
  await tid(page, 'scheme-accurate').click();
  await expect(tid(page, 'status')).toHaveAttribute('data-kind', 'diverged', { timeout: 30_000 });

  // Totals: the spikes computed, their rate over the time computed, and how much of the protocol that is.
  await expect(tid(page, 'readout-total-spikes')).toHaveText(new RegExp(`^${ref.spikes.length.toLocaleString('en-US').replace(/,/g, '\u2009')}$`));
  // shown to 0.1 ms
  await expect.poll(async () => Math.abs(num(await tid(page, 'readout-computed').textContent()) - tDiv)).toBeLessThanOrEqual(0.05 + 1e-9);
  await expect(tid(page, 'readout-computed-cap')).toContainText(`of ${duration} ms computed`);
  const rate = num(await tid(page, 'readout-total-rate').textContent());
  expect(Math.abs(rate - ref.spikes.length / (tDiv / 1000))).toBeLessThan(0.1);
  // Per segment: the computed ones with the engine's counts; the diverging one says where it stopped; the rest not computed.
  for (const g of ref.segments) {
    await expect(tid(page, `readout-segment-${g.index}-spikes`)).toHaveText(g.spikeCount.toLocaleString('en-US').replace(/,/g, '\u2009'));
  }
  await expect(tid(page, `readout-segment-${ref.status.segment}-cut`)).toContainText('diverged at');
  for (let i = ref.segments.length; i < s.protocol.length; i++) {
    await expect(tid(page, `readout-segment-${i}-not-computed`)).toContainText('not computed');
    await expect(tid(page, `readout-row-${i}`)).toContainText(segmentChangeLabel(s, i));
  }
  // The plot: the grey "not computed" part from the divergence to the end, and said so.
  const st = await plotState(page);
  expect(st.annotations.some((a) => a.startsWith('not computed'))).toBe(true);
  const nc = await page.evaluate(() => {
    const gd = (window as unknown as { __izhGraphDiv: () => { layout: { shapes: Array<{ name?: string; x0: number; x1: number }> } } }).__izhGraphDiv();
    return gd.layout.shapes.find((x) => x.name === 'not-computed') ?? null;
  });
  expect(nc).not.toBeNull();
  expect(nc!.x0).toBeCloseTo(tDiv, 3);
  expect(nc!.x1).toBe(duration);
  // The status line says the same, with advice the explorer can follow (dt, stepper, spikes are all its fields).
  await expect(tid(page, 'status-text')).toContainText(`Computed up to t = ${tDiv.toFixed(1)}`);
  await expect(tid(page, 'status-text')).not.toContainText('record');
  await expect(tid(page, 'plot-description')).toContainText('nothing was computed');
});
