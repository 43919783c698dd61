// Reading everything a measure needs, in one place for `days`, `edge` and `summary`: activity files ->
// timeline, calendars (--ics files, else the cached calendars) + manual meetings -> meetings, time off.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandIcsBytes } from '../calendar/expand';
import type { MeetingCoverage } from '../core/edge';
import { firstActivityDate } from '../core/edge';
import { manualMeetings } from '../core/manualMeetings';
import { buildTimeline } from '../core/timeline';
import type { Meeting, Segment, TimeOffDay } from '../core/types';
import { addDays, addMonths, isValidDate, localDate, monthOf, startOfDay } from '../core/zone';
import { ACTIVITY_DIR, monthsBetween, readActivity } from '../store/activityStore';
import { calendarReadReason, loadCalendarTexts, readCalendarFile, readManualMeetings, readTimeOff } from '../store/calendarStore';
import { UsageError, type ParsedArgs } from './args';

export interface MeetingsLoad {
  readonly meetings: Meeting[];
  /** Manual time off (timeoff.json) and all-day out-of-office days from the calendars. */
  readonly timeOff: TimeOffDay[];
  /** Which days the meeting data can be trusted for (see docs/metrics.md "Meeting coverage"). */
  readonly coverage: MeetingCoverage;
  /** Calendars read (files or cached sources). */
  readonly calendars: number;
  /** Non-fatal problems, one line each, for stderr. Never contains a URL. */
  readonly problems: string[];
}

export interface LoadMeetingsOptions {
  /** Resolves relative --ics paths. */
  readonly cwd: string;
  /** When given: cached calendars (if no icsFiles), manual meetings and marked time off are read from it. */
  readonly dataDir?: string;
  /** Closes a manual meeting still in progress ("I'm in a meeting now"). */
  readonly now: number;
}

/**
 * The single seam between the CLI and the calendar engine: meetings, time off and coverage for the local
 * days `from`..`to`. `icsFiles` replace the cached calendars when given; manual meetings and time off
 * marked by hand are always added. An --ics file that cannot be read is an error (exit 1).
 */
export async function loadMeetings(
  icsFiles: readonly string[],
  from: string,
  to: string,
  timeZone: string,
  myEmails: readonly string[],
  options: LoadMeetingsOptions,
): Promise<MeetingsLoad> {
  const fromMs = startOfDay(from, timeZone);
  const toMs = startOfDay(addDays(to, 1), timeZone);
  const meetings: Meeting[] = [];
  const timeOff: TimeOffDay[] = [];
  const problems: string[] = [];
  let calendars = 0;
  const expand = (bytes: Uint8Array, sourceId: string, label: string) => {
    const r = expandIcsBytes(bytes, { fromMs, toMs, timeZone, myEmails, sourceId });
    meetings.push(...r.meetings);
    timeOff.push(...r.timeOff);
    for (const p of r.problems) problems.push(`${label}: ${p}`);
    calendars++;
  };
  if (icsFiles.length > 0) {
    for (const [i, file] of icsFiles.entries()) {
      const full = path.resolve(options.cwd, file);
      let bytes: Uint8Array;
      try {
        bytes = await readCalendarFile(full);
      } catch (error) {
        throw new Error(`Cannot read calendar file ${file}: ${(error as NodeJS.ErrnoException).code ?? calendarReadReason(error)}`, { cause: error });
      }
      expand(bytes, `ics-${i + 1}`, path.basename(file));
    }
  } else if (options.dataDir) {
    for (const c of await loadCalendarTexts(options.dataDir)) {
      if (c.problem) problems.push(c.problem);
      if (c.text !== undefined) expand(new TextEncoder().encode(c.text), c.source.id, c.source.label);
    }
  }
  let manualFrom: string | undefined;
  if (options.dataDir) {
    const manual = await readManualMeetings(options.dataDir);
    if (manual.problem) problems.push(manual.problem);
    const logged = manualMeetings(manual.value, options.now);
    if (logged.length > 0) manualFrom = localDate(logged[0].start, timeZone);
    meetings.push(...logged.filter((m) => m.end > fromMs && m.start < toMs));
    const off = await readTimeOff(options.dataDir);
    if (off.problem) problems.push(off.problem);
    for (const date of off.value) if (date >= from && date <= to) timeOff.push({ date, reason: 'manual' });
  }
  meetings.sort((a, b) => a.start - b.start);
  const coverage: MeetingCoverage = calendars > 0 ? 'full' : manualFrom !== undefined ? { from: manualFrom } : 'none';
  return { meetings, timeOff, coverage, calendars, problems };
}

export interface LoadRequest {
  readonly dataDir: string;
  /** Local days to compute, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly idleMinutes: number;
  readonly now: number;
  readonly icsFiles: readonly string[];
  readonly myEmails: readonly string[];
  readonly cwd: string;
}

export interface Loaded extends MeetingsLoad {
  /** Machine-wide hands-on segments (may start before `from`: a month more is read to find tracking start). */
  readonly segments: Segment[];
  /** Local date of the first tracked activity found (null when none). */
  readonly trackingStart: string | null;
  readonly anomalies: number;
  readonly damagedLines: number;
  readonly unreadableFiles: number;
}

/** Activity and meetings for a range of local days, ready for computeMeasures / assessEdge. */
export async function loadInputs(req: LoadRequest): Promise<Loaded> {
  // Files are split by UTC month of span start: a month either side covers every zone offset, and the
  // month before also tells whether tracking began before the range.
  const months = monthsBetween(addMonths(monthOf(req.from), -1), addMonths(monthOf(req.to), 1));
  const read = await readActivity(req.dataDir, { fromMonth: months[0], toMonth: months[months.length - 1] });
  const { segments, anomalies } = buildTimeline(read.sources, { idleMs: req.idleMinutes * 60_000, now: req.now, barriers: read.barriers });
  const meetings = await loadMeetings(req.icsFiles, req.from, req.to, req.timeZone, req.myEmails, { cwd: req.cwd, dataDir: req.dataDir, now: req.now });
  const problems = [...meetings.problems];
  for (const u of read.unreadable) problems.push(`Could not read ${u.file}: ${u.reason}`);
  if (read.damagedLines > 0) problems.push(`${read.damagedLines} damaged line${read.damagedLines === 1 ? '' : 's'} in the activity files were skipped.`);
  return {
    ...meetings,
    problems,
    segments,
    trackingStart: (await olderMonth(req.dataDir, months[0])) ?? firstActivityDate(segments, req.timeZone),
    anomalies,
    damagedLines: read.damagedLines,
    unreadableFiles: read.unreadable.length,
  };
}

/**
 * When activity files exist for a month before `firstRead`, tracking began before everything read: the first
 * day of that month stands in for the tracking start (only its order relative to the range matters).
 */
async function olderMonth(dataDir: string, firstRead: string): Promise<string | undefined> {
  let months: string[];
  try {
    months = await fs.promises.readdir(path.join(dataDir, ACTIVITY_DIR));
  } catch {
    return undefined;
  }
  const older = months.filter((m) => /^\d{4}-\d{2}$/.test(m) && m < firstRead).sort();
  return older.length > 0 ? `${older[0]}-01` : undefined;
}

/** A required or optional 'YYYY-MM-DD' option value, checked. */
export function dateOption(args: ParsedArgs, name: string, fallback?: string): string {
  const raw = args.values[name];
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name} YYYY-MM-DD is required.`);
  }
  if (!isValidDate(raw)) throw new UsageError(`--${name} must be a date YYYY-MM-DD (got "${raw}").`);
  return raw;
}

/** --me values: e-mail addresses (checked loosely: something@something). */
export function emailsOption(args: ParsedArgs): string[] {
  const all = args.all.me ?? [];
  for (const e of all) if (!/^[^@\s]+@[^@\s]+$/.test(e)) throw new UsageError(`--me must be an e-mail address (got "${e}").`);
  return all;
}
