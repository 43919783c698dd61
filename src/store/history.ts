// The one history loader (docs/architecture.md): every surface of the extension and every CLI command gets
// its timeline, meetings, time off, meeting coverage and tracking start from loadHistory. The extension
// passes a cached activity reader and this window's unwritten spans; the CLI a plain reader. Nothing else
// reads the activity folders.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manualMeetings, openManualMeeting } from '../core/manualMeetings';
import { applyWorkspaceAliases } from '../core/programs';
import type { MeetingCoverage } from '../core/rules';
import { buildTimeline } from '../core/timeline';
import { applyCorrections } from '../core/corrections';
import { addChangedLines, addOrigins, changedLinesByDay, originByDay, type DayOrigin } from '../core/originHistory';
import type { AssistedSegment, Meeting, Segment, Span, TimeOffDay } from '../core/types';
import { addDays, localDate, startOfDay } from '../core/zone';
import { decodeActivity } from './activityFormat';
import { ACTIVITY_DIR, MAX_ACTIVITY_FILE_BYTES, monthFolder, monthsBetween, saneActivity } from './activityStore';
import { isClosedMonth, readCompacted, writeCompacted } from './beatCompaction';
import { readManualMeetings, readTimeOff } from './calendarStore';
import { readCorrections } from './corrections';
import { readFileSafeSync, SafeReadError } from './safeRead';


/** One decoded activity file. */
export interface ActivityFile {
  /** Path relative to the data folder, for messages. */
  readonly file: string;
  readonly spans: readonly Span[];
  readonly names: ReadonlyMap<string, string>;
  readonly barriers: readonly number[];
  readonly damaged: number;
  /** Old workspace id -> new one (alias lines: ids once hashed the folder URI, now its real path). */
  readonly aliases?: ReadonlyMap<string, string>;
}

/** Where activity files come from: a plain reader (CLI) or a cached one (extension). */
export interface ActivityReader {
  /** Month folders 'YYYY-MM' that exist, sorted. */
  months(): Promise<string[]>;
  /** Every activity file of a month folder. */
  read(month: string): Promise<{ files: ActivityFile[]; unreadable: { file: string; reason: string }[] }>;
}

/** Meetings and all-day time off from the connected calendars, for an instant window. */
export interface CalendarResult {
  readonly meetings: readonly Meeting[];
  readonly timeOff: readonly TimeOffDay[];
  readonly problems: readonly string[];
  /** At least one calendar is configured (or given): meeting data covers every day. */
  readonly connected: boolean;
}
export type CalendarReader = (fromMs: number, toMs: number) => Promise<CalendarResult>;

export interface HistoryRequest {
  readonly dataDir: string;
  /** Local days wanted, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly idleMinutes: number;
  readonly now: number;
  readonly activity: ActivityReader;
  readonly calendars: CalendarReader;
  /** Spans the caller holds in memory instead of on disk (the extension: what this window wrote and its buffer). */
  readonly pending?: readonly Span[];
  /** Pause instants held in memory (this window's own pauses). */
  readonly barriers?: readonly number[];
  /** Workspace names held in memory (this window's own). */
  readonly workspaceNames?: ReadonlyMap<string, string>;
}

export interface History {
  readonly from: string;
  readonly to: string;
  /** Machine-wide hands-on segments (may start before `from`: a month either side is read). */
  readonly segments: Segment[];
  /** Assisted time (tools writing), never overlapping hands-on; corrected ranges already moved to segments. */
  readonly assisted: AssistedSegment[];
  /** Assisted time the user marked as their own work (now inside `segments`, flagged `corrected`). */
  readonly correctedMs: number;
  /** Local days whose activity was recorded before origins were told apart (format 1), in the range read. */
  readonly originUnknownDays: readonly string[];
  /** Changed lines per local day: by the user's hands (coding) and by tools (assisted). */
  readonly changedLines: ReadonlyMap<string, { readonly hands: number; readonly assisted: number }>;
  readonly meetings: Meeting[];
  readonly timeOff: TimeOffDay[];
  readonly meetingCoverage: MeetingCoverage;
  /** First local date with tracked activity on this machine, null when none. */
  readonly trackingStart: string | null;
  readonly workspaceNames: ReadonlyMap<string, string>;
  readonly damagedLines: number;
  readonly anomalies: number;
  readonly unreadable: readonly { file: string; reason: string }[];
  /** A meeting (manual or from a calendar) is going on at `now`. */
  readonly inMeeting: boolean;
  /** Non-fatal problems, one line each (calendars, unreadable files, damaged lines). Never a URL. */
  readonly problems: readonly string[];
  readonly calendarProblems: readonly string[];
}

/**
 * The month folders read for local days `from`..`to`: files are split by the UTC month of span start, so
 * the months of the range's first and last instants, widened by a day, cover every zone offset.
 */
export function monthsToRead(from: string, to: string, timeZone: string): { fromMonth: string; toMonth: string } {
  // Local days map to UTC instants; a day more on each side keeps runs that cross the range's edges whole
  // (a span lasts at most a day, an idle gap at most an hour).
  const first = startOfDay(from, timeZone) - DAY_MS;
  const last = startOfDay(addDays(to, 1), timeZone) + DAY_MS;
  return { fromMonth: monthFolder(first), toMonth: monthFolder(last) };
}

const DAY_MS = 86_400_000;

interface DayFacts {
  readonly timeZone: string;
  readonly lines: ReadonlyMap<string, { hands: number; assisted: number }>;
  readonly origin: ReadonlyMap<string, DayOrigin>;
}
/**
 * Changed lines and origin per day of one file, remembered for as long as a reader keeps that file object (a
 * cached reader hands out the same object until the file changes on disk): a refresh then sums about one
 * day per file instead of walking every span of 17 weeks again.
 */
const factsByFile = new WeakMap<ActivityFile, DayFacts>();

function factsOf(file: ActivityFile, timeZone: string): DayFacts {
  let facts = factsByFile.get(file);
  if (!facts || facts.timeZone !== timeZone) {
    facts = { timeZone, lines: changedLinesByDay([file.spans], timeZone), origin: originByDay([file.spans], timeZone) };
    factsByFile.set(file, facts);
  }
  return facts;
}

/** Changed lines per day (files and this window's unsaved spans) and the days whose origin is not known. */
function dayFactsOf(files: readonly ActivityFile[], pending: readonly Span[], timeZone: string): { changedLines: Map<string, { hands: number; assisted: number }>; originUnknownDays: string[] } {
  const changedLines = changedLinesByDay([pending], timeZone);
  const origin = new Map<string, DayOrigin>();
  for (const f of files) {
    const facts = factsOf(f, timeZone);
    addChangedLines(changedLines, facts.lines);
    addOrigins(origin, facts.origin);
  }
  return { changedLines, originUnknownDays: [...origin].filter(([, o]) => o !== 'known').map(([d]) => d).sort() };
}

export async function loadHistory(req: HistoryRequest): Promise<History> {
  const { from, to, timeZone, now } = req;
  const startMs = startOfDay(from, timeZone), endMs = startOfDay(addDays(to, 1), timeZone);
  const { fromMonth, toMonth } = monthsToRead(from, to, timeZone);
  const existing = await req.activity.months();
  const wanted = new Set(monthsBetween(fromMonth, toMonth));
  const files: ActivityFile[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  for (const month of existing) {
    if (!wanted.has(month)) continue;
    const r = await req.activity.read(month);
    files.push(...r.files);
    unreadable.push(...r.unreadable);
  }
  // Ids a folder had before they hashed its real path are read as the new ones (alias lines of any file).
  const aliases = new Map<string, string>();
  for (const f of files) for (const [from, to] of f.aliases ?? []) aliases.set(from, to);
  const sources = applyWorkspaceAliases(files.map((f) => [...f.spans]), aliases);
  const timeline = buildTimeline([...sources, [...(req.pending ?? [])]], {
    idleMs: req.idleMinutes * 60_000,
    now,
    barriers: [...files.flatMap((f) => f.barriers), ...(req.barriers ?? [])],
  });
  const anomalies = timeline.anomalies;
  // "Mark as My Own Work": assisted time inside a correction range counts as hands-on (never rewritten).
  const corrections = await readCorrections(req.dataDir);
  const { segments, assisted, correctedMs } = applyCorrections(timeline, corrections.ranges);
  const workspaceNames = new Map<string, string>(req.workspaceNames ?? []);
  let damagedLines = 0;
  for (const f of files) {
    damagedLines += f.damaged;
    for (const [k, v] of f.names) workspaceNames.set(k, v);
  }
  const [cal, manual, timeOffFile] = await Promise.all([req.calendars(startMs, endMs), readManualMeetings(req.dataDir), readTimeOff(req.dataDir)]);
  const logged = manualMeetings(manual.value, now);
  const meetings = [...cal.meetings, ...logged.filter((m) => m.end > startMs && m.start < endMs)].sort((a, b) => a.start - b.start);
  const timeOff: TimeOffDay[] = [...cal.timeOff, ...timeOffFile.value.filter((d) => d >= from && d <= to).map((date) => ({ date, reason: 'manual' as const }))];
  const problems: string[] = [...cal.problems];
  if (corrections.problem) problems.push(corrections.problem);
  if (manual.problem) problems.push(manual.problem);
  if (timeOffFile.problem) problems.push(timeOffFile.problem);
  for (const u of unreadable) problems.push(`Could not read ${u.file}: ${u.reason}`);
  if (damagedLines > 0) problems.push(`${damagedLines} damaged line${damagedLines === 1 ? '' : 's'} in the activity files were skipped.`);
  return {
    from,
    to,
    segments,
    assisted,
    correctedMs,
    ...dayFactsOf(files, req.pending ?? [], timeZone),
    meetings,
    timeOff,
    meetingCoverage: meetingCoverage(cal.connected, logged, timeZone),
    trackingStart: await trackingStart(req.activity, existing, timeZone, req.pending ?? []),
    workspaceNames,
    damagedLines,
    anomalies,
    unreadable,
    inMeeting: openManualMeeting(manual.value, now) !== undefined || meetings.some((m) => m.start <= now && now < m.end),
    problems,
    calendarProblems: cal.problems,
  };
}

/**
 * The one coverage rule (docs/metrics.md "Meeting coverage"): a connected calendar covers every day;
 * meetings logged by hand cover the days from the first one on; otherwise meetings are unknown.
 */
export function meetingCoverage(calendarConnected: boolean, logged: readonly Meeting[], timeZone: string): MeetingCoverage {
  if (calendarConnected) return 'full';
  if (logged.length === 0) return 'none';
  return { from: localDate(Math.min(...logged.map((m) => m.start)), timeZone) };
}

/** The tracking start: the local date of the earliest span of the oldest month folder that has one. */
async function trackingStart(activity: ActivityReader, months: readonly string[], timeZone: string, pending: readonly Span[]): Promise<string | null> {
  for (const month of months) {
    const { files } = await activity.read(month);
    let first = Infinity;
    for (const f of files) for (const s of f.spans) if (s.start < first) first = s.start;
    if (first !== Infinity) return localDate(first, timeZone);
  }
  let first = Infinity;
  for (const s of pending) if (s.start < first) first = s.start;
  return first === Infinity ? null : localDate(first, timeZone);
}

/** Month folders of the activity folder, sorted (none when it does not exist). */
export async function activityMonths(dataDir: string): Promise<string[]> {
  try {
    return (await fs.promises.readdir(path.join(dataDir, ACTIVITY_DIR))).filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  } catch {
    return [];
  }
}

/**
 * Reads and decodes one activity file (regular files only, size-capped). A closed month's beat file is
 * read from its compacted copy when that still matches, and gets one after a full read (beatCompaction.ts).
 */
export function readActivityFile(dataDir: string, month: string, name: string, now?: number): ActivityFile {
  const rel = path.join(ACTIVITY_DIR, month, name);
  const dir = path.join(dataDir, ACTIVITY_DIR, month);
  const closed = isClosedMonth(month, now ?? Date.now());
  let decoded = closed ? readCompacted(dataDir, dir, name, month) : undefined;
  if (!decoded) {
    const before = closed ? statOrUndefined(path.join(dir, name)) : undefined;
    const bytes = readFileSafeSync(path.join(dataDir, rel), { maxBytes: MAX_ACTIVITY_FILE_BYTES, within: dataDir });
    // Every instant inside the file's UTC month folder (and, for the CLI, not in the future).
    decoded = decodeActivity(bytes.toString('utf8'), { month, now });
    // The stamp is the file as it was read: an append in between changes the size and no copy is written.
    if (before && before.size === bytes.length) writeCompacted(dir, name, month, { bytes: before.size, mtimeMs: before.mtimeMs }, decoded);
  }
  // Whatever the decoder let through, every loader keeps spans inside the bounds of activityStore.ts.
  const sane = saneActivity(decoded.spans, decoded.barriers);
  return { file: rel, spans: sane.spans, names: decoded.workspaceNames, barriers: sane.barriers, damaged: decoded.damagedLines + sane.dropped, aliases: decoded.aliases };
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined; // the read below says what is wrong
  }
}

/** Names of the activity files of a month folder, sorted. */
export async function activityFileNames(dataDir: string, month: string): Promise<string[]> {
  return (await fs.promises.readdir(path.join(dataDir, ACTIVITY_DIR, month))).filter((n) => n.endsWith('.jsonl')).sort();
}

/**
 * Reads straight from disk (the CLI: one load per process). Files are read synchronously: a year is
 * hundreds of small files, and reading them in a row is about twice as fast as the thread pool.
 */
export function plainActivityReader(dataDir: string): ActivityReader {
  const byMonth = new Map<string, Awaited<ReturnType<ActivityReader['read']>>>();
  return {
    months: () => activityMonths(dataDir),
    async read(month) {
      const known = byMonth.get(month);
      if (known) return known;
      const result: Awaited<ReturnType<ActivityReader['read']>> = { files: [], unreadable: [] };
      let names: string[];
      try {
        names = await activityFileNames(dataDir, month);
      } catch (error) {
        result.unreadable.push({ file: path.join(ACTIVITY_DIR, month), reason: (error as Error).message });
        names = [];
      }
      for (const name of names) {
        try {
          result.files.push(readActivityFile(dataDir, month, name));
        } catch (error) {
          result.unreadable.push({ file: path.join(ACTIVITY_DIR, month, name), reason: error instanceof SafeReadError ? error.reason : (error as Error).message });
        }
      }
      byMonth.set(month, result);
      return result;
    },
  };
}

export interface ActivityRead {
  /** One list per file, in file order (each file is one writer's stream). */
  readonly sources: Span[][];
  readonly workspaceNames: Map<string, string>;
  /** Pause instants from every file (ms), for buildTimeline's `barriers`. */
  readonly barriers: number[];
  readonly damagedLines: number;
  /** Files that could not be read at all, with the reason (paths relative to the data folder). */
  readonly unreadable: { file: string; reason: string }[];
  readonly files: number;
  /** Old workspace id -> new one (alias lines of every file read); already applied to `sources`. */
  readonly aliases: Map<string, string>;
}

/**
 * Every activity file, or only the month folders from `fromMonth` to `toMonth` (inclusive), as raw sources
 * (tools, tests and benchmarks; the surfaces use loadHistory). The same reader as loadHistory's.
 */
export async function readActivity(dataDir: string, range?: { fromMonth: string; toMonth: string }): Promise<ActivityRead> {
  const reader = plainActivityReader(dataDir);
  const result: ActivityRead = { sources: [], workspaceNames: new Map(), barriers: [], damagedLines: 0, unreadable: [], files: 0, aliases: new Map() };
  let months = await reader.months();
  if (range) months = months.filter((m) => m >= range.fromMonth && m <= range.toMonth);
  let damaged = 0, files = 0;
  for (const month of months) {
    const r = await reader.read(month);
    result.unreadable.push(...r.unreadable);
    for (const f of r.files) {
      result.sources.push([...f.spans]);
      result.barriers.push(...f.barriers);
      for (const [id, name] of f.names) result.workspaceNames.set(id, name);
      for (const [from, to] of f.aliases ?? []) result.aliases.set(from, to);
      damaged += f.damaged;
      files++;
    }
  }
  return { ...result, sources: applyWorkspaceAliases(result.sources, result.aliases), damagedLines: damaged, files };
}
