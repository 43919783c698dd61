import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { writeActivityFile } from '../../../src/store/activityStore';
import { writeTimeOff } from '../../../src/store/calendarStore';
import { aSpan } from '../builders';

const NOW = Date.parse('2025-03-10T12:00:00Z');
let dir: string;

export async function run(argv: string[], env: Record<string, string> = {}, now = NOW, cwd?: string) {
  let stdout = '', stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env, now: () => now, cwd: cwd ?? dir };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//test//EN',
  'BEGIN:VEVENT',
  'UID:m1@test',
  'DTSTAMP:20250301T000000Z',
  'DTSTART:20250303T100000Z',
  'DTEND:20250303T113000Z',
  'SUMMARY:Design review',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:m2@test',
  'DTSTAMP:20250301T000000Z',
  'DTSTART:20250303T110000Z',
  'DTEND:20250303T120000Z',
  'SUMMARY:Planning',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:ooo@test',
  'DTSTAMP:20250301T000000Z',
  'DTSTART;VALUE=DATE:20250305',
  'DTEND;VALUE=DATE:20250306',
  'SUMMARY:Out of office',
  'TRANSP:TRANSPARENT',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-days-'));
  // Monday 2025-03-03 (UTC): 09:00-11:00 coding, 14:00-15:00 reading; Tuesday 03-04 23:30 -> Wed 00:30.
  await writeActivityFile(dir, 'w-test', [
    aSpan({ start: Date.parse('2025-03-03T09:00:00Z'), end: Date.parse('2025-03-03T11:00:00Z') }),
    aSpan({ start: Date.parse('2025-03-03T14:00:00Z'), end: Date.parse('2025-03-03T15:00:00Z'), category: 'reading' }),
    aSpan({ start: Date.parse('2025-03-04T23:30:00Z'), end: Date.parse('2025-03-05T00:30:00Z') }),
  ], new Map([['ws1', 'craft-time']]));
  await fs.promises.writeFile(path.join(dir, 'cal.ics'), ICS);
});

afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

describe('craft-time days --json', () => {
  test('with a calendar: meetings, overlap, ratio, deep work and focus windows per day', async () => {
    // Monday: hands-on 120 + 60 = 180 min; meetings union 10:00-12:00 = 120 min; overlap 10:00-11:00 = 60;
    // ratio 180 / 300 = 0.6; runs of 120 and 60 min -> 2 deep-work blocks; free inside 09-17: 09-10 (1 h,
    // not a focus window) and 12-17 (5 h) -> 1 focus window.
    // Tuesday: 30 min before midnight; the 60-minute run starts Tuesday -> 1 deep-work block there.
    // Wednesday: 30 min after midnight; all-day "Out of office" -> time off (no focus window).
    const r = await run(['days', '--from', '2025-03-03', '--to', '2025-03-06', '--tz', 'UTC', '--ics', 'cal.ics', '--json', '--data-dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { days } = JSON.parse(r.stdout);
    expect(days).toHaveLength(4);
    expect(days[0]).toEqual({
      date: '2025-03-03',
      handsOnMinutes: 180,
      // Issue "Hands-on means the engineer's own hands": assisted time beside hands-on (none here, the spans
      // are the user's own), changed lines (none recorded by this writer) and hands-on per program (one writer).
      assistedMinutes: 0,
      correctedMinutes: 0,
      changedLines: { hands: 0, assisted: 0 },
      byProgram: { vscode: 180 },
      byCategory: { coding: 120, reading: 60, debugging: 0, building: 0, reviewing: 0 },
      meetingMinutes: 120,
      overlapMinutes: 60,
      craftRatio: 0.6,
      deepWorkBlocks: 2,
      deepWorkMinutes: 180,
      focusWindows: 1,
      focusMinutes: 300,
      fragments: 0,
      status: 'working',
    });
    expect(days[1]).toMatchObject({ date: '2025-03-04', handsOnMinutes: 30, meetingMinutes: 0, craftRatio: 1, deepWorkBlocks: 1, focusWindows: 1 });
    expect(days[2]).toMatchObject({ date: '2025-03-05', handsOnMinutes: 30, deepWorkBlocks: 0, focusWindows: 0, status: 'timeOff' });
    expect(days[3]).toMatchObject({ date: '2025-03-06', handsOnMinutes: 0, craftRatio: null, status: 'idle' });
  });

  test('without a calendar: meeting minutes 0 and no ratio', async () => {
    const r = await run(['days', '--from', '2025-03-03', '--to', '2025-03-03', '--tz', 'UTC', '--json'], { CRAFT_TIME_DATA_DIR: dir });
    expect(r.code).toBe(0);
    const { days } = JSON.parse(r.stdout);
    expect(days[0]).toMatchObject({ handsOnMinutes: 180, meetingMinutes: 0, craftRatio: null, focusWindows: 1 });
  });

  test('another zone moves the midnight run to one day (America/New_York: 18:30-19:30 Tuesday)', async () => {
    const r = await run(['days', '--from', '2025-03-04', '--to', '2025-03-04', '--tz', 'America/New_York', '--json', '--data-dir', dir]);
    expect(JSON.parse(r.stdout).days[0].handsOnMinutes).toBe(60);
  });

  test('time off marked by hand is read from the data folder', async () => {
    const other = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-days-off-'));
    try {
      await writeTimeOff(other, ['2025-03-03']);
      const r = await run(['days', '--from', '2025-03-03', '--to', '2025-03-03', '--tz', 'UTC', '--json', '--data-dir', other]);
      expect(JSON.parse(r.stdout).days[0].status).toBe('timeOff');
    } finally {
      await fs.promises.rm(other, { recursive: true, force: true });
    }
  });

  test('an empty data folder gives zero days, every one present', async () => {
    const r = await run(['days', '--from', '2025-02-27', '--to', '2025-03-02', '--tz', 'UTC', '--json', '--data-dir', path.join(dir, 'nothing')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).days.map((d: { date: string; handsOnMinutes: number }) => [d.date, d.handsOnMinutes])).toEqual([
      ['2025-02-27', 0], ['2025-02-28', 0], ['2025-03-01', 0], ['2025-03-02', 0],
    ]);
  });

  test('the readable table', async () => {
    const r = await run(['days', '--from', '2025-03-03', '--to', '2025-03-04', '--tz', 'UTC', '--ics', 'cal.ics', '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2025-03-03 +3h 00m +2h 00m +60% +2 +1$/m);
    expect(r.stdout).toMatch(/^date +hands-on +meetings +ratio +deep +focus +note$/m);
  });
});

describe('craft-time days: bad arguments', () => {
  test.each([
    [['days', '--to', '2025-03-03'], '--from YYYY-MM-DD is required'],
    [['days', '--from', '2025-02-30', '--to', '2025-03-03'], '--from must be a date'],
    [['days', '--from', '2025-03-03', '--to', '2025-03-01'], 'is before --from'],
    [['days', '--from', '2025-03-03', '--to', '2025-03-03', '--idle-minutes', '0'], '--idle-minutes must be a whole number from 1 to 60'],
    [['days', '--from', '2025-03-03', '--to', '2025-03-03', '--tz', 'Mars/Olympus'], 'Unknown time zone'],
    [['days', '--from', '2025-03-03', '--to', '2025-03-03', '--me', 'nobody'], '--me must be an e-mail address'],
    [['days', '--from', '2025-03-03', '--to', '2025-03-03', '--frm', 'x'], 'Unknown option --frm'],
  ])('%j -> exit 2 with a clear message', async (argv, message) => {
    const r = await run([...argv, '--data-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  test('a calendar file that does not exist -> exit 1', async () => {
    const r = await run(['days', '--from', '2025-03-03', '--to', '2025-03-03', '--ics', 'missing.ics', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot read calendar file missing.ics: ENOENT');
  });
});
