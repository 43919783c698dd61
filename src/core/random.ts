// The one seeded random source, for tests, benchmarks and `--seed`. Pure: anything that needs randomness
// takes a `Random`; the CLI and extension pass one backed by node:crypto (see store/cryptoRandom.ts).

/** A uniform random source in [0, 1). */
export type Random = () => number;

/** mulberry32: a small, fast, well-distributed 32-bit generator. Deterministic for a given seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
