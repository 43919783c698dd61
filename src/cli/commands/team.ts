// craft-time team: contribute this machine's coarse monthly numbers to a shared folder, build the team report
// from such a folder, export it as NDJSON, or withdraw. Privacy rules live in core/team (docs/team-format.md).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { edgeRange } from '../../core/edge';
import { isRole, ROLES, type Role } from '../../core/roles';
import { buildContribution, collectContributions, reportMonths } from '../../core/team/contribution';
import { seededRandom, type Random } from '../../core/team/noise';
import { contributionAsOf, contributionFrom } from '../../core/team/fromMeasures';
import { contributionPreview } from '../../core/team/preview';
import { renderTeamReportHtml, renderTeamReportJson, renderTeamReportMarkdown } from '../../core/team/render';
import { buildTeamReport, DEFAULT_MIN_GROUP, DEFAULT_TREND_MONTHS, MIN_GROUP_FLOOR, MAX_MIN_GROUP } from '../../core/team/report';
import { localDate, monthOf } from '../../core/zone';
import {
  contributionRelativePath,
  deleteContributions,
  forgetMemberId,
  loadOrCreateMemberId,
  readMemberFile,
  readTeamFolder,
  rememberRole,
  writeContribution,
} from '../../store/teamFolder';
import { parseArgs, UsageError, type ParsedArgs } from '../args';
import type { CliCommand, CliIo } from '../io';
import { loadCommandInputs } from '../load';
import { COMMON_USAGE, DATA_DIR_OPTION, JSON_OPTION, MEASURE_OPTIONS, dataDirOf, measureFlags } from '../options';
import { loadCliSettings } from '../settings';
import { writeFileAtomic } from '../../store/atomicWrite';

export const TEAM_FORMATS = ['md', 'html', 'json'] as const;
export type TeamFormat = (typeof TEAM_FORMATS)[number];

/** A week is contributed only with at least this many counted working days (else it was mostly time off). */
export { MIN_AVAILABLE_DAYS } from '../../core/team/fromMeasures';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

const CONTRIBUTE_SPEC = {
  ...MEASURE_OPTIONS,
  ...JSON_OPTION,
  month: { kind: 'value' },
  out: { kind: 'value' },
  yes: { kind: 'flag' },
  ics: { kind: 'value', repeat: true },
} as const;

const REPORT_SPEC = {
  ...JSON_OPTION,
  in: { kind: 'value' },
  month: { kind: 'value' },
  'min-group': { kind: 'value' },
  epsilon: { kind: 'value' },
  seed: { kind: 'value' },
  format: { kind: 'value' },
  out: { kind: 'value' },
  'trend-months': { kind: 'value' },
} as const;

const EXPORT_SPEC = { in: { kind: 'value' }, month: { kind: 'value', repeat: true }, out: { kind: 'value' } } as const;
const WITHDRAW_SPEC = { ...DATA_DIR_OPTION, ...JSON_OPTION, out: { kind: 'value' }, yes: { kind: 'flag' } } as const;

const USAGE = [
  'Usage: craft-time team contribute --month YYYY-MM --out DIR [--yes] [--role ROLE] [--ics FILE ...] [--me EMAIL ...]',
  '                                 [--tz ZONE] [--idle-minutes N] [--json] [--data-dir DIR]',
  '       craft-time team report --in DIR --month YYYY-MM [--min-group N] [--epsilon E] [--seed N]',
  '                             [--format md|html|json] [--json] [--trend-months N] [--out FILE]',
  '       craft-time team export-ndjson --in DIR [--month YYYY-MM ...] [--out FILE]',
  '       craft-time team withdraw --out DIR [--yes] [--json] [--data-dir DIR]',
  '',
  'contribute   writes this machine\'s coarse numbers for a month to DIR/YYYY-MM/<member id>.json. Without --yes',
  '             it prints the exact file it would write, and writes nothing.',
  `  --role ROLE      ${ROLES.join(', ')} (required the first time; then the last one used)`,
  '  --ics FILE       calendar file(s) instead of the cached calendars (repeatable); --me EMAIL drops declined ones',
  '  --json           {"file","written","contribution"}',
  'report       builds the team report from a folder of contributions; never shows a group smaller than --min-group.',
  `  --min-group N    smallest group shown (default ${DEFAULT_MIN_GROUP}, refused below ${MIN_GROUP_FLOOR})`,
  '  --epsilon E      add Laplace noise for differential privacy with budget E per month (e.g. 1)',
  '  --seed N         make the noise reproducible (tests only: anyone with the seed can remove the noise)',
  '  --format F       md (default), html or json; --json is --format json',
  `  --trend-months N months in the trend, this one included (default ${DEFAULT_TREND_MONTHS})`,
  '  --out FILE       write to FILE instead of standard output',
  'export-ndjson prints every valid contribution as one JSON line (for a warehouse); rejected files go to stderr.',
  'withdraw     deletes this member\'s contributions from DIR (lists them without --yes) and forgets the member id.',
  '',
  'Exit codes: 0 success (rejected files do not fail a report), 1 failure, 2 bad arguments.',
  COMMON_USAGE,
].join('\n');

export const teamCommand: CliCommand = {
  name: 'team',
  summary: 'Opt-in team aggregate: contribute a month, build the privacy-safe team report',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'contribute':
        return contribute(rest, io);
      case 'report':
        return report(rest, io);
      case 'export-ndjson':
        return exportNdjson(rest, io);
      case 'withdraw':
        return withdraw(rest, io);
      case undefined:
        throw new UsageError('team needs a subcommand: contribute, report, export-ndjson or withdraw.');
      default:
        throw new UsageError(`Unknown team subcommand "${sub}". Use contribute, report, export-ndjson or withdraw.`);
    }
  },
};

function noPositionals(args: ParsedArgs, what: string): void {
  if (args.positionals.length) throw new UsageError(`team ${what} takes no arguments (got "${args.positionals[0]}").`);
}

function monthOption(args: ParsedArgs, latest: string): string {
  const raw = args.values.month;
  if (raw === undefined) throw new UsageError('--month YYYY-MM is required.');
  if (!MONTH_RE.test(raw)) throw new UsageError(`--month must be YYYY-MM (got "${raw}").`);
  if (raw > latest) throw new UsageError(`--month ${raw} is in the future.`);
  return raw;
}

function folderOption(args: ParsedArgs, name: 'in' | 'out', io: CliIo): string {
  const raw = args.values[name];
  if (raw === undefined) throw new UsageError(`--${name} DIR (the team folder) is required.`);
  const dir = path.resolve(io.cwd, raw);
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new Error(`The team folder ${dir} does not exist.`);
  }
  if (!st.isDirectory()) throw new Error(`${dir} is not a folder.`);
  return dir;
}

function intOption(args: ParsedArgs, name: string, min: number, max: number, hint = ''): number | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}${hint} (got "${raw}").`);
  return n;
}

async function contribute(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, CONTRIBUTE_SPEC);
  noPositionals(args, 'contribute');
  const cli = await loadCliSettings(args, io, measureFlags(args));
  const now = io.now();
  const today = localDate(now, cli.settings.timeZone);
  const month = monthOption(args, monthOf(today));
  const out = folderOption(args, 'out', io);
  const dataDir = dataDirOf(args, io);
  const stored = await readMemberFile(dataDir);
  const roleRaw = args.values.role ?? stored?.role;
  if (roleRaw === undefined) throw new UsageError(`--role is required the first time (${ROLES.join(', ')}).`);
  if (!isRole(roleRaw)) throw new UsageError(`Unknown role "${roleRaw}". Roles: ${ROLES.join(', ')}.`);
  const role: Role = roleRaw;

  const loaded = await loadCommandInputs(cli, edgeRange(contributionAsOf(month, today)), { dataDir, io, icsFiles: args.all.ics ?? [] });
  for (const p of loaded.problems) io.stderr(`craft-time team: ${p}\n`);
  const { input, skipped } = contributionFrom(loaded.inputs, month, role, today);
  const member = await loadOrCreateMemberId(dataDir); // local only: the preview must show the exact file
  const contribution = buildContribution(input, { member, month, now, today });
  for (const s of skipped) io.stderr(`craft-time team: skipped ${s}\n`);
  if (contribution.weeks.length === 0) {
    io.stderr(`craft-time team: nothing to contribute for ${month}: no completed week with hands-on or meeting time.\n`);
    return 1;
  }
  const file = path.join(out, ...contributionRelativePath(month, member).split('/'));
  const json = args.flags.has('json');
  if (!args.flags.has('yes')) {
    if (json) io.stdout(JSON.stringify({ file, written: false, contribution }) + '\n');
    else io.stdout(`${contributionPreview(contribution, file)}\nNothing was written. Run again with --yes to write it.\n`);
    return 0;
  }
  const written = await writeContribution(out, contribution);
  await rememberRole(dataDir, member, role);
  if (json) io.stdout(JSON.stringify({ file: written, written: true, contribution }) + '\n');
  else io.stdout(`Wrote ${written} (${contribution.weeks.length} week${contribution.weeks.length === 1 ? '' : 's'}).\n`);
  return 0;
}

/** Uniform [0, 1) from the OS generator (what the noise uses unless --seed is given). */
export function cryptoRandom(): Random {
  let pool = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at + 6 > pool.length) {
      pool = randomBytes(6 * 1024);
      at = 0;
    }
    const v = pool.readUIntLE(at, 6) / 2 ** 48;
    at += 6;
    return v;
  };
}

async function report(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, REPORT_SPEC);
  noPositionals(args, 'report');
  const now = io.now();
  const month = monthOption(args, monthOf(localDate(now + 14 * 3_600_000, 'UTC')));
  const folder = folderOption(args, 'in', io);
  const minGroup = intOption(args, 'min-group', MIN_GROUP_FLOOR, MAX_MIN_GROUP, ' (groups below 3 are never shown)') ?? DEFAULT_MIN_GROUP;
  const trendMonths = intOption(args, 'trend-months', 1, 36) ?? DEFAULT_TREND_MONTHS;
  let epsilon: number | undefined;
  if (args.values.epsilon !== undefined) {
    const raw = args.values.epsilon;
    epsilon = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(epsilon) || epsilon <= 0 || epsilon > 100) throw new UsageError(`--epsilon must be a number above 0 and at most 100 (got "${raw}").`);
  }
  const seed = intOption(args, 'seed', 0, 2 ** 32 - 1);
  if (seed !== undefined && epsilon === undefined) throw new UsageError('--seed only makes sense with --epsilon.');
  const formatRaw = args.flags.has('json') ? 'json' : args.values.format ?? 'md';
  if (args.flags.has('json') && args.values.format !== undefined && args.values.format !== 'json') throw new UsageError('--json and --format disagree.');
  if (!(TEAM_FORMATS as readonly string[]).includes(formatRaw)) throw new UsageError(`--format must be one of ${TEAM_FORMATS.join(', ')} (got "${formatRaw}").`);
  const format = formatRaw as TeamFormat;

  const read = await readTeamFolder(folder, { months: reportMonths(month, trendMonths) });
  const collected = collectContributions(read.files, { now });
  const random = epsilon === undefined ? undefined : seed !== undefined ? seededRandom(seed) : cryptoRandom();
  const result = buildTeamReport(
    collected.contributions.map((c) => c.contribution),
    [...read.rejected, ...collected.rejected],
    { month, minGroup, epsilon, random, trendMonths },
  );
  const text = format === 'json' ? renderTeamReportJson(result) : format === 'html' ? renderTeamReportHtml(result) : renderTeamReportMarkdown(result);
  await emit(text, args.values.out, io);
  return 0;
}

async function emit(text: string, out: string | undefined, io: CliIo): Promise<void> {
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  const file = path.resolve(io.cwd, out);
  await writeFileAtomic(file, text, { mode: 0o644 });
  io.stderr(`Wrote ${file}\n`);
}

async function exportNdjson(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, EXPORT_SPEC);
  noPositionals(args, 'export-ndjson');
  const folder = folderOption(args, 'in', io);
  const months = args.all.month;
  for (const m of months ?? []) if (!MONTH_RE.test(m)) throw new UsageError(`--month must be YYYY-MM (got "${m}").`);
  const read = await readTeamFolder(folder, months ? { months } : {});
  const collected = collectContributions(read.files, { now: io.now() });
  const wanted = months ? new Set(months) : undefined;
  const lines = collected.contributions.filter((c) => !wanted || wanted.has(c.contribution.month)).map((c) => JSON.stringify(c.contribution));
  for (const r of [...read.rejected, ...collected.rejected]) io.stderr(`craft-time team: rejected ${r.file}: ${r.reason}\n`);
  await emit(lines.length ? `${lines.join('\n')}\n` : '', args.values.out, io);
  return 0;
}

async function withdraw(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, WITHDRAW_SPEC);
  noPositionals(args, 'withdraw');
  const folder = folderOption(args, 'out', io);
  const dataDir = dataDirOf(args, io);
  const stored = await readMemberFile(dataDir);
  const json = args.flags.has('json');
  if (!stored) {
    if (json) io.stdout(JSON.stringify({ member: null, deleted: [] }) + '\n');
    else io.stdout('This machine has no member id: nothing to withdraw.\n');
    return 0;
  }
  if (!args.flags.has('yes')) {
    const entries = await fs.promises.readdir(folder, { withFileTypes: true });
    const files: string[] = [];
    for (const e of entries) {
      if (!e.isDirectory() || !MONTH_RE.test(e.name)) continue;
      const f = path.join(folder, e.name, `${stored.member}.json`);
      if (fs.existsSync(f) && fs.lstatSync(f).isFile()) files.push(f);
    }
    files.sort();
    if (json) io.stdout(JSON.stringify({ member: stored.member, deleted: [], wouldDelete: files }) + '\n');
    else io.stdout(`Would delete ${files.length} file${files.length === 1 ? '' : 's'} and forget member id ${stored.member}:\n${files.map((f) => `  ${f}\n`).join('')}Nothing was deleted. Run again with --yes.\n`);
    return 0;
  }
  const deleted = await deleteContributions(folder, stored.member);
  await forgetMemberId(dataDir);
  if (json) io.stdout(JSON.stringify({ member: stored.member, deleted }) + '\n');
  else io.stdout(`Deleted ${deleted.length} file${deleted.length === 1 ? '' : 's'}; this machine will use a new member id if it contributes again.\n`);
  return 0;
}
