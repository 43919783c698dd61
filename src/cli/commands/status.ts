// craft-time status: one short line for shell prompts ("⌨ 3h 12m today · 41% craft · 9h 40m this week").
// The craft ratio appears only when meetings are known for today (a calendar, or meetings logged by hand).
import { toMinutes } from '../../core/days';
import { formatDuration } from '../../core/format';
import { dailyMeasures } from '../../core/measures';
import { isoWeek, localDate, startOfIsoWeek } from '../../core/zone';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { emailsOption, loadInputs } from '../load';
import { COMMON_USAGE, DATA_DIR_OPTION, JSON_OPTION, TZ_OPTION, dataDirOf, idleMinutesOf, timeZoneOf } from '../options';

const SPEC = {
  ...DATA_DIR_OPTION, ...TZ_OPTION, ...JSON_OPTION,
  'idle-minutes': { kind: 'value' }, ascii: { kind: 'flag' }, me: { kind: 'value', repeat: true },
} as const;

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'One line for shell prompts: hands-on time today and this week',
  usage: [
    'Usage: craft-time status [--tz ZONE] [--idle-minutes N] [--me EMAIL ...] [--ascii] [--json] [--data-dir DIR]',
    '',
    'Prints hands-on time today and this ISO week (Monday to today), e.g. "⌨ 3h 12m today · 9h 40m this week".',
    'When meetings are known for today (a calendar added in VS Code, or meetings logged by hand), today\'s',
    'craft ratio is added: "⌨ 3h 12m today · 41% craft · 9h 40m this week".',
    '',
    '  --idle-minutes N gaps up to N minutes between heartbeats count (1-60, default 5)',
    '  --me EMAIL       your address(es), to drop invitations you declined (repeatable)',
    '  --ascii          no symbols (also when TERM=dumb)',
    '  --json           {"date","week","todayMinutes","weekMinutes","byCategory","meetingMinutes","craftRatio",',
    '                   "weekMeetingMinutes","weekCraftRatio","anomalies","damagedLines","unreadableFiles"}',
    '                   meeting fields and ratios are null when meetings are not known',
    COMMON_USAGE,
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length) throw new UsageError(`status takes no arguments (got "${args.positionals[0]}").`);
    const dataDir = dataDirOf(args, io);
    const timeZone = timeZoneOf(args);
    const idleMinutes = idleMinutesOf(args);
    const myEmails = emailsOption(args);
    const now = io.now();
    const today = localDate(now, timeZone);
    const monday = startOfIsoWeek(today);
    const loaded = await loadInputs({ dataDir, from: monday, to: today, timeZone, idleMinutes, now, icsFiles: [], myEmails, cwd: io.cwd });
    const days = dailyMeasures({ segments: loaded.segments, meetings: loaded.meetings, timeOff: loaded.timeOff, from: monday, to: today, timeZone });
    const todayDay = days[days.length - 1];
    const sum = (f: (d: (typeof days)[number]) => number) => days.reduce((s, d) => s + f(d), 0);
    const weekMs = sum((d) => d.handsOnMs);
    const c = loaded.coverage;
    const meetingsKnown = c === 'full' || (c !== 'none' && c.from <= today);
    const ratio = (handsOn: number, meetings: number) => (handsOn + meetings > 0 ? handsOn / (handsOn + meetings) : null);
    const todayRatio = meetingsKnown ? ratio(todayDay.handsOnMs, todayDay.meetingMs) : null;
    if (args.flags.has('json')) {
      const weekMeetingMs = sum((d) => d.meetingMs);
      const byCategory = Object.fromEntries(Object.entries(todayDay.byCategory).map(([k, v]) => [k, toMinutes(v)]));
      io.stdout(JSON.stringify({
        date: today, week: isoWeek(today), todayMinutes: toMinutes(todayDay.handsOnMs), weekMinutes: toMinutes(weekMs), byCategory,
        meetingMinutes: meetingsKnown ? toMinutes(todayDay.meetingMs) : null, craftRatio: todayRatio,
        weekMeetingMinutes: meetingsKnown ? toMinutes(weekMeetingMs) : null,
        weekCraftRatio: meetingsKnown ? ratio(weekMs, weekMeetingMs) : null,
        anomalies: loaded.anomalies, damagedLines: loaded.damagedLines, unreadableFiles: loaded.unreadableFiles,
      }) + '\n');
      return 0;
    }
    const ascii = args.flags.has('ascii') || io.env.TERM === 'dumb';
    const parts = [`${formatDuration(todayDay.handsOnMs)} today`];
    if (todayRatio !== null) parts.push(`${Math.round(todayRatio * 100)}% craft`);
    parts.push(`${formatDuration(weekMs)} this week`);
    io.stdout(ascii ? `${parts.join(' | ')}\n` : `⌨ ${parts.join(' · ')}\n`);
    return 0;
  },
};
