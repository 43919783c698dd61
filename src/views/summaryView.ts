// The monthly summary as a lead reads it: the numbers of src/core/summary/monthlySummary.ts plus their
// words (the edge's details, two or three suggestions). Every renderer (Markdown, HTML, JSON, CSV) takes a
// MonthlySummary from here. Pure: no vscode, no I/O.
import type { MeasureInputs } from '../core/context';
import type { EdgeResult, EdgeState, SignalId } from '../core/edge';
import type { Floor, Role } from '../core/roles';
import { buildSummaryModel, type SummaryModel, type SummaryOptions } from '../core/summary/monthlySummary';
import { ENGLISH, hoursIn, numberIn, percentIn, type Localizer } from '../shared/locale';
import { edgeHeadline, missingLines, signalViews } from './edgeText';

export type * from '../core/summary/monthlySummary';
export { LARGE_MEETING_ATTENDEES, ONE_ON_ONE_ATTENDEES, BASELINE_MONTHS, TOP_ITEMS, SUMMARY_SCHEMA, SUMMARY_KIND, hoursOf, minutesOf, summaryAsOf, summaryRange } from '../core/summary/monthlySummary';
export { monthLabel, WEEKDAY_SHORT } from './labels';
export { STATE_LABEL as STATE_TEXT } from './edgeText';

const HOUR = 3_600_000;

/** The summary a lead reads: numbers and words. */
export interface MonthlySummary extends Omit<SummaryModel, 'edge'> {
  readonly edge: SummaryEdge;
  readonly suggestions: readonly Suggestion[];
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


/** Two or three concrete, fair suggestions derived from the month's numbers (rules in docs/summary.md). */
export function suggest(s: SummaryModel, l: Localizer = ENGLISH): Suggestion[] {
  const pct = (r: number) => percentIn(l, r);
  const h1 = (ms: number) => hoursIn(l, ms);
  const out: { id: SuggestionId; text: string; weight: number }[] = [];
  const mix = s.meetingMix, dw = s.deepWork, hl = s.headline;
  if (!s.meetingsCovered) {
    out.push({ id: 'connectCalendar', weight: 90, text: l.t('Connect a calendar (or log meetings) so meeting load and the craft ratio can be measured; this month shows hands-on time only.') });
  }
  if (s.trackingStart === null || hl.handsOnMs === 0 && hl.availableDays === 0) {
    out.push({ id: 'trackMore', weight: 80, text: l.t('No working days were tracked this month, so there is nothing to judge yet; the summary fills in once activity is recorded.') });
  }
  const below = s.weeks.filter((w) => w.belowFloor && w.availableDays > 0);
  const countedWeeks = s.weeks.filter((w) => w.availableDays > 0);
  if (below.length > 0) {
    const missingMs = below.reduce((sum, w) => sum + Math.max(0, w.floorHandsOnMs - w.handsOnMs), 0);
    out.push({
      id: 'blockHandsOn',
      weight: 70 + below.length,
      text: missingMs > 0
        ? l.t('{0} of {1} weeks were under the {2} floor ({3} h a week, {4} craft ratio), {5} short in total. Book two recurring 2-hour hands-on blocks a week to close the gap.', below.length, countedWeeks.length, s.role, numberIn(l, s.floor.weeklyHandsOnHours), pct(s.floor.craftRatio), h1(missingMs))
        : l.t('{0} of {1} weeks were under the {2} floor ({3} h a week, {4} craft ratio). Book two recurring 2-hour hands-on blocks a week to close the gap.', below.length, countedWeeks.length, s.role, numberIn(l, s.floor.weeklyHandsOnHours), pct(s.floor.craftRatio)),
    });
  }
  if (mix.covered && mix.total.ms > 0 && mix.recurring.ms / mix.total.ms >= 0.5 && mix.recurring.ms >= 4 * HOUR) {
    out.push({
      id: 'trimRecurring',
      weight: 50 + (mix.recurring.ms / mix.total.ms) * 20,
      text: l.t('Recurring meetings took {0} ({1} of meeting time, {2} occurrences). Review the series together: shortening or dropping one weekly hour frees about 4 hours a month.', h1(mix.recurring.ms), pct(mix.recurring.ms / mix.total.ms), mix.recurring.count),
    });
  }
  if (mix.covered && mix.large.ms >= 3 * HOUR) {
    out.push({
      id: 'asyncLarge',
      weight: 45 + Math.min(15, mix.large.ms / HOUR / 2),
      text: l.t('{0} meetings with {1} or more attendees took {2}. Consider a written update instead of attending some of them.', mix.large.count, mix.largeThreshold, h1(mix.large.ms)),
    });
  }
  if (mix.covered && dw.availableDays >= 5 && dw.daysWithFocusWindow / dw.availableDays < 0.5) {
    out.push({
      id: 'protectFocus',
      weight: 60 + (1 - dw.daysWithFocusWindow / dw.availableDays) * 10,
      text: l.t('Only {0} of {1} working days had a meeting-free window of 2 hours or more. Protect two or three mornings a week from meetings ("Protect focus time" exports them as calendar blocks).', dw.daysWithFocusWindow, dw.availableDays),
    });
  }
  if (mix.covered && dw.fragments >= dw.availableDays * 2 && dw.availableDays > 0) {
    out.push({
      id: 'clusterMeetings',
      weight: 40,
      text: l.t('{0} gaps of under an hour between meetings ({1} in total) are hard to use for hands-on work. Back-to-back meetings on fewer days would turn them into focus time.', dw.fragments, h1(dw.fragmentedMs)),
    });
  }
  if (hl.handsOnMs >= 4 * HOUR && dw.shareOfHandsOn !== null && dw.shareOfHandsOn < 0.3) {
    out.push({
      id: 'deepWork',
      weight: 35,
      text: l.t('Only {0} of hands-on time came in blocks of {1} minutes or more. Fewer interruptions during coding time would make the same hours count for more.', pct(dw.shareOfHandsOn), dw.deepWorkMinutes),
    });
  }
  if (s.edge.state === 'healthy' || (below.length === 0 && countedWeeks.length > 0)) {
    out.push({
      id: 'keepGoing',
      weight: 10,
      text: dw.focusWindows > 0
        ? l.t("Every counted week met the {0} floor and {1} focus windows were available. Keep the habits that made this month work, and guard them in next month's calendar.", s.role, dw.focusWindows)
        : l.t("Every counted week met the {0} floor. Keep the habits that made this month work, and guard them in next month's calendar.", s.role),
    });
  }
  out.sort((a, b) => b.weight - a.weight);
  const chosen = out.slice(0, 3);
  if (chosen.length < 2) {
    const fallback: Suggestion = { id: 'protectFocus', text: l.t('Keep at least one 2-hour meeting-free block on most working days; it is where deep work happens.') };
    if (!chosen.some((c) => c.id === fallback.id)) chosen.push({ ...fallback, weight: 0 });
  }
  return chosen.map(({ id, text }) => ({ id, text }));
}

function edgeView(edge: EdgeResult, role: Role, l: Localizer): SummaryEdge {
  return {
    state: edge.state,
    asOf: edge.asOf,
    headline: edgeHeadline(edge, l),
    role,
    floor: edge.floor,
    signals: signalViews(edge, l),
    missing: missingLines(edge, l),
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

/** The numbers (one pass over the one set of inputs) and their words. */
export function monthlySummary(inputs: MeasureInputs, month: string, options: SummaryOptions = {}, l: Localizer = ENGLISH): MonthlySummary {
  return describeSummary(buildSummaryModel(inputs, month, options), l);
}

/** Adds the words to a summary model. */
export function describeSummary(model: SummaryModel, l: Localizer = ENGLISH): MonthlySummary {
  return { ...model, edge: edgeView(model.edge, model.role, l), suggestions: suggest(model, l) };
}
