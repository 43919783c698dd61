// Interval arithmetic on half-open [start, end) epoch-millisecond intervals.
import type { Interval } from './types';

/** Sorted, non-overlapping union. Touching intervals are joined. */
export function union(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

export function totalLength(intervals: readonly Interval[]): number {
  let sum = 0;
  for (const i of intervals) sum += Math.max(0, i.end - i.start);
  return sum;
}

/** Intersection of two sorted, non-overlapping lists (both as produced by `union`). */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start), end = Math.min(a[i].end, b[j].end);
    if (end > start) out.push({ start, end });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return out;
}

/** `a` minus `b`, both sorted and non-overlapping. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let start = x.start;
    while (j < b.length && b[j].end <= start) j++;
    let k = j;
    while (k < b.length && b[k].start < x.end) {
      if (b[k].start > start) out.push({ start, end: b[k].start });
      start = Math.max(start, b[k].end);
      k++;
    }
    if (start < x.end) out.push({ start, end: x.end });
  }
  return out;
}

/** Time covered by more than one interval (double-booked time), as a sorted union. */
export function overlaps(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  let reach = -Infinity;
  for (const i of sorted) {
    if (i.start < reach) out.push({ start: i.start, end: Math.min(reach, i.end) });
    reach = Math.max(reach, i.end);
  }
  return union(out);
}

/**
 * Sums each interval's length into buckets given by ascending boundaries: bucket k is
 * [bounds[k], bounds[k+1]). Intervals must be sorted by start; runs in one pass.
 */
export function lengthPerBucket(intervals: readonly Interval[], bounds: readonly number[]): number[] {
  const sums = new Array<number>(Math.max(0, bounds.length - 1)).fill(0);
  let k = 0;
  for (const i of intervals) {
    while (k < sums.length && bounds[k + 1] <= i.start) k++;
    for (let b = k; b < sums.length && bounds[b] < i.end; b++) {
      const s = Math.max(i.start, bounds[b]), e = Math.min(i.end, bounds[b + 1]);
      if (e > s) sums[b] += e - s;
    }
  }
  return sums;
}
