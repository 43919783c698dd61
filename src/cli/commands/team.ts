// craft-time team: the opt-in, sealed team aggregate. Stewards set up a team (init), admit members by
// fingerprint (admit), build the report (report) and look after the keys (backup-key, restore-key,
// rotate-key); members join (join), review and send a month (contribute) and leave (withdraw); anyone can
// see the roster (roster). Formats: docs/team-format.md; threat model: docs/team-privacy.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { edgeRange } from '../../core/edge';
import { isRole, ROLES, type Role } from '../../core/roles';
import { buildSealedContribution } from '../../core/team/contribution';
import { contributionAsOf, contributionFrom } from '../../core/team/fromMeasures';
import { contributionPreview } from '../../views/contributionText';
import { renderTeamReportHtml, renderTeamReportJson, renderTeamReportMarkdown } from '../../views/render/teamReport';
import { DEFAULT_TREND_MONTHS, MAX_MIN_GROUP, MIN_GROUP_FLOOR, type ReleasedAggregate } from '../../core/team/report';
import { localDate, monthOf } from '../../core/zone';
import { writeFileAtomic } from '../../store/atomicWrite';
import { readFileSafe } from '../../store/safeRead';
import {
  applyAdmit, applyInit, applyJoin, applySend, applyWithdraw, backupStewardKeys, DEFAULT_PRIVACY, memberTeam, openStewardBackup, planAdmit, planInit, planJoin,
  applyLegacyWithdraw, planSend, planWithdraw, rosterView, rotateReportKey, stewardReport,
} from '../../store/teamOps';
import { readLegacyMembership, readMembership, readSteward, writeMembership, writeSteward } from '../../store/teamKeys';
import { validatePrivacy, isProblem } from '../../store/teamTrust';
import { parseArgs, UsageError, type OptionSpec, type ParsedArgs } from '../args';
import type { CliCommand, CliIo } from '../io';
import { loadCommandInputs } from '../load';
import { COMMON_USAGE, DATA_DIR_OPTION, JSON_OPTION, MEASURE_OPTIONS, dataDirOf, measureFlags } from '../options';
import { loadCliSettings } from '../settings';

export const TEAM_FORMATS = ['md', 'html', 'json'] as const;
export type TeamFormat = (typeof TEAM_FORMATS)[number];
export { MIN_AVAILABLE_DAYS } from '../../core/team/fromMeasures';
/** The environment variable a steward's key backup passphrase is read from (never an argument: it would show in `ps`). */
export const PASSPHRASE_ENV = 'CRAFT_TIME_TEAM_PASSPHRASE';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const DIR: Record<string, OptionSpec> = { dir: { kind: 'value' }, in: { kind: 'value' }, out: { kind: 'value' } };
const WRITES: Record<string, OptionSpec> = { ...DIR, ...DATA_DIR_OPTION, ...JSON_OPTION, yes: { kind: 'flag' } };

const SPECS = {
  init: { ...WRITES, 'min-group': { kind: 'value' }, 'epsilon-month': { kind: 'value' }, 'epsilon-year': { kind: 'value' } },
  join: { ...WRITES, role: { kind: 'value' }, 'team-fingerprint': { kind: 'value' } },
  admit: WRITES,
  roster: { ...DIR, ...DATA_DIR_OPTION, ...JSON_OPTION },
  contribute: { ...WRITES, ...MEASURE_OPTIONS, month: { kind: 'value' }, ics: { kind: 'value', repeat: true } },
  report: {
    ...DIR, ...DATA_DIR_OPTION, ...JSON_OPTION, month: { kind: 'value' }, 'min-group': { kind: 'value' }, seed: { kind: 'value' }, format: { kind: 'value' },
    file: { kind: 'value' }, 'trend-months': { kind: 'value' }, 'export-aggregates': { kind: 'value' },
  },
  withdraw: WRITES,
  'backup-key': { ...WRITES, file: { kind: 'value' } },
  'restore-key': { ...WRITES, file: { kind: 'value' } },
  'rotate-key': WRITES,
} as const satisfies Record<string, Record<string, OptionSpec>>;
type Sub = keyof typeof SPECS;
const SUBS = Object.keys(SPECS) as Sub[];

const USAGE = [
  'Usage: craft-time team SUBCOMMAND --dir DIR [options]      (--in and --out are aliases of --dir)',
  '',
  'Steward:',
  '  init --dir DIR [--min-group N] [--epsilon-month E] [--epsilon-year E] [--yes]',
  '      makes the team: a report key pair and your signing key (private keys in your data folder, mode 0600),',
  '      DIR/team.json (public keys, privacy settings, signed) and an empty roster. Prints the team fingerprint.',
  '  admit --dir DIR FINGERPRINT... [--yes]   adds members to the signed, append-only roster, by fingerprint only',
  '  report --dir DIR --month YYYY-MM [--format md|html|json] [--json] [--file FILE] [--min-group N]',
  '         [--trend-months N] [--export-aggregates FILE] [--seed N]',
  '      opens the sealed contributions in memory and prints aggregates only, with the noise team.json sets.',
  '      --export-aggregates writes one NDJSON line per shown group (mergeable counts and histograms).',
  '      --min-group can only raise team.json\'s minimum. --seed makes the noise reproducible (tests only).',
  '  backup-key --dir DIR --file FILE [--yes]  writes your steward keys encrypted with the passphrase in $' + PASSPHRASE_ENV,
  '  restore-key --dir DIR --file FILE [--yes] restores them into this data folder',
  '  rotate-key --dir DIR [--yes]              new report key; members\' next files seal to it; the roster records it',
  'Member:',
  '  join --dir DIR --role ROLE [--team-fingerprint FP] [--yes] [--json]   makes your signing key and leaves a join',
  '      request (public key only). Confirm the team fingerprint with your steward (--team-fingerprint refuses any',
  '      other), then tell them yours. --json: {"fingerprint": ...}',
  '  contribute --dir DIR --month YYYY-MM [--yes] [--ics FILE ...] [--me EMAIL ...] [--tz ZONE] [--idle-minutes N]',
  '      shows the exact plaintext; with --yes logs it in your data folder, seals it and writes the ciphertext.',
  '  withdraw --dir DIR [--yes]   deletes your files from DIR and your keys (the CLI\'s Leave)',
  'Anyone:',
  '  roster --dir DIR [--json]    members and pending requests: {"members":[{"fingerprint","admitted"}],"pending":[{"fingerprint","requested"}]}',
  '',
  `Roles: ${ROLES.join(', ')}. Every command that writes prints what it would write and writes nothing without --yes.`,
  'Exit codes: 0 success (rejected files do not fail a report), 1 failure, 2 bad arguments.',
  COMMON_USAGE,
].join('\n');

export const teamCommand: CliCommand = {
  name: 'team',
  summary: 'Opt-in sealed team aggregate: set up, join, admit, contribute, report',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const [sub, ...rest] = argv;
    if (sub === 'export-ndjson') throw new UsageError('team export-ndjson was removed: it wrote member rows. Use "team report --export-aggregates FILE" (per-group aggregates only).');
    if (sub === undefined || !(SUBS as string[]).includes(sub)) throw new UsageError(`team needs a subcommand: ${SUBS.join(', ')}.`);
    const s = sub as Sub;
    const args = parseArgs(rest, SPECS[s]);
    if (s !== 'admit' && args.positionals.length) throw new UsageError(`team ${s} takes no arguments (got "${args.positionals[0]}").`);
    const ctx: Ctx = { args, io, dataDir: dataDirOf(args, io), yes: args.flags.has('yes'), json: args.flags.has('json') };
    switch (s) {
      case 'init': return init(ctx);
      case 'join': return join(ctx);
      case 'admit': return admit(ctx);
      case 'roster': return roster(ctx);
      case 'contribute': return contribute(ctx);
      case 'report': return report(ctx);
      case 'withdraw': return withdraw(ctx);
      case 'backup-key': return backupKey(ctx);
      case 'restore-key': return restoreKey(ctx);
      case 'rotate-key': return rotateKey(ctx);
    }
  },
};

interface Ctx {
  readonly args: ParsedArgs;
  readonly io: CliIo;
  readonly dataDir: string;
  readonly yes: boolean;
  readonly json: boolean;
}

const out = (ctx: Ctx, value: unknown) => ctx.io.stdout(`${JSON.stringify(value)}\n`);
const NOTHING_WRITTEN = 'Nothing was written. Run again with --yes to write it.\n';

/** --dir, or its aliases --in / --out (all naming the same folder). */
function folderOf(ctx: Ctx, mustExist = true): string {
  const given = (['dir', 'in', 'out'] as const).map((k) => ctx.args.values[k]).filter((v): v is string => v !== undefined);
  if (given.length === 0) throw new UsageError('--dir DIR (the team folder) is required.');
  if (new Set(given.map((g) => path.resolve(ctx.io.cwd, g))).size > 1) throw new UsageError('--dir, --in and --out name the same team folder; they disagree.');
  const dir = path.resolve(ctx.io.cwd, given[0]);
  if (!mustExist) return dir;
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new Error(`The team folder ${dir} does not exist.`);
  }
  if (!st.isDirectory()) throw new Error(`${dir} is not a folder.`);
  return dir;
}

function intOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return n;
}

function numberOption(args: ParsedArgs, name: string): number | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number (got "${raw}").`);
  return n;
}

function monthOption(args: ParsedArgs, latest: string): string {
  const raw = args.values.month;
  if (raw === undefined) throw new UsageError('--month YYYY-MM is required.');
  if (!MONTH_RE.test(raw)) throw new UsageError(`--month must be YYYY-MM (got "${raw}").`);
  if (raw > latest) throw new UsageError(`--month ${raw} is in the future.`);
  return raw;
}

function wouldWrite(ctx: Ctx, files: readonly string[], extra: Record<string, unknown> = {}): number {
  if (ctx.json) out(ctx, { written: false, wouldWrite: files, ...extra });
  else ctx.io.stdout(`Would write:\n${files.map((f) => `  ${f}\n`).join('')}${NOTHING_WRITTEN}`);
  return 0;
}

// ---------------------------------------------------------------------------------------------------------

async function init(ctx: Ctx): Promise<number> {
  const folder = folderOf(ctx);
  const privacy = validatePrivacy({
    minGroupSize: intOption(ctx.args, 'min-group', MIN_GROUP_FLOOR, MAX_MIN_GROUP) ?? DEFAULT_PRIVACY.minGroupSize,
    epsilonPerMonth: numberOption(ctx.args, 'epsilon-month') ?? DEFAULT_PRIVACY.epsilonPerMonth,
    epsilonPerYear: numberOption(ctx.args, 'epsilon-year') ?? Math.max(DEFAULT_PRIVACY.epsilonPerYear, 12 * (numberOption(ctx.args, 'epsilon-month') ?? 0)),
  });
  if (isProblem(privacy)) throw new UsageError(privacy.reason);
  const plan = await planInit(folder, ctx.dataDir, ctx.io.now(), privacy);
  const summary = { teamFingerprint: plan.fingerprint, privacy };
  if (!ctx.yes) return wouldWrite(ctx, plan.writes, summary);
  await applyInit(plan, ctx.dataDir);
  if (ctx.json) out(ctx, { written: true, ...summary });
  else {
    ctx.io.stdout(`Team set up in ${folder}.\nTeam fingerprint: ${plan.fingerprint}\nTell it to your members: they confirm it when they join.\n` +
      `Privacy (signed in team.json): groups of at least ${privacy.minGroupSize}; noise epsilon ${privacy.epsilonPerMonth} per month, ${privacy.epsilonPerYear} per year.\n` +
      `Back up your keys now: ${PASSPHRASE_ENV}=... craft-time team backup-key --dir ${folder} --file FILE --yes\n`);
  }
  return 0;
}

async function join(ctx: Ctx): Promise<number> {
  const folder = folderOf(ctx);
  const role = ctx.args.values.role;
  if (role === undefined) throw new UsageError(`--role is required (${ROLES.join(', ')}).`);
  if (!isRole(role)) throw new UsageError(`Unknown role "${role}". Roles: ${ROLES.join(', ')}.`);
  const plan = await planJoin(folder, ctx.dataDir, role, ctx.io.now());
  const expected = ctx.args.values['team-fingerprint'];
  if (expected !== undefined && expected.trim().toLowerCase() !== plan.teamFingerprint) {
    throw new Error(`The team in ${folder} has fingerprint ${plan.teamFingerprint}, not ${expected}: do not join; ask your steward.`);
  }
  const files = [path.join(folder, plan.requestFile) + ' (your public key only)', path.join(ctx.dataDir, 'team', 'membership.json') + ' (your private key, mode 0600)'];
  const privacy = plan.doc.privacy;
  if (!ctx.yes) {
    if (ctx.json) {
      out(ctx, { fingerprint: null, teamFingerprint: plan.teamFingerprint, privacy, written: false, wouldWrite: files });
      return 0;
    }
    ctx.io.stdout(`Team fingerprint: ${plan.teamFingerprint}: check it with your steward before you join.\n` +
      `This team shows groups of at least ${privacy.minGroupSize} and adds noise (epsilon ${privacy.epsilonPerMonth} per month; 0 means none).\n`);
    return wouldWrite(ctx, files);
  }
  await applyJoin(plan, ctx.dataDir);
  if (ctx.json) out(ctx, { fingerprint: plan.fingerprint, teamFingerprint: plan.teamFingerprint, written: true });
  else ctx.io.stdout(`Join request left in ${folder}.\nYour fingerprint: ${plan.fingerprint}\nSend it to your steward, who admits you with it. Team fingerprint: ${plan.teamFingerprint}\n`);
  return 0;
}

async function admit(ctx: Ctx): Promise<number> {
  const folder = folderOf(ctx);
  const plan = await planAdmit(folder, ctx.dataDir, ctx.args.positionals, ctx.io.now());
  if (plan.warning) ctx.io.stderr(`craft-time team: warning: ${plan.warning}\n`);
  const admitted = plan.admit.map((a) => ({ fingerprint: a.fingerprint, requested: a.requested }));
  if (!ctx.yes) {
    if (ctx.json) out(ctx, { written: false, admit: admitted, wouldWrite: [path.join(folder, 'roster.json')] });
    else ctx.io.stdout(`Would admit:\n${admitted.map((a) => `  ${a.fingerprint} (requested ${a.requested})\n`).join('')}and write ${path.join(folder, 'roster.json')}.\n${NOTHING_WRITTEN}`);
    return 0;
  }
  await applyAdmit(folder, ctx.dataDir, plan);
  if (ctx.json) out(ctx, { written: true, admit: admitted, members: plan.roster.entries.filter((e) => e.type === 'admit').length });
  else ctx.io.stdout(`Admitted ${admitted.map((a) => a.fingerprint).join(', ')}. The roster has ${plan.roster.entries.filter((e) => e.type === 'admit').length} member(s).\n`);
  return 0;
}

async function roster(ctx: Ctx): Promise<number> {
  const view = await rosterView(folderOf(ctx), ctx.dataDir, ctx.io.now());
  for (const w of view.warnings) ctx.io.stderr(`craft-time team: warning: ${w}\n`);
  if (ctx.json) {
    out(ctx, { members: view.members, pending: view.pending, teamFingerprint: view.teamFingerprint, privacy: view.privacy, warnings: view.warnings });
    return 0;
  }
  const lines = [`Team fingerprint: ${view.teamFingerprint}${view.pinned ? '' : ' (not confirmed on this machine)'}`,
    `Privacy: groups of at least ${view.privacy.minGroupSize}; noise epsilon ${view.privacy.epsilonPerMonth} per month (0: none), ${view.privacy.epsilonPerYear} per year.`,
    `Members (${view.members.length}):`, ...view.members.map((m) => `  ${m.fingerprint}  admitted ${m.admitted}`),
    `Pending requests (${view.pending.length}):`, ...view.pending.map((p) => `  ${p.fingerprint}  requested ${p.requested}`)];
  ctx.io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

async function contribute(ctx: Ctx): Promise<number> {
  const { args, io } = ctx;
  const folder = folderOf(ctx);
  const m = await readMembership(ctx.dataDir);
  if (!m) throw new Error('This machine has not joined a team: run "craft-time team join --dir DIR --role ROLE" first.');
  if (path.resolve(m.folder) !== folder && fs.realpathSync(m.folder) !== fs.realpathSync(folder)) throw new Error(`This machine is a member of the team in ${m.folder}, not ${folder}.`);
  // The same settings as every measuring command (zone, idle rule, e-mails, ignore patterns); the role
  // comes from the membership unless --role is given.
  const cli = await loadCliSettings(args, io, measureFlags(args));
  const now = io.now();
  const today = localDate(now, cli.settings.timeZone);
  const month = monthOption(args, monthOf(today));
  const roleRaw = args.values.role ?? m.role;
  if (!isRole(roleRaw)) throw new UsageError(`Unknown role "${roleRaw}". Roles: ${ROLES.join(', ')}.`);
  const role: Role = roleRaw;
  const doc = await memberTeam(m);

  const loaded = await loadCommandInputs(cli, edgeRange(contributionAsOf(month, today)), { dataDir: ctx.dataDir, io, icsFiles: args.all.ics ?? [] });
  for (const p of loaded.problems) io.stderr(`craft-time team: ${p}\n`);
  // 45-minute deep work and the role's default floor (overrides are personal): contributionFrom.
  const { input, skipped } = contributionFrom(loaded.inputs, month, role, today);
  const contribution = buildSealedContribution(input, { team: doc.team, month, now, today });
  for (const s of skipped) io.stderr(`craft-time team: skipped ${s}\n`);
  if (contribution.weeks.length === 0) {
    io.stderr(`craft-time team: nothing to contribute for ${month}: no completed week with hands-on or meeting time.\n`);
    return 1;
  }
  const plan = await planSend(ctx.dataDir, m, contribution);
  if (!ctx.yes) {
    if (ctx.json) out(ctx, { file: plan.absolute, written: false, plaintext: plan.plaintext });
    else io.stdout(`${contributionPreview(contribution, plan.absolute)}\n${NOTHING_WRITTEN}`);
    return 0;
  }
  if (role !== m.role) await writeMembership(ctx.dataDir, { ...m, role });
  const written = await applySend(ctx.dataDir, m, plan, now);
  if (ctx.json) out(ctx, { file: written, written: true, plaintext: plan.plaintext });
  else io.stdout(`Sealed and wrote ${written} (${contribution.weeks.length} week${contribution.weeks.length === 1 ? '' : 's'}); the plaintext is logged in ${path.join(ctx.dataDir, 'team', 'sent.json')}.\n`);
  return 0;
}

function formatOf(args: ParsedArgs): TeamFormat {
  const raw = args.flags.has('json') ? 'json' : args.values.format ?? 'md';
  if (args.flags.has('json') && args.values.format !== undefined && args.values.format !== 'json') throw new UsageError('--json and --format disagree.');
  if (!(TEAM_FORMATS as readonly string[]).includes(raw)) throw new UsageError(`--format must be one of ${TEAM_FORMATS.join(', ')} (got "${raw}").`);
  return raw as TeamFormat;
}

/** One NDJSON line per released group: counts and histograms that add up across teams (docs/team-merge.sql). */
export function aggregateLines(team: string, month: string, minGroupSize: number, epsilon: number | null, released: readonly ReleasedAggregate[]): string {
  return released.map((r) => JSON.stringify({
    kind: 'craft-time/team-aggregate', version: 1, team, month, group: r.group, minGroupSize,
    noise: epsilon === null ? null : { mechanism: 'discrete-laplace', epsilon },
    members: r.members, belowFloor: r.belowFloor, hours: r.hours, craftRatio: r.craftRatio,
  })).map((l) => `${l}\n`).join('');
}

async function report(ctx: Ctx): Promise<number> {
  const { args, io } = ctx;
  const folder = folderOf(ctx);
  const now = io.now();
  const month = monthOption(args, monthOf(localDate(now + 14 * 3_600_000, 'UTC')));
  const format = formatOf(args);
  const asked = intOption(args, 'min-group', MIN_GROUP_FLOOR, MAX_MIN_GROUP);
  const trendMonths = intOption(args, 'trend-months', 1, 36) ?? DEFAULT_TREND_MONTHS;
  const seed = intOption(args, 'seed', 0, 2 ** 32 - 1);
  const { report: result, released, team, minGroup, epsilon } = await stewardReport(folder, ctx.dataDir, { month, now, minGroup: asked, trendMonths, seed });
  const exportFile = args.values['export-aggregates'];
  if (exportFile !== undefined) {
    const file = path.resolve(io.cwd, exportFile);
    await writeFileAtomic(file, aggregateLines(team, month, minGroup, epsilon, released), { mode: 0o644 });
    io.stderr(`Wrote ${file} (${released.length} group${released.length === 1 ? '' : 's'}).\n`);
  }
  const text = format === 'json' ? renderTeamReportJson(result) : format === 'html' ? renderTeamReportHtml(result) : renderTeamReportMarkdown(result);
  const target = args.values.file;
  if (target === undefined) io.stdout(text);
  else {
    const file = path.resolve(io.cwd, target);
    await writeFileAtomic(file, text, { mode: 0o644 });
    io.stderr(`Wrote ${file}\n`);
  }
  return 0;
}

async function withdraw(ctx: Ctx): Promise<number> {
  const folder = folderOf(ctx, false);
  const plan = await planWithdraw(ctx.dataDir);
  const legacy = plan.membership ? undefined : await readLegacyMembership(ctx.dataDir);
  if (legacy) return withdrawLegacy(ctx, folder, legacy);
  if (!plan.membership) {
    if (ctx.json) out(ctx, { deleted: [], forgotten: [] });
    else ctx.io.stdout('This machine is not a member of a team: nothing to withdraw.\n');
    return 0;
  }
  if (path.resolve(plan.membership.folder) !== folder) throw new Error(`This machine is a member of the team in ${plan.membership.folder}, not ${folder}.`);
  const files = plan.files.map((f) => path.join(folder, ...f.split('/')));
  if (!ctx.yes) {
    if (ctx.json) out(ctx, { deleted: [], wouldDelete: files, wouldForget: [path.join(ctx.dataDir, 'team', 'membership.json')] });
    else ctx.io.stdout(`Would delete ${files.length} file(s) from the team folder and your signing key:\n${files.map((f) => `  ${f}\n`).join('')}Nothing was deleted. Run again with --yes.\n`);
    return 0;
  }
  const done = await applyWithdraw(ctx.dataDir, plan);
  if (ctx.json) out(ctx, done);
  else ctx.io.stdout(`Deleted ${done.deleted.length} file(s) from the team folder and your signing key. Your log of what was sent stays in ${path.join(ctx.dataDir, 'team', 'sent.json')}.\n`);
  return 0;
}

/** Leaving a version-1 (plaintext) team: this member's plaintext files, then the old membership and member id. */
async function withdrawLegacy(ctx: Ctx, folder: string, legacy: { folder: string; member?: string }): Promise<number> {
  if (path.resolve(legacy.folder) !== folder) throw new Error(`This machine is a member of the version-1 team in ${legacy.folder}, not ${folder}.`);
  const state = ['membership.json', 'member.json'].map((f) => path.join(ctx.dataDir, 'team', f));
  if (!ctx.yes) {
    const what = legacy.member ? `your plaintext files (<YYYY-MM>/${legacy.member}.json)` : 'no file (no member id is known)';
    if (ctx.json) out(ctx, { deleted: [], wouldDelete: legacy.member ? [path.join(folder, '*', `${legacy.member}.json`)] : [], wouldForget: state });
    else ctx.io.stdout(`This machine is a member of a version-1 (plaintext) team aggregate. Would delete ${what} from the team folder and your old member id.\nNothing was deleted. Run again with --yes.\n`);
    return 0;
  }
  const done = await applyLegacyWithdraw(ctx.dataDir, legacy);
  if (ctx.json) out(ctx, done);
  else ctx.io.stdout(`Left the version-1 team aggregate: deleted ${done.deleted.length} plaintext file(s) from the team folder and your old member id.\n`);
  return 0;
}

function passphrase(ctx: Ctx): string {
  const p = ctx.io.env[PASSPHRASE_ENV];
  if (!p) throw new UsageError(`Set the passphrase in the environment variable ${PASSPHRASE_ENV} (at least 8 characters).`);
  if (p.length < 8) throw new UsageError(`The passphrase in ${PASSPHRASE_ENV} must have at least 8 characters.`);
  return p;
}

function fileOption(ctx: Ctx): string {
  const f = ctx.args.values.file;
  if (f === undefined) throw new UsageError('--file FILE is required.');
  return path.resolve(ctx.io.cwd, f);
}

async function backupKey(ctx: Ctx): Promise<number> {
  const folder = folderOf(ctx);
  const file = fileOption(ctx);
  const pass = passphrase(ctx);
  if (!ctx.yes) return wouldWrite(ctx, [`${file} (your steward keys, encrypted with the passphrase: scrypt + AES-256-GCM)`]);
  await writeFileAtomic(file, await backupStewardKeys(folder, ctx.dataDir, pass), { mode: 0o600 });
  if (ctx.json) out(ctx, { written: true, file });
  else ctx.io.stdout(`Wrote ${file}. Keep it and the passphrase apart; either alone opens nothing.\n`);
  return 0;
}

async function restoreKey(ctx: Ctx): Promise<number> {
  const folder = folderOf(ctx);
  const file = fileOption(ctx);
  const state = openStewardBackup((await readFileSafe(file, { maxBytes: 1024 * 1024 })).toString('utf8'), passphrase(ctx));
  const target = path.join(ctx.dataDir, 'team', `steward-${state.team}.json`);
  const existing = await readSteward(ctx.dataDir, state.team).catch(() => undefined);
  if (existing && existing.reportKeys.length > state.reportKeys.length) throw new Error(`This machine already holds newer keys for team ${state.team} (${existing.reportKeys.length} report keys; the backup has ${state.reportKeys.length}). Not replaced.`);
  if (!ctx.yes) return wouldWrite(ctx, [`${target} (mode 0600)`], { team: state.team });
  await writeSteward(ctx.dataDir, { ...state, folder });
  if (ctx.json) out(ctx, { written: true, team: state.team });
  else ctx.io.stdout(`Restored the steward keys of team ${state.team} into ${target}.\n`);
  return 0;
}

async function rotateKey(ctx: Ctx): Promise<number> {
  const folder = folderOf(ctx);
  const r = await rotateReportKey(folder, ctx.dataDir, ctx.io.now(), ctx.yes);
  if (!ctx.yes) return wouldWrite(ctx, r.writes);
  if (ctx.json) out(ctx, { written: true, reportKeyFingerprint: r.fingerprint });
  else ctx.io.stdout(`New report key ${r.fingerprint}. Members' next contributions seal to it; back up your keys again (team backup-key).\n`);
  return 0;
}
