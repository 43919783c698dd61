// Seeded randomness and Laplace noise for the optional differential privacy of the team report. Pure: the
// random source is passed in (tests and --seed use seededRandom; the CLI seeds from node:crypto otherwise).

import type { Random } from '../random';

export { seededRandom, type Random } from '../random';

/**
 * One draw from the Laplace distribution with mean 0 and scale b (density exp(-|x|/b) / 2b; variance 2b^2),
 * by inverting its distribution function.
 */
export function laplace(scale: number, random: Random): number {
  let u = random();
  while (u === 0) u = random(); // keep the logarithm finite
  u -= 0.5; // (-0.5, 0.5)
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/**
 * Every member changes at most this many released counts by one each: the group's member count, its
 * below-floor count, one bin of the hands-on histogram and one bin of the craft-ratio histogram.
 * So the L1 sensitivity of a group's release is 4 and Laplace(4 / epsilon) on every count gives epsilon-DP.
 */
export const TEAM_SENSITIVITY = 4;

export function laplaceScale(epsilon: number): number {
  return TEAM_SENSITIVITY / epsilon;
}
