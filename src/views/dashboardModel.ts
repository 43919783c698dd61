// The dashboard's view model (src/shared/protocol.ts) for a month or the last 12 weeks. Pure: the same
// measures, week judgement and edge engine as every other surface, no clock (today is a parameter), no I/O.
import { rankTotals, sumByKey } from '../core/breakdown';
import type { MeasureInputs } from '../core/context';
import { computeEdge, edgeRange } from '../core/edge';
import { dailyMeasures, heatMap, type DayMeasures } from '../core/measures';
import { craftRatio, shownCraftRatio } from '../core/rules';
import { CATEGORIES } from '../core/types';
import { judgeWeeks } from '../core/weeks';
import { handsOnByProgram } from '../core/programs';
import { addDays, addMonths, monthOf, monthRange, startOfDay, startOfIsoWeek } from '../core/zone';
import type { CalendarHealthView, DashboardModel, DashboardRange, DashboardWeek } from '../shared/protocol';
import { categoryName, ENGLISH, monthLabelIn, type Localizer } from '../shared/locale';
import { edgeHeadline, missingLines, signalViews } from './edgeText';

/** Languages and workspaces listed by name at most (the rest are summed as "other"). */
export const DASHBOARD_TOP_ITEMS = 10;
/** The default view: this ISO week and the 11 before it. */
export const DEFAULT_WEEKS = 12;
/** The month picker offers at most this many months. */
export const MAX_PICKER_MONTHS = 36;

export interface DashboardOptions {
  readonly range: DashboardRange;
  /** Today's local date: the view never goes past it, and the edge is judged as of it. */
  readonly today: string;
  /** Show workspaces by name (a setting; names never leave the machine either way). */
  readonly includeWorkspaces?: boolean;
  readonly workspaceNames?: ReadonlyMap<string, string>;
  /** Passed through to the calendar health card. */
  readonly calendars?: readonly CalendarHealthView[];
  /** Changed lines per local day (hands, assisted), for the weekly "lines you wrote yourself". */
  readonly changedLines?: ReadonlyMap<string, { readonly hands: number; readonly assisted: number }>;
  /** The display language for every text in the model (default English). */
  readonly locale?: Localizer;
}

/** The local dates the view covers (never past today). */
export function dashboardDates(range: DashboardRange, today: string): { from: string; to: string } {
  if (range.kind === 'last12Weeks') return { from: addDays(startOfIsoWeek(today), -7 * (DEFAULT_WEEKS - 1)), to: today };
  const r = monthRange(range.month);
  return { from: r.from, to: r.to < today ? r.to : today < r.from ? r.from : today };
}

/** The dates to compute measures for: the view plus the edge window before today. */
export function dashboardMeasureRange(range: DashboardRange, today: string): { from: string; to: string } {
  const view = dashboardDates(range, today);
  const edge = edgeRange(today);
  return { from: view.from < edge.from ? view.from : edge.from, to: view.to > edge.to ? view.to : edge.to };
}

function pickerMonths(today: string, trackingStart: string | null): string[] {
  const last = monthOf(today);
  const first = trackingStart ? monthOf(trackingStart) : last;
  const out: string[] = [];
  for (let m = last; m >= first && out.length < MAX_PICKER_MONTHS; m = addMonths(m, -1)) out.push(m);
  return out;
}

/** Share of changed lines written by the user between two dates (inclusive), null when none changed. */
function ownShare(lines: DashboardOptions['changedLines'], from: string, to: string): number | null {
  if (!lines) return null;
  let hands = 0, assisted = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const l = lines.get(d);
    if (l) {
      hands += l.hands;
      assisted += l.assisted;
    }
  }
  return hands + assisted === 0 ? null : hands / (hands + assisted);
}

/** Builds the dashboard model from day measures covering dashboardMeasureRange (reused across views). */
export function dashboardModelFromDays(allDays: readonly DayMeasures[], inputs: MeasureInputs, options: DashboardOptions): DashboardModel {
  const { range, today } = options;
  const l = options.locale ?? ENGLISH;
  const context = inputs.context;
  const { from, to } = dashboardDates(range, today);
  const days = allDays.filter((d) => d.date >= from && d.date <= to);
  const coverage = context.meetingCoverage;
  const weeks: DashboardWeek[] = judgeWeeks(days, context).map((w) => ({
    week: w.week,
    from: w.from,
    to: w.to,
    complete: w.from === startOfIsoWeek(w.from) && addDays(w.from, 6) === w.to,
    handsOnMs: w.handsOnMs,
    assistedMs: w.assistedMs,
    ownLinesShare: ownShare(options.changedLines, w.from, w.to),
    meetingMs: w.meetingMs,
    craftRatio: w.meetingsCovered ? w.craftRatio : null,
    availableDays: w.availableDays,
    floorHandsOnMs: w.floorHandsOnMs,
    belowFloor: w.belowFloor,
  }));
  const edge = computeEdge(allDays, context, today);
  const handsOnMs = days.reduce((s, d) => s + d.handsOnMs, 0);
  const meetingMs = days.reduce((s, d) => s + d.meetingMs, 0);
  const names = options.workspaceNames ?? new Map<string, string>();
  const meetingsCovered = coverage !== 'none';
  const title = range.kind === 'last12Weeks' ? l.t('Last {0} weeks', DEFAULT_WEEKS) : monthLabelIn(l, range.month);
  return {
    range,
    from,
    to,
    title,
    months: pickerMonths(today, context.trackingStart),
    timeZone: context.timeZone,
    role: context.role,
    floor: { weeklyHandsOnHours: context.floor.weeklyHandsOnHours, craftRatio: context.floor.craftRatio },
    meetingsCovered,
    totals: {
      handsOnMs,
      assistedMs: days.reduce((s, d) => s + d.assistedMs, 0),
      meetingMs,
      craftRatio: meetingsCovered ? craftRatio(handsOnMs, meetingMs) : null,
      deepWorkBlocks: days.reduce((s, d) => s + d.deepWorkBlocks, 0),
      deepWorkMs: days.reduce((s, d) => s + d.deepWorkMs, 0),
      focusWindows: days.reduce((s, d) => s + d.focusWindows, 0),
      availableDays: days.filter((d) => d.status === 'working').length,
      // Days before tracking began are not "off": nobody was measuring yet.
      daysOff: days.filter((d) => (d.status === 'timeOff' || d.status === 'idle') && (!context.trackingStart || d.date >= context.trackingStart)).length,
    },
    days: days.map((d) => ({
      date: d.date,
      weekday: d.weekday,
      status: d.status,
      handsOnMs: d.handsOnMs,
      assistedMs: d.assistedMs,
      meetingMs: d.meetingMs,
      craftRatio: shownCraftRatio(d.handsOnMs, d.meetingMs, coverage, d.date),
      deepWorkBlocks: d.deepWorkBlocks,
      deepWorkMs: d.deepWorkMs,
      longestRunMs: d.longestRunMs,
      focusWindows: d.focusWindows,
    })),
    weeks,
    heatMap: heatMap(days),
    breakdown: {
      categories: CATEGORIES.map((c) => ({ label: categoryName(l, c), ms: days.reduce((s, d) => s + d.byCategory[c], 0) })).filter((x) => x.ms > 0).sort((a, b) => b.ms - a.ms),
      languages: rankTotals(sumByKey(days, (d) => d.byLanguage), (k) => k || l.t('unknown'), DASHBOARD_TOP_ITEMS, l.t('other')),
      programs: [...handsOnByProgram(inputs.segments, startOfDay(from, context.timeZone), startOfDay(addDays(to, 1), context.timeZone))]
        .filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]).map(([label, ms]) => ({ label, ms })),
      workspaces: options.includeWorkspaces ? rankTotals(sumByKey(days, (d) => d.byWorkspace), (k) => (k ? names.get(k) ?? l.t('unnamed workspace') : l.t('no folder')), DASHBOARD_TOP_ITEMS, l.t('other')) : [],
    },
    edge: {
      state: edge.state,
      asOf: edge.asOf,
      headline: edgeHeadline(edge, l),
      signals: signalViews(edge, l).map(({ id, title, fired, available, detail }) => ({ id, title, fired, available, detail })),
      missing: missingLines(edge, l),
    },
    calendars: (options.calendars ?? []).map((c) => ({ id: c.id, kind: c.kind, label: c.label, lastSuccess: c.lastSuccess, events: c.events, problem: c.problem })),
    deepWorkMinutes: context.deepWorkMinutes,
  };
}

/** Measures for the view and the edge window in one pass, then the model. */
export function buildDashboardModel(inputs: MeasureInputs, options: DashboardOptions): DashboardModel {
  return dashboardModelFromDays(dailyMeasures(inputs, dashboardMeasureRange(options.range, options.today)), inputs, options);
}
