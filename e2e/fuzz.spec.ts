// The permanent random-input fuzz test (issue 9; modelled on PhET's fuzz mode): for a bounded time, seeded random
// clicks, drags, keys, selections, typed text and opened files over every view (explorer with its phase-plane and
// bifurcation panels, gallery, map, network, export and link panels), each chosen from the elements visible at that
// moment. The guard fixture (./support) fails on any console error, page error, CSP violation or request to another
// origin; the test checks after every action and stops at the first one, printing the seed and the action log tail.
// At the end: a plot is drawn and the saved session in localStorage is valid per the schema.
// Replay: FUZZ_SEED=<seed> FUZZ_ACTIONS=<n> (the same seed makes the same choices from the same page state);
// longer runs: FUZZ_SECONDS=<s> (default 60).
import type { Page } from '@playwright/test';
import { parseSession } from '../src/model/schema';
import { describeProblems, expect, test, tid } from './support';
import { mulberry32 } from '../src/engine/mulberry32';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 60);
const MAX_ACTIONS = Number(process.env.FUZZ_ACTIONS ?? Infinity);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
/** The key under which the explorer keeps its session (src/state/persistence.ts SESSION_KEY). */
const SESSION_KEY = 'izhikevich-explorer/session/v1';
/** How long one action may wait for its element before it counts as not done (the page changed under it). */
const ACTION_MS = 2500;
const VIEWPORTS = [{ width: 1440, height: 900 }, { width: 1024, height: 768 }, { width: 414, height: 896 }];


interface Rng { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean }
function rng(seed: number): Rng {
  const f = mulberry32(seed);
  return {
    next: f,
    int: (n) => Math.floor(f() * n),
    pick: (xs) => xs[Math.floor(f() * xs.length)],
    chance: (p) => f() < p,
  };
}

/** Texts typed into fields: numbers in and out of range, junk, long, unicode, markup. */
const TEXTS = [
  '0', '1', '-1', '0.02', '0.2', '-65', '8', '2', '10', '100', '1000', '-80', '30', '0.5', '4', '15', '0.0001', '1e6',
  '1e309', '-1e309', 'NaN', 'Infinity', '', ' ', 'abc', '1,5', '1.2.3', '−5', '٣', '１２', '0x10', '1e-400', '--1',
  '<img src=x onerror=alert(1)>', '"quoted"', 'a'.repeat(300), '9'.repeat(40), 'ünïcødé ✓ 🧠', '\\', '%00', '${x}',
];

/** A random session-like JSON text for the file chooser: often valid, often broken in one place. */
function fuzzFile(r: Rng): { name: string; mimeType: string; buffer: Buffer } {
  const n = 1 + r.int(6);
  let t = 0;
  const protocol = Array.from({ length: n }, () => {
    t += 10 + r.int(400);
    const seg: Record<string, unknown> = { until: t };
    if (r.chance(0.6)) seg.assign = { I: r.pick([0, 5, 10, 15, -3, 40]) };
    if (r.chance(0.2)) seg.preset = r.pick(['RS', 'IB', 'CH', 'FS', 'LTS', 'TC', 'RZ', 'nope']);
    if (r.chance(0.2)) seg.label = r.pick(['step', 'ramp ✓', '<b>x</b>', 'l'.repeat(80)]);
    return seg;
  });
  const s: Record<string, unknown> = { name: r.pick(['fuzz', 'fuzz <x>', '', 'n'.repeat(200)]), protocol };
  if (r.chance(0.5)) s.params = { a: r.pick([0.02, 0.1, -0.1, 5]), d: r.pick([8, 2, 0.05]) };
  if (r.chance(0.3)) s.integration = { dt: r.pick([0.1, 0.01, 0.5, 2, 0]) };
  let text = JSON.stringify(s);
  if (r.chance(0.2)) text = text.slice(0, r.int(text.length)); // truncated
  if (r.chance(0.1)) text = '\ufeff' + text;
  return { name: r.pick(['fuzz.json', 'f.txt', 'network.json']), mimeType: 'application/json', buffer: Buffer.from(text) };
}

interface Target { i: number; kind: 'click' | 'text' | 'select' | 'range' | 'plot' | 'checkbox'; desc: string; options?: number }

/**
 * The elements one could act on now, in document order, each marked with data-fuzz=<index> so the action finds it:
 * visible, enabled, in the viewport's page (not hidden), never a link to another origin nor a file input.
 */
async function targets(page: Page): Promise<Target[]> {
  return page.evaluate(() => {
    document.querySelectorAll('[data-fuzz]').forEach((e) => e.removeAttribute('data-fuzz'));
    const out: { i: number; kind: string; desc: string; options?: number }[] = [];
    const sel = 'button, a[href], input, select, textarea, summary, [role="tab"], [role="button"], tr[data-testid^="segment-row-"], [data-testid="plot"] .nsewdrag, .js-plotly-plot .nsewdrag, canvas, [data-testid$="-canvas"]';
    const seen = new Set<Element>();
    for (const el of Array.from(document.querySelectorAll(sel))) {
      if (seen.has(el)) continue;
      seen.add(el);
      const h = el as HTMLElement;
      const r = h.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;
      const st = getComputedStyle(h);
      if (st.visibility === 'hidden' || st.display === 'none' || Number(st.opacity) === 0) continue;
      if ((h as HTMLButtonElement).disabled || h.closest('[inert], [aria-hidden="true"], fieldset:disabled')) continue;
      if (el instanceof HTMLAnchorElement) {
        let same = false;
        try { same = new URL(el.href, location.href).origin === location.origin; } catch { same = false; }
        if (!same || el.target === '_blank') continue;
      }
      let kind = 'click';
      if (el instanceof HTMLInputElement) {
        const t = el.type;
        if (t === 'file' || t === 'hidden') continue;
        if (t === 'range') kind = 'range';
        else if (t === 'checkbox' || t === 'radio') kind = 'checkbox';
        else if (t === 'color' || t === 'date') continue;
        else kind = 'text';
        if (el.readOnly && kind === 'text') continue;
      } else if (el instanceof HTMLTextAreaElement) {
        if (el.readOnly) continue;
        kind = 'text';
      } else if (el instanceof HTMLSelectElement) kind = 'select';
      else if (el.classList.contains('nsewdrag') || el instanceof HTMLCanvasElement) kind = 'plot';
      const i = out.length;
      h.setAttribute('data-fuzz', String(i));
      const id = h.getAttribute('data-testid') ?? h.getAttribute('aria-label') ?? (h.textContent ?? '').trim().slice(0, 30);
      out.push({ i, kind, desc: `${el.tagName.toLowerCase()}${id ? ` "${id}"` : ''}`, options: el instanceof HTMLSelectElement ? el.options.length : undefined });
    }
    return out;
  }) as Promise<Target[]>;
}

/** Waits two animation frames (the page has handled the action and painted): pacing, not synchronisation. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

const KEYS = ['Tab', 'Shift+Tab', 'Enter', 'Escape', 'Space', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown', 'Backspace', 'Delete', 'Control+z', 'Control+Shift+z', 'Control+y', 'Control+a', 'Shift+ArrowLeft', 'Shift+End', 'Shift+Home'];

/** One random action; returns its description for the log. */
async function act(page: Page, r: Rng, vpIndex: { i: number }): Promise<string> {
  const roll = r.next();
  if (roll < 0.04) {
    vpIndex.i = r.int(VIEWPORTS.length);
    await page.setViewportSize(VIEWPORTS[vpIndex.i]);
    return `viewport ${VIEWPORTS[vpIndex.i].width}×${VIEWPORTS[vpIndex.i].height}`;
  }
  if (roll < 0.12) {
    const k = r.pick(KEYS);
    await page.keyboard.press(k);
    return `key ${k}`;
  }
  if (roll < 0.16) {
    const tabs = ['back-to-explorer', 'open-gallery', 'open-map', 'open-network'];
    const id = r.pick(tabs);
    const tab = tid(page, id);
    if (!(await tab.isVisible())) return `tab ${id} (not visible)`;
    await tab.click({ timeout: ACTION_MS });
    return `tab ${id}`;
  }
  if (roll < 0.19) {
    const { width, height } = VIEWPORTS[vpIndex.i];
    const y = r.int(4000);
    await page.mouse.wheel(0, r.chance(0.5) ? y : -y);
    await page.mouse.move(r.int(width), r.int(height));
    return `wheel/move`;
  }
  const all = await targets(page);
  if (all.length === 0) return 'nothing to act on';
  // Fields, selects and plots are fewer than buttons: weigh them up so typing and dragging happen often.
  const weighted: Target[] = [];
  for (const t of all) {
    const w = t.kind === 'click' ? 1 : t.kind === 'checkbox' ? 1 : 3;
    for (let k = 0; k < w; k++) weighted.push(t);
  }
  const t = r.pick(weighted);
  const loc = page.locator(`[data-fuzz="${t.i}"]`);
  const opts = { timeout: ACTION_MS };
  switch (t.kind) {
    case 'text': {
      const text = r.pick(TEXTS);
      await loc.fill(text, opts);
      const end = r.pick(['Enter', 'Tab', 'Escape', '']);
      if (end) await loc.press(end, opts);
      return `type ${JSON.stringify(text.slice(0, 40))}${end ? ' + ' + end : ''} into ${t.desc}`;
    }
    case 'select': {
      const n = t.options ?? 0;
      if (n === 0) return `select ${t.desc} (empty)`;
      const k = r.int(n);
      await loc.selectOption({ index: k }, opts);
      return `select option ${k} of ${t.desc}`;
    }
    case 'range': {
      const box = await loc.boundingBox();
      if (!box) return `range ${t.desc} (gone)`;
      if (r.chance(0.5)) {
        await loc.focus(opts);
        const k = r.pick(['ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End']);
        const times = 1 + r.int(5);
        for (let j = 0; j < times; j++) await page.keyboard.press(k);
        return `range ${t.desc} ${k}×${times}`;
      }
      const y = box.y + box.height / 2;
      const x0 = box.x + r.next() * box.width, x1 = box.x + r.next() * box.width;
      await page.mouse.move(x0, y);
      await page.mouse.down();
      const steps = 2 + r.int(8);
      for (let j = 1; j <= steps; j++) await page.mouse.move(x0 + ((x1 - x0) * j) / steps, y);
      await page.mouse.up();
      return `drag range ${t.desc} ${Math.round(x0 - box.x)}→${Math.round(x1 - box.x)}px`;
    }
    case 'plot': {
      const box = await loc.boundingBox();
      if (!box) return `plot ${t.desc} (gone)`;
      const p = () => ({ x: box.x + 2 + r.next() * (box.width - 4), y: box.y + 2 + r.next() * (box.height - 4) });
      const a = p();
      const mode = r.pick(['click', 'dblclick', 'drag', 'drag', 'hover']);
      if (mode === 'click') await page.mouse.click(a.x, a.y);
      else if (mode === 'dblclick') await page.mouse.dblclick(a.x, a.y);
      else if (mode === 'hover') { await page.mouse.move(a.x, a.y); await page.mouse.move(a.x + 3, a.y + 1); }
      else {
        const b = p();
        await page.mouse.move(a.x, a.y);
        await page.mouse.down();
        for (let j = 1; j <= 5; j++) await page.mouse.move(a.x + ((b.x - a.x) * j) / 5, a.y + ((b.y - a.y) * j) / 5);
        // Sometimes the drag is left held while something else happens (a view change, a key), as a person might.
        if (r.chance(0.15)) {
          const id = r.pick(['open-gallery', 'open-map', 'open-network', 'back-to-explorer']);
          const tab = tid(page, id);
          if (await tab.isVisible()) await tab.evaluate((el) => (el as HTMLElement).click());
          await page.mouse.up();
          return `drag on ${t.desc}, ${id} while held, release`;
        }
        await page.mouse.up();
      }
      return `${mode} on ${t.desc} at ${Math.round(a.x - box.x)},${Math.round(a.y - box.y)}`;
    }
    default: {
      if (r.chance(0.1)) await loc.click({ ...opts, button: 'right' });
      else await loc.click(opts);
      return `click ${t.desc}`;
    }
  }
}

test(`fuzz: random input over every view (seed ${SEED}, ${SECONDS} s)`, async ({ page, context, guard, baseURL }) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
  test.setTimeout((SECONDS + 120) * 1000);
  const r = rng(SEED);
  const log: string[] = [];
  const tail = () => log.slice(-25).map((l, k) => `  ${log.length - Math.min(25, log.length) + k + 1}. ${l}`).join('\n');
  let nanStacks = '';
  const fail = (why: string): never => {
    throw new Error(`fuzz failed (replay: FUZZ_SEED=${SEED} FUZZ_ACTIONS=${log.length}): ${why}\nlast actions:\n${tail()}${nanStacks}`);
  };
  const failOnProblems = async (): Promise<void> => {
    if (!guard.problems.length) return;
    const stacks = await page.evaluate(() => (window as unknown as { __fuzzNaN?: string[] }).__fuzzNaN ?? []).catch(() => []);
    if (stacks.length) nanStacks = `\nNaN written into SVG paths by:\n${stacks.join('\n---\n')}`;
    fail(`page problems:\n${describeProblems(guard.problems)}`);
  };
  page.on('dialog', (d) => { void (r.chance(0.5) ? d.accept() : d.dismiss()); });
  page.on('filechooser', (fc) => { void fc.setFiles(fuzzFile(r)).catch(() => undefined); });
  page.on('download', (d) => { void d.delete().catch(() => undefined); });
  context.on('page', (p) => { if (p !== page) void p.close(); });

  // Diagnostic: Chromium reports a NaN in an SVG path only as a console error without a stack; keep the stacks of such
  // writes so that a failure says which code wrote it.
  await page.addInitScript(() => {
    const w = window as unknown as { __fuzzNaN: string[] };
    w.__fuzzNaN = [];
    const set = Element.prototype.setAttribute;
    Element.prototype.setAttribute = function (name: string, value: string) {
      if (name === 'd' && w.__fuzzNaN.length < 5 && String(value).includes('NaN')) w.__fuzzNaN.push(`${String(value).slice(0, 60)}\n${new Error().stack ?? ''}`);
      return set.call(this, name, value);
    };
  });
  await page.goto('/');
  await expect(tid(page, 'plot').locator('.js-plotly-plot')).toBeVisible();
  const vp = { i: 0 };
  await page.setViewportSize(VIEWPORTS[0]);
  const until = Date.now() + SECONDS * 1000;
  let skipped = 0;
  while (Date.now() < until && log.length < MAX_ACTIONS) {
    let what: string;
    const t0 = Date.now();
    try {
      what = await act(page, r, vp);
    } catch (e) {
      // The element went away or was covered (the page changed under the action): not a defect, the next one goes on.
      if (page.isClosed()) fail('the page closed');
      what = `(not done: ${String(e instanceof Error ? e.message : e).split('\n')[0].slice(0, 100)})`;
      skipped++;
    }
    log.push(what);
    if (process.env.FUZZ_VERBOSE) console.log(`${log.length}. ${what} (${Date.now() - t0} ms)`);
    if (new URL(page.url()).origin !== origin) fail(`the page left the app: ${page.url()}`);
    await settle(page).catch(() => undefined);
    await failOnProblems();
  }

  // The end: back in the explorer a plot is drawn, and the saved session is valid per the schema.
  await page.setViewportSize(VIEWPORTS[0]);
  await page.keyboard.press('Escape');
  const back = tid(page, 'back-to-explorer');
  await back.click();
  await expect(tid(page, 'plot').locator('.js-plotly-plot')).toBeVisible();
  await expect.poll(async () => Number(await tid(page, 'plot').getAttribute('data-revision') ?? NaN), { message: 'a painted revision', timeout: 60_000 }).toBeGreaterThanOrEqual(0);
  await expect(tid(page, 'plot').locator('.js-plotly-plot .main-svg').first()).toBeVisible();
  const saved = await page.evaluate((k) => localStorage.getItem(k), SESSION_KEY);
  expect(saved, 'a saved session in localStorage').not.toBeNull();
  const parsed = parseSession(JSON.parse(saved!));
  if (!parsed.ok) fail(`the saved session is not valid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  await failOnProblems();
  console.log(`fuzz seed ${SEED}: ${log.length} actions in ${SECONDS} s (${skipped} not done: element gone or covered)`);
  test.info().annotations.push({ type: 'fuzz', description: `seed ${SEED}, ${log.length} actions, ${skipped} not done` });
});
