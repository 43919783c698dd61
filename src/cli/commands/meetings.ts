// craft-time meetings: the expanded meetings of calendars, per local day, for checking a calendar.
// Reads --ics files, else the calendars cached in the data folder. Never prints a subscription URL.
import * as path from 'node:path';
import { expandIcsBytes } from '../../calendar/expand';
import { DEFAULT_IGNORE_PATTERNS } from '../../calendar/filters';
import { dailyMeetings, roundMinutes } from '../../core/meetings';
import type { Meeting, TimeOffDay } from '../../core/types';
import { addDays, daysBetween, startOfDay } from '../../core/zone';
import { calendarReadReason, loadCalendarTexts, readCalendarFile } from '../../store/calendarStore';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { dateOption, emailsOption } from '../load';
import { COMMON_USAGE, DATA_DIR_OPTION, JSON_OPTION, TZ_OPTION, dataDirOf, timeZoneOf } from '../options';

const SPEC = {
  ...DATA_DIR_OPTION,
  ...TZ_OPTION,
  ...JSON_OPTION,
  from: { kind: 'value' },
  to: { kind: 'value' },
  ics: { kind: 'value', repeat: true },
  me: { kind: 'value', repeat: true },
  'no-ignore': { kind: 'flag' },
} as const;

/** Longest range accepted (ten years), so a typo in a year cannot make the command run for minutes. */
const MAX_DAYS = 3660;

/** Problems come from files the user does not control: hide anything that looks like a link. */
export function redactUrls(text: string): string {
  return text.replace(/\b(?:https?|webcals?):\/\/\S+/gi, '(link hidden)');
}

const iso = (ms: number) => new Date(ms).toISOString();

export interface MeetingsOutput {
  readonly meetings: { start: string; end: string; title?: string; attendees: number; recurring: boolean; source: string }[];
  readonly days: { date: string; meetingMinutes: number; conflictMinutes: number }[];
  readonly timeOff: string[];
  readonly problems: string[];
}

export const meetingsCommand: CliCommand = {
  name: 'meetings',
  summary: 'Expanded calendar meetings and meeting minutes per local day (for checking a calendar)',
  usage: [
    'Usage: craft-time meetings [--ics FILE ...] --from YYYY-MM-DD --to YYYY-MM-DD [--tz ZONE] [--me EMAIL ...] [--no-ignore] [--json] [--data-dir DIR]',
    '',
    'Expands the calendars (RRULE, overrides, time zones) and applies the meeting rules: timed, busy, not',
    'cancelled, not declined by you, title not matching the ignore patterns. Days are inclusive.',
    '',
    '  --ics FILE       an .ics file to read (repeatable); without it, the calendars cached in the data folder',
    '  --me EMAIL       your address (repeatable), to recognise invitations you declined',
    '  --no-ignore      do not drop events by title (focus blocks, out of office, lunch, holds)',
    '  --json           {"meetings":[{start,end,title,attendees,recurring,source}],"days":[{date,meetingMinutes,conflictMinutes}],"timeOff":[date],"problems":[...]}',
    COMMON_USAGE,
  ].join('\n'),

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length > 0) throw new UsageError(`Unexpected argument "${args.positionals[0]}".`);
    const from = dateOption(args, 'from');
    const to = dateOption(args, 'to');
    if (to < from) throw new UsageError('--to must not be before --from.');
    if (daysBetween(from, to) >= MAX_DAYS) throw new UsageError(`The range is too long (at most ${MAX_DAYS} days).`);
    const timeZone = timeZoneOf(args);
    const myEmails = emailsOption(args);
    const icsFiles = args.all.ics ?? [];
    const fromMs = startOfDay(from, timeZone);
    const toMs = startOfDay(addDays(to, 1), timeZone);
    const options = { fromMs, toMs, timeZone, myEmails, ignorePatterns: args.flags.has('no-ignore') ? [] : DEFAULT_IGNORE_PATTERNS };

    const meetings: Meeting[] = [];
    const timeOff: TimeOffDay[] = [];
    const problems: string[] = [];
    const expand = (bytes: Uint8Array, sourceId: string, label: string) => {
      const r = expandIcsBytes(bytes, { ...options, sourceId });
      meetings.push(...r.meetings);
      timeOff.push(...r.timeOff);
      for (const p of r.problems) problems.push(redactUrls(`${label}: ${p}`));
    };

    if (icsFiles.length > 0) {
      for (const [i, file] of icsFiles.entries()) {
        let bytes: Uint8Array;
        try {
          // Regular files only, size checked first: a FIFO or device is refused at once, never waited on.
          bytes = await readCalendarFile(path.resolve(io.cwd, file));
        } catch (error) {
          io.stderr(`craft-time meetings: cannot read ${redactUrls(file)}: ${calendarReadReason(error)}.\n`);
          return 1;
        }
        expand(bytes, `ics-${i + 1}`, path.basename(file));
      }
    } else {
      const cached = await loadCalendarTexts(dataDirOf(args, io));
      if (cached.length === 0) {
        io.stderr('craft-time meetings: no calendars. Give --ics FILE, or add a calendar in VS Code ("Craft Time: Add Calendar").\n');
        return 1;
      }
      for (const c of cached) {
        if (c.problem) problems.push(redactUrls(c.problem));
        if (c.text !== undefined) expand(new TextEncoder().encode(c.text), c.source.id, redactUrls(c.source.label));
      }
    }

    meetings.sort((a, b) => a.start - b.start || a.end - b.end);
    const output: MeetingsOutput = {
      meetings: [],
      days: dailyMeetings(meetings, from, to, timeZone).map((d) => ({
        date: d.date,
        meetingMinutes: roundMinutes(d.meetingMs),
        conflictMinutes: roundMinutes(d.conflictMs),
      })),
      timeOff: [...new Set(timeOff.map((t) => t.date))].sort(),
      problems,
    };

    if (args.flags.has('json')) {
      writeJson(io, output, meetings);
      return 0;
    }
    io.stdout(renderTable(output, meetings.length, timeZone));
    for (const p of problems) io.stderr(`warning: ${p}\n`);
    return 0;
  },
};

const outputMeeting = (m: Meeting): MeetingsOutput['meetings'][number] => ({
  start: iso(m.start),
  end: iso(m.end),
  ...(m.title ? { title: m.title } : {}),
  attendees: m.attendees,
  recurring: m.recurring,
  source: m.source,
});

/** Meetings per write of the JSON output. */
const CHUNK = 2_000;

/**
 * Writes `{ ...output, meetings }` as JSON.stringify(…, null, 2) would, a few thousand meetings at a time:
 * the whole document as one string (plus its objects) was the largest allocation of the command on big
 * calendars.
 */
function writeJson(io: CliIo, output: MeetingsOutput, meetings: readonly Meeting[]): void {
  io.stdout('{\n  "meetings": [');
  for (let i = 0; i < meetings.length; i += CHUNK) {
    const chunk = meetings.slice(i, i + CHUNK).map((m) => `\n    ${JSON.stringify(outputMeeting(m), null, 2).replace(/\n/g, '\n    ')}`);
    io.stdout((i > 0 ? ',' : '') + chunk.join(','));
  }
  io.stdout(meetings.length > 0 ? '\n  ],' : '],');
  const { meetings: _none, ...rest } = output;
  io.stdout(JSON.stringify(rest, null, 2).slice(1) + '\n');
}

function hhmm(minutes: number): string {
  const m = Math.round(minutes);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** The readable form: one line per day with meetings, then the totals. */
function renderTable(out: MeetingsOutput, meetingCount: number, timeZone: string): string {
  const rows = out.days.filter((d) => d.meetingMinutes > 0 || d.conflictMinutes > 0 || out.timeOff.includes(d.date));
  const lines = [`Meetings per local day (${timeZone}); ${meetingCount} meetings in range.`, ''];
  lines.push('date        meetings  conflicts  note');
  for (const d of rows) {
    lines.push(`${d.date}  ${hhmm(d.meetingMinutes).padStart(8)}  ${hhmm(d.conflictMinutes).padStart(9)}  ${out.timeOff.includes(d.date) ? 'time off' : ''}`.trimEnd());
  }
  if (rows.length === 0) lines.push('(no meetings)');
  const total = out.days.reduce((s, d) => s + d.meetingMinutes, 0);
  const conflicts = out.days.reduce((s, d) => s + d.conflictMinutes, 0);
  lines.push('', `total       ${hhmm(total).padStart(8)}  ${hhmm(conflicts).padStart(9)}`);
  return lines.join('\n') + '\n';
}
