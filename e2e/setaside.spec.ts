// End-to-end test of the set-aside sessions (issue 3, "never lose the user's work"): edit the reference scenario,
// open two gallery experiments one after the other (editing the first), then restore the OLDEST set-aside session
// from the top bar's list and find the edit back (field, readouts, labels); Escape, Delete with confirmation, reload.
import type { Page } from '@playwright/test';
import { getExperiment } from '../src/model/experiments';
import {
  expect, test, expectReadouts, expected, fieldValue, openApp, plotState, referenceSession, screenshot, tid, typeInto, waitForFirstPaint,
  withAssign,
} from './support';

const REF = referenceSession();

async function openExperiment(page: Page, id: string): Promise<void> {
  await tid(page, 'open-gallery').click();
  await expect(tid(page, 'gallery')).toBeVisible();
  await tid(page, `gallery-item-${id}`).click();
  await expect(tid(page, 'gallery')).toBeHidden();
  await expect(tid(page, 'experiment-name')).toHaveText(getExperiment(id)!.name);
  await expect(tid(page, 'session-name')).toHaveValue(getExperiment(id)!.session.name);
  await waitForFirstPaint(page);
}

test('set aside: restore the oldest of two set-aside sessions, the edit is back; Escape, Delete, reload', async ({ page }) => {
  const tonic = getExperiment('tonic_bursting')!;
  await openApp(page);
  await expect(tid(page, 'set-aside-button')).toHaveCount(0); // nothing set aside yet

  // 1. The user's own work: segment 3's current changed.
  const mine = withAssign(REF, 3, 'I', 12);
  await typeInto(page, 'segment-3-I', '12');
  await expectReadouts(page, expected(mine));

  // 2. A first experiment replaces it (set aside), and is edited there.
  await openExperiment(page, 'tonic_bursting');
  await expect(tid(page, 'set-aside-button')).toHaveText('Set aside (1)');
  await typeInto(page, 'field-d', '3');
  await expect(tid(page, 'experiment-revert')).toBeVisible(); // edited

  // 3. A second experiment: the edited first one is set aside too.
  await openExperiment(page, 'dap');
  await expect(tid(page, 'set-aside-button')).toHaveText('Set aside (2)');
  await expect(tid(page, 'restore-session')).toBeVisible(); // the banner's quick Restore (newest) is still there

  // 4. The list, newest first; Escape closes it and gives the focus back to the button.
  await tid(page, 'set-aside-button').click();
  const list = tid(page, 'set-aside-list');
  await expect(list).toBeVisible();
  await expect(tid(page, 'set-aside-button')).toHaveAttribute('aria-expanded', 'true');
  await expect(list.locator('[data-testid^="set-aside-item-"]')).toHaveCount(2);
  await expect(tid(page, 'set-aside-item-0')).toContainText(tonic.session.name);
  await expect(tid(page, 'set-aside-item-0')).toContainText(`from experiment ${tonic.name}`);
  await expect(tid(page, 'set-aside-item-1')).toContainText(REF.name);
  await expect(tid(page, 'set-aside-item-1')).not.toContainText('from experiment');
  await expect(tid(page, 'set-aside-item-1')).toContainText(`${REF.protocol.length} segments`);
  await expect(tid(page, 'set-aside-item-1')).toContainText('set aside just now');
  await expect(tid(page, 'set-aside-restore-0')).toBeFocused();
  await screenshot(page, 'set-aside-list');
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(tid(page, 'set-aside-button')).toBeFocused();

  // 5. Restore the oldest (the user's edited reference scenario), opened from the keyboard.
  await page.keyboard.press('Enter');
  await expect(list).toBeVisible();
  await tid(page, 'set-aside-restore-1').click();
  await expect(list).toBeHidden();
  await expect(tid(page, 'experiment-banner')).toHaveCount(0);
  await expect(tid(page, 'session-name')).toHaveValue(REF.name);
  await expect.poll(() => fieldValue(page, 'segment-3-I')).toBe(12);
  await expectReadouts(page, expected(mine));
  await expect.poll(async () => (await plotState(page)).annotations).toContain('I=12');
  await expect(page).toHaveURL(/\/(#)?$/);
  // The unedited "dap" was not set aside; the edited tonic bursting still is.
  await expect(tid(page, 'set-aside-button')).toHaveText('Set aside (1)');
  await screenshot(page, 'set-aside-restored');

  // 6. Survives a reload.
  await page.reload();
  await waitForFirstPaint(page);
  await expect.poll(() => fieldValue(page, 'segment-3-I')).toBe(12);
  await expect(tid(page, 'set-aside-button')).toHaveText('Set aside (1)');

  // 7. Delete asks first: dismissed keeps it, accepted deletes it (the button goes with the last entry).
  await tid(page, 'set-aside-button').click();
  await expect(tid(page, 'set-aside-item-0')).toContainText(`from experiment ${tonic.name}`);
  const answers = [false, true];
  const asked: string[] = [];
  page.on('dialog', (d) => { asked.push(d.message()); void (answers.shift() ? d.accept() : d.dismiss()); });
  await tid(page, 'set-aside-delete-0').click();
  await expect.poll(() => asked.length).toBe(1);
  await expect(tid(page, 'set-aside-item-0')).toBeVisible();
  await tid(page, 'set-aside-delete-0').click();
  await expect.poll(() => asked.length).toBe(2);
  expect(asked[1]).toContain(tonic.session.name);
  await expect(tid(page, 'set-aside-button')).toHaveCount(0);
  await expect(tid(page, 'notice')).toContainText(`Deleted the set-aside session "${tonic.session.name}"`);
  await expectReadouts(page, expected(mine)); // the current session is untouched
});

test('set aside: restoring from the gallery view opens the explorer on the restored session', async ({ page }) => {
  await openApp(page);
  const mine = withAssign(REF, 1, 'I', 3);
  await typeInto(page, 'segment-1-I', '3');
  await expectReadouts(page, expected(mine));
  await openExperiment(page, 'resonator');
  await tid(page, 'open-gallery').click();
  await expect(tid(page, 'gallery')).toBeVisible();
  await tid(page, 'set-aside-button').click();
  await expect(tid(page, 'set-aside-item-0')).toContainText(REF.name);
  await tid(page, 'set-aside-restore-0').click();
  await expect(tid(page, 'gallery')).toBeHidden();
  await waitForFirstPaint(page);
  await expect(tid(page, 'session-name')).toHaveValue(REF.name);
  await expect.poll(() => fieldValue(page, 'segment-1-I')).toBe(3);
  await expectReadouts(page, expected(mine));
  await expect(tid(page, 'set-aside-button')).toHaveCount(0); // the unedited resonator was not set aside
});
