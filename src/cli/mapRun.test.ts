// The map command with injected I/O: a small map of an experiment prints the documented JSON (grid equal to the
// map computation), --out writes it, bad input exits 2 with a message naming the field and the allowed range.

import { describe, expect, it } from 'vitest';
import { runMap } from './mapRun';
import type { CliIO } from './run';

function io(files: Record<string, string> = {}) {
  const out: string[] = [], err: string[] = [], written: Record<string, string> = {};
  const cli: CliIO = {
    readFile: (p) => { if (p in files) return files[p]; throw new Error('ENOENT: no such file'); },
    writeFile: (p, chunks) => { written[p] = [...chunks].join(''); },
    stdout: (t) => { out.push(t); },
    stderr: (t) => { err.push(t); },
  };
  return { cli, out, err, written };
}

describe('npm run map', () => {
  it('maps an experiment over (c, d) with its own protocol: classes per pixel, rows over y', () => {
    const t = io();
    const code = runMap(['--experiment', 'rs_2003', '--x', 'c=-65:-50:4', '--y', 'd=2:8:3'], t.cli, () => 0);
    expect(t.err.join('')).toBe('');
    expect(code).toBe(0);
    const j = JSON.parse(t.out.join(''));
    expect(j.x).toEqual({ param: 'c', values: [-65, -60, -55, -50] });
    expect(j.y).toEqual({ param: 'd', values: [2, 5, 8] });
    expect(j.measure).toBe('class');
    expect(j.grid).toHaveLength(3);
    expect(j.grid[0]).toHaveLength(4);
    for (const row of j.grid) for (const c of row) expect(j.classes).toContain(c);
    // RS itself (c = −65, d = 8) under its figure protocol: adapting; CH's corner (c = −50, d = 2): bursting.
    expect(j.grid[2][0]).toBe('adapting');
    expect(j.grid[0][3]).toBe('tonic bursting');
    expect(j.protocol).toEqual({ kind: 'session', window: { from: 1, to: 1 } });
    expect(j.engine).toBe('wasm-simd');
  });

  it('a numeric measure, a step protocol, --out', () => {
    const t = io();
    const code = runMap(['--experiment', 'fs_2003', '--x', 'a=0.02:0.1:3', '--y', 'b=0.2:0.25:2', '--measure', 'rate', '--step', '10:500', '--dt', '0.1', '--out', 'm.json'], t.cli);
    expect(code).toBe(0);
    const j = JSON.parse(t.written['m.json']);
    expect(j.unit).toBe('Hz');
    expect(j.grid.flat().every((x: unknown) => typeof x === 'number' && x > 0)).toBe(true);
    expect(j.integration.dt).toBe(0.1);
    expect(t.err.join('')).toMatch(/wrote m\.json \(3 × 2 pixels/);
  });

  it.each([
    [['--experiment', 'rs_2003', '--y', 'd=2:8:3'], /--x is required/],
    [['--experiment', 'rs_2003', '--x', 'c=-65:-50', '--y', 'd=2:8:3'], /--x must look like <param>=<min>:<max>:<n>/],
    [['--experiment', 'rs_2003', '--x', 'zz=0:1:4', '--y', 'd=2:8:3'], /--x: unknown parameter "zz"/],
    [['--experiment', 'rs_2003', '--x', 'c=-65:-50:600', '--y', 'd=2:8:3'], /x: the resolution must be an integer in 1 … 512, got 600/],
    [['--experiment', 'rs_2003', '--x', 'c=-65:50:4', '--y', 'd=2:8:3'], /x\.max \(c\) must be in -100 … 0 mV, got 50/],
    [['--experiment', 'rs_2003', '--x', 'd=0:2:4', '--y', 'd=2:8:3'], /x and y must be different parameters/],
    [['--experiment', 'rs_2003', '--x', 'c=-65:-50:4', '--y', 'd=2:8:3', '--measure', 'speed'], /--measure/],
    [['--experiment', 'nope', '--x', 'c=-65:-50:4', '--y', 'd=2:8:3'], /no experiment "nope"/],
    [['missing.json', '--x', 'c=-65:-50:4', '--y', 'd=2:8:3'], /cannot read session file missing\.json/],
    [['--experiment', 'rs_2003', '--x', 'c=-65:-50:4', '--y', 'd=2:8:3', '--segments', '1:9'], /analysed segments must satisfy 1 ≤ from ≤ to ≤ 2/],
    [['--experiment', 'rs_2003', '--x', 'c=-65:-50:4', '--y', 'd=2:8:3', '--dt', '-1'], /dt/],
  ])('bad input %j exits 2: %s', (argv, message) => {
    const t = io();
    expect(runMap(argv, t.cli)).toBe(2);
    expect(t.err.join('')).toMatch(message);
    expect(t.out.join('')).toBe('');
  });
});
