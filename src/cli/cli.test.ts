// The headless runner: argument parsing, the JSON result on the shipped reference scenario and a hand-written file,
// the CSV trace, experiments and overrides, and exit status 2 with the schema's messages on broken input
// (in-process through runCli, plus one real child process through the npm script's entry point). Issue 8: a bad flag
// value is a usage error naming the flag and its range; the trace has an I column. Issue 9 item 5: deep nesting,
// a byte-order mark, --trace onto the input file; item 1/2: oversized files, spike lists capped.

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './args';
import { float32Text, runCli } from './run';
import { EXPERIMENTS } from '../model/experiments';
import { STEPPERS } from '../model/session';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = join(ROOT, 'src/model/sessions/reference.json');

function cli(argv: string[], files: Record<string, string> = {}, opts: { memoryBudgetBytes?: number } = {}) {
  let out = '', err = '';
  const written: Record<string, string> = {};
  const code = runCli(argv, {
    readFile: (p) => {
      if (p in files) return files[p];
      return readFileSync(p, 'utf8');
    },
    fileSize: (p) => (p in files ? Buffer.byteLength(files[p]) : null),
    sameFile: (a, b) => a === b,
    writeFile: (p, chunks) => { written[p] = Array.from(chunks).join(''); },
    stdout: (t) => { out += t; },
    stderr: (t) => { err += t; },
  }, opts);
  return { code, out, err, written };
}

describe('parseArgs', () => {
  it('reads a file, options with values (also --opt=value) and overrides', () => {
    expect(parseArgs(['s.json', '--trace', 'o.csv', '--dt=0.1', '--spikes', 'step'])).toEqual({
      kind: 'run', file: 's.json', experiment: null, trace: 'o.csv', overrides: { dt: 0.1, spikes: 'step' }, maxSpikes: 100_000,
    });
    expect(parseArgs(['--experiment', 'tonic_spiking', '--precision', 'float64'])).toMatchObject({ kind: 'run', experiment: 'tonic_spiking', overrides: { precision: 'float64' } });
  });
  it('a bad flag value is a usage error naming the flag and its allowed range (issue 8)', () => {
    expect(parseArgs(['s.json', '--dt', 'abc'])).toEqual({ kind: 'error', message: '--dt: must be a number in [0.0001, 1] ms, got "abc"' });
    expect(parseArgs(['s.json', '--dt=5'])).toEqual({ kind: 'error', message: '--dt: 5 is out of range: allowed [0.0001, 1] ms' });
    expect(parseArgs(['s.json', '--dt', 'Infinity']).kind).toBe('error');
    expect(parseArgs(['s.json', '--stepper', 'rk5'])).toEqual({
      kind: 'error', message: `--stepper: must be one of ${STEPPERS.join(', ')}, got "rk5" (did you mean "rk4"?)`,
    });
    expect(parseArgs(['s.json', '--max-spikes', '2.5'])).toEqual({ kind: 'error', message: '--max-spikes: must be an integer in [0, 1000000000], got "2.5"' });
    expect(parseArgs(['s.json', '--dt', '0.1', '--dt', '0.2'])).toEqual({ kind: 'error', message: '--dt is given twice' });
    expect(parseArgs(['--list-experiments=yes'])).toEqual({ kind: 'error', message: '--list-experiments takes no value (got "yes")' });
  });
  it('rejects unknown options, missing values, two files, file plus experiment, nothing', () => {
    expect(parseArgs(['s.json', '--fast'])).toEqual({ kind: 'error', message: 'unknown option --fast' });
    expect(parseArgs(['s.json', '--stepperr', 'rk4'])).toEqual({ kind: 'error', message: 'unknown option --stepperr (did you mean --stepper?)' });
    expect(parseArgs(['s.json', '--trace'])).toEqual({ kind: 'error', message: '--trace needs a value: a value <out.csv>' });
    expect(parseArgs(['s.json', '--trace', '--dt', '0.1'])).toEqual({ kind: 'error', message: '--trace needs a value: a value <out.csv>' });
    expect(parseArgs(['s.json', '--dt'])).toEqual({ kind: 'error', message: '--dt needs a value: a number in [0.0001, 1] ms' });
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
    expect(lines[0]).toBe('t,v,u,I');
    expect(lines).toHaveLength(1 + 1001); // step mode: one sample per grid point, 0 … 100
    expect(lines[1]).toBe('0,-65,-13,10');
    expect(lines[1001].split(',')[0]).toBe('100');
    // Each spike's sample reaches v_th = 30.
    for (const ts of j.spikes as number[]) expect(lines[1 + Math.round(ts / 0.1)].split(',')[1]).toBe('30');
  });

  it('the trace has an I column: the current in force at each sample, ramps included (issue 8)', () => {
    // Segment 0: I = 5 on (0, 10]; segment 1: a ramp I = 2 + 1·(t − 10) on (10, 20]. Expected values come from the
    // protocol itself; the sample at a boundary (t = 10) ends segment 0, so it carries segment 0's current.
    const expectedI = (t: number) => (t <= 10 ? 5 : 2 + (t - 10));
    const session = { params: { I: 0 }, integration: { dt: 0.1, spikes: 'exact' }, protocol: [{ until: 10, assign: { I: 5 } }, { until: 20, slope: 1, assign: { I: 2 } }] };
    const { code, written } = cli(['r.json', '--trace', 'r.csv'], { 'r.json': JSON.stringify(session) });
    expect(code).toBe(0);
    const rows = written['r.csv'].trimEnd().split('\n').slice(1).map((l) => l.split(',').map(Number));
    expect(rows.length).toBeGreaterThan(200);
    let spikesSeen = 0;
    for (const [t, v, , I] of rows) {
      if (v === 30) spikesSeen++;
      // float32 storage of t and I: 1e-5 relative covers both at |I| ≤ 12.
      expect(Math.abs(I - expectedI(t))).toBeLessThan(1e-5 * 12);
    }
    expect(spikesSeen).toBeGreaterThan(0); // spike samples (inside steps) are covered too
    const at10 = rows.filter(([t]) => t === 10);
    expect(at10.map((r) => r[3])).toEqual([5]);
    // euler_sequential: the sample at t_n holds step n, taken with I(t_n) of the segment whose [start, until) holds t_n.
    const seq = cli(['s.json', '--trace', 's.csv', '--stepper', 'euler_sequential'], { 's.json': JSON.stringify(session) });
    expect(seq.code).toBe(0);
    const srows = seq.written['s.csv'].trimEnd().split('\n').slice(1).map((l) => l.split(',').map(Number));
    for (const [t, , , I] of srows) expect(Math.abs(I - (t < 10 - 1e-4 ? 5 : 2 + (t - 10)))).toBeLessThan(1e-5 * 12);
    expect(srows.find(([t]) => Math.abs(t - 10) < 1e-4)![3]).toBe(2);
  });

  it('a UTF-8 byte-order mark is accepted (as in the browser); 5,000 levels of nesting give exit 2 and a message (issue 9)', () => {
    const bom = cli(['b.json'], { 'b.json': '\uFEFF' + JSON.stringify({ protocol: [{ until: 50 }] }) });
    expect(bom.err).toBe('');
    expect(bom.code).toBe(0);
    let v = '1';
    for (let i = 0; i < 5000; i++) v = `[${v}]`;
    const deep = cli(['d.json'], { 'd.json': `{"params": {"a": ${v}}, "protocol": [{"until": 10}]}` });
    expect(deep.code).toBe(2);
    expect(deep.err).toMatch(/^error: invalid session \(d\.json\):\nparams\.a: must be a finite number in .*, got \[\[\[\[…\]\]\]\]\n$/);
  });

  it('--trace given the session file itself is refused before anything is written (issue 9)', () => {
    const file = JSON.stringify({ protocol: [{ until: 50 }] });
    const r = cli(['s.json', '--trace', 's.json'], { 's.json': file });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--trace s\.json is the session file itself/);
    expect(r.written).toEqual({});
    expect(r.out).toBe('');
  });

  it('an oversized file is refused by its size before it is read; a 10 MB key gives one short message (issue 9)', () => {
    const big = cli(['big.json'], { 'big.json': ' '.repeat(2 * 1024 * 1024) + '{}' });
    expect(big.code).toBe(2);
    expect(big.err).toMatch(/^error: big\.json is 2\.1 MB; a session is at most 1\.0 MB/);
    const key = cli(['k.json'], { 'k.json': JSON.stringify({ protocol: [{ until: 5 }], params: { ['k'.repeat(1_000_000)]: 1 } }) });
    expect(key.code).toBe(2);
    expect(key.err.length).toBeLessThan(500);
  });

  it('lists at most --max-spikes spike times (spikeCount is the total) and says so on stderr', () => {
    const session = JSON.stringify({ params: { I: 15 }, protocol: [{ until: 1000 }] });
    const all = JSON.parse(cli(['s.json'], { 's.json': session }).out);
    expect(all.spikeCount).toBe(all.spikes.length);
    expect(all.spikesOmitted).toBeUndefined();
    const few = cli(['s.json', '--max-spikes', '3'], { 's.json': session });
    expect(few.code).toBe(0);
    const j = JSON.parse(few.out);
    expect(j.spikes).toEqual(all.spikes.slice(0, 3));
    expect(j.spikeCount).toBe(all.spikeCount);
    expect(j.spikesOmitted).toBe(all.spikeCount - 3);
    expect(few.err).toMatch(/^note: listed the first 3 of \d+ spike times/);
  });

  it('a run firing at almost every step stops at the memory budget: exit 1, a short JSON, the reason (issue 9)', () => {
    const file = JSON.stringify({ params: { c: -20.5, v_th: -20, d: 0 }, integration: { dt: 1 }, protocol: [{ until: 1000000 }] });
    const r = cli(['r.json'], { 'r.json': file }, { memoryBudgetBytes: 8 * 1024 * 1024 });
    expect(r.code).toBe(1);
    expect(r.out.length).toBeLessThan(10_000);
    const j = JSON.parse(r.out);
    expect(j.status.kind).toBe('refused');
    expect(j.status.stoppedAt).toBeGreaterThan(0);
    expect(j.spikeCount).toBe(0);
    expect(r.err).toMatch(/^run refused: Stopped at t = [\d.]+ ms: .*memory budget of 8\.0 MiB/);
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

  it('exit 2 for a bad flag value, reported as the flag (not as an invalid session file; issue 8)', () => {
    const { code, err, out } = cli([REFERENCE, '--dt', 'abc']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^error: --dt: must be a number in \[0\.0001, 1\] ms, got "abc"\n/);
    expect(err).not.toMatch(/invalid session/);
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
    // The real node:fs I/O: --trace onto the input (also through another spelling of its path) is refused.
    const input = join(dir, 'in.json');
    writeFileSync(input, JSON.stringify({ protocol: [{ until: 20 }] }));
    const same = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/simulate.ts'), input, '--trace', `${dir}/./../${dir.split('/').pop()!}/in.json`], { cwd: ROOT, encoding: 'utf8' });
    expect(same.status).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(JSON.stringify({ protocol: [{ until: 20 }] }));
  }, 30000);
});
