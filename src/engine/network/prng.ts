// The network's seeded pseudo-random numbers, identical in Node, the browser and a few lines of Python (docs below):
// xoshiro128** 1.1 (Blackman & Vigna, 32-bit state ×4), seeded per (seed, stream) by splitmix32; uniforms u = x / 2³²
// from one 32-bit output; standard normals by Marsaglia's polar method, both values of a pair used (x·f, then y·f),
// with fdlibm's log (flog below, the algorithm of V8's Math.log, so no engine's own log decides a bit).
//
// Reimplementation (Python; exact for every uniform; the normals use libm's log, which agrees with fdlibm's in all but
// rare last-bit cases — port flog for bit-exact normals):
//   M = 0xFFFFFFFF
//   def splitmix32(a):                      # a: counter; returns (new counter, output)
//       a = (a + 0x9E3779B9) & M
//       z = ((a ^ (a >> 16)) * 0x21F0AAAD) & M
//       z = ((z ^ (z >> 15)) * 0x735A2D97) & M
//       return a, z ^ (z >> 15)
//   class Rng:
//       def __init__(self, seed, stream):
//           a = (seed ^ ((stream * 0x85EBCA6B) & M)) & M
//           self.s = []
//           for _ in range(4): a, z = splitmix32(a); self.s.append(z)
//           if not any(self.s): self.s[0] = 1
//           self.spare = None
//       def u32(self):
//           s0, s1, s2, s3 = self.s
//           r = (rotl((s1 * 5) & M, 7) * 9) & M;  t = (s1 << 9) & M     # rotl(x, k) = ((x << k) | (x >> (32 - k))) & M
//           s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11)
//           self.s = [s0, s1, s2, s3]; return r
//       def uniform(self): return self.u32() / 4294967296.0          # [0, 1), 32 bits
//       def normal(self):
//           if self.spare is not None: z, self.spare = self.spare, None; return z
//           while True:
//               x = 2.0 * self.uniform() - 1.0; y = 2.0 * self.uniform() - 1.0; s = x * x + y * y
//               if 0.0 < s < 1.0: break
//           f = math.sqrt(-2.0 * math.log(s) / s); self.spare = y * f; return x * f

/** Stream numbers: independent sequences drawn from one seed. */
export const STREAM_NETWORK = 0;
export const STREAM_NOISE = 1;

const TWO_M32 = 1 / 4294967296;

// fdlibm's __ieee754_log (FreeBSD msun e_log.c), operation for operation: the log of the polar method, so the normals
// do not depend on the JavaScript engine's Math.log (V8's is this same algorithm: a test checks they agree) and the
// WebAssembly module (asm/network.ts) computes the same bits. Only +, −, ×, ÷ and the exponent's bits.
const LOG_F64 = new Float64Array(1);
const LOG_W32 = new Int32Array(LOG_F64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0, LO = LITTLE ? 0 : 1;
const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10, TWO54 = 1.80143985094819840000e+16;
const LG1 = 6.666666666666735130e-01, LG2 = 3.999999999940941908e-01, LG3 = 2.857142874366239149e-01;
const LG4 = 2.222219843214978396e-01, LG5 = 1.818357216161805012e-01, LG6 = 1.531383769920937332e-01;
const LG7 = 1.479819860511658591e-01;

export function flog(x: number): number {
  LOG_F64[0] = x;
  let hx = LOG_W32[HI];
  const lx = LOG_W32[LO];
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    LOG_F64[0] = x;
    hx = LOG_W32[HI];
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  LOG_W32[HI] = hx | (i ^ 0x3ff00000);
  x = LOG_F64[0];
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const R0 = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R0 : k * LN2_HI - ((R0 - k * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  let ii = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  ii |= j;
  const R = t2 + t1;
  if (ii > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - ((hfsq - (s * (hfsq + R) + k * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - R) : k * LN2_HI - ((s * (f - R) - k * LN2_LO) - f);
}

/** One step of splitmix32 on counter `a`; returns [new counter, output] (both uint32). */
export function splitmix32(a: number): [number, number] {
  a = (a + 0x9e3779b9) >>> 0;
  let z = Math.imul(a ^ (a >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return [a, (z ^ (z >>> 15)) >>> 0];
}

/** A seeded xoshiro128** generator with uniform and Gaussian draws. Allocation-free after construction. */
export class Rng {
  /** The four state words (uint32). */
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** Second normal of the last polar pair, waiting to be returned. */
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number, stream: number) {
    let a = (seed ^ Math.imul(stream, 0x85ebca6b)) >>> 0;
    const w: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = splitmix32(a);
      a = r[0];
      w.push(r[1]);
    }
    if ((w[0] | w[1] | w[2] | w[3]) === 0) w[0] = 1;
    this.s0 = w[0] | 0; this.s1 = w[1] | 0; this.s2 = w[2] | 0; this.s3 = w[3] | 0;
  }

  /** The next 32-bit output (uint32). */
  u32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const r = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    let s0 = this.s0, s2 = this.s2, s3 = this.s3;
    s2 ^= s0; s3 ^= s1;
    const n1 = s1 ^ s2;
    s0 ^= s3; s2 ^= t;
    this.s0 = s0; this.s1 = n1; this.s2 = s2; this.s3 = (s3 << 11) | (s3 >>> 21);
    return r;
  }

  /** A uniform number in [0, 1) with 32 random bits. */
  uniform(): number {
    return this.u32() * TWO_M32;
  }

  /** A standard normal number (Marsaglia's polar method; pairs, second value cached). */
  normal(): number {
    if (this.hasSpare) { this.hasSpare = false; return this.spare; }
    let x: number, y: number, s: number;
    do {
      x = 2 * (this.u32() * TWO_M32) - 1;
      y = 2 * (this.u32() * TWO_M32) - 1;
      s = x * x + y * y;
    } while (!(s < 1 && s > 0));
    const f = Math.sqrt(-2 * flog(s) / s);
    this.spare = y * f;
    this.hasSpare = true;
    return x * f;
  }

  /** Fills out[0..n) with scale[i]·normal() — the noise of one step, in index order. */
  normals(out: Float64Array, scale: Float64Array, n: number): void {
    let i = 0;
    if (n > 0 && this.hasSpare) { out[0] = scale[0] * this.spare; this.hasSpare = false; i = 1; }
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    while (i < n) {
      let x: number, y: number, s: number;
      do {
        // Two xoshiro128** outputs, inlined (the same arithmetic as u32()).
        let m = Math.imul(s1, 5);
        let r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
        let t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
        x = 2 * (r * TWO_M32) - 1;
        m = Math.imul(s1, 5);
        r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
        y = 2 * (r * TWO_M32) - 1;
        s = x * x + y * y;
      } while (!(s < 1 && s > 0));
      const f = Math.sqrt(-2 * flog(s) / s);
      out[i] = scale[i] * (x * f);
      i++;
      if (i < n) { out[i] = scale[i] * (y * f); i++; }
      else { this.spare = y * f; this.hasSpare = true; }
    }
    this.s0 = s0 | 0; this.s1 = s1 | 0; this.s2 = s2 | 0; this.s3 = s3 | 0;
  }

  /**
   * Writes the state in the WebAssembly module's layout (asm/network.ts): words s0 … s3 at words[0 … 3], the spare
   * normal at spare[2] (byte 16), whether it is held at words[6] (byte 24) — two views of one 32-byte block.
   */
  exportState(words: Int32Array, spare: Float64Array): void {
    words[0] = this.s0; words[1] = this.s1; words[2] = this.s2; words[3] = this.s3;
    spare[2] = this.spare;
    words[6] = this.hasSpare ? 1 : 0;
  }

  /** Reads the state back from that layout. */
  importState(words: Int32Array, spare: Float64Array): void {
    this.s0 = words[0] | 0; this.s1 = words[1] | 0; this.s2 = words[2] | 0; this.s3 = words[3] | 0;
    this.spare = spare[2];
    this.hasSpare = words[6] !== 0;
  }

  /** A copy in the same state (the sparse builder draws the same sequence twice). */
  clone(): Rng {
    const c = Object.create(Rng.prototype) as Rng;
    c.s0 = this.s0; c.s1 = this.s1; c.s2 = this.s2; c.s3 = this.s3;
    c.spare = this.spare; c.hasSpare = this.hasSpare;
    return c;
  }
}
