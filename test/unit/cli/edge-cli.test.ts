import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import type { Span } from '../../../src/core/types';
import { writeActivityFile } from '../../../src/store/activityStore';
import { aSpan, at, MIN, weekdays } from '../builders';

// The sliding principal of edge.test.ts, through files and the CLI (UTC):
//   2025-02-10 .. 05-04 (W07..W18): 180 min hands-on from 09:00 and a 14:00-16:00 meeting every weekday
//   -> 15 h / week, ratio 0.6. 2025-05-05 .. 06-01 (W19..W22): 120 min hands-on, meetings 14:00-17:00
//   -> 10 h / week (at the floor, not under), ratio 120/300 = 0.4 (at the floor). Decline: 10 / 15 = 67 % < 70 %.
//   As of 2025-06-02: watch, with the decline signal only.
const NOW = Date.parse('2025-06-02T10:00:00Z');
let dir: string;
let fresh: string;

async function run(argv: string[], now = NOW) {
  let stdout = '', stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, now: () => now, cwd: dir };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

function spans(dates: readonly string[], minutes: number): Span[] {
  return dates.map((d) => aSpan({ start: at(d, '09:00'), end: at(d, '09:00') + minutes * MIN }));
}

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//test//EN',
  'BEGIN:VEVENT',
  'UID:standup-old@test',
  'DTSTAMP:20250101T000000Z',
  'DTSTART:20250210T140000Z',
  'DTEND:20250210T160000Z',
  'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20250504T235959Z',
  'SUMMARY:Architecture council',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:standup-new@test',
  'DTSTAMP:20250101T000000Z',
  'DTSTART:20250505T140000Z',
  'DTEND:20250505T170000Z',
  'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20250601T235959Z',
  'SUMMARY:Roadmap reviews',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-edge-'));
  await writeActivityFile(dir, 'w-main', [...spans(weekdays('2025-02-10', '2025-05-04'), 180), ...spans(weekdays('2025-05-05', '2025-06-01'), 120)], new Map());
  await fs.promises.writeFile(path.join(dir, 'cal.ics'), ICS);
  // A new user: 9 days of data, 2025-05-19 .. 05-27.
  fresh = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-edge-new-'));
  await writeActivityFile(fresh, 'w-new', spans(weekdays('2025-05-19', '2025-05-27'), 180), new Map());
});

afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
  await fs.promises.rm(fresh, { recursive: true, force: true });
});

describe('craft-time edge --json', () => {
  test('a principal sliding to the floor: watch, decline fired, the weeks behind it', async () => {
    const r = await run(['edge', '--as-of', '2025-06-02', '--role', 'principal', '--ics', 'cal.ics', '--tz', 'UTC', '--data-dir', dir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.state).toBe('watch');
    expect(out.role).toBe('principal');
    expect(out.floor).toEqual({ weeklyHandsOnHours: 10, craftRatio: 0.4 });
    expect(out.signals.map((s: { id: string; fired: boolean }) => [s.id, s.fired])).toEqual([
      ['belowFloor', false],
      ['decline', true],
      ['awayFromCode', false],
    ]);
    expect(out.signals[1].detail).toContain('10.0 h a week on average, 67 % of the 15.0 h baseline');
    expect(out.weeks).toHaveLength(16);
    expect(out.weeks[0]).toMatchObject({ week: '2025-W07', handsOnMinutes: 900, meetingMinutes: 600, craftRatio: 0.6 });
    expect(out.weeks[15]).toMatchObject({ week: '2025-W22', handsOnMinutes: 600, meetingMinutes: 900, craftRatio: 0.4, belowFloor: false });
  });

  test('--as-of defaults to today (from the clock given to the command)', async () => {
    const r = await run(['edge', '--role', 'principal', '--ics', 'cal.ics', '--tz', 'UTC', '--data-dir', dir, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ asOf: '2025-06-02', state: 'watch' });
  });

  test('a higher floor override makes the last weeks fall below it too: eroding', async () => {
    // Floor 12 h: W21 and W22 at 10 h are below (and W19, W20): 4 in a row -> eroding.
    const r = await run(['edge', '--as-of', '2025-06-02', '--role', 'principal', '--floor-hours', '12', '--ics', 'cal.ics', '--tz', 'UTC', '--data-dir', dir, '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.floor.weeklyHandsOnHours).toBe(12);
    expect(out.signals[0]).toMatchObject({ id: 'belowFloor', fired: true });
    expect(out.signals[0].numbers.weeksInARow).toBe(4);
    expect(out.state).toBe('eroding');
  });

  test('without a calendar: the ratio is not judged and the report says what is missing', async () => {
    const r = await run(['edge', '--as-of', '2025-06-02', '--role', 'principal', '--tz', 'UTC', '--data-dir', dir, '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.state).toBe('watch');
    expect(out.weeks[15]).toMatchObject({ meetingMinutes: 0, craftRatio: null });
    expect(out.missing.join(' ')).toContain('no calendar connected: meeting-based signals are off');
  });

  test('a new user with 9 days of data: learning', async () => {
    const r = await run(['edge', '--as-of', '2025-05-28', '--role', 'director', '--tz', 'UTC', '--data-dir', fresh, '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.state).toBe('learning');
    expect(out.missing[0]).toContain('1 of 2 complete weeks of tracking');
    expect(out.signals.every((s: { fired: boolean }) => !s.fired)).toBe(true);
  });
});

test('a returning user: activity months before the window count as tracking, so a week begun mid-way is tracked', async () => {
  // Old activity in 2024-10; recent activity only from Wednesday 2025-05-21 to 05-30 (180 min a day).
  // Tracking started long before W21, so W21 (Mon, Tue idle; Wed-Fri working) and W22 both count -> not learning.
  // (Judged by the first activity in the window alone, tracking would start on a Wednesday and W21 would not count.)
  const back = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-edge-back-'));
  try {
    await writeActivityFile(back, 'w-old', spans(['2024-10-01'], 60), new Map());
    await writeActivityFile(back, 'w-back', spans(weekdays('2025-05-21', '2025-05-30'), 180), new Map());
    const r = await run(['edge', '--as-of', '2025-06-02', '--role', 'principal', '--tz', 'UTC', '--data-dir', back, '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.weeks.find((w: { week: string }) => w.week === '2025-W21')).toMatchObject({ tracked: true, counted: true, availableDays: 3 });
    expect(out.state).toBe('healthy');
  } finally {
    await fs.promises.rm(back, { recursive: true, force: true });
  }
});

describe('craft-time edge, readable', () => {
  test('prints the explanation', async () => {
    const r = await run(['edge', '--as-of', '2025-06-02', '--role', 'principal', '--ics', 'cal.ics', '--tz', 'UTC', '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Technical edge as of 2025-06-02');
    expect(r.stdout).toContain('**Watch: one signal fired.**');
    expect(r.stdout).toContain('| 2025-W22 | 10.0 | 10.0 | 15.0 | 40 % | 5 of 5 | no |');
  });
});

describe('craft-time edge: bad arguments', () => {
  test.each([
    [['edge', '--role', 'wizard'], 'Unknown role "wizard"'],
    [['edge', '--as-of', '2025-13-01'], '--as-of must be a date'],
    [['edge', '--floor-ratio', '2'], '--floor-ratio must be a number from 0 to 1'],
    [['edge', '--idle-minutes', '61'], '--idle-minutes must be a whole number from 1 to 60'],
    [['edge', 'now'], 'edge takes no arguments'],
  ])('%j -> exit 2', async (argv, message) => {
    const r = await run([...argv, '--data-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
