// craft-time edge: the technical-edge state as of a date, with its signals and the completed weeks behind it.
import { toMinutes } from '../../core/days';
import { computeEdge, edgeRange, explainEdge, type EdgeResult } from '../../core/edge';
import { dailyMeasures } from '../../core/measures';
import { DEFAULT_ROLE, floorFor, isRole, ROLES, type Role } from '../../core/roles';
import { localDate } from '../../core/zone';
import { parseArgs, UsageError, type ParsedArgs } from '../args';
import type { CliCommand, CliIo } from '../io';
import { dateOption, emailsOption, loadInputs } from '../load';
import { COMMON_USAGE, DATA_DIR_OPTION, JSON_OPTION, TZ_OPTION, dataDirOf, idleMinutesOf, timeZoneOf } from '../options';

const SPEC = {
  ...DATA_DIR_OPTION,
  ...TZ_OPTION,
  ...JSON_OPTION,
  'as-of': { kind: 'value' },
  role: { kind: 'value' },
  'floor-hours': { kind: 'value' },
  'floor-ratio': { kind: 'value' },
  'idle-minutes': { kind: 'value' },
  ics: { kind: 'value', repeat: true },
  me: { kind: 'value', repeat: true },
} as const;

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

function numberOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max} (got "${raw}").`);
  return n;
}

/** The JSON printed by `craft-time edge --json` (documented in docs/metrics.md). */
export function edgeJson(result: EdgeResult, role: Role) {
  return {
    state: result.state,
    asOf: result.asOf,
    role,
    floor: { weeklyHandsOnHours: result.floor.weeklyHandsOnHours, craftRatio: result.floor.craftRatio },
    headline: result.headline,
    missing: result.missing,
    signals: result.signals.map((s) => ({ id: s.id, fired: s.fired, available: s.available, detail: s.detail, numbers: s.numbers })),
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
    'Usage: craft-time edge [--as-of YYYY-MM-DD] [--role ROLE] [--floor-hours N] [--floor-ratio R] [--ics FILE ...] [--me EMAIL ...]',
    '                       [--tz ZONE] [--idle-minutes N] [--json] [--data-dir DIR]',
    '',
    'Judges the completed ISO weeks before the week of --as-of (default: today): below floor, decline against',
    'the 12-week baseline, and a long run away from the code. See docs/metrics.md.',
    '',
    `  --role ROLE      ${ROLES.join(', ')} (default ${DEFAULT_ROLE}); sets the default floors`,
    '  --floor-hours N  weekly hands-on floor in hours, instead of the role\'s (0-80)',
    '  --floor-ratio R  craft-ratio floor as a fraction 0..1, instead of the role\'s',
    '  --ics FILE       calendar file(s) to read instead of the cached calendars (repeatable)',
    '  --me EMAIL       your address(es), to drop invitations you declined (repeatable)',
    '  --idle-minutes N gaps up to N minutes between heartbeats count (1-60, default 5)',
    '  --json           {"state","role","floor":{"weeklyHandsOnHours","craftRatio"},"signals":[{"id","fired","detail",...}],',
    '                   "weeks":[{"week","handsOnMinutes","meetingMinutes","craftRatio",...}]}; ratios are fractions 0..1',
    COMMON_USAGE,
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length) throw new UsageError(`edge takes no arguments (got "${args.positionals[0]}").`);
    const timeZone = timeZoneOf(args);
    const now = io.now();
    const asOf = dateOption(args, 'as-of', localDate(now, timeZone));
    const roleRaw = args.values.role ?? DEFAULT_ROLE;
    if (!isRole(roleRaw)) throw new UsageError(`Unknown role "${roleRaw}". Roles: ${ROLES.join(', ')}.`);
    const role: Role = roleRaw;
    const floor = floorFor(role, { weeklyHandsOnHours: numberOption(args, 'floor-hours', 0, 80), craftRatio: numberOption(args, 'floor-ratio', 0, 1) });
    const idleMinutes = idleMinutesOf(args);
    const myEmails = emailsOption(args);
    const range = edgeRange(asOf);
    const loaded = await loadInputs({
      dataDir: dataDirOf(args, io),
      from: range.from,
      to: range.to,
      timeZone,
      idleMinutes,
      now,
      icsFiles: args.all.ics ?? [],
      myEmails,
      cwd: io.cwd,
    });
    for (const p of loaded.problems) io.stderr(`craft-time edge: ${p}\n`);
    const days = dailyMeasures({ segments: loaded.segments, meetings: loaded.meetings, from: range.from, to: range.to, timeZone, timeOff: loaded.timeOff });
    const result = computeEdge({ days, asOf, floor, meetingCoverage: loaded.coverage, trackingStart: loaded.trackingStart });
    if (args.flags.has('json')) {
      io.stdout(JSON.stringify(edgeJson(result, role)) + '\n');
      return 0;
    }
    io.stdout(explainEdge(result, role));
    return 0;
  },
};
