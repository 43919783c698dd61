// craft-time summary: the monthly summary for a lead, as Markdown (default), HTML, JSON or CSV.
import * as path from 'node:path';
import { dailyMeasures } from '../../core/measures';
import { computeEdge } from '../../core/edge';
import { isSummaryFormat, renderSummary, SUMMARY_FORMATS } from '../../core/render/renderSummary';
import { DEFAULT_ROLE, floorFor, isRole, ROLES, type Role } from '../../core/roles';
import { buildMonthlySummary, summaryAsOf, summaryRange } from '../../core/summary/monthlySummary';
import { addMonths, localDate, monthOf, monthRange } from '../../core/zone';
import { readActivity } from '../../store/activityStore';
import { parseArgs, UsageError, type ParsedArgs } from '../args';
import type { CliCommand, CliIo } from '../io';
import { emailsOption, loadInputs } from '../load';
import { COMMON_USAGE, DATA_DIR_OPTION, TZ_OPTION, dataDirOf, idleMinutesOf, timeZoneOf } from '../options';
import { writeFileAtomic } from '../../store/atomicWrite';

const SPEC = {
  ...DATA_DIR_OPTION,
  ...TZ_OPTION,
  month: { kind: 'value' },
  format: { kind: 'value' },
  out: { kind: 'value' },
  role: { kind: 'value' },
  'floor-hours': { kind: 'value' },
  'floor-ratio': { kind: 'value' },
  'idle-minutes': { kind: 'value' },
  ics: { kind: 'value', repeat: true },
  me: { kind: 'value', repeat: true },
  'include-workspaces': { kind: 'flag' },
} as const;

function numberOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max} (got "${raw}").`);
  return n;
}

export const summaryCommand: CliCommand = {
  name: 'summary',
  summary: 'Monthly summary for a lead (Markdown, printable HTML, JSON or CSV)',
  usage: [
    'Usage: craft-time summary --month YYYY-MM [--format md|html|json|csv] [--out FILE] [--role ROLE] [--floor-hours N] [--floor-ratio R]',
    '                          [--ics FILE ...] [--me EMAIL ...] [--tz ZONE] [--idle-minutes N] [--include-workspaces] [--data-dir DIR]',
    '',
    'Headline numbers against last month and the 3-month average, weekly table, deep work and focus windows,',
    'meeting mix (no titles), the technical edge as of the first day after the month, and suggestions.',
    'Contents and the JSON schema: docs/summary.md. Its numbers equal `craft-time days` for the month and',
    '`craft-time edge --as-of <first day of next month>`.',
    '',
    '  --month YYYY-MM       the month (required); a month in progress is summarised up to yesterday',
    '  --format FORMAT       md (default), html (one self-contained printable file), json, csv (daily rows)',
    '  --out FILE            write here instead of standard output',
    `  --role ROLE           ${ROLES.join(', ')} (default ${DEFAULT_ROLE}); sets the floors`,
    '  --floor-hours N       weekly hands-on floor in hours, instead of the role\'s (0-80)',
    '  --floor-ratio R       craft-ratio floor as a fraction 0..1, instead of the role\'s',
    '  --ics FILE            calendar file(s) to read instead of the cached calendars (repeatable)',
    '  --me EMAIL            your address(es), to drop invitations you declined (repeatable)',
    '  --idle-minutes N      gaps up to N minutes between heartbeats count (1-60, default 5)',
    '  --include-workspaces  list workspace names (left out by default); file paths and meeting titles never appear',
    COMMON_USAGE,
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length) throw new UsageError(`summary takes no arguments (got "${args.positionals[0]}").`);
    const month = args.values.month;
    if (month === undefined) throw new UsageError('--month YYYY-MM is required.');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month must be YYYY-MM (got "${month}").`);
    const format = args.values.format ?? 'md';
    if (!isSummaryFormat(format)) throw new UsageError(`--format must be one of ${SUMMARY_FORMATS.join(', ')} (got "${format}").`);
    const roleRaw = args.values.role ?? DEFAULT_ROLE;
    if (!isRole(roleRaw)) throw new UsageError(`Unknown role "${roleRaw}". Roles: ${ROLES.join(', ')}.`);
    const role: Role = roleRaw;
    const timeZone = timeZoneOf(args);
    const idleMinutes = idleMinutesOf(args);
    const myEmails = emailsOption(args);
    const now = io.now();
    const today = localDate(now, timeZone);
    if (monthRange(month).from > today) throw new UsageError(`${month} has not started yet (today is ${today}).`);
    const asOf = summaryAsOf(month, today);
    const range = summaryRange(month, asOf);
    const dataDir = dataDirOf(args, io);
    const loaded = await loadInputs({ dataDir, from: range.from, to: range.to, timeZone, idleMinutes, now, icsFiles: args.all.ics ?? [], myEmails, cwd: io.cwd });
    for (const p of loaded.problems) io.stderr(`craft-time summary: ${p}\n`);
    const floor = floorFor(role, { weeklyHandsOnHours: numberOption(args, 'floor-hours', 0, 80), craftRatio: numberOption(args, 'floor-ratio', 0, 1) });
    const days = dailyMeasures({ segments: loaded.segments, meetings: loaded.meetings, from: range.from, to: range.to, timeZone, timeOff: loaded.timeOff });
    const edge = computeEdge({ days, asOf, floor, meetingCoverage: loaded.coverage, trackingStart: loaded.trackingStart });
    const includeWorkspaces = args.flags.has('include-workspaces');
    let workspaceNames: Map<string, string> | undefined;
    if (includeWorkspaces) {
      const read = await readActivity(dataDir, { fromMonth: addMonths(monthOf(range.from), -1), toMonth: addMonths(month, 1) });
      workspaceNames = read.workspaceNames;
    }
    const summary = buildMonthlySummary({
      month,
      days,
      meetings: loaded.meetings,
      edge,
      role,
      timeZone,
      meetingCoverage: loaded.coverage,
      trackingStart: loaded.trackingStart,
      includeWorkspaces,
      workspaceNames,
    });
    const text = renderSummary(summary, format);
    const out = args.values.out;
    if (out === undefined) {
      io.stdout(text);
      return 0;
    }
    const file = path.resolve(io.cwd, out);
    await writeFileAtomic(file, text, { mkdir: true, mode: 0o644 });
    io.stderr(`Wrote the ${format} summary for ${month} to ${file}.\n`);
    return 0;
  },
};
