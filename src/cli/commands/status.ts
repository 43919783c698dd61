// craft-time status: one short line for shell prompts ("⌨ 3h 12m today · 41% craft · 9h 40m this week").
// The craft ratio appears only when meetings are known for today (a calendar, or meetings logged by hand).
import { toMinutes } from '../../core/days';
import { todayAndWeek } from '../../core/today';
import { isoWeek, localDate, startOfIsoWeek } from '../../core/zone';
import { formatDuration } from '../../views/labels';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { loadCommandInputs } from '../load';
import { COMMON_USAGE, JSON_OPTION, MEASURE_OPTIONS, MEASURE_USAGE, dataDirOf, measureFlags } from '../options';
import { loadCliSettings } from '../settings';

const SPEC = { ...MEASURE_OPTIONS, ...JSON_OPTION, ascii: { kind: 'flag' } } as const;

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'One line for shell prompts: hands-on time today and this week',
  usage: [
    'Usage: craft-time status [--ascii] [--json] [settings flags] [--data-dir DIR]',
    '',
    'Prints hands-on time today and this ISO week (Monday to today), e.g. "⌨ 3h 12m today · 9h 40m this week".',
    'When meetings are known for today (a calendar added in VS Code, or meetings logged by hand), today\'s',
    'craft ratio is added: "⌨ 3h 12m today · 41% craft · 9h 40m this week".',
    '',
    MEASURE_USAGE,
    '  --ascii          no symbols (also when TERM=dumb)',
    '  --json           {"date","week","todayMinutes","weekMinutes","byCategory","meetingMinutes","craftRatio",',
    '                   "weekMeetingMinutes","weekCraftRatio","anomalies","damagedLines","unreadableFiles"}',
    '                   meeting fields and ratios are null when meetings are not known',
    COMMON_USAGE,
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length) throw new UsageError(`status takes no arguments (got "${args.positionals[0]}").`);
    const cli = await loadCliSettings(args, io, measureFlags(args));
    const today = localDate(io.now(), cli.settings.timeZone);
    const loaded = await loadCommandInputs(cli, { from: startOfIsoWeek(today), to: today }, { dataDir: dataDirOf(args, io), io });
    const t = todayAndWeek(loaded.inputs, today);
    if (args.flags.has('json')) {
      io.stdout(JSON.stringify({
        date: today, week: isoWeek(today), todayMinutes: toMinutes(t.today.handsOnMs), weekMinutes: toMinutes(t.weekHandsOnMs),
        todayAssistedMinutes: toMinutes(t.today.assistedMs), weekAssistedMinutes: toMinutes(t.weekAssistedMs),
        byCategory: Object.fromEntries(Object.entries(t.today.byCategory).map(([k, v]) => [k, toMinutes(v)])),
        meetingMinutes: t.meetingsKnown ? toMinutes(t.today.meetingMs) : null, craftRatio: t.todayCraftRatio,
        weekMeetingMinutes: t.meetingsKnown ? toMinutes(t.weekMeetingMs) : null,
        weekCraftRatio: t.weekCraftRatio,
        anomalies: loaded.history.anomalies, damagedLines: loaded.history.damagedLines, unreadableFiles: loaded.history.unreadable.length,
      }) + '\n');
      return 0;
    }
    const todayRatio = t.todayCraftRatio;
    const todayDay = t.today, weekMs = t.weekHandsOnMs;
    const ascii = args.flags.has('ascii') || io.env.TERM === 'dumb';
    const parts = [`${formatDuration(todayDay.handsOnMs)} today`];
    if (todayRatio !== null) parts.push(`${Math.round(todayRatio * 100)}% craft`);
    parts.push(`${formatDuration(weekMs)} this week`);
    io.stdout(ascii ? `${parts.join(' | ')}\n` : `⌨ ${parts.join(' · ')}\n`);
    return 0;
  },
};
