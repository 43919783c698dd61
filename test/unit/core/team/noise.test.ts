import { describe, expect, test } from 'vitest';
import { laplace, laplaceScale, seededRandom, TEAM_SENSITIVITY } from '../../../../src/core/team/noise';

const draw = (n: number, scale: number, seed: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => laplace(scale, random));
};

describe('seeded random source', () => {
  test('is deterministic by seed and uniform on [0, 1)', () => {
    const a = seededRandom(123), b = seededRandom(123), c = seededRandom(124);
    const xs = Array.from({ length: 10 }, () => a());
    expect(Array.from({ length: 10 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 10 }, () => c())).not.toEqual(xs);
    const r = seededRandom(9);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const u = r();
      expect(u >= 0 && u < 1).toBe(true);
      buckets[Math.floor(u * 10)]++;
    }
    for (const k of buckets) expect(Math.abs(k - 10_000)).toBeLessThan(500); // sd is 95
  });
});

describe('Laplace noise', () => {
  // 50,000 draws, scale 2: sd of the mean is sqrt(2 * 4 / 50,000) = 0.013; bounds are about 5 sd wide.
  const scale = 2;
  const xs = draw(50_000, scale, 42);
  test('has mean about 0', () => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.07);
  });
  test('has mean absolute deviation = scale and variance = 2 scale^2', () => {
    const mad = xs.reduce((s, x) => s + Math.abs(x), 0) / xs.length;
    const variance = xs.reduce((s, x) => s + x * x, 0) / xs.length;
    expect(mad).toBeGreaterThan(scale * 0.96);
    expect(mad).toBeLessThan(scale * 1.04);
    expect(variance).toBeGreaterThan(2 * scale * scale * 0.92);
    expect(variance).toBeLessThan(2 * scale * scale * 1.08);
  });
  test('follows the Laplace tails: P(|x| > t) = exp(-t / scale), symmetric', () => {
    for (const t of [1, 2, 4, 6]) {
      const share = xs.filter((x) => Math.abs(x) > t).length / xs.length;
      expect(Math.abs(share - Math.exp(-t / scale))).toBeLessThan(0.01);
    }
    const positive = xs.filter((x) => x > 0).length / xs.length;
    expect(Math.abs(positive - 0.5)).toBeLessThan(0.01);
  });
  test('scale = sensitivity / epsilon, and the same seed gives the same noise', () => {
    expect(TEAM_SENSITIVITY).toBe(4);
    expect(laplaceScale(1)).toBe(4);
    expect(laplaceScale(0.5)).toBe(8);
    expect(draw(100, 4, 7)).toEqual(draw(100, 4, 7));
    const wide = draw(20_000, laplaceScale(0.5), 3);
    const mad = wide.reduce((s, x) => s + Math.abs(x), 0) / wide.length;
    expect(mad).toBeGreaterThan(8 * 0.95);
    expect(mad).toBeLessThan(8 * 1.05);
  });
  test('never returns infinity even when the source returns 0', () => {
    let first = true;
    const random = () => (first ? ((first = false), 0) : 0.25);
    expect(Number.isFinite(laplace(1, random))).toBe(true);
  });
});
