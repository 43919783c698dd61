import { describe, expect, test, vi } from 'vitest';
import {
  discreteAlpha, discreteLaplace, discreteLaplaceInterval, discreteLaplaceStdDev, geometric, seededRandom, TEAM_SENSITIVITY,
} from '../../../../src/core/team/noise';
import { cryptoRandom } from '../../../../src/store/teamRandom';

describe('seeded random source', () => {
  test('is deterministic by seed and uniform on [0, 1)', () => {
    const a = seededRandom(123), b = seededRandom(123), c = seededRandom(124);
    const xs = Array.from({ length: 10 }, () => a());
    expect(Array.from({ length: 10 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 10 }, () => c())).not.toEqual(xs);
  });
});

describe('discrete Laplace (two-sided geometric) noise, fixed seed', () => {
  // epsilon 2, sensitivity 4: alpha = e^-0.5 = 0.6065. P(k) = (1 - alpha) / (1 + alpha) alpha^|k|:
  // P(0) = 0.2449, P(+-1) = 0.1485, P(+-2) = 0.0901, P(+-3) = 0.0546. Variance 2 alpha / (1 - alpha)^2 = 7.83.
  const alpha = discreteAlpha(2);
  const n = 100_000;
  const random = seededRandom(2026);
  const xs = Array.from({ length: n }, () => discreteLaplace(alpha, random));

  test('alpha is exp(-epsilon / 4): one member moves four counts', () => {
    expect(TEAM_SENSITIVITY).toBe(4);
    expect(alpha).toBeCloseTo(Math.exp(-0.5), 12);
    expect(discreteAlpha(1)).toBeCloseTo(Math.exp(-0.25), 12);
    expect(() => discreteAlpha(0)).toThrow(RangeError);
  });
  test('every draw is an integer (no low bits to leak)', () => {
    expect(xs.every((x) => Number.isInteger(x))).toBe(true);
  });
  test('the frequencies match the law: a chi-square test over -6..6 and the tails', () => {
    const p = (k: number) => ((1 - alpha) / (1 + alpha)) * alpha ** Math.abs(k);
    expect(p(0)).toBeCloseTo(0.2449, 4);
    let chi = 0;
    let inside = 0;
    for (let k = -6; k <= 6; k++) {
      const observed = xs.filter((x) => x === k).length;
      inside += observed;
      chi += (observed - n * p(k)) ** 2 / (n * p(k));
    }
    const tailP = 1 - Array.from({ length: 13 }, (_, i) => p(i - 6)).reduce((s, v) => s + v, 0);
    chi += (n - inside - n * tailP) ** 2 / (n * tailP);
    // 14 cells, 13 degrees of freedom: the 99.9th percentile of chi-square(13) is 34.5.
    expect(chi).toBeLessThan(34.5);
  });
  test('mean 0, variance 2 alpha / (1 - alpha)^2, symmetric', () => {
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + x * x, 0) / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(0.05); // sd of the mean: sqrt(7.83 / 1e5) = 0.009
    expect(variance / discreteLaplaceStdDev(alpha) ** 2).toBeGreaterThan(0.96);
    expect(variance / discreteLaplaceStdDev(alpha) ** 2).toBeLessThan(1.04);
    const pos = xs.filter((x) => x > 0).length, neg = xs.filter((x) => x < 0).length;
    expect(Math.abs(pos - neg) / n).toBeLessThan(0.01);
  });
  test('the stated 95 % interval holds: P(|X| > w) = 2 alpha^(w+1) / (1 + alpha) <= 5 %', () => {
    const w = discreteLaplaceInterval(alpha);
    // By hand: alpha^(w+1) <= 0.05 (1 + alpha) / 2 = 0.0402 needs w + 1 >= 6.43, so w = 6.
    expect(w).toBe(6);
    expect(xs.filter((x) => Math.abs(x) > w).length / n).toBeLessThan(0.05);
    expect(xs.filter((x) => Math.abs(x) > w - 1).length / n).toBeGreaterThan(0.05);
  });
  test('geometric draws have P(0) = 1 - alpha; a zero from the source is skipped', () => {
    const r = seededRandom(5);
    const g = Array.from({ length: 50_000 }, () => geometric(alpha, r));
    expect(Math.abs(g.filter((x) => x === 0).length / 50_000 - (1 - alpha))).toBeLessThan(0.01);
    let first = true;
    expect(Number.isFinite(geometric(alpha, () => (first ? ((first = false), 0) : 0.5)))).toBe(true);
  });
  test('the same seed gives the same noise', () => {
    const a = seededRandom(7), b = seededRandom(7);
    expect(Array.from({ length: 50 }, () => discreteLaplace(alpha, a))).toEqual(Array.from({ length: 50 }, () => discreteLaplace(alpha, b)));
  });
});

describe('the unseeded path reads the operating system generator', () => {
  test('cryptoRandom draws its bits from crypto.randomBytes, 48 bits per value', () => {
    const source = vi.fn((size: number) => Buffer.alloc(size, 0xff));
    const r = cryptoRandom(source);
    const v = r();
    expect(source).toHaveBeenCalledWith(6 * 1024);
    expect(v).toBe((2 ** 48 - 1) / 2 ** 48);
    for (let i = 0; i < 1024; i++) r();
    expect(source).toHaveBeenCalledTimes(2); // the pool of 1,024 values was refilled once
  });
  test('by default it uses node:crypto (values differ between two sources, and are uniform)', () => {
    const a = cryptoRandom(), b = cryptoRandom();
    const xs = Array.from({ length: 20_000 }, () => a());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.02);
    expect(b()).not.toBe(xs[0]);
  });
});
