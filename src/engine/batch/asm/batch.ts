// AssemblyScript source of the batch engine's WebAssembly module (compiled by `npm run build:wasm` into
// ../batchWasm.generated.ts): one block of up to BLOCK neurons through every span of the protocol, rk4 (O(dt⁴)),
// euler or euler_sequential (O(dt)), 'exact' or 'step' spikes, float64 or float32 state. t in ms, v in mV, u, I in mV/ms.
//
// Bit-for-bit the engine's arithmetic (../../integrate.ts, ../../spike.ts, ../../rhs.ts, ../../eulerSequential.ts):
// ordinary grid steps run two neurons per f64x2 vector with exactly the fast loops' expressions (IEEE operations per
// lane, no fused multiply-add, so each lane rounds as the scalar code does); a step that reaches v_th, leaves ±1e6 or
// is non-finite is redone for that neuron alone by the scalar port of `advance` (spike location, reset, divergence).
// A diverged neuron is made inert (zero coefficients, v_th = +∞) so its lane costs nothing more and never triggers.
// The rk4 loop (the maps' and populations' hot loop) runs four vectors per iteration, each as one sequence of
// statements (fits the 16 vector registers; the core overlaps the chains), specialised for float32/float64 state and
// for vref = 0 (gridRk4Loop's constant arguments).
//
// Memory (laid out by the JS driver, ../wasm.ts; all f64 unless said, lane-major [field][lane] with stride BLOCK):
//   raw coefficients per span slot: RAW_FIELDS × BLOCK; spans: SPAN_FIELDS f64 each; state v, u; outputs (see below).
// Adding a stepper: give it an id (STEPPER_* here and in ../spec.ts), a `derive` case filling the constants its
// vector loop reads, a vector loop (gridRun*), a scalar step (stepScalar) used by the rare path, and a test in
// ../batch.test.ts comparing it with simulate() — the engine's JS stepper (src/engine/) must exist first.

// ---------------------------------------------------------------- constants shared with ../layout.ts
const BLOCK: i32 = 64;
const LIM: f64 = 1e6;
const MAX_SPIKES_PER_STEP: i32 = 1000;
const MAX_ITER: i32 = 60;
const THIRD: f64 = 1.0 / 3.0;

const STEPPER_RK4: i32 = 0;
const STEPPER_EULER: i32 = 1;
const STEPPER_SEQUENTIAL: i32 = 2;

// Raw coefficient fields of a span slot (as in rhs.ts Coeffs).
const R_K2 = 0, R_K1 = 1, R_K0 = 2, R_VREF = 3, R_UCOEF = 4, R_A = 5, R_B = 6, R_C = 7, R_D = 8, R_VTH = 9;
const R_I = 10, R_SLOPE = 11, R_TSEG = 12;
const RAW_FIELDS = 13;

// Span record fields: slot, recording (0/1), tStart, tEnd, origin, first, last, head, tail, single.
const S_SLOT = 0, S_REC = 1, S_T0 = 2, S_T1 = 3, S_ORIGIN = 4, S_FIRST = 5, S_LAST = 6, S_HEAD = 7, S_TAIL = 8, S_SINGLE = 9;
const SPAN_FIELDS = 10;

// Derived per-lane constants of the vector loops (recomputed at each span's start).
const D_HK2 = 0, D_HK1 = 1, D_DK2 = 2, D_DK1 = 3, D_SK2 = 4, D_SK1 = 5;
const D_HAB = 6, D_DAB = 7, D_SAB = 8, D_HAUC = 9, D_DAUC = 10, D_SAUC = 11, D_HVR = 12, D_DVR = 13, D_VTH = 14;
// rk4 without a ramp: hh·Ka, dt·Km, h6·((Ka + Kb) + 4·Km); with a ramp: K0, sl·hh, sl·dt.
const D_HKA = 15, D_DKM = 16, D_KK = 17;
const D_K0 = 18, D_SLH = 19, D_SLD = 20;
// euler without a ramp: dt·Ka.
const D_DKA = 21;
// euler_sequential: k2, k1, k0, dt·a, b, vref, ucoef, I (or I0), slope, tSeg.
const D_QK2 = 0, D_QK1 = 1, D_QK0 = 2, D_QDTA = 3, D_QB = 4, D_QVR = 5, D_QUC = 6, D_QI = 7, D_QSL = 8, D_QTS = 9, D_QVTH = 10;
const DERIVED_FIELDS = 22;

// Byte offsets of the derived fields (immediate offsets of the vector loads).
const O_HK2: usize = <usize>D_HK2 * BLOCK * 8;
const O_HK1: usize = <usize>D_HK1 * BLOCK * 8;
const O_DK2: usize = <usize>D_DK2 * BLOCK * 8;
const O_DK1: usize = <usize>D_DK1 * BLOCK * 8;
const O_SK2: usize = <usize>D_SK2 * BLOCK * 8;
const O_SK1: usize = <usize>D_SK1 * BLOCK * 8;
const O_HAB: usize = <usize>D_HAB * BLOCK * 8;
const O_DAB: usize = <usize>D_DAB * BLOCK * 8;
const O_SAB: usize = <usize>D_SAB * BLOCK * 8;
const O_HAUC: usize = <usize>D_HAUC * BLOCK * 8;
const O_DAUC: usize = <usize>D_DAUC * BLOCK * 8;
const O_SAUC: usize = <usize>D_SAUC * BLOCK * 8;
const O_HVR: usize = <usize>D_HVR * BLOCK * 8;
const O_DVR: usize = <usize>D_DVR * BLOCK * 8;
const O_VTH: usize = <usize>D_VTH * BLOCK * 8;
const O_HKA: usize = <usize>D_HKA * BLOCK * 8;
const O_DKM: usize = <usize>D_DKM * BLOCK * 8;
const O_KK: usize = <usize>D_KK * BLOCK * 8;
const O_K0: usize = <usize>D_K0 * BLOCK * 8;
const O_SLH: usize = <usize>D_SLH * BLOCK * 8;
const O_SLD: usize = <usize>D_SLD * BLOCK * 8;
const O_DKA: usize = <usize>D_DKA * BLOCK * 8;
const O_QK2: usize = <usize>D_QK2 * BLOCK * 8;
const O_QK1: usize = <usize>D_QK1 * BLOCK * 8;
const O_QK0: usize = <usize>D_QK0 * BLOCK * 8;
const O_QDTA: usize = <usize>D_QDTA * BLOCK * 8;
const O_QB: usize = <usize>D_QB * BLOCK * 8;
const O_QVR: usize = <usize>D_QVR * BLOCK * 8;
const O_QUC: usize = <usize>D_QUC * BLOCK * 8;
const O_QI: usize = <usize>D_QI * BLOCK * 8;
const O_QSL: usize = <usize>D_QSL * BLOCK * 8;
const O_QTS: usize = <usize>D_QTS * BLOCK * 8;
const O_QVTH: usize = <usize>D_QVTH * BLOCK * 8;

// Lane status.
const ST_OK = 0, ST_DIVERGED = 1;
// Divergence detail: bit 0 variable (0 v, 1 u), bits 1-2 reason (0 bounds, 1 non-finite, 2 runaway), bits 3+ span.
const WHY_BOUNDS = 0, WHY_NONFINITE = 1, WHY_RUNAWAY = 2;

// ---------------------------------------------------------------- block context (set by runBlock)
let gRaw: usize = 0;      // raw coefficients, slots × RAW_FIELDS × BLOCK
let gDer: usize = 0;      // derived constants, DERIVED_FIELDS × BLOCK
let gV: usize = 0;        // state v[BLOCK]
let gU: usize = 0;        // state u[BLOCK]
let gCount: usize = 0;    // i32[BLOCK] spikes recorded
let gBuf: usize = 0;      // f64[BLOCK × cap] first spike times
let gLast: usize = 0;     // f64[BLOCK] last spike time
let gMean: usize = 0;     // f64[BLOCK] running mean of the intervals (Welford)
let gM2: usize = 0;       // f64[BLOCK] running sum of squared deviations of the intervals
let gStatus: usize = 0;   // i32[BLOCK]
let gWhy: usize = 0;      // i32[BLOCK]
let gDivT: usize = 0;     // f64[BLOCK]
let gFin: usize = 0;      // f64[2 × BLOCK] state of each diverged lane when it diverged
let gSpan: i32 = 0;       // index of the span being integrated
let gCap: i32 = 0;
let gTail: usize = 0;     // f64[BLOCK × tailCap] ring of the last spike times beyond the first cap
let gTailCap: i32 = 0;
let gDt: f64 = 0;
let gF32: bool = false;
let gExact: bool = false;
let gStepper: i32 = 0;
let gRecording: bool = false;
let gSlot: i32 = 0;          // span slot of the sequential loop (its spikes read c and d)
let gNoVref: bool = false;   // every lane's h·a·b·vref and dt·a·b·vref are +0 in the span (set by derive)

// Scalar coefficients of the lane being handled (rhs.ts Coeffs).
let ck2: f64 = 0, ck1: f64 = 0, ck0: f64 = 0, cvref: f64 = 0, cucoef: f64 = 0, ca: f64 = 0, cb: f64 = 0;
let cc: f64 = 0, cd: f64 = 0, cvth: f64 = 0, cI: f64 = 0, cslope: f64 = 0, ctseg: f64 = 0;
// Scalar lane state (RunState.v, .u) and step outputs.
let sv: f64 = 0, su: f64 = 0;
let o0: f64 = 0, o1: f64 = 0;
let l1: f64 = 0; // u at a located crossing (v = v_th there)

// @ts-ignore: decorator
@inline function ld(p: usize): f64 { return load<f64>(p); }
// @ts-ignore: decorator
@inline function st(p: usize, x: f64): void { store<f64>(p, x); }
// @ts-ignore: decorator
@inline function fround(x: f64): f64 { return <f64><f32>x; }

function rawAt(slot: i32, field: i32, lane: i32): f64 {
  return ld(gRaw + ((<usize>(slot * RAW_FIELDS + field) * BLOCK + <usize>lane) << 3));
}

function loadCoeffs(slot: i32, lane: i32): void {
  ck2 = rawAt(slot, R_K2, lane); ck1 = rawAt(slot, R_K1, lane); ck0 = rawAt(slot, R_K0, lane);
  cvref = rawAt(slot, R_VREF, lane); cucoef = rawAt(slot, R_UCOEF, lane); ca = rawAt(slot, R_A, lane);
  cb = rawAt(slot, R_B, lane); cc = rawAt(slot, R_C, lane); cd = rawAt(slot, R_D, lane);
  cvth = rawAt(slot, R_VTH, lane); cI = rawAt(slot, R_I, lane); cslope = rawAt(slot, R_SLOPE, lane);
  ctseg = rawAt(slot, R_TSEG, lane);
}

// ---------------------------------------------------------------- scalar path (ports of rhs.ts / spike.ts / integrate.ts)

/** rhs.ts dvdt. */
function dvdtS(v: f64, u: f64, t: f64): f64 {
  return ck2 * v * v + ck1 * v + ck0 - u + (cI + cslope * (t - ctseg));
}

/** rhs.ts step(): one step of length h from (v, u) at t into (o0, o1). */
function stepScalar(v: f64, u: f64, t: f64, h: f64): void {
  const k2 = ck2, k1 = ck1;
  const ab = ca * cb, auc = ca * cucoef, abvr = ab * cvref;
  const Ka = ck0 + cI + cslope * (t - ctseg);
  if (gStepper == STEPPER_EULER) {
    o0 = ((v + h * Ka) - h * u) + v * ((h * k2) * v + h * k1);
    o1 = ((u - h * abvr) - (h * auc) * u) + (h * ab) * v;
    return;
  }
  const hh = 0.5 * h, h6 = h / 6;
  const Km = Ka + cslope * hh, Kb = Ka + cslope * h;
  const hk2 = hh * k2, hk1 = hh * k1, dk2 = h * k2, dk1 = h * k1, sk2 = h6 * k2, sk1 = h6 * k1;
  const hab = hh * ab, dab = h * ab, sab = h6 * ab, hauc = hh * auc, dauc = h * auc, sauc = h6 * auc;
  const hvr = hh * abvr, dvr = h * abvr;
  const A0 = v * (hk2 * v + hk1);
  const vs1 = ((v + hh * Ka) - hh * u) + A0, us1 = ((u - hvr) - hauc * u) + hab * v;
  const A1 = vs1 * (hk2 * vs1 + hk1);
  const vs2 = ((v + hh * Km) - hh * us1) + A1, us2 = ((u - hvr) - hauc * us1) + hab * vs1;
  const A2 = vs2 * (dk2 * vs2 + dk1);
  const vs3 = ((v + h * Km) - h * us2) + A2, us3 = ((u - dvr) - dauc * us2) + dab * vs2;
  const su_ = u + 2 * (us1 + us2), sv_ = v + 2 * (vs1 + vs2);
  o0 = (((v + h6 * ((Ka + Kb) + 4 * Km)) + (A0 + 2 * A1 + A2) * THIRD - h6 * su_) - h6 * us3) + vs3 * (sk2 * vs3 + sk1);
  o1 = (((u - dvr) + (sab * sv_ - sauc * su_)) - sauc * us3) + sab * vs3;
}

/** spike.ts locateCrossing: θ with v(θ·h) = v_th, crossing state into (l0, l1); −1 without a finite bracket. */
function locateCrossing(v0: f64, u0: f64, t0: f64, h: f64, v1: f64, u1: f64): f64 {
  const vth = cvth;
  let lo: f64 = 0, glo = v0 - vth;
  let hi: f64 = 1, ghi = v1 - vth;
  let uHi = u1;
  if (!isFinite(ghi)) {
    let bad: f64 = 1;
    hi = -1;
    for (let i = 0; i < 200 && bad - lo > 1e-15; i++) {
      const th = 0.5 * (lo + bad);
      stepScalar(v0, u0, t0, th * h);
      const g = o0 - vth;
      if (!isFinite(g) || !isFinite(o1)) { bad = th; continue; }
      if (g >= 0) { hi = th; ghi = g; uHi = o1; break; }
      lo = th; glo = g;
    }
    if (hi < 0) return -1;
  }
  const tol = 1e-12 * Math.max(1, Math.abs(vth));
  let theta = lo - glo * (hi - lo) / (ghi - glo);
  {
    const H = (hi - lo) * h;
    const tLo = t0 + lo * h, tHi = t0 + hi * h;
    let vLo = v0, uLo = u0;
    if (lo > 0) { stepScalar(v0, u0, t0, lo * h); vLo = o0; uLo = o1; }
    const m0 = H * dvdtS(vLo, uLo, tLo);
    const m1 = H * dvdtS(ghi + vth, uHi, tHi);
    const p0 = glo, p1 = ghi;
    let s = (theta - lo) / (hi - lo);
    if (isFinite(m0) && isFinite(m1)) {
      for (let i = 0; i < 8; i++) {
        const s2 = s * s, s3 = s2 * s;
        const p = (2 * s3 - 3 * s2 + 1) * p0 + (s3 - 2 * s2 + s) * m0 + (-2 * s3 + 3 * s2) * p1 + (s3 - s2) * m1;
        const dp = (6 * s2 - 6 * s) * p0 + (3 * s2 - 4 * s + 1) * m0 + (-6 * s2 + 6 * s) * p1 + (3 * s2 - 2 * s) * m1;
        if (!(dp > 0)) break;
        const sn = s - p / dp;
        if (!(sn > 0 && sn < 1)) break;
        // A fixed point (sn = s) repeats itself in every later iteration: leaving now gives spike.ts's result.
        if (sn == s) break;
        s = sn;
      }
      theta = lo + s * (hi - lo);
    }
  }
  let uAt = uHi, best = hi, gBest = ghi;
  for (let it = 0; it < MAX_ITER; it++) {
    if (!(theta > lo && theta < hi)) theta = 0.5 * (lo + hi);
    stepScalar(v0, u0, t0, theta * h);
    const g = o0 - vth;
    if (!isFinite(g)) { hi = theta; theta = 0.5 * (lo + hi); continue; }
    if (Math.abs(g) <= Math.abs(gBest)) { best = theta; gBest = g; uAt = o1; }
    if (Math.abs(g) <= tol) break;
    if (g < 0) { lo = theta; glo = g; } else { hi = theta; ghi = g; }
    if (hi - lo <= 1e-15) break;
    const slope = h * dvdtS(o0, o1, t0 + theta * h);
    let next = slope > 0 ? theta - g / slope : NaN;
    if (!(next > lo && next < hi)) next = lo - glo * (hi - lo) / (ghi - glo);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    theta = next;
  }
  l1 = uAt;
  return best;
}

function roundState(): void {
  if (gF32) { sv = fround(sv); su = fround(su); }
}

/** RunState.pushSpike, into the lane's bounded buffer and running statistics. */
function pushSpike(lane: i32, t: f64): void {
  if (!gRecording) return;
  const pc = gCount + (<usize>lane << 2);
  const c = load<i32>(pc);
  const o = <usize>lane << 3;
  if (c < gCap) st(gBuf + ((<usize>lane * <usize>gCap + <usize>c) << 3), t);
  else if (gTailCap > 0) st(gTail + ((<usize>lane * <usize>gTailCap + <usize>((c - gCap) % gTailCap)) << 3), t);
  if (c > 0) {
    // Welford update with interval number c (1-based).
    const isi = t - ld(gLast + o);
    const mean = ld(gMean + o);
    const delta = isi - mean;
    const m = mean + delta / <f64>c;
    st(gMean + o, m);
    st(gM2 + o, ld(gM2 + o) + delta * (isi - m));
  }
  st(gLast + o, t);
  store<i32>(pc, c + 1);
}

/** RunState.diverge for the lane (state sv, su as left by the failing step). */
function diverge(lane: i32, t: f64, runaway: bool): void {
  const vBad = !(Math.abs(sv) <= LIM);
  const isV = runaway || vBad;
  const x = isV ? sv : su;
  const why = runaway ? WHY_RUNAWAY : (isFinite(x) ? WHY_BOUNDS : WHY_NONFINITE);
  store<i32>(gStatus + (<usize>lane << 2), ST_DIVERGED);
  store<i32>(gWhy + (<usize>lane << 2), (isV ? 0 : 1) | (why << 1) | (gSpan << 3));
  st(gDivT + (<usize>lane << 3), t);
}

function outOfBounds(v: f64, u: f64): bool {
  return !(v > -LIM && v < LIM && u > -LIM && u < LIM);
}

/** integrate.ts advanceExact (without the end sample). */
function advanceExact(lane: i32, ta: f64, tb: f64): bool {
  for (let k = 0; ; k++) {
    const h = tb - ta;
    if (!(h > 0)) return true;
    const v0 = sv, u0 = su;
    stepScalar(v0, u0, ta, h);
    const v1 = o0, u1 = o1;
    if (v1 < cvth) {
      if (outOfBounds(v1, u1)) { sv = v1; su = u1; diverge(lane, tb, false); return false; }
      sv = v1; su = u1;
      return true;
    }
    if (k >= MAX_SPIKES_PER_STEP) { diverge(lane, ta, true); return false; }
    if (v0 >= cvth) {
      pushSpike(lane, ta);
      sv = cc; su = u0 + cd;
      roundState();
      continue;
    }
    const theta = locateCrossing(v0, u0, ta, h, v1, u1);
    if (theta < 0 || !isFinite(l1) || Math.abs(l1) > LIM) {
      sv = v1; su = u1; diverge(lane, tb, false); return false;
    }
    const ts = theta >= 1 ? tb : ta + theta * h;
    pushSpike(lane, ts);
    sv = cc; su = l1 + cd;
    roundState();
    ta = ts;
  }
  return true; // not reached
}

/** integrate.ts advance: one step or piece ta → tb through the general path. false when the lane diverged. */
function advance(lane: i32, ta: f64, tb: f64): bool {
  if (gExact) {
    if (!advanceExact(lane, ta, tb)) return false;
    roundState();
    return true;
  }
  stepScalar(sv, su, ta, tb - ta);
  const v1 = o0, u1 = o1;
  if (outOfBounds(v1, u1)) { sv = v1; su = u1; diverge(lane, tb, false); return false; }
  if (v1 >= cvth) {
    pushSpike(lane, tb);
    sv = cc; su = u1 + cd;
    roundState();
    return true;
  }
  sv = v1; su = u1;
  roundState();
  return true;
}

function laneDead(lane: i32): bool {
  return load<i32>(gStatus + (<usize>lane << 2)) != ST_OK;
}

/** Scalar advance of one lane from its stored state; stores the result; makes the lane inert if it diverged. */
function laneAdvance(slot: i32, lane: i32, v0: f64, u0: f64, ta: f64, tb: f64): void {
  loadCoeffs(slot, lane);
  sv = v0; su = u0;
  const ok = advance(lane, ta, tb);
  const o = <usize>lane << 3;
  st(gV + o, sv); st(gU + o, su);
  if (!ok) killLane(lane);
}

/**
 * Makes a diverged lane inert: its state (as left by the failing step, simulate's `final`) goes to fin[2·lane ..],
 * v = u = 0, and its derived constants become zero with v_th = +∞, so its lane computes 0 forever and never triggers.
 */
function killLane(lane: i32): void {
  const o = <usize>lane << 3;
  st(gFin + (<usize>(2 * lane) << 3), ld(gV + o)); st(gFin + (<usize>(2 * lane + 1) << 3), ld(gU + o));
  st(gV + o, 0); st(gU + o, 0);
  inert(lane);
}

function inert(lane: i32): void {
  const o = <usize>lane << 3;
  for (let f = 0; f < DERIVED_FIELDS; f++) st(gDer + ((<usize>f * BLOCK) << 3) + o, 0);
  st(gDer + ((<usize>(gStepper == STEPPER_SEQUENTIAL ? D_QVTH : D_VTH) * BLOCK) << 3) + o, Infinity);
}

// ---------------------------------------------------------------- per-span derived constants

function derive(slot: i32, origin: f64, lanes: i32): bool {
  const dt = gDt, hh = 0.5 * dt, h6 = dt / 6;
  let ramp = false;
  gNoVref = true;
  for (let lane = 0; lane < lanes; lane++) {
    const o = <usize>lane << 3;
    const k2 = rawAt(slot, R_K2, lane), k1 = rawAt(slot, R_K1, lane), k0 = rawAt(slot, R_K0, lane);
    const vref = rawAt(slot, R_VREF, lane), ucoef = rawAt(slot, R_UCOEF, lane);
    const a = rawAt(slot, R_A, lane), b = rawAt(slot, R_B, lane), vth = rawAt(slot, R_VTH, lane);
    const I = rawAt(slot, R_I, lane), sl = rawAt(slot, R_SLOPE, lane), tseg = rawAt(slot, R_TSEG, lane);
    if (sl != 0) ramp = true;
    const D = gDer + o;
    if (gStepper == STEPPER_SEQUENTIAL) {
      st(D + ((<usize>D_QK2 * BLOCK) << 3), k2); st(D + ((<usize>D_QK1 * BLOCK) << 3), k1);
      st(D + ((<usize>D_QK0 * BLOCK) << 3), k0); st(D + ((<usize>D_QDTA * BLOCK) << 3), dt * a);
      st(D + ((<usize>D_QB * BLOCK) << 3), b); st(D + ((<usize>D_QVR * BLOCK) << 3), vref);
      st(D + ((<usize>D_QUC * BLOCK) << 3), ucoef); st(D + ((<usize>D_QI * BLOCK) << 3), I);
      st(D + ((<usize>D_QSL * BLOCK) << 3), sl); st(D + ((<usize>D_QTS * BLOCK) << 3), tseg);
      st(D + ((<usize>D_QVTH * BLOCK) << 3), vth);
    } else {
      // packCoeffs (integrate.ts), then the constants rk4Run / eulerRun hoist.
      const K0I = k0 + I, ab = a * b, auc = a * ucoef, abvr = a * b * vref;
      const K0 = K0I + sl * (origin - tseg);
      st(D + ((<usize>D_HK2 * BLOCK) << 3), hh * k2); st(D + ((<usize>D_HK1 * BLOCK) << 3), hh * k1);
      st(D + ((<usize>D_DK2 * BLOCK) << 3), dt * k2); st(D + ((<usize>D_DK1 * BLOCK) << 3), dt * k1);
      st(D + ((<usize>D_SK2 * BLOCK) << 3), h6 * k2); st(D + ((<usize>D_SK1 * BLOCK) << 3), h6 * k1);
      st(D + ((<usize>D_HAB * BLOCK) << 3), hh * ab); st(D + ((<usize>D_DAB * BLOCK) << 3), dt * ab);
      st(D + ((<usize>D_SAB * BLOCK) << 3), h6 * ab); st(D + ((<usize>D_HAUC * BLOCK) << 3), hh * auc);
      st(D + ((<usize>D_DAUC * BLOCK) << 3), dt * auc); st(D + ((<usize>D_SAUC * BLOCK) << 3), h6 * auc);
      st(D + ((<usize>D_HVR * BLOCK) << 3), hh * abvr); st(D + ((<usize>D_DVR * BLOCK) << 3), dt * abvr);
      st(D + ((<usize>D_VTH * BLOCK) << 3), vth);
      // Without a ramp Ka = Km = Kb = K0 + sl·dt·n = K0 exactly.
      st(D + ((<usize>D_HKA * BLOCK) << 3), hh * K0); st(D + ((<usize>D_DKM * BLOCK) << 3), dt * K0);
      st(D + ((<usize>D_KK * BLOCK) << 3), h6 * ((K0 + K0) + 4 * K0));
      st(D + ((<usize>D_K0 * BLOCK) << 3), K0); st(D + ((<usize>D_SLH * BLOCK) << 3), sl * hh);
      st(D + ((<usize>D_SLD * BLOCK) << 3), sl * dt); st(D + ((<usize>D_DKA * BLOCK) << 3), dt * K0);
    }
    if (laneDead(lane)) inert(lane);
    // +0 exactly (bits zero): u − (+0) is u for every u, −0 included.
    if (reinterpret<i64>(ld(D + ((<usize>D_HVR * BLOCK) << 3))) != 0 || reinterpret<i64>(ld(D + ((<usize>D_DVR * BLOCK) << 3))) != 0) gNoVref = false;
  }
  return ramp;
}

// ---------------------------------------------------------------- vector loops (two lanes per f64x2)


// @ts-ignore: decorator
@inline function roundV(x: v128): v128 { return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x)); }

/**
 * Handles the lanes of vector pair j (lanes j, j + 1) whose step n failed the fast path's test: each is redone by
 * the scalar advance from its state before the step (v0, u0).
 */
function fallback(slot: i32, j: i32, bad: v128, v0: v128, u0: v128, ta: f64, tb: f64): void {
  if (i64x2.extract_lane(bad, 0) != 0 && !laneDead(j)) {
    laneAdvance(slot, j, f64x2.extract_lane(v0, 0), f64x2.extract_lane(u0, 0), ta, tb);
  }
  if (i64x2.extract_lane(bad, 1) != 0 && !laneDead(j + 1)) {
    laneAdvance(slot, j + 1, f64x2.extract_lane(v0, 1), f64x2.extract_lane(u0, 1), ta, tb);
  }
}

/**
 * One rk4Run step (integrate.ts) of vector j (lanes j, j + 1) without a ramp (Ka = Km = Kb per lane): loads the
 * state, computes the step with the fast loop's expressions, stores it, and hands lanes that fail the test (v ≥ v_th,
 * out of ±1e6, non-finite) to `fallback`. noVref (a constant at each call site, folded by the optimiser): every lane's
 * h·a·b·vref and dt·a·b·vref are +0, so u − them is u exactly and they are neither loaded nor subtracted.
 */
// @ts-ignore: decorator
@inline function rk4Vec(
  slot: i32, j: i32, n: i32, noVref: bool, f32: bool, der: usize, vp: usize, up: usize,
  H: v128, DT: v128, S6: v128, TH: v128, LIMV: v128, origin: f64, dt: f64,
): void {
  const o = <usize>j << 3;
  const p = der + o;
  const v = v128.load(vp + o), u = v128.load(up + o);
  const hk2 = v128.load(p, O_HK2), hk1 = v128.load(p, O_HK1), hab = v128.load(p, O_HAB), hauc = v128.load(p, O_HAUC);
  const vK = f64x2.add(v, v128.load(p, O_HKA));
  const A0 = f64x2.mul(v, f64x2.add(f64x2.mul(hk2, v), hk1));
  const vs1 = f64x2.add(f64x2.sub(vK, f64x2.mul(H, u)), A0);
  const uh = noVref ? u : f64x2.sub(u, v128.load(p, O_HVR));
  const us1 = f64x2.add(f64x2.sub(uh, f64x2.mul(hauc, u)), f64x2.mul(hab, v));
  const A1 = f64x2.mul(vs1, f64x2.add(f64x2.mul(hk2, vs1), hk1));
  const vs2 = f64x2.add(f64x2.sub(vK, f64x2.mul(H, us1)), A1);
  const us2 = f64x2.add(f64x2.sub(uh, f64x2.mul(hauc, us1)), f64x2.mul(hab, vs1));
  const A2 = f64x2.mul(vs2, f64x2.add(f64x2.mul(v128.load(p, O_DK2), vs2), v128.load(p, O_DK1)));
  const vs3 = f64x2.add(f64x2.sub(f64x2.add(v, v128.load(p, O_DKM)), f64x2.mul(DT, us2)), A2);
  const ud = noVref ? u : f64x2.sub(u, v128.load(p, O_DVR));
  const us3 = f64x2.add(f64x2.sub(ud, f64x2.mul(v128.load(p, O_DAUC), us2)), f64x2.mul(v128.load(p, O_DAB), vs2));
  // 2·x as x + x: the same value in every case (IEEE), and no register held for the constant 2.
  const s12 = f64x2.add(us1, us2), t12 = f64x2.add(vs1, vs2);
  const sU = f64x2.add(u, f64x2.add(s12, s12));
  const sV = f64x2.add(v, f64x2.add(t12, t12));
  const sab = v128.load(p, O_SAB), sauc = v128.load(p, O_SAUC);
  const Asum = f64x2.add(f64x2.add(A0, f64x2.add(A1, A1)), A2);
  let v1 = f64x2.add(
    f64x2.sub(f64x2.sub(f64x2.add(f64x2.add(v, v128.load(p, O_KK)), f64x2.mul(Asum, TH)), f64x2.mul(S6, sU)), f64x2.mul(S6, us3)),
    f64x2.mul(vs3, f64x2.add(f64x2.mul(v128.load(p, O_SK2), vs3), v128.load(p, O_SK1))));
  let u1 = f64x2.add(f64x2.sub(f64x2.add(ud, f64x2.sub(f64x2.mul(sab, sV), f64x2.mul(sauc, sU))), f64x2.mul(sauc, us3)), f64x2.mul(sab, vs3));
  // v1 < v_th, v1 > −1e6 and |u1| < 1e6 (as −v1 < 1e6): false when v1 or u1 is NaN (pmax(x, y) = x < y ? y : x
  // is NaN when x is; a NaN v1 already fails v1 < v_th). One movmskpd reads both lanes' verdicts.
  const ok = v128.and(f64x2.lt(v1, v128.load(p, O_VTH)), f64x2.lt(f64x2.pmax(f64x2.abs(u1), f64x2.neg(v1)), LIMV));
  if (f32) { v1 = roundV(v1); u1 = roundV(u1); }
  v128.store(vp + o, v1); v128.store(up + o, u1);
  if (i64x2.bitmask(ok) != 3) fallback(slot, j, v128.not(ok), v, u, origin + <f64>n * dt, origin + <f64>(n + 1) * dt);
}

/**
 * rk4Run for grid steps n = first .. last − 1, every lane; no ramp in any lane. Four vectors (eight neurons) per
 * iteration, one after the other: each vector's step is a long chain of dependent operations, and the core's
 * out-of-order window overlaps the four chains; written in sequence (not interleaved statement by statement) each
 * chain's temporaries die before the next one's start, so the 16 vector registers hold them without spilling.
 */
// @ts-ignore: decorator
@inline function gridRk4Loop(slot: i32, lanes: i32, origin: f64, first: i32, last: i32, noVref: bool, f32: bool): void {
  const dt = gDt, hh = 0.5 * dt, h6 = dt / 6;
  const H = f64x2.splat(hh), DT = f64x2.splat(dt), S6 = f64x2.splat(h6), TH = f64x2.splat(THIRD);
  const LIMV = f64x2.splat(LIM);
  const der = gDer, vp = gV, up = gU;
  for (let n = first; n < last; n++) {
    let j = 0;
    for (; j + 8 <= lanes; j += 8) {
      rk4Vec(slot, j, n, noVref, f32, der, vp, up, H, DT, S6, TH, LIMV, origin, dt);
      rk4Vec(slot, j + 2, n, noVref, f32, der, vp, up, H, DT, S6, TH, LIMV, origin, dt);
      rk4Vec(slot, j + 4, n, noVref, f32, der, vp, up, H, DT, S6, TH, LIMV, origin, dt);
      rk4Vec(slot, j + 6, n, noVref, f32, der, vp, up, H, DT, S6, TH, LIMV, origin, dt);
    }
    for (; j < lanes; j += 2) rk4Vec(slot, j, n, noVref, f32, der, vp, up, H, DT, S6, TH, LIMV, origin, dt);
  }
}

/**
 * rk4Run without a ramp: gridRk4Loop specialised (constant arguments, folded by the optimiser) for float64 or float32
 * state and for whether every lane's a·b·vref terms are +0 in the span (vref = 0: the standard model, every map of it).
 */
function gridRk4(slot: i32, lanes: i32, origin: f64, first: i32, last: i32): void {
  if (gNoVref) {
    if (gF32) gridRk4Loop(slot, lanes, origin, first, last, true, true);
    else gridRk4Loop(slot, lanes, origin, first, last, true, false);
  } else {
    if (gF32) gridRk4Loop(slot, lanes, origin, first, last, false, true);
    else gridRk4Loop(slot, lanes, origin, first, last, false, false);
  }
}

/** rk4Run with a ramp: Ka = K0 + sl·dt·n, Km = Ka + sl·hh, Kb = Ka + sl·dt per lane. */
function gridRk4Ramp(slot: i32, lanes: i32, origin: f64, first: i32, last: i32): void {
  const dt = gDt, hh = 0.5 * dt, h6 = dt / 6;
  const H = f64x2.splat(hh), DT = f64x2.splat(dt), S6 = f64x2.splat(h6), TH = f64x2.splat(THIRD), TWO = f64x2.splat(2.0);
  const FOUR = f64x2.splat(4.0);
  const LIMV = f64x2.splat(LIM), NLIMV = f64x2.splat(-LIM);
  const f32 = gF32;
  const der = gDer, vp = gV, up = gU;
  for (let n = first; n < last; n++) {
    const N = f64x2.splat(<f64>n);
    for (let j = 0; j < lanes; j += 2) {
      const o = <usize>j << 3;
      const p = der + o;
      const v = v128.load(vp + o), u = v128.load(up + o);
      const sld = v128.load(p, O_SLD);
      const Ka = f64x2.add(v128.load(p, O_K0), f64x2.mul(sld, N)), Km = f64x2.add(Ka, v128.load(p, O_SLH)), Kb = f64x2.add(Ka, sld);
      const hk2 = v128.load(p, O_HK2), hk1 = v128.load(p, O_HK1), hab = v128.load(p, O_HAB), hauc = v128.load(p, O_HAUC), hvr = v128.load(p, O_HVR);
      const A0 = f64x2.mul(v, f64x2.add(f64x2.mul(hk2, v), hk1));
      const vs1 = f64x2.add(f64x2.sub(f64x2.add(v, f64x2.mul(H, Ka)), f64x2.mul(H, u)), A0);
      const uh = f64x2.sub(u, hvr);
      const us1 = f64x2.add(f64x2.sub(uh, f64x2.mul(hauc, u)), f64x2.mul(hab, v));
      const A1 = f64x2.mul(vs1, f64x2.add(f64x2.mul(hk2, vs1), hk1));
      const vs2 = f64x2.add(f64x2.sub(f64x2.add(v, f64x2.mul(H, Km)), f64x2.mul(H, us1)), A1);
      const us2 = f64x2.add(f64x2.sub(uh, f64x2.mul(hauc, us1)), f64x2.mul(hab, vs1));
      const A2 = f64x2.mul(vs2, f64x2.add(f64x2.mul(v128.load(p, O_DK2), vs2), v128.load(p, O_DK1)));
      const vs3 = f64x2.add(f64x2.sub(f64x2.add(v, f64x2.mul(DT, Km)), f64x2.mul(DT, us2)), A2);
      const ud = f64x2.sub(u, v128.load(p, O_DVR));
      const us3 = f64x2.add(f64x2.sub(ud, f64x2.mul(v128.load(p, O_DAUC), us2)), f64x2.mul(v128.load(p, O_DAB), vs2));
      const sU = f64x2.add(u, f64x2.mul(TWO, f64x2.add(us1, us2)));
      const sV = f64x2.add(v, f64x2.mul(TWO, f64x2.add(vs1, vs2)));
      const sab = v128.load(p, O_SAB), sauc = v128.load(p, O_SAUC);
      const Asum = f64x2.add(f64x2.add(A0, f64x2.mul(TWO, A1)), A2);
      const KK = f64x2.mul(S6, f64x2.add(f64x2.add(Ka, Kb), f64x2.mul(FOUR, Km)));
      let v1 = f64x2.add(
        f64x2.sub(f64x2.sub(f64x2.add(f64x2.add(v, KK), f64x2.mul(Asum, TH)), f64x2.mul(S6, sU)), f64x2.mul(S6, us3)),
        f64x2.mul(vs3, f64x2.add(f64x2.mul(v128.load(p, O_SK2), vs3), v128.load(p, O_SK1))));
      let u1 = f64x2.add(f64x2.sub(f64x2.add(ud, f64x2.sub(f64x2.mul(sab, sV), f64x2.mul(sauc, sU))), f64x2.mul(sauc, us3)), f64x2.mul(sab, vs3));
      const ok = v128.and(v128.and(f64x2.lt(v1, v128.load(p, O_VTH)), f64x2.gt(v1, NLIMV)), f64x2.lt(f64x2.abs(u1), LIMV));
      if (f32) { v1 = roundV(v1); u1 = roundV(u1); }
      v128.store(vp + o, v1); v128.store(up + o, u1);
      if (!i64x2.all_true(ok)) fallback(slot, j, v128.not(ok), v, u, origin + <f64>n * dt, origin + <f64>(n + 1) * dt);
    }
  }
}

/** eulerRun for grid steps n = first .. last − 1 (Ka per lane and step; dt·Ka hoisted when no lane ramps). */
function gridEuler(slot: i32, lanes: i32, origin: f64, first: i32, last: i32, ramp: bool): void {
  const dt = gDt;
  const DT = f64x2.splat(dt);
  const LIMV = f64x2.splat(LIM), NLIMV = f64x2.splat(-LIM);
  const f32 = gF32;
  const der = gDer, vp = gV, up = gU;
  for (let n = first; n < last; n++) {
    const N = f64x2.splat(<f64>n);
    for (let j = 0; j < lanes; j += 2) {
      const o = <usize>j << 3;
      const p = der + o;
      const v = v128.load(vp + o), u = v128.load(up + o);
      const dKa = ramp ? f64x2.mul(DT, f64x2.add(v128.load(p, O_K0), f64x2.mul(v128.load(p, O_SLD), N))) : v128.load(p, O_DKA);
      let v1 = f64x2.add(f64x2.sub(f64x2.add(v, dKa), f64x2.mul(DT, u)), f64x2.mul(v, f64x2.add(f64x2.mul(v128.load(p, O_DK2), v), v128.load(p, O_DK1))));
      let u1 = f64x2.add(f64x2.sub(f64x2.sub(u, v128.load(p, O_DVR)), f64x2.mul(v128.load(p, O_DAUC), u)), f64x2.mul(v128.load(p, O_DAB), v));
      const ok = v128.and(v128.and(f64x2.lt(v1, v128.load(p, O_VTH)), f64x2.gt(v1, NLIMV)), f64x2.lt(f64x2.abs(u1), LIMV));
      if (f32) { v1 = roundV(v1); u1 = roundV(u1); }
      v128.store(vp + o, v1); v128.store(up + o, u1);
      if (!i64x2.all_true(ok)) fallback(slot, j, v128.not(ok), v, u, origin + <f64>n * dt, origin + <f64>(n + 1) * dt);
    }
  }
}

/**
 * eulerSequential.ts sequentialRun + the spike handling of sequentialSteps for steps n = first .. last − 1: the
 * step's own result decides (v > v_th strict: spike stamped at t_n, v ← c, u ← u + d; out of bounds: diverged).
 */
function gridSequential(lanes: i32, origin: f64, first: i32, last: i32): void {
  const dt = gDt;
  const DT = f64x2.splat(dt);
  const LIMV = f64x2.splat(LIM), NLIMV = f64x2.splat(-LIM);
  const f32 = gF32;
  const der = gDer, vp = gV, up = gU;
  for (let n = first; n < last; n++) {
    const t = origin + <f64>n * dt;
    const T = f64x2.splat(t);
    for (let j = 0; j < lanes; j += 2) {
      const o = <usize>j << 3;
      const p = der + o;
      const v = v128.load(vp + o), u = v128.load(up + o);
      const I = f64x2.add(v128.load(p, O_QI), f64x2.mul(v128.load(p, O_QSL), f64x2.sub(T, v128.load(p, O_QTS))));
      const rhs = f64x2.add(f64x2.sub(f64x2.add(f64x2.add(f64x2.mul(v128.load(p, O_QK2), f64x2.mul(v, v)), f64x2.mul(v128.load(p, O_QK1), v)), v128.load(p, O_QK0)), u), I);
      let v1 = f64x2.add(v, f64x2.mul(DT, rhs));
      let u1 = f64x2.add(u, f64x2.mul(v128.load(p, O_QDTA), f64x2.sub(f64x2.mul(v128.load(p, O_QB), f64x2.sub(v1, v128.load(p, O_QVR))), f64x2.mul(v128.load(p, O_QUC), u))));
      const ok = v128.and(v128.and(f64x2.le(v1, v128.load(p, O_QVTH)), f64x2.gt(v1, NLIMV)), f64x2.lt(f64x2.abs(u1), LIMV));
      const raw0 = v1, raw1 = u1;
      if (f32) { v1 = roundV(v1); u1 = roundV(u1); }
      v128.store(vp + o, v1); v128.store(up + o, u1);
      if (!i64x2.all_true(ok)) {
        const bad = v128.not(ok);
        if (i64x2.extract_lane(bad, 0) != 0) sequentialSpike(j, f64x2.extract_lane(raw0, 0), f64x2.extract_lane(raw1, 0), t);
        if (i64x2.extract_lane(bad, 1) != 0) sequentialSpike(j + 1, f64x2.extract_lane(raw0, 1), f64x2.extract_lane(raw1, 1), t);
      }
    }
  }
}

/** sequentialSteps' handling of a step whose (unrounded) result v1, u1 has v > v_th or left the bounds. */
function sequentialSpike(lane: i32, v1: f64, u1: f64, t: f64): void {
  const o = <usize>lane << 3;
  sv = v1; su = u1;
  if (outOfBounds(v1, u1)) {
    diverge(lane, t, false);
    st(gV + o, sv); st(gU + o, su);
    killLane(lane);
    return;
  }
  pushSpike(lane, t);
  sv = rawAt(gSlot, R_C, lane); su = u1 + rawAt(gSlot, R_D, lane);
  roundState();
  st(gV + o, sv); st(gU + o, su);
}

// ---------------------------------------------------------------- driver

/** First free byte after the module's own data: the JS driver lays its buffers out from here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~<usize>15;
}

/**
 * Runs one block: `lanes` neurons (even, ≤ BLOCK) through `nSpans` spans. Pointers are byte offsets laid out by the
 * JS driver; state v, u hold the initial state on entry (already rounded for float32) and the final state on exit.
 * Returns the number of lanes that diverged.
 */
export function runBlock(
  raw: usize, spans: usize, nSpans: i32, der: usize, v: usize, u: usize,
  count: usize, buf: usize, cap: i32, tail: usize, tailCap: i32, last: usize, mean: usize, m2: usize, status: usize, why: usize, divT: usize,
  fin: usize, lanes: i32, dt: f64, stepper: i32, exact: i32, f32: i32,
): i32 {
  gRaw = raw; gDer = der; gV = v; gU = u; gCount = count; gBuf = buf; gCap = cap; gTail = tail; gTailCap = tailCap; gLast = last;
  gMean = mean; gM2 = m2; gStatus = status; gWhy = why; gDivT = divT; gFin = fin;
  gDt = dt; gStepper = stepper; gExact = exact != 0 && stepper != STEPPER_SEQUENTIAL; gF32 = f32 != 0;
  for (let lane = 0; lane < lanes; lane++) {
    store<i32>(count + (<usize>lane << 2), 0);
    store<i32>(status + (<usize>lane << 2), ST_OK);
    store<i32>(why + (<usize>lane << 2), 0);
    st(last + (<usize>lane << 3), NaN); st(mean + (<usize>lane << 3), 0); st(m2 + (<usize>lane << 3), 0);
    st(divT + (<usize>lane << 3), NaN);
  }
  for (let s = 0; s < nSpans; s++) {
    gSpan = s;
    const sp = spans + ((<usize>s * SPAN_FIELDS) << 3);
    const slot = <i32>ld(sp + (S_SLOT << 3));
    gRecording = ld(sp + (S_REC << 3)) != 0;
    const t0 = ld(sp + (S_T0 << 3)), t1 = ld(sp + (S_T1 << 3)), origin = ld(sp + (S_ORIGIN << 3));
    const first = <i32>ld(sp + (S_FIRST << 3)), lastN = <i32>ld(sp + (S_LAST << 3));
    const ramp = derive(slot, origin, lanes);
    if (gStepper == STEPPER_SEQUENTIAL) {
      gSlot = slot;
      gridSequential(lanes, origin, first, lastN);
      continue;
    }
    if (ld(sp + (S_SINGLE << 3)) != 0) { scalarPiece(slot, lanes, t0, t1); continue; }
    if (ld(sp + (S_HEAD << 3)) != 0) scalarPiece(slot, lanes, t0, origin + <f64>first * dt);
    if (gStepper == STEPPER_RK4) {
      if (ramp) gridRk4Ramp(slot, lanes, origin, first, lastN);
      else gridRk4(slot, lanes, origin, first, lastN);
    } else {
      gridEuler(slot, lanes, origin, first, lastN, ramp);
    }
    if (ld(sp + (S_TAIL << 3)) != 0) scalarPiece(slot, lanes, origin + <f64>lastN * dt, t1);
  }
  let dead = 0;
  for (let lane = 0; lane < lanes; lane++) if (laneDead(lane)) dead++;
  return dead;
}

/** A shortened step ta → tb (off-grid segment boundary) for every live lane, through the scalar path. */
function scalarPiece(slot: i32, lanes: i32, ta: f64, tb: f64): void {
  for (let lane = 0; lane < lanes; lane++) {
    if (laneDead(lane)) continue;
    const o = <usize>lane << 3;
    laneAdvance(slot, lane, ld(gV + o), ld(gU + o), ta, tb);
  }
}
