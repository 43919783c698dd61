// The attack inputs of issue 12, built here: each is skipped or reported within its budget, never a
// throw, never a hang, and a file over budget costs that file only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET } from '../../../src/calendar/budget';
import { expandIcs, expandIcsBytes, type ExpandOptions } from '../../../src/calendar/expand';
import { zoneFromVtimezone } from '../../../src/calendar/zones';
import { meetingsCommand } from '../../../src/cli/commands/meetings';
import type { CliIo } from '../../../src/cli/io';
import { loadCalendarTexts, writeCache, writeSources } from '../../../src/store/calendarStore';

const window: ExpandOptions = { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 0, 1), timeZone: 'UTC' };
const calendar = (...parts: string[]) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${parts.join('')}END:VCALENDAR\r\n`;
const vevent = (uid: string, body: string) => `BEGIN:VEVENT\r\nUID:${uid}\r\nSUMMARY:Sync\r\n${body}END:VEVENT\r\n`;
const oneHour = (day: string) => `DTSTART:${day}T090000Z\r\nDTEND:${day}T100000Z\r\n`;

/** Runs `fn` and returns its result with the wall time it took (ms). */
function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

const tmp = mkdtempSync(join(tmpdir(), 'craft-budget-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('time-zone rules are judged on the parsed rule', () => {
  const zone = (rrule: string) =>
    `BEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n${rrule}\r\nEND:STANDARD\r\nEND:VTIMEZONE`;

  it.each([
    ['a plain per-second rule', 'RRULE:FREQ=SECONDLY'],
    ['a rule dressed up with parameters', 'RRULE;X-EVIL=1:FREQ=SECONDLY'],
    ['a rule with a leading unknown part', 'RRULE:X-FOO=BAR;FREQ=MINUTELY'],
    ['a daily rule', 'RRULE:FREQ=DAILY'],
    ['a rule ical.js cannot name the frequency of', 'RRULE: freq=hourly'],
  ])('refuses %s', (_name, rrule) => {
    expect(zoneFromVtimezone('Custom', zone(rrule))).toBe('its definition repeats in an unsupported way');
  });

  it('accepts a real yearly rule and places times with it', () => {
    const z = zoneFromVtimezone('Custom', zone('RRULE;X-OK=1:X-FOO=1;FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU'));
    expect(typeof z).toBe('object');
    // +02:00 all year (one STANDARD part): 12:00 local is 10:00Z.
    expect(typeof z === 'object' && z.wallToMs(Date.UTC(2024, 5, 1, 12))).toBe(Date.UTC(2024, 5, 1, 10));
  });

  it('events in a zone with a hostile rule are read as local time and reported, quickly', () => {
    const text = calendar(
      `${zone('RRULE;X-A=1:FREQ=SECONDLY')}\r\n`,
      vevent('a', 'DTSTART;TZID=Custom:20240603T090000\r\nDTEND;TZID=Custom:20240603T100000\r\n'),
    );
    const { value: r, ms } = timed(() => expandIcs(text, { ...window, timeZone: 'Europe/Berlin' }));
    expect(ms).toBeLessThan(5_000);
    expect(r.meetings.map((m) => new Date(m.start).toISOString())).toEqual(['2024-06-03T07:00:00.000Z']);
    expect(r.problems).toEqual(['Times in the zone "Custom" were read as local time (Europe/Berlin): its definition repeats in an unsupported way.']);
  });
});

describe('one budget per file', () => {
  it('thousands of BYSETPOS series: skipped within the wall-time budget, one problem', () => {
    const series = Array.from({ length: 3_000 }, (_, i) =>
      vevent(`setpos-${i}`, 'DTSTART:20240101T090000Z\r\nDTEND:20240101T100000Z\r\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,10,11,12;BYSETPOS=1,2,-1\r\n'));
    const budget = { wallMs: 1_500 };
    const { value: r, ms } = timed(() => expandIcs(calendar(...series), { ...window, budget }));
    expect(r.skipped).toMatch(/took longer than 1\.5 s|more than 2,000,000 steps|more than 500,000 occurrences/);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^The calendar was skipped: .*Other calendars still count\.$/);
    expect(r.meetings).toEqual([]);
    // Cooperative checks every 256 steps: well within a second of the budget.
    expect(ms).toBeLessThan(budget.wallMs + 2_000);
  });

  it('the step budget counts across all series', () => {
    // 100 daily series over a year: 366 occurrences each, at least 36,600 steps in all.
    const series = Array.from({ length: 100 }, (_, i) => vevent(`d-${i}`, `${oneHour('20240101')}RRULE:FREQ=DAILY\r\n`));
    const text = calendar(...series);
    expect(expandIcs(text, { ...window, budget: { iterations: 30_000 } }).skipped).toBe('its repeat rules need more than 30,000 steps');
    const full = expandIcs(text, window);
    expect(full.skipped).toBeUndefined();
    expect(full.meetings).toHaveLength(100 * 366);
  });

  it('the occurrence budget', () => {
    const text = calendar(vevent('d', `${oneHour('20240101')}RRULE:FREQ=DAILY\r\n`));
    expect(expandIcs(text, { ...window, budget: { occurrences: 100 } }).skipped).toBe('it has more than 100 occurrences in the period');
    expect(expandIcs(text, { ...window, budget: { occurrences: 366 } }).meetings).toHaveLength(366);
  });

  it('thousands of RRULE lines on one event: skipped, naming the event line', () => {
    const rules = 'RRULE:FREQ=DAILY;BYHOUR=9\r\n'.repeat(5_000);
    const text = calendar(vevent('ok', oneHour('20240102')), vevent('many', `${oneHour('20240103')}${rules}`));
    const { value: r, ms } = timed(() => expandIcs(text, window));
    expect(r.skipped).toBe(`an event (line 9) has more than ${DEFAULT_BUDGET.rrulesPerEvent} repeat rules (RRULE lines)`);
    expect(r.meetings).toEqual([]);
    expect(ms).toBeLessThan(2_000);
  });

  it('a TZID of tens of thousands of path segments: skipped at once', () => {
    const tzid = `${'x/'.repeat(40_000)}Europe/Berlin`;
    const text = calendar(vevent('deep', `DTSTART;TZID=${tzid}:20240603T090000\r\nDTEND;TZID=${tzid}:20240603T100000\r\n`));
    const { value: r, ms } = timed(() => expandIcs(text, window));
    expect(r.skipped).toBe('a time-zone name (TZID) is longer than 256 characters');
    expect(ms).toBeLessThan(2_000);
    // With the TZID limit lifted, the zone lookup itself stays linear (only the last parts are tried).
    const lifted = timed(() => expandIcs(text, { ...window, budget: { tzidLength: 1e6 } }));
    expect(lifted.ms).toBeLessThan(2_000);
    expect(lifted.value.meetings.map((m) => new Date(m.start).toISOString())).toEqual(['2024-06-03T07:00:00.000Z']);
  });

  it('bytes: text or bytes over the limit are skipped before parsing', () => {
    const text = calendar(vevent('a', oneHour('20240603')));
    expect(expandIcs(text, { ...window, budget: { bytes: 100 } }).skipped).toMatch(/^it is too large/);
    expect(expandIcsBytes(new TextEncoder().encode(text), { ...window, budget: { bytes: 100 } }).skipped).toMatch(/^it is too large/);
  });

  it('wall time is read from the clock given (each read advances it a second here)', () => {
    let now = 0;
    const clock = () => (now += 1_000);
    const text = calendar(vevent('d', `${oneHour('20240101')}RRULE:FREQ=DAILY\r\n`));
    expect(expandIcs(text, { ...window, clock, budget: { wallMs: 1_500 } }).skipped).toBe('reading it took longer than 1.5 s');
  });

  it('budget values that are not positive numbers fall back to the defaults', () => {
    const text = calendar(vevent('a', oneHour('20240603')));
    const r = expandIcs(text, { ...window, budget: { wallMs: -1, iterations: Number.NaN, bytes: 'x' as unknown as number } });
    expect(r.meetings).toHaveLength(1);
  });
});

describe('durations and instants out of range are event problems', () => {
  it('a DURATION past year 9999 is not 24 hours of meetings a day', () => {
    const text = calendar(
      vevent('huge', 'DTSTART:20240603T090000Z\r\nDURATION:P99999999W\r\n'),
      vevent('long', 'DTSTART:20240604T090000Z\r\nDURATION:P40D\r\n'),
      vevent('fine', oneHour('20240605')),
    );
    const r = expandIcs(text, window);
    expect(r.meetings.map((m) => m.id)).toEqual(['fine']);
    expect(r.problems).toEqual([
      'Skipped an event (line 3): its time or length is outside the range of dates (years 1-9999).',
      'Skipped an event (line 9): it lasts longer than 31 days, which no meeting does.',
    ]);
  });

  it('a start near the end of the range and an all-day event of a million days', () => {
    const text = calendar(
      vevent('end', 'DTSTART:99991231T230000Z\r\nDURATION:PT2H\r\n'),
      vevent('off', 'X-MICROSOFT-CDO-BUSYSTATUS:OOF\r\nDTSTART;VALUE=DATE:20240603\r\nDURATION:P1000000D\r\n'),
    );
    const r = expandIcs(text, { ...window, toMs: Date.UTC(9999, 11, 31, 23, 59) });
    expect(r.meetings).toEqual([]);
    expect(r.timeOff).toEqual([]);
    expect(r.problems).toHaveLength(2);
  });

  it('craft-time meetings answers (exit 0) on such a file, with the good meetings and one problem per bad event', async () => {
    const file = join(tmp, 'overflow.ics');
    writeFileSync(file, calendar(vevent('huge', 'DTSTART:20240603T090000Z\r\nDURATION:P99999999W\r\n'), vevent('fine', oneHour('20240603'))));
    const out: string[] = [], err: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, now: () => Date.UTC(2024, 6, 1), cwd: tmp };
    expect(await meetingsCommand.run(['--ics', file, '--from', '2024-06-03', '--to', '2024-06-04', '--tz', 'UTC', '--json'], io)).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json.days).toEqual([
      { date: '2024-06-03', meetingMinutes: 60, conflictMinutes: 0 },
      { date: '2024-06-04', meetingMinutes: 0, conflictMinutes: 0 },
    ]);
    expect(json.problems).toEqual(['overflow.ics: Skipped an event (line 3): its time or length is outside the range of dates (years 1-9999).']);
  });
});

describe('craft-time meetings --json is written in pieces', () => {
  it('the pieces make the same document JSON.stringify(…, null, 2) would', async () => {
    const series = Array.from({ length: 3 }, (_, i) => vevent(`s-${i}`, `${oneHour('20240101')}RRULE:FREQ=DAILY;COUNT=1500\r\n`));
    const file = join(tmp, 'many.ics');
    writeFileSync(file, calendar(...series));
    for (const [from, to] of [['2024-01-01', '2024-12-31'], ['2030-01-01', '2030-01-01']]) {
      const out: string[] = [];
      const io: CliIo = { stdout: (t) => out.push(t), stderr: () => {}, env: {}, now: () => 0, cwd: tmp };
      expect(await meetingsCommand.run(['--ics', file, '--from', from, '--to', to, '--tz', 'UTC', '--json'], io)).toBe(0);
      const text = out.join('');
      const parsed = JSON.parse(text);
      expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
      expect(parsed.meetings).toHaveLength(from === '2024-01-01' ? 3 * 366 : 0);
    }
  });
});

describe('--ics files: regular files only, size checked first', () => {
  const run = async (args: string[]) => {
    const out: string[] = [], err: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, now: () => Date.UTC(2024, 6, 1), cwd: tmp };
    const code = await meetingsCommand.run([...args, '--from', '2024-06-03', '--to', '2024-06-03', '--tz', 'UTC', '--json'], io);
    return { code, err: err.join('') };
  };

  it('a FIFO is refused without waiting for a writer', async () => {
    const fifo = join(tmp, 'calendar.fifo');
    execFileSync('mkfifo', [fifo]);
    const { value, ms } = await (async () => {
      const t0 = performance.now();
      const v = await run(['--ics', fifo]);
      return { value: v, ms: performance.now() - t0 };
    })();
    expect(value.code).toBe(1);
    expect(value.err).toContain('not a regular file');
    expect(ms).toBeLessThan(5_000);
  });

  it('a device and a folder are refused', async () => {
    expect((await run(['--ics', '/dev/zero'])).err).toContain('not a regular file');
    expect((await run(['--ics', tmp])).err).toContain('not a regular file');
  });

  it('a connected calendar file that became a FIFO: refused at once, the last good copy is used', async () => {
    const dataDir = join(tmp, 'data');
    const fifo = join(tmp, 'connected.fifo');
    execFileSync('mkfifo', [fifo]);
    await writeSources(dataDir, [{ id: 'file-00aa', kind: 'file', label: 'work.ics', path: fifo, addedAt: '2024-06-01T00:00:00.000Z' }]);
    const good = calendar(vevent('a', oneHour('20240603')));
    await writeCache(dataDir, 'file-00aa', good);
    const [entry] = await loadCalendarTexts(dataDir);
    expect(entry.text).toBe(good);
    expect(entry.problem).toBe('work.ics: not a regular file (using the last good copy)');
  });
});
