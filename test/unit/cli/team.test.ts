import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { teamCommand } from '../../../src/cli/commands/team';
import { UsageError } from '../../../src/cli/args';
import type { CliIo } from '../../../src/cli/io';
import { buildSealedContribution } from '../../../src/core/team/contribution';
import type { TeamRole } from '../../../src/core/team/roles';
import type { Span } from '../../../src/core/types';
import { writeActivityFile } from '../../../src/store/activityStore';
import { readMembership, readSentLog } from '../../../src/store/teamKeys';
import { applyAdmit, applyJoin, applySend, memberTeam, planAdmit, planJoin, planSend } from '../../../src/store/teamOps';
import { aSpan, at, MIN, weekdays } from '../builders';

// A principal (UTC): 2025-04-28 .. 05-04 (W18): 180 min hands-on from 09:00 and a 14:00-16:00 meeting every
// weekday -> 15 h / 10 h, ratio 0.6; 2025-05-05 .. 06-01 (W19..W22): 120 min hands-on and 14:00-17:00
// meetings -> 10 h / 15 h, ratio 0.4. Each day's run is one deep-work block (>= 45 min).
const NOW = Date.parse('2025-06-02T10:00:00Z');
let dir: string;

const ICS = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//test//EN',
  'BEGIN:VEVENT', 'UID:a@test', 'DTSTAMP:20250101T000000Z', 'DTSTART:20250210T140000Z', 'DTEND:20250210T160000Z',
  'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20250504T235959Z', 'SUMMARY:Architecture council', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:b@test', 'DTSTAMP:20250101T000000Z', 'DTSTART:20250505T140000Z', 'DTEND:20250505T170000Z',
  'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20250601T235959Z', 'SUMMARY:Roadmap reviews', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

function spans(dates: readonly string[], minutes: number): Span[] {
  return dates.map((d) => aSpan({ start: at(d, '09:00'), end: at(d, '09:00') + minutes * MIN }));
}

async function run(argv: string[], now = NOW, env: Record<string, string> = {}) {
  let stdout = '', stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env, now: () => now, cwd: dir };
  let code: number;
  try {
    code = await teamCommand.run(argv, io);
  } catch (error) {
    // What runCli does: usage errors exit 2, anything else 1.
    stderr += (error as Error).message;
    code = error instanceof UsageError ? 2 : 1;
  }
  return { code, stdout, stderr };
}

async function freshDir(name: string): Promise<string> {
  const d = path.join(dir, name);
  await fs.promises.mkdir(d, { recursive: true });
  return d;
}

beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-team-cli-'));
  await writeActivityFile(path.join(dir, 'data'), 'w-main', [...spans(weekdays('2025-02-10', '2025-05-04'), 180), ...spans(weekdays('2025-05-05', '2025-06-01'), 120)], new Map());
  await fs.promises.writeFile(path.join(dir, 'cal.ics'), ICS);
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});


/** Every file under a folder (relative), hidden ones included. */
async function filesUnder(d: string): Promise<string[]> {
  return (await fs.promises.readdir(d, { recursive: true, withFileTypes: true })).filter((e) => !e.isDirectory()).map((e) => path.relative(d, path.join(e.parentPath, e.name))).sort();
}

/** A team folder set up by the CLI (noise off unless told), returning its folder and the steward's data folder. */
async function aTeam(name: string, ...options: string[]): Promise<{ folder: string; steward: string; fingerprint: string }> {
  const folder = await freshDir(name);
  const steward = path.join(dir, `${name}-steward`);
  const r = await run(['init', '--dir', folder, '--data-dir', steward, '--yes', '--json', ...options]);
  expect(r.code).toBe(0);
  return { folder, steward, fingerprint: JSON.parse(r.stdout).teamFingerprint };
}

describe('team init', () => {
  test('without --yes writes nothing; with --yes writes team.json and the roster, keys in the data folder only', async () => {
    const folder = await freshDir('init');
    const steward = path.join(dir, 'init-steward');
    const dry = await run(['init', '--dir', folder, '--data-dir', steward]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Nothing was written');
    expect(await filesUnder(folder)).toEqual([]);
    expect(fs.existsSync(steward)).toBe(false);
    const r = await run(['init', '--out', folder, '--data-dir', steward, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Team fingerprint: [a-z2-7]{4}(-[a-z2-7]{4}){3}/);
    expect(r.stdout).toContain('noise epsilon 2 per month, 24 per year');
    expect(await filesUnder(folder)).toEqual(['roster.json', 'team.json']);
    const keys = await fs.promises.readdir(path.join(steward, 'team'));
    expect(keys).toHaveLength(1);
    expect((await fs.promises.stat(path.join(steward, 'team', keys[0]))).mode & 0o777).toBe(0o600);
    expect((await run(['init', '--dir', folder, '--data-dir', steward, '--yes'])).stderr).toContain('already holds a team');
  });
  test('privacy settings are checked: a minimum below 3, an epsilon out of range', async () => {
    const folder = await freshDir('init-bad');
    expect((await run(['init', '--dir', folder, '--min-group', '2'])).code).toBe(2);
    expect((await run(['init', '--dir', folder, '--epsilon-month', '50'])).code).toBe(2);
    expect((await run(['init', '--dir', folder, '--in', path.join(dir, 'other')])).code).toBe(2);
  });
});

describe('join, admit, roster, contribute, withdraw', () => {
  let team: { folder: string; steward: string; fingerprint: string };
  let fp: string;
  beforeAll(async () => {
    team = await aTeam('flow', '--epsilon-month', '0');
  });

  test('join without --yes shows the team fingerprint and writes nothing; with --yes --json prints {"fingerprint"}', async () => {
    const dry = await run(['join', '--dir', team.folder, '--data-dir', 'data', '--role', 'principal']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`Team fingerprint: ${team.fingerprint}`);
    expect(dry.stdout).toContain('Nothing was written');
    expect(await filesUnder(team.folder)).toEqual(['roster.json', 'team.json']);
    const wrong = await run(['join', '--dir', team.folder, '--data-dir', 'data', '--role', 'principal', '--team-fingerprint', 'aaaa-bbbb-cccc-dddd', '--yes']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('do not join');
    const r = await run(['join', '--dir', team.folder, '--data-dir', 'data', '--role', 'principal', '--team-fingerprint', team.fingerprint, '--yes', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    fp = json.fingerprint;
    expect(fp).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(json.teamFingerprint).toBe(team.fingerprint);
    expect(await filesUnder(team.folder)).toEqual([`requests/${fp}.json`, 'roster.json', 'team.json']);
    expect(await fs.promises.readFile(path.join(team.folder, 'requests', `${fp}.json`), 'utf8')).not.toContain('principal');
    expect((await run(['join', '--dir', team.folder, '--data-dir', 'data', '--role', 'staff', '--yes'])).stderr).toContain('already a member');
    expect((await run(['join', '--dir', team.folder, '--data-dir', 'data2', '--role', 'ceo'])).code).toBe(2);
  });

  test('roster --json lists pending requests; admit by fingerprint (dry run first) makes them members', async () => {
    const before = JSON.parse((await run(['roster', '--dir', team.folder, '--data-dir', 'data', '--json'])).stdout);
    expect(before.members).toEqual([]);
    expect(before.pending).toEqual([{ fingerprint: fp, requested: '2025-06-02T10:00:00Z' }]);
    const dry = await run(['admit', '--dir', team.folder, '--data-dir', team.steward, fp]);
    expect(dry.stdout).toContain('Nothing was written');
    expect(JSON.parse((await run(['roster', '--dir', team.folder, '--json'])).stdout).members).toEqual([]);
    expect((await run(['admit', '--dir', team.folder, '--data-dir', team.steward, '--yes'])).stderr).toContain('Name the fingerprint');
    expect((await run(['admit', '--dir', team.folder, '--data-dir', 'data', fp, '--yes'])).stderr).toContain('holds no steward key');
    expect((await run(['admit', '--dir', team.folder, '--data-dir', team.steward, fp, '--yes'])).code).toBe(0);
    const after = JSON.parse((await run(['roster', '--dir', team.folder, '--data-dir', 'data', '--json'])).stdout);
    expect(after.members).toEqual([{ fingerprint: fp, admitted: '2025-06-02T10:00:00Z' }]);
    expect(after.pending).toEqual([]);
  });

  const contributeArgs = (...more: string[]) => ['contribute', '--month', '2025-05', '--dir', team.folder, '--ics', 'cal.ics', '--tz', 'UTC', '--data-dir', 'data', ...more];

  test('contribute without --yes: prints the exact plaintext and writes nothing', async () => {
    const r = await run(contributeArgs());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Would seal and write .*2025-05\/[0-9a-f]{32}\.sealed:/);
    expect(r.stdout).toContain('"handsOnHours": 15');
    expect(r.stdout).toContain('"assistedHours": 0');
    expect(r.stdout).toContain('It never holds');
    expect(r.stdout).not.toMatch(/Architecture|Roadmap|w-main/);
    expect(await filesUnder(team.folder)).not.toContainEqual(expect.stringMatching(/^2025-05/));
  });

  test('contribute --yes: logs the exact plaintext, writes only ciphertext; the numbers are the rounded weeks', async () => {
    const preview = JSON.parse((await run(contributeArgs('--json'))).stdout);
    const r = await run(contributeArgs('--yes', '--json'));
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.plaintext).toBe(preview.plaintext);
    const log = await readSentLog(path.join(dir, 'data'));
    expect(log.at(-1)!.plaintext).toBe(preview.plaintext);
    const sent = JSON.parse(preview.plaintext);
    expect(sent).toMatchObject({ version: 2, role: 'principal', month: '2025-05', edgeState: 'watch', written: '2025-06-02T10:00:00Z' });
    expect(sent.weeks).toEqual([
      { week: '2025-W18', handsOnHours: 15, meetingHours: 10, craftRatio: 0.6, deepWorkBlocks: 5, assistedHours: 0 },
      ...['2025-W19', '2025-W20', '2025-W21', '2025-W22'].map((week) => ({ week, handsOnHours: 10, meetingHours: 15, craftRatio: 0.4, deepWorkBlocks: 5, assistedHours: 0 })),
    ]);
    const cipher = await fs.promises.readFile(result.file, 'utf8');
    // Words long enough that random base64url cannot spell them by chance ("W18" alone did, about once in 70 runs).
    expect(cipher).not.toMatch(/principal|handsOnHours|"weeks"|2025-W18/);
    expect(Object.keys(JSON.parse(cipher))).toEqual(['kind', 'version', 'team', 'month', 'recipient', 'ephemeral', 'nonce', 'ciphertext']);
    // Sending the month again replaces the same file.
    const again = JSON.parse((await run(contributeArgs('--yes', '--json'))).stdout);
    expect(again.file).toBe(result.file);
  });

  test('the steward\'s report opens it: one contributor, nothing shown; export-ndjson is gone', async () => {
    const r = await run(['report', '--dir', team.folder, '--data-dir', team.steward, '--month', '2025-05', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ contributors: 1, groups: [], noise: null, rejected: [] });
    const gone = await run(['export-ndjson', '--in', team.folder]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('--export-aggregates');
    expect((await run(['report', '--dir', team.folder, '--data-dir', 'data', '--month', '2025-05'])).stderr).toContain('no steward key');
  });

  test('withdraw lists, then deletes the member\'s files and key', async () => {
    const list = JSON.parse((await run(['withdraw', '--dir', team.folder, '--data-dir', 'data', '--json'])).stdout);
    expect(list.wouldDelete).toHaveLength(2);
    for (const f of list.wouldDelete) expect(fs.existsSync(f)).toBe(true);
    const done = JSON.parse((await run(['withdraw', '--dir', team.folder, '--data-dir', 'data', '--yes', '--json'])).stdout);
    expect(done.deleted.sort()).toEqual([...list.wouldDelete].sort());
    expect(await filesUnder(team.folder)).toEqual(['roster.json', 'team.json']);
    expect(await readMembership(path.join(dir, 'data'))).toBeUndefined();
  });

  test('weeks without meeting data are skipped, saying so; bad input is a usage error', async () => {
    const other = await aTeam('nocal');
    await run(['join', '--dir', other.folder, '--data-dir', 'data', '--role', 'staff', '--yes']);
    const r = await run(['contribute', '--month', '2025-05', '--dir', other.folder, '--tz', 'UTC', '--data-dir', 'data']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no calendar or logged meetings cover it');
    expect((await run(['contribute', '--month', '2025-5', '--dir', other.folder, '--data-dir', 'data'])).code).toBe(2);
    expect((await run(['contribute', '--month', '2025-07', '--dir', other.folder, '--tz', 'UTC', '--data-dir', 'data'])).stderr).toContain('in the future');
    expect((await run(['contribute', '--month', '2025-05', '--dir', path.join(dir, 'nope'), '--data-dir', 'data'])).code).toBe(1);
    expect((await run(['contribute', '--mnth', '2025-05'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    await run(['withdraw', '--dir', other.folder, '--data-dir', 'data', '--yes']);
  });
});

describe('withdraw from a version-1 (plaintext) team', () => {
  test('lists, then deletes exactly this member\'s plaintext files and the old membership and member id', async () => {
    const data = await freshDir('legacy-data'), folder = await freshDir('legacy-team');
    const me = 'ab'.repeat(16), other = 'cd'.repeat(16);
    // The data folder and team folder as a version-1 Craft Time left them.
    await fs.promises.mkdir(path.join(data, 'team'), { recursive: true });
    await fs.promises.writeFile(path.join(data, 'team', 'membership.json'), `${JSON.stringify({ schema: 1, folder, joinedAt: '2025-03-03T09:00:00.000Z', written: ['2025-03', '2025-04'] })}\n`);
    await fs.promises.writeFile(path.join(data, 'team', 'member.json'), `${JSON.stringify({ version: 1, member: me, role: 'engineer' })}\n`);
    for (const month of ['2025-03', '2025-04']) {
      await fs.promises.mkdir(path.join(folder, month), { recursive: true });
      await fs.promises.writeFile(path.join(folder, month, `${me}.json`), '{}\n');
    }
    await fs.promises.writeFile(path.join(folder, '2025-04', `${other}.json`), '{}\n');
    const dry = await run(['withdraw', '--dir', folder, '--data-dir', data]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('version-1');
    expect(dry.stdout).toContain('Nothing was deleted');
    expect(fs.existsSync(path.join(folder, '2025-03', `${me}.json`))).toBe(true);
    const done = JSON.parse((await run(['withdraw', '--dir', folder, '--data-dir', data, '--yes', '--json'])).stdout);
    expect(done.deleted).toHaveLength(2);
    expect(await filesUnder(folder)).toEqual([`2025-04/${other}.json`]);
    expect(fs.readdirSync(path.join(data, 'team'))).toEqual([]);
    // Left: a second withdraw has nothing to do.
    expect((await run(['withdraw', '--dir', folder, '--data-dir', data])).stdout).toContain('not a member');
  });
});

describe('team report over sealed contributions', () => {
  let team: { folder: string; steward: string; fingerprint: string };
  /** A member who joined, was admitted and sent `hours` every week of May (10 meeting hours). */
  async function member(role: TeamRole, hours: number): Promise<void> {
    const data = path.join(dir, `m-${Math.random().toString(16).slice(2)}`);
    const plan = await planJoin(team.folder, data, role, NOW);
    await applyJoin(plan, data);
    await applyAdmit(team.folder, team.steward, await planAdmit(team.folder, team.steward, [plan.fingerprint], NOW - 30 * 86_400_000));
    const m = (await readMembership(data))!;
    const doc = await memberTeam(m);
    const weeks = ['2025-W19', '2025-W20', '2025-W21', '2025-W22'].map((week) => ({ week, handsOnMinutes: hours * 60, meetingMinutes: 600, deepWorkBlocks: 1 }));
    const c = buildSealedContribution({ role, edgeState: 'healthy', weeks }, { team: doc.team, month: '2025-05', now: NOW, today: '2025-06-02' });
    await applySend(data, m, await planSend(data, m, c), NOW);
  }
  beforeAll(async () => {
    team = await aTeam('report', '--epsilon-month', '0');
    for (const h of [18, 22, 25, 18, 22, 25]) await member('engineer', h);
    for (const h of [8, 12, 8, 12, 8]) await member('principal', h);
    for (const h of [4, 4]) await member('director', h);
    await fs.promises.writeFile(path.join(team.folder, '2025-05', 'broken.sealed'), '{');
  });

  test('JSON: small and complementary groups suppressed, rejected files listed, aggregates only', async () => {
    const r = await run(['report', '--dir', team.folder, '--data-dir', team.steward, '--month', '2025-05', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ month: '2025-05', contributors: 13, minGroup: 5, noise: null });
    expect(json.groups.map((g: { group: string; members: number }) => [g.group, g.members])).toEqual([['all', 13], ['engineers', 6]]);
    expect(json.suppressed.map((s: { group: string }) => s.group)).toEqual(['managers-directors', 'staff-principals']);
    expect(json.rejected).toEqual([{ file: '2025-05/broken.sealed', reason: 'not valid JSON' }]);
    expect(json.narrative).toContain('No noise was added');
  });

  test('--export-aggregates writes one line per shown group: counts and histograms, never members', async () => {
    const file = path.join(dir, 'aggregates.ndjson');
    const r = await run(['report', '--dir', team.folder, '--data-dir', team.steward, '--month', '2025-05', '--export-aggregates', file, '--json']);
    expect(r.code).toBe(0);
    const lines = (await fs.promises.readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    // Below floor (DESIGN.md floors): engineers at 18 h (< 20 h): 2; principals at 8 h (< 10 h): 3; directors at 4 h
    // with ratio 4 / 14 = 30 % (>= 10 %): 0. Everyone: 5.
    expect(lines.map((l) => [l.group, l.members, l.belowFloor])).toEqual([['all', 13, 5], ['engineers', 6, 2]]);
    // Engineers: monthly values 18, 22, 25 twice each: in half hours 36, 44, 50.
    expect(lines[1].hours).toEqual([{ halfHours: 36, count: 2 }, { halfHours: 44, count: 2 }, { halfHours: 50, count: 2 }]);
    expect(lines[1]).toMatchObject({ kind: 'craft-time/team-aggregate', version: 1, month: '2025-05', minGroupSize: 5, noise: null });
    expect(Object.keys(lines[1])).toEqual(['kind', 'version', 'team', 'month', 'group', 'minGroupSize', 'noise', 'members', 'belowFloor', 'hours', 'craftRatio']);
  });

  test('--min-group can only raise the signed minimum; below 3 is refused', async () => {
    expect((await run(['report', '--dir', team.folder, '--data-dir', team.steward, '--month', '2025-05', '--min-group', '2'])).code).toBe(2);
    const three = JSON.parse((await run(['report', '--dir', team.folder, '--data-dir', team.steward, '--month', '2025-05', '--min-group', '3', '--json'])).stdout);
    expect(three.minGroup).toBe(5);
    const seven = JSON.parse((await run(['report', '--dir', team.folder, '--data-dir', team.steward, '--month', '2025-05', '--min-group', '7', '--json'])).stdout);
    expect(seven.minGroup).toBe(7);
  });

  test('Markdown by default, HTML to a file; bad format and missing folder fail', async () => {
    const md = await run(['report', '--dir', team.folder, '--data-dir', team.steward, '--month', '2025-05']);
    expect(md.stdout).toMatch(/^# Team craft report: May 2025/);
    const file = path.join(dir, 'report.html');
    const html = await run(['report', '--dir', team.folder, '--data-dir', team.steward, '--month', '2025-05', '--format', 'html', '--file', file]);
    expect(html.code).toBe(0);
    expect(await fs.promises.readFile(file, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect((await run(['report', '--dir', team.folder, '--month', '2025-05', '--format', 'pdf'])).code).toBe(2);
    expect((await run(['report', '--dir', path.join(dir, 'missing'), '--month', '2025-05'])).code).toBe(1);
  });
});

describe('noise and steward keys', () => {
  test('noise on by default: a seeded report is reproducible; the budget is enforced', async () => {
    const team = await aTeam('noisy', '--epsilon-year', '4');
    const args = ['report', '--dir', team.folder, '--data-dir', team.steward, '--month', '2025-05', '--seed', '42', '--json'];
    const a = await run(args), b = await run(args);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).noise).toMatchObject({ mechanism: 'discrete-laplace', epsilon: 2 });
    const real = ['report', '--dir', team.folder, '--data-dir', team.steward, '--month', '2025-05', '--json'];
    expect((await run(real)).code).toBe(0);
    expect((await run(real)).code).toBe(0);
    const third = await run(real);
    expect(third.code).toBe(1);
    expect(third.stderr).toContain('noise budget for 2025 is spent');
  });
  test('backup-key needs the passphrase in the environment; restore-key and rotate-key write only with --yes', async () => {
    const team = await aTeam('keys', '--epsilon-month', '0');
    const file = path.join(dir, 'steward.backup');
    expect((await run(['backup-key', '--dir', team.folder, '--data-dir', team.steward, '--file', file, '--yes'])).code).toBe(2);
    const env = { CRAFT_TIME_TEAM_PASSPHRASE: 'a long passphrase' };
    expect((await run(['backup-key', '--dir', team.folder, '--data-dir', team.steward, '--file', file], NOW, env)).stdout).toContain('Nothing was written');
    expect(fs.existsSync(file)).toBe(false);
    expect((await run(['backup-key', '--dir', team.folder, '--data-dir', team.steward, '--file', file, '--yes'], NOW, env)).code).toBe(0);
    expect((await fs.promises.stat(file)).mode & 0o777).toBe(0o600);
    const elsewhere = path.join(dir, 'keys-restored');
    expect((await run(['restore-key', '--dir', team.folder, '--data-dir', elsewhere, '--file', file], NOW, env)).stdout).toContain('Nothing was written');
    expect((await run(['restore-key', '--dir', team.folder, '--data-dir', elsewhere, '--file', file, '--yes'], NOW, { CRAFT_TIME_TEAM_PASSPHRASE: 'not the passphrase' })).stderr).toContain('Wrong passphrase');
    expect((await run(['restore-key', '--dir', team.folder, '--data-dir', elsewhere, '--file', file, '--yes'], NOW, env)).code).toBe(0);
    expect((await run(['report', '--dir', team.folder, '--data-dir', elsewhere, '--month', '2025-05', '--json'])).code).toBe(0);
    const teamJson = await fs.promises.readFile(path.join(team.folder, 'team.json'), 'utf8');
    expect((await run(['rotate-key', '--dir', team.folder, '--data-dir', team.steward])).stdout).toContain('Nothing was written');
    expect(await fs.promises.readFile(path.join(team.folder, 'team.json'), 'utf8')).toBe(teamJson);
    expect((await run(['rotate-key', '--dir', team.folder, '--data-dir', team.steward, '--yes'])).code).toBe(0);
    expect(await fs.promises.readFile(path.join(team.folder, 'team.json'), 'utf8')).not.toBe(teamJson);
    expect(JSON.parse(await fs.promises.readFile(path.join(team.folder, 'roster.json'), 'utf8')).entries.map((e: { type: string }) => e.type)).toEqual(['report-key']);
  });
});
