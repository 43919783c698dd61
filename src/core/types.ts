// The core's vocabulary. Times are epoch milliseconds (UTC instants); local days are 'YYYY-MM-DD' strings
// interpreted in an IANA time zone passed in by the caller. Nothing here reads the clock.

export const CATEGORIES = ['coding', 'reading', 'debugging', 'building', 'reviewing'] as const;
export type Category = (typeof CATEGORIES)[number];

export type ByCategory = Record<Category, number>;

/** A user-originated editor event at an instant (DESIGN.md "Hands-on activity"). */
export interface Heartbeat {
  readonly time: number;
  readonly category: Category;
  /** VS Code language id, '' when unknown. */
  readonly language: string;
  /** Stable local workspace id, '' when no folder is open. */
  readonly workspaceId: string;
}

/**
 * A run of heartbeats with the same category, language and workspace, each less than or exactly
 * SPAN_JOIN_MS apart. Because every idleMinutes setting is at least one minute, the time inside a span
 * always counts, so storing spans instead of points loses nothing (history stays exactly recomputable).
 * A span with start === end is a single heartbeat.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly category: Category;
  readonly language: string;
  readonly workspaceId: string;
  /** The program that recorded it (FORMAT-V2.md: vscode, cursor, terminal, neovim, ...); absent = 'vscode'. */
  readonly program?: string;
}

/** Heartbeats at most this far apart are joined into one span. Must not exceed the smallest idle limit. */
export const SPAN_JOIN_MS = 60_000;

/** A non-overlapping piece of hands-on time, attributed to one category, language and workspace. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly category: Category;
  readonly language: string;
  readonly workspaceId: string;
  /** The program of the span it came from (absent = 'vscode'). */
  readonly program?: string;
}

/** A half-open interval [start, end) of epoch milliseconds. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** One expanded meeting occurrence, after the DESIGN.md filters (timed, busy, not cancelled/declined/ignored). */
export interface Meeting extends Interval {
  /** Stable id of the occurrence (UID + recurrence id, or the manual entry id). Never shown in reports. */
  readonly id: string;
  /** Title: used on the machine for classification only; never written into shared output. */
  readonly title: string;
  /** Number of attendees (0 when unknown). */
  readonly attendees: number;
  /** True when the occurrence comes from a recurring series. */
  readonly recurring: boolean;
  /** Where it came from: a calendar source id or 'manual'. */
  readonly source: string;
}

/** A local day marked as time off (command, or an all-day out-of-office event). */
export interface TimeOffDay {
  readonly date: string;
  readonly reason: 'manual' | 'calendar';
}

export interface WorkingHours {
  /** ISO weekdays 1 (Monday) .. 7 (Sunday) that are working days. */
  readonly days: readonly number[];
  /** Minutes after local midnight. */
  readonly startMinute: number;
  readonly endMinute: number;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 };

export function emptyByCategory(): ByCategory {
  return { coding: 0, reading: 0, debugging: 0, building: 0, reviewing: 0 };
}

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}
