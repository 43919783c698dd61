// "Protect focus time": meeting-free blocks of at least 2 hours inside working hours for a week, enough to
// reach the hands-on floor (rules in docs/metrics.md). Pure: meetings and settings in, blocks out.
import { intersect, subtract, union } from './intervals';
import type { Floor } from './roles';
import { DEFAULT_WORKING_HOURS, type Interval, type TimeOffDay, type WorkingHours } from './types';
import { addDays, isoWeek, isoWeekday, startOfIsoWeek, zonedTime } from './zone';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QUARTER = 15 * MINUTE;

export const DEFAULT_MIN_BLOCK_MINUTES = 120;
export const DEFAULT_MAX_BLOCK_MINUTES = 240;

export interface FocusBlock extends Interval {
  /** Local date of the block. */
  readonly date: string;
}

export interface FocusPlanInput {
  /** Any date of the week to plan (normally next week); the plan covers its ISO week. */
  readonly week: string;
  readonly meetings: readonly Interval[];
  readonly timeZone: string;
  readonly floor: Floor;
  readonly workingHours?: WorkingHours;
  readonly timeOff?: readonly TimeOffDay[];
  /** Hands-on already done in that week (when planning the current week), subtracted from the need. */
  readonly alreadyMs?: number;
  /** No block starts before this instant (pass `now` when planning the current week). */
  readonly notBefore?: number;
  readonly minBlockMinutes?: number;
  readonly maxBlockMinutes?: number;
}

export interface FocusPlan {
  readonly week: string;
  readonly from: string;
  readonly to: string;
  /** Every possible block, best first (longest, then earliest). */
  readonly candidates: readonly FocusBlock[];
  /** The proposal, in time order: the fewest best blocks, spread over days, that reach the need. */
  readonly suggested: readonly FocusBlock[];
  /** Hands-on needed to reach the week's floor (pro-rated for time off), minus what is already done. */
  readonly neededMs: number;
  readonly suggestedMs: number;
  /** True when the suggested blocks add up to the need. */
  readonly enough: boolean;
}

/** Splits a free stretch into blocks of at most maxMs (each at least minMs), on quarter-hour lengths. */
function split(stretch: Interval, minMs: number, maxMs: number): Interval[] {
  const len = stretch.end - stretch.start;
  if (len < minMs) return [];
  const n = Math.ceil(len / maxMs);
  if (n <= 1) return [stretch];
  const size = Math.max(minMs, Math.floor(len / n / QUARTER) * QUARTER);
  const out: Interval[] = [];
  let start = stretch.start;
  for (let i = 0; i < n - 1; i++) {
    out.push({ start, end: start + size });
    start += size;
  }
  out.push({ start, end: stretch.end });
  return out;
}

/** Proposes focus blocks for the ISO week containing `input.week`. */
export function planFocusTime(input: FocusPlanInput): FocusPlan {
  const wh = input.workingHours ?? DEFAULT_WORKING_HOURS;
  const minMs = (input.minBlockMinutes ?? DEFAULT_MIN_BLOCK_MINUTES) * MINUTE;
  const maxMs = Math.max(minMs, (input.maxBlockMinutes ?? DEFAULT_MAX_BLOCK_MINUTES) * MINUTE);
  const monday = startOfIsoWeek(input.week);
  const off = new Set((input.timeOff ?? []).map((t) => t.date));
  const busy = union(input.meetings);
  const candidates: FocusBlock[] = [];
  let availableDays = 0;
  for (let i = 0; i < 7; i++) {
    const date = addDays(monday, i);
    if (!wh.days.includes(isoWeekday(date)) || off.has(date)) continue;
    availableDays++;
    const start = Math.max(zonedTime(date, wh.startMinute, input.timeZone), input.notBefore ?? -Infinity);
    const end = zonedTime(date, wh.endMinute, input.timeZone);
    if (end <= start) continue;
    for (const free of subtract([{ start, end }], busy)) {
      for (const b of split(free, minMs, maxMs)) candidates.push({ start: b.start, end: b.end, date });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);

  const perWeek = wh.days.length;
  const floorMs = perWeek === 0 ? 0 : input.floor.weeklyHandsOnHours * HOUR * (availableDays / perWeek);
  const neededMs = Math.max(0, floorMs - (input.alreadyMs ?? 0));
  // First the best block of each day (spreads focus over the week), then second blocks, until the need is met.
  const chosen: FocusBlock[] = [];
  let total = 0;
  const usedDays = new Set<string>();
  const passes: ((b: FocusBlock) => boolean)[] = [(b) => !usedDays.has(b.date), () => true];
  for (const accept of passes) {
    for (const b of candidates) {
      if (total >= neededMs && chosen.length > 0) break;
      if (chosen.includes(b) || !accept(b)) continue;
      chosen.push(b);
      usedDays.add(b.date);
      total += b.end - b.start;
    }
  }
  chosen.sort((a, b) => a.start - b.start);
  return {
    week: isoWeek(monday),
    from: monday,
    to: addDays(monday, 6),
    candidates,
    suggested: chosen,
    neededMs,
    suggestedMs: total,
    enough: total >= neededMs,
  };
}

/** True when none of the blocks overlaps a meeting or another block (a check for user-picked blocks). */
export function blocksAreFree(blocks: readonly Interval[], meetings: readonly Interval[]): boolean {
  const sorted = [...blocks].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return false;
  return intersect(union(sorted), union(meetings)).length === 0;
}
