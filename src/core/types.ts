// The core's vocabulary. Times are epoch milliseconds (UTC instants); local days are 'YYYY-MM-DD' strings
// interpreted in an IANA time zone passed in by the caller. Nothing here reads the clock.

/** The hands-on categories: their union is hands-on time (DESIGN.md "Hands-on activity"). */
export const CATEGORIES = ['coding', 'reading', 'debugging', 'building', 'reviewing'] as const;
export const HANDS_ON_CATEGORIES = CATEGORIES;
export type HandsOnCategory = (typeof CATEGORIES)[number];
/** Every category a heartbeat can have: the hands-on ones plus `assisted` (changes written by tools). */
export const ALL_CATEGORIES = [...CATEGORIES, 'assisted'] as const;
export type Category = (typeof ALL_CATEGORIES)[number];

export type ByCategory = Record<HandsOnCategory, number>;

/** A user-originated editor event at an instant (DESIGN.md "Hands-on activity"). */
export interface Heartbeat {
  readonly time: number;
  readonly category: Category;
  /** VS Code language id, '' when unknown. */
  readonly language: string;
  /** Stable local workspace id, '' when no folder is open. */
  readonly workspaceId: string;
  /** Lines changed (inserted + deleted) by the edit this heartbeat stands for; absent = 0. */
  readonly lines?: number;
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
  /** Program that recorded it (vscode, cursor, terminal, import-wakatime, ...); absent = vscode. */
  readonly program?: string;
  /** Changed lines (inserted + deleted) made during the span: by the user for coding, by tools for assisted. */
  readonly lines?: number;
  /**
   * False when the span comes from history written before origins were recorded (activity format 1):
   * its `coding` may include tool-written edits. Absent or true: the origin is known.
   */
  readonly originKnown?: boolean;
}

/** A span's category as stored, when it is one of the hands-on ones. */
export function isHandsOnCategory(value: Category): value is HandsOnCategory {
  return value !== 'assisted';
}

/** Heartbeats at most this far apart are joined into one span. Must not exceed the smallest idle limit. */
export const SPAN_JOIN_MS = 60_000;

/** A non-overlapping piece of hands-on time, attributed to one category, language and workspace. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly category: HandsOnCategory;
  readonly language: string;
  readonly workspaceId: string;
  /** True when this time was assisted and the user marked it as their own work (a correction record). */
  readonly corrected?: boolean;
  /** The program of the span it came from (absent = 'vscode'). */
  readonly program?: string;
}

/** A non-overlapping piece of assisted time (tools writing), never overlapping any hands-on segment. */
export interface AssistedSegment {
  readonly start: number;
  readonly end: number;
  readonly category: 'assisted';
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

/** True for the five hands-on categories (not `assisted`). */
export function isCategory(value: unknown): value is HandsOnCategory {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** True for every stored category: the five hands-on ones and `assisted`. */
export function isAnyCategory(value: unknown): value is Category {
  return typeof value === 'string' && (ALL_CATEGORIES as readonly string[]).includes(value);
}
