// Benchmark of the dynamics analysis (`npm run bench -- analysis`): the per-slider-move phase-plane work for one
// parameter set (equilibria + bifurcations, nullclines, separatrix, vector field; goal < 2 ms for nullclines +
// equilibria + separatrix) and a 200-value I sweep of 1 s runs (goal < 300 ms in one worker) value by value and on
// the batch engine, against the bare engine runs it is made of (simulate without recording, same settings). Medians
// in ms, interleaved rounds.

import { loadavg } from 'node:os';
import { DEFAULT_PARAMS, type Params } from '../model/params';
import { DEFAULT_INTEGRATION, SESSION_FORMAT, SESSION_VERSION, type Integration } from '../model/session';
import { simulate } from '../engine/simulate';
import { equilibria } from '../analysis/equilibria';
import { localBifurcations } from '../analysis/bifurcations';
import { autoBox, nullclines, vectorField } from '../analysis/phase';
import { saddleManifolds } from '../analysis/manifolds';
import { phasePlane } from '../analysis/phasePlane';
import { coarseToFine, runSweep, sweepPointsBatch, type SweepSpec } from '../analysis/sweep';
import { batchWasmReady } from '../engine/batch';

const PX = { w: 640, h: 420 };
const RS: Params = { ...DEFAULT_PARAMS, I: 0 };
const RESONATOR: Params = { ...DEFAULT_PARAMS, a: 0.1, b: 0.26, c: -60, d: -1, I: 0 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

let sink = 0;

function time(f: () => unknown): number {
  const t0 = performance.now();
  const r = f();
  const dt = performance.now() - t0;
  if (r === 42) sink++;
  return dt;
}

function phaseCases(p: Params) {
  const eq = equilibria(p).equilibria;
  const box = autoBox({ params: p, points: eq });
  return [
    { name: 'equilibria + bifurcations', f: () => { const e = equilibria(p); localBifurcations(p); return e; } },
    { name: 'nullclines', f: () => nullclines(p, box) },
    { name: 'separatrix (stable + unstable manifolds)', f: () => saddleManifolds(p, equilibria(p).equilibria, box, PX) },
    { name: 'nullclines + equilibria + separatrix', f: () => { const e = equilibria(p); localBifurcations(p); nullclines(p, box); return saddleManifolds(p, e.equilibria, box, PX); } },
    { name: 'vector field (arrows)', f: () => vectorField(p, box, PX) },
    { name: 'phasePlane (all of the above + auto box)', f: () => phasePlane(p, { px: PX }) },
  ];
}

function benchPhase(): void {
  const ROUNDS = 301;
  for (const [label, p] of [['regular spiking, I = 0', RS], ['resonator, I = 0', RESONATOR]] as const) {
    const cases = phaseCases(p);
    for (let w = 0; w < 50; w++) for (const c of cases) c.f();
    const times = cases.map(() => [] as number[]);
    for (let r = 0; r < ROUNDS; r++) cases.forEach((c, i) => times[i].push(time(c.f)));
    console.log(`Phase plane of ${label} (${PX.w}×${PX.h} px, ${ROUNDS} interleaved rounds):`);
    console.log(`${'case'.padEnd(46)} ${'median ms'.padStart(9)} ${'min ms'.padStart(7)}`);
    cases.forEach((c, i) => console.log(`${c.name.padEnd(46)} ${median(times[i]).toFixed(3).padStart(9)} ${Math.min(...times[i]).toFixed(3).padStart(7)}`));
    const goal = median(times[3]);
    console.log(`nullclines + equilibria + separatrix: ${goal.toFixed(3)} ms (goal < 2 ms): ${goal < 2 ? 'met' : 'NOT met'}`);
    console.log('');
  }
}

function benchSweep(): void {
  const ROUNDS = Number(process.env.BENCH_SWEEP_ROUNDS ?? 5);
  const settings: [string, Integration][] = [
    ['explorer default (rk4, dt 0.01, float32, exact spikes)', DEFAULT_INTEGRATION],
    ['gallery scheme (euler_sequential, dt 0.25, float64)', { dt: 0.25, stepper: 'euler_sequential', spikes: 'step', precision: 'float64' }],
    ['rk4, dt 0.05, float32, exact spikes', { ...DEFAULT_INTEGRATION, dt: 0.05 }],
  ];
  const spec: SweepSpec = { param: 'I', from: 0, to: 20, steps: 200, settle: 200, window: 800 };
  console.log(`200-value I sweep of 1 s runs (regular spiking, I from 0 to 20, 200 ms settle + 800 ms window), ${ROUNDS} interleaved rounds after 1 warm-up:`);
  console.log('"sweep": runSweep, value by value through simulate with the trace recorded (u at each spike; the CLI\'s path);');
  console.log('"batch": sweepPointsBatch over all values in blocks of 32 (the panel\'s path: the batch engine, ' +
    `${batchWasmReady() ? 'WebAssembly SIMD' : 'plain JS'} here, same spikes);`);
  console.log('"bare runs": the same 200 sessions through simulate without recording (what a value-by-value sweep costs at least).');
  console.log(`${'settings'.padEnd(56)} ${'sweep ms'.padStart(9)} ${'batch ms'.padStart(9)} ${'bare ms'.padStart(8)} ${'sweep/bare'.padStart(10)} ${'batch/bare'.padStart(10)}`);
  for (const [label, integ] of settings) {
    const base = { params: { ...DEFAULT_PARAMS }, integration: integ, initial: { v: -70, u: -14 } };
    const sweep = () => runSweep(base, spec);
    const bare = () => {
      let n = 0;
      for (let i = 0; i < spec.steps; i++) {
        const I = spec.from + ((spec.to - spec.from) * i) / (spec.steps - 1);
        const r = simulate({
          format: SESSION_FORMAT, version: SESSION_VERSION, name: 'bare', params: { ...DEFAULT_PARAMS, I }, initial: base.initial,
          integration: integ, transient: 0, protocol: [{ until: 1000 }],
        }, { record: false });
        n += r.spikes.length;
      }
      return n;
    };
    const order = coarseToFine(spec.steps);
    const batch = () => {
      let n = 0;
      for (let k = 0; k < order.length; k += 32) n += sweepPointsBatch(base, spec, order.slice(k, k + 32)).length;
      return n;
    };
    sweep(); bare(); batch();
    const ts: number[] = [], tb: number[] = [], tw: number[] = [];
    for (let r = 0; r < ROUNDS; r++) { ts.push(time(sweep)); tw.push(time(batch)); tb.push(time(bare)); }
    const ms = median(ts), mb = median(tb), mw = median(tw);
    console.log(`${label.padEnd(56)} ${ms.toFixed(1).padStart(9)} ${mw.toFixed(1).padStart(9)} ${mb.toFixed(1).padStart(8)} ${(ms / mb).toFixed(2).padStart(10)} ${(mw / mb).toFixed(2).padStart(10)}`);
  }
  console.log('goal: under 300 ms in one worker for the explorer default, the panel\'s path (measured on a quiet machine)');
}

console.log(`node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('');
benchPhase();
benchSweep();
if (sink > 0) console.log('');
