// The dashboard's view model (src/shared/protocol.ts) for a month or the last 12 weeks. Pure: the same
// measures and edge engine as every other surface, no clock (today is a parameter), no I/O.
import { rankTotals, sumByKey } from './breakdown';
import type { CalendarHealthView, DashboardModel, DashboardRange, DashboardWeek } from '../shared/protocol';
import { computeEdge, edgeRange, firstActivityDate, signalTitle, type MeetingCoverage } from './edge';
import { aggregate, dailyMeasures, heatMap, type DayMeasures } from './measures';
import type { Floor, Role } from './roles';
import { DEFAULT_WORKING_HOURS, CATEGORIES, type Meeting, type Segment, type TimeOffDay, type WorkingHours } from './types';
import { addDays, addMonths, isoWeek, monthOf, monthRange, startOfIsoWeek } from './zone';

const HOUR = 3_600_000;
/** Languages and workspaces listed by name at most (the rest are summed as "other"). */
export const DASHBOARD_TOP_ITEMS = 10;
/** The default view: this ISO week and the 11 before it. */
export const DEFAULT_WEEKS = 12;
/** The month picker offers at most this many months. */
export const MAX_PICKER_MONTHS = 36;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface DashboardInput {
  readonly range: DashboardRange;
  /** Today's local date: the view never goes past it, and the edge is judged as of it. */
  readonly today: string;
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
  /** Show workspaces by name (a setting; names never leave the machine either way). */
  readonly includeWorkspaces?: boolean;
  readonly workspaceNames?: ReadonlyMap<string, string>;
  /** Passed through to the calendar health card. */
  readonly calendars?: readonly CalendarHealthView[];
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

/** Builds the dashboard model from day measures covering dashboardMeasureRange (reused across views). */
export function dashboardModelFromDays(input: Omit<DashboardInput, 'segments'> & { readonly days: readonly DayMeasures[]; readonly trackingStart: string | null }): DashboardModel {
  const { range, today } = input;
  const { from, to } = dashboardDates(range, today);
  const wh = input.workingHours ?? DEFAULT_WORKING_HOURS;
  const days = input.days.filter((d) => d.date >= from && d.date <= to);
  const covered = (date: string) => input.meetingCoverage === 'full' || (input.meetingCoverage !== 'none' && input.meetingCoverage.from <= date);
  const perWeek = wh.days.length;
  const weeks: DashboardWeek[] = aggregate(days, (d) => isoWeek(d)).map((p) => {
    const floorHandsOnMs = perWeek === 0 ? 0 : input.floor.weeklyHandsOnHours * HOUR * (p.availableDays / perWeek);
    const counted = p.availableDays > 0;
    return {
      week: p.period,
      from: p.from,
      to: p.to,
      complete: p.complete,
      handsOnMs: p.handsOnMs,
      meetingMs: p.meetingMs,
      craftRatio: covered(p.from) ? p.craftRatio : null,
      availableDays: p.availableDays,
      floorHandsOnMs,
      belowFloor: counted && (p.handsOnMs < floorHandsOnMs || (covered(p.from) && p.craftRatio !== null && p.craftRatio < input.floor.craftRatio)),
    };
  });
  const edge = computeEdge({
    days: input.days,
    asOf: today,
    floor: input.floor,
    workingHours: input.workingHours,
    meetingCoverage: input.meetingCoverage,
    trackingStart: input.trackingStart,
  });
  const handsOnMs = days.reduce((s, d) => s + d.handsOnMs, 0);
  const meetingMs = days.reduce((s, d) => s + d.meetingMs, 0);
  const names = input.workspaceNames ?? new Map<string, string>();
  const meetingsCovered = input.meetingCoverage !== 'none';
  const title = range.kind === 'last12Weeks' ? `Last ${DEFAULT_WEEKS} weeks` : `${MONTH_NAMES[Number(range.month.slice(5, 7)) - 1]} ${range.month.slice(0, 4)}`;
  return {
    range,
    from,
    to,
    title,
    months: pickerMonths(today, input.trackingStart),
    timeZone: input.timeZone,
    role: input.role,
    floor: { weeklyHandsOnHours: input.floor.weeklyHandsOnHours, craftRatio: input.floor.craftRatio },
    meetingsCovered,
    totals: {
      handsOnMs,
      meetingMs,
      craftRatio: meetingsCovered && handsOnMs + meetingMs > 0 ? handsOnMs / (handsOnMs + meetingMs) : null,
      deepWorkBlocks: days.reduce((s, d) => s + d.deepWorkBlocks, 0),
      deepWorkMs: days.reduce((s, d) => s + d.deepWorkMs, 0),
      focusWindows: days.reduce((s, d) => s + d.focusWindows, 0),
      availableDays: days.filter((d) => d.status === 'working').length,
      // Days before tracking began are not "off": nobody was measuring yet.
      daysOff: days.filter((d) => (d.status === 'timeOff' || d.status === 'idle') && (!input.trackingStart || d.date >= input.trackingStart)).length,
    },
    days: days.map((d) => ({
      date: d.date,
      weekday: d.weekday,
      status: d.status,
      handsOnMs: d.handsOnMs,
      meetingMs: d.meetingMs,
      craftRatio: covered(d.date) ? d.craftRatio : null,
      deepWorkBlocks: d.deepWorkBlocks,
      deepWorkMs: d.deepWorkMs,
      longestRunMs: d.longestRunMs,
      focusWindows: d.focusWindows,
    })),
    weeks,
    heatMap: heatMap(days),
    breakdown: {
      categories: CATEGORIES.map((c) => ({ label: c, ms: days.reduce((s, d) => s + d.byCategory[c], 0) })).filter((x) => x.ms > 0).sort((a, b) => b.ms - a.ms),
      languages: rankTotals(sumByKey(days, (d) => d.byLanguage), (k) => k || 'unknown', DASHBOARD_TOP_ITEMS),
      workspaces: input.includeWorkspaces ? rankTotals(sumByKey(days, (d) => d.byWorkspace), (k) => (k ? names.get(k) ?? 'unnamed workspace' : 'no folder'), DASHBOARD_TOP_ITEMS) : [],
    },
    edge: {
      state: edge.state,
      asOf: edge.asOf,
      headline: edge.headline,
      signals: edge.signals.map((s) => ({ id: s.id, title: signalTitle(s.id), fired: s.fired, available: s.available, detail: s.detail })),
      missing: edge.missing,
    },
    calendars: (input.calendars ?? []).map((c) => ({ id: c.id, kind: c.kind, label: c.label, lastSuccess: c.lastSuccess, events: c.events, problem: c.problem })),
    deepWorkMinutes: input.deepWorkMinutes ?? 45,
  };
}

/** Measures for the view and the edge window in one pass, then the model. */
export function buildDashboardModel(input: DashboardInput): DashboardModel {
  const r = dashboardMeasureRange(input.range, input.today);
  const days = dailyMeasures({
    segments: input.segments,
    meetings: input.meetings,
    from: r.from,
    to: r.to,
    timeZone: input.timeZone,
    workingHours: input.workingHours,
    deepWorkMinutes: input.deepWorkMinutes,
    timeOff: input.timeOff,
  });
  const trackingStart = input.trackingStart !== undefined ? input.trackingStart : firstActivityDate(input.segments, input.timeZone);
  return dashboardModelFromDays({ ...input, days, trackingStart });
}
