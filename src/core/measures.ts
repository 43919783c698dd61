// Measures per local day, ISO week and calendar month (DESIGN.md "Measures"; every rule in docs/metrics.md).
// Pure: segments, meetings and time off in, numbers out. No clock, no I/O.
import { dayGrid } from './dayGrid';
import { activityOnGrid } from './days';
import { intersect, lengthPerBucket, overlaps, subtract, union } from './intervals';
import type { MeasureInputs } from './context';
import { craftRatio } from './rules';
import { emptyByCategory, type ByCategory, type Interval, type TimeOffDay } from './types';
import { addDays, isoWeek, isoWeekday, monthOf, zonedTime } from './zone';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A meeting-free stretch inside working hours of at least this long is a focus window (Clockwise/Viva: 2 h). */
export const FOCUS_WINDOW_MS = 2 * HOUR;
/** A meeting-free stretch inside working hours shorter than this is a fragment. */
export const FRAGMENT_MS = HOUR;
/** A counted working day with less hands-on than this is a low-hands-on day. */
export const LOW_HANDS_ON_MS = 30 * MINUTE;

/**
 * How a day takes part in floors and trends:
 * - `working`: a working weekday (per workingHours) that is not time off: it counts.
 * - `nonWorking`: a weekday outside workingHours (weekend). Its hands-on still adds to totals; it is never
 *   a day the floor is pro-rated over nor part of a low-hands-on run.
 * - `timeOff`: marked off (manual or an all-day out-of-office event). Excluded from everything that judges.
 * - `idle`: a working weekday with no hands-on and no meetings at all: an unmarked holiday or day off, treated
 *   exactly like time off (DESIGN.md: days with no activity and no meetings count against no one).
 */
export type DayStatus = 'working' | 'nonWorking' | 'timeOff' | 'idle';

export interface DayMeasures {
  readonly date: string;
  /** ISO weekday 1 (Monday) .. 7 (Sunday). */
  readonly weekday: number;
  readonly status: DayStatus;
  /** A working weekday per workingHours (whether or not it was taken off). */
  readonly workday: boolean;
  /** Why the day is off when status is timeOff. */
  readonly timeOffReason: TimeOffDay['reason'] | null;
  readonly handsOnMs: number;
  /** Assisted time (tools writing) in the day: shown beside hands-on, never inside it. */
  readonly assistedMs: number;
  /** Hands-on that the user marked as their own work (was assisted; already inside handsOnMs). */
  readonly correctedMs: number;
  readonly byCategory: ByCategory;
  readonly byLanguage: Readonly<Record<string, number>>;
  readonly byWorkspace: Readonly<Record<string, number>>;
  /** Union of meetings inside the day (double-booked time once). */
  readonly meetingMs: number;
  /** Hands-on time that happened during a meeting. */
  readonly overlapMs: number;
  /** Double-booked meeting time (covered by two or more meetings). */
  readonly conflictMs: number;
  /** handsOn / (handsOn + meetings); null when both are zero. */
  readonly craftRatio: number | null;
  /** Deep-work blocks that start on this day (a block is counted whole on the day it starts). */
  readonly deepWorkBlocks: number;
  readonly deepWorkMs: number;
  /** The longest hands-on run starting this day (whole run, even past midnight). */
  readonly longestRunMs: number;
  /** Length of the day's working-hours window (0 on non-working days and time off). */
  readonly workingHoursMs: number;
  readonly focusWindows: number;
  readonly focusMs: number;
  readonly fragments: number;
  readonly fragmentedMs: number;
  /** Hands-on ms by local hour of day 0..23 (a repeated DST hour adds both; a skipped one stays 0). */
  readonly byHour: readonly number[];
}

export interface LowRun {
  /** Counted working days in the run. */
  readonly days: number;
  readonly from: string;
  readonly to: string;
}

export interface PeriodMeasures {
  /** 'YYYY-Www' for weeks, 'YYYY-MM' for months. */
  readonly period: string;
  readonly from: string;
  readonly to: string;
  /** False when the requested range cut the period short. */
  readonly complete: boolean;
  readonly handsOnMs: number;
  readonly assistedMs: number;
  readonly byCategory: ByCategory;
  readonly meetingMs: number;
  readonly overlapMs: number;
  readonly conflictMs: number;
  readonly craftRatio: number | null;
  readonly deepWorkBlocks: number;
  readonly deepWorkMs: number;
  readonly focusWindows: number;
  readonly focusMs: number;
  readonly fragments: number;
  readonly fragmentedMs: number;
  /** Working weekdays per workingHours in the period. */
  readonly workingDays: number;
  /** Working weekdays that counted (status `working`). */
  readonly availableDays: number;
  /** Marked time off (any weekday) plus idle working days. */
  readonly daysOff: number;
  /** Counted working days with under 30 minutes hands-on. */
  readonly lowHandsOnDays: number;
  readonly longestLowRun: LowRun | null;
}

/** Inclusive range of local dates. */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

export interface Measures {
  readonly days: DayMeasures[];
  readonly weeks: PeriodMeasures[];
  readonly months: PeriodMeasures[];
  /** Hands-on ms, [ISO weekday - 1][local hour]. */
  readonly heatMap: number[][];
  readonly longestLowRun: LowRun | null;
}

/** The day measures plus weekly and monthly aggregates, heat map and longest low run, for a date range. */
export function computeMeasures(inputs: MeasureInputs, range: DateRange): Measures {
  const days = dailyMeasures(inputs, range);
  return {
    days,
    weeks: aggregate(days, (d) => isoWeek(d)),
    months: aggregate(days, monthOf),
    heatMap: heatMap(days),
    longestLowRun: longestLowRun(days),
  };
}

/** Index of the bucket containing t (bounds ascending; -1 before the first, length-1.. after the last). */
function bucketOf(bounds: readonly number[], t: number): number {
  let lo = 0, hi = bounds.length - 1;
  if (t < bounds[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Instant of a local wall-clock minute on day k, using the fast path for days without an offset change. */
function wallInstant(date: string, dayStart: number, dayEnd: number, minute: number, timeZone: string): number {
  if (dayEnd - dayStart === DAY) return dayStart + minute * MINUTE;
  return zonedTime(date, minute, timeZone);
}

/** Segments (sorted by start, non-overlapping) that overlap [from, to). */
function sliceSorted<T extends Interval>(items: readonly T[], from: number, to: number): readonly T[] {
  let lo = 0, hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].end <= from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < items.length && items[end].start < to) end++;
  return lo === 0 && end === items.length ? items : items.slice(lo, end);
}

/** The parts of the timeline and the meetings that per-day measures over [first, last) read. */
function slicesOf(inputs: MeasureInputs, first: number, last: number): MeasuredSlices {
  return {
    // Only what touches the range (segments are sorted; a day more at the end keeps runs that cross it whole).
    segments: sliceSorted(inputs.segments, first, last + DAY),
    meetings: inputs.meetings.filter((m) => m.end > first && m.start < last),
    assisted: sliceSorted(inputs.assisted ?? [], first, last),
  };
}

export interface MeasuredSlices {
  readonly segments: MeasureInputs['segments'];
  readonly meetings: MeasureInputs['meetings'];
  readonly assisted: NonNullable<MeasureInputs['assisted']>;
}

/** Everything of the inputs' timeline and meetings that dailyMeasures(inputs, range) reads (besides the context). */
export function measuredSlices(inputs: MeasureInputs, range: DateRange): MeasuredSlices {
  if (range.to < range.from) return { segments: [], meetings: [], assisted: [] };
  const { bounds } = dayGrid(range.from, range.to, inputs.context.timeZone);
  return slicesOf(inputs, bounds[0], bounds[bounds.length - 1]);
}

/** Per-day measures for every date from `from` to `to` (inclusive), zeros included. */
export function dailyMeasures(inputs: MeasureInputs, range: DateRange): DayMeasures[] {
  const { from, to } = range;
  const { timeZone, workingHours: wh, deepWorkMinutes, timeOff } = inputs.context;
  const deepMs = deepWorkMinutes * MINUTE;
  if (to < from) return [];
  const { dates, bounds } = dayGrid(from, to, timeZone);
  const n = dates.length;
  const { segments, meetings: inRange, assisted } = slicesOf(inputs, bounds[0], bounds[n]);
  const activity = activityOnGrid(segments, dates, bounds);

  const meetingUnion = union(inRange);
  const assistedMs = lengthPerBucket(assisted, bounds);
  const correctedMs = lengthPerBucket(segments.filter((s) => s.corrected), bounds);
  const meetingMs = lengthPerBucket(meetingUnion, bounds);
  const conflictMs = lengthPerBucket(overlaps(inRange), bounds);
  const runs = union(segments);
  const overlapMs = lengthPerBucket(intersect(runs, meetingUnion), bounds);

  // Deep-work blocks and longest runs: whole runs, attributed to the day they start.
  const deepBlocks = new Array<number>(n).fill(0);
  const deepWorkMs = new Array<number>(n).fill(0);
  const longestRun = new Array<number>(n).fill(0);
  for (const r of runs) {
    const k = bucketOf(bounds, r.start);
    if (k < 0 || k >= n) continue;
    const len = r.end - r.start;
    if (len > longestRun[k]) longestRun[k] = len;
    if (len >= deepMs) {
      deepBlocks[k]++;
      deepWorkMs[k] += len;
    }
  }

  // Hour-of-day buckets: 24 per day (25 boundaries), DST-aware.
  const hourBounds: number[] = [];
  for (let k = 0; k < n; k++) {
    for (let h = 0; h < 24; h++) hourBounds.push(h === 0 ? bounds[k] : wallInstant(dates[k], bounds[k], bounds[k + 1], h * 60, timeZone));
  }
  hourBounds.push(bounds[n]);
  const hourly = lengthPerBucket(runs, hourBounds);

  const offByDate = new Map<string, TimeOffDay['reason']>();
  for (const t of timeOff) if (!offByDate.has(t.date) || t.reason === 'manual') offByDate.set(t.date, t.reason);
  const workdays = new Set(wh.days);

  // Working-hours windows of working days that are not marked off.
  const windows: Interval[] = [];
  const windowDay: number[] = [];
  const statuses: DayStatus[] = [];
  for (let k = 0; k < n; k++) {
    const date = dates[k];
    const weekday = isoWeekday(date);
    let status: DayStatus;
    if (offByDate.has(date)) status = 'timeOff';
    else if (!workdays.has(weekday)) status = 'nonWorking';
    // Tools working for the user is still a working day (not a day off), just not a hands-on one.
    else if (activity[k].handsOnMs === 0 && meetingMs[k] === 0 && assistedMs[k] === 0) status = 'idle';
    else status = 'working';
    statuses.push(status);
    // Focus windows and fragments only on days that judge.
    if (status === 'working') {
      const start = wallInstant(date, bounds[k], bounds[k + 1], wh.startMinute, timeZone);
      const end = wallInstant(date, bounds[k], bounds[k + 1], wh.endMinute, timeZone);
      if (end > start) {
        windows.push({ start, end });
        windowDay.push(k);
      }
    }
  }

  const workingHoursMs = new Array<number>(n).fill(0);
  const focusCount = new Array<number>(n).fill(0);
  const focusMs = new Array<number>(n).fill(0);
  const fragCount = new Array<number>(n).fill(0);
  const fragMs = new Array<number>(n).fill(0);
  for (let w = 0; w < windows.length; w++) {
    const k = windowDay[w];
    workingHoursMs[k] = windows[w].end - windows[w].start;
    for (const free of subtract([windows[w]], meetingUnion)) {
      const len = free.end - free.start;
      if (len >= FOCUS_WINDOW_MS) {
        focusCount[k]++;
        focusMs[k] += len;
      } else if (len < FRAGMENT_MS) {
        fragCount[k]++;
        fragMs[k] += len;
      }
    }
  }

  return activity.map((a, k) => ({
    date: a.date,
    weekday: isoWeekday(a.date),
    workday: workdays.has(isoWeekday(a.date)),
    status: statuses[k],
    timeOffReason: offByDate.get(a.date) ?? null,
    handsOnMs: a.handsOnMs,
    assistedMs: assistedMs[k],
    correctedMs: correctedMs[k],
    byCategory: a.byCategory,
    byLanguage: a.byLanguage,
    byWorkspace: a.byWorkspace,
    meetingMs: meetingMs[k],
    overlapMs: overlapMs[k],
    conflictMs: conflictMs[k],
    craftRatio: craftRatio(a.handsOnMs, meetingMs[k]),
    deepWorkBlocks: deepBlocks[k],
    deepWorkMs: deepWorkMs[k],
    longestRunMs: longestRun[k],
    workingHoursMs: workingHoursMs[k],
    focusWindows: focusCount[k],
    focusMs: focusMs[k],
    fragments: fragCount[k],
    fragmentedMs: fragMs[k],
    byHour: hourly.slice(k * 24, k * 24 + 24),
  }));
}

/** True for days that judge (count toward floors, trends and low runs): status `working`. */
export function isCountedWorkingDay(d: DayMeasures): boolean {
  return d.status === 'working';
}

/** True for days whose time is excluded from judging totals (time off and idle days). */
export function isDayOff(d: DayMeasures): boolean {
  return d.status === 'timeOff' || d.status === 'idle';
}

/**
 * The longest run of counted working days with under 30 minutes hands-on. Days off, idle days and
 * weekends are skipped: they neither extend nor break a run. Ties go to the earliest run.
 */
export function longestLowRun(days: readonly DayMeasures[], thresholdMs = LOW_HANDS_ON_MS): LowRun | null {
  let best: LowRun | null = null;
  let count = 0, from = '', to: string;
  for (const d of days) {
    if (!isCountedWorkingDay(d)) continue;
    if (d.handsOnMs < thresholdMs) {
      if (count === 0) from = d.date;
      count++;
      to = d.date;
      if (!best || count > best.days) best = { days: count, from, to };
    } else count = 0;
  }
  return best;
}

/** Sums days into periods keyed by `keyOf(date)` (days must be in date order). */
export function aggregate(days: readonly DayMeasures[], keyOf: (date: string) => string): PeriodMeasures[] {
  const groups: DayMeasures[][] = [];
  let lastKey = '';
  for (const d of days) {
    const key = keyOf(d.date);
    if (groups.length === 0 || key !== lastKey) groups.push([]);
    groups[groups.length - 1].push(d);
    lastKey = key;
  }
  return groups.map((g) => summarize(keyOf(g[0].date), g, keyOf));
}

function summarize(period: string, days: readonly DayMeasures[], keyOf: (date: string) => string): PeriodMeasures {
  const byCategory = emptyByCategory();
  let handsOnMs = 0, assistedMs = 0, meetingMs = 0, overlapMs = 0, conflictMs = 0, deepWorkBlocks = 0, deepWorkMs = 0;
  let focusWindows = 0, focusMs = 0, fragments = 0, fragmentedMs = 0, workingDays = 0, availableDays = 0, daysOff = 0, low = 0;
  for (const d of days) {
    handsOnMs += d.handsOnMs;
    assistedMs += d.assistedMs;
    meetingMs += d.meetingMs;
    overlapMs += d.overlapMs;
    conflictMs += d.conflictMs;
    deepWorkBlocks += d.deepWorkBlocks;
    deepWorkMs += d.deepWorkMs;
    focusWindows += d.focusWindows;
    focusMs += d.focusMs;
    fragments += d.fragments;
    fragmentedMs += d.fragmentedMs;
    for (const c of Object.keys(byCategory) as (keyof ByCategory)[]) byCategory[c] += d.byCategory[c];
    if (d.workday) workingDays++;
    if (isDayOff(d)) daysOff++;
    if (d.status === 'working') {
      availableDays++;
      if (d.handsOnMs < LOW_HANDS_ON_MS) low++;
    }
  }
  const first = days[0].date, last = days[days.length - 1].date;
  const complete = keyOf(addDays(first, -1)) !== period && keyOf(addDays(last, 1)) !== period;
  return {
    period,
    from: first,
    to: last,
    complete,
    handsOnMs,
    assistedMs,
    byCategory,
    meetingMs,
    overlapMs,
    conflictMs,
    craftRatio: craftRatio(handsOnMs, meetingMs),
    deepWorkBlocks,
    deepWorkMs,
    focusWindows,
    focusMs,
    fragments,
    fragmentedMs,
    workingDays,
    availableDays,
    daysOff,
    lowHandsOnDays: low,
    longestLowRun: longestLowRun(days),
  };
}

/** Hands-on ms as a 7 x 24 matrix: [ISO weekday - 1][local hour], summed over the given days. */
export function heatMap(days: readonly DayMeasures[]): number[][] {
  const out = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const d of days) {
    const row = out[d.weekday - 1];
    for (let h = 0; h < 24; h++) row[h] += d.byHour[h];
  }
  return out;
}
