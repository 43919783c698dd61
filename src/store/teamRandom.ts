// Randomness for the team report's noise: the operating system's generator (node:crypto), never Math.random.
import { randomBytes } from 'node:crypto';
import type { Random } from '../core/random';

/** Uniform [0, 1) with 48 random bits per draw, from a pool refilled by crypto.randomBytes. */
export function cryptoRandom(source: (size: number) => Buffer = randomBytes): Random {
  let pool: Buffer = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at + 6 > pool.length) {
      pool = source(6 * 1024);
      at = 0;
    }
    const v = pool.readUIntLE(at, 6) / 2 ** 48;
    at += 6;
    return v;
  };
}
