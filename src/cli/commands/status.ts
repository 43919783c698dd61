// craft-time status: one short line for shell prompts ("⌨ 3h 12m today · 9h 40m this week").
import { dailyActivity, toMinutes } from '../../core/days';
import { formatDuration } from '../../core/format';
import { buildTimeline } from '../../core/timeline';
import { addMonths, isoWeek, localDate, monthOf, startOfIsoWeek } from '../../core/zone';
import { monthsBetween, readActivity } from '../../store/activityStore';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { COMMON_USAGE, DATA_DIR_OPTION, JSON_OPTION, TZ_OPTION, dataDirOf, idleMinutesOf, timeZoneOf } from '../options';

const SPEC = { ...DATA_DIR_OPTION, ...TZ_OPTION, ...JSON_OPTION, 'idle-minutes': { kind: 'value' }, ascii: { kind: 'flag' } } as const;

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'One line for shell prompts: hands-on time today and this week',
  usage: [
    'Usage: craft-time status [--tz ZONE] [--idle-minutes N] [--ascii] [--json] [--data-dir DIR]',
    '',
    'Prints hands-on time today and this ISO week (Monday to today), e.g. "⌨ 3h 12m today · 9h 40m this week".',
    '',
    '  --idle-minutes N gaps up to N minutes between heartbeats count (1-60, default 5)',
    '  --ascii          no symbols (also when TERM=dumb)',
    '  --json           {"date","week","todayMinutes","weekMinutes","byCategory","anomalies","damagedLines"}',
    COMMON_USAGE,
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length) throw new UsageError(`status takes no arguments (got "${args.positionals[0]}").`);
    const dataDir = dataDirOf(args, io);
    const timeZone = timeZoneOf(args);
    const idleMinutes = idleMinutesOf(args);
    const now = io.now();
    const today = localDate(now, timeZone);
    const monday = startOfIsoWeek(today);
    // Files are split by UTC month of span start: a month either side covers every zone offset.
    const months = monthsBetween(addMonths(monthOf(monday), -1), addMonths(monthOf(today), 1));
    const read = await readActivity(dataDir, { fromMonth: months[0], toMonth: months[months.length - 1] });
    const { segments, anomalies } = buildTimeline(read.sources, { idleMs: idleMinutes * 60_000, now });
    const days = dailyActivity(segments, monday, today, timeZone);
    const todayDay = days[days.length - 1];
    const weekMs = days.reduce((sum, d) => sum + d.handsOnMs, 0);
    if (args.flags.has('json')) {
      const byCategory = Object.fromEntries(Object.entries(todayDay.byCategory).map(([k, v]) => [k, toMinutes(v)]));
      io.stdout(JSON.stringify({
        date: today, week: isoWeek(today), todayMinutes: toMinutes(todayDay.handsOnMs), weekMinutes: toMinutes(weekMs),
        byCategory, anomalies, damagedLines: read.damagedLines, unreadableFiles: read.unreadable.length,
      }) + '\n');
      return 0;
    }
    const ascii = args.flags.has('ascii') || io.env.TERM === 'dumb';
    const todayText = formatDuration(todayDay.handsOnMs), weekText = formatDuration(weekMs);
    io.stdout(ascii ? `${todayText} today | ${weekText} this week\n` : `⌨ ${todayText} today · ${weekText} this week\n`);
    return 0;
  },
};
