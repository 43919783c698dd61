import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { teamCommand } from '../../../src/cli/commands/team';
import { UsageError } from '../../../src/cli/args';
import type { CliIo } from '../../../src/cli/io';
import { collectContributions, serializeContribution } from '../../../src/core/team/contribution';
import type { Span } from '../../../src/core/types';
import { writeActivityFile } from '../../../src/store/activityStore';
import { readTeamFolder, writeContribution } from '../../../src/store/teamFolder';
import { aSpan, at, MIN, weekdays } from '../builders';
import { aContribution, many } from '../core/team/builders';

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

async function run(argv: string[], now = NOW) {
  let stdout = '', stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, now: () => now, cwd: dir };
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

const contributeArgs = (out: string, ...more: string[]) => ['contribute', '--month', '2025-05', '--out', out, '--ics', 'cal.ics', '--tz', 'UTC', '--data-dir', 'data', ...more];

describe('team contribute', () => {
  test('without --yes: prints the exact file and writes nothing to the team folder', async () => {
    const out = await freshDir('preview');
    const r = await run(contributeArgs(out, '--role', 'principal'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Would write .*2025-05\/[0-9a-f]{32}\.json:/);
    expect(r.stdout).toContain('"handsOnHours": 15');
    expect(r.stdout).toContain('It never holds');
    expect(r.stdout).toContain('Nothing was written');
    expect(r.stdout).not.toMatch(/Architecture|Roadmap|w-main/);
    expect(await fs.promises.readdir(out)).toEqual([]);
  });

  test('with --yes: writes the previewed file; the numbers are the rounded weeks', async () => {
    const out = await freshDir('yes');
    const preview = JSON.parse((await run(contributeArgs(out, '--role', 'principal', '--json'))).stdout);
    expect(preview.written).toBe(false);
    const r = await run(contributeArgs(out, '--role', 'principal', '--yes', '--json'));
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.written).toBe(true);
    expect(result.file).toBe(preview.file);
    expect(await fs.promises.readFile(result.file, 'utf8')).toBe(serializeContribution(preview.contribution));
    expect(result.contribution).toMatchObject({ role: 'principal', month: '2025-05', edgeState: 'watch', written: '2025-06-02T10:00:00Z' });
    expect(result.contribution.weeks).toEqual([
      { week: '2025-W18', handsOnHours: 15, meetingHours: 10, craftRatio: 0.6, deepWorkBlocks: 5 },
      ...['2025-W19', '2025-W20', '2025-W21', '2025-W22'].map((week) => ({ week, handsOnHours: 10, meetingHours: 15, craftRatio: 0.4, deepWorkBlocks: 5 })),
    ]);
    const read = await readTeamFolder(out);
    expect(collectContributions(read.files, { now: NOW }).rejected).toEqual([]);
    // The role is remembered for the next time.
    const again = await run(contributeArgs(out, '--yes', '--json'));
    expect(JSON.parse(again.stdout).contribution.role).toBe('principal');
  });

  test('weeks without meeting data are skipped, and saying so', async () => {
    const out = await freshDir('nocal');
    const r = await run(['contribute', '--month', '2025-05', '--out', out, '--tz', 'UTC', '--data-dir', 'data', '--role', 'staff']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no calendar or logged meetings cover it');
    expect(r.stderr).toContain('nothing to contribute');
  });

  test('bad input: missing role (first time), bad or future month, missing folder, unknown option', async () => {
    const out = await freshDir('bad');
    const other = path.join(dir, 'data-empty');
    expect((await run(['contribute', '--month', '2025-05', '--out', out, '--data-dir', other])).code).toBe(2);
    expect((await run(contributeArgs(out, '--role', 'ceo'))).code).toBe(2);
    expect((await run(['contribute', '--month', '2025-5', '--out', out, '--role', 'staff'])).code).toBe(2);
    expect((await run(['contribute', '--month', '2025-07', '--out', out, '--role', 'staff', '--tz', 'UTC'])).stderr).toContain('in the future');
    expect((await run(['contribute', '--month', '2025-05', '--out', path.join(dir, 'nope'), '--role', 'staff'])).code).toBe(1);
    expect((await run(['contribute', '--mnth', '2025-05'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });
});

describe('team report', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await freshDir('report-in');
    for (const c of [...many(6, 'engineer', [18, 22, 25]), ...many(5, 'principal', [8, 12]), ...many(2, 'director', [4])]) await writeContribution(folder, c);
    await fs.promises.writeFile(path.join(folder, '2025-05', 'broken.json'), '{');
    await fs.promises.writeFile(path.join(folder, '2025-05', 'future.json'), serializeContribution(aContribution({ month: '2025-06', weeks: ['2025-W23'] })));
  });

  test('JSON: the issue shape, small and complementary groups suppressed, rejected files listed', async () => {
    const r = await run(['report', '--in', folder, '--month', '2025-05', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ month: '2025-05', contributors: 13, minGroup: 5 });
    expect(json.groups.map((g: { group: string; members: number }) => [g.group, g.members])).toEqual([['all', 13], ['engineers', 6]]);
    expect(json.suppressed.map((s: { group: string }) => s.group)).toEqual(['managers-directors', 'staff-principals']);
    expect(json.rejected).toEqual([
      { file: '2025-05/broken.json', reason: 'not valid JSON' },
      { file: '2025-05/future.json', reason: expect.stringMatching(/future|not over|folder/) },
    ]);
  });

  test('--min-group below 3 is refused; 3 is allowed', async () => {
    const r = await run(['report', '--in', folder, '--month', '2025-05', '--min-group', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('from 3 to');
    const ok = JSON.parse((await run(['report', '--in', folder, '--month', '2025-05', '--min-group', '3', '--json'])).stdout);
    expect(ok.minGroup).toBe(3);
  });

  test('--epsilon with --seed is reproducible; --seed alone is refused', async () => {
    const args = ['report', '--in', folder, '--month', '2025-05', '--epsilon', '1', '--seed', '42', '--json'];
    const a = await run(args), b = await run(args);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).noise).toEqual({ mechanism: 'laplace', epsilon: 1, scale: 4 });
    expect((await run(['report', '--in', folder, '--month', '2025-05', '--seed', '1'])).code).toBe(2);
    expect((await run(['report', '--in', folder, '--month', '2025-05', '--epsilon', '-1'])).code).toBe(2);
  });

  test('Markdown by default, HTML to a file', async () => {
    const md = await run(['report', '--in', folder, '--month', '2025-05']);
    expect(md.stdout).toMatch(/^# Team craft report: May 2025/);
    const file = path.join(dir, 'report.html');
    const html = await run(['report', '--in', folder, '--month', '2025-05', '--format', 'html', '--out', file]);
    expect(html.code).toBe(0);
    expect(html.stdout).toBe('');
    expect(await fs.promises.readFile(file, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect((await run(['report', '--in', folder, '--month', '2025-05', '--format', 'pdf'])).code).toBe(2);
    expect((await run(['report', '--in', path.join(dir, 'missing'), '--month', '2025-05'])).code).toBe(1);
  });

  test('export-ndjson prints one valid contribution per line', async () => {
    const r = await run(['export-ndjson', '--in', folder]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(13);
    for (const l of lines) expect(JSON.parse(l).kind).toBe('craft-time/team-contribution');
    expect(r.stderr).toContain('rejected 2025-05/broken.json');
  });
});

describe('team withdraw', () => {
  test('lists, then deletes this member\'s files and forgets the id', async () => {
    const out = await freshDir('withdraw');
    const data = path.join(dir, 'data-withdraw');
    await fs.promises.cp(path.join(dir, 'data'), data, { recursive: true });
    await fs.promises.rm(path.join(data, 'team'), { recursive: true, force: true });
    const wrote = JSON.parse((await run(['contribute', '--month', '2025-05', '--out', out, '--ics', 'cal.ics', '--tz', 'UTC', '--data-dir', data, '--role', 'staff', '--yes', '--json'])).stdout);
    const list = JSON.parse((await run(['withdraw', '--out', out, '--data-dir', data, '--json'])).stdout);
    expect(list.wouldDelete).toEqual([wrote.file]);
    expect(fs.existsSync(wrote.file)).toBe(true);
    const done = JSON.parse((await run(['withdraw', '--out', out, '--data-dir', data, '--yes', '--json'])).stdout);
    expect(done.deleted).toEqual([wrote.file]);
    expect(fs.existsSync(wrote.file)).toBe(false);
    expect(fs.existsSync(path.join(data, 'team', 'member.json'))).toBe(false);
  });
});
