// End-to-end tests of sharing (issue 13): copy a link after editing a gallery experiment and open it in a fresh
// browser context (the edited session, its experiment and the zoomed view come back; the recipient's own session is
// set aside); a damaged link changes nothing and says why.
import type { Page } from '@playwright/test';
import { getExperiment } from '../src/model/experiments';
import { parseSession } from '../src/model/schema';
import type { Session } from '../src/model/session';
import {
  describeProblems, expect, expectReadouts, expected, fieldValue, installGuard, openApp, screenshot, test, tid, typeInto,
  waitForFirstPaint, withAssign,
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
