// Tests of the population engine: the generator against an independent implementation (and its documented Python
// form when python3 is present), the paper's scheme against a straightforward transcription of net.m written here,
// determinism per seed and per chunking, a silent network at rest, rk4's convergence as dt shrinks, memory budgets.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cloneNetwork, paperNetwork, type NetworkSpec } from '../../model/network';
import { NETWORK_MEMORY_BUDGET, planMemory } from './memory';
import { Rng, STREAM_NETWORK, STREAM_NOISE, flog } from './prng';
import { networkWasmModule } from './wasm';
import { SpikeStore, createNetwork, runNetwork, type NetworkSim } from './sim';

// ---- An independent generator: the same algorithm with 16-bit-half multiplications instead of Math.imul. ----
const M32 = 0x100000000;
function mul32(a: number, b: number): number {
  const al = a & 0xffff, ah = a >>> 16;
  return (((al * b) % M32) + (((ah * b) % M32) * 0x10000) % M32) % M32;
}
function rotl(x: number, k: number): number {
  return (((x * 2 ** k) % M32) + Math.floor(x / 2 ** (32 - k))) % M32;
}
function xor(a: number, b: number): number {
  return (a ^ b) >>> 0;
}
class RefRng {
  s: number[];
  spare: number | null = null;
  constructor(seed: number, stream: number) {
    let a = xor(seed, mul32(stream, 0x85ebca6b));
    this.s = [];
    for (let i = 0; i < 4; i++) {
      a = (a + 0x9e3779b9) % M32;
      let z = mul32(xor(a, a >>> 16), 0x21f0aaad);
      z = mul32(xor(z, z >>> 15), 0x735a2d97);
      this.s.push(xor(z, z >>> 15));
    }
  }
  u32(): number {
    let [s0, s1, s2, s3] = this.s;
    const r = mul32(rotl(mul32(s1, 5), 7), 9);
    const t = (s1 * 512) % M32;
    s2 = xor(s2, s0); s3 = xor(s3, s1); s1 = xor(s1, s2); s0 = xor(s0, s3); s2 = xor(s2, t); s3 = rotl(s3, 11);
    this.s = [s0, s1, s2, s3];
    return r;
  }
  uniform(): number { return this.u32() / 4294967296; }
  normal(): number {
    if (this.spare !== null) { const z = this.spare; this.spare = null; return z; }
    for (;;) {
      const x = 2 * this.uniform() - 1, y = 2 * this.uniform() - 1, s = x * x + y * y;
      if (s > 0 && s < 1) { const f = Math.sqrt(-2 * Math.log(s) / s); this.spare = y * f; return x * f; }
    }
  }
}

describe('generator', () => {
  it('matches an independent implementation of splitmix32-seeded xoshiro128** for several seeds and streams', () => {
    for (const [seed, stream] of [[0, 0], [1, 0], [1, 1], [4294967295, 7], [123456789, 1]]) {
      const a = new Rng(seed, stream), b = new RefRng(seed, stream);
      for (let k = 0; k < 2000; k++) expect(a.u32()).toBe(b.u32());
    }
  });

  it('draws normals identically one by one and in bulk, the spare carried across calls', () => {
    const a = new Rng(9, STREAM_NOISE), b = new RefRng(9, STREAM_NOISE);
    const out = new Float64Array(7), scale = new Float64Array(7).fill(1);
    for (let round = 0; round < 50; round++) {
      a.normals(out, scale, 7); // odd length: the spare crosses rounds
      for (let i = 0; i < 7; i++) expect(out[i]).toBe(b.normal());
    }
    const c = new Rng(9, STREAM_NETWORK), d = new RefRng(9, STREAM_NETWORK);
    for (let k = 0; k < 500; k++) expect(c.normal()).toBe(d.normal());
  });

  it('has the moments of U(0, 1) and N(0, 1) (tolerance 5 standard errors)', () => {
    const g = new Rng(3, 0), n = 200_000;
    let su = 0, sn = 0, sn2 = 0;
    for (let k = 0; k < n; k++) { su += g.uniform(); const z = g.normal(); sn += z; sn2 += z * z; }
    expect(Math.abs(su / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sn / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  const python = '/usr/bin/python3';
  it.skipIf(!existsSync(python))('agrees with its documented Python reimplementation (uniforms exactly, normals to 1e-15)', () => {
    const src = readFileSync(new URL('./prng.ts', import.meta.url), 'utf8').split('\n');
    const from = src.findIndex((l) => l.includes('Reimplementation (Python'));
    const lines: string[] = [];
    for (let i = from + 2; i < src.length && src[i].startsWith('//  '); i++) lines.push(src[i].slice(5));
    const code = [
      'import math', ...lines,
      'def rotl(x, k): return ((x << k) | (x >> (32 - k))) & M',
      'g = Rng(4242, 1)', 'print(" ".join(str(g.u32()) for _ in range(20)))',
      'h = Rng(4242, 1)', 'print(" ".join(repr(h.uniform()) for _ in range(5)))', 'print(" ".join(repr(h.normal()) for _ in range(9)))',
    ].join('\n');
    const out = execFileSync(python, ['-c', code], { encoding: 'utf8' }).trim().split('\n');
    const g = new Rng(4242, 1);
    expect(out[0].split(' ').map(Number)).toEqual(Array.from({ length: 20 }, () => g.u32()));
    const h = new Rng(4242, 1);
    expect(out[1].split(' ').map(Number)).toEqual(Array.from({ length: 5 }, () => h.uniform()));
    const pn = out[2].split(' ').map(Number);
    for (const z of pn) expect(Math.abs(z - h.normal())).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(z)));
  });
});

// ---- net.m, transcribed line by line with plain arrays and the independent generator. ----
function netM(spec: NetworkSpec): Array<[number, number]> {
  const Ne = spec.populations.excitatory.count, Ni = spec.populations.inhibitory.count, N = Ne + Ni;
  const g = new RefRng(spec.seed, STREAM_NETWORK), noise = new RefRng(spec.seed, STREAM_NOISE);
  const re = Array.from({ length: Ne }, () => g.uniform());
  const ri = Array.from({ length: Ni }, () => g.uniform());
  const a = [...re.map(() => 0.02), ...ri.map((r) => 0.02 + 0.08 * r)];
  const b = [...re.map(() => 0.2), ...ri.map((r) => 0.25 - 0.05 * r)];
  const c = [...re.map((r) => -65 + 15 * r ** 2), ...ri.map(() => -65)];
  const d = [...re.map((r) => 8 - 6 * r ** 2), ...ri.map(() => 2)];
  // S = [0.5*rand(N, Ne), -rand(N, Ni)]: filled column by column.
  const S: number[][] = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  if (spec.connectivity.kind === 'dense') {
    for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) S[i][j] = j < Ne ? 0.5 * g.uniform() : -g.uniform();
  } else {
    // K distinct inputs per cell by a plain partial Fisher–Yates on a fresh list 0 … N−1 for every row.
    const K = spec.connectivity.inputs;
    for (let i = 0; i < N; i++) {
      const list = Array.from({ length: N }, (_, k) => k);
      for (let q = 0; q < K; q++) {
        const pick = q + Math.floor(g.uniform() * (N - q));
        [list[q], list[pick]] = [list[pick], list[q]];
        const j = list[q];
        S[i][j] = j < Ne ? 0.5 * g.uniform() : -g.uniform();
      }
    }
  }
  let v = new Array<number>(N).fill(-65);
  let u = v.map((x, i) => b[i] * x);
  const firings: Array<[number, number]> = [];
  for (let t = 1; t <= spec.duration; t++) {
    let I = Array.from({ length: N }, (_, i) => (i < Ne ? 5 : 2) * noise.normal());
    const fired = v.flatMap((x, i) => (x >= 30 ? [i] : []));
    for (const i of fired) firings.push([t, i]);
    for (const i of fired) { v[i] = c[i]; u[i] = u[i] + d[i]; }
    I = I.map((x, i) => x + fired.reduce((sum, j) => sum + S[i][j], 0));
    v = v.map((x, i) => x + 0.5 * (0.04 * x ** 2 + 5 * x + 140 - u[i] + I[i]));
    v = v.map((x, i) => x + 0.5 * (0.04 * x ** 2 + 5 * x + 140 - u[i] + I[i]));
    u = u.map((x, i) => x + a[i] * (b[i] * v[i] - x));
  }
  return firings;
}

function spikesOf(sim: NetworkSim): Array<[number, number]> {
  return Array.from({ length: sim.spikes.count }, (_, k) => [sim.spikes.t[k], sim.spikes.cell[k]] as [number, number]);
}

function run(spec: NetworkSpec): NetworkSim {
  const r = runNetwork(spec);
  if (!r.ok) throw new Error(r.message);
  return r.sim;
}

describe("the paper's scheme", () => {
  it('gives the same spike train as net.m transcribed with plain arrays (paper network, 300 ms, two seeds)', () => {
    for (const seed of [1, 2024]) {
      const spec = { ...paperNetwork(), seed, duration: 300 };
      const expected = netM(spec);
      expect(expected.length).toBeGreaterThan(1000);
      expect(spikesOf(run(spec))).toEqual(expected);
    }
  }, 120_000);

  it('gives the same spike train as the transcription for a sparse network (fixed inputs per neuron)', () => {
    const spec: NetworkSpec = { ...paperNetwork(), seed: 5, duration: 300, connectivity: { kind: 'sparse', inputs: 150 } };
    spec.populations.excitatory.count = 240;
    spec.populations.inhibitory.count = 60;
    const expected = netM(spec);
    expect(spikesOf(run(spec))).toEqual(expected);
    expect(expected.length).toBeGreaterThan(100);
  });

  it('is reproducible from its seed, whatever the chunking, and another seed gives another train', () => {
    const spec = { ...paperNetwork(), duration: 400 };
    const whole = spikesOf(run(spec));
    const r = createNetwork(spec);
    if (!r.ok) throw new Error(r.message);
    const chunks = [1, 7, 50, 3, 120, 999];
    for (let k = 0; !r.sim.finished; k++) r.sim.advance(chunks[k % chunks.length]);
    expect(spikesOf(r.sim)).toEqual(whole);
    expect(spikesOf(run({ ...spec, seed: 2 }))).not.toEqual(whole);
  });

  it('stamps spikes in whole milliseconds 1 … duration and reproduces the paper’s rates (5–12 Hz, both types)', () => {
    const sim = run(paperNetwork());
    let ne = 0;
    for (let k = 0; k < sim.spikes.count; k++) {
      const t = sim.spikes.t[k];
      expect(Number.isInteger(t) && t >= 1 && t <= 1000).toBe(true);
      if (sim.spikes.cell[k] < 800) ne++;
    }
    expect(ne / 800).toBeGreaterThan(5);
    expect(ne / 800).toBeLessThan(12);
    expect((sim.spikes.count - ne) / 200).toBeGreaterThan(5);
    expect((sim.spikes.count - ne) / 200).toBeLessThan(12);
  });
});

function silent(spec: NetworkSpec): NetworkSpec {
  return { ...cloneNetwork(spec), noise: { excitatory: 0, inhibitory: 0 } };
}

describe('a network without noise', () => {
  it('stays silent and settles at each cell’s resting point (both schemes)', () => {
    for (const scheme of [{ method: 'paper' as const }, { method: 'rk4' as const, dt: 0.25 }]) {
      const spec = { ...silent(paperNetwork()), duration: 600, scheme };
      const sim = run(spec);
      expect(sim.spikes.count).toBe(0);
      for (let i = 0; i < sim.n; i++) {
        // Rest: 0.04v² + (5 − b)v + 140 = 0, the lower root; u = b·v.
        const bb = sim.cells.b[i];
        const rest = (-(5 - bb) - Math.sqrt((5 - bb) ** 2 - 4 * 0.04 * 140)) / (2 * 0.04);
        expect(Math.abs(sim.v[i] - rest)).toBeLessThan(0.05);
        expect(Math.abs(sim.u[i] - bb * rest)).toBeLessThan(0.05);
      }
    }
  });
});

describe('the rk4 scheme', () => {
  const small = (): NetworkSpec => {
    const s = paperNetwork();
    s.populations.excitatory.count = 16;
    s.populations.inhibitory.count = 4;
    s.weights = { excitatory: 2, inhibitory: 4 }; // 20 inputs standing in for 1000
    s.noise = { excitatory: 8, inhibitory: 5 };
    s.duration = 150;
    s.seed = 11;
    return s;
  };

  it('converges as dt shrinks: same spikes, spike-time errors falling about 16× per halving (≥ 8× asked)', () => {
    const ref = run({ ...small(), scheme: { method: 'rk4', dt: 1 / 512 } });
    expect(ref.spikes.count).toBeGreaterThan(30);
    const errs: number[] = [];
    for (const m of [8, 16, 32, 64]) {
      const sim = run({ ...small(), scheme: { method: 'rk4', dt: 1 / m } });
      expect(spikesOf(sim).map((s) => s[1])).toEqual(spikesOf(ref).map((s) => s[1]));
      let e = 0;
      for (let k = 0; k < sim.spikes.count; k++) e = Math.max(e, Math.abs(sim.spikes.t[k] - ref.spikes.t[k]));
      errs.push(e);
    }
    for (let k = 1; k < errs.length; k++) expect(errs[k - 1] / errs[k]).toBeGreaterThan(8);
    expect(errs[errs.length - 1]).toBeLessThan(1e-5);
  }, 60_000);

  it('gives exact (non-integer) spike times in order, and the same train for the same seed', () => {
    const spec: NetworkSpec = { ...small(), scheme: { method: 'rk4', dt: 0.1 } };
    const a = run(spec), b = run(spec);
    expect(spikesOf(a)).toEqual(spikesOf(b));
    const t = Array.from(a.spikes.t.subarray(0, a.spikes.count));
    expect(t.some((x) => !Number.isInteger(x))).toBe(true);
    for (let k = 1; k < t.length; k++) expect(t[k]).toBeGreaterThanOrEqual(t[k - 1]);
  });
});

describe('memory', () => {
  it(`builds a 10,000-cell sparse network with 1,000 inputs per cell within the budget (${NETWORK_MEMORY_BUDGET / 2 ** 20} MiB)`, () => {
    const spec: NetworkSpec = { ...paperNetwork(), duration: 20, connectivity: { kind: 'sparse', inputs: 1000 } };
    spec.populations.excitatory.count = 8000;
    spec.populations.inhibitory.count = 2000;
    const before = process.memoryUsage().arrayBuffers;
    const r = createNetwork(spec);
    if (!r.ok) throw new Error(r.message);
    r.sim.advance(Infinity);
    const held = r.sim.heldBytes();
    expect(held).toBeLessThanOrEqual(NETWORK_MEMORY_BUDGET);
    expect(held).toBeLessThanOrEqual(r.sim.plan.total + r.sim.plan.spikeBytes);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThanOrEqual(NETWORK_MEMORY_BUDGET);
    expect(r.sim.syn.kind === 'sparse' && r.sim.syn.target.length).toBe(10_000 * 1000);
    expect(r.sim.spikes.count).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a dense 10,000-cell network before allocating, saying what to change', () => {
    const spec = paperNetwork();
    spec.populations.excitatory.count = 8000;
    spec.populations.inhibitory.count = 2000;
    const r = createNetwork(spec);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/10000×10000 weight matrix/);
    expect(r.message).toMatch(/sparse connectivity/);
    expect(r.message).toMatch(/at most \d+ cells with dense/);
    const m = /at most (\d+) cells/.exec(r.message);
    const fits = cloneNetwork(spec);
    fits.populations.excitatory.count = Number(m![1]) - 200;
    fits.populations.inhibitory.count = 200;
    expect(planMemory(fits, 1000, true).ok).toBe(true);
  });

  it('refuses too many sparse synapses with the largest number of inputs that fits', () => {
    const spec: NetworkSpec = { ...paperNetwork(), connectivity: { kind: 'sparse', inputs: 2000 } };
    spec.populations.excitatory.count = 80_000;
    spec.populations.inhibitory.count = 20_000;
    const r = createNetwork(spec);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const m = /at most (\d+) inputs per neuron/.exec(r.message);
    expect(m).not.toBeNull();
    const k = Number(m![1]);
    expect(planMemory({ ...spec, connectivity: { kind: 'sparse', inputs: k } }, 1000, true).ok).toBe(true);
    expect(planMemory({ ...spec, connectivity: { kind: 'sparse', inputs: k + 1 } }, 1000, true).ok).toBe(false);
  });
});

describe('the WebAssembly engine', () => {
  it('is available in Node (WebAssembly with SIMD)', () => {
    expect(networkWasmModule()).not.toBeNull();
  });

  it('gives the plain-JS path’s spike trains, final states and recorded v bit for bit (dense and sparse, three seeds)', () => {
    const sparse: NetworkSpec = { ...paperNetwork(), connectivity: { kind: 'sparse', inputs: 333 } };
    sparse.populations.excitatory.count = 701; // odd sizes: the vector loops' remainders
    sparse.populations.inhibitory.count = 188;
    // Other weight scales: the module keeps raw draws and forms scale·(r/2³²) where it adds them.
    const odd: NetworkSpec = { ...paperNetwork(), weights: { excitatory: 0.37, inhibitory: 1.3 } };
    odd.populations.excitatory.count = 613;
    for (const base of [paperNetwork(), sparse, odd, { ...sparse, weights: odd.weights }]) {
      for (const seed of [1, 77, 4000000000]) {
        const spec = { ...base, seed, duration: 400 };
        const js = runNetwork(spec, { engine: 'js' }), wasm = runNetwork(spec, { engine: 'wasm' });
        if (!js.ok || !wasm.ok) throw new Error('not built');
        expect(js.sim.engine).toBe('js');
        expect(wasm.sim.engine).toBe('wasm');
        expect(spikesOf(wasm.sim)).toEqual(spikesOf(js.sim));
        expect(Array.from(wasm.sim.v)).toEqual(Array.from(js.sim.v));
        expect(Array.from(wasm.sim.u)).toEqual(Array.from(js.sim.u));
        expect(Array.from(wasm.sim.vRec!)).toEqual(Array.from(js.sim.vRec!));
      }
    }
  }, 60_000);

  it('draws its noise as the JS generator does, the spare carried from step to step', () => {
    const spec = { ...paperNetwork(), duration: 3 };
    spec.populations.inhibitory.count = 201; // an odd count: a spare normal crosses steps
    const r = createNetwork(spec, { engine: 'wasm' });
    if (!r.ok || !r.sim.wasm) throw new Error('no wasm');
    const w = r.sim.wasm;
    const ref = new Rng(spec.seed, STREAM_NOISE);
    const out = new Float64Array(1001), mine = new Float64Array(1001);
    for (let step = 0; step < 5; step++) {
      w.ex.normals(w.st, r.sim.noiseI.byteOffset, r.sim.cells.noise.byteOffset, 1001);
      mine.set(r.sim.noiseI);
      ref.normals(out, r.sim.cells.noise, 1001);
      expect(Array.from(mine)).toEqual(Array.from(out));
    }
    const back = new Rng(0, 0);
    back.importState(w.words, w.spare);
    expect(back.u32()).toBe(ref.u32());
  });
  it('stops on a full spike store where the JS path stops, in the same state', () => {
    const runs = (['js', 'wasm'] as const).map((engine) => {
      const r = createNetwork({ ...paperNetwork(), duration: 200 }, { engine });
      if (!r.ok) throw new Error(r.message);
      (r.sim as unknown as { spikes: SpikeStore }).spikes = new SpikeStore(777); // full within the run, mid-step
      r.sim.advance(Infinity);
      return { status: r.sim.status.kind, spikes: spikesOf(r.sim), step: r.sim.step, v: Array.from(r.sim.v), u: Array.from(r.sim.u) };
    });
    expect(runs[0].status).toBe('full');
    expect(runs[0].spikes.length).toBe(777);
    expect(runs[1]).toEqual(runs[0]);
  });

  it('treats non-finite potentials as the JS path does: +∞ fires, −∞ or NaN in a cell that does not fire diverges', () => {
    const base = { ...paperNetwork(), duration: 5 };
    base.populations.inhibitory.count = 201; // odd: the fire test's vector remainder
    const n = 1001;
    for (const [cell, value] of [[4, Infinity], [5, NaN], [6, -Infinity], [n - 1, NaN], [n - 1, Infinity], [n - 1, -Infinity]] as const) {
      const runs = (['js', 'wasm'] as const).map((engine) => {
        const r = createNetwork(base, { engine });
        if (!r.ok) throw new Error(r.message);
        r.sim.v[cell] = value;
        r.sim.advance(2);
        return { status: r.sim.status.kind, spikes: spikesOf(r.sim), step: r.sim.step };
      });
      expect(runs[1], `v[${cell}] = ${value}`).toEqual(runs[0]);
      expect(runs[0].status).toBe(value === Infinity ? 'running' : 'diverged');
    }
  });

  it('draws blocks of normals as the JS generator does for any count (block edges, odd counts, the spare)', () => {
    const spec = { ...paperNetwork(), duration: 3 };
    const r = createNetwork(spec, { engine: 'wasm' });
    if (!r.ok || !r.sim.wasm) throw new Error('no wasm');
    const w = r.sim.wasm;
    const ref = new Rng(spec.seed, STREAM_NOISE);
    const out = new Float64Array(1000);
    for (let step = 0; step < 600; step++) {
      const n = [1, 2, 3, 127, 128, 129, 255, 256, 257, 999, 1000][step % 11]; // the kernel works in blocks of 128 pairs
      w.ex.normals(w.st, r.sim.noiseI.byteOffset, r.sim.cells.noise.byteOffset, n);
      ref.normals(out, r.sim.cells.noise, n);
      for (let i = 0; i < n; i++) if (!Object.is(r.sim.noiseI[i], out[i])) throw new Error(`step ${step}, normal ${i}: ${r.sim.noiseI[i]} ≠ ${out[i]}`);
    }
  });

  it('computes the polar factor sqrt(−2·log s / s) two at a time as flog does, near powers of two too', () => {
    // Exact equality: the vector path must take fdlibm's operations lane by lane; arguments within a few ulps of a
    // power of two take flog's rare branch (scalar fallback), and k = 0 (s ≥ √½) its other formulas.
    const r = createNetwork({ ...paperNetwork(), duration: 1 }, { engine: 'wasm' });
    if (!r.ok || !r.sim.wasm) throw new Error('no wasm');
    const src = r.sim.v, dst = r.sim.u, g = new Rng(3, 3);
    for (let rep = 0; rep < 100; rep++) {
      for (let i = 0; i < 1000; i++) {
        const e = 2 ** -(1 + Math.floor(g.uniform() * 62)), pick = g.uniform(), j = 1 + Math.floor(g.uniform() * 4);
        const x = pick < 0.25 ? e * (1 + (j - 1) * 2 ** -52) : pick < 0.5 ? e * (2 - j * 2 ** -52) : g.uniform() * e;
        src[i] = x > 0 && x < 1 ? x : 0.5;
      }
      r.sim.wasm.ex.polarFactors(src.byteOffset, dst.byteOffset, 1000);
      for (let i = 0; i < 1000; i++) {
        const want = Math.sqrt(-2 * flog(src[i]) / src[i]);
        if (!Object.is(dst[i], want)) throw new Error(`s = ${src[i]}: ${dst[i]} ≠ ${want}`);
      }
    }
  });
});

describe('flog (fdlibm’s log)', () => {
  it('equals the JavaScript engine’s Math.log on 300,000 random arguments and the edge cases', () => {
    const g = new Rng(5, 9);
    for (let k = 0; k < 300_000; k++) {
      const x = k % 3 === 0 ? g.uniform() : g.uniform() * 2 ** (80 * g.uniform() - 40);
      if (flog(x) !== Math.log(x)) throw new Error(`flog(${x}) = ${flog(x)}, Math.log = ${Math.log(x)}`);
    }
    for (const x of [1, 2, 0.5, Math.E, 1e-300, 5e-324, 1 - 2 ** -53, 1 + 2 ** -52, Number.MAX_VALUE, 0, Infinity]) {
      expect(flog(x)).toBe(Math.log(x));
    }
    expect(flog(-1)).toBeNaN();
  });
});
