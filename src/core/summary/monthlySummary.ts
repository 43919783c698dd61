// The monthly summary model (DESIGN.md "Surfaces": Monthly summary; contents and rules in docs/summary.md).
// Pure: day measures, meetings and the edge result in, one plain object out. Every number comes from
// measures.ts / edge.ts; nothing is re-derived here with different rules. No clock, no I/O.
import { rankTotals, sumByKey } from '../breakdown';
import { computeEdge, edgeRange, firstActivityDate, signalTitle, type EdgeResult, type EdgeState, type MeetingCoverage, type SignalId } from '../edge';
import { union, intersect, totalLength } from '../intervals';
import { aggregate, dailyMeasures, longestLowRun, type DayMeasures, type DayStatus, type LowRun, type PeriodMeasures } from '../measures';
import type { Floor, Role } from '../roles';
import { CATEGORIES, DEFAULT_WORKING_HOURS, emptyByCategory, type ByCategory, type Meeting, type Segment, type TimeOffDay, type WorkingHours } from '../types';
import { addDays, addMonths, dayBoundaries, isoWeek, monthRange } from '../zone';

const HOUR = 3_600_000;

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
const ratio = (a: number, b: number): number | null => (a + b === 0 ? null : a / (a + b));

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

export interface NamedTime {
  /** Outside text (language id, workspace name): escape when rendering. */
  readonly name: string;
  readonly ms: number;
}

export interface SummaryDay {
  readonly date: string;
  readonly weekday: number;
  readonly status: DayStatus;
  readonly timeOffReason: TimeOffDay['reason'] | null;
  readonly handsOnMs: number;
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

export interface SummaryEdge {
  readonly state: EdgeState;
  readonly asOf: string;
  readonly headline: string;
  readonly role: Role;
  readonly floor: Floor;
  readonly signals: readonly {
    readonly id: SignalId;
    readonly title: string;
    readonly fired: boolean;
    readonly available: boolean;
    readonly detail: string;
    readonly numbers: Readonly<Record<string, number | string | null>>;
  }[];
  readonly missing: readonly string[];
  /** The completed weeks the edge engine looked at, oldest first (all of them; renderers show tracked ones). */
  readonly weeks: readonly {
    readonly week: string;
    readonly from: string;
    readonly to: string;
    readonly handsOnMs: number;
    readonly meetingMs: number;
    readonly craftRatio: number | null;
    readonly floorHandsOnMs: number;
    readonly workingDays: number;
    readonly availableDays: number;
    readonly meetingsCovered: boolean;
    readonly belowFloor: boolean;
    readonly counted: boolean;
    readonly tracked: boolean;
  }[];
}

export type SuggestionId =
  | 'connectCalendar'
  | 'protectFocus'
  | 'blockHandsOn'
  | 'trimRecurring'
  | 'asyncLarge'
  | 'clusterMeetings'
  | 'deepWork'
  | 'keepGoing'
  | 'trackMore';

export interface Suggestion {
  readonly id: SuggestionId;
  readonly text: string;
}

export interface MonthlySummary {
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
  readonly edge: SummaryEdge;
  readonly suggestions: readonly Suggestion[];
  /** Days marked off (manual or calendar out-of-office) and idle working days (no activity, no meetings). */
  readonly timeOff: readonly { readonly date: string; readonly reason: 'manual' | 'calendar' | 'idle' }[];
  readonly meetingsCovered: boolean;
  readonly trackingStart: string | null;
}

export interface SummaryOptions {
  /** List workspaces by name (off by default: names can be confidential). */
  readonly includeWorkspaces?: boolean;
  /** Workspace id -> display name (only used when includeWorkspaces). */
  readonly workspaceNames?: ReadonlyMap<string, string>;
}

export interface MonthlySummaryInput extends SummaryOptions {
  readonly month: string;
  /** Day measures covering at least summaryRange(month, asOf). */
  readonly days: readonly DayMeasures[];
  /** Expanded, filtered meetings (any order; those outside the month are ignored). */
  readonly meetings: readonly Meeting[];
  readonly edge: EdgeResult;
  readonly role: Role;
  readonly timeZone: string;
  readonly meetingCoverage: MeetingCoverage;
  readonly trackingStart: string | null;
  readonly deepWorkMinutes?: number;
  readonly workingHours?: WorkingHours;
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

const named = (rows: { label: string; ms: number }[]): NamedTime[] => rows.map((r) => ({ name: r.label, ms: r.ms }));

function summaryWeeks(monthDays: readonly DayMeasures[], floor: Floor, perWeek: number, covered: (date: string) => boolean): SummaryWeek[] {
  const periods: PeriodMeasures[] = aggregate(monthDays, (d) => isoWeek(d));
  return periods.map((p) => {
    const floorHandsOnMs = perWeek === 0 ? 0 : floor.weeklyHandsOnHours * HOUR * (p.availableDays / perWeek);
    const counted = p.availableDays > 0;
    const belowHands = counted && p.handsOnMs < floorHandsOnMs;
    const belowRatio = counted && covered(p.from) && p.craftRatio !== null && p.craftRatio < floor.craftRatio;
    return {
      week: p.period,
      from: p.from,
      to: p.to,
      partial: !p.complete,
      handsOnMs: p.handsOnMs,
      meetingMs: p.meetingMs,
      craftRatio: p.craftRatio,
      deepWorkBlocks: p.deepWorkBlocks,
      focusWindows: p.focusWindows,
      availableDays: p.availableDays,
      daysOff: p.daysOff,
      floorHandsOnMs,
      belowFloor: belowHands || belowRatio,
      meetingsCovered: covered(p.from),
    };
  });
}

const coversDate = (coverage: MeetingCoverage) => (date: string) => coverage === 'full' || (coverage !== 'none' && coverage.from <= date);

const pct = (r: number) => `${Math.round(r * 100)} %`;
const h1 = (ms: number) => `${(Math.round(ms / HOUR * 10) / 10).toFixed(1)} h`;

/** Two or three concrete, fair suggestions derived from the month's numbers (rules in docs/summary.md). */
export function suggest(s: Omit<MonthlySummary, 'suggestions'>): Suggestion[] {
  const out: { id: SuggestionId; text: string; weight: number }[] = [];
  const mix = s.meetingMix, dw = s.deepWork, hl = s.headline;
  if (!s.meetingsCovered) {
    out.push({ id: 'connectCalendar', weight: 90, text: 'Connect a calendar (or log meetings) so meeting load and the craft ratio can be measured; this month shows hands-on time only.' });
  }
  if (s.trackingStart === null || hl.handsOnMs === 0 && hl.availableDays === 0) {
    out.push({ id: 'trackMore', weight: 80, text: 'No working days were tracked this month, so there is nothing to judge yet; the summary fills in once activity is recorded.' });
  }
  const below = s.weeks.filter((w) => w.belowFloor && w.availableDays > 0);
  const countedWeeks = s.weeks.filter((w) => w.availableDays > 0);
  if (below.length > 0) {
    const missingMs = below.reduce((sum, w) => sum + Math.max(0, w.floorHandsOnMs - w.handsOnMs), 0);
    out.push({
      id: 'blockHandsOn',
      weight: 70 + below.length,
      text: `${below.length} of ${countedWeeks.length} weeks were under the ${s.role} floor (${s.floor.weeklyHandsOnHours} h a week, ${pct(s.floor.craftRatio)} craft ratio)` +
        (missingMs > 0 ? `, ${h1(missingMs)} short in total` : '') + '. Book two recurring 2-hour hands-on blocks a week to close the gap.',
    });
  }
  if (mix.covered && mix.total.ms > 0 && mix.recurring.ms / mix.total.ms >= 0.5 && mix.recurring.ms >= 4 * HOUR) {
    out.push({
      id: 'trimRecurring',
      weight: 50 + (mix.recurring.ms / mix.total.ms) * 20,
      text: `Recurring meetings took ${h1(mix.recurring.ms)} (${pct(mix.recurring.ms / mix.total.ms)} of meeting time, ${mix.recurring.count} occurrences). ` +
        'Review the series together: shortening or dropping one weekly hour frees about 4 hours a month.',
    });
  }
  if (mix.covered && mix.large.ms >= 3 * HOUR) {
    out.push({
      id: 'asyncLarge',
      weight: 45 + Math.min(15, mix.large.ms / HOUR / 2),
      text: `${mix.large.count} meetings with ${mix.largeThreshold} or more attendees took ${h1(mix.large.ms)}. Consider a written update instead of attending some of them.`,
    });
  }
  if (mix.covered && dw.availableDays >= 5 && dw.daysWithFocusWindow / dw.availableDays < 0.5) {
    out.push({
      id: 'protectFocus',
      weight: 60 + (1 - dw.daysWithFocusWindow / dw.availableDays) * 10,
      text: `Only ${dw.daysWithFocusWindow} of ${dw.availableDays} working days had a meeting-free window of 2 hours or more. ` +
        'Protect two or three mornings a week from meetings ("Protect focus time" exports them as calendar blocks).',
    });
  }
  if (mix.covered && dw.fragments >= dw.availableDays * 2 && dw.availableDays > 0) {
    out.push({
      id: 'clusterMeetings',
      weight: 40,
      text: `${dw.fragments} gaps of under an hour between meetings (${h1(dw.fragmentedMs)} in total) are hard to use for hands-on work. Back-to-back meetings on fewer days would turn them into focus time.`,
    });
  }
  if (hl.handsOnMs >= 4 * HOUR && dw.shareOfHandsOn !== null && dw.shareOfHandsOn < 0.3) {
    out.push({
      id: 'deepWork',
      weight: 35,
      text: `Only ${pct(dw.shareOfHandsOn)} of hands-on time came in blocks of ${dw.deepWorkMinutes} minutes or more. Fewer interruptions during coding time would make the same hours count for more.`,
    });
  }
  if (s.edge.state === 'healthy' || (below.length === 0 && countedWeeks.length > 0)) {
    out.push({
      id: 'keepGoing',
      weight: 10,
      text: `Every counted week met the ${s.role} floor${dw.focusWindows > 0 ? ` and ${dw.focusWindows} focus windows were available` : ''}. Keep the habits that made this month work, and guard them in next month's calendar.`,
    });
  }
  out.sort((a, b) => b.weight - a.weight);
  const chosen = out.slice(0, 3);
  if (chosen.length < 2) {
    const fallback: Suggestion = { id: 'protectFocus', text: 'Keep at least one 2-hour meeting-free block on most working days; it is where deep work happens.' };
    if (!chosen.some((c) => c.id === fallback.id)) chosen.push({ ...fallback, weight: 0 });
  }
  return chosen.map(({ id, text }) => ({ id, text }));
}

function edgeView(edge: EdgeResult, role: Role): SummaryEdge {
  return {
    state: edge.state,
    asOf: edge.asOf,
    headline: edge.headline,
    role,
    floor: edge.floor,
    signals: edge.signals.map((s) => ({ id: s.id, title: signalTitle(s.id), fired: s.fired, available: s.available, detail: s.detail, numbers: s.numbers })),
    missing: edge.missing,
    weeks: edge.weeks.map((w) => ({
      week: w.week,
      from: w.from,
      to: w.to,
      handsOnMs: w.handsOnMs,
      meetingMs: w.meetingMs,
      craftRatio: w.craftRatio,
      floorHandsOnMs: w.floorHandsOnMs,
      workingDays: w.workingDays,
      availableDays: w.availableDays,
      meetingsCovered: w.meetingsCovered,
      belowFloor: w.belowFloor,
      counted: w.counted,
      tracked: w.tracked,
    })),
  };
}

/** Builds the monthly summary from day measures (covering summaryRange), meetings and the edge result. */
export function buildMonthlySummary(input: MonthlySummaryInput): MonthlySummary {
  const { month, timeZone, role } = input;
  const { from, to } = monthRange(month);
  const asOf = input.edge.asOf;
  const through = asOf <= to ? addDays(asOf, -1) : to;
  const inProgress = through < to;
  const byDate = new Map(input.days.map((d) => [d.date, d]));
  const daysIn = (a: string, b: string): DayMeasures[] => {
    const out: DayMeasures[] = [];
    for (let d = a; d <= b; d = addDays(d, 1)) {
      const m = byDate.get(d);
      if (!m) throw new RangeError(`buildMonthlySummary needs measures for ${d} (see summaryRange).`);
      out.push(m);
    }
    return out;
  };
  const monthDays = through >= from ? daysIn(from, through) : [];
  const wh = input.workingHours ?? DEFAULT_WORKING_HOURS;
  const floor = input.edge.floor;
  const covered = coversDate(input.meetingCoverage);
  const meetingsCovered = input.meetingCoverage !== 'none' && covered(through >= from ? through : from);

  const tracked = (m: string) => input.trackingStart !== null && monthRange(m).to >= input.trackingStart;
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
  const deepWorkMinutes = input.deepWorkMinutes ?? 45;
  const deepWork: DeepWorkSummary = {
    blocks: monthDays.reduce((s, d) => s + d.deepWorkBlocks, 0),
    deepWorkMs: monthDays.reduce((s, d) => s + d.deepWorkMs, 0),
    shareOfHandsOn: null,
    averageBlockMs: null,
    longestRunMs: monthDays.reduce((s, d) => Math.max(s, d.longestRunMs), 0),
    daysWithDeepWork: monthDays.filter((d) => d.deepWorkBlocks > 0).length,
    focusWindows: monthDays.reduce((s, d) => s + d.focusWindows, 0),
    focusMs: monthDays.reduce((s, d) => s + d.focusMs, 0),
    daysWithFocusWindow: working.filter((d) => d.focusWindows > 0).length,
    fragments: monthDays.reduce((s, d) => s + d.fragments, 0),
    fragmentedMs: monthDays.reduce((s, d) => s + d.fragmentedMs, 0),
    availableDays: working.length,
    deepWorkMinutes,
    lowHandsOnDays: working.filter((d) => d.handsOnMs < 30 * 60_000).length,
    longestLowRun: longestLowRun(monthDays),
  };
  const deep: DeepWorkSummary = {
    ...deepWork,
    shareOfHandsOn: handsOnMs ? Math.min(1, deepWork.deepWorkMs / handsOnMs) : null,
    averageBlockMs: deepWork.blocks ? deepWork.deepWorkMs / deepWork.blocks : null,
  };

  const names = input.workspaceNames ?? new Map<string, string>();
  const partial: Omit<MonthlySummary, 'suggestions'> = {
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
    weeks: summaryWeeks(monthDays, floor, wh.days.length, covered),
    days: monthDays.map((d) => ({
      date: d.date,
      weekday: d.weekday,
      status: d.status,
      timeOffReason: d.timeOffReason,
      handsOnMs: d.handsOnMs,
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
    languages: named(rankTotals(sumByKey(monthDays, (d) => d.byLanguage), (k) => k || 'unknown', TOP_ITEMS)),
    workspaces: input.includeWorkspaces ? named(rankTotals(sumByKey(monthDays, (d) => d.byWorkspace), (k) => (k ? names.get(k) ?? 'unnamed workspace' : 'no folder'), TOP_ITEMS)) : null,
    deepWork: deep,
    meetingMix: meetingMix(input.meetings, month, timeZone, meetingsCovered, monthDays),
    edge: edgeView(input.edge, role),
    timeOff: monthDays
      .filter((d) => d.status === 'timeOff' || d.status === 'idle')
      .map((d) => ({ date: d.date, reason: d.status === 'idle' ? ('idle' as const) : (d.timeOffReason ?? 'manual') })),
    meetingsCovered,
    trackingStart: input.trackingStart,
  };
  return { ...partial, suggestions: suggest(partial) };
}

export interface AssembleSummaryInput extends SummaryOptions {
  readonly month: string;
  /** Local date to judge the edge as of; default summaryAsOf(month, today). */
  readonly asOf?: string;
  /** Today's local date (a month in progress is summarised up to yesterday). */
  readonly today?: string;
  readonly segments: readonly Segment[];
  readonly meetings: readonly Meeting[];
  readonly timeOff?: readonly TimeOffDay[];
  readonly timeZone: string;
  readonly role: Role;
  readonly floor: Floor;
  readonly workingHours?: WorkingHours;
  readonly deepWorkMinutes?: number;
  readonly meetingCoverage: MeetingCoverage;
  /** Default: local date of the first segment. */
  readonly trackingStart?: string | null;
}

/** Measures (one dailyMeasures pass over summaryRange), the edge state and the summary, in one call. */
export function assembleMonthlySummary(input: AssembleSummaryInput): MonthlySummary {
  const asOf = input.asOf ?? summaryAsOf(input.month, input.today);
  const range = summaryRange(input.month, asOf);
  const days = dailyMeasures({
    segments: input.segments,
    meetings: input.meetings,
    from: range.from,
    to: range.to,
    timeZone: input.timeZone,
    workingHours: input.workingHours,
    deepWorkMinutes: input.deepWorkMinutes,
    timeOff: input.timeOff,
  });
  const trackingStart = input.trackingStart !== undefined ? input.trackingStart : firstActivityDate(input.segments, input.timeZone);
  const edge = computeEdge({ days, asOf, floor: input.floor, workingHours: input.workingHours, meetingCoverage: input.meetingCoverage, trackingStart });
  return buildMonthlySummary({
    month: input.month,
    days,
    meetings: input.meetings,
    edge,
    role: input.role,
    timeZone: input.timeZone,
    meetingCoverage: input.meetingCoverage,
    trackingStart,
    deepWorkMinutes: input.deepWorkMinutes,
    workingHours: input.workingHours,
    includeWorkspaces: input.includeWorkspaces,
    workspaceNames: input.workspaceNames,
  });
}

/** Month label for a lead: "March 2026". */
export function monthLabel(month: string): string {
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${names[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

export const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export const STATE_TEXT: Readonly<Record<EdgeState, string>> = {
  learning: 'Learning (not enough data to judge yet)',
  healthy: 'Healthy',
  watch: 'Watch',
  eroding: 'Eroding',
};
