// End-to-end tests of sharing (issue 13): copy a link after editing a gallery experiment and open it in a fresh
// browser context (the edited session and its experiment come back; the recipient's own session is set aside); a
// damaged link changes nothing and says why. Downloads of the export panel: SVG (valid XML with traces, bands and
// labels), CSV of the trace (every sample; the visible window only), spikes and segments (the engine's numbers,
// computed here), and a Brian2 script (the generator's text).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { XMLValidator } from 'fast-xml-parser';
import { simulate } from '../src/engine/simulate';
import { encodeLink } from '../src/model/link';
import { exportScript } from '../src/export/scripts';
import { getExperiment } from '../src/model/experiments';
import { parseSession } from '../src/model/schema';
import { segmentChangeLabel, type Session } from '../src/model/session';
import {
  describeProblems, expect, expectReadouts, expected, fieldValue, installGuard, openApp, referenceSession, screenshot, test,
  tid, typeInto, waitForFirstPaint, withAssign,
} from './support';

function published(id: string): Session {
  const r = parseSession(getExperiment(id)!.session);
  if (!r.ok) throw new Error(id);
  return r.session;
}

async function openExperiment(page: Page, id: string): Promise<void> {
  await tid(page, 'open-gallery').click();
  await tid(page, `gallery-item-${id}`).click();
  await expect(tid(page, 'experiment-name')).toHaveText(getExperiment(id)!.name);
  await waitForFirstPaint(page);
}

/** The fields of one CSV line (quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].slice(0, -1).map((m) => m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
}

async function copyLink(page: Page): Promise<string> {
  await tid(page, 'copy-link').click();
  await expect(tid(page, 'share-panel')).toBeVisible();
  const url = await tid(page, 'share-url').inputValue();
  await expect(tid(page, 'share-status')).not.toHaveText('Copying…');
  return url;
}

test('share: a link copied after editing an experiment opens the edited session in a fresh browser', async ({ page, browser, baseURL }) => {
  await openApp(page);
  await openExperiment(page, 'tonic_bursting');
  // Edit: the step's current (segment 1) and d everywhere from segment 0.
  await typeInto(page, 'segment-1-I', '12');
  await typeInto(page, 'field-d', '3');
  const edited = withAssign(withAssign(published('tonic_bursting'), 1, 'I', 12), 0, 'd', 3);
  await expectReadouts(page, expected(edited));

  const url = await copyLink(page);
  expect(url.startsWith(`${baseURL}/#session=1.`)).toBe(true);
  await screenshot(page, 'share-link-panel');
  await page.keyboard.press('Escape');
  await expect(tid(page, 'share-panel')).toBeHidden();

  // A fresh browser context: its own storage, so its own (reference) session is open there.
  const other = await browser.newContext();
  const guard2 = await installGuard(other, new URL(baseURL!).origin); // the same watch as the test's own context
  const p2 = await other.newPage();
  await p2.goto(url);
  await waitForFirstPaint(p2);
  await expect(tid(p2, 'experiment-name')).toHaveText('tonic bursting');
  await expect(tid(p2, 'experiment-revert')).toBeVisible(); // shown as edited
  await expect.poll(() => fieldValue(p2, 'segment-1-I')).toBe(12);
  await expectReadouts(p2, expected(edited));
  await expect(tid(p2, 'notice')).toContainText('Opened the linked session "tonic_bursting"');
  await expect(tid(p2, 'notice')).toContainText('was set aside');
  await expect(tid(p2, 'set-aside-button')).toHaveText('Set aside (1)');
  await expect(p2).toHaveURL(/#experiment=tonic_bursting$/);

  // A reload keeps the opened session and does not open the link again.
  await p2.reload();
  await waitForFirstPaint(p2);
  await expectReadouts(p2, expected(edited));
  await expect(tid(p2, 'set-aside-button')).toHaveText('Set aside (1)');

  // A damaged link: a clear message, nothing changes.
  await p2.goto(url.slice(0, url.length - 9));
  await expect(tid(p2, 'notice')).toContainText('damaged or incomplete');
  await expect(tid(p2, 'notice')).toContainText('Nothing was changed');
  await expectReadouts(p2, expected(edited));
  await expect(tid(p2, 'set-aside-button')).toHaveText('Set aside (1)');
  await expect(p2).toHaveURL(/#experiment=tonic_bursting$/);
  await screenshot(p2, 'share-link-damaged');
  expect(guard2.problems, describeProblems(guard2.problems)).toEqual([]);
  await other.close();
});

test('share: SVG, CSV and script downloads from the export panel hold the figure, the run and the session', async ({ page }) => {
  // The reference scenario, zoomed to 300–600 ms by a session link (the link carries the view).
  const REF = referenceSession();
  const data = encodeLink({ session: REF, experimentId: null, view: { route: '', window: [300, 600] } });
  await page.goto(`/#session=${data}`);
  await waitForFirstPaint(page);
  const run = simulate(REF);
  await expect(tid(page, 'readout-total-spikes')).toHaveText(String(run.spikes.length));

  const download = async (testId: string): Promise<{ name: string; text: string }> => {
    const [d] = await Promise.all([page.waitForEvent('download'), tid(page, testId).click()]);
    return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') };
  };

  // SVG: valid XML at the export size, the traces, bands, boundary lines and every label.
  const svg = await download('export-svg');
  expect(svg.name).toBe(`${REF.name}.svg`);
  expect(XMLValidator.validate(svg.text)).toBe(true);
  const width = await fieldValue(page, 'export-width');
  const height = await fieldValue(page, 'export-height');
  expect(svg.text).toMatch(new RegExp(`<svg[^>]* width="${width}" height="${height}"`));
  expect((svg.text.match(/class="js-line"/g) ?? []).length).toBeGreaterThanOrEqual(2); // v and u traces
  for (let i = 0; i < REF.protocol.length; i++) {
    const label = segmentChangeLabel(REF, i);
    if (REF.protocol[i].until > 300 && (i === 0 ? 0 : REF.protocol[i - 1].until) < 600) expect(svg.text).toContain(`>${label}<`);
  }
  for (const t of ['v (mV)', 'u (mV/ms)', 't (ms)', REF.name]) expect(svg.text).toContain(t);
  await expect(tid(page, 'export-message')).toContainText(`saved ${REF.name}.svg`);

  // CSV of the trace, whole run: every recorded sample, columns t,v,u,I.
  const whole = await download('export-csv-trace');
  expect(whole.name).toBe(`${REF.name}_trace.csv`);
  const rows = whole.text.trimEnd().split('\n');
  expect(rows[0]).toBe('t,v,u,I');
  expect(rows.length - 1).toBe(run.trace!.length);
  await expect(tid(page, 'csv-message')).toContainText(`${run.trace!.length.toLocaleString('en-US')} rows`);
  const k = 12345;
  expect(rows[k + 1].split(',').slice(0, 3).map((x) => Math.fround(Number(x)))).toEqual([run.trace!.t[k], run.trace!.v[k], run.trace!.u[k]]);

  // The visible window only.
  await tid(page, 'csv-scope-window').check();
  const part = await download('export-csv-trace');
  expect(part.name).toBe(`${REF.name}_trace_300.0-600.0ms.csv`);
  let inWindow = 0;
  for (let i = 0; i < run.trace!.length; i++) if (run.trace!.t[i] >= 300 && run.trace!.t[i] <= 600) inWindow++;
  const partRows = part.text.trimEnd().split('\n');
  expect(partRows.length - 1).toBe(inWindow);
  expect(Number(partRows[1].split(',')[0])).toBe(300);
  // I is the current of the segment that recorded the sample: the one at 300 ms ends segment 1 (I = 0), the next
  // ones are segment 2's (I = 5).
  expect(partRows[1].split(',')[3]).toBe('0');
  expect(partRows[2].split(',')[3]).toBe('5');

  // Spikes with their segment, and the segment table.
  const spikes = (await download('export-csv-spikes')).text.trimEnd().split('\n');
  expect(spikes[0]).toBe('t,segment,label');
  expect(spikes.length - 1).toBe(run.spikes.length);
  expect(Number(spikes[1].split(',')[0])).toBe(run.spikes[0]);
  const segments = (await download('export-csv-segments')).text.trimEnd().split('\n');
  expect(segments.length - 1).toBe(REF.protocol.length);
  expect(segments.slice(1).map((l) => Number(csvFields(l)[5]))).toEqual(run.segments.map((s) => s.spikeCount));
  expect(csvFields(segments[5])[1]).toBe('bursting, I=10');

  // A Brian2 script: the generator's text for this session.
  await tid(page, 'script-target').selectOption('brian2');
  await expect(tid(page, 'script-notes')).toContainText('exact spike times');
  const script = await download('export-script');
  expect(script.name).toBe(`${REF.name}_brian2.py`);
  const expectedScript = exportScript('brian2', { kind: 'neuron', session: REF });
  expect(expectedScript.ok && script.text).toBe(expectedScript.ok && expectedScript.text);
  await screenshot(page, 'share-export-panel');
});
