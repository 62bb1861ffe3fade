// Shared helpers of the end-to-end specs: the engine's expected results computed on the Node side (never hard-coded),
// readers of the app's visible state through the data-testid contract of the UI and Plotly's graph div,
// waits on visible state only (painted revision, readout text), PNG checks, screenshots into e2e/artifacts/.
// Every spec imports `test` from here: its automatic `guard` fixture fails the test on any CSP violation, uncaught
// page error, console error or request to another origin, in every tab of the test's browser context.
import { readFileSync, mkdirSync } from 'node:fs';
import { crc32, inflateSync } from 'node:zlib';
import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { parseSession } from '../src/model/schema';
import { effectiveParams, segmentChangeLabel, sessionDuration, type Session } from '../src/model/session';
import { PARAM_SPECS, type ParamKey } from '../src/model/params';
import { simulate } from '../src/engine/simulate';
import { formatCount } from '../src/ui/shared/format';

export const ARTIFACTS = new URL('./artifacts/', import.meta.url);

export type ProblemKind = 'csp' | 'pageerror' | 'console-error' | 'foreign-request';
export interface PageProblem { kind: ProblemKind; text: string; url: string }

/** What the guard saw go wrong in the pages of one test. */
export interface Guard {
  readonly problems: PageProblem[];
  /**
   * Removes and returns the problems of `kind` whose text matches `pattern`, for a test that provokes one on
   * purpose (and asserts it happened); anything left at the end of the test fails it.
   */
  take(kind: ProblemKind, pattern: RegExp): PageProblem[];
}

const REPORT_BINDING = '__e2eGuardReport';

/**
 * Listens on every page of `context`: `securitypolicyviolation` events (installed before any page script runs),
 * uncaught errors, console.error messages and requests whose origin is neither the app's nor data:/blob:.
 */
export async function installGuard(context: BrowserContext, appOrigin: string): Promise<Guard> {
  const problems: PageProblem[] = [];
  await context.exposeBinding(REPORT_BINDING, ({ page }, p: { text: string }) => {
    problems.push({ kind: 'csp', text: p.text, url: page?.url() ?? '' });
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as Record<string, (p: { text: string }) => void>)[binding];
      report({ text: `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} (${e.disposition})` });
    }, true);
  }, REPORT_BINDING);
  const watch = (page: Page): void => {
    page.on('pageerror', (err) => problems.push({ kind: 'pageerror', text: err.stack ?? String(err), url: page.url() }));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push({ kind: 'console-error', text: msg.text(), url: page.url() });
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  context.on('request', (req) => {
    const url = req.url();
    if (/^(data|blob|about):/.test(url)) return;
    let origin = '';
    try { origin = new URL(url).origin; } catch { /* unparsable: report it */ }
    if (origin !== appOrigin) problems.push({ kind: 'foreign-request', text: `${req.method()} ${url}`, url: req.frame()?.url?.() ?? '' });
  });
  return {
    problems,
    take(kind, pattern) {
      const taken = problems.filter((p) => p.kind === kind && pattern.test(p.text));
      for (const p of taken) problems.splice(problems.indexOf(p), 1);
      return taken;
    },
  };
}

/** Formats problems for a failure message (one line each, long texts cut). */
export function describeProblems(problems: readonly PageProblem[]): string {
  return problems.map((p) => `  [${p.kind}] ${p.text.length > 600 ? p.text.slice(0, 600) + '…' : p.text} (page ${p.url})`).join('\n');
}

/** Playwright's `test` with the automatic guard: the test fails if any page problem is left at its end. */
export const test = base.extend<{ guard: Guard }>({
  guard: [async ({ context, baseURL }, use) => {
    const guard = await installGuard(context, new URL(baseURL ?? 'http://127.0.0.1/').origin);
    await use(guard);
    if (guard.problems.length > 0) {
      throw new Error(`page problems during the test (CSP violations, page errors, console errors, other origins):\n${describeProblems(guard.problems)}`);
    }
  }, { auto: true }],
});

export { expect };

/** The user's reference scenario, parsed and normalised exactly as the app does. */
export function referenceSession(): Session {
  const raw: unknown = JSON.parse(readFileSync(new URL('../src/model/sessions/reference.json', import.meta.url), 'utf8'));
  const r = parseSession(raw);
  if (!r.ok) throw new Error(`reference.json does not parse: ${JSON.stringify(r.issues)}`);
  return r.session;
}

export function cloneSession(s: Session): Session {
  return JSON.parse(JSON.stringify(s)) as Session;
}

/** Session with `key = value` assigned in segment `i` (how a slider/field edit of the selected segment acts). */
export function withAssign(s: Session, i: number, key: ParamKey, value: number): Session {
  const out = cloneSession(s);
  out.protocol[i].assign = { ...(out.protocol[i].assign ?? {}), [key]: value };
  return out;
}

export interface Expected {
  status: string;
  total: number;
  totalRate: number;
  segments: { spikes: number; rate: number }[];
  labels: string[];
}

/** What the engine says about a session: spike counts and rates per segment and in total, the boundary labels. */
export function expected(s: Session): Expected {
  const r = simulate(s, { record: false });
  const duration = sessionDuration(s);
  return {
    status: r.status.kind,
    total: r.spikes.length,
    totalRate: r.spikes.length / (duration / 1000),
    segments: r.segments.map((g) => ({ spikes: g.spikeCount, rate: g.rateHz })),
    labels: s.protocol.map((_, i) => segmentChangeLabel(s, i)),
  };
}

export function effective(s: Session, i: number, key: ParamKey): number {
  return effectiveParams(s)[i][key];
}

export function paramRangeTexts(key: ParamKey): [string, string] {
  return [String(PARAM_SPECS[key].min), String(PARAM_SPECS[key].max)];
}

export const tid = (page: Page, id: string): Locator => page.getByTestId(id);

/** Numbers as the app prints them (ASCII or typographic minus, thin-space thousands: src/ui/shared/format.ts). */
export function num(text: string | null): number {
  if (text === null) return NaN;
  const m = text.replace(/\u2212/g, '-').replace(/(\d)\u2009(?=\d{3})/g, '$1').match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/i);
  return m ? Number(m[0]) : NaN;
}

/** The painted simulation revision (data-revision of the plot container); NaN before the first paint. */
export async function revision(page: Page): Promise<number> {
  const v = await tid(page, 'plot').getAttribute('data-revision');
  return v === null || v === '' ? NaN : Number(v);
}

/** Waits until the painted revision is greater than `after` and returns it. */
export async function waitForRevisionAbove(page: Page, after: number): Promise<number> {
  await expect.poll(() => revision(page), { message: `plot data-revision to exceed ${after}` }).toBeGreaterThan(after);
  return revision(page);
}

/** Opens the app and waits for the first painted simulation (status ok, a revision painted, traces drawn). */
export async function openApp(page: Page): Promise<number> {
  await page.goto('/');
  return waitForFirstPaint(page);
}

export async function waitForFirstPaint(page: Page): Promise<number> {
  await expect(tid(page, 'plot')).toBeVisible();
  await expect(tid(page, 'plot').locator('.js-plotly-plot')).toBeVisible();
  await expect.poll(() => revision(page), { message: 'a painted revision on the plot' }).toBeGreaterThanOrEqual(0);
  await expect.poll(async () => num(await tid(page, 'plot').getAttribute('data-points')), { message: 'points drawn' }).toBeGreaterThan(0);
  await expect(tid(page, 'status')).toHaveAttribute('data-kind', 'ok');
  return revision(page);
}

export interface PlotState {
  rects: { name: string; x0: number; x1: number }[];
  lines: { name: string; x0: number; x1: number }[];
  annotations: string[];
  svgShapes: number;
  svgAnnotations: string[];
  /** y-axis ranges by layout key ("yaxis", "yaxis2", …). */
  yRanges: Record<string, [number, number]>;
  traces: { yaxis: string; n: number; max: number; min: number; hash: number }[];
  /** Index into traces of the v trace: the one drawn on the axis that spans at least −80..50 mV. */
  vTrace: number;
  /** Range of that axis. */
  vRange: [number, number] | null;
}

/** Everything the tests read from Plotly's graph div and its SVG. */
export async function plotState(page: Page): Promise<PlotState> {
  return tid(page, 'plot').evaluate((el) => {
    type Shape = { type?: string; name?: string; x0?: unknown; x1?: unknown; path?: string };
    type Trace = { x?: ArrayLike<number>; y?: ArrayLike<number>; yaxis?: string };
    const gd = el.querySelector('.js-plotly-plot') as unknown as {
      layout: Record<string, unknown> & { shapes?: Shape[]; annotations?: { text?: string }[] };
      data: Trace[];
    };
    const shapes = gd.layout.shapes ?? [];
    const yRanges: Record<string, [number, number]> = {};
    for (const k of Object.keys(gd.layout)) {
      const ax = gd.layout[k] as { range?: unknown[] } | undefined;
      if (/^yaxis\d*$/.test(k) && ax && Array.isArray(ax.range)) yRanges[k] = [Number(ax.range[0]), Number(ax.range[1])];
    }
    const traces = gd.data.map((t) => {
      const y = t.y ?? [];
      let max = -Infinity, min = Infinity, hash = 0;
      for (let i = 0; i < y.length; i++) {
        const v = Number(y[i]);
        if (v > max) max = v;
        if (v < min) min = v;
        hash = (hash * 31 + Math.round(v * 1000) + i) % 1000000007;
      }
      return { yaxis: t.yaxis ?? 'y', n: y.length, max, min, hash };
    });
    const vTrace = traces.findIndex((t) => {
      const r = yRanges['yaxis' + t.yaxis.slice(1)];
      return !!r && r[0] <= -80 + 1e-6 && r[1] >= 50 - 1e-6;
    });
    return {
      rects: shapes.filter((s) => s.type === 'rect' && String(s.name).startsWith('band-')).map((s) => ({ name: String(s.name), x0: Number(s.x0), x1: Number(s.x1) })),
      // The boundary lines are one path shape, "M<t>,0L<t>,1" per segment start (plotFigure.boundaryPath).
      lines: shapes.filter((s) => s.name === 'boundaries').flatMap((s) =>
        [...String(s.path).matchAll(/M([^,]+),0L([^,]+),1/g)].map((m, i) => ({ name: `line-${i}`, x0: Number(m[1]), x1: Number(m[2]) }))),
      annotations: (gd.layout.annotations ?? []).map((a) => String(a.text ?? '')),
      svgShapes: el.querySelectorAll('.shapelayer path').length,
      svgAnnotations: Array.from(el.querySelectorAll('.annotation-text')).map((n) => n.textContent ?? ''),
      yRanges,
      traces,
      vTrace,
      vRange: vTrace >= 0 ? yRanges['yaxis' + traces[vTrace].yaxis.slice(1)] : null,
    };
  });
}

/** Index of the selected protocol row (aria-selected="true"). */
export async function selectedSegment(page: Page): Promise<number> {
  const rows = page.locator('[data-testid^="segment-row-"][aria-selected="true"]');
  await expect(rows).toHaveCount(1);
  const id = await rows.getAttribute('data-testid');
  return Number(id?.replace('segment-row-', ''));
}

/** Waits until every readout (per segment and total) shows what the engine computes for `exp`. */
export async function expectReadouts(page: Page, exp: Expected): Promise<void> {
  for (let i = 0; i < exp.segments.length; i++) {
    await expect(tid(page, `readout-segment-${i}-spikes`)).toHaveText(formatCount(exp.segments[i].spikes));
  }
  await expect(tid(page, 'readout-total-spikes')).toHaveText(formatCount(exp.total));
  for (let i = 0; i < exp.segments.length; i++) {
    await expectRate(tid(page, `readout-segment-${i}-rate`), exp.segments[i].rate);
  }
  await expectRate(tid(page, 'readout-total-rate'), exp.totalRate);
}

async function expectRate(loc: Locator, hz: number): Promise<void> {
  // The app rounds rates for display (to an integer at worst): allow 0.5 Hz or 0.5 %. Spike counts are checked exactly;
  // one spike more or less in a 300 ms segment moves its rate by 3.3 Hz.
  const tol = Math.max(0.5, Math.abs(hz) * 0.005);
  await expect.poll(async () => Math.abs(num(await loc.textContent()) - hz), { message: `rate ≈ ${hz} Hz` }).toBeLessThanOrEqual(tol);
}

/** Current readout spike counts, read as shown. */
export async function readCounts(page: Page, segments: number): Promise<{ total: number; segments: number[] }> {
  const seg: number[] = [];
  for (let i = 0; i < segments; i++) seg.push(num(await tid(page, `readout-segment-${i}-spikes`).textContent()));
  return { total: num(await tid(page, 'readout-total-spikes').textContent()), segments: seg };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(new URL('screens/', ARTIFACTS), { recursive: true });
  await page.screenshot({ path: new URL(`screens/${name}.png`, ARTIFACTS).pathname, fullPage: true });
}

export interface PngInfo { width: number; height: number; bitDepth: number; colorType: number; distinctBytes: number }

/**
 * Checks a PNG file completely: signature, chunk CRCs, IHDR first and IEND last, IDAT inflates to exactly
 * height × (1 + width × bytes per pixel) bytes. Throws with a precise message otherwise.
 */
export function checkPng(buf: Buffer): PngInfo {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  sig.forEach((b, i) => { if (buf[i] !== b) throw new Error(`not a PNG: byte ${i} is ${buf[i]}, expected ${b}`); });
  let off = 8;
  const idat: Buffer[] = [];
  let ihdr: Buffer | null = null;
  let last = '';
  let first = '';
  while (off < buf.length) {
    if (off + 12 > buf.length) throw new Error(`truncated chunk header at ${off}`);
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (off + 12 + len > buf.length) throw new Error(`chunk ${type} at ${off} runs past the end`);
    const body = buf.subarray(off + 8, off + 8 + len);
    const crc = buf.readUInt32BE(off + 8 + len);
    if (crc32(buf.subarray(off + 4, off + 8 + len)) !== crc) throw new Error(`bad CRC in chunk ${type}`);
    if (!first) first = type;
    if (type === 'IHDR') ihdr = body;
    if (type === 'IDAT') idat.push(body);
    last = type;
    off += 12 + len;
  }
  if (first !== 'IHDR' || !ihdr) throw new Error(`first chunk is ${first}, expected IHDR`);
  if (last !== 'IEND') throw new Error(`last chunk is ${last}, expected IEND`);
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8];
  const colorType = ihdr[9];
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`unknown colour type ${colorType}`);
  if (ihdr[12] !== 0) throw new Error('interlaced PNG not expected from a canvas export');
  const raw = inflateSync(Buffer.concat(idat));
  const rowBytes = 1 + Math.ceil((width * channels * bitDepth) / 8);
  if (raw.length !== rowBytes * height) throw new Error(`IDAT inflates to ${raw.length} bytes, expected ${rowBytes * height}`);
  const seen = new Set<number>();
  for (let i = 0; i < raw.length && seen.size < 256; i += 7) seen.add(raw[i]);
  return { width, height, bitDepth, colorType, distinctBytes: seen.size };
}

/** Makes segment i the selected one, as a person would: a click on its row (left edge, away from its inputs). */
export async function selectSegment(page: Page, i: number): Promise<void> {
  const row = tid(page, `segment-row-${i}`);
  if ((await row.getAttribute('aria-selected')) === 'true') return;
  const box = await row.boundingBox();
  if (!box) throw new Error(`segment-row-${i} is not visible`);
  await row.click({ position: { x: 3, y: box.height / 2 } });
  await expect(row).toHaveAttribute('aria-selected', 'true');
}

/** Numeric value shown by a text field or range input. */
export async function fieldValue(page: Page, id: string): Promise<number> {
  return num(await tid(page, id).inputValue());
}

/** Types into a numeric field and leaves it with Tab, as a person would. */
export async function typeInto(page: Page, id: string, text: string): Promise<void> {
  const f = tid(page, id);
  await f.fill(text);
  await f.press('Tab');
}

export interface RangeGeometry { x: (value: number) => number; y: number; min: number; max: number }

/** Screen geometry of a range input: the x of a value's thumb centre (thumb ≈ 16 px wide) and the track's y. */
export async function rangeGeometry(range: Locator): Promise<RangeGeometry> {
  await range.scrollIntoViewIfNeeded();
  const box = await range.boundingBox();
  if (!box) throw new Error('range input not visible');
  const min = Number(await range.getAttribute('min'));
  const max = Number(await range.getAttribute('max'));
  const half = Math.min(8, box.width / 10);
  return {
    x: (v: number) => box.x + half + ((v - min) / (max - min)) * (box.width - 2 * half),
    y: box.y + box.height / 2,
    min,
    max,
  };
}
