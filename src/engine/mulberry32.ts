// mulberry32: a small seeded pseudo-random generator (32-bit state, uniform in [0, 1)) for the tests' random cases
// and the e2e fuzz test, so that a failing case can be replayed from its seed. Not used by the app.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
