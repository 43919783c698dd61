// craft-time days: per local day hands-on, meetings, overlap, craft ratio, deep work and focus windows.
import { toMinutes } from '../../core/days';
import { computeMeasures, type DayMeasures } from '../../core/measures';
import { shownCraftRatio, type MeetingCoverage } from '../../core/rules';
import { CATEGORIES } from '../../core/types';
import { byProgramMinutes, handsOnByProgram } from '../../core/programs';
import { addDays, daysBetween, startOfDay } from '../../core/zone';
import { formatDuration } from '../../views/labels';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { dateOption, loadCommandInputs } from '../load';
import { COMMON_USAGE, JSON_OPTION, MEASURE_OPTIONS, MEASURE_USAGE, dataDirOf, measureFlags } from '../options';
import { loadCliSettings } from '../settings';

const SPEC = {
  ...MEASURE_OPTIONS,
  ...JSON_OPTION,
  from: { kind: 'value' },
  to: { kind: 'value' },
  ics: { kind: 'value', repeat: true },
} as const;

/** Longest range accepted, so a typo in a year cannot make the command run for minutes. */
const MAX_DAYS = 3660;

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/** What a day's JSON adds from the history beside its measures. */
export interface DayExtras {
  readonly changedLines?: { readonly hands: number; readonly assisted: number };
  readonly byProgram?: Readonly<Record<string, number>>;
}

/** The JSON shape of one day (docs/metrics.md; craftRatio is a fraction 0..1, null without meeting data). */
export function dayJson(d: DayMeasures, coverage: MeetingCoverage, extra: DayExtras = {}) {
  return {
    date: d.date,
    handsOnMinutes: toMinutes(d.handsOnMs),
    assistedMinutes: toMinutes(d.assistedMs),
    correctedMinutes: toMinutes(d.correctedMs),
    changedLines: extra.changedLines ?? { hands: 0, assisted: 0 },
    byProgram: extra.byProgram ?? {},
    byCategory: Object.fromEntries(CATEGORIES.map((c) => [c, toMinutes(d.byCategory[c])])),
    meetingMinutes: toMinutes(d.meetingMs),
    overlapMinutes: toMinutes(d.overlapMs),
    craftRatio: round4(shownCraftRatio(d.handsOnMs, d.meetingMs, coverage, d.date)),
    deepWorkBlocks: d.deepWorkBlocks,
    deepWorkMinutes: toMinutes(d.deepWorkMs),
    focusWindows: d.focusWindows,
    focusMinutes: toMinutes(d.focusMs),
    fragments: d.fragments,
    status: d.status,
  };
}

export const daysCommand: CliCommand = {
  name: 'days',
  summary: 'Hands-on time, meetings and craft ratio per local day',
  usage: [
    'Usage: craft-time days --from YYYY-MM-DD --to YYYY-MM-DD [--ics FILE ...] [--json] [settings flags] [--data-dir DIR]',
    '',
    'Every local day of the inclusive range, days without activity included. Settings come from your VS Code',
    'settings (see craft-time config); each flag below overrides one.',
    '',
    '  --ics FILE       calendar file(s) to read instead of the cached calendars (repeatable)',
    MEASURE_USAGE,
    '  --json           {"days":[{"date","handsOnMinutes","assistedMinutes","correctedMinutes","changedLines":{"hands","assisted"},',
    '                   "byProgram":{"vscode":min,...},"byCategory","meetingMinutes","overlapMinutes",',
    '                   "craftRatio","deepWorkBlocks","deepWorkMinutes","focusWindows","focusMinutes","fragments","status"}]}',
    '                   craftRatio is a fraction 0..1, null when there is neither hands-on nor meeting time or no calendar',
    COMMON_USAGE,
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length) throw new UsageError(`days takes no arguments (got "${args.positionals[0]}").`);
    const from = dateOption(args, 'from');
    const to = dateOption(args, 'to');
    if (to < from) throw new UsageError(`--to (${to}) is before --from (${from}).`);
    if (daysBetween(from, to) >= MAX_DAYS) throw new UsageError(`The range is too long (at most ${MAX_DAYS} days).`);
    const cli = await loadCliSettings(args, io, measureFlags(args));
    const loaded = await loadCommandInputs(cli, { from, to }, { dataDir: dataDirOf(args, io), io, icsFiles: args.all.ics ?? [] });
    for (const p of loaded.problems) io.stderr(`craft-time days: ${p}\n`);
    const { days } = computeMeasures(loaded.inputs, { from, to });
    const coverage = loaded.inputs.context.meetingCoverage;
    if (args.flags.has('json')) {
      const tz = loaded.inputs.context.timeZone;
      const extras = (d: DayMeasures): DayExtras => ({
        changedLines: loaded.history.changedLines.get(d.date) ?? { hands: 0, assisted: 0 },
        byProgram: byProgramMinutes(handsOnByProgram(loaded.inputs.segments, startOfDay(d.date, tz), startOfDay(addDays(d.date, 1), tz)), toMinutes),
      });
      io.stdout(JSON.stringify({ days: days.map((d) => dayJson(d, coverage, extras(d))) }) + '\n');
      return 0;
    }
    const meetingsKnown = coverage !== 'none';
    const header = ['date      ', 'hands-on', meetingsKnown ? 'meetings' : '', meetingsKnown ? 'ratio' : '', 'deep', 'focus', 'note'].filter(Boolean);
    const lines = [header.join('  ')];
    for (const d of days) {
      const j = dayJson(d, coverage);
      const cells = [d.date, formatDuration(d.handsOnMs).padStart(8)];
      if (meetingsKnown) cells.push(formatDuration(d.meetingMs).padStart(8), (j.craftRatio === null ? '-' : `${Math.round(j.craftRatio * 100)}%`).padStart(5));
      cells.push(String(d.deepWorkBlocks).padStart(4), String(d.focusWindows).padStart(5), d.status === 'working' ? '' : d.status === 'timeOff' ? 'time off' : d.status === 'idle' ? 'no activity' : 'weekend');
      lines.push(cells.join('  ').trimEnd());
    }
    if (!meetingsKnown) lines.push('', 'No calendar: meetings and craft ratio are not shown (add one, or pass --ics FILE).');
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
