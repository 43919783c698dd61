// The monthly summary as JSON (schema documented in docs/summary.md). Minutes and hours use the same
// rounding as `craft-time days` (minutes, two decimals) so the numbers can be compared one to one.
import { CATEGORIES, type ByCategory } from '../../core/types';
import { hoursOf, minutesOf, SUMMARY_KIND, SUMMARY_SCHEMA, type Headline, type MixBucket, type MonthlySummary } from '../summaryView';

const r4 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10_000) / 10_000);

function categories(c: ByCategory): Record<string, number> {
  return Object.fromEntries(CATEGORIES.map((k) => [k, minutesOf(c[k])]));
}

function headline(h: Headline, covered: boolean) {
  return {
    handsOnHours: hoursOf(h.handsOnMs),
    meetingHours: hoursOf(h.meetingMs),
    craftRatio: covered ? r4(h.craftRatio) : null,
    handsOnMinutes: minutesOf(h.handsOnMs),
    meetingMinutes: minutesOf(h.meetingMs),
    workingDays: Math.round(h.availableDays * 100) / 100,
    handsOnHoursPerWorkingDay: h.handsOnPerDayMs === null ? null : hoursOf(h.handsOnPerDayMs),
  };
}

const bucket = (b: MixBucket) => ({ count: b.count, hours: hoursOf(b.ms), minutes: minutesOf(b.ms) });

/** The JSON document as a plain object (what `--format json` prints, pretty-printed). */
export function summaryToJson(s: MonthlySummary) {
  const { lastMonth, baseline } = s.comparison;
  return {
    schema: SUMMARY_SCHEMA,
    kind: SUMMARY_KIND,
    month: s.month,
    from: s.from,
    to: s.to,
    through: s.through,
    inProgress: s.inProgress,
    timeZone: s.timeZone,
    role: s.role,
    meetingsCovered: s.meetingsCovered,
    ...headline(s.headline, s.meetingsCovered),
    assistedHours: hoursOf(s.assistedMs),
    assistedMinutes: minutesOf(s.assistedMs),
    correctedByYouHours: hoursOf(s.correctedMs),
    comparison: {
      lastMonth: lastMonth ? { month: lastMonth.month, ...headline(lastMonth, s.meetingsCovered) } : null,
      baseline: baseline ? { months: baseline.months, ...headline(baseline, s.meetingsCovered) } : null,
    },
    weeks: s.weeks.map((w) => ({
      week: w.week,
      from: w.from,
      to: w.to,
      partial: w.partial,
      handsOnMinutes: minutesOf(w.handsOnMs),
      meetingMinutes: minutesOf(w.meetingMs),
      craftRatio: w.meetingsCovered ? r4(w.craftRatio) : null,
      handsOnHours: hoursOf(w.handsOnMs),
      meetingHours: hoursOf(w.meetingMs),
      floorHours: hoursOf(w.floorHandsOnMs),
      belowFloor: w.belowFloor,
      workingDays: w.availableDays,
      daysOff: w.daysOff,
      deepWorkBlocks: w.deepWorkBlocks,
      focusWindows: w.focusWindows,
    })),
    days: s.days.map((d) => ({
      date: d.date,
      weekday: d.weekday,
      status: d.status,
      handsOnMinutes: minutesOf(d.handsOnMs),
      assistedMinutes: minutesOf(d.assistedMs),
      meetingMinutes: minutesOf(d.meetingMs),
      overlapMinutes: minutesOf(d.overlapMs),
      craftRatio: d.meetingsCovered ? r4(d.craftRatio) : null,
      deepWorkBlocks: d.deepWorkBlocks,
      deepWorkMinutes: minutesOf(d.deepWorkMs),
      focusWindows: d.focusWindows,
      focusMinutes: minutesOf(d.focusMs),
      fragments: d.fragments,
      byCategory: categories(d.byCategory),
    })),
    byCategory: categories(s.byCategory),
    languages: s.languages.map((l) => ({ language: l.name, minutes: minutesOf(l.ms) })),
    ...(s.workspaces ? { workspaces: s.workspaces.map((w) => ({ workspace: w.name, minutes: minutesOf(w.ms) })) } : {}),
    deepWork: {
      thresholdMinutes: s.deepWork.deepWorkMinutes,
      blocks: s.deepWork.blocks,
      hours: hoursOf(s.deepWork.deepWorkMs),
      shareOfHandsOn: r4(s.deepWork.shareOfHandsOn),
      averageBlockMinutes: s.deepWork.averageBlockMs === null ? null : minutesOf(s.deepWork.averageBlockMs),
      longestRunMinutes: minutesOf(s.deepWork.longestRunMs),
      daysWithDeepWork: s.deepWork.daysWithDeepWork,
      lowHandsOnDays: s.deepWork.lowHandsOnDays,
      longestLowRun: s.deepWork.longestLowRun,
    },
    focus: {
      windows: s.deepWork.focusWindows,
      hours: hoursOf(s.deepWork.focusMs),
      daysWithFocusWindow: s.deepWork.daysWithFocusWindow,
      workingDays: s.deepWork.availableDays,
      fragments: s.deepWork.fragments,
      fragmentedHours: hoursOf(s.deepWork.fragmentedMs),
    },
    meetingMix: s.meetingMix.covered
      ? {
          largeMeetingMinAttendees: s.meetingMix.largeThreshold,
          total: bucket(s.meetingMix.total),
          recurring: bucket(s.meetingMix.recurring),
          oneOff: bucket(s.meetingMix.oneOff),
          oneOnOne: bucket(s.meetingMix.oneOnOne),
          large: bucket(s.meetingMix.large),
          unknownSize: bucket(s.meetingMix.unknownSize),
          conflictHours: hoursOf(s.meetingMix.conflictMs),
          handsOnDuringMeetingsHours: hoursOf(s.meetingMix.overlapMs),
        }
      : null,
    edge: {
      state: s.edge.state,
      asOf: s.edge.asOf,
      role: s.edge.role,
      floor: { weeklyHandsOnHours: s.edge.floor.weeklyHandsOnHours, craftRatio: s.edge.floor.craftRatio },
      headline: s.edge.headline,
      missing: s.edge.missing,
      signals: s.edge.signals.map((x) => ({ id: x.id, fired: x.fired, available: x.available, detail: x.detail, numbers: x.numbers })),
      // Same fields and rounding as `craft-time edge --json` (src/cli/commands/edge.ts edgeJson).
      weeks: s.edge.weeks.map((w) => ({
        week: w.week,
        from: w.from,
        to: w.to,
        handsOnMinutes: minutesOf(w.handsOnMs),
        meetingMinutes: minutesOf(w.meetingMs),
        craftRatio: w.meetingsCovered ? r4(w.craftRatio) : null,
        floorHandsOnHours: Math.round((w.floorHandsOnMs / 3_600_000) * 100) / 100,
        workingDays: w.workingDays,
        availableDays: w.availableDays,
        tracked: w.tracked,
        counted: w.counted,
        belowFloor: w.belowFloor,
      })),
    },
    suggestions: s.suggestions.map((x) => ({ id: x.id, text: x.text })),
    timeOff: s.timeOff,
  };
}

export type SummaryJson = ReturnType<typeof summaryToJson>;

export function renderSummaryJson(s: MonthlySummary): string {
  return JSON.stringify(summaryToJson(s), null, 2) + '\n';
}
