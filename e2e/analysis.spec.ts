// The analysis panels as a person uses them: open the phase plane and drag I past the saddle-node (the stable node and
// the saddle approach, meet and vanish), open class 1 and class 2 excitability from the gallery and read the F–I
// panel (rate from near zero vs a jump; rheobase at the closed-form current), click the phase plane to launch a
// trajectory and use the point as the initial state, and the hover link between time and phase.
// Expected values come from the library in the test (analysis/ and the engine), never typed in.

import { test, expect, openApp, tid, fieldValue, rangeGeometry, typeInto, referenceSession, effective, screenshot, num } from './support';
import { effectiveParams, type Session } from '../src/model/session';
import { getExperiment } from '../src/model/experiments';
import { simulate } from '../src/engine/simulate';
import { equilibria } from '../src/analysis/equilibria';
import { bifurcationsInI } from '../src/analysis/bifurcations';
import { defaultSweepRange, refineRheobase, rheobase, runSweep, SWEEP_DEFAULTS } from '../src/analysis/sweep';
import { launchSession } from '../src/analysis/trajectory';
import type { Page } from '@playwright/test';
import type { Params } from '../src/model/params';

const REF = referenceSession();

/** The 2003 form's parameters of segment i (the sessions here use that form). */
function p2003(s: Session, i: number): Params {
  return effectiveParams(s)[i] as Params;
}

// Sweeps of 100 one-second runs and several drags: give these tests room on a loaded machine (each takes ~10 s when quiet).
test.describe.configure({ timeout: 180_000 });

/** The types of the equilibria drawn (the panel's data attribute, set after each draw). */
async function drawnTypes(page: Page): Promise<string> {
  return (await tid(page, 'phase-plot').getAttribute('data-equilibria')) ?? '';
}

async function openPhase(page: Page): Promise<void> {
  await tid(page, 'toggle-phase').click();
  await expect(tid(page, 'phase-panel')).toBeVisible();
  await expect(tid(page, 'phase-plot').locator('.js-plotly-plot')).toBeVisible();
}

test('phase plane: dragging I past the saddle-node makes the node and the saddle meet and vanish', async ({ page }) => {
  await openApp(page);
  await openPhase(page);
  const p0 = p2003(REF, 0);
  const sn = bifurcationsInI(p0).found.find((b) => b.kind === 'saddle-node')!;
  expect(effective(REF, 0, 'I')).toBeLessThan(sn.value);
  await expect.poll(() => drawnTypes(page)).toBe(equilibria(p0).equilibria.map((e) => e.type).join(' '));
  await expect(tid(page, 'phase-bifurcations')).toContainText(`saddle-node at I = ${Number(sn.value.toPrecision(5))}`);

  // The v of the two equilibria as the panel lists them.
  const listed = async () => (await tid(page, 'phase-equilibria').locator('li').allTextContents()).map((t) => num(t.split('v =')[1]));
  const gap0 = (await listed()).reduce((a, b) => Math.abs(b - a));

  const slider = tid(page, 'slider-I');
  const g = await rangeGeometry(slider);
  const I0 = await fieldValue(page, 'slider-I');
  await page.mouse.move(g.x(I0), g.y);
  await page.mouse.down();
  // Part way to the fold: still two equilibria, closer together, exactly where the closed form puts them.
  await page.mouse.move(g.x(sn.value - 1.2), g.y, { steps: 4 });
  const Imid = await fieldValue(page, 'slider-I');
  expect(Imid).toBeLessThan(sn.value);
  const mid = equilibria({ ...p0, I: Imid }).equilibria;
  await expect.poll(() => drawnTypes(page)).toBe(mid.map((e) => e.type).join(' '));
  await expect.poll(async () => (await listed()).join(' ')).toBe(mid.map((e) => Number(e.v.toPrecision(5))).join(' '));
  const gapMid = Math.abs(mid[1].v - mid[0].v);
  expect(gapMid).toBeLessThan(gap0);
  await screenshot(page, 'analysis-a-approaching-fold');
  // Past the fold: none left, and the panel says why.
  await page.mouse.move(g.x(sn.value + 2), g.y, { steps: 4 });
  const Ipast = await fieldValue(page, 'slider-I');
  expect(Ipast).toBeGreaterThan(sn.value);
  await expect.poll(() => drawnTypes(page)).toBe('');
  await expect(tid(page, 'phase-no-equilibria')).toBeVisible();
  await page.mouse.up();
  await screenshot(page, 'analysis-b-past-fold');

  // Exactly at the fold (typed): one saddle-node equilibrium.
  await typeInto(page, 'field-I', String(sn.value));
  await expect.poll(() => drawnTypes(page)).toBe('saddle-node');
});

/** The F–I sweep the panel runs by default for segment `seg` of an experiment, computed here with the library. */
function expectedFI(s: Session, seg: number) {
  const params = p2003(s, seg);
  const range = defaultSweepRange(params, 'I', bifurcationsInI(params).found.map((b) => b.value));
  const spec = { param: 'I' as const, ...range, steps: SWEEP_DEFAULTS.steps, settle: SWEEP_DEFAULTS.settle, window: SWEEP_DEFAULTS.window };
  const base = { params, integration: s.integration, options: s.options, initial: simulate(s, { record: false }).snapshots[seg + 1].state, start: 'given' as const };
  const pts = runSweep(base, spec);
  const rb = rheobase(pts);
  const refined = rb.bracket ? refineRheobase(base, spec, rb.bracket, 8) : null;
  return { rb, refined, bif: bifurcationsInI(params).found };
}

async function openExperiment(page: Page, id: string): Promise<void> {
  await tid(page, 'open-gallery').click();
  await tid(page, `gallery-item-${id}`).click();
  await expect(tid(page, 'status')).toHaveAttribute('data-kind', 'ok');
}

test('bifurcation / F–I panel: class 1 starts firing from a low rate, class 2 jumps to a high one', async ({ page }) => {
  await openApp(page);
  await tid(page, 'toggle-bif').click();
  await expect(tid(page, 'bif-panel')).toBeVisible();
  const results: Record<string, { onset: number; rheobase: number }> = {};
  for (const id of ['class1_excitability', 'class2_excitability']) {
    await openExperiment(page, id);
    const s = getExperiment(id)!.session;
    const exp = expectedFI(s, 0);
    const panel = tid(page, 'bif-panel');
    await expect(panel).toHaveAttribute('data-finished', 'true', { timeout: 60_000 });
    await expect.poll(async () => Number(await panel.getAttribute('data-onset-rate'))).toBe(exp.rb.onsetRate);
    const shown = Number(await panel.getAttribute('data-rheobase'));
    expect(shown).toBeCloseTo((exp.refined![0] + exp.refined![1]) / 2, 9);
    await expect(tid(page, 'bif-progress')).toContainText(`${SWEEP_DEFAULTS.steps} values`);
    const restLost = exp.bif.filter((b) => b.kind !== 'bogdanov-takens').sort((a, b) => a.value - b.value)[0];
    await expect(tid(page, 'bif-rest-lost')).toContainText(restLost.kind === 'hopf' ? 'Hopf' : 'saddle-node');
    results[id] = { onset: exp.rb.onsetRate!, rheobase: shown };
    await tid(page, 'bif-panel').scrollIntoViewIfNeeded();
    await screenshot(page, `analysis-c-fi-${id}`);
  }
  // Class 1: firing begins at a low rate (a SNIC: arbitrarily slow); class 2: it begins at a clearly positive rate.
  expect(results.class1_excitability.onset).toBeLessThan(10);
  expect(results.class2_excitability.onset).toBeGreaterThan(25);
});

test('clicking the phase plane launches a trajectory from there; the point can become the initial state', async ({ page }) => {
  await openApp(page);
  await openPhase(page);
  const plot = tid(page, 'phase-plot');
  await expect.poll(() => drawnTypes(page)).not.toBe('');
  // Where (v, u) lies on screen, from the drawn figure's axes.
  const at = async (v: number, u: number) => page.evaluate(([v, u]) => {
    const gd = document.querySelector('[data-testid=phase-plot] .js-plotly-plot') as HTMLElement & { _fullLayout: { xaxis: { range: number[]; _offset: number; _length: number }; yaxis: { range: number[]; _offset: number; _length: number } } };
    const { xaxis: x, yaxis: y } = gd._fullLayout;
    const r = gd.getBoundingClientRect();
    return { x: r.left + x._offset + ((v - x.range[0]) / (x.range[1] - x.range[0])) * x._length, y: r.top + y._offset + (1 - (u - y.range[0]) / (y.range[1] - y.range[0])) * y._length };
  }, [v, u]);
  const p0 = p2003(REF, 0);
  const saddle = equilibria(p0).equilibria.find((e) => e.type === 'saddle')!;
  // A point well past the separatrix (it fires) and one well inside the rest state's basin (it does not).
  const fire = { v: saddle.v + 8, u: saddle.u + 0.5 };
  const quiet = { v: saddle.v - 12, u: saddle.u - 2 };
  for (const q of [fire, quiet]) {
    const spikes = simulate(launchSession(p0, REF.integration, q, 200), { record: false }).spikes.length;
    expect(spikes > 0).toBe(q === fire);
  }
  const pt = await at(fire.v, fire.u);
  await page.mouse.click(pt.x, pt.y);
  await expect(plot).toHaveAttribute('data-launched', '1');
  const pt2 = await at(quiet.v, quiet.u);
  await page.mouse.click(pt2.x, pt2.y);
  await expect(plot).toHaveAttribute('data-launched', '2');
  // The launched trajectories are drawn: the first fires (its resets are drawn), as the engine says.
  const drawn = await page.evaluate(() => {
    const gd = document.querySelector('[data-testid=phase-plot] .js-plotly-plot') as HTMLElement & { data: { name: string; x: ArrayLike<number> }[] };
    const len = (n: string) => gd.data.find((t) => t.name === n)!.x.length;
    return { flow: len('launched'), jumps: len('launched resets'), starts: len('launch points') };
  });
  expect(drawn.flow).toBeGreaterThan(20);
  expect(drawn.jumps).toBeGreaterThan(0);
  expect(drawn.starts).toBe(2);
  await screenshot(page, 'analysis-d-launched');

  // The clicked point as the initial state: v0 and u0 take its values and the session runs from there.
  const button = tid(page, 'phase-set-initial');
  await expect(button).toBeEnabled();
  await button.click();
  await expect.poll(async () => Math.abs((await fieldValue(page, 'field-v0')) - quiet.v)).toBeLessThan(0.5);
  await expect.poll(async () => Math.abs((await fieldValue(page, 'field-u0')) - quiet.u)).toBeLessThan(0.2);

  await tid(page, 'phase-clear').click();
  await expect(plot).toHaveAttribute('data-launched', '0');
});

test('hover link: the time under the pointer is marked in the phase plane, and the reverse', async ({ page }) => {
  await openApp(page);
  await openPhase(page);
  await tid(page, 'segment-row-2').click({ position: { x: 3, y: 8 } });
  await expect.poll(() => tid(page, 'phase-panel').locator('.panel-head .hint').textContent()).toContain('segment 3');
  // Over the time plot, inside segment 3's band: the state at that time is marked on the trajectory.
  const gd = tid(page, 'plot').locator('.js-plotly-plot');
  const box = (await gd.boundingBox())!;
  const seg = REF.protocol;
  const tMid = (seg[1].until + seg[2].until) / 2;
  const x = await page.evaluate((t) => {
    const g = document.querySelector('[data-testid=plot] .js-plotly-plot') as HTMLElement & { _fullLayout: { xaxis: { range: number[]; _offset: number; _length: number } } };
    const a = g._fullLayout.xaxis;
    return g.getBoundingClientRect().left + a._offset + ((t - a.range[0]) / (a.range[1] - a.range[0])) * a._length;
  }, tMid);
  await page.mouse.move(x, box.y + box.height * 0.3);
  await expect(tid(page, 'phase-cursor')).toBeVisible();
  // Over the trajectory in the phase plane: its time is marked in the time plot.
  const cursor = (await tid(page, 'phase-cursor').boundingBox())!;
  await page.mouse.move(cursor.x + cursor.width / 2, cursor.y + cursor.height / 2);
  const line = tid(page, 'time-cursor');
  await expect(line).toBeVisible();
  const t = Number(await line.getAttribute('data-t'));
  expect(t).toBeGreaterThanOrEqual(seg[1].until);
  expect(t).toBeLessThanOrEqual(seg[2].until);
  await page.mouse.move(5, 5);
  await expect(line).toBeHidden();
});
