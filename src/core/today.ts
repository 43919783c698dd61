// Today and this ISO week (Monday to today): the numbers the status bar, its tooltip, *Show Today* and
// `craft-time status` share. One function, so they can never disagree. Pure.
import type { MeasureInputs } from './context';
import { dailyMeasures, type DayMeasures } from './measures';
import { meetingsCovered, shownCraftRatio } from './rules';
import { startOfIsoWeek } from './zone';

export interface TodayAndWeek {
  readonly date: string;
  readonly today: DayMeasures;
  /** Monday .. today of the current ISO week. */
  readonly week: readonly DayMeasures[];
  readonly weekHandsOnMs: number;
  readonly weekMeetingMs: number;
  /** Assisted time (tools writing) this week: beside hands-on, never inside it. */
  readonly weekAssistedMs: number;
  /** Meeting data covers today (else meetings and ratios are unknown, not zero). */
  readonly meetingsKnown: boolean;
  /** null when meetings are not known, or both numbers are zero. */
  readonly todayCraftRatio: number | null;
  readonly weekCraftRatio: number | null;
}

export function todayAndWeek(inputs: MeasureInputs, today: string): TodayAndWeek {
  const monday = startOfIsoWeek(today);
  const week = dailyMeasures(inputs, { from: monday, to: today });
  const day = week[week.length - 1];
  const weekHandsOnMs = week.reduce((s, d) => s + d.handsOnMs, 0);
  const weekMeetingMs = week.reduce((s, d) => s + d.meetingMs, 0);
  const coverage = inputs.context.meetingCoverage;
  return {
    date: today,
    today: day,
    week,
    weekHandsOnMs,
    weekMeetingMs,
    weekAssistedMs: week.reduce((s, d) => s + d.assistedMs, 0),
    meetingsKnown: meetingsCovered(coverage, today),
    todayCraftRatio: shownCraftRatio(day.handsOnMs, day.meetingMs, coverage, today),
    weekCraftRatio: shownCraftRatio(weekHandsOnMs, weekMeetingMs, coverage, today),
  };
}
