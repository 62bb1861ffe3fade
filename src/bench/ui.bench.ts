// UI latency benchmark (`npm run bench:ui`, after a production build): serves dist/ with vite preview on port 4174,
// drives the app in headless Debian Chromium, times ≥ 30 slider moves (real key events on the focused slider-a, each
// waited until painted: window.__izhPerf inputAt → paintedAt) and, in the same page, Plotly.react alone redrawing the
// same traces (fresh copies of the graph div's data, + one requestAnimationFrame). Prints median / p95 and the ratio.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { chromium, type Page } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PORT = 4174;
const BASE = `http://127.0.0.1:${PORT}/`;
const WARMUP_MOVES = 6;
const MOVES = 40;
const PLOTLY_REPS = 40;
const TARGET_MEDIAN_MS = 50;
const TARGET_RATIO = 1.3;
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run',
];

function startPreview(): Promise<ChildProcess> {
  const vite = fileURLToPath(new URL('node_modules/vite/bin/vite.js', `file://${ROOT}`));
  const child = spawn(process.execPath, [vite, 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => { stderr += b.toString(); });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    child.on('exit', (code) => reject(new Error(`vite preview exited with ${code}: ${stderr.trim()}`)));
    const poll = (): void => {
      fetch(BASE).then((r) => {
        if (r.ok) resolve(child); else throw new Error(`HTTP ${r.status}`);
      }).catch(() => {
        if (Date.now() > deadline) { child.kill(); reject(new Error(`vite preview did not answer on ${BASE}: ${stderr.trim()}`)); }
        else setTimeout(poll, 200);
      });
    };
    poll();
  });
}

interface PerfEntry {
  seq: number; inputAt: number; paintedAt: number; points: number;
  /** Optional diagnostics the app may add (beyond the contract). */
  sentAt?: number; receivedAt?: number; drawnAt?: number; simulateMs?: number;
}

/** Median of a stage over the entries that report it, as table text; '' when the app does not report it. */
function stage(entries: PerfEntry[], label: string, f: (e: PerfEntry) => number | undefined): string {
  const xs = entries.map(f).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (xs.length === 0) return '';
  return `  ${label.padEnd(34)} ${quantile(xs, 0.5).toFixed(1).padStart(8)} ms ${quantile(xs, 0.95).toFixed(1).padStart(8)} ms\n`;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

// In-page code is passed as strings: tsx's name-keeping helpers must not leak into the browser.
const PERF_LENGTH = '(window.__izhPerf || []).length';
const REVISION = 'Number(document.querySelector(\'[data-testid="plot"]\').getAttribute("data-revision"))';

async function moveSlider(page: Page, key: 'ArrowRight' | 'ArrowLeft'): Promise<void> {
  const n0 = (await page.evaluate(PERF_LENGTH)) as number;
  const r0 = (await page.evaluate(REVISION)) as number;
  await page.keyboard.press(key);
  await page.waitForFunction(`${PERF_LENGTH} > ${n0} && ${REVISION} > ${r0}`, undefined, { timeout: 30_000 });
}

const PLOTLY_ALONE = `(async () => {
  const gd = window.__izhGraphDiv();
  const Plotly = window.__izhPlotly;
  const copy = (a) => (a && typeof a.slice === 'function' ? a.slice() : a);
  const times = [];
  for (let i = 0; i < ${PLOTLY_REPS}; i++) {
    const data = gd.data.map((t) => ({ ...t, x: copy(t.x), y: copy(t.y) }));
    const layout = { ...gd.layout };
    const t0 = performance.now();
    await Plotly.react(gd, data, layout);
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    times.push(performance.now() - t0);
  }
  return { times, traces: gd.data.length, points: gd.data.map((t) => (t.x ? t.x.length : 0)) };
})()`;

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  const server = await startPreview();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(BASE);
    await page.waitForFunction(
      `document.querySelector('[data-testid="plot"][data-revision]') && ${REVISION} >= 0 && ` +
      `document.querySelector('[data-testid="status"]').getAttribute('data-kind') === 'ok' && typeof window.__izhGraphDiv === 'function'`,
      undefined, { timeout: 60_000 },
    );
    const slider = page.getByTestId('slider-a');
    await slider.focus();
    const startPerf = (await page.evaluate(PERF_LENGTH)) as number;
    // Up then down again: a stays within 0.02 … 0.043 (steps of 0.001) on the reference scenario.
    const total = WARMUP_MOVES + MOVES;
    for (let i = 0; i < total; i++) await moveSlider(page, i < total / 2 ? 'ArrowRight' : 'ArrowLeft');
    const perf = (await page.evaluate('window.__izhPerf')) as PerfEntry[];
    const measured = perf.slice(startPerf + WARMUP_MOVES);
    const e2e = measured.map((p) => p.paintedAt - p.inputAt);
    const points = (await page.getByTestId('plot').getAttribute('data-points')) ?? '?';

    const alone = (await page.evaluate(PLOTLY_ALONE)) as { times: number[]; traces: number; points: number[] };
    const plotly = alone.times.slice(3); // first redraws warm Plotly's caches

    mkdirSync(new URL('../../e2e/artifacts/', import.meta.url), { recursive: true });
    await page.screenshot({ path: fileURLToPath(new URL('../../e2e/artifacts/bench-ui.png', import.meta.url)) });

    const eMed = quantile(e2e, 0.5), eP95 = quantile(e2e, 0.95);
    const pMed = quantile(plotly, 0.5), pP95 = quantile(plotly, 0.95);
    const ratio = eMed / pMed;
    const f = (x: number): string => x.toFixed(1).padStart(8);
    const medOk = eMed <= TARGET_MEDIAN_MS;
    const ratioOk = ratio <= TARGET_RATIO;
    console.log(`\nUI benchmark: reference scenario, ${alone.traces} traces × ${alone.points.join('/')} points drawn (data-points ${points}),`);
    const ncpu = cpus().length;
    console.log(`${MOVES} measured slider moves (keyboard on slider-a, ${WARMUP_MOVES} warm-up moves not counted), Chromium headless, ${ncpu} cores`);
    console.log(`load average before the run: ${loadBefore.toFixed(2)}${loadBefore > ncpu * 0.5 ? ' (other processes compete for the cores: numbers are pessimistic)' : ''}\n`);
    console.log('                                   n    median       p95   target');
    console.log(`input → painted (end-to-end)   ${String(e2e.length).padStart(4)}  ${f(eMed)} ms ${f(eP95)} ms   median ≤ ${TARGET_MEDIAN_MS} ms: ${medOk ? 'MET' : 'MISSED'}`);
    console.log(`Plotly.react alone (+1 rAF)    ${String(plotly.length).padStart(4)}  ${f(pMed)} ms ${f(pP95)} ms`);
    console.log(`ratio end-to-end / Plotly (medians)  ${ratio.toFixed(2).padStart(8)}              ≤ ${TARGET_RATIO}: ${ratioOk ? 'MET' : 'MISSED'}`);
    console.log(`ratio at p95                         ${(eP95 / pP95).toFixed(2).padStart(8)}`);
    const d = (a?: number, b?: number): number | undefined => (a === undefined || b === undefined ? undefined : b - a);
    const breakdown =
      stage(measured, 'input → request sent', (e) => d(e.inputAt, e.sentAt)) +
      stage(measured, 'request sent → reply received', (e) => d(e.sentAt, e.receivedAt)) +
      stage(measured, '  of which engine (simulate)', (e) => e.simulateMs) +
      stage(measured, 'reply received → Plotly drawn', (e) => d(e.receivedAt, e.drawnAt)) +
      stage(measured, 'Plotly drawn → painted (1 rAF)', (e) => d(e.drawnAt, e.paintedAt));
    if (breakdown) console.log(`\nend-to-end stages (the app's diagnostics in window.__izhPerf)  median       p95\n${breakdown}`);
    if (e2e.length < 30) console.log(`\nWARNING: only ${e2e.length} measured moves (window.__izhPerf had ${perf.length} entries)`);
    console.log(`\n${medOk && ratioOk ? 'All targets met.' : 'Targets MISSED (see above).'}`);
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
