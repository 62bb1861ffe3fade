// End-to-end test of the Content-Security-Policy (issue 9, item 8): the built page carries exactly the policy of
// src/csp.ts as a meta tag, the browser enforces it (an inline script and an image from another origin are
// refused), and the guard fixture of e2e/support.ts — active in every spec — sees such a violation.
// A PNG export (data:/blob: images, Plotly's canvas) and the gallery's worker run under the policy without one.
import { readFileSync } from 'node:fs';
import { contentSecurityPolicy } from '../src/csp';
import { expect, openApp, test, tid } from './support';

test('CSP: the built page carries the policy of src/csp.ts as its first meta tag after the charset', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  expect(m, 'a CSP meta tag in the built index.html').not.toBeNull();
  expect(m![1]).toBe(contentSecurityPolicy());
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  // The source page has none: the dev server injects inline scripts, so the tag is added at build time only.
  expect(readFileSync(new URL('../index.html', import.meta.url), 'utf8')).not.toContain('Content-Security-Policy');
  // 'wasm-unsafe-eval' and nothing more: the sweep worker compiles the batch engine's WebAssembly module.
  expect(contentSecurityPolicy()).toBe(
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'",
  );
});

test('CSP: inline script and a foreign image are refused, and the guard reports each violation', async ({ page, guard }) => {
  await openApp(page);
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __inlineRan?: boolean };
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.body.appendChild(s);
    const img = document.createElement('img');
    img.src = 'https://example.invalid/pixel.png';
    document.body.appendChild(img);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    return w.__inlineRan === true;
  });
  expect(ran, 'an inline script must not run under the policy').toBe(false);
  await expect.poll(() => guard.problems.filter((p) => p.kind === 'csp').length).toBeGreaterThanOrEqual(2);
  expect(guard.take('csp', /^script-src(-elem)? blocked inline/).length).toBeGreaterThanOrEqual(1);
  expect(guard.take('csp', /^img-src blocked https:\/\/example\.invalid/).length).toBe(1);
  // Chromium also logs each refusal on the console; those are the same two violations.
  guard.take('console-error', /Content Security Policy/);
  // Playwright sees the attempt (the guard reports it as a request to another origin); the browser blocks it.
  expect(guard.take('foreign-request', /example\.invalid/).length).toBe(1);
  await expect.poll(() => failed.join('\n')).toMatch(/example\.invalid\/pixel\.png (net::ERR_BLOCKED_BY_CSP|csp)$/);
});

test('CSP: PNG export and the gallery work under the policy without a violation', async ({ page, guard }) => {
  await openApp(page);
  const download = page.waitForEvent('download');
  await tid(page, 'export-png').click();
  expect((await download).suggestedFilename()).toMatch(/\.png$/);
  await tid(page, 'open-gallery').click();
  await expect(tid(page, 'gallery')).toBeVisible();
  await expect.poll(() => page.locator('[data-testid^="gallery-item-"] .thumb-v').count()).toBeGreaterThan(0);
  expect(guard.problems).toEqual([]);
});
