// AssemblyScript source of the network engine's WebAssembly module (compiled by `npm run build:wasm` into
// ../networkWasm.generated.ts; built by ../buildWasm.ts): the paper's scheme (../paper.ts) on arrays the JS driver lays
// out in this module's memory, one call per 1 ms step (step: recorded v, the fire test with reset on f64x2, the fired
// cells' weight columns — dense four columns at a time on f64x2, sparse a scalar scatter —, the noise by xoshiro128**
// and Marsaglia's polar method with fdlibm's log on f64x2, the two 0.5 ms half-steps of v and the 1 ms step of u on
// f64x2), and the network's draws (raw weights, build.ts's order). Each lane runs net.m's expressions in the same order
// with IEEE operations (no fused multiply-add), so the results are the plain-JS path's bit for bit. v in mV, u, I and
// weights in mV/ms; cells' arrays f64, weights u32 (raw draws), fired/start/target i32, recorded v f32.

const VTH: f64 = 30.0;
const TWO_M32: f64 = 1.0 / 4294967296.0;

export function heapBase(): usize {
  return __heap_base;
}

/**
 * Cells with v ≥ 30 fire: their indices go to `fired` (ascending), v ← c, u ← u + d. Returns how many fired, or
 * −1 − that count when a cell that does not fire has a non-finite v (the run diverged; +∞ fires, as in the JS path).
 * Two cells per f64x2 test; a pair with a firing cell is handled lane by lane.
 */
export function fire(n: i32, v: usize, u: usize, c: usize, d: usize, fired: usize): i32 {
  let nf: i32 = 0;
  const th = f64x2.splat(VTH), zero = f64x2.splat(0.0);
  let bad = i64x2.splat(0);
  const pairs = n & ~1;
  let i: i32 = 0;
  for (; i < pairs; i += 2) {
    const o = (<usize>i) << 3;
    const vv = v128.load(v + o);
    const ge = f64x2.ge(vv, th);
    // v − v is 0 for a finite v, NaN otherwise: a lane that neither fires nor is finite is bad.
    bad = v128.or(bad, v128.not(v128.or(ge, f64x2.eq(f64x2.sub(vv, vv), zero))));
    if (v128.any_true(ge)) {
      for (let l: i32 = 0; l < 2; l++) {
        const ol = o + ((<usize>l) << 3);
        if (load<f64>(v + ol) >= VTH) {
          store<i32>(fired + ((<usize>nf) << 2), i + l);
          nf++;
          store<f64>(v + ol, load<f64>(c + ol));
          store<f64>(u + ol, load<f64>(u + ol) + load<f64>(d + ol));
        }
      }
    }
  }
  let badTail = false;
  if (i < n) {
    const o = (<usize>i) << 3;
    const vi = load<f64>(v + o);
    if (vi >= VTH) {
      store<i32>(fired + ((<usize>nf) << 2), i);
      nf++;
      store<f64>(v + o, load<f64>(c + o));
      store<f64>(u + o, load<f64>(u + o) + load<f64>(d + o));
    } else if (!(vi - vi == 0.0)) {
      badTail = true;
    }
  }
  return badTail || v128.any_true(bad) ? -1 - nf : nf;
}

// The weights are kept as their raw draws r (u32): w = (r·2⁻³²)·scale, scale = the presynaptic cell's weight scale
// (w_exc, or −w_inh), computed where used — the product build.ts forms (scale·U, U = r·2⁻³² exact), so the same bits,
// from half the bytes of a Float64 weight.
let gNe: i32 = 0;
let gWe: f64 = 0, gWi: f64 = 0;

/**
 * syn[i] += W[j·n + i] for each fired j in order (dense raw weights, presynaptic-major). Four columns at a time, the
 * sum kept in a register between them (each element still adds its columns in ascending order, as the JS path does).
 */
function synDense(n: i32, w: usize, fired: usize, nf: i32, syn: usize): void {
  const pairs = n & ~1;
  const stride = (<usize>n) << 2;
  const T = f64x2.splat(TWO_M32);
  let k: i32 = 0;
  for (; k + 4 <= nf; k += 4) {
    const f = fired + ((<usize>k) << 2);
    const j0 = load<i32>(f), j1 = load<i32>(f, 4), j2 = load<i32>(f, 8), j3 = load<i32>(f, 12);
    const c0 = w + (<usize>j0) * stride, c1 = w + (<usize>j1) * stride, c2 = w + (<usize>j2) * stride, c3 = w + (<usize>j3) * stride;
    const e0: f64 = j0 < gNe ? gWe : gWi, e1: f64 = j1 < gNe ? gWe : gWi, e2: f64 = j2 < gNe ? gWe : gWi, e3: f64 = j3 < gNe ? gWe : gWi;
    const q0 = f64x2.splat(e0), q1 = f64x2.splat(e1), q2 = f64x2.splat(e2), q3 = f64x2.splat(e3);
    let i: i32 = 0;
    for (; i < pairs; i += 2) {
      const o = (<usize>i) << 3, o4 = (<usize>i) << 2;
      let acc = f64x2.add(v128.load(syn + o), f64x2.mul(f64x2.mul(f64x2.convert_low_i32x4_u(v128.load64_zero(c0 + o4)), T), q0));
      acc = f64x2.add(acc, f64x2.mul(f64x2.mul(f64x2.convert_low_i32x4_u(v128.load64_zero(c1 + o4)), T), q1));
      acc = f64x2.add(acc, f64x2.mul(f64x2.mul(f64x2.convert_low_i32x4_u(v128.load64_zero(c2 + o4)), T), q2));
      v128.store(syn + o, f64x2.add(acc, f64x2.mul(f64x2.mul(f64x2.convert_low_i32x4_u(v128.load64_zero(c3 + o4)), T), q3)));
    }
    if (i < n) {
      const o = (<usize>i) << 3, o4 = (<usize>i) << 2;
      store<f64>(syn + o, load<f64>(syn + o) + (<f64>load<u32>(c0 + o4) * TWO_M32) * e0 + (<f64>load<u32>(c1 + o4) * TWO_M32) * e1
        + (<f64>load<u32>(c2 + o4) * TWO_M32) * e2 + (<f64>load<u32>(c3 + o4) * TWO_M32) * e3);
    }
  }
  for (; k < nf; k++) {
    const j = load<i32>(fired + ((<usize>k) << 2));
    const col = w + (<usize>j) * stride;
    const e: f64 = j < gNe ? gWe : gWi;
    const q = f64x2.splat(e);
    let i: i32 = 0;
    for (; i < pairs; i += 2) {
      const o = (<usize>i) << 3;
      v128.store(syn + o, f64x2.add(v128.load(syn + o), f64x2.mul(f64x2.mul(f64x2.convert_low_i32x4_u(v128.load64_zero(col + ((<usize>i) << 2))), T), q)));
    }
    if (i < n) {
      const o = (<usize>i) << 3;
      store<f64>(syn + o, load<f64>(syn + o) + (<f64>load<u32>(col + ((<usize>i) << 2)) * TWO_M32) * e);
    }
  }
}

/** syn[target[p]] += w[p] over each fired j's synapses p = start[j] … start[j + 1] − 1 (sparse raw weights, by presynaptic cell). */
function synSparse(start: usize, target: usize, w: usize, fired: usize, nf: i32, syn: usize): void {
  for (let k: i32 = 0; k < nf; k++) {
    const j = load<i32>(fired + ((<usize>k) << 2));
    const e: f64 = j < gNe ? gWe : gWi;
    const p0 = load<i32>(start + ((<usize>j) << 2));
    const p1 = load<i32>(start + ((<usize>(j + 1)) << 2));
    for (let p: i32 = p0; p < p1; p++) {
      const t = (<usize>load<i32>(target + ((<usize>p) << 2))) << 3;
      store<f64>(syn + t, load<f64>(syn + t) + (<f64>load<u32>(w + ((<usize>p) << 2)) * TWO_M32) * e);
    }
  }
}

/**
 * I = noise + syn (syn then cleared); v ← v + 0.5·(0.04·(v·v) + 5v + 140 − u + I) twice; u ← u + a·(b·v − u).
 */
export function update(n: i32, v: usize, u: usize, a: usize, b: usize, noise: usize, syn: usize): void {
  const half = f64x2.splat(0.5), k2 = f64x2.splat(0.04), k1 = f64x2.splat(5.0), k0 = f64x2.splat(140.0);
  const zero = f64x2.splat(0.0);
  const pairs = n & ~1;
  let i: i32 = 0;
  for (; i < pairs; i += 2) {
    const o = (<usize>i) << 3;
    const I = f64x2.add(v128.load(noise + o), v128.load(syn + o));
    v128.store(syn + o, zero);
    const ui = v128.load(u + o);
    let vi = v128.load(v + o);
    vi = f64x2.add(vi, f64x2.mul(half, f64x2.add(f64x2.sub(f64x2.add(f64x2.add(f64x2.mul(k2, f64x2.mul(vi, vi)), f64x2.mul(k1, vi)), k0), ui), I)));
    vi = f64x2.add(vi, f64x2.mul(half, f64x2.add(f64x2.sub(f64x2.add(f64x2.add(f64x2.mul(k2, f64x2.mul(vi, vi)), f64x2.mul(k1, vi)), k0), ui), I)));
    v128.store(v + o, vi);
    v128.store(u + o, f64x2.add(ui, f64x2.mul(v128.load(a + o), f64x2.sub(f64x2.mul(v128.load(b + o), vi), ui))));
  }
  if (i < n) {
    const o = (<usize>i) << 3;
    const I = load<f64>(noise + o) + load<f64>(syn + o);
    store<f64>(syn + o, 0.0);
    const ui = load<f64>(u + o);
    let vi = load<f64>(v + o);
    vi = vi + 0.5 * (0.04 * (vi * vi) + 5.0 * vi + 140.0 - ui + I);
    vi = vi + 0.5 * (0.04 * (vi * vi) + 5.0 * vi + 140.0 - ui + I);
    store<f64>(v + o, vi);
    store<f64>(u + o, ui + load<f64>(a + o) * (load<f64>(b + o) * vi - ui));
  }
}

// ---------------------------------------------------------------- the noise: xoshiro128** and polar normals
// Generator state at `st`: words s0 … s3 (u32) at +0 … +12, the spare normal (f64) at +16, whether it is held (i32)
// at +24 — the fields of prng.ts's Rng, handed over by the JS driver.


const ln2_hi: f64 = 6.93147180369123816490e-01, ln2_lo: f64 = 1.90821492927058770002e-10, two54: f64 = 1.80143985094819840000e+16;
const Lg1: f64 = 6.666666666666735130e-01, Lg2: f64 = 3.999999999940941908e-01, Lg3: f64 = 2.857142874366239149e-01;
const Lg4: f64 = 2.222219843214978396e-01, Lg5: f64 = 1.818357216161805012e-01, Lg6: f64 = 1.531383769920937332e-01;
const Lg7: f64 = 1.479819860511658591e-01;

/** fdlibm's __ieee754_log (e_log.c), as prng.ts's flog: the same operations, so the same bits. */
function flog(x: f64): f64 {
  let bits = reinterpret<i64>(x);
  let hx = <i32>(bits >> 32);
  const lx = <i32>bits;
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= two54;
    bits = reinterpret<i64>(x);
    hx = <i32>(bits >> 32);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = reinterpret<f64>((bits & 0xFFFFFFFF) | ((<i64>(hx | (i ^ 0x3ff00000))) << 32));
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f == 0.0) {
      if (k == 0) return 0.0;
      const dk0 = <f64>k;
      return dk0 * ln2_hi + dk0 * ln2_lo;
    }
    const R0 = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R0;
    const dk1 = <f64>k;
    return dk1 * ln2_hi - ((R0 - dk1 * ln2_lo) - f);
  }
  const s = f / (2.0 + f);
  const dk = <f64>k;
  const z = s * s;
  let ii = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  ii |= j;
  const R = t2 + t1;
  if (ii > 0) {
    const hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}

// Constants of the vector log, read from memory at the start of a loop (as v128.const operands V8 would rebuild each
// one inside the loop: loaded once, they stay in registers — 2.5× faster here).
const KF = memory.data<f64>([1.0, 1.0, 2.0, 2.0, Lg1, Lg1, Lg2, Lg2, Lg3, Lg3, Lg4, Lg4, Lg5, Lg5, Lg6, Lg6, Lg7, Lg7,
  ln2_hi, ln2_hi, ln2_lo, ln2_lo, 0.5, 0.5, -2.0, -2.0]);
const KI = memory.data<i64>([1023, 1023, 0x000fffff, 0x000fffff, 2, 2, 3, 3, 0x95f64, 0x95f64, 0x100000, 0x100000,
  0xFFFFFFFF, 0xFFFFFFFF, 0x3ff00000, 0x3ff00000, 0x6147a, 0x6147a, 0x6b851, 0x6b851, 0, 0]);

/** flog's rare case: the argument's mantissa (high word) within 3·2⁻⁵² of a power of two (its first branch). */
@inline function rareLog(s: f64): bool {
  return ((<i32>(reinterpret<i64>(s) >>> 32) + 2) & 0x000fffff) < 3;
}

/**
 * dst[i] = sqrt(−2·log(src[i])/src[i]) for i < n (n even), the polar method's factor, two at a time: flog's operations
 * on f64x2 — its general path, both of its final formulas computed and the one flog takes selected per lane. The
 * polar method's s lies in [2⁻⁶², 1) (x, y are multiples of 2⁻³¹), so flog's zero, negative, subnormal and non-finite
 * cases cannot occur; its rare case (rareLog) is not taken here: entries in it are redone with scalar flog
 * afterwards (fixRare). Returns whether any entry is in the rare case.
 */
function factorsMain(src: usize, dst: usize, n: i32): bool {
  const one = v128.load(KF), two = v128.load(KF, 16), l1 = v128.load(KF, 32), l2 = v128.load(KF, 48);
  const l3 = v128.load(KF, 64), l4 = v128.load(KF, 80), l5 = v128.load(KF, 96), l6 = v128.load(KF, 112);
  const l7 = v128.load(KF, 128), lnh = v128.load(KF, 144), lnl = v128.load(KF, 160), half = v128.load(KF, 176);
  const m2 = v128.load(KF, 192);
  const i1023 = v128.load(KI), imask = v128.load(KI, 16), i2 = v128.load(KI, 32), i3 = v128.load(KI, 48);
  const i95 = v128.load(KI, 64), i10 = v128.load(KI, 80), ilo = v128.load(KI, 96), i3ff = v128.load(KI, 112);
  const i614 = v128.load(KI, 128), i6b8 = v128.load(KI, 144), i0 = v128.load(KI, 160);
  let rare = i0;
  for (let i: i32 = 0; i < n; i += 2) {
    const o = (<usize>i) << 3;
    const sv = v128.load(src + o);
    // (s > 0: its high word is non-negative, so logical shifts are flog's arithmetic ones.)
    const hx0 = i64x2.shr_u(sv, 32);
    let k = i64x2.sub(i64x2.shr_u(hx0, 20), i1023);
    const hx = v128.and(hx0, imask);
    rare = v128.or(rare, i64x2.gt_s(i3, v128.and(i64x2.add(hx, i2), imask)));
    const ib = v128.and(i64x2.add(hx, i95), i10);
    const x = v128.or(v128.and(sv, ilo), i64x2.shl(v128.or(hx, v128.xor(ib, i3ff)), 32));
    k = i64x2.add(k, i64x2.shr_u(ib, 20));
    const f = f64x2.sub(x, one);
    const s = f64x2.div(f, f64x2.add(two, f));
    const dk = f64x2.convert_low_i32x4_s(i32x4.shuffle(k, k, 0, 2, 0, 2));
    const z = f64x2.mul(s, s);
    let ii = i64x2.sub(hx, i614);
    const w = f64x2.mul(z, z);
    const j = i64x2.sub(i6b8, hx);
    const t1 = f64x2.mul(w, f64x2.add(l2, f64x2.mul(w, f64x2.add(l4, f64x2.mul(w, l6)))));
    const t2 = f64x2.mul(z, f64x2.add(l1, f64x2.mul(w, f64x2.add(l3, f64x2.mul(w, f64x2.add(l5, f64x2.mul(w, l7)))))));
    ii = v128.or(ii, j);
    const R = f64x2.add(t2, t1);
    const hi = f64x2.mul(dk, lnh), lo = f64x2.mul(dk, lnl);
    // ii > 0: hfsq = 0.5·f·f; k = 0: f − (hfsq − s·(hfsq + R)), else dk·ln2_hi − ((hfsq − (s·(hfsq + R) + dk·ln2_lo)) − f).
    const hfsq = f64x2.mul(f64x2.mul(half, f), f);
    const sh = f64x2.mul(s, f64x2.add(hfsq, R));
    const a0 = f64x2.sub(f, f64x2.sub(hfsq, sh));
    const a1 = f64x2.sub(hi, f64x2.sub(f64x2.sub(hfsq, f64x2.add(sh, lo)), f));
    // ii ≤ 0: k = 0: f − s·(f − R), else dk·ln2_hi − ((s·(f − R) − dk·ln2_lo) − f).
    const sf = f64x2.mul(s, f64x2.sub(f, R));
    const b0 = f64x2.sub(f, sf);
    const b1 = f64x2.sub(hi, f64x2.sub(f64x2.sub(sf, lo), f));
    const k0 = i64x2.eq(k, i0);
    const L = v128.bitselect(v128.bitselect(a0, a1, k0), v128.bitselect(b0, b1, k0), i64x2.gt_s(ii, i0));
    v128.store(dst + o, f64x2.sqrt(f64x2.div(f64x2.mul(m2, L), sv)));
  }
  return v128.any_true(rare);
}

/** Redoes the entries i < n of factorsMain's output that are in flog's rare case, with scalar flog. */
function fixRare(src: usize, dst: usize, n: i32): void {
  for (let i: i32 = 0; i < n; i++) {
    const o = (<usize>i) << 3;
    const s = load<f64>(src + o);
    if (rareLog(s)) store<f64>(dst + o, Math.sqrt(-2.0 * flog(s) / s));
  }
}

/** dst[i] = sqrt(−2·flog(src[i])/src[i]) for i < n, n even, as the noise kernel computes it (tests check it). */
export function polarFactors(src: usize, dst: usize, n: i32): void {
  if (factorsMain(src, dst, n)) fixRare(src, dst, n);
}

// Scratch of the noise kernel: a block of accepted polar candidates (x, y, s) and their factors (static memory,
// below __heap_base, so the JS driver's arena does not overlap it).
const BLOCK: i32 = 128;
const CX = memory.data(BLOCK * 8 + 16, 16);
const CY = memory.data(BLOCK * 8 + 16, 16);
const CS = memory.data(BLOCK * 8 + 16, 16);
const CF = memory.data(BLOCK * 8 + 16, 16);

/**
 * out[i] = scale[i]·normal() for i < n, in order (prng.ts's Rng.normals, the same numbers): by blocks of up to 128
 * pairs — the candidates drawn in sequence, a rejected one overwritten by the next (no branch on acceptance); the
 * factors two at a time (factorsMain, fixRare); then x·f, y·f written out, the last y·f kept as the spare when n runs out.
 */
export function normals(st: usize, out: usize, scale: usize, n: i32): void {
  let s0 = load<u32>(st), s1 = load<u32>(st, 4), s2 = load<u32>(st, 8), s3 = load<u32>(st, 12);
  let i: i32 = 0;
  if (n > 0 && load<i32>(st, 24) != 0) {
    store<f64>(out, load<f64>(scale) * load<f64>(st, 16));
    store<i32>(st, 0, 24);
    i = 1;
  }
  while (i < n) {
    const need = (n - i + 1) >> 1;
    const m = need < BLOCK ? need : BLOCK;
    let cnt: i32 = 0;
    while (cnt < m) {
      let r = rotl<u32>(s1 * 5, 7) * 9;
      let t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<u32>(s3, 11);
      const x = 2.0 * (<f64>r * TWO_M32) - 1.0;
      r = rotl<u32>(s1 * 5, 7) * 9;
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<u32>(s3, 11);
      const y = 2.0 * (<f64>r * TWO_M32) - 1.0;
      const s = x * x + y * y;
      const o = (<usize>cnt) << 3;
      store<f64>(CX + o, x);
      store<f64>(CY + o, y);
      store<f64>(CS + o, s);
      cnt += <i32>(s < 1.0) & <i32>(s > 0.0);
    }
    store<f64>(CS + ((<usize>m) << 3), 0.75); // the partner lane of an odd block's last pair (unused; not rare)
    if (factorsMain(CS, CF, m + (m & 1))) fixRare(CS, CF, m);
    for (let p: i32 = 0; p < m; p++) {
      const o = (<usize>p) << 3;
      const f = load<f64>(CF + o);
      const oi = (<usize>i) << 3;
      store<f64>(out + oi, load<f64>(scale + oi) * (load<f64>(CX + o) * f));
      i++;
      if (i < n) {
        store<f64>(out + oi + 8, load<f64>(scale + oi + 8) * (load<f64>(CY + o) * f));
        i++;
      } else {
        store<f64>(st, load<f64>(CY + o) * f, 16);
        store<i32>(st, 1, 24);
      }
    }
  }
  store<u32>(st, s0); store<u32>(st, s1, 4); store<u32>(st, s2, 8); store<u32>(st, s3, 12);
}

// ---------------------------------------------------------------- one whole step per call
// The run's arrays, set once by setup(): cells (v, u, a, b, c, d, σ), the step's noise and synaptic input, the fired
// list, the noise generator's state block, and the synapses (dense W, or sparse start/target/w).
let gN: i32 = 0;
let gV: usize = 0, gU: usize = 0, gA: usize = 0, gB: usize = 0, gC: usize = 0, gD: usize = 0, gSig: usize = 0;
let gNoise: usize = 0, gSyn: usize = 0, gFired: usize = 0, gSt: usize = 0;
let gDense: bool = true;
let gW: usize = 0, gStart: usize = 0, gTarget: usize = 0;

export function setup(
  n: i32, v: usize, u: usize, a: usize, b: usize, c: usize, d: usize, sigma: usize, noise: usize, syn: usize,
  fired: usize, st: usize, dense: i32, w: usize, start: usize, target: usize, ne: i32, we: f64, wi: f64,
): void {
  gNe = ne; gWe = we; gWi = wi;
  gN = n; gV = v; gU = u; gA = a; gB = b; gC = c; gD = d; gSig = sigma; gNoise = noise; gSyn = syn;
  gFired = fired; gSt = st; gDense = dense != 0; gW = w; gStart = start; gTarget = target;
}

/**
 * One 1 ms step of the paper's scheme (paper.ts's order): v of every cell stored as Float32 at `rec` first when
 * rec ≠ 0 (the recorded sample of this step); the fire test with reset; then — unless the run diverged or the spikes
 * do not fit the store (nf > room: the JS side stops there, as the plain-JS path does) — the fired cells' weight
 * columns, the noise and the half-steps. Returns nf (the fired cells are in `fired`), or −1 − nf when diverged.
 */
export function step(rec: usize, room: i32): i32 {
  const n = gN;
  if (rec != 0) {
    for (let i: i32 = 0; i < n; i++) store<f32>(rec + ((<usize>i) << 2), <f32>load<f64>(gV + ((<usize>i) << 3)));
  }
  const nf = fire(n, gV, gU, gC, gD, gFired);
  if (nf < 0 || nf > room) return nf;
  if (nf > 0) {
    if (gDense) synDense(n, gW, gFired, nf, gSyn);
    else synSparse(gStart, gTarget, gW, gFired, nf, gSyn);
  }
  normals(gSt, gNoise, gSig, n);
  update(n, gV, gU, gA, gB, gNoise, gSyn);
  return nf;
}

// ---------------------------------------------------------------- the network's draws (build.ts's order)

/** out[i] = the next count raw draws r (u32; U = r/2³²) of the generator at st (a dense weight column, raw). */
export function draws(st: usize, out: usize, count: i32): void {
  let s0 = load<u32>(st), s1 = load<u32>(st, 4), s2 = load<u32>(st, 8), s3 = load<u32>(st, 12);
  for (let i: i32 = 0; i < count; i++) {
    const r = rotl<u32>(s1 * 5, 7) * 9;
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<u32>(s3, 11);
    store<u32>(out + ((<usize>i) << 2), r);
  }
  store<u32>(st, s0); store<u32>(st, s1, 4); store<u32>(st, s2, 8); store<u32>(st, s3, 12);
}

/**
 * build.ts's sparseDraws: per postsynaptic cell k distinct inputs by a partial Fisher–Yates (pick = q + floor(U·(n − q))),
 * each pick's weight drawn right after it (kept raw), swaps undone after the row. target = 0: counts the outputs of each
 * cell into start[j + 1] (the weight draws only advance the generator); else places each synapse at start[j] + fill[j]++.
 */
export function sparseDraws(
  st: usize, n: i32, k: i32, perm: usize, swaps: usize, start: usize, fill: usize, target: usize, w: usize,
): void {
  let s0 = load<u32>(st), s1 = load<u32>(st, 4), s2 = load<u32>(st, 8), s3 = load<u32>(st, 12);
  for (let i: i32 = 0; i < n; i++) store<i32>(perm + ((<usize>i) << 2), i);
  if (target != 0) memory.fill(fill, 0, (<usize>n) << 2);
  for (let post: i32 = 0; post < n; post++) {
    for (let q: i32 = 0; q < k; q++) {
      let r = rotl<u32>(s1 * 5, 7) * 9;
      let t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<u32>(s3, 11);
      const pick = q + <i32>Math.floor((<f64>r * TWO_M32) * <f64>(n - q));
      store<i32>(swaps + ((<usize>q) << 2), pick);
      const pp = perm + ((<usize>pick) << 2), pq = perm + ((<usize>q) << 2);
      const pre = load<i32>(pp);
      store<i32>(pp, load<i32>(pq));
      store<i32>(pq, pre);
      r = rotl<u32>(s1 * 5, 7) * 9;
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<u32>(s3, 11);
      if (target != 0) {
        const pf = fill + ((<usize>pre) << 2);
        const f = load<i32>(pf);
        store<i32>(pf, f + 1);
        const at = (<usize>(load<i32>(start + ((<usize>pre) << 2)) + f));
        store<i32>(target + (at << 2), post);
        store<u32>(w + (at << 2), r);
      } else {
        const ps = start + ((<usize>(pre + 1)) << 2);
        store<i32>(ps, load<i32>(ps) + 1);
      }
    }
    for (let q: i32 = k - 1; q >= 0; q--) {
      const pick = load<i32>(swaps + ((<usize>q) << 2));
      const pp = perm + ((<usize>pick) << 2), pq = perm + ((<usize>q) << 2);
      const x = load<i32>(pp);
      store<i32>(pp, load<i32>(pq));
      store<i32>(pq, x);
    }
  }
  store<u32>(st, s0); store<u32>(st, s1, 4); store<u32>(st, s2, 8); store<u32>(st, s3, 12);
}
