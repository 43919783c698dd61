// The technical-edge engine (DESIGN.md "Technical edge"; every rule and its reason in docs/metrics.md).
// Signals are computed on completed ISO weeks as of a local date. Pure: no clock, no I/O.
import { dailyMeasures, isCountedWorkingDay, longestLowRun, type DayMeasures } from './measures';
import type { Floor, Role } from './roles';
import { DEFAULT_WORKING_HOURS, type Interval, type Segment, type TimeOffDay, type WorkingHours } from './types';
import { addDays, isoWeek, localDate, startOfIsoWeek } from './zone';

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

/** Which period the meeting data covers: nothing (no calendar, no manual entries), everything, or from a date. */
export type MeetingCoverage = 'none' | 'full' | { readonly from: string };

export interface EdgeWeek {
  readonly week: string;
  readonly from: string;
  readonly to: string;
  /** Hands-on of the week's days that are not time off (weekend work included). */
  readonly handsOnMs: number;
  readonly meetingMs: number;
  readonly craftRatio: number | null;
  readonly workingDays: number;
  /** Working days that counted (not marked off, not idle). */
  readonly availableDays: number;
  /** Weekly floor pro-rated by availableDays / working days per week. */
  readonly floorHandsOnMs: number;
  /** The week lies entirely after tracking began. */
  readonly tracked: boolean;
  /** Tracked and has at least one available working day: the week judges. */
  readonly counted: boolean;
  readonly meetingsCovered: boolean;
  readonly belowHandsOnFloor: boolean;
  /** Only when meetings cover the week. */
  readonly belowRatioFloor: boolean;
  readonly belowFloor: boolean;
}

export interface EdgeSignal {
  readonly id: SignalId;
  readonly fired: boolean;
  /** False when there was not enough data to evaluate the signal (then it never fires). */
  readonly available: boolean;
  /** Human text with the numbers behind the signal. */
  readonly detail: string;
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
  readonly missing: readonly string[];
  /** One line for a status bar tooltip or a notification. */
  readonly headline: string;
}

export interface EdgeInput {
  /** Day measures covering at least edgeRange(asOf) (other days are ignored). */
  readonly days: readonly DayMeasures[];
  readonly asOf: string;
  readonly floor: Floor;
  readonly workingHours?: WorkingHours;
  readonly meetingCoverage: MeetingCoverage;
  /** First local date with tracked activity, or null when there is none. */
  readonly trackingStart: string | null;
}

/** The dates whose measures computeEdge needs: the WINDOW_WEEKS completed ISO weeks before asOf's week. */
export function edgeRange(asOf: string): { from: string; to: string } {
  const monday = startOfIsoWeek(asOf);
  return { from: addDays(monday, -7 * WINDOW_WEEKS), to: addDays(monday, -1) };
}

/** First local date of the earliest segment (segments sorted), the tracking start. */
export function firstActivityDate(segments: readonly Interval[], timeZone: string): string | null {
  return segments.length === 0 ? null : localDate(segments[0].start, timeZone);
}

const hours = (ms: number) => (Math.round(ms / HOUR * 10) / 10).toFixed(1);
const pct = (r: number | null) => (r === null ? 'n/a' : `${Math.round(r * 100)} %`);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function coversFrom(coverage: MeetingCoverage, date: string): boolean {
  if (coverage === 'none') return false;
  if (coverage === 'full') return true;
  return coverage.from <= date;
}

/** Per-week figures for the window, oldest first. */
export function edgeWeeks(input: EdgeInput): EdgeWeek[] {
  const wh = input.workingHours ?? DEFAULT_WORKING_HOURS;
  const perWeek = wh.days.length;
  const { from } = edgeRange(input.asOf);
  const byDate = new Map(input.days.map((d) => [d.date, d]));
  const weeks: EdgeWeek[] = [];
  for (let w = 0; w < WINDOW_WEEKS; w++) {
    const monday = addDays(from, 7 * w);
    const sunday = addDays(monday, 6);
    let handsOnMs = 0, meetingMs = 0, workingDays = 0, availableDays = 0;
    let firstWorkday: string | undefined;
    for (let i = 0; i < 7; i++) {
      const date = addDays(monday, i);
      const d = byDate.get(date);
      if (!d) throw new RangeError(`computeEdge needs measures for ${date} (see edgeRange).`);
      if (d.workday) {
        workingDays++;
        firstWorkday ??= date;
      }
      if (d.status === 'timeOff') continue;
      handsOnMs += d.handsOnMs;
      meetingMs += d.meetingMs;
      if (isCountedWorkingDay(d)) availableDays++;
    }
    const tracked = input.trackingStart !== null && input.trackingStart <= (firstWorkday ?? monday);
    const counted = tracked && availableDays > 0;
    const meetingsCovered = coversFrom(input.meetingCoverage, monday);
    const craftRatio = handsOnMs + meetingMs === 0 ? null : handsOnMs / (handsOnMs + meetingMs);
    const floorHandsOnMs = perWeek === 0 ? 0 : input.floor.weeklyHandsOnHours * HOUR * (availableDays / perWeek);
    const belowHandsOnFloor = counted && handsOnMs < floorHandsOnMs;
    const belowRatioFloor = counted && meetingsCovered && craftRatio !== null && craftRatio < input.floor.craftRatio;
    weeks.push({
      week: isoWeek(monday),
      from: monday,
      to: sunday,
      handsOnMs,
      meetingMs,
      craftRatio,
      workingDays,
      availableDays,
      floorHandsOnMs,
      tracked,
      counted,
      meetingsCovered,
      belowHandsOnFloor,
      belowRatioFloor,
      belowFloor: belowHandsOnFloor || belowRatioFloor,
    });
  }
  return weeks;
}

function weekText(w: EdgeWeek, floor: Floor): string {
  const parts = [`${w.week}: ${hours(w.handsOnMs)} h hands-on (floor ${hours(w.floorHandsOnMs)} h${w.availableDays < w.workingDays ? ` for ${w.availableDays} of ${w.workingDays} working days` : ''})`];
  if (w.meetingsCovered) parts.push(`craft ratio ${pct(w.craftRatio)} (floor ${pct(floor.craftRatio)})`);
  return parts.join(', ');
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
      detail: `Needs 2 completed weeks that count; ${counted.length} so far.`,
      numbers: { weeksInARow: inARow, floorHours: floor.weeklyHandsOnHours, floorRatio: floor.craftRatio },
    };
  }
  const [last, prev] = counted;
  const fired = last.belowFloor && prev.belowFloor;
  const shown = counted.slice(0, Math.max(2, Math.min(inARow, ERODING_BELOW_FLOOR_WEEKS))).map((w) => weekText(w, floor));
  const head = fired
    ? `Below the floor ${inARow} completed weeks in a row`
    : last.belowFloor
      ? 'Below the floor last week only'
      : 'At or above the floor last week';
  return {
    id: 'belowFloor',
    fired,
    available: true,
    detail: `${head}: ${shown.join('; ')}.`,
    numbers: {
      weeksInARow: inARow,
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

/** Hands-on per available working day, scaled to a full working week; null when no day was available. */
function weeklyEquivalent(weeks: readonly EdgeWeek[], perWeek: number): number | null {
  let ms = 0, days = 0;
  for (const w of weeks) {
    if (!w.counted) continue;
    ms += w.handsOnMs;
    days += w.availableDays;
  }
  return days === 0 ? null : (ms / days) * perWeek;
}

function declineSignal(weeks: readonly EdgeWeek[], perWeek: number): EdgeSignal {
  const baseline = weeks.slice(0, BASELINE_WEEKS);
  const recent = weeks.slice(BASELINE_WEEKS);
  const baselineCounted = baseline.filter((w) => w.counted).length;
  const recentCounted = recent.filter((w) => w.counted).length;
  const base = weeklyEquivalent(baseline, perWeek);
  const now = weeklyEquivalent(recent, perWeek);
  const numbers = {
    recentWeeklyHours: now === null ? null : round(now / HOUR),
    baselineWeeklyHours: base === null ? null : round(base / HOUR),
    shareOfBaseline: now !== null && base ? round(now / base, 4) : null,
    threshold: DECLINE_THRESHOLD,
    recentWeeks: recentCounted,
    baselineWeeks: baselineCounted,
    recentFrom: recent[0].from,
    baselineFrom: baseline[0].from,
  };
  if (baselineCounted < MIN_BASELINE_WEEKS || recentCounted < MIN_RECENT_WEEKS || base === null || now === null) {
    return {
      id: 'decline',
      fired: false,
      available: false,
      detail:
        `Needs at least ${MIN_BASELINE_WEEKS} counted weeks in the 12-week baseline (${baselineCounted} so far) ` +
        `and ${MIN_RECENT_WEEKS} in the last 4 weeks (${recentCounted}).`,
      numbers,
    };
  }
  if (base === 0) {
    return { id: 'decline', fired: false, available: true, detail: 'No hands-on time in the baseline, so nothing to decline from.', numbers };
  }
  const fired = now < DECLINE_THRESHOLD * base;
  return {
    id: 'decline',
    fired,
    available: true,
    detail:
      `Last 4 completed weeks: ${hours(now)} h a week on average, ${Math.round((now / base) * 100)} % of the ` +
      `${hours(base)} h baseline of the 12 weeks before (${fired ? 'under' : 'not under'} ${Math.round(DECLINE_THRESHOLD * 100)} %).`,
    numbers,
  };
}

function awaySignal(days: readonly DayMeasures[], weeks: readonly EdgeWeek[], trackingStart: string | null): EdgeSignal {
  const recent = weeks.slice(BASELINE_WEEKS);
  const from = recent[0].from, to = recent[recent.length - 1].to;
  const inWindow = days.filter((d) => d.date >= from && d.date <= to && trackingStart !== null && d.date >= trackingStart);
  const run = longestLowRun(inWindow);
  const counted = inWindow.filter(isCountedWorkingDay).length;
  const fired = run !== null && run.days >= AWAY_RUN_DAYS;
  const detail = run
    ? `Longest run of working days under 30 min hands-on in the last 4 completed weeks: ${run.days} day${run.days === 1 ? '' : 's'} ` +
      `(${run.from} to ${run.to}; ${fired ? 'at least' : 'under'} ${AWAY_RUN_DAYS}).`
    : `No working day under 30 min hands-on in the last 4 completed weeks (${counted} working days counted).`;
  return {
    id: 'awayFromCode',
    fired,
    available: counted > 0,
    detail,
    numbers: { longestRunDays: run?.days ?? 0, runFrom: run?.from ?? null, runTo: run?.to ?? null, threshold: AWAY_RUN_DAYS, countedDays: counted },
  };
}

/** The edge state as of a date, from day measures covering edgeRange(asOf). */
export function computeEdge(input: EdgeInput): EdgeResult {
  const wh = input.workingHours ?? DEFAULT_WORKING_HOURS;
  const weeks = edgeWeeks(input);
  const signals = [belowFloorSignal(weeks, input.floor), declineSignal(weeks, wh.days.length), awaySignal(input.days, weeks, input.trackingStart)];
  const trackedCounted = weeks.filter((w) => w.counted).length;
  const missing: string[] = [];
  if (input.trackingStart === null) missing.push('no hands-on activity tracked yet');
  else if (trackedCounted < MIN_TRACKED_WEEKS) {
    missing.push(
      `${trackedCounted} of ${MIN_TRACKED_WEEKS} complete weeks of tracking (tracking since ${input.trackingStart}; ` +
        `a week counts once it is complete and has a working day that is not time off)`,
    );
  }
  if (input.meetingCoverage === 'none') {
    missing.push('no calendar connected: meeting-based signals are off (the craft-ratio floor is not checked, and days with no activity look like days off)');
  } else if (typeof input.meetingCoverage === 'object' && input.meetingCoverage.from > weeks[0].from) {
    missing.push(`meetings known only from ${input.meetingCoverage.from}: the craft-ratio floor is checked from then on`);
  }
  const learning = input.trackingStart === null || trackedCounted < MIN_TRACKED_WEEKS;
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
  return { state, asOf: input.asOf, floor: input.floor, signals: finalSignals, weeks, missing, headline: headline(state, finalSignals, missing) };
}

const SIGNAL_TITLES: Record<SignalId, string> = {
  belowFloor: 'Below floor',
  decline: 'Decline',
  awayFromCode: 'Away from the code',
};

export function signalTitle(id: SignalId): string {
  return SIGNAL_TITLES[id];
}

function headline(state: EdgeState, signals: readonly EdgeSignal[], missing: readonly string[]): string {
  switch (state) {
    case 'learning':
      return `Learning: ${missing[0] ?? 'not enough data yet'}.`;
    case 'healthy':
      return 'Healthy: no signal fired over the last completed weeks.';
    case 'watch':
    case 'eroding': {
      const names = signals.filter((s) => s.fired).map((s) => SIGNAL_TITLES[s.id].toLowerCase());
      const label = state === 'watch' ? 'Watch' : 'Eroding';
      return names.length > 0 ? `${label}: ${names.join(', ')}.` : `${label}: below floor for ${ERODING_BELOW_FLOOR_WEEKS}+ completed weeks.`;
    }
  }
}

/** The readable explanation behind "Why?" (Markdown). */
export function explainEdge(result: EdgeResult, role?: Role): string {
  const lines: string[] = [];
  const stateText: Record<EdgeState, string> = {
    learning: 'Learning: not enough data yet to say anything fair.',
    healthy: 'Healthy: none of the three signals fired.',
    watch: 'Watch: one signal fired.',
    eroding: 'Eroding: two or more signals fired, or you have been below the floor for 4 completed weeks in a row.',
  };
  lines.push(`# Technical edge as of ${result.asOf}`, '', `**${stateText[result.state]}**`, '');
  lines.push(
    `Floor${role ? ` for ${role}` : ''}: ${result.floor.weeklyHandsOnHours} h hands-on a week ` +
      `(pro-rated for days off) and a craft ratio of ${pct(result.floor.craftRatio)}.`,
    '',
  );
  if (result.missing.length > 0) {
    lines.push('What is missing:', '', ...result.missing.map((m) => `- ${m}`), '');
  }
  lines.push('## Signals', '');
  for (const s of result.signals) {
    const mark = !s.available ? 'not enough data' : s.fired ? 'fired' : 'did not fire';
    lines.push(`- **${SIGNAL_TITLES[s.id]}** (${mark}): ${s.detail}`);
  }
  lines.push('', '## Completed weeks', '', '| week | hands-on h | floor h | meetings h | craft ratio | working days counted | below floor |', '|---|---|---|---|---|---|---|');
  for (const w of result.weeks) {
    if (!w.tracked) continue;
    lines.push(
      `| ${w.week} | ${hours(w.handsOnMs)} | ${hours(w.floorHandsOnMs)} | ${w.meetingsCovered ? hours(w.meetingMs) : 'n/a'} | ` +
        `${w.meetingsCovered ? pct(w.craftRatio) : 'n/a'} | ${w.availableDays} of ${w.workingDays} | ${!w.counted ? 'not counted' : w.belowFloor ? 'yes' : 'no'} |`,
    );
  }
  lines.push(
    '',
    'Days marked as time off, all-day out-of-office events, and working days with no activity and no meetings count ' +
      'neither for nor against you: the weekly floor shrinks by one working day\'s share for each such day, and they are skipped in runs.',
  );
  return lines.join('\n') + '\n';
}

export interface AssessEdgeInput {
  readonly segments: readonly Segment[];
  readonly meetings: readonly Interval[];
  readonly timeOff?: readonly TimeOffDay[];
  readonly asOf: string;
  readonly timeZone: string;
  readonly floor: Floor;
  readonly workingHours?: WorkingHours;
  readonly deepWorkMinutes?: number;
  readonly meetingCoverage: MeetingCoverage;
  /** Defaults to the local date of the first segment given (pass it when segments start inside the window). */
  readonly trackingStart?: string | null;
}

/** Measures over edgeRange(asOf) and the edge state, in one call (what the host and CLI use). */
export function assessEdge(input: AssessEdgeInput): EdgeResult {
  const range = edgeRange(input.asOf);
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
  return computeEdge({
    days,
    asOf: input.asOf,
    floor: input.floor,
    workingHours: input.workingHours,
    meetingCoverage: input.meetingCoverage,
    trackingStart,
  });
}
