// Meetings -> per local day meeting time and conflict time (DESIGN.md "Meetings").
// Meeting time is the union of meeting intervals, so double-booked time counts once; conflict time is
// the time covered by two or more meetings at once (reported, never added to meeting time).
import { lengthPerBucket, overlaps, union } from './intervals';
import type { Interval } from './types';
import { dayBoundaries } from './zone';

export interface DayMeetings {
  readonly date: string;
  /** Milliseconds of the local day inside at least one meeting. */
  readonly meetingMs: number;
  /** Milliseconds of the local day inside two or more meetings. */
  readonly conflictMs: number;
}

/** Totals for every local day from `from` to `to` inclusive (days without meetings as zeros). */
export function dailyMeetings(meetings: readonly Interval[], from: string, to: string, timeZone: string): DayMeetings[] {
  const { dates, bounds } = dayBoundaries(from, to, timeZone);
  if (dates.length === 0) return [];
  const meetingMs = lengthPerBucket(union(meetings), bounds);
  const conflictMs = lengthPerBucket(overlaps(meetings), bounds);
  return dates.map((date, i) => ({ date, meetingMs: meetingMs[i], conflictMs: conflictMs[i] }));
}

/** Milliseconds to minutes with two decimals, the rounding every surface prints. */
export function roundMinutes(ms: number): number {
  return Math.round(ms / 600) / 100;
}
