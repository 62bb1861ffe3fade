// Benchmark of the population engine (`npm run bench -- network`): the paper's network (1,000 cells, dense, 1,000 ms,
// net.m's scheme) against a C -O3 build of the same loop (network_loop.c: same generator, recipe and draw order, so the
// spike trains must agree — checked), compiled here with the system's cc; then a 10,000-cell sparse network with 1,000
// inputs per cell. Rounds interleave JS and C; medians of wall and CPU time; the machine's load is printed beside.
// Same work on both sides (same draws, sums and steps); the WebAssembly engine stores each weight as its raw 32-bit
// draw and forms the Float64 weight where it adds it (same bits), the C loop stores Float64 weights as net.m does.
// Goals: engine ≤ 1.5× the C loop and ≥ 20× real time as the worker; the 10k sparse run ≥ 2× real time (worker).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paperNetwork, type NetworkSpec } from '../model/network';
import { createNetwork, type NetworkSim } from '../engine/network/sim';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const here = dirname(fileURLToPath(import.meta.url));

interface Sample { buildMs: number; runMs: number; cpuMs: number; spikes: number; checksum: number }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

function checksum(sim: NetworkSim): number {
  let c = 0;
  for (let k = 0; k < sim.spikes.count; k++) c += sim.spikes.t[k] * (sim.spikes.cell[k] + 1);
  return c;
}

function runJs(spec: NetworkSpec, recordV: boolean, engine: 'wasm' | 'js' = 'wasm'): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = createNetwork(spec, { recordV, engine });
  if (!r.ok) throw new Error(r.message);
  const t1 = performance.now();
  r.sim.advance(Infinity);
  const t2 = performance.now();
  const c = process.cpuUsage(c0);
  return { buildMs: t1 - t0, runMs: t2 - t1, cpuMs: (c.user + c.system) / 1000, spikes: r.sim.spikes.count, checksum: checksum(r.sim) };
}

function compileC(dir: string): { bin: string | null; note: string } {
  const cc = ['cc', 'gcc', 'clang'].find((x) => spawnSync(x, ['--version']).status === 0);
  if (!cc) return { bin: null, note: 'no C compiler (cc, gcc, clang): the C reference is skipped' };
  const bin = join(dir, 'network_loop');
  const r = spawnSync(cc, ['-O3', join(here, 'network_loop.c'), '-o', bin, '-lm'], { encoding: 'utf8' });
  if (r.status !== 0) return { bin: null, note: `${cc} failed: ${r.stderr.trim()}` };
  const version = spawnSync(cc, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  return { bin, note: `C reference: ${cc} -O3 network_loop.c (${version})` };
}

function runC(bin: string, spec: NetworkSpec): Sample {
  const k = spec.connectivity.kind === 'dense' ? 0 : spec.connectivity.inputs;
  const args = [spec.populations.excitatory.count, spec.populations.inhibitory.count, spec.duration, spec.seed, k, 1].map(String);
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`C loop failed: ${r.stderr}`);
  const [buildMs, runMs, cpuMs, spikes, sum] = r.stdout.trim().split(/\s+/).map(Number);
  return { buildMs, runMs, cpuMs, spikes, checksum: sum };
}

function line(name: string, xs: Sample[], duration: number): string {
  const run = median(xs.map((x) => x.runMs)), build = median(xs.map((x) => x.buildMs)), cpu = median(xs.map((x) => x.cpuMs));
  const perSec = (run / duration) * 1000;
  return `${name.padEnd(34)} build ${build.toFixed(1).padStart(7)} ms  run ${run.toFixed(1).padStart(8)} ms (${perSec.toFixed(1)} ms per simulated s, ` +
    `${(duration / run).toFixed(1)}× real time)  cpu ${cpu.toFixed(1)} ms  spikes ${xs[0].spikes}`;
}

interface Compared { wasm: Sample[]; worker: Sample[]; c: Sample[] }

function compare(title: string, spec: NetworkSpec, rounds: number, bin: string | null): Compared {
  console.log(`\n${title}`);
  const js: Sample[] = [], jsRec: Sample[] = [], plain: Sample[] = [], c: Sample[] = [];
  runJs(spec, false); runJs(spec, false, 'js'); // warm-up (JIT)
  for (let i = 0; i < rounds; i++) {
    js.push(runJs(spec, false));
    jsRec.push(runJs(spec, true));
    plain.push(runJs(spec, false, 'js'));
    if (bin) c.push(runC(bin, spec));
  }
  console.log(line('engine, WebAssembly SIMD (CLI)', js, spec.duration));
  console.log(line('engine, WebAssembly, v kept (worker)', jsRec, spec.duration));
  console.log(line('engine, plain JS (no SIMD)', plain, spec.duration));
  if (c.length) {
    console.log(line('C -O3, same loop', c, spec.duration));
    const same = c[0].spikes === js[0].spikes && c[0].checksum === js[0].checksum && plain[0].checksum === js[0].checksum &&
      jsRec[0].checksum === js[0].checksum;
    console.log(`same spike trains in WebAssembly, plain JS and C: ${same ? 'yes' : `NO (wasm ${js[0].spikes} spikes, js ${plain[0].spikes}, C ${c[0].spikes})`}`);
    const rWall = median(js.map((x) => x.buildMs + x.runMs)) / median(c.map((x) => x.buildMs + x.runMs));
    const rCpu = median(js.map((x) => x.cpuMs)) / median(c.map((x) => x.cpuMs));
    const pWall = median(plain.map((x) => x.buildMs + x.runMs)) / median(c.map((x) => x.buildMs + x.runMs));
    console.log(`engine / C (build + run): WebAssembly wall ${rWall.toFixed(2)}×, cpu ${rCpu.toFixed(2)}×; plain JS wall ${pWall.toFixed(2)}×`);
  }
  return { wasm: js, worker: jsRec, c };
}

const wall = (xs: Sample[]) => median(xs.map((x) => x.buildMs + x.runMs));

function main(): void {
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (timings of a loaded machine are inflated; ratios of interleaved rounds hold better)`);
  const dir = mkdtempSync(join(tmpdir(), 'network-bench-'));
  try {
    const { bin, note } = compileC(dir);
    console.log(note);
    const paper = paperNetwork();
    const p = compare("The paper's network: 800 + 200 cells, dense, 1000 ms, net.m's scheme", paper, ROUNDS, bin);
    const ratio = wall(p.wasm) / wall(p.c), rt = paper.duration / wall(p.worker);
    console.log(`goal engine ≤ 1.5× C (build + run): ${Number.isFinite(ratio) ? `${ratio.toFixed(2)}× ${ratio <= 1.5 ? 'MET' : 'MISSED'}` : 'no C'}; ` +
      `≥ 20× real time as the worker (build + run, v kept): ${rt.toFixed(1)}× ${rt >= 20 ? 'MET' : 'MISSED'}`);
    const big: NetworkSpec = { ...paperNetwork(), connectivity: { kind: 'sparse', inputs: 1000 } };
    big.populations.excitatory.count = 8000;
    big.populations.inhibitory.count = 2000;
    const b = compare('10,000 cells (8,000 + 2,000), sparse, 1,000 inputs per cell, 1000 ms', big, Math.max(1, Math.ceil(ROUNDS / 3)), bin);
    const run = median(b.worker.map((x) => x.runMs)), build = median(b.worker.map((x) => x.buildMs));
    console.log(`goal ≥ 2× real time (run as the worker, v kept): ${(big.duration / run).toFixed(2)}× ${big.duration / run >= 2 ? 'MET' : 'MISSED'} ` +
      `(drawing the network first: ${build.toFixed(0)} ms; C draws it in ${b.c.length ? median(b.c.map((x) => x.buildMs)).toFixed(0) : '–'} ms)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

main();
