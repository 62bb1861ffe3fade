// Power spectra of sampled signals: an in-place radix-2 FFT and Welch's averaged periodogram (Hann windows, 50%
// overlap, mean removed per segment, one-sided, density in units²/Hz), and the strongest peak inside a band refined by
// a parabola through the log-power of the top bin and its neighbours. Frequencies in Hz.

/** In-place iterative radix-2 FFT of (re, im); length a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (n & (n - 1)) throw new Error(`fft length ${n} is not a power of two`);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let x = re[i]; re[i] = re[j]; re[j] = x;
      x = im[i]; im[i] = im[j]; im[j] = x;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang), wi = Math.sin(ang);
    const half = len >> 1;
    for (let i = 0; i < n; i += len) {
      let cr = 1, ci = 0;
      for (let k = 0; k < half; k++) {
        const a = i + k, b = a + half;
        const xr = re[b] * cr - im[b] * ci;
        const xi = re[b] * ci + im[b] * cr;
        re[b] = re[a] - xr; im[b] = im[a] - xi;
        re[a] += xr; im[a] += xi;
        const nr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = nr;
      }
    }
  }
}

export interface Spectrum {
  /** Frequencies of the bins, Hz (0 … fs/2). */
  f: Float64Array;
  /** One-sided power spectral density, signal units² per Hz. */
  p: Float64Array;
  /** Segment length (samples), segments averaged, FFT length. */
  segment: number;
  segments: number;
  nfft: number;
}

function pow2AtLeast(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}

/**
 * Welch's estimate of x sampled at fs (Hz). segment: samples per segment (at most x.length); nfft ≥ segment (zero
 * padding, a power of two). With fewer than 2 samples the spectrum is empty.
 */
export function welch(x: ArrayLike<number>, fs: number, segment: number, nfft = pow2AtLeast(segment)): Spectrum {
  const len = x.length;
  const L = Math.max(2, Math.min(segment, len));
  const N = pow2AtLeast(Math.max(nfft, L));
  const bins = N / 2 + 1;
  const f = new Float64Array(bins);
  for (let k = 0; k < bins; k++) f[k] = (k * fs) / N;
  const p = new Float64Array(bins);
  if (len < 2) return { f, p, segment: L, segments: 0, nfft: N };
  const win = new Float64Array(L);
  let wss = 0;
  for (let i = 0; i < L; i++) { win[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (L - 1)); wss += win[i] * win[i]; }
  const hop = Math.max(1, Math.floor(L / 2));
  const re = new Float64Array(N), im = new Float64Array(N);
  let segs = 0;
  for (let start = 0; start + L <= len; start += hop) {
    let mean = 0;
    for (let i = 0; i < L; i++) mean += x[start + i];
    mean /= L;
    re.fill(0); im.fill(0);
    for (let i = 0; i < L; i++) re[i] = (x[start + i] - mean) * win[i];
    fft(re, im);
    for (let k = 0; k < bins; k++) {
      const pk = re[k] * re[k] + im[k] * im[k];
      p[k] += k === 0 || k === N / 2 ? pk : 2 * pk;
    }
    segs++;
  }
  const norm = 1 / (segs * fs * wss);
  for (let k = 0; k < bins; k++) p[k] *= norm;
  return { f, p, segment: L, segments: segs, nfft: N };
}

export interface Peak {
  /** Peak frequency, Hz (parabolic refinement on log-power). */
  f: number;
  /** Density at the top bin. */
  power: number;
  /** Top bin's density over the median density of the reference range. */
  ratio: number;
}

/** Median of p over bins with f in [lo, hi]. */
export function medianPower(s: Spectrum, lo: number, hi: number): number {
  const vals: number[] = [];
  for (let k = 0; k < s.f.length; k++) if (s.f[k] >= lo && s.f[k] <= hi) vals.push(s.p[k]);
  if (!vals.length) return NaN;
  vals.sort((x, y) => x - y);
  const m = vals.length >> 1;
  return vals.length % 2 ? vals[m] : 0.5 * (vals[m - 1] + vals[m]);
}

/** The strongest bin inside [lo, hi] Hz; null when the band holds no bin or no power. */
export function bandPeak(s: Spectrum, lo: number, hi: number, reference: number): Peak | null {
  let best = -1;
  for (let k = 1; k < s.f.length; k++) {
    if (s.f[k] < lo || s.f[k] > hi) continue;
    if (best < 0 || s.p[k] > s.p[best]) best = k;
  }
  if (best < 0 || !(s.p[best] > 0)) return null;
  let f = s.f[best];
  if (best > 0 && best + 1 < s.f.length && s.p[best - 1] > 0 && s.p[best + 1] > 0) {
    const y0 = Math.log(s.p[best - 1]), y1 = Math.log(s.p[best]), y2 = Math.log(s.p[best + 1]);
    const den = y0 - 2 * y1 + y2;
    if (den < 0) {
      const off = (0.5 * (y0 - y2)) / den;
      if (Math.abs(off) <= 1) f += off * (s.f[1] - s.f[0]);
    }
  }
  return { f, power: s.p[best], ratio: reference > 0 ? s.p[best] / reference : Infinity };
}
