// The export command: scripts, SVG and CSV of a session file or an experiment to stdout or a file, with the same
// texts the generators make; usage errors name the flag (exit 2); a diverging run still writes its data (exit 1);
// one real child process through the npm script's entry point.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import { exportScript } from '../export/scripts';
import { getExperiment } from '../model/experiments';
import { parseSession } from '../model/schema';
import { runExport } from './exportRun';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = join(ROOT, 'src/model/sessions/reference.json');

function cli(argv: string[], files: Record<string, string> = {}) {
  let out = '', err = '';
  const written: Record<string, string> = {};
  const code = runExport(argv, {
    readFile: (p) => (p in files ? files[p] : readFileSync(p, 'utf8')),
    fileSize: (p) => (p in files ? Buffer.byteLength(files[p]) : null),
    sameFile: (a, b) => a === b,
    writeFile: (p, chunks) => { written[p] = Array.from(chunks).join(''); },
    stdout: (t) => { out += t; },
    stderr: (t) => { err += t; },
  });
  return { code, out, err, written };
}

const session = (id: string) => {
  const r = parseSession(getExperiment(id)!.session);
  if (!r.ok) throw new Error(id);
  return r.session;
};

describe('npm run export', () => {
  it('writes each script as the generator makes it, to stdout or --out', () => {
    for (const to of ['dynlib', 'brian2', 'nest'] as const) {
      const r = cli(['--experiment', 'tonic_bursting', '--to', to]);
      expect(r.code).toBe(0);
      const g = exportScript(to, { kind: 'neuron', session: session('tonic_bursting') });
      expect(g.ok && r.out).toBe(g.ok && g.text);
    }
    const f = cli([REFERENCE, '--to', 'brian2', '--out', 'ref.py']);
    expect(f.code).toBe(0);
    expect(f.out).toBe('');
    expect(f.written['ref.py']).toMatch(/^#!\/usr\/bin\/env python3\n# "dynlib-izhikevich-current-steps"/);
  });

  it('writes CSV tables with the engine\'s numbers and an SVG figure', () => {
    const s = session('tonic_bursting');
    const r = simulate(s);
    const trace = cli(['--experiment', 'tonic_bursting', '--to', 'csv']);
    expect(trace.code).toBe(0);
    const lines = trace.out.trimEnd().split('\n');
    expect(lines[0]).toBe('t,v,u,I');
    expect(lines.length - 1).toBe(r.trace!.length);
    const spikes = cli(['--experiment', 'tonic_bursting', '--to', 'csv', '--csv', 'spikes']).out.trimEnd().split('\n');
    expect(spikes.length - 1).toBe(r.spikes.length);
    expect(spikes[1]).toBe(`${r.spikes[0]},2,"I=15"`);
    const seg = cli(['--experiment', 'tonic_bursting', '--to', 'csv', '--csv', 'segments']).out.trimEnd().split('\n');
    expect(seg.length).toBe(3);
    const win = cli(['--experiment', 'tonic_bursting', '--to', 'csv', '--window', '100,120']).out.trimEnd().split('\n');
    expect(win.slice(1).every((l) => Number(l.split(',')[0]) >= 100 && Number(l.split(',')[0]) <= 120)).toBe(true);
    const svg = cli(['--experiment', 'tonic_bursting', '--to', 'svg', '--width', '800', '--height', '500', '--out', 'f.svg']);
    expect(svg.code).toBe(0);
    expect(svg.written['f.svg']).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="800" height="500"/);
  });

  it('usage errors name the flag and exit 2; a diverging run writes its data and exits 1', () => {
    const bad = (argv: string[], re: RegExp) => {
      const r = cli(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(re);
    };
    bad(['--experiment', 'dap'], /--to is required/);
    bad(['--experiment', 'dap', '--to', 'matlab'], /--to: must be one of dynlib, brian2, nest, svg, csv, got "matlab"/);
    bad(['--experiment', 'dap', '--to', 'brian2', '--csv', 'spikes'], /--csv goes with --to csv/);
    bad(['--experiment', 'dap', '--to', 'csv', '--window', '5'], /--window: must be two times t0,t1/);
    bad(['--experiment', 'dap', '--to', 'csv', '--window', '0,1e9'], /must lie within the run, 0 to 50 ms/);
    bad(['--experiment', 'dap', '--to', 'svg', '--width', '99999'], /--width: 99999 is out of range/);
    bad(['--experiment', 'nope', '--to', 'svg'], /no experiment "nope"/);
    bad([REFERENCE, '--to', 'csv', '--out', REFERENCE], /is the session file itself/);
    const diverging = JSON.stringify({ initial: { v: 25 }, integration: { dt: 1, spikes: 'step' }, protocol: [{ until: 10 }] });
    const d = cli(['d.json', '--to', 'csv', '--csv', 'spikes'], { 'd.json': diverging });
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/^run diverged/);
    expect(d.out.startsWith('t,segment,label\n')).toBe(true);
    const noRest = JSON.stringify({ initial: { v: -70, u: 0, mode: 'rest' }, protocol: [{ until: 10, assign: { I: 40 } }] });
    const n = cli(['r.json', '--to', 'nest'], { 'r.json': noRest });
    expect(n.code).toBe(1);
    expect(n.err).toMatch(/resting equilibrium/);
  });

  it('runs as a process through its entry point', () => {
    const p = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/export.ts'), '--experiment', 'dap', '--to', 'nest'], { cwd: ROOT, encoding: 'utf8' });
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(/nest\.Create\("izhikevich"/);
    const q = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/export.ts'), '--to', 'nest'], { cwd: ROOT, encoding: 'utf8' });
    expect(q.status).toBe(2);
  }, 60_000);
});
