// Benchmark of the batch engine (`npm run bench -- batch`): one core of the WebAssembly SIMD engine (and the plain-JS
// one) against a C -O3 -march=native loop of the same work — 10,000 heterogeneous neurons, RK4 in the engine's
// reduced form, dt = 0.1 ms, 1 s, threshold test per step — compiled here with the system's cc when there is one:
// the developers' guide's form of the loop (7 arrays, uniform coefficients as scalars, auto-vectorised; float64 and
// float32, IEEE and FMA; float64 also on 16-byte vectors, WebAssembly SIMD's width) and the bench's earlier scalar
// loop; then a 256 × 256 map of 1 s runs (dt 0.1 ms, exact spikes, float64) on every core: first picture and total.
// Rounds interleave the contenders (medians of neuron-steps/s); the machine's load is printed beside the numbers.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSession, type Session } from '../model/session';
import { runBatch, type BatchSpec } from '../engine/batch';
import { mapBench } from './mapBench';

const N = 10_000;
const DT = 0.1;
const T = 1000;
const STEPS = Math.round(T / DT);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

/** The 2003 network's heterogeneous cells (80% excitatory RS→CH, 20% inhibitory FS↔LTS) with a constant current each. */
function population(): { a: Float64Array; b: Float64Array; c: Float64Array; d: Float64Array; I: Float64Array } {
  let s = 12345;
  const rnd = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
  const p = { a: new Float64Array(N), b: new Float64Array(N), c: new Float64Array(N), d: new Float64Array(N), I: new Float64Array(N) };
  for (let i = 0; i < N; i++) {
    const r = rnd();
    if (i < 0.8 * N) { p.a[i] = 0.02; p.b[i] = 0.2; p.c[i] = -65 + 15 * r * r; p.d[i] = 8 - 6 * r * r; }
    else { p.a[i] = 0.02 + 0.08 * r; p.b[i] = 0.25 - 0.05 * r; p.c[i] = -65; p.d[i] = 2; }
    p.I[i] = 4 + 10 * rnd();
  }
  return p;
}

/**
 * The C reference of the goal (the developers' guide's form of the loop): per-neuron a, b, c, d, I and state v, u
 * (seven arrays); the equation coefficients k2, k1, k0, vref = 0, ucoef = 1 and dt uniform scalars, their products
 * hoisted; the per-neuron products (a·b, h·a·b, h·K …) formed in the loop; the engine's rk4Run expressions
 * (integrate.ts) in the same order; 'step' spikes (v ≥ v_th after the step: v ← c, u ← u + d), loop over neurons
 * innermost, written branch-free so gcc vectorises it (checked below with -fopt-info-vec). REAL = double or float.
 */
const C_GUIDE = String.raw`
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+1e-9*t.tv_nsec;}
int main(int argc,char**argv){
  int N=atoi(argv[2]), S=atoi(argv[3]); const REAL dt=atof(argv[4]);
  FILE*f=fopen(argv[1],"rb"); double*p=malloc(5*N*sizeof(double));
  if(!f||fread(p,sizeof(double),5*N,f)!=(size_t)(5*N)) return 3; fclose(f);
  #define A(x) REAL*restrict x=malloc(N*sizeof(REAL));
  A(a)A(b)A(c)A(d)A(I)A(v)A(u)
  for(int i=0;i<N;i++){ a[i]=p[i]; b[i]=p[N+i]; c[i]=p[2*N+i]; d[i]=p[3*N+i]; I[i]=p[4*N+i]; v[i]=-65; u[i]=b[i]*v[i]; }
  const REAL k2=(REAL)0.04, k1=5, k0=140, vth=30, two=2, third=(REAL)1/3, hh=(REAL)0.5*dt, h6=dt/6;
  const REAL hk2=hh*k2,hk1=hh*k1,dk2=dt*k2,dk1=dt*k1,sk2=h6*k2,sk1=h6*k1;
  long spikes=0; double t0=now();
  for(int s=0;s<S;s++){
    for(int i=0;i<N;i++){ /*inner*/
      const REAL V=v[i],U=u[i],ci=c[i],di=d[i],ab=a[i]*b[i],au=a[i],K=k0+I[i];
      const REAL hab=hh*ab,dab=dt*ab,sab=h6*ab,hauc=hh*au,dauc=dt*au,sauc=h6*au,hKa=hh*K,dKm=dt*K,KK=h6*((K+K)+4*K);
      REAL A0=V*(hk2*V+hk1);
      REAL vs1=((V+hKa)-hh*U)+A0, us1=(U-hauc*U)+hab*V;
      REAL A1=vs1*(hk2*vs1+hk1);
      REAL vs2=((V+hKa)-hh*us1)+A1, us2=(U-hauc*us1)+hab*vs1;
      REAL A2=vs2*(dk2*vs2+dk1);
      REAL vs3=((V+dKm)-dt*us2)+A2, us3=(U-dauc*us2)+dab*vs2;
      REAL su=U+two*(us1+us2), sv=V+two*(vs1+vs2);
      REAL v1=(((V+KK)+(A0+two*A1+A2)*third-h6*su)-h6*us3)+vs3*(sk2*vs3+sk1);
      REAL u1=((U+(sab*sv-sauc*su))-sauc*us3)+sab*vs3;
      int sp=v1>=vth; spikes+=sp;
      const REAL ur=u1+di; v[i]=sp?ci:v1; u[i]=sp?ur:u1;
    }
  }
  printf("%.6f %ld\n", now()-t0, spikes);
  return 0;
}
`;

/**
 * The bench's earlier C loop, kept for comparison: the same expressions with every hoisted constant a per-neuron
 * array (19 arrays), compiled with gcc's default -ftrapping-math, under which gcc does not if-convert the reset and
 * leaves the loop scalar ("control flow in loop"): this, not memory traffic, is why it ran 3× slower than the guide's.
 */
const C_OLD = String.raw`
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+1e-9*t.tv_nsec;}
int main(int argc,char**argv){
  int N=atoi(argv[2]), S=atoi(argv[3]); REAL dt=atof(argv[4]);
  FILE*f=fopen(argv[1],"rb"); double*p=malloc(5*N*sizeof(double));
  if(!f||fread(p,sizeof(double),5*N,f)!=(size_t)(5*N)) return 3; fclose(f);
  #define A(x) REAL*x=malloc(N*sizeof(REAL));
  A(v)A(u)A(hk2)A(hk1)A(dk2)A(dk1)A(sk2)A(sk1)A(hab)A(dab)A(sab)A(hauc)A(dauc)A(sauc)A(hKa)A(dKm)A(KK)A(c)A(d)
  const REAL hh=(REAL)0.5*dt, h6=dt/6, third=(REAL)1/3, vth=30, two=2;
  for(int i=0;i<N;i++){ REAL a=p[i],b=p[N+i],I=p[4*N+i]; c[i]=p[2*N+i]; d[i]=p[3*N+i];
    REAL k2=(REAL)0.04,k1=5,ab=a*b,auc=a,K=140+I;
    hk2[i]=hh*k2;hk1[i]=hh*k1;dk2[i]=dt*k2;dk1[i]=dt*k1;sk2[i]=h6*k2;sk1[i]=h6*k1;hab[i]=hh*ab;dab[i]=dt*ab;sab[i]=h6*ab;
    hauc[i]=hh*auc;dauc[i]=dt*auc;sauc[i]=h6*auc;hKa[i]=hh*K;dKm[i]=dt*K;KK[i]=h6*((K+K)+4*K); v[i]=-65; u[i]=b*v[i]; }
  long spikes=0; double t0=now();
  for(int s=0;s<S;s++){
    for(int i=0;i<N;i++){ /*inner*/
      REAL V=v[i],U=u[i];
      REAL A0=V*(hk2[i]*V+hk1[i]);
      REAL vs1=((V+hKa[i])-hh*U)+A0, us1=(U-hauc[i]*U)+hab[i]*V;
      REAL A1=vs1*(hk2[i]*vs1+hk1[i]);
      REAL vs2=((V+hKa[i])-hh*us1)+A1, us2=(U-hauc[i]*us1)+hab[i]*vs1;
      REAL A2=vs2*(dk2[i]*vs2+dk1[i]);
      REAL vs3=((V+dKm[i])-dt*us2)+A2, us3=(U-dauc[i]*us2)+dab[i]*vs2;
      REAL su=U+two*(us1+us2), sv=V+two*(vs1+vs2);
      REAL v1=(((V+KK[i])+(A0+two*A1+A2)*third-h6*su)-h6*us3)+vs3*(sk2[i]*vs3+sk1[i]);
      REAL u1=((U+(sab[i]*sv-sauc[i]*su))-sauc[i]*us3)+sab[i]*vs3;
      int sp=v1>=vth; spikes+=sp;
      v[i]=sp?c[i]:v1; u[i]=sp?u1+d[i]:u1;
    }
  }
  printf("%.6f %ld\n", now()-t0, spikes);
  return 0;
}
`;

interface CBinary { name: string; path: string; vector: string }

/** Line (1-based) of the inner loop in a C source (marked inner in a comment). */
function innerLine(src: string): number {
  return src.split('\n').findIndex((l) => l.includes('/*inner*/')) + 1;
}

function compileC(dir: string): { binaries: CBinary[]; note: string } {
  const cc = ['cc', 'gcc', 'clang'].find((x) => spawnSync(x, ['--version']).status === 0);
  if (!cc) return { binaries: [], note: 'no C compiler (cc, gcc, clang) on this machine: the C reference is skipped' };
  const guide = join(dir, 'guide.c'), old = join(dir, 'old.c');
  writeFileSync(guide, C_GUIDE);
  writeFileSync(old, C_OLD);
  // -fno-trapping-math changes no result (IEEE values are the same; only floating-point exception flags may differ):
  // it lets gcc if-convert the reset, which it otherwise refuses to vectorise.
  const variants: [string, string, string[]][] = [
    ['C guide f64 (IEEE, no FMA)', guide, ['-DREAL=double', '-ffp-contract=off', '-fno-trapping-math']],
    ['C guide f64 (FMA, gcc default)', guide, ['-DREAL=double', '-fno-trapping-math']],
    // The same loop on 16-byte vectors (two doubles, WebAssembly SIMD's width), IEEE: what gcc itself makes of the work
    // at our vector width, so the batch engine's remaining gap to it is code generation, not vector width.
    ['C guide f64 (IEEE, 16-byte vectors)', guide, ['-DREAL=double', '-ffp-contract=off', '-fno-trapping-math', '-mprefer-vector-width=128']],
    ['C guide f32 (IEEE, no FMA)', guide, ['-DREAL=float', '-ffp-contract=off', '-fno-trapping-math']],
    ['C guide f32 (FMA, gcc default)', guide, ['-DREAL=float', '-fno-trapping-math']],
    ['C old loop f64 (19 arrays)', old, ['-DREAL=double', '-ffp-contract=off']],
  ];
  const binaries: CBinary[] = [];
  for (const [name, src, flags] of variants) {
    const out = join(dir, `ref${binaries.length}`);
    const r = spawnSync(cc, ['-O3', '-march=native', ...flags, '-fopt-info-vec-optimized', src, '-o', out], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    // gcc reports each vectorised loop as file:line:col: optimized: loop vectorized using N byte vectors.
    const line = innerLine(src === guide ? C_GUIDE : C_OLD);
    const m = [...(r.stderr ?? '').matchAll(/:(\d+):\d+: optimized: loop vectorized using (\d+) byte vectors/g)]
      .filter((x) => Number(x[1]) === line).map((x) => Number(x[2]));
    const bytes = m.length ? Math.max(...m) : 0;
    const vector = cc === 'clang' ? 'vectorisation not checked (clang)'
      : bytes ? `vectorised, ${bytes}-byte vectors${bytes === 64 ? ' (AVX-512)' : bytes === 32 ? ' (AVX2)' : bytes === 16 ? ' (2 doubles)' : ''}` : 'NOT vectorised (scalar)';
    binaries.push({ name, path: out, vector });
  }
  const version = spawnSync(cc, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const cpu = (() => { try { return /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?'; } catch { return '?'; } })();
  const avx512 = (() => { try { return /\bavx512f\b/.test(readFileSync('/proc/cpuinfo', 'utf8')); } catch { return false; } })();
  return { binaries, note: `C reference compiled with ${cc} -O3 -march=native (${version}); CPU ${cpu}, ${avx512 ? 'with' : 'without'} AVX-512` };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function session(spikes: 'exact' | 'step', precision: 'float64' | 'float32'): Session {
  const s = defaultSession();
  s.integration = { dt: DT, stepper: 'rk4', spikes, precision };
  s.initial = { v: -65, u: -13 };
  s.protocol = [{ until: T }];
  return s;
}

function fmt(x: number): string {
  return x.toExponential(2);
}

async function main(): Promise<void> {
  const load0 = loadavg()[0];
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const pop = population();
  const dir = mkdtempSync(join(tmpdir(), 'batch-bench-'));
  try {
    const { binaries, note } = compileC(dir);
    console.log(note);
    const params = join(dir, 'params.bin');
    const flat = new Float64Array(5 * N);
    flat.set(pop.a, 0); flat.set(pop.b, N); flat.set(pop.c, 2 * N); flat.set(pop.d, 3 * N); flat.set(pop.I, 4 * N);
    writeFileSync(params, flat);
    // u0 = b·v0 per neuron, as the C loop starts.
    const u0 = Float64Array.from(pop.b, (b) => b * -65);
    const spec = (spikes: 'exact' | 'step', precision: 'float64' | 'float32'): BatchSpec => ({
      session: session(spikes, precision), count: N, capacity: 4, initial: { u: u0 },
      vary: (['a', 'b', 'c', 'd', 'I'] as const).map((k) => ({ param: k, values: pop[k] })),
    });
    type Row = { name: string; rates: number[]; spikes: number };
    const rows: Row[] = [
      ...binaries.map((b) => ({ name: b.name, rates: [] as number[], spikes: 0 })),
      { name: 'batch wasm-simd f64 step', rates: [], spikes: 0 },
      { name: 'batch wasm-simd f64 exact', rates: [], spikes: 0 },
      { name: 'batch wasm-simd f32 step', rates: [], spikes: 0 },
      { name: 'batch js f64 step', rates: [], spikes: 0 },
    ];
    const runs: (() => { seconds: number; spikes: number })[] = [
      ...binaries.map((b) => () => {
        const r = spawnSync(b.path, [params, String(N), String(STEPS), String(DT)], { encoding: 'utf8' });
        const [sec, sp] = r.stdout.trim().split(/\s+/).map(Number);
        return { seconds: sec, spikes: sp };
      }),
      ...([['step', 'float64', 'wasm'], ['exact', 'float64', 'wasm'], ['step', 'float32', 'wasm'], ['step', 'float64', 'js']] as const)
        .map(([sp, pr, engine]) => () => {
          const sp0 = spec(sp, pr);
          const t0 = performance.now();
          const out = runBatch(sp0, { engine });
          const seconds = (performance.now() - t0) / 1000;
          if (out.status !== 'ok') throw new Error('cancelled');
          let spikes = 0;
          for (let i = 0; i < N; i++) spikes += out.spikeCount[i];
          return { seconds, spikes };
        }),
    ];
    // Warm-up (JIT, page cache), then interleaved rounds; the JS engine (10× slower) runs in the first rounds only.
    runs.forEach((r) => r());
    for (let round = 0; round < ROUNDS; round++) {
      runs.forEach((run, k) => {
        if (rows[k].name.includes(' js ') && round >= 2) return;
        const r = run();
        rows[k].rates.push((N * STEPS) / r.seconds);
        rows[k].spikes = r.spikes;
      });
    }
    const row = (name: string) => rows.find((r) => r.name === name);
    const g64 = row('C guide f64 (IEEE, no FMA)'), g64f = row('C guide f64 (FMA, gcc default)');
    const g32 = row('C guide f32 (IEEE, no FMA)'), g32f = row('C guide f32 (FMA, gcc default)');
    const old = row('C old loop f64 (19 arrays)');
    const g64w2 = row('C guide f64 (IEEE, 16-byte vectors)');
    const vectorOf = new Map(binaries.map((b) => [b.name, b.vector]));
    // Ratios within each round (the two runs a few seconds apart), then their median: this machine's speed drifts by
    // ±15 % over minutes, which a ratio of the two medians would take in; the range shows what is left of it.
    const roundRatios = (x: Row, ref: Row) => x.rates.map((v, i) => v / ref.rates[i]).filter((q) => Number.isFinite(q));
    const ratio = (x: Row | undefined, ref: Row | undefined) => (x && ref ? median(roundRatios(x, ref)).toFixed(2) : 'n/a');
    const width = Math.max(...rows.map((x) => x.name.length));
    console.log(`\n10,000 neurons × ${STEPS} RK4 steps (dt ${DT} ms, 1 s), one core; median of ${ROUNDS} interleaved rounds, neuron-steps/s; ratios: medians of the ratios within each round`);
    for (const r of rows) {
      const m = median(r.rates);
      const vs = (ref: Row | undefined, label: string) => (ref && ref !== r ? `  ${ratio(r, ref)}× ${label}` : '');
      const against = r.name.includes('f32') ? `${vs(g32, 'C f32')}${vs(g32f, 'C f32+FMA')}` : `${vs(g64, 'C f64')}${vs(g64f, 'C f64+FMA')}`;
      const vec = vectorOf.has(r.name) ? `  [${vectorOf.get(r.name)}]` : '';
      console.log(`  ${r.name.padEnd(width)} ${fmt(m).padStart(9)}   spikes ${String(r.spikes).padStart(6)}${against}${vec}`);
    }
    const wasmStep = row('batch wasm-simd f64 step'), wasmExact = row('batch wasm-simd f64 exact'), wasm32 = row('batch wasm-simd f32 step');
    if (g64 && wasmStep) {
      const diff = Math.abs(g64.spikes - wasmStep.spikes);
      console.log(`  spike counts: C ${g64.spikes}, batch ${wasmStep.spikes} (${diff === 0 ? 'identical' : `differ by ${diff}, ` +
        `${(100 * diff / g64.spikes).toFixed(3)}%: the engine redoes a step that reaches v_th over [t_n, t_n+1], whose ` +
        'length differs from dt in the last bits, and bursting cells amplify that'})`);
      const range = (x: Row | undefined, ref: Row | undefined) => {
        if (!x || !ref) return 'n/a';
        const q = roundRatios(x, ref);
        return `${Math.min(...q).toFixed(2)}–${Math.max(...q).toFixed(2)}`;
      };
      console.log(`  RATIO PER CORE against the guide's loop (goal ≥ 0.5; the guide's 3.2e8 is gcc's default build, with FMA;` +
        ' medians of the ratios within each round):');
      console.log(`    f64 step ${ratio(wasmStep, g64f)} (rounds ${range(wasmStep, g64f)}; vs IEEE C ${ratio(wasmStep, g64)}), f64 exact spikes ` +
        `${ratio(wasmExact, g64f)} (vs IEEE C ${ratio(wasmExact, g64)}), f32 step ${ratio(wasm32, g32f)} (vs IEEE C ${ratio(wasm32, g32)})`);
      if (g64w2) {
        console.log(`    at the same vector width (two doubles): gcc's own code of this loop is ${ratio(g64w2, g64f)}× the guide's loop; ` +
          `the batch engine is ${ratio(wasmStep, g64w2)}× gcc's code at that width (step), ${ratio(wasmExact, g64w2)}× (exact spikes)`);
      }
      if (old) console.log(`    (against the bench's earlier, scalar C loop: f64 step ${ratio(wasmStep, old)})`);
      console.log('    WebAssembly SIMD has 128-bit vectors (2 doubles) and no bit-identical use of FMA; the C loop uses the ' +
        "CPU's widest vectors (see [..] above) and, by default, FMA.");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await mapBench();
  const load1 = loadavg()[0];
  console.log(`\nload average at start ${load0.toFixed(2)}, at end ${load1.toFixed(2)} (${availableParallelism()} cores)`);
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
