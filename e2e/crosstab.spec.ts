// End-to-end tests of "no lost work across tabs" (issue 9, items 3 and 4) with two real tabs of one browser
// context (they share localStorage and hear each other's storage events, as a person's two tabs do):
// the rename/rename case, two tabs opening experiments at the same moment, and a corrupt stored session that is
// kept once (not once per reload) and offered for download or deletion. Expected names come from the test's own
// edits and the experiments' definitions.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { getExperiment } from '../src/model/experiments';
import { expect, referenceSession, test, tid, waitForFirstPaint } from './support';

const REF = referenceSession();

async function rename(page: Page, name: string): Promise<void> {
  await tid(page, 'session-name').fill(name);
  await tid(page, 'session-name').press('Tab');
  await expect(tid(page, 'session-name')).toHaveValue(name);
}

/** The names in the top bar's set-aside list (opened and closed again). */
async function setAsideNames(page: Page): Promise<string[]> {
  await tid(page, 'set-aside-button').click();
  const names = await tid(page, 'set-aside-list').locator('.sa-name').allTextContents();
  await page.keyboard.press('Escape');
  return names;
}

test('two tabs: rename and change a in A, rename in B, reload A — A\u2019s work is set aside and both tabs say so', async ({ page, context }) => {
  await page.goto('/');
  await waitForFirstPaint(page);
  const b = await context.newPage();
  await b.goto('/');
  await waitForFirstPaint(b);

  await rename(page, 'work of A');
  await tid(page, 'field-a').fill('0.05');
  await tid(page, 'field-a').press('Tab');
  // A's save is debounced: wait until it is in storage before B edits.
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('izhikevich-explorer/session/v1') ?? '{}').name)).toBe('work of A');

  await rename(b, 'work of B');
  await expect(tid(b, 'notice')).toContainText('Another tab had saved its session "work of A"');
  await expect(tid(page, 'notice')).toContainText('Another tab saved "work of B" in this browser');

  await page.reload();
  await waitForFirstPaint(page);
  await expect(tid(page, 'session-name')).toHaveValue('work of B');
  expect(await setAsideNames(page)).toEqual(['work of A']);
  // Restoring it brings A's edit back.
  await tid(page, 'set-aside-button').click();
  await tid(page, 'set-aside-restore-0').click();
  await expect(tid(page, 'session-name')).toHaveValue('work of A');
  await expect(tid(page, 'field-a')).toHaveValue('0.05');
  await b.close();
});

test('two tabs opening experiments at the same moment keep both set-aside sessions', async ({ page, context }) => {
  const storedName = (p: Page) => p.evaluate(() => JSON.parse(localStorage.getItem('izhikevich-explorer/session/v1') ?? '{}').name);
  await page.goto('/');
  await waitForFirstPaint(page);
  await rename(page, 'mine in A');
  await expect.poll(() => storedName(page)).toBe('mine in A');
  // B opens on A's session and continues it under another name: no conflict, nothing set aside yet.
  const b = await context.newPage();
  await b.goto('/');
  await waitForFirstPaint(b);
  await rename(b, 'mine in B');
  await expect.poll(() => storedName(page)).toBe('mine in B');
  await expect(tid(page, 'set-aside-button')).toHaveCount(0);
  await expect(tid(b, 'set-aside-button')).toHaveCount(0);
  // Both open an experiment at once: each sets its own session aside.
  await Promise.all([page.goto('/#experiment=tonic_bursting'), b.goto('/#experiment=dap')]);
  await expect(tid(page, 'session-name')).toHaveValue(getExperiment('tonic_bursting')!.session.name);
  await expect(tid(b, 'session-name')).toHaveValue(getExperiment('dap')!.session.name);
  await page.reload();
  await waitForFirstPaint(page);
  const names = await setAsideNames(page);
  expect(names).toContain('mine in A');
  expect(names).toContain('mine in B');
  expect(names.filter((n) => n === getExperiment('tonic_bursting')!.session.name || n === getExperiment('dap')!.session.name)).toEqual([]);
  await b.close();
});

test('a corrupt stored session: five reloads keep one copy, offered for download (exact text) and deletion', async ({ page }) => {
  const corrupt = '{"format": "izhikevich-explorer/session", "protocol": [{"until": -5}]}';
  await page.goto('/');
  await waitForFirstPaint(page);
  for (let i = 0; i < 5; i++) {
    await page.evaluate((t) => localStorage.setItem('izhikevich-explorer/session/v1', t), corrupt);
    await page.reload();
    await waitForFirstPaint(page);
    await expect(tid(page, 'notice')).toContainText('The saved session could not be restored');
    await expect(tid(page, 'session-name')).toHaveValue(REF.name);
  }
  const copies = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('unreadable') || k.includes('rejected')).length);
  expect(copies).toBe(1);
  await expect(tid(page, 'unreadable-button')).toHaveText('Unreadable data (1)');
  await tid(page, 'unreadable-button').click();
  const download = page.waitForEvent('download');
  await tid(page, 'unreadable-download-0').click();
  const file = await (await download).path();
  expect(readFileSync(file, 'utf8')).toBe(corrupt);
  page.once('dialog', (d) => void d.accept());
  await tid(page, 'unreadable-delete-0').click();
  await expect(tid(page, 'unreadable-button')).toHaveCount(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('unreadable')).length)).toBe(0);
});
