// The map part of the batch benchmark: a 256 × 256 map of the (c, d) plane, 1 s steps of I = 10 at dt = 0.1 ms
// with rk4 and exact spikes (float64), on a pool of worker threads (one per core) through the app's progressive
// runner: time to the first coarse picture (the 16 × 16 level) and to the whole map. Goals: ≤ 100 ms and ≤ 3 s.
// Also the CPU time the process got during the map (all its threads): on a shared machine the scheduler may give
// it less than a core per worker, and the rate per CPU-second is what compares with the one-core loop above.

import { availableParallelism } from 'node:os';
import { defaultSession } from '../model/session';
import type { MapSpec } from '../analysis/firingMap';
import { MapRunner } from '../worker/mapRunner';
import { nodeBatchPool } from '../worker/nodeBatchPool';

function spec(n: number): MapSpec {
  return {
    session: defaultSession(),
    integration: { dt: 0.1, stepper: 'rk4', spikes: 'exact', precision: 'float64' },
    x: { param: 'c', min: -70, max: -45, n }, y: { param: 'd', min: 0, max: 10, n },
    protocol: { kind: 'step', I: 10, duration: 1000 },
  };
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function run(runner: MapRunner, s: MapSpec): Promise<{ coarseMs: number; totalMs: number; cpuS: number; engine: string; pixels: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now(), c0 = cpuSeconds();
    let coarseMs = NaN;
    runner.start(s, {
      onTile: (_r, _stride, p) => { if (Number.isNaN(coarseMs) && p.completeStride !== Infinity) coarseMs = performance.now() - t0; },
      onDone: (p) => resolve({ coarseMs, totalMs: performance.now() - t0, cpuS: cpuSeconds() - c0, engine: p.engine ?? '?', pixels: p.total }),
      onError: (m) => reject(new Error(m)),
    });
  });
}

export async function mapBench(): Promise<void> {
  const cores = availableParallelism();
  const pool = nodeBatchPool(cores);
  const runner = new MapRunner(pool);
  try {
    // Warm-up: every worker compiles the module and optimises the driver.
    await run(runner, spec(32));
    const r = await run(runner, spec(256));
    const neuronSteps = r.pixels * 10_100;
    console.log(`\n256 × 256 map, (c, d) plane, 1 s step of I = 10 (+10 ms at rest), dt 0.1 ms, rk4, exact spikes, float64, ${cores} worker threads (${r.engine})`);
    console.log(`  first coarse picture (16 × 16): ${r.coarseMs.toFixed(0)} ms   (goal ≤ 100 ms)`);
    const wall = r.totalMs / 1000;
    console.log(`  whole map: ${wall.toFixed(2)} s   (goal ≤ 3 s), ${(neuronSteps / wall).toExponential(2)} neuron-steps/s on all cores`);
    console.log(`  CPU time of this process during the map: ${r.cpuS.toFixed(2)} s = ${(r.cpuS / wall).toFixed(2)} of ${cores} cores busy ` +
      `(the rest went to other processes); ${(neuronSteps / r.cpuS).toExponential(2)} neuron-steps per CPU-second (compare one core above)`);
  } finally {
    pool.dispose();
  }
}
