// Benchmark of the simulation engine (`npm run bench`): the reference scenario (155,000 RK4 steps at dt = 0.01 ms
// incl. the 50 ms transient) in 'step' and 'exact' modes, with and without recording, against bare hand-written RK4
// loops; then the worker's path per slider move (SimCore.run: full, resumed, fresh vs recycled buffers; display
// decimation). All cases interleaved in the same rounds after warm-up; medians in ms; ratio engine / bare loop.

import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseSession, formatIssues } from '../model/schema';
import type { Session } from '../model/session';
import { simulate, countSteps } from '../engine/simulate';
import { createXYBuffer, decimateMinMax } from '../engine/decimate';
import { decimatePairMinMax } from '../engine/decimatePair';
import { SimCore, type SimulateFn } from '../worker/core';

const WARMUP = 30;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 101);

function loadReference(): Session {
  const url = new URL('../model/sessions/reference.json', import.meta.url);
  const parsed = parseSession(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  return parsed.session;
}

/** Textbook RK4 of the default model with constant I (what one writes first): the "plain JS" loop. */
function bareTextbook(steps: number, I: number, dt: number): number {
  let v = -65, u = -13, spikes = 0;
  const a = 0.02, b = 0.2, c = -65, d = 8, hh = dt / 2, h6 = dt / 6;
  for (let i = 0; i < steps; i++) {
    const f1v = 0.04 * v * v + 5 * v + 140 - u + I, f1u = a * (b * v - u);
    let vs = v + hh * f1v, us = u + hh * f1u;
    const f2v = 0.04 * vs * vs + 5 * vs + 140 - us + I, f2u = a * (b * vs - us);
    vs = v + hh * f2v; us = u + hh * f2u;
    const f3v = 0.04 * vs * vs + 5 * vs + 140 - us + I, f3u = a * (b * vs - us);
    vs = v + dt * f3v; us = u + dt * f3u;
    const f4v = 0.04 * vs * vs + 5 * vs + 140 - us + I, f4u = a * (b * vs - us);
    v += (dt / 6) * (f1v + 2 * f2v + 2 * f3v + f4v);
    u += h6 * (f1u + 2 * f2u + 2 * f3u + f4u);
    if (v >= 30) { v = c; u += d; spikes++; }
  }
  return spikes + v + u;
}

/**
 * RK4 with the engine's reduced, reassociated expressions (see step() in engine/rhs.ts), constant coefficients, no
 * recording, no divergence test: the limit of this runtime for the engine's arithmetic. With f32 the state is
 * rounded to single precision after each step, as the engine does for precision float32 (that rounding sits on
 * the chain of dependent operations, so it costs ~15% even here).
 */
function bareReduced(steps: number, I: number, dt: number, f32: boolean): number {
  let v = -65, u = -13, spikes = 0;
  const a = 0.02, b = 0.2, c = -65, d = 8, k2 = 0.04, k1 = 5, K = 140 + I;
  const hh = dt / 2, h6 = dt / 6, ab = a * b, third = 1 / 3, hK = hh * K, dK = dt * K;
  const hk2 = hh * k2, hk1 = hh * k1, dk2 = dt * k2, dk1 = dt * k1, sk2 = h6 * k2, sk1 = h6 * k1;
  const hab = hh * ab, dab = dt * ab, sab = h6 * ab, ha = hh * a, da = dt * a, sa = h6 * a;
  for (let i = 0; i < steps; i++) {
    const A0 = v * (hk2 * v + hk1);
    const vs1 = ((v + hK) - hh * u) + A0, us1 = (u - ha * u) + hab * v;
    const A1 = vs1 * (hk2 * vs1 + hk1);
    const vs2 = ((v + hK) - hh * us1) + A1, us2 = (u - ha * us1) + hab * vs1;
    const A2 = vs2 * (dk2 * vs2 + dk1);
    const vs3 = ((v + dK) - dt * us2) + A2, us3 = (u - da * us2) + dab * vs2;
    const su = u + 2 * (us1 + us2), sv = v + 2 * (vs1 + vs2);
    v = (((v + dK) + (A0 + 2 * A1 + A2) * third - h6 * su) - h6 * us3) + vs3 * (sk2 * vs3 + sk1);
    u = ((u + (sab * sv - sa * su)) - sa * us3) + sab * vs3;
    if (f32) { v = Math.fround(v); u = Math.fround(u); }
    if (v >= 30) { v = c; u += d; spikes++; }
  }
  return spikes + v + u;
}

interface Case { name: string; run: () => unknown; engine: boolean; record: boolean; precision: 'float32' | 'float64'; worker?: boolean }

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

function main(): void {
  const ref = loadReference();
  const steps = countSteps(ref);
  const dt = ref.integration.dt;
  const withMode = (spikes: 'step' | 'exact', precision: 'float32' | 'float64'): Session =>
    ({ ...ref, integration: { ...ref.integration, spikes, precision } });
  let sink = 0;
  const cases: Case[] = [
    { name: 'bare RK4 loop, textbook expressions, float64', engine: false, record: false, precision: 'float64', run: () => bareTextbook(steps, 10, dt) },
    { name: 'bare RK4 loop, reduced form, float64', engine: false, record: false, precision: 'float64', run: () => bareReduced(steps, 10, dt, false) },
    { name: 'bare RK4 loop, reduced form, float32 state', engine: false, record: false, precision: 'float32', run: () => bareReduced(steps, 10, dt, true) },
  ];
  for (const precision of ['float32', 'float64'] as const) {
    for (const record of [true, false]) {
      for (const spikes of ['step', 'exact'] as const) {
        const s = withMode(spikes, precision);
        cases.push({
          name: `engine ${spikes.padEnd(5)} ${precision} record=${record}`, engine: true, record, precision,
          run: () => { const r = simulate(s, { record }); if (r.status.kind !== 'ok') throw new Error(JSON.stringify(r.status)); return r.spikes.length; },
        });
      }
    }
  }
  // The worker's path (SimCore.run: engine, display reduction to 900 columns, reply), alternating between two values
  // of I in segment `seg` so every run is a real edit. Variants without resume / without recycled buffers strip those
  // options, so the same edits are compared in the same rounds.
  const withI = (seg: number, I: number): Session =>
    ({ ...ref, protocol: ref.protocol.map((p, j) => (j === seg ? { ...p, assign: { ...p.assign, I } } : p)) });
  const noResume: SimulateFn = (s, o) => simulate(s, { ...o, resume: undefined });
  const noRecycle: SimulateFn = (s, o) => simulate(s, { ...o, buffers: undefined });
  const noBoth: SimulateFn = (s, o) => simulate(s, { ...o, resume: undefined, buffers: undefined });
  const workerCase = (name: string, fn: SimulateFn, seg: number): Case => {
    const core = new SimCore(fn);
    const sessions = [withI(seg, 11), withI(seg, 12)];
    let k = 0, id = 0;
    return {
      name, engine: false, record: true, precision: 'float32', worker: true,
      run: () => {
        const r = core.run({ type: 'run', id: ++id, session: sessions[k++ & 1], columns: 900 });
        if (r.status.kind !== 'ok') throw new Error(JSON.stringify(r.status));
        return r.timing.stepsIntegrated ?? 0;
      },
    };
  };
  cases.push(
    workerCase('worker run, edit seg 1: full run (I of seg 1 feeds the transient), fresh buffers', noRecycle, 0),
    workerCase('worker run, edit seg 1: full run, recycled buffers', simulate, 0),
    workerCase('worker run, edit seg 3: no resume, fresh buffers', noBoth, 2),
    workerCase('worker run, edit seg 3: resumed, fresh buffers', noRecycle, 2),
    workerCase('worker run, edit seg 3: resumed, recycled buffers', simulate, 2),
    workerCase('worker run, edit seg 5: no resume, recycled buffers', noResume, 4),
    workerCase('worker run, edit seg 5: resumed, recycled buffers', simulate, 4),
  );
  const trace = simulate(ref).trace!;
  const dv = createXYBuffer(900), du = createXYBuffer(900);
  cases.push(
    {
      name: 'display: decimatePairMinMax v+u → 900 columns', engine: false, record: true, precision: 'float32', worker: true,
      run: () => { decimatePairMinMax(trace.t, trace.v, trace.u, trace.length, 0, 1500, 900, dv, du); return dv.length; },
    },
    {
      name: 'display: decimateMinMax v, then u (2 passes)', engine: false, record: true, precision: 'float32', worker: true,
      run: () => decimateMinMax(trace.t, trace.v, trace.length, 0, 1500, 900, dv).length + decimateMinMax(trace.t, trace.u, trace.length, 0, 1500, 900, du).length,
    },
    {
      name: 'display: bare min/max of v (one array, values only)', engine: false, record: true, precision: 'float32', worker: true,
      run: () => { let a = Infinity, b = -Infinity; const y = trace.v; for (let i = 0; i < trace.length; i++) { const x = y[i]; a = x < a ? x : a; b = x > b ? x : b; } return a + b; },
    },
  );

  for (const c of cases) for (let i = 0; i < WARMUP; i++) sink += Number(c.run());
  const times = cases.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++) {
    cases.forEach((c, i) => {
      const t0 = performance.now();
      sink += Number(c.run());
      times[i].push(performance.now() - t0);
    });
  }
  const med = times.map(median);
  const min = times.map((xs) => Math.min(...xs));
  const textbook = med[0], limit64 = med[1], limit32 = med[2];
  const limitOf = (c: Case) => (c.precision === 'float32' ? limit32 : limit64);
  console.log(`Reference scenario "${ref.name}": ${steps.toLocaleString('en-US')} steps (dt = ${dt} ms, ${ref.transient} ms transient + ${ref.protocol[ref.protocol.length - 1].until} ms), ${ROUNDS} interleaved rounds after ${WARMUP} warm-up runs, node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('Ratios: "/ bare" against the reduced-form bare loop of the same precision; "/ bare64" against the float64 one; "/ textbook" against the textbook loop.');
  console.log('');
  console.log(`${'case'.padEnd(46)} ${'median ms'.padStart(9)} ${'min ms'.padStart(7)} ${'/ bare'.padStart(7)} ${'/ bare64'.padStart(8)} ${'/ textbook'.padStart(10)}`);
  cases.forEach((c, i) => {
    if (c.worker) return;
    const r = (x: number) => (med[i] / x).toFixed(2);
    console.log(`${c.name.padEnd(46)} ${med[i].toFixed(2).padStart(9)} ${min[i].toFixed(2).padStart(7)} ${r(limitOf(c)).padStart(7)} ${r(limit64).padStart(8)} ${r(textbook).padStart(10)}`);
  });
  console.log('');
  console.log(`Worker path per slider move (SimCore.run: engine + reduction to 900 columns + reply) and display reduction alone, ${trace.length.toLocaleString('en-US')} samples:`);
  console.log(`${'case'.padEnd(84)} ${'median ms'.padStart(9)} ${'min ms'.padStart(7)}`);
  cases.forEach((c, i) => {
    if (c.worker) console.log(`${c.name.padEnd(84)} ${med[i].toFixed(2).padStart(9)} ${min[i].toFixed(2).padStart(7)}`);
  });
  let worst = 0, worstRatio = 0;
  cases.forEach((c, i) => {
    if (!c.engine || !c.record) return;
    worst = Math.max(worst, med[i]);
    worstRatio = Math.max(worstRatio, med[i] / limitOf(c));
  });
  console.log('');
  console.log(`engine with recording: at most ${worst.toFixed(2)} ms (target < 10 ms), at most ${worstRatio.toFixed(2)} × the bare loop of the same precision ` +
    `(target ≤ 1.3×), ${(worst / limit64).toFixed(2)} × the float64 bare loop, ${(worst / textbook).toFixed(2)} × the textbook loop`);
  if (sink === 42) console.log('');
}

main();
