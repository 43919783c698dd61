// The monthly summary model (DESIGN.md "Surfaces": Monthly summary; contents and rules in docs/summary.md).
// Pure: the one set of inputs in, one plain object of numbers out. Every number comes from measures.ts,
// weeks.ts, rules.ts and edge.ts; nothing is re-derived here. The words (suggestions, the edge's details)
// are added by src/views/summaryView.ts. No clock, no I/O.
import { rankKeys, sumByKey, type RankedRow } from '../breakdown';
import type { MeasureInputs } from '../context';
import { computeEdge, edgeRange, type EdgeResult } from '../edge';
import { union, intersect, totalLength } from '../intervals';
import { dailyMeasures, longestLowRun, type DayMeasures, type DayStatus, type LowRun } from '../measures';
import type { Floor, Role } from '../roles';
import { craftRatio, meetingsCovered as coveredOn } from '../rules';
import { CATEGORIES, emptyByCategory, type ByCategory, type Meeting, type TimeOffDay } from '../types';
import { judgeWeeks } from '../weeks';
import { addDays, addMonths, dayBoundaries, monthRange, startOfIsoWeek } from '../zone';


/** Meetings with at least this many attendees (the owner included) are "large". */
export const LARGE_MEETING_ATTENDEES = 8;
/** Exactly this many attendees is a 1:1. */
export const ONE_ON_ONE_ATTENDEES = 2;
/** How many previous months make the baseline. */
export const BASELINE_MONTHS = 3;
/** Languages and workspaces listed by name at most (the rest are summed as "other"). */
export const TOP_ITEMS = 8;

export const SUMMARY_SCHEMA = 1;
export const SUMMARY_KIND = 'craft-time/monthly-summary';

/** Hours with two decimals (the precision every summary format prints). */
export const hoursOf = (ms: number): number => Math.round(ms / 36_000) / 100;
/** Minutes with two decimals, as `craft-time days` prints them (same as core/days toMinutes). */
export const minutesOf = (ms: number): number => Math.round(ms / 600) / 100;
const ratio = craftRatio;

export interface Headline {
  readonly handsOnMs: number;
  readonly meetingMs: number;
  readonly craftRatio: number | null;
  /** Working weekdays that counted (not time off, not idle). */
  readonly availableDays: number;
  /** Hands-on per counted working day; null when none counted. */
  readonly handsOnPerDayMs: number | null;
}

export interface Comparison {
  readonly month: string;
  readonly lastMonth: (Headline & { readonly month: string }) | null;
  /** Mean over the previous months that had tracking; null when none had. */
  readonly baseline: (Headline & { readonly months: readonly string[] }) | null;
}

export interface SummaryWeek {
  readonly week: string;
  /** The week's days inside the month (a week cut by the month's start or end is partial). */
  readonly from: string;
  readonly to: string;
  readonly partial: boolean;
  readonly handsOnMs: number;
  readonly meetingMs: number;
  readonly craftRatio: number | null;
  readonly deepWorkBlocks: number;
  readonly focusWindows: number;
  readonly availableDays: number;
  readonly daysOff: number;
  /** Weekly hands-on floor pro-rated over the counted working days shown (same rule as the edge engine). */
  readonly floorHandsOnMs: number;
  /** Hands-on under the pro-rated floor, or the ratio under the ratio floor (when meetings are known). */
  readonly belowFloor: boolean;
  readonly meetingsCovered: boolean;
}

export interface DeepWorkSummary {
  readonly blocks: number;
  readonly deepWorkMs: number;
  /** Share of hands-on time spent in deep-work blocks (null when no hands-on). */
  readonly shareOfHandsOn: number | null;
  readonly averageBlockMs: number | null;
  readonly longestRunMs: number;
  readonly daysWithDeepWork: number;
  readonly focusWindows: number;
  readonly focusMs: number;
  /** Counted working days with at least one focus window. */
  readonly daysWithFocusWindow: number;
  readonly fragments: number;
  readonly fragmentedMs: number;
  readonly availableDays: number;
  readonly deepWorkMinutes: number;
  readonly lowHandsOnDays: number;
  readonly longestLowRun: LowRun | null;
}

export interface MixBucket {
  readonly count: number;
  /** Union of the bucket's meetings inside the month (double-booked time once). */
  readonly ms: number;
}

export interface MeetingMix {
  /** False when no calendar or manual entries cover the month: the mix is then empty, not zero. */
  readonly covered: boolean;
  readonly total: MixBucket;
  readonly recurring: MixBucket;
  readonly oneOff: MixBucket;
  readonly oneOnOne: MixBucket;
  readonly large: MixBucket;
  /** Meetings whose attendee count is unknown (0 in the feed): neither 1:1 nor large. */
  readonly unknownSize: MixBucket;
  readonly conflictMs: number;
  readonly overlapMs: number;
  readonly largeThreshold: number;
}

/**
 * A row that is not a language or workspace but a fixed word: its `name` is the English word (what JSON and
 * CSV print); md/html word it in the display language from this tag (views/summaryView.ts namedLabel).
 */
export type FixedName = 'unknown-language' | 'unnamed-workspace' | 'no-folder' | 'other';

export interface NamedTime {
  /** Outside text (language id, workspace name): escape when rendering. */
  readonly name: string;
  readonly ms: number;
  /** Set when `name` is a fixed word, not outside text. */
  readonly fixed?: FixedName;
}

export interface SummaryDay {
  readonly date: string;
  readonly weekday: number;
  readonly status: DayStatus;
  readonly timeOffReason: TimeOffDay['reason'] | null;
  readonly handsOnMs: number;
  /** Assisted time (written by tools): beside hands-on, never inside it. */
  readonly assistedMs: number;
  readonly meetingMs: number;
  readonly overlapMs: number;
  readonly craftRatio: number | null;
  readonly deepWorkBlocks: number;
  readonly deepWorkMs: number;
  readonly focusWindows: number;
  readonly focusMs: number;
  readonly fragments: number;
  readonly byCategory: ByCategory;
  /** Meeting data covers the day (else its meeting time is unknown, not zero). */
  readonly meetingsCovered: boolean;
}

/** The summary's numbers (the words are added by src/views/summaryView.ts). */
export interface SummaryModel {
  readonly month: string;
  readonly from: string;
  readonly to: string;
  /** The last date with data in the summary (the month's last day, or asOf - 1 for a month in progress). */
  readonly through: string;
  readonly inProgress: boolean;
  readonly timeZone: string;
  readonly role: Role;
  readonly floor: Floor;
  readonly headline: Headline;
  readonly comparison: Comparison;
  readonly weeks: readonly SummaryWeek[];
  readonly days: readonly SummaryDay[];
  readonly byCategory: ByCategory;
  readonly languages: readonly NamedTime[];
  /** Present only when workspace names were asked for. */
  readonly workspaces: readonly NamedTime[] | null;
  readonly deepWork: DeepWorkSummary;
  readonly meetingMix: MeetingMix;
  /** The edge as of the summary's asOf (computed on the same day measures). */
  readonly edge: EdgeResult;
  /** Days marked off (manual or calendar out-of-office) and idle working days (no activity, no meetings). */
  readonly timeOff: readonly { readonly date: string; readonly reason: 'manual' | 'calendar' | 'idle' }[];
  readonly meetingsCovered: boolean;
  readonly trackingStart: string | null;
  /** The month's assisted time (written by tools), shown beside hands-on, never inside it. */
  readonly assistedMs: number;
  /** Hands-on that was assisted until the user marked it as their own work ("corrected by you"). */
  readonly correctedMs: number;
}

export interface SummaryOptions {
  /** Local date to judge the edge as of; default summaryAsOf(month, today). */
  readonly asOf?: string;
  /** Today's local date (a month in progress is summarised up to yesterday). */
  readonly today?: string;
  /** List workspaces by name (off by default: names can be confidential). */
  readonly includeWorkspaces?: boolean;
  /** Workspace id -> display name (only used when includeWorkspaces). */
  readonly workspaceNames?: ReadonlyMap<string, string>;
}

/** The local date the edge is judged as of: the first day after the month, or `today` while the month runs. */
export function summaryAsOf(month: string, today?: string): string {
  const next = addDays(monthRange(month).to, 1);
  return today !== undefined && today < next ? today : next;
}

/** The dates a summary needs measures for: the baseline months, the month, and the edge window. */
export function summaryRange(month: string, asOf: string): { from: string; to: string } {
  const base = monthRange(addMonths(month, -BASELINE_MONTHS)).from;
  const edge = edgeRange(asOf);
  const to = monthRange(month).to;
  return { from: edge.from < base ? edge.from : base, to: edge.to > to ? edge.to : to };
}

function headlineOf(days: readonly DayMeasures[]): Headline {
  let handsOnMs = 0, meetingMs = 0, availableDays = 0;
  for (const d of days) {
    handsOnMs += d.handsOnMs;
    meetingMs += d.meetingMs;
    if (d.status === 'working') availableDays++;
  }
  return { handsOnMs, meetingMs, craftRatio: ratio(handsOnMs, meetingMs), availableDays, handsOnPerDayMs: availableDays ? handsOnMs / availableDays : null };
}

function meanHeadline(hs: readonly Headline[]): Headline {
  const n = hs.length;
  const handsOnMs = hs.reduce((s, h) => s + h.handsOnMs, 0) / n;
  const meetingMs = hs.reduce((s, h) => s + h.meetingMs, 0) / n;
  const days = hs.reduce((s, h) => s + h.availableDays, 0);
  const totalHands = hs.reduce((s, h) => s + h.handsOnMs, 0);
  return {
    handsOnMs,
    meetingMs,
    craftRatio: ratio(handsOnMs, meetingMs),
    availableDays: days / n,
    handsOnPerDayMs: days ? totalHands / days : null,
  };
}

function mixBucket(meetings: readonly Meeting[], month: { start: number; end: number }): MixBucket {
  const clipped = union(meetings);
  return { count: meetings.length, ms: totalLength(intersect(clipped, [month])) };
}

/** Meeting mix of the month: counts of occurrences starting in the month, hours as unions clipped to it. */
export function meetingMix(meetings: readonly Meeting[], month: string, timeZone: string, covered: boolean, days: readonly DayMeasures[]): MeetingMix {
  const { from, to } = monthRange(month);
  const { bounds } = dayBoundaries(from, to, timeZone);
  const span = { start: bounds[0], end: bounds[bounds.length - 1] };
  const inMonth = meetings.filter((m) => m.end > m.start && m.start >= span.start && m.start < span.end);
  const conflictMs = days.reduce((s, d) => s + d.conflictMs, 0);
  const overlapMs = days.reduce((s, d) => s + d.overlapMs, 0);
  const by = (p: (m: Meeting) => boolean) => mixBucket(inMonth.filter(p), span);
  return {
    covered,
    total: mixBucket(inMonth, span),
    recurring: by((m) => m.recurring),
    oneOff: by((m) => !m.recurring),
    oneOnOne: by((m) => m.attendees === ONE_ON_ONE_ATTENDEES),
    large: by((m) => m.attendees >= LARGE_MEETING_ATTENDEES),
    unknownSize: by((m) => m.attendees <= 0),
    conflictMs,
    overlapMs,
    largeThreshold: LARGE_MEETING_ATTENDEES,
  };
}

const named = (rows: readonly RankedRow[], fixed: (key: string) => FixedName | undefined): NamedTime[] =>
  rows.map((r) => {
    const tag = r.key === null ? 'other' : fixed(r.key);
    return tag ? { name: r.label, ms: r.ms, fixed: tag } : { name: r.label, ms: r.ms };
  });


/** Measures over summaryRange (one dailyMeasures pass), the edge as of asOf, and the month's numbers. */
export function buildSummaryModel(inputs: MeasureInputs, month: string, options: SummaryOptions = {}): SummaryModel {
  const context = inputs.context;
  const asOf = options.asOf ?? summaryAsOf(month, options.today);
  const range = summaryRange(month, asOf);
  const allDays = dailyMeasures(inputs, range);
  const edge = computeEdge(allDays, context, asOf);
  const { timeZone, role, trackingStart } = context;
  const { from, to } = monthRange(month);
  const through = asOf <= to ? addDays(asOf, -1) : to;
  const inProgress = through < to;
  const byDate = new Map(allDays.map((d) => [d.date, d]));
  const daysIn = (a: string, b: string): DayMeasures[] => {
    const out: DayMeasures[] = [];
    for (let d = a; d <= b; d = addDays(d, 1)) {
      const m = byDate.get(d);
      if (!m) throw new RangeError(`buildSummaryModel needs measures for ${d} (see summaryRange).`);
      out.push(m);
    }
    return out;
  };
  const monthDays = through >= from ? daysIn(from, through) : [];
  const floor = context.floor;
  const covered = (date: string) => coveredOn(context.meetingCoverage, date);
  const meetingsCovered = context.meetingCoverage !== 'none' && covered(through >= from ? through : from);

  const tracked = (m: string) => trackingStart !== null && monthRange(m).to >= trackingStart;
  const last = addMonths(month, -1);
  const lastMonth = tracked(last) ? { month: last, ...headlineOf(daysIn(monthRange(last).from, monthRange(last).to)) } : null;
  const baseMonths: string[] = [];
  for (let i = BASELINE_MONTHS; i >= 1; i--) if (tracked(addMonths(month, -i))) baseMonths.push(addMonths(month, -i));
  const baseline = baseMonths.length
    ? { months: baseMonths, ...meanHeadline(baseMonths.map((m) => headlineOf(daysIn(monthRange(m).from, monthRange(m).to)))) }
    : null;

  const byCategory = emptyByCategory();
  for (const d of monthDays) for (const c of CATEGORIES) byCategory[c] += d.byCategory[c];
  const handsOnMs = monthDays.reduce((s, d) => s + d.handsOnMs, 0);
  const working = monthDays.filter((d) => d.status === 'working');
  const deepWorkMs = monthDays.reduce((s, d) => s + d.deepWorkMs, 0);
  const blocks = monthDays.reduce((s, d) => s + d.deepWorkBlocks, 0);
  const deepWork: DeepWorkSummary = {
    blocks,
    deepWorkMs,
    shareOfHandsOn: handsOnMs ? Math.min(1, deepWorkMs / handsOnMs) : null,
    averageBlockMs: blocks ? deepWorkMs / blocks : null,
    longestRunMs: monthDays.reduce((s, d) => Math.max(s, d.longestRunMs), 0),
    daysWithDeepWork: monthDays.filter((d) => d.deepWorkBlocks > 0).length,
    focusWindows: monthDays.reduce((s, d) => s + d.focusWindows, 0),
    focusMs: monthDays.reduce((s, d) => s + d.focusMs, 0),
    daysWithFocusWindow: working.filter((d) => d.focusWindows > 0).length,
    fragments: monthDays.reduce((s, d) => s + d.fragments, 0),
    fragmentedMs: monthDays.reduce((s, d) => s + d.fragmentedMs, 0),
    availableDays: working.length,
    deepWorkMinutes: context.deepWorkMinutes,
    lowHandsOnDays: working.filter((d) => d.handsOnMs < 30 * 60_000).length,
    longestLowRun: longestLowRun(monthDays),
  };

  const names = options.workspaceNames ?? new Map<string, string>();
  return {
    month,
    from,
    to,
    through,
    inProgress,
    timeZone,
    role,
    floor,
    headline: headlineOf(monthDays),
    comparison: { month, lastMonth, baseline },
    weeks: judgeWeeks(monthDays, context).map((w) => ({
      week: w.week,
      from: w.from,
      to: w.to,
      partial: !(w.from === startOfIsoWeek(w.from) && addDays(w.from, 6) === w.to),
      handsOnMs: w.handsOnMs,
      meetingMs: w.meetingMs,
      craftRatio: w.craftRatio,
      deepWorkBlocks: w.deepWorkBlocks,
      focusWindows: monthDays.filter((d) => d.date >= w.from && d.date <= w.to).reduce((s, d) => s + d.focusWindows, 0),
      availableDays: w.availableDays,
      daysOff: monthDays.filter((d) => d.date >= w.from && d.date <= w.to && (d.status === 'timeOff' || d.status === 'idle')).length,
      floorHandsOnMs: w.floorHandsOnMs,
      belowFloor: w.belowFloor,
      meetingsCovered: w.meetingsCovered,
    })),
    days: monthDays.map((d) => ({
      date: d.date,
      weekday: d.weekday,
      status: d.status,
      timeOffReason: d.timeOffReason,
      handsOnMs: d.handsOnMs,
      assistedMs: d.assistedMs,
      meetingMs: d.meetingMs,
      overlapMs: d.overlapMs,
      craftRatio: d.craftRatio,
      deepWorkBlocks: d.deepWorkBlocks,
      deepWorkMs: d.deepWorkMs,
      focusWindows: d.focusWindows,
      focusMs: d.focusMs,
      fragments: d.fragments,
      byCategory: d.byCategory,
      meetingsCovered: covered(d.date),
    })),
    byCategory,
    languages: named(rankKeys(sumByKey(monthDays, (d) => d.byLanguage), (k) => k || 'unknown', TOP_ITEMS), (k) => (k ? undefined : 'unknown-language')),
    workspaces: options.includeWorkspaces
      ? named(rankKeys(sumByKey(monthDays, (d) => d.byWorkspace), (k) => (k ? names.get(k) ?? 'unnamed workspace' : 'no folder'), TOP_ITEMS), (k) => (!k ? 'no-folder' : names.has(k) ? undefined : 'unnamed-workspace'))
      : null,
    deepWork,
    meetingMix: meetingMix(inputs.meetings, month, timeZone, meetingsCovered, monthDays),
    edge,
    timeOff: monthDays
      .filter((d) => d.status === 'timeOff' || d.status === 'idle')
      .map((d) => ({ date: d.date, reason: d.status === 'idle' ? ('idle' as const) : (d.timeOffReason ?? 'manual') })),
    meetingsCovered,
    trackingStart,
    assistedMs: monthDays.reduce((s, d) => s + d.assistedMs, 0),
    correctedMs: monthDays.reduce((s, d) => s + d.correctedMs, 0),
  };
}
