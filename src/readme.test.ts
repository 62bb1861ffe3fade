// Tests of what the README's first screen promises (issue 8): it says what the app is before the commands, shows a
// committed screenshot, states the Node version package.json requires, and how to use a Chromium elsewhere — and
// the test configuration really reads that CHROMIUM_PATH.
import { readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const firstScreen = readme.split('\n').slice(0, 30).join('\n');

describe('the README’s first screen', () => {
  it('says what the app is before the commands', () => {
    const what = firstScreen.search(/Izhikevich spiking neuron/);
    const commands = firstScreen.indexOf('npm install');
    expect(what).toBeGreaterThan(0);
    expect(commands).toBeGreaterThan(what);
    expect(firstScreen).toContain('npm test');
  });

  it('shows a screenshot that is in the repository, a small PNG', () => {
    const m = /!\[[^\]]+\]\(([^)]+\.png)\)/.exec(firstScreen);
    expect(m, 'an image in the first screen').not.toBeNull();
    const file = new URL(m![1], root);
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(file).size).toBeLessThan(250 * 1024);
  });

  it('states the Node version package.json requires', () => {
    const engines = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } }).engines.node;
    const version = engines.replace(/^>=\s*/, '');
    expect(firstScreen).toContain(`Node.js ${version} or newer`);
  });

  it('says how to point the tests at another Chromium', () => {
    expect(firstScreen).toMatch(/CHROMIUM_PATH=\S+ npm test/);
  });
});

describe('CHROMIUM_PATH', () => {
  afterEach(() => { vi.unstubAllEnvs(); vi.resetModules(); });

  it('is the browser the end-to-end tests launch (else /usr/bin/chromium)', async () => {
    vi.stubEnv('CHROMIUM_PATH', '/opt/elsewhere/chromium');
    const cfg = (await import('../e2e/playwright.config')).default as { use: { launchOptions: { executablePath: string } } };
    expect(cfg.use.launchOptions.executablePath).toBe('/opt/elsewhere/chromium');
    vi.unstubAllEnvs();
    vi.stubEnv('CHROMIUM_PATH', '');
    vi.resetModules();
    const plain = (await import('../e2e/playwright.config')).default as { use: { launchOptions: { executablePath: string } } };
    expect(plain.use.launchOptions.executablePath).toBe('/usr/bin/chromium');
  });

  it('is read by the UI benchmark too', () => {
    const bench = readFileSync(new URL('src/bench/ui.bench.ts', root), 'utf8');
    expect(bench).toMatch(/executablePath: process\.env\.CHROMIUM_PATH \|\| '\/usr\/bin\/chromium'/);
  });
});
