// History written before origins were recorded (activity format 1) has origin "unknown": its coding may
// include tool-written edits. These helpers tell the surfaces where that history ends, so an explanation
// can say "the definition changed on <date>", and which basis the decline signal must use
// (docs/metrics.md "History before origins existed").
import type { Span } from './types';
import { localDay, type LocalDay } from './zone';

export type DayOrigin = 'known' | 'unknown' | 'mixed';

/** Origin status per local day: 'unknown' when every span of the day is unknown, 'mixed' when both occur. */
export function originByDay(sources: readonly (readonly Span[])[], timeZone: string): Map<string, DayOrigin> {
  const out = new Map<string, DayOrigin>();
  for (const src of sources) {
    let range: LocalDay | undefined;
    for (const s of src) {
      if (!range || s.start < range.start || s.start >= range.end) range = localDay(s.start, timeZone);
      const day = range.date;
      const status: DayOrigin = s.originKnown === false ? 'unknown' : 'known';
      const prev = out.get(day);
      out.set(day, prev === undefined || prev === status ? status : 'mixed');
    }
  }
  return out;
}

/**
 * The first instant from which every later span has a known origin: the end of the last unknown-origin
 * span (or the start of the first known one when there is no unknown history). Undefined without spans.
 */
export function originKnownSince(sources: readonly (readonly Span[])[]): number | undefined {
  let lastUnknownEnd = -Infinity;
  let firstKnown = Infinity;
  for (const src of sources) {
    for (const s of src) {
      if (s.originKnown === false) lastUnknownEnd = Math.max(lastUnknownEnd, s.end);
      else firstKnown = Math.min(firstKnown, s.start);
    }
  }
  if (lastUnknownEnd === -Infinity) return firstKnown === Infinity ? undefined : firstKnown;
  return lastUnknownEnd;
}

/** The first local day whose every span has a known origin and after which no unknown day follows. */
export function firstKnownOriginDay(days: ReadonlyMap<string, DayOrigin>): string | undefined {
  const sorted = [...days.keys()].sort();
  let first: string | undefined;
  for (const d of sorted) {
    if (days.get(d) === 'known') first ??= d;
    else first = undefined;
  }
  return first;
}

/**
 * Which numbers the decline signal compares. While the baseline weeks include any day of unknown origin,
 * their "hands-on" may contain tool-written edits, so the recent weeks are compared as hands-on plus
 * assisted (like with like); once the whole baseline has known origin, hands-on alone.
 */
export function declineBasis(baselineDays: readonly string[], days: ReadonlyMap<string, DayOrigin>): 'hands-on' | 'hands-on+assisted' {
  for (const d of baselineDays) {
    const o = days.get(d);
    if (o === 'unknown' || o === 'mixed') return 'hands-on+assisted';
  }
  return 'hands-on';
}

/** Changed lines per local day, by origin (a span's lines count on the day it starts). */
export function changedLinesByDay(sources: readonly (readonly Span[])[], timeZone: string): Map<string, { hands: number; assisted: number }> {
  const out = new Map<string, { hands: number; assisted: number }>();
  for (const src of sources) {
    let range: LocalDay | undefined;
    for (const s of src) {
      if (!s.lines || (s.category !== 'coding' && s.category !== 'assisted')) continue;
      if (!range || s.start < range.start || s.start >= range.end) range = localDay(s.start, timeZone);
      const day = range.date;
      let e = out.get(day);
      if (!e) out.set(day, (e = { hands: 0, assisted: 0 }));
      if (s.category === 'assisted') e.assisted += s.lines;
      else e.hands += s.lines;
    }
  }
  return out;
}

/** Adds one source's changed lines per day into a running total (the loader sums per-file results). */
export function addChangedLines(into: Map<string, { hands: number; assisted: number }>, from: ReadonlyMap<string, { hands: number; assisted: number }>): void {
  for (const [day, v] of from) {
    const e = into.get(day);
    if (e) {
      e.hands += v.hands;
      e.assisted += v.assisted;
    } else {
      into.set(day, { hands: v.hands, assisted: v.assisted });
    }
  }
}

/** Adds one source's origin per day into a running result: a day seen both ways is mixed. */
export function addOrigins(into: Map<string, DayOrigin>, from: ReadonlyMap<string, DayOrigin>): void {
  for (const [day, o] of from) {
    const prev = into.get(day);
    into.set(day, prev === undefined || prev === o ? o : 'mixed');
  }
}
