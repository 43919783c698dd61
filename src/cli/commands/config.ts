// craft-time config: the effective settings (the same model as the extension) and where each value came from.
import { SETTING_KEYS, type SettingKey, type Settings } from '../../core/settings';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { COMMON_USAGE, JSON_OPTION, MEASURE_OPTIONS, MEASURE_USAGE, measureFlags } from '../options';
import { loadCliSettings, type SettingSource } from '../settings';

const SPEC = { ...MEASURE_OPTIONS, ...JSON_OPTION } as const;

/** The resolved value of each key, as the commands use it. */
function effective(s: Settings): Record<SettingKey, unknown> {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return {
    idleMinutes: s.idleMinutes,
    timeZone: s.timeZone,
    'statusBar.enabled': s.statusBarEnabled,
    role: s.role,
    'floors.weeklyHandsOnHours': s.floor.weeklyHandsOnHours,
    'floors.craftRatio': s.floor.craftRatio,
    deepWorkMinutes: s.deepWorkMinutes,
    'workingHours.days': s.workingHours.days.map((d) => days[d - 1]),
    'workingHours.start': hhmm(s.workingHours.startMinute),
    'workingHours.end': hhmm(s.workingHours.endMinute),
    'meetings.myEmails': s.myEmails,
    'meetings.ignorePatterns': s.ignorePatterns,
    'calendar.refreshMinutes': s.refreshMinutes,
    'warnings.enabled': s.warningsEnabled,
    'warnings.minDaysBetween': s.warningsMinDaysBetween,
    'dashboard.showWorkspaces': s.dashboardShowWorkspaces,
    'assisted.readClipboard': s.readClipboard,
    'edge.assistedCredit': s.assistedCredit,
  };
}

function sourceText(source: SettingSource): string {
  return source.kind === 'flag' ? source.flag : source.kind === 'file' ? source.file : 'default';
}

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'The effective settings and where each value came from',
  usage: [
    'Usage: craft-time config [--json] [settings flags]',
    '',
    'Prints every craftTime.* setting as the other commands use it. Order: flags, then --settings FILE (or',
    '$CRAFT_TIME_SETTINGS), then the user settings.json of VS Code, VS Code Insiders, VSCodium and Cursor (the',
    'first that sets a key wins), then the defaults. Invalid values get the same message and fallback as in',
    'the extension. See docs/settings.md.',
    '',
    '  --json           {"settings":{"<key>":{"value","source"}},"problems":[...]}; source is a flag, a file or "default"',
    MEASURE_USAGE,
    COMMON_USAGE,
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length) throw new UsageError(`config takes no arguments (got "${args.positionals[0]}").`);
    const cli = await loadCliSettings(args, io, measureFlags(args));
    const values = effective(cli.settings);
    if (args.flags.has('json')) {
      const settings = Object.fromEntries(SETTING_KEYS.map((k) => [`craftTime.${k}`, { value: values[k], source: sourceText(cli.sources[k]) }]));
      io.stdout(JSON.stringify({ settings, problems: cli.problems }) + '\n');
      return 0;
    }
    const width = Math.max(...SETTING_KEYS.map((k) => `craftTime.${k}`.length));
    const lines = SETTING_KEYS.map((k) => `${`craftTime.${k}`.padEnd(width)}  ${JSON.stringify(values[k])}  (${sourceText(cli.sources[k])})`);
    for (const p of cli.problems) lines.push(`problem: ${p}`);
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
