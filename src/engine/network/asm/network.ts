// AssemblyScript source of the network engine's WebAssembly module (compiled by `npm run build:wasm` into
// ../networkWasm.generated.ts; built by ../buildWasm.ts): the kernels of the paper's scheme (../paper.ts) on arrays the JS driver lays out in
// this module's memory — the fire test with reset, the weight columns of the fired cells (dense, two cells per f64x2
// vector; sparse, scalar scatter) and the two 0.5 ms half-steps of v and the 1 ms step of u (f64x2). Each lane runs
// net.m's expressions in the same order with IEEE operations (no fused multiply-add), so the results are the plain-JS
// path's bit for bit. v in mV, u, I and weights in mV/ms; all arrays f64 except fired, start and target (i32).

const VTH: f64 = 30.0;

export function heapBase(): usize {
  return __heap_base;
}

/**
 * Cells with v ≥ 30 fire: their indices go to `fired`, v ← c, u ← u + d. Returns how many fired, or −1 − that count
 * when a cell's v is not finite (the run diverged).
 */
export function fire(n: i32, v: usize, u: usize, c: usize, d: usize, fired: usize): i32 {
  let nf: i32 = 0;
  let bad = false;
  for (let i: i32 = 0; i < n; i++) {
    const o = (<usize>i) << 3;
    const vi = load<f64>(v + o);
    if (vi >= VTH) {
      store<i32>(fired + ((<usize>nf) << 2), i);
      nf++;
      store<f64>(v + o, load<f64>(c + o));
      store<f64>(u + o, load<f64>(u + o) + load<f64>(d + o));
    } else if (!(vi - vi == 0.0)) {
      bad = true;
    }
  }
  return bad ? -1 - nf : nf;
}

/** syn[i] += W[j·n + i] for each fired j in order (dense weights, presynaptic-major). */
export function synDense(n: i32, w: usize, fired: usize, nf: i32, syn: usize): void {
  const pairs = n & ~1;
  for (let k: i32 = 0; k < nf; k++) {
    const j = load<i32>(fired + ((<usize>k) << 2));
    const col = w + (((<usize>j) * (<usize>n)) << 3);
    let i: i32 = 0;
    for (; i < pairs; i += 2) {
      const o = (<usize>i) << 3;
      v128.store(syn + o, f64x2.add(v128.load(syn + o), v128.load(col + o)));
    }
    if (i < n) {
      const o = (<usize>i) << 3;
      store<f64>(syn + o, load<f64>(syn + o) + load<f64>(col + o));
    }
  }
}

/** syn[target[p]] += w[p] over each fired j's synapses p = start[j] … start[j + 1] − 1 (sparse, by presynaptic cell). */
export function synSparse(start: usize, target: usize, w: usize, fired: usize, nf: i32, syn: usize): void {
  for (let k: i32 = 0; k < nf; k++) {
    const j = load<i32>(fired + ((<usize>k) << 2));
    const p0 = load<i32>(start + ((<usize>j) << 2));
    const p1 = load<i32>(start + ((<usize>(j + 1)) << 2));
    for (let p: i32 = p0; p < p1; p++) {
      const t = (<usize>load<i32>(target + ((<usize>p) << 2))) << 3;
      store<f64>(syn + t, load<f64>(syn + t) + load<f64>(w + ((<usize>p) << 3)));
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

const TWO_M32: f64 = 1.0 / 4294967296.0;

/** fdlibm's __ieee754_log (e_log.c), as prng.ts's flog: the same operations, so the same bits. */
function flog(x: f64): f64 {
  const ln2_hi: f64 = 6.93147180369123816490e-01, ln2_lo: f64 = 1.90821492927058770002e-10, two54: f64 = 1.80143985094819840000e+16;
  const Lg1: f64 = 6.666666666666735130e-01, Lg2: f64 = 3.999999999940941908e-01, Lg3: f64 = 2.857142874366239149e-01;
  const Lg4: f64 = 2.222219843214978396e-01, Lg5: f64 = 1.818357216161805012e-01, Lg6: f64 = 1.531383769920937332e-01;
  const Lg7: f64 = 1.479819860511658591e-01;
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

/** out[i] = scale[i]·normal() for i < n, in order (prng.ts's Rng.normals). */
export function normals(st: usize, out: usize, scale: usize, n: i32): void {
  let s0 = load<u32>(st), s1 = load<u32>(st, 4), s2 = load<u32>(st, 8), s3 = load<u32>(st, 12);
  let i: i32 = 0;
  if (n > 0 && load<i32>(st, 24) != 0) {
    store<f64>(out, load<f64>(scale) * load<f64>(st, 16));
    store<i32>(st, 0, 24);
    i = 1;
  }
  while (i < n) {
    let x: f64 = 0, y: f64 = 0, s: f64 = 0;
    do {
      let r = rotl<u32>(s1 * 5, 7) * 9;
      let t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<u32>(s3, 11);
      x = 2.0 * (<f64>r * TWO_M32) - 1.0;
      r = rotl<u32>(s1 * 5, 7) * 9;
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<u32>(s3, 11);
      y = 2.0 * (<f64>r * TWO_M32) - 1.0;
      s = x * x + y * y;
    } while (!(s < 1.0 && s > 0.0));
    const f = Math.sqrt(-2.0 * flog(s) / s);
    const o = (<usize>i) << 3;
    store<f64>(out + o, load<f64>(scale + o) * (x * f));
    i++;
    if (i < n) {
      store<f64>(out + o + 8, load<f64>(scale + o + 8) * (y * f));
      i++;
    } else {
      store<f64>(st, y * f, 16);
      store<i32>(st, 1, 24);
    }
  }
  store<u32>(st, s0); store<u32>(st, s1, 4); store<u32>(st, s2, 8); store<u32>(st, s3, 12);
}
