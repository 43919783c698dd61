// A week (or the part of a week a view shows) judged against the floor: the one place where day measures
// become a week's judged totals. The edge engine, the monthly summary, the dashboard and the team
// contribution all call judgeDays (docs/architecture.md). Pure.
import type { MeasureContext } from './context';
import type { DayMeasures } from './measures';
import { judgeWeek, meetingsCovered, trackedBy, type WeekJudgement } from './rules';
import { isoWeek } from './zone';

export interface JudgedWeek extends WeekJudgement {
  /** ISO week 'YYYY-Www' of the first day. */
  readonly week: string;
  readonly from: string;
  readonly to: string;
  /** Hands-on of the days that are not time off (weekend work included): what the floor judges. */
  readonly handsOnMs: number;
  /** Meetings of the days that are not time off. */
  readonly meetingMs: number;
  /** Working weekdays per workingHours among the days (taken off or not). */
  readonly workingDays: number;
  /** Working days that counted (not marked off, not idle). */
  readonly availableDays: number;
  /** Tracking had begun by the first working day. */
  readonly tracked: boolean;
  readonly deepWorkBlocks: number;
  /** Assisted time of the days that are not time off (shown beside hands-on, never inside it). */
  readonly assistedMs: number;
  /** What the floors judged: hands-on plus craftTime.edge.assistedCredit x assisted (= handsOnMs at 0). */
  readonly creditedHandsOnMs: number;
}

/** Judges consecutive days of one ISO week (a whole week, or the part of it a month or a view shows). */
export function judgeDays(days: readonly DayMeasures[], context: MeasureContext): JudgedWeek {
  let handsOnMs = 0, assistedMs = 0, meetingMs = 0, workingDays = 0, availableDays = 0, deepWorkBlocks = 0;
  let firstWorkday: string | undefined;
  for (const d of days) {
    if (d.workday) {
      workingDays++;
      firstWorkday ??= d.date;
    }
    deepWorkBlocks += d.deepWorkBlocks;
    if (d.status === 'timeOff') continue;
    handsOnMs += d.handsOnMs;
    assistedMs += d.assistedMs;
    meetingMs += d.meetingMs;
    if (d.status === 'working') availableDays++;
  }
  const from = days[0].date, to = days[days.length - 1].date;
  const tracked = trackedBy(context.trackingStart, firstWorkday ?? from);
  const covered = meetingsCovered(context.meetingCoverage, from);
  // Floors count the user's own hands; a personal credit (default 0) may count a share of assisted time.
  const creditedHandsOnMs = handsOnMs + context.assistedCredit * assistedMs;
  const judgement = judgeWeek({ handsOnMs: creditedHandsOnMs, meetingMs, availableDays }, context.floor, context.workingHours, { tracked, covered });
  return { ...judgement, week: isoWeek(from), from, to, handsOnMs, meetingMs, workingDays, availableDays, tracked, deepWorkBlocks, assistedMs, creditedHandsOnMs };
}

/** Splits date-ordered days into ISO weeks and judges each. */
export function judgeWeeks(days: readonly DayMeasures[], context: MeasureContext): JudgedWeek[] {
  const groups: DayMeasures[][] = [];
  let last = '';
  for (const d of days) {
    const key = isoWeek(d.date);
    if (groups.length === 0 || key !== last) groups.push([]);
    groups[groups.length - 1].push(d);
    last = key;
  }
  return groups.map((g) => judgeDays(g, context));
}
