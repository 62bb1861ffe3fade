// The headless runner: argument parsing, the JSON result on the shipped reference scenario and a hand-written file,
// the CSV trace, experiments and overrides, and exit status 2 with the schema's messages on broken input
// (in-process through runCli, plus one real child process through the npm script's entry point).

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './args';
import { float32Text, runCli } from './run';
import { EXPERIMENTS } from '../model/experiments';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = join(ROOT, 'src/model/sessions/reference.json');

function cli(argv: string[], files: Record<string, string> = {}) {
  let out = '', err = '';
  const written: Record<string, string> = {};
  const code = runCli(argv, {
    readFile: (p) => {
      if (p in files) return files[p];
      return readFileSync(p, 'utf8');
    },
    writeFile: (p, chunks) => { written[p] = Array.from(chunks).join(''); },
    stdout: (t) => { out += t; },
    stderr: (t) => { err += t; },
  });
  return { code, out, err, written };
}

describe('parseArgs', () => {
  it('reads a file, options with values (also --opt=value) and overrides', () => {
    expect(parseArgs(['s.json', '--trace', 'o.csv', '--dt=0.1', '--spikes', 'step'])).toEqual({
      kind: 'run', file: 's.json', experiment: null, trace: 'o.csv', overrides: { dt: 0.1, spikes: 'step' },
    });
    expect(parseArgs(['--experiment', 'tonic_spiking', '--precision', 'float64'])).toMatchObject({ kind: 'run', experiment: 'tonic_spiking', overrides: { precision: 'float64' } });
  });
  it('keeps a non-numeric dt as text for the schema to reject', () => {
    expect(parseArgs(['s.json', '--dt', 'fast'])).toMatchObject({ overrides: { dt: 'fast' } });
  });
  it('rejects unknown options, missing values, two files, file plus experiment, nothing', () => {
    expect(parseArgs(['s.json', '--fast'])).toEqual({ kind: 'error', message: 'unknown option --fast' });
    expect(parseArgs(['s.json', '--trace'])).toEqual({ kind: 'error', message: '--trace needs a value' });
    expect(parseArgs(['a.json', 'b.json']).kind).toBe('error');
    expect(parseArgs(['a.json', '--experiment', 'x']).kind).toBe('error');
    expect(parseArgs([]).kind).toBe('error');
  });
  it('help and list', () => {
    expect(parseArgs(['s.json', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--list-experiments'])).toEqual({ kind: 'list' });
  });
});

describe('runCli', () => {
  it('runs the shipped reference scenario: JSON with status, spikes, segments, snapshots, steps', () => {
    const { code, out, err } = cli([REFERENCE]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.status).toEqual({ kind: 'ok' });
    expect(j.steps).toBe(155000);
    expect(j.segments.map((s: { spikeCount: number }) => s.spikeCount)).toEqual([0, 4, 7, 10, 26]);
    expect(j.segments[4]).toMatchObject({ label: 'bursting, I=10', t_start: 1200, t_end: 1500, preset: 'bursting' });
    expect(j.segments[4].params).toMatchObject({ c: -50, d: 2, I: 10 });
    expect(j.segments[1].rateHz).toBeCloseTo((4 / 300) * 1000, 9);
    expect(j.spikes).toHaveLength(47);
    expect(j.snapshots.map((s: { name: string }) => s.name)).toEqual(['initial', 'I=0', 'I=5', 'I=10', 'I=15', 'bursting, I=10']);
  });

  it('runs a hand-written minimal file (defaults fill the rest) and writes the trace as CSV', () => {
    const file = JSON.stringify({ params: { I: 10 }, integration: { dt: 0.1 }, protocol: [{ until: 100 }] });
    const { code, out, written } = cli(['mine.json', '--trace', 'out.csv', '--spikes', 'step'], { 'mine.json': file });
    expect(code).toBe(0);
    const j = JSON.parse(out);
    const lines = written['out.csv'].trimEnd().split('\n');
    expect(lines[0]).toBe('t,v,u');
    expect(lines).toHaveLength(1 + 1001); // step mode: one sample per grid point, 0 … 100
    expect(lines[1]).toBe('0,-65,-13');
    expect(lines[1001].split(',')[0]).toBe('100');
    // Each spike's sample reaches v_th = 30.
    for (const ts of j.spikes as number[]) expect(lines[1 + Math.round(ts / 0.1)].split(',')[1]).toBe('30');
  });

  it('float32 values are written with the fewest digits that read back exactly', () => {
    for (const x of [0.01, 1499.99, -70.46908, 1e-7, 30]) {
      const f = Math.fround(x);
      expect(Math.fround(Number(float32Text(f)))).toBe(f);
    }
    expect(float32Text(Math.fround(0.01))).toBe('0.01');
  });

  it('lists the experiments and runs one with overrides', () => {
    const list = cli(['--list-experiments']);
    expect(list.code).toBe(0);
    expect(list.out.trim().split('\n')).toHaveLength(EXPERIMENTS.length);
    const id = EXPERIMENTS[0].id;
    expect(list.out).toContain(id);
    const author = JSON.parse(cli(['--experiment', id]).out);
    const accurate = cli(['--experiment', id, '--stepper', 'rk4', '--spikes', 'exact', '--dt', '0.01', '--precision', 'float64']);
    expect(accurate.code).toBe(0);
    const j = JSON.parse(accurate.out);
    expect(j.status.kind).toBe('ok');
    // rk4 at dt = 0.01 takes many more steps than the script's euler at its own dt.
    expect(j.steps).toBeGreaterThan(author.steps * 5);
    expect(cli(['--experiment', 'no_such_thing']).code).toBe(2);
  });

  it('exit 2 with the schema messages (path, value, allowed range) for an invalid session', () => {
    const bad = JSON.stringify({ params: { a: 5, colour: 1 }, integration: { dt: 0 }, protocol: [{ until: 10, preset: 'burstin' }] });
    const { code, out, err } = cli(['bad.json'], { 'bad.json': bad });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/params\.a: 5 is out of range/);
    expect(err).toMatch(/params\.colour: unknown key/);
    expect(err).toMatch(/integration\.dt: 0 is out of range/);
    expect(err).toMatch(/protocol\[0\]\.preset: .*did you mean "bursting"/);
  });

  it('exit 2 for an override the schema rejects', () => {
    const { code, err } = cli([REFERENCE, '--dt', 'fast']);
    expect(code).toBe(2);
    expect(err).toMatch(/integration\.dt: must be a finite number/);
  });

  it('exit 2 with a clear message for a missing file, invalid JSON, bad usage', () => {
    const missing = cli(['/nonexistent/s.json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read session file \/nonexistent\/s\.json/);
    const json = cli(['x.json'], { 'x.json': '{"params": ' });
    expect(json.code).toBe(2);
    expect(json.err).toMatch(/x\.json is not valid JSON/);
    const usage = cli(['--frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/unknown option --frobnicate/);
    expect(usage.err).toMatch(/Usage:/);
  });

  it('exit 1 with the JSON when the run diverges', () => {
    const file = JSON.stringify({ initial: { v: 25 }, integration: { dt: 1, spikes: 'step' }, protocol: [{ until: 10 }] });
    const { code, out, err } = cli(['d.json'], { 'd.json': file });
    expect(code).toBe(1);
    expect(JSON.parse(out).status.kind).toBe('diverged');
    expect(err).toMatch(/run diverged: .*smaller dt/);
  });

  it('--help prints the usage', () => {
    const { code, out } = cli(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/--list-experiments/);
  });
});

describe('the entry point as a child process', () => {
  it('exits 2 and prints the messages on stderr for a broken file; 0 on the reference', () => {
    const dir = mkdtempSync(join(tmpdir(), 'izh-cli-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ protocol: [{ until: -1 }] }));
    const run = (file: string) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/simulate.ts'), file], { cwd: ROOT, encoding: 'utf8' });
    const bad = run(broken);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/protocol\[0\]\.until: -1 is out of range/);
    const good = run(REFERENCE);
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout).spikes).toHaveLength(47);
  }, 30000);
});
