// Primes V8's inline caches of the fast loops before the first real run (tiny runs of a few steps, < 1 ms, once).
// Why: the first long loop is compiled by on-stack replacement (OSR) before its exit code has ever run; V8 caches
// that OSR code and re-enters it on every call, and it deoptimised at every loop exit (measured without priming:
// 1,000 deopts in 400 runs, each call's first iterations interpreted, ~1 MB of boxed doubles per run).

import { DEFAULT_PARAMS } from '../model/params';
import { coeffsOf, STEPPER_EULER, STEPPER_EULER_HALFSTEP, STEPPER_EXP_EULER, STEPPER_RK4 } from './rhs';
import { integrateSpan, RunState } from './integrate';
import { sequentialSteps } from './eulerSequential';
import { Recorder } from './recorder';

let primed = false;

/** Runs every fast-loop variant for a few steps, crossing the threshold once, with and without recording. */
export function primeFastLoops(): void {
  if (primed) return;
  primed = true;
  const c = coeffsOf({ ...DEFAULT_PARAMS, I: 10 }, 0.5, 0);
  for (const stepper of [STEPPER_RK4, STEPPER_EULER, STEPPER_EXP_EULER, STEPPER_EULER_HALFSTEP]) {
    for (const exact of [true, false]) {
      for (const f32 of [true, false]) {
        for (const record of [true, false]) {
          // v starts just below v_th: the first step spikes (the loop's break path), the rest run to the end.
          const r = new RunState({
            v: 29.5, u: -12.5, dt: 0.01, stepper, exact, f32, rec: record ? new Recorder(64) : null, shouldCancel: () => false,
          });
          r.recording = record;
          integrateSpan(r, c, 0, 0.105, 0);
          if (!exact && stepper === STEPPER_EULER) sequentialSteps(r, c, 0, 0, 8);
        }
      }
    }
  }
}
