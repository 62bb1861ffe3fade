// The analysis command: equilibria and bifurcations of a hand-written session (regular spiking at I = 0: rest at
// −70, saddle at −50, saddle-node at I = 4), the selected segment, a sweep whose points equal the library's, the
// phase curves, and exit status 2 with messages naming the field for bad input (in-process, plus one child process).

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSession } from '../model/session';
import { runSweep } from '../analysis/sweep';
import { parseAnalyzeArgs, runAnalyze } from './analyzeRun';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(argv: string[], files: Record<string, string> = {}) {
  let out = '', err = '';
  const code = runAnalyze(argv, {
    readFile: (p) => { if (p in files) return files[p]; throw new Error(`ENOENT: no such file ${p}`); },
    writeFile: () => { throw new Error('no writes expected'); },
    stdout: (t) => { out += t; },
    stderr: (t) => { err += t; },
  });
  return { code, out, err, json: code === 0 ? JSON.parse(out) : null };
}

const RS_FILE = JSON.stringify({
  ...defaultSession(), name: 'rs steps', params: { ...defaultSession().params, I: 0 },
  protocol: [{ until: 100 }, { until: 300, assign: { I: 4 } }, { until: 500, assign: { I: 10, b: 0.25 } }],
});

describe('npm run analyze', () => {
  it('prints the equilibria and bifurcations of segment 1 by default (regular spiking at I = 0)', () => {
    const r = cli(['rs.json'], { 'rs.json': RS_FILE });
    expect(r.code).toBe(0);
    expect(r.json.segment).toMatchObject({ index: 0, number: 1 });
    const eq = r.json.equilibria;
    expect(eq.map((e: { type: string }) => e.type)).toEqual(['stable-node', 'saddle']);
    expect(eq[0].v).toBeCloseTo(-70, 10);
    expect(eq[1].v).toBeCloseTo(-50, 10);
    expect(eq[0].eigenvalues).toHaveLength(2);
    expect(eq[0].eigenvalues[0]).toHaveLength(2);
    const sn = r.json.bifurcations.find((b: { kind: string; param: string }) => b.kind === 'saddle-node' && b.param === 'I');
    expect(sn.value).toBeCloseTo(4, 12);
    expect(r.json.bifurcations.find((b: { kind: string; param: string }) => b.kind === 'hopf' && b.param === 'I').criticality).toBe('subcritical');
  });

  it('--segment picks the segment (1-based): at I = 4 the equilibria merge; at I = 10 there are none', () => {
    const two = cli(['rs.json', '--segment', '2'], { 'rs.json': RS_FILE }).json;
    expect(two.equilibria.map((e: { type: string }) => e.type)).toEqual(['saddle-node']);
    const three = cli(['rs.json', '--segment=3'], { 'rs.json': RS_FILE }).json;
    expect(three.equilibria).toEqual([]);
    expect(three.segment.params.b).toBe(0.25);
    // The starting state is where the run is at t = 300 ms.
    expect(three.segment.t_start).toBe(300);
    expect(Number.isFinite(three.segment.startState.v)).toBe(true);
  });

  it('--sweep gives the library\'s sweep from the segment\'s starting state, with the rheobase', () => {
    const r = cli(['rs.json', '--segment', '1', '--sweep', 'I', '--from', '0', '--to', '12', '--steps', '7', '--settle', '100', '--window', '300', '--refine', '6'], { 'rs.json': RS_FILE });
    expect(r.code).toBe(0);
    const sw = r.json.sweep;
    expect(sw.points.map((p: { value: number }) => p.value)).toEqual([0, 2, 4, 6, 8, 10, 12]);
    const lib = runSweep(
      { params: r.json.segment.params, integration: defaultSession().integration, initial: r.json.segment.startState },
      { param: 'I', from: 0, to: 12, steps: 7, settle: 100, window: 300 },
    );
    expect(sw.points.map((p: { rate: number }) => p.rate)).toEqual(lib.map((p) => p.rate));
    expect(sw.points[6].isis).toEqual(lib[6].isis);
    expect(sw.rheobase.bracket).toEqual([2, 4]);
    const [lo, hi] = sw.rheobase.refinedBracket;
    expect(hi - lo).toBeCloseTo(2 / 64, 12);
    expect(sw.restBranches.pieces.length).toBeGreaterThan(0);
  });

  it('a default range around the bifurcations when --from/--to are left out', () => {
    const r = cli(['rs.json', '--sweep', 'I', '--steps', '3', '--window', '50', '--settle', '0'], { 'rs.json': RS_FILE });
    expect(r.code).toBe(0);
    expect(r.json.sweep.from).toBeLessThan(3.79);
    expect(r.json.sweep.to).toBeGreaterThan(4);
  });

  it('--phase adds the nullclines and the separatrix; --experiment reads the gallery', () => {
    const r = cli(['--experiment', 'resonator', '--phase']);
    expect(r.code).toBe(0);
    expect(r.json.equilibria[0].type).toBe('stable-focus');
    expect(r.json.phase.nullclines.v.length).toBeGreaterThan(100);
    expect(r.json.phase.separatrix).toHaveLength(1);
    expect(r.json.phase.separatrix[0].stable.length).toBeGreaterThan(10);
  });

  it('bad input: exit 2 with a message naming the field and the allowed range', () => {
    const f = { 'rs.json': RS_FILE, 'bad.json': JSON.stringify({ ...defaultSession(), params: { ...defaultSession().params, a: 5 } }) };
    const cases: [string[], RegExp][] = [
      [['bad.json'], /params\.a/],
      [['rs.json', '--segment', '4'], /--segment must be in \[1, 3\]/],
      [['rs.json', '--segment', '0'], /--segment: 0 is out of range/],
      [['rs.json', '--sweep', 'k1'], /--sweep: must be one of I, a, b, c, d/],
      [['rs.json', '--sweep', 'I', '--from', '-500', '--to', '3'], /--from: -500 is out of range/],
      [['rs.json', '--sweep', 'a', '--from', '-1', '--to', '0.5'], /--from: must be in \[-0.2, 2\] 1\/ms \(the range of a\)/],
      [['rs.json', '--sweep', 'I', '--steps', '0'], /--steps: 0 is out of range/],
      [['rs.json', '--sweep', 'I', '--window', 'x'], /--window: must be a number in \[1, 100000\] ms/],
      [['rs.json', '--from', '1'], /--from needs --sweep/],
      [['rs.json', '--sweep', 'I', '--start', 'later'], /--start: must be one of given, rest/],
      [['rs.json', '--start', 'rest'], /--start needs --sweep/],
      [['missing.json'], /cannot read session file missing.json/],
      [['--experiment', 'nope'], /no experiment "nope"/],
      [['rs.json', '--bogus'], /unknown option --bogus/],
      [[], /no session given/],
    ];
    for (const [argv, msg] of cases) {
      const r = cli(argv, f);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(msg);
    }
  });

  it('a session in the 2007 form is refused with the reason (exit 2)', () => {
    const r = cli(['s7.json'], { 's7.json': JSON.stringify(defaultSession('izh2007')) });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/2003 form \(a, b, c, d\) only for now/);
  });

  it('parses --opt=value and the integration overrides', () => {
    expect(parseAnalyzeArgs(['s.json', '--dt=0.1', '--sweep=b', '--steps', '5', '--start', 'rest'])).toMatchObject({
      kind: 'run', file: 's.json', overrides: { dt: 0.1 }, sweep: { param: 'b', steps: 5, start: 'rest' }, segment: 1,
    });
    expect(parseAnalyzeArgs(['--help']).kind).toBe('help');
  });

  it('runs as a process through its entry point (exit 2 on a bad segment, 0 and JSON otherwise)', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/analyze.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
    const bad = run('--experiment', 'tonic_spiking', '--segment', '9');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--segment must be in \[1, 2\]/);
    const good = run('--experiment', 'tonic_spiking');
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout).equilibria.length).toBe(2);
  }, 30000);
});
