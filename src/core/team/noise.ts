// Discrete noise for the team report's differential privacy. Pure: the random source is passed in (tests,
// benchmarks and --seed use seededRandom; the CLI and the extension pass one backed by node:crypto).
// Why discrete: floating-point Laplace noise leaks the true value through its low bits (Mironov, CCS 2012);
// integer noise on integer counts leaves nothing below the unit to leak (Ghosh, Roughgarden, Sundararajan,
// STOC 2009: the two-sided geometric mechanism).

import type { Random } from '../random';

export { seededRandom, type Random } from '../random';

/**
 * Every member changes at most this many released counts by one each: the group's member count, its
 * below-floor count, one bin of the hands-on histogram and one bin of the craft-ratio histogram.
 * So the L1 sensitivity of a group's release is 4.
 */
export const TEAM_SENSITIVITY = 4;

/** A uniform draw in (0, 1): zero is skipped so logarithms stay finite. */
function open01(random: Random): number {
  let u = random();
  while (u <= 0 || u >= 1) u = random();
  return u;
}

/**
 * One draw of the geometric distribution on {0, 1, 2, ...} with P(k) = (1 - alpha) alpha^k, by inversion:
 * k = floor(ln U / ln alpha). The result is an integer, whatever the floating point did on the way.
 */
export function geometric(alpha: number, random: Random): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1) (got ${alpha}).`);
  return Math.floor(Math.log(open01(random)) / Math.log(alpha));
}

/**
 * The discrete Laplace (two-sided geometric) distribution: P(k) = (1 - alpha) / (1 + alpha) * alpha^|k| on
 * all integers, drawn as the difference of two independent geometric draws (which has exactly this law).
 */
export function discreteLaplace(alpha: number, random: Random): number {
  return geometric(alpha, random) - geometric(alpha, random);
}

/** alpha = exp(-epsilon / sensitivity): adding this noise to each count gives epsilon-DP for the release. */
export function discreteAlpha(epsilon: number, sensitivity = TEAM_SENSITIVITY): number {
  if (!(Number.isFinite(epsilon) && epsilon > 0)) throw new RangeError(`epsilon must be above 0 (got ${epsilon}).`);
  return Math.exp(-epsilon / sensitivity);
}

/** Standard deviation of one discrete Laplace draw: sqrt(2 alpha) / (1 - alpha). */
export function discreteLaplaceStdDev(alpha: number): number {
  return Math.sqrt(2 * alpha) / (1 - alpha);
}

/**
 * The half-width w of the interval [-w, w] that holds a draw with probability at least `mass` (default 95 %):
 * P(|X| > w) = 2 alpha^(w + 1) / (1 + alpha). What the report states as each count's uncertainty.
 */
export function discreteLaplaceInterval(alpha: number, mass = 0.95): number {
  let w = 0;
  while ((2 * alpha ** (w + 1)) / (1 + alpha) > 1 - mass) w++;
  return w;
}
