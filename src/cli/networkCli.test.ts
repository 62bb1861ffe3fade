// Tests of the headless network runner with in-memory I/O: the paper's network by default, overrides through the
// schema, JSON readouts consistent with the engine, the spike CSV, and exit status 2 / 1 with clear messages.

import { describe, expect, it } from 'vitest';
import { paperNetwork } from '../model/network';
import { runNetwork } from '../engine/network/sim';
import { runNetworkCli } from './networkCli';
import type { CliIO } from './run';

function io(files: Record<string, string> = {}) {
  const out: string[] = [], err: string[] = [], written: Record<string, string> = {};
  const cli: CliIO = {
    readFile: (p) => { if (!(p in files)) throw new Error(`ENOENT: no such file '${p}'`); return files[p]; },
    writeFile: (p, chunks) => { if (p.startsWith('/nope/')) throw new Error('EACCES'); written[p] = [...chunks].join(''); },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
  return { cli, out, err, written, json: () => JSON.parse(out.join('')) };
}

describe('npm run network', () => {
  it("runs the paper's network by default and reports what the engine computes", () => {
    const x = io();
    expect(runNetworkCli(['--duration', '300', '--seed', '4', '--spikes', 's.csv'], x.cli)).toBe(0);
    const j = x.json();
    const r = runNetwork({ ...paperNetwork(), duration: 300, seed: 4 });
    if (!r.ok) throw new Error(r.message);
    const ne = Array.from(r.sim.spikes.cell.subarray(0, r.sim.spikes.count)).filter((c) => c < 800).length;
    expect(j).toMatchObject({ seed: 4, duration_ms: 300, status: 'done', spikes: r.sim.spikes.count });
    expect(j.cells.excitatory).toEqual({ count: 800, spikes: ne, rate_hz: Number((ne / 800 / 0.3).toFixed(3)) });
    expect(j.cells.inhibitory.spikes).toBe(r.sim.spikes.count - ne);
    expect(j.peaks.alpha.f_hz).toBeGreaterThan(6);
    expect(j.time_ms.run).toBeGreaterThan(0);
    const lines = x.written['s.csv'].trim().split('\n');
    expect(lines[0]).toBe('t_ms,neuron,type');
    expect(lines.length - 1).toBe(r.sim.spikes.count);
    const k = 10;
    expect(lines[k + 1]).toBe(`${r.sim.spikes.t[k]},${r.sim.spikes.cell[k]},${r.sim.spikes.cell[k] < 800 ? 'excitatory' : 'inhibitory'}`);
  });

  it('reads a network file; options override it', () => {
    const file = JSON.stringify({ populations: { excitatory: { count: 80 }, inhibitory: { count: 20 } }, duration: 50, seed: 3 });
    const x = io({ 'n.json': file });
    expect(runNetworkCli(['n.json', '--seed=9'], x.cli)).toBe(0);
    expect(x.json()).toMatchObject({ seed: 9, duration_ms: 50, cells: { excitatory: { count: 80 }, inhibitory: { count: 20 } } });
  });

  it('exits 2 with a message naming the field for bad input', () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['--seed', 'x'], {}, /--seed: must be an integer in \[0, 4294967295\], got "x"/],
      [['--duration', '0'], {}, /--duration: 0 is out of range: allowed \[1, 600000\] ms/],
      [['missing.json'], {}, /cannot read network file missing.json: ENOENT/],
      [['bad.json'], { 'bad.json': '{' }, /bad.json: not valid JSON/],
      [['s.json', '--seed', '1.5'], { 's.json': '{}' }, /--seed: must be an integer/],
      [['n.json', '--spikes', 'n.json'], { 'n.json': '{}' }, /would overwrite the network file itself/],
      [['f.json'], { 'f.json': '{"seed": 1.5}' }, /seed: must be a whole number/],
      [['b.json'], { 'b.json': '{"connectivity": {"kind": "sparse", "inputs": 2000}}' }, /connectivity.inputs: 2000 inputs per neuron, but the network has 1000 cells/],
      [['--frobnicate'], {}, /unknown option --frobnicate/],
      [['--sead', '3'], {}, /unknown option --sead \(did you mean --seed\?\)/],
      [['a.json', 'b.json'], {}, /one network file at a time/],
      [['--seed'], {}, /--seed needs a value/],
    ];
    for (const [argv, files, msg] of cases) {
      const x = io(files);
      expect(runNetworkCli(argv, x.cli), argv.join(' ')).toBe(2);
      expect(x.err.join('')).toMatch(msg);
    }
    const w = io();
    expect(runNetworkCli(['--duration', '5', '--spikes', '/nope/s.csv'], w.cli)).toBe(2);
    expect(w.err.join('')).toMatch(/cannot write the spikes to \/nope\/s.csv: EACCES/);
  });

  it('exits 1 when the network does not fit the memory budget, saying what to change', () => {
    const x = io({ 'big.json': JSON.stringify({ populations: { excitatory: { count: 8000 }, inhibitory: { count: 2000 } } }) });
    expect(runNetworkCli(['big.json'], x.cli)).toBe(1);
    expect(x.err.join('')).toMatch(/refused: dense connectivity of 10000 cells .* choose sparse connectivity/);
    expect(x.json().status).toBe('refused');
  });

  it('prints the usage for --help', () => {
    const x = io();
    expect(runNetworkCli(['--help'], x.cli)).toBe(0);
    expect(x.out.join('')).toMatch(/npm run network -- \[network.json\]/);
    expect(x.out.join('')).toMatch(/--duration <ms> +override the simulated time \(\[1, 600000\] ms\)/);
    const y = io();
    expect(runNetworkCli(['--duration=20'], y.cli)).toBe(0);
    expect(y.json().duration_ms).toBe(20);
  });
});
