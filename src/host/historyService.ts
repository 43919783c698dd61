// One way for every surface in the window to get its inputs: every window's activity files (re-read only
// when they changed) plus this window's unwritten heartbeats, the calendars, manual meetings and time off.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MeetingCoverage } from '../core/edge';
import { manualMeetings, openManualMeeting } from '../core/manualMeetings';
import { buildTimeline } from '../core/timeline';
import type { Meeting, Segment, Span, TimeOffDay } from '../core/types';
import { addDays, localDate, startOfDay } from '../core/zone';
import { decodeActivity } from '../store/activityFormat';
import { ACTIVITY_DIR, MAX_ACTIVITY_FILE_BYTES, monthsBetween } from '../store/activityStore';
import { readManualMeetings, readTimeOff } from '../store/calendarStore';
import { readFileSafe } from '../store/safeRead';
import type { CalendarService } from './calendarService';

export interface History {
  readonly from: string;
  readonly to: string;
  readonly segments: Segment[];
  readonly meetings: Meeting[];
  readonly timeOff: TimeOffDay[];
  readonly meetingCoverage: MeetingCoverage;
  /** First local date with tracked activity on this machine, null when none. */
  readonly trackingStart: string | null;
  readonly workspaceNames: ReadonlyMap<string, string>;
  readonly damagedLines: number;
  readonly anomalies: number;
  /** A meeting (manual or from a calendar) is going on at the moment of loading. */
  readonly inMeeting: boolean;
  readonly calendarProblems: readonly string[];
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  spans: Span[];
  names: Map<string, string>;
  barriers: number[];
  damaged: number;
}

export class HistoryService {
  private readonly cache = new Map<string, CachedFile>();

  constructor(
    private readonly dataDir: string,
    private readonly calendars: CalendarService,
  ) {}

  async load(from: string, to: string, options: { now: number; timeZone: string; idleMinutes: number; pending: readonly Span[] }): Promise<History> {
    const { now, timeZone } = options;
    const startMs = startOfDay(from, timeZone), endMs = startOfDay(addDays(to, 1), timeZone);
    const files = await this.readFiles(addDays(from, -1).slice(0, 7), addDays(to, 1).slice(0, 7));
    const { segments, anomalies } = buildTimeline([...files.map((f) => f.spans), options.pending], { idleMs: options.idleMinutes * 60_000, now, barriers: files.flatMap((f) => f.barriers) });
    const names = new Map<string, string>();
    let damagedLines = 0;
    for (const f of files) {
      damagedLines += f.damaged;
      for (const [k, v] of f.names) names.set(k, v);
    }
    const [cal, manual, timeOffFile] = await Promise.all([
      this.calendars.meetingsBetween(startMs, endMs),
      readManualMeetings(this.dataDir),
      readTimeOff(this.dataDir),
    ]);
    const meetings = [...cal.meetings, ...manualMeetings(manual.value, now)].sort((a, b) => a.start - b.start);
    const timeOff: TimeOffDay[] = [...cal.timeOff, ...timeOffFile.value.map((date) => ({ date, reason: 'manual' as const }))];
    let meetingCoverage: MeetingCoverage = 'none';
    if (cal.connected) meetingCoverage = 'full';
    else if (manual.value.length > 0) meetingCoverage = { from: localDate(Math.min(...manual.value.map((m) => Date.parse(m.start))), timeZone) };
    const inMeeting = openManualMeeting(manual.value, now) !== undefined || cal.meetings.some((m) => m.start <= now && now < m.end);
    return {
      from, to, segments, meetings, timeOff, meetingCoverage,
      trackingStart: await this.trackingStart(timeZone),
      workspaceNames: names, damagedLines, anomalies, inMeeting, calendarProblems: cal.problems,
    };
  }

  /** The earliest activity on record: the first span of the oldest month folder. */
  private async trackingStart(timeZone: string): Promise<string | null> {
    let months: string[];
    try {
      months = (await fs.promises.readdir(path.join(this.dataDir, ACTIVITY_DIR))).filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
    } catch {
      return null;
    }
    for (const month of months) {
      const files = await this.readFiles(month, month);
      let first = Infinity;
      for (const f of files) for (const s of f.spans) if (s.start < first) first = s.start;
      if (first !== Infinity) return localDate(first, timeZone);
    }
    return null;
  }

  private async readFiles(fromMonth: string, toMonth: string): Promise<CachedFile[]> {
    const out: CachedFile[] = [];
    for (const month of monthsBetween(fromMonth, toMonth)) {
      const dir = path.join(this.dataDir, ACTIVITY_DIR, month);
      let names: string[];
      try {
        names = (await fs.promises.readdir(dir)).filter((n) => n.endsWith('.jsonl'));
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(dir, name);
        try {
          const st = await fs.promises.stat(file);
          let cached = this.cache.get(file);
          if (!cached || cached.mtimeMs !== st.mtimeMs || cached.size !== st.size) {
            const decoded = decodeActivity((await readFileSafe(file, { maxBytes: MAX_ACTIVITY_FILE_BYTES, within: this.dataDir })).toString('utf8'));
            cached = { mtimeMs: st.mtimeMs, size: st.size, spans: decoded.spans, names: decoded.workspaceNames, barriers: decoded.barriers, damaged: decoded.damagedLines };
            this.cache.set(file, cached);
          }
          out.push(cached);
        } catch {
          // Removed or unreadable right now: not part of this read.
          this.cache.delete(file);
        }
      }
    }
    return out;
  }
}
