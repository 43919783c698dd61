// Small builders for test data. Add your own; keep defaults boring and explicit.
import type { MeasureInputs } from '../../src/core/context';
import { assessEdge, firstActivityDate, type EdgeResult } from '../../src/core/edge';
import { computeMeasures, dailyMeasures, type DayMeasures, type Measures } from '../../src/core/measures';
import { floorFor, type Floor, type Role } from '../../src/core/roles';
import type { MeetingCoverage } from '../../src/core/rules';
import type { SummaryOptions } from '../../src/core/summary/monthlySummary';
import type { DashboardModel } from '../../src/shared/protocol';
import { buildDashboardModel, type DashboardOptions } from '../../src/views/dashboardModel';
import { monthlySummary, type MonthlySummary } from '../../src/views/summaryView';
import { DEFAULT_WORKING_HOURS, type AssistedSegment, type HandsOnCategory, type Interval, type Meeting, type Segment, type Span, type TimeOffDay, type WorkingHours } from '../../src/core/types';
import { addDays, isoWeekday, zonedTime } from '../../src/core/zone';

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** Minutes after midnight of 'HH:MM'. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The instant of a local wall-clock time ('HH:MM'; '24:00' is the next midnight) in a zone. */
export function at(date: string, hhmm: string, timeZone = 'UTC'): number {
  return zonedTime(date, minutesOf(hhmm), timeZone);
}

export function aSpan(over: Partial<Span> = {}): Span {
  return { start: Date.parse('2025-03-03T09:00:00Z'), end: Date.parse('2025-03-03T09:30:00Z'), category: 'coding', language: 'typescript', workspaceId: 'ws1', ...over };
}

export function aSegment(over: Partial<Segment> = {}): Segment {
  return { start: Date.parse('2025-03-03T09:00:00Z'), end: Date.parse('2025-03-03T09:30:00Z'), category: 'coding', language: 'typescript', workspaceId: 'ws1', ...over };
}

let meetingSeq = 0;
export function aMeeting(over: Partial<Meeting> = {}): Meeting {
  meetingSeq++;
  return {
    start: Date.parse('2025-03-03T10:00:00Z'),
    end: Date.parse('2025-03-03T11:00:00Z'),
    id: `m${meetingSeq}`,
    title: 'Sync',
    attendees: 4,
    recurring: false,
    source: 'test',
    ...over,
  };
}

export function aTimeOff(date: string, reason: TimeOffDay['reason'] = 'manual'): TimeOffDay {
  return { date, reason };
}

/** Segments for local ranges on a date: [['09:00', '11:00'], ...]. */
export function segmentsOn(date: string, ranges: readonly (readonly [string, string])[], timeZone = 'UTC', category: HandsOnCategory = 'coding'): Segment[] {
  return ranges.map(([s, e]) => aSegment({ start: at(date, s, timeZone), end: at(date, e, timeZone), category }));
}

/** Meetings for local ranges on a date. */
export function meetingsOn(date: string, ranges: readonly (readonly [string, string])[], timeZone = 'UTC'): Meeting[] {
  return ranges.map(([s, e]) => aMeeting({ start: at(date, s, timeZone), end: at(date, e, timeZone) }));
}

/** Sorted copy (segments must be sorted and non-overlapping for the core). */
export function sorted<T extends { start: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.start - b.start);
}

/** Every date from `from` to `to` inclusive whose ISO weekday is Monday..Friday. */
export function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isoWeekday(d) <= 5) out.push(d);
  return out;
}

/**
 * A regular working pattern: on each date, hands-on from 09:00 for `handsOnMin` minutes and meetings from
 * 14:00 for `meetingMin` minutes (local time).
 */
export function workPattern(dates: readonly string[], handsOnMin: number, meetingMin: number, timeZone = 'UTC'): { segments: Segment[]; meetings: Meeting[] } {
  const segments: Segment[] = [];
  const meetings: Meeting[] = [];
  for (const d of dates) {
    if (handsOnMin > 0) segments.push(aSegment({ start: at(d, '09:00', timeZone), end: at(d, '09:00', timeZone) + handsOnMin * MIN }));
    if (meetingMin > 0) meetings.push(aMeeting({ start: at(d, '14:00', timeZone), end: at(d, '14:00', timeZone) + meetingMin * MIN }));
  }
  return { segments, meetings };
}

/** The old flat shape tests were written in: activity, meetings and whatever context fields they care about. */
export interface FlatInputs {
  readonly segments?: readonly Segment[];
  /** Meetings, or bare intervals where a test only cares about time. */
  readonly meetings?: readonly (Meeting | Interval)[];
  readonly timeZone?: string;
  readonly workingHours?: WorkingHours;
  readonly deepWorkMinutes?: number;
  readonly timeOff?: readonly TimeOffDay[];
  readonly role?: Role;
  readonly floor?: Floor;
  readonly meetingCoverage?: MeetingCoverage;
  /** Default: the local date of the first segment. */
  readonly trackingStart?: string | null;
  readonly assisted?: readonly AssistedSegment[];
  readonly assistedCredit?: number;
  readonly originUnknownDays?: readonly string[];
}

/** The one set of inputs, with boring defaults (UTC, Mon-Fri 09-17, 45-min deep work, engineer, full coverage). */
export function testInputs(o: FlatInputs = {}): MeasureInputs {
  const timeZone = o.timeZone ?? 'UTC';
  const segments = o.segments ?? [];
  const role = o.role ?? 'engineer';
  return {
    segments,
    meetings: (o.meetings ?? []) as readonly Meeting[],
    assisted: o.assisted ?? [],
    context: {
      timeZone,
      workingHours: o.workingHours ?? DEFAULT_WORKING_HOURS,
      deepWorkMinutes: o.deepWorkMinutes ?? 45,
      role,
      floor: o.floor ?? floorFor(role),
      meetingCoverage: o.meetingCoverage ?? 'full',
      trackingStart: o.trackingStart !== undefined ? o.trackingStart : firstActivityDate(segments, timeZone),
      timeOff: o.timeOff ?? [],
      assistedCredit: o.assistedCredit ?? 0,
      originUnknownDays: o.originUnknownDays ?? [],
    },
  };
}

/** dailyMeasures in the flat shape: `{ segments, meetings, from, to, timeZone, ... }`. */
export function dailyMeasuresOf(o: FlatInputs & { readonly from: string; readonly to: string }): DayMeasures[] {
  return dailyMeasures(testInputs(o), { from: o.from, to: o.to });
}

export function computeMeasuresOf(o: FlatInputs & { readonly from: string; readonly to: string }): Measures {
  return computeMeasures(testInputs(o), { from: o.from, to: o.to });
}

/** The edge as of a date from flat inputs (assessEdge over the one set of inputs). */
export function assessEdgeOf(o: FlatInputs & { readonly asOf: string }): EdgeResult {
  return assessEdge(testInputs(o), o.asOf);
}

/** The monthly summary (numbers and words) from flat inputs. */
export function summaryOf(o: FlatInputs & SummaryOptions & { readonly month: string }): MonthlySummary {
  const { month, asOf, today, includeWorkspaces, workspaceNames, ...flat } = o;
  return monthlySummary(testInputs(flat), month, { asOf, today, includeWorkspaces, workspaceNames });
}

/** The dashboard model from flat inputs. */
export function dashboardOf(o: FlatInputs & DashboardOptions): DashboardModel {
  const { range, today, includeWorkspaces, workspaceNames, calendars, changedLines, ...flat } = o;
  return buildDashboardModel(testInputs(flat), { range, today, includeWorkspaces, workspaceNames, calendars, changedLines });
}
