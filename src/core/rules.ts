// One function per rule that more than one surface shows (docs/architecture.md "Where each rule lives").
// The status bar, dashboard, summary, edge engine, CLI and team contribution all call these; none of them
// re-derives a ratio, a coverage test or a week's judgement on its own. Pure: no clock, no I/O.
import type { Floor } from './roles';
import type { WorkingHours } from './types';

const HOUR = 3_600_000;

/** Which period the meeting data covers: nothing (no calendar, no manual entries), everything, or from a date. */
export type MeetingCoverage = 'none' | 'full' | { readonly from: string };

/** Craft ratio = hands-on / (hands-on + meetings); null when both are zero (DESIGN.md "Measures"). */
export function craftRatio(handsOnMs: number, meetingMs: number): number | null {
  return handsOnMs + meetingMs === 0 ? null : handsOnMs / (handsOnMs + meetingMs);
}

/** Whether meeting data can be trusted for a local date (docs/metrics.md "Meeting coverage"). */
export function meetingsCovered(coverage: MeetingCoverage, date: string): boolean {
  if (coverage === 'none') return false;
  if (coverage === 'full') return true;
  return coverage.from <= date;
}

/**
 * The craft ratio a surface may show for a period starting on `date`: null when meetings are not known
 * then (without a calendar every day would read "100 %", which says nothing).
 */
export function shownCraftRatio(handsOnMs: number, meetingMs: number, coverage: MeetingCoverage, date: string): number | null {
  return meetingsCovered(coverage, date) ? craftRatio(handsOnMs, meetingMs) : null;
}

/** The weekly hands-on floor pro-rated for the working days that counted (time off shrinks it). */
export function proratedFloorMs(floor: Floor, availableDays: number, workingHours: WorkingHours): number {
  const perWeek = workingHours.days.length;
  return perWeek === 0 ? 0 : floor.weeklyHandsOnHours * HOUR * (availableDays / perWeek);
}

/** A week's (or part of a week's) totals as the floor judges them: days marked off are left out. */
export interface JudgedTotals {
  /** Hands-on of the days that are not time off (weekend work included). */
  readonly handsOnMs: number;
  readonly meetingMs: number;
  /** Counted working days (status `working`). */
  readonly availableDays: number;
}

export interface WeekJudgement {
  readonly floorHandsOnMs: number;
  /** Tracked and at least one counted working day: the week judges. */
  readonly counted: boolean;
  readonly meetingsCovered: boolean;
  readonly craftRatio: number | null;
  readonly belowHandsOnFloor: boolean;
  /** Only when meetings cover the week. */
  readonly belowRatioFloor: boolean;
  readonly belowFloor: boolean;
}

/**
 * The one "below floor" rule (DESIGN.md "Technical edge", signal 1; docs/metrics.md "Floors"): a counted
 * week is below the floor when its hands-on is under the pro-rated weekly floor, or, where meetings are
 * known from `coverageDate` on, its craft ratio is under the ratio floor.
 */
export function judgeWeek(totals: JudgedTotals, floor: Floor, workingHours: WorkingHours, options: { tracked: boolean; covered: boolean }): WeekJudgement {
  const floorHandsOnMs = proratedFloorMs(floor, totals.availableDays, workingHours);
  const counted = options.tracked && totals.availableDays > 0;
  const ratio = craftRatio(totals.handsOnMs, totals.meetingMs);
  const belowHandsOnFloor = counted && totals.handsOnMs < floorHandsOnMs;
  const belowRatioFloor = counted && options.covered && ratio !== null && ratio < floor.craftRatio;
  return { floorHandsOnMs, counted, meetingsCovered: options.covered, craftRatio: ratio, belowHandsOnFloor, belowRatioFloor, belowFloor: belowHandsOnFloor || belowRatioFloor };
}

/** Tracking had begun by `date` (the first working day of a week, typically). */
export function trackedBy(trackingStart: string | null, date: string): boolean {
  return trackingStart !== null && trackingStart <= date;
}
