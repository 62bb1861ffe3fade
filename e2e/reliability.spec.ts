// End-to-end tests of issue 9's reliability defects, done as a person would in Chromium: hostile session files
// (item 1). Expected messages are built from the schema's own limits, never typed in.
import { LIMITS } from '../src/model/schema';
import { expect, openApp, test, tid } from './support';

test('opening a 10 MB file is refused at once by its size; a 0.8 MB file of 200 bad presets lists 50 problems and counts the rest', async ({ page }) => {
  await openApp(page);
  const name = await tid(page, 'session-name').inputValue();
  const input = page.locator('input[type="file"]');

  const huge = JSON.stringify({ protocol: [{ until: 10, preset: 'x'.repeat(10_000_000) }] });
  await input.setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(huge) });
  await expect(tid(page, 'notice')).toContainText('"huge.json" is not a usable session; nothing was changed.');
  await expect(tid(page, 'notice')).toContainText('it is 10.0 MB; a session is at most 1.0 MB');

  const long = 'p'.repeat(4000);
  const bad = JSON.stringify({ protocol: Array.from({ length: 200 }, (_, i) => ({ until: 10 * (i + 1), preset: long })) });
  expect(bad.length).toBeLessThan(LIMITS.fileBytes);
  await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  const notice = tid(page, 'notice');
  await expect(notice).toContainText('"bad.json" is not a usable session');
  await expect(notice).toContainText(`… and ${200 - LIMITS.issues} more problems`);
  const text = (await notice.textContent()) ?? '';
  expect(text.match(/protocol\[\d+\]\.preset: must be one of/g)).toHaveLength(LIMITS.issues);
  expect(text).toContain('(4,000 characters)');
  expect(text.length).toBeLessThan(LIMITS.issues * 400);
  expect(text).not.toContain('did you mean'); // no hint for a value unlike every preset id
  // Nothing changed, and the page still responds.
  await expect(tid(page, 'session-name')).toHaveValue(name);
  await expect(tid(page, 'status')).toHaveAttribute('data-kind', 'ok');
});
