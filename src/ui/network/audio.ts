// The audio monitor's sound (pure): every spike a click, as an electrophysiologist's loudspeaker plays a recording —
// spikes are counted per audio sample and each count drives a damped resonator (two-pole filter: a 2 ms ring at
// 700 Hz for excitatory cells, 1 ms at 2.2 kHz for inhibitory), so the cost is per sample, not per spike. Slowed
// playback (speed < 1) stretches time: 40 Hz gamma at ¼ speed is heard as a 10 Hz flutter.

export interface AudioOptions {
  sampleRate: number;
  /** Simulated ms per ms of sound (1 = real time). */
  speed: number;
  /** The span to play, ms of simulated time. */
  t0: number;
  t1: number;
}

interface Voice { freq: number; decayMs: number; gain: number }
const EXC_VOICE: Voice = { freq: 700, decayMs: 2, gain: 1 };
const INH_VOICE: Voice = { freq: 2200, decayMs: 1, gain: 0.8 };

/** Adds the resonator's response to the impulse train x into out. */
function resonate(x: Float32Array, out: Float32Array, v: Voice, sampleRate: number): void {
  const r = Math.exp(-1000 / (v.decayMs * sampleRate));
  const w = (2 * Math.PI * v.freq) / sampleRate;
  const a1 = 2 * r * Math.cos(w), a2 = -r * r;
  let y1 = 0, y2 = 0;
  for (let n = 0; n < x.length; n++) {
    const y = x[n] * v.gain + a1 * y1 + a2 * y2;
    out[n] += y;
    y2 = y1; y1 = y;
  }
}

/** The mono sound of the spikes in [t0, t1] (cells < ne excitatory), peak-normalised to 0.8. */
export function renderSpikeSound(t: ArrayLike<number>, cell: ArrayLike<number>, count: number, ne: number, o: AudioOptions): Float32Array<ArrayBuffer> {
  const seconds = Math.max(0, (o.t1 - o.t0) / 1000 / o.speed);
  const len = Math.max(1, Math.ceil(seconds * o.sampleRate));
  const exc = new Float32Array(len), inh = new Float32Array(len);
  const perMs = o.sampleRate / 1000 / o.speed;
  // Spikes at the same sample add up; a tiny deterministic jitter spreads whole-ms spike times over their millisecond
  // (the paper's scheme stamps them all at integer times, which would sound like a buzz at 1 kHz).
  for (let k = 0; k < count; k++) {
    const tk = t[k];
    if (tk < o.t0 || tk > o.t1) continue;
    const jitter = Number.isInteger(tk) ? (((cell[k] * 2654435761) >>> 0) / 4294967296 - 0.5) : 0;
    const i = Math.min(len - 1, Math.max(0, Math.floor((tk - o.t0 + jitter) * perMs)));
    if (cell[k] < ne) exc[i] += 1; else inh[i] += 1;
  }
  const out = new Float32Array(len);
  resonate(exc, out, EXC_VOICE, o.sampleRate);
  resonate(inh, out, INH_VOICE, o.sampleRate);
  let peak = 0;
  for (let n = 0; n < len; n++) { const a = Math.abs(out[n]); if (a > peak) peak = a; }
  if (peak > 0) { const g = 0.8 / peak; for (let n = 0; n < len; n++) out[n] *= g; }
  return out;
}
