// The technical-edge engine (DESIGN.md "Technical edge"; every rule and its reason in docs/metrics.md).
// Signals are computed on completed ISO weeks as of a local date. Pure: no clock, no I/O.
// Words (details, headlines, the "Why?" page) are made from these numbers in src/views/edgeText.ts.
import type { MeasureContext, MeasureInputs } from './context';
import { dailyMeasures, isCountedWorkingDay, longestLowRun, type DayMeasures } from './measures';
import type { Floor } from './roles';
import type { MeetingCoverage } from './rules';
import type { Interval } from './types';
import { judgeDays, type JudgedWeek } from './weeks';
import { addDays, localDate, startOfIsoWeek } from './zone';

export type { MeetingCoverage } from './rules';

const HOUR = 3_600_000;

/** Completed weeks looked at: the trailing 4 plus the 12-week baseline before them. */
export const RECENT_WEEKS = 4;
export const BASELINE_WEEKS = 12;
export const WINDOW_WEEKS = RECENT_WEEKS + BASELINE_WEEKS;
/** Decline fires when the recent average is under this share of the baseline. */
export const DECLINE_THRESHOLD = 0.7;
/** Away from the code: a run of at least this many counted working days under 30 minutes each. */
export const AWAY_RUN_DAYS = 10;
/** Complete weeks of tracking needed before any state is claimed. */
export const MIN_TRACKED_WEEKS = 2;
/** Below floor held this many completed weeks in a row makes the state eroding on its own. */
export const ERODING_BELOW_FLOOR_WEEKS = 4;
/** The decline signal needs this many counted weeks in the baseline and in the recent window. */
export const MIN_BASELINE_WEEKS = 4;
export const MIN_RECENT_WEEKS = 2;

export type EdgeState = 'learning' | 'healthy' | 'watch' | 'eroding';
export type SignalId = 'belowFloor' | 'decline' | 'awayFromCode';

/** A completed week of the window, judged (core/weeks.ts). */
export type EdgeWeek = JudgedWeek;

export interface EdgeSignal {
  readonly id: SignalId;
  readonly fired: boolean;
  /** False when there was not enough data to evaluate the signal (then it never fires). */
  readonly available: boolean;
  /** The numbers behind the signal (worded by src/views/edgeText.ts). */
  readonly numbers: Readonly<Record<string, number | string | null>>;
}

export interface EdgeResult {
  readonly state: EdgeState;
  readonly asOf: string;
  readonly floor: Floor;
  readonly signals: readonly EdgeSignal[];
  /** The completed weeks looked at, oldest first (WINDOW_WEEKS of them). */
  readonly weeks: readonly EdgeWeek[];
  /** What is missing for a full assessment (empty when nothing is). */
  readonly gaps: readonly EdgeGap[];
}

/** Something missing for a full assessment (worded by src/views/edgeText.ts). */
export type EdgeGap =
  | { readonly kind: 'noActivity' }
  | { readonly kind: 'fewWeeks'; readonly counted: number; readonly needed: number; readonly since: string }
  | { readonly kind: 'noCalendar' }
  | { readonly kind: 'meetingsFrom'; readonly from: string };

/** The dates whose measures computeEdge needs: the WINDOW_WEEKS completed ISO weeks before asOf's week. */
export function edgeRange(asOf: string): { from: string; to: string } {
  const monday = startOfIsoWeek(asOf);
  return { from: addDays(monday, -7 * WINDOW_WEEKS), to: addDays(monday, -1) };
}

/** First local date of the earliest segment (segments sorted), the tracking start. */
export function firstActivityDate(segments: readonly Interval[], timeZone: string): string | null {
  return segments.length === 0 ? null : localDate(segments[0].start, timeZone);
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const nextDay = (date: string) => addDays(date, 1);

/** Per-week figures for the window, oldest first (days must cover edgeRange(asOf)). */
export function edgeWeeks(days: readonly DayMeasures[], context: MeasureContext, asOf: string): EdgeWeek[] {
  const { from } = edgeRange(asOf);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const weeks: EdgeWeek[] = [];
  for (let w = 0; w < WINDOW_WEEKS; w++) {
    const monday = addDays(from, 7 * w);
    const week: DayMeasures[] = [];
    for (let i = 0; i < 7; i++) {
      const d = byDate.get(addDays(monday, i));
      if (!d) throw new RangeError(`computeEdge needs measures for ${addDays(monday, i)} (see edgeRange).`);
      week.push(d);
    }
    weeks.push(judgeDays(week, context));
  }
  return weeks;
}

function belowFloorSignal(weeks: readonly EdgeWeek[], floor: Floor): EdgeSignal {
  const counted = weeks.filter((w) => w.counted).reverse(); // most recent first
  let inARow = 0;
  while (inARow < counted.length && counted[inARow].belowFloor) inARow++;
  if (counted.length < 2) {
    return {
      id: 'belowFloor',
      fired: false,
      available: false,
      numbers: { weeksInARow: inARow, countedWeeks: counted.length, floorHours: floor.weeklyHandsOnHours, floorRatio: floor.craftRatio },
    };
  }
  const [last, prev] = counted;
  return {
    id: 'belowFloor',
    fired: last.belowFloor && prev.belowFloor,
    available: true,
    numbers: {
      weeksInARow: inARow,
      countedWeeks: counted.length,
      lastWeek: last.week,
      lastWeekHandsOnHours: round(last.handsOnMs / HOUR),
      lastWeekFloorHours: round(last.floorHandsOnMs / HOUR),
      lastWeekCraftRatio: last.meetingsCovered && last.craftRatio !== null ? round(last.craftRatio, 4) : null,
      previousWeek: prev.week,
      previousWeekHandsOnHours: round(prev.handsOnMs / HOUR),
      previousWeekFloorHours: round(prev.floorHandsOnMs / HOUR),
      previousWeekCraftRatio: prev.meetingsCovered && prev.craftRatio !== null ? round(prev.craftRatio, 4) : null,
      floorHours: floor.weeklyHandsOnHours,
      floorRatio: floor.craftRatio,
    },
  };
}

/** The most recent counted weeks a "below floor" explanation shows: at least 2, the run up to 4. */
export function belowFloorWeeksShown(weeks: readonly EdgeWeek[], weeksInARow: number): EdgeWeek[] {
  const counted = weeks.filter((w) => w.counted).reverse();
  return counted.slice(0, Math.max(2, Math.min(weeksInARow, ERODING_BELOW_FLOOR_WEEKS)));
}

/** Hands-on (and assisted, on that basis) per available working day, scaled to a full week; null when none. */
function weeklyEquivalent(weeks: readonly EdgeWeek[], perWeek: number, withAssisted: boolean): number | null {
  let ms = 0, days = 0;
  for (const w of weeks) {
    if (!w.counted) continue;
    ms += w.handsOnMs + (withAssisted ? w.assistedMs : 0);
    days += w.availableDays;
  }
  return days === 0 ? null : (ms / days) * perWeek;
}

function declineSignal(weeks: readonly EdgeWeek[], perWeek: number, originUnknownDays: readonly string[]): EdgeSignal {
  const baseline = weeks.slice(0, BASELINE_WEEKS);
  const recent = weeks.slice(BASELINE_WEEKS);
  // Like with like (docs/metrics.md "History before origins existed"): while the baseline holds days recorded
  // before origins were told apart (their hands-on may include tools' edits), compare hands-on + assisted.
  const unknownInBaseline = originUnknownDays.filter((d) => d >= baseline[0].from && d <= baseline[baseline.length - 1].to);
  const withAssisted = unknownInBaseline.length > 0;
  const baselineCounted = baseline.filter((w) => w.counted).length;
  const recentCounted = recent.filter((w) => w.counted).length;
  const base = weeklyEquivalent(baseline, perWeek, withAssisted);
  const now = weeklyEquivalent(recent, perWeek, withAssisted);
  const numbers = {
    recentWeeklyHours: now === null ? null : round(now / HOUR),
    baselineWeeklyHours: base === null ? null : round(base / HOUR),
    shareOfBaseline: now !== null && base ? round(now / base, 4) : null,
    threshold: DECLINE_THRESHOLD,
    recentWeeks: recentCounted,
    baselineWeeks: baselineCounted,
    recentFrom: recent[0].from,
    baselineFrom: baseline[0].from,
    basis: withAssisted ? 'hands-on+assisted' : 'hands-on',
    originKnownFrom: withAssisted ? nextDay(unknownInBaseline[unknownInBaseline.length - 1]) : null,
  };
  if (baselineCounted < MIN_BASELINE_WEEKS || recentCounted < MIN_RECENT_WEEKS || base === null || now === null) {
    return { id: 'decline', fired: false, available: false, numbers };
  }
  return { id: 'decline', fired: base > 0 && now < DECLINE_THRESHOLD * base, available: true, numbers };
}

function awaySignal(days: readonly DayMeasures[], weeks: readonly EdgeWeek[], trackingStart: string | null): EdgeSignal {
  const recent = weeks.slice(BASELINE_WEEKS);
  const from = recent[0].from, to = recent[recent.length - 1].to;
  const inWindow = days.filter((d) => d.date >= from && d.date <= to && trackingStart !== null && d.date >= trackingStart);
  const run = longestLowRun(inWindow);
  const counted = inWindow.filter(isCountedWorkingDay).length;
  return {
    id: 'awayFromCode',
    fired: run !== null && run.days >= AWAY_RUN_DAYS,
    available: counted > 0,
    numbers: { longestRunDays: run?.days ?? 0, runFrom: run?.from ?? null, runTo: run?.to ?? null, threshold: AWAY_RUN_DAYS, countedDays: counted },
  };
}

/** The edge state as of a date, from day measures covering edgeRange(asOf). */
export function computeEdge(days: readonly DayMeasures[], context: MeasureContext, asOf: string): EdgeResult {
  const weeks = edgeWeeks(days, context, asOf);
  const signals = [belowFloorSignal(weeks, context.floor), declineSignal(weeks, context.workingHours.days.length, context.originUnknownDays), awaySignal(days, weeks, context.trackingStart)];
  const trackedCounted = weeks.filter((w) => w.counted).length;
  const gaps: EdgeGap[] = [];
  if (context.trackingStart === null) gaps.push({ kind: 'noActivity' });
  else if (trackedCounted < MIN_TRACKED_WEEKS) gaps.push({ kind: 'fewWeeks', counted: trackedCounted, needed: MIN_TRACKED_WEEKS, since: context.trackingStart });
  const coverage: MeetingCoverage = context.meetingCoverage;
  if (coverage === 'none') gaps.push({ kind: 'noCalendar' });
  else if (typeof coverage === 'object' && coverage.from > weeks[0].from) gaps.push({ kind: 'meetingsFrom', from: coverage.from });
  const learning = context.trackingStart === null || trackedCounted < MIN_TRACKED_WEEKS;
  const fired = signals.filter((s) => s.fired).length;
  const inARow = Number(signals[0].numbers.weeksInARow ?? 0);
  const state: EdgeState = learning
    ? 'learning'
    : fired >= 2 || inARow >= ERODING_BELOW_FLOOR_WEEKS
      ? 'eroding'
      : fired === 1
        ? 'watch'
        : 'healthy';
  const finalSignals = learning ? signals.map((s) => ({ ...s, fired: false })) : signals;
  return { state, asOf, floor: context.floor, signals: finalSignals, weeks, gaps };
}

/** Measures over edgeRange(asOf) and the edge state, in one call (what the host and CLI use). */
export function assessEdge(inputs: MeasureInputs, asOf: string): EdgeResult {
  return computeEdge(dailyMeasures(inputs, edgeRange(asOf)), inputs.context, asOf);
}
