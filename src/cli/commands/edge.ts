// craft-time edge: the technical-edge state as of a date, with its signals and the completed weeks behind it.
import { toMinutes } from '../../core/days';
import { assessEdge, edgeRange, type EdgeResult } from '../../core/edge';
import type { Role } from '../../core/roles';
import { localDate } from '../../core/zone';
import { edgeHeadline, explainEdge, missingLines, signalViews } from '../../views/edgeText';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { dateOption, loadCommandInputs } from '../load';
import { COMMON_USAGE, JSON_OPTION, MEASURE_OPTIONS, MEASURE_USAGE, dataDirOf, measureFlags } from '../options';
import { loadCliSettings } from '../settings';

const SPEC = {
  ...MEASURE_OPTIONS,
  ...JSON_OPTION,
  'as-of': { kind: 'value' },
  ics: { kind: 'value', repeat: true },
} as const;

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/** The JSON printed by `craft-time edge --json` (documented in docs/metrics.md). */
export function edgeJson(result: EdgeResult, role: Role) {
  return {
    state: result.state,
    asOf: result.asOf,
    role,
    floor: { weeklyHandsOnHours: result.floor.weeklyHandsOnHours, craftRatio: result.floor.craftRatio },
    headline: edgeHeadline(result),
    missing: missingLines(result),
    signals: signalViews(result).map((s) => ({ id: s.id, fired: s.fired, available: s.available, detail: s.detail, numbers: s.numbers })),
    weeks: result.weeks.map((w) => ({
      week: w.week,
      from: w.from,
      to: w.to,
      handsOnMinutes: toMinutes(w.handsOnMs),
      meetingMinutes: toMinutes(w.meetingMs),
      craftRatio: w.meetingsCovered ? round4(w.craftRatio) : null,
      floorHandsOnHours: round2(w.floorHandsOnMs / 3_600_000),
      workingDays: w.workingDays,
      availableDays: w.availableDays,
      tracked: w.tracked,
      counted: w.counted,
      belowFloor: w.belowFloor,
    })),
  };
}

export const edgeCommand: CliCommand = {
  name: 'edge',
  summary: 'Technical-edge state (learning, healthy, watch, eroding) with its signals and weeks',
  usage: [
    'Usage: craft-time edge [--as-of YYYY-MM-DD] [--ics FILE ...] [--json] [settings flags] [--data-dir DIR]',
    '',
    'Judges the completed ISO weeks before the week of --as-of (default: today): below floor, decline against',
    'the 12-week baseline, and a long run away from the code. See docs/metrics.md. Role, floors, zone and idle',
    'rule come from your VS Code settings (see craft-time config); each flag below overrides one.',
    '',
    '  --ics FILE       calendar file(s) to read instead of the cached calendars (repeatable)',
    MEASURE_USAGE,
    '  --json           {"state","role","floor":{"weeklyHandsOnHours","craftRatio"},"signals":[{"id","fired","detail",...}],',
    '                   "weeks":[{"week","handsOnMinutes","meetingMinutes","craftRatio",...}]}; ratios are fractions 0..1',
    COMMON_USAGE,
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length) throw new UsageError(`edge takes no arguments (got "${args.positionals[0]}").`);
    const cli = await loadCliSettings(args, io, measureFlags(args));
    const asOf = dateOption(args, 'as-of', localDate(io.now(), cli.settings.timeZone));
    const loaded = await loadCommandInputs(cli, edgeRange(asOf), { dataDir: dataDirOf(args, io), io, icsFiles: args.all.ics ?? [] });
    for (const p of loaded.problems) io.stderr(`craft-time edge: ${p}\n`);
    const result = assessEdge(loaded.inputs, asOf);
    const role: Role = cli.settings.role;
    if (args.flags.has('json')) {
      io.stdout(JSON.stringify(edgeJson(result, role)) + '\n');
      return 0;
    }
    io.stdout(explainEdge(result, role));
    return 0;
  },
};
