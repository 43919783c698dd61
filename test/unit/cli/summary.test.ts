// craft-time summary in-process: same numbers as `craft-time days` and `craft-time edge`, formats, errors.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UsageError } from '../../../src/cli/args';
import { daysCommand } from '../../../src/cli/commands/days';
import { edgeCommand } from '../../../src/cli/commands/edge';
import { summaryCommand } from '../../../src/cli/commands/summary';
import type { CliCommand, CliIo } from '../../../src/cli/io';
import { writeActivityFile } from '../../../src/store/activityStore';
import { aSpan, weekdays } from '../builders';

const NOW = Date.parse('2026-04-15T12:00:00Z');
let dir: string;

async function run(cmd: CliCommand, argv: string[]) {
  let stdout = '', stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, now: () => NOW, cwd: dir };
  const code = await cmd.run(argv, io);
  return { code, stdout, stderr };
}

const ics = (events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//test//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');
const event = (uid: string, start: string, end: string, extra: string[] = []) =>
  ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', `DTSTART:${start}`, `DTEND:${end}`, 'SUMMARY:Secret project sync', ...extra, 'END:VEVENT'].join('\r\n');

beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-summary-'));
  const spans = [];
  for (const d of weekdays('2026-01-05', '2026-04-10')) {
    spans.push(aSpan({ start: Date.parse(`${d}T08:00:00Z`), end: Date.parse(`${d}T09:30:00Z`), workspaceId: 'w1' }));
    spans.push(aSpan({ start: Date.parse(`${d}T13:00:00Z`), end: Date.parse(`${d}T13:40:00Z`), category: 'reading', language: 'markdown', workspaceId: 'w2' }));
  }
  await writeActivityFile(dir, 'w-test', spans, new Map([['w1', '<img src=x onerror=alert(1)>'], ['w2', 'notes']]));
  await fs.promises.writeFile(
    path.join(dir, 'cal.ics'),
    ics([
      event('weekly@test', '20260105T100000Z', '20260105T110000Z', ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260430T000000Z', 'ATTENDEE:mailto:a@x', 'ATTENDEE:mailto:b@x']),
      event('big@test', '20260312T150000Z', '20260312T163000Z', Array.from({ length: 9 }, (_, i) => `ATTENDEE:mailto:p${i}@x`)),
    ]),
  );
});

afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

describe('craft-time summary', () => {
  test('its JSON has the same day numbers as `craft-time days` and the same edge as `craft-time edge`', async () => {
    const common = ['--data-dir', dir, '--tz', 'UTC', '--ics', 'cal.ics'];
    const summary = await run(summaryCommand, ['--month', '2026-03', '--format', 'json', '--role', 'principal', ...common]);
    expect(summary.code).toBe(0);
    const s = JSON.parse(summary.stdout);
    const days = JSON.parse((await run(daysCommand, ['--from', '2026-03-01', '--to', '2026-03-31', '--json', ...common])).stdout);
    const edge = JSON.parse((await run(edgeCommand, ['--as-of', '2026-04-01', '--role', 'principal', '--json', ...common])).stdout);
    const pick = (d: Record<string, unknown>) => ({ date: d.date, handsOnMinutes: d.handsOnMinutes, meetingMinutes: d.meetingMinutes, overlapMinutes: d.overlapMinutes, craftRatio: d.craftRatio, deepWorkBlocks: d.deepWorkBlocks, deepWorkMinutes: d.deepWorkMinutes, focusWindows: d.focusWindows, focusMinutes: d.focusMinutes, fragments: d.fragments, status: d.status, byCategory: d.byCategory });
    expect(s.days.map(pick)).toEqual(days.days.map(pick));
    const sum = (k: string) => days.days.reduce((t: number, d: Record<string, number>) => t + d[k], 0);
    expect(s.handsOnMinutes).toBeCloseTo(sum('handsOnMinutes'), 6);
    expect(s.meetingMinutes).toBeCloseTo(sum('meetingMinutes'), 6);
    expect(s.handsOnHours).toBe(Math.round((sum('handsOnMinutes') / 60) * 100) / 100);
    expect(s.edge.state).toBe(edge.state);
    expect(s.edge.floor).toEqual(edge.floor);
    expect(s.edge.signals.map((x: { id: string; fired: boolean; detail: string }) => [x.id, x.fired, x.detail])).toEqual(edge.signals.map((x: { id: string; fired: boolean; detail: string }) => [x.id, x.fired, x.detail]));
    expect(s.edge.weeks).toEqual(edge.weeks);
    // Wednesdays and Mondays 10-11 (9 in March 2026) plus one 9-person meeting of 1.5 h.
    expect(s.meetingMix.recurring.count).toBe(9);
    expect(s.meetingMix.large).toEqual({ count: 1, hours: 1.5, minutes: 90 });
    expect(summary.stdout).not.toContain('Secret project');
    expect(summary.stdout).not.toContain('onerror');
  });

  test('Markdown to stdout by default; workspace names only with --include-workspaces, escaped', async () => {
    const plain = await run(summaryCommand, ['--month', '2026-03', '--data-dir', dir, '--tz', 'UTC']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('# Craft Time: March 2026');
    expect(plain.stdout).not.toContain('onerror');
    const named = await run(summaryCommand, ['--month', '2026-03', '--data-dir', dir, '--tz', 'UTC', '--include-workspaces']);
    expect(named.stdout).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
  });

  test('--out writes HTML and CSV files', async () => {
    const html = await run(summaryCommand, ['--month', '2026-02', '--format', 'html', '--out', 'out/feb.html', '--data-dir', dir, '--tz', 'UTC']);
    expect(html.code).toBe(0);
    expect(html.stdout).toBe('');
    expect(fs.readFileSync(path.join(dir, 'out/feb.html'), 'utf8')).toContain('<title>Craft Time: February 2026</title>');
    await run(summaryCommand, ['--month', '2026-02', '--format', 'csv', '--out', 'feb.csv', '--data-dir', dir, '--tz', 'UTC']);
    expect(fs.readFileSync(path.join(dir, 'feb.csv'), 'utf8').split('\r\n')).toHaveLength(30); // header + 28 + trailing ''
  });

  test('a month in progress is summarised up to yesterday', async () => {
    const j = JSON.parse((await run(summaryCommand, ['--month', '2026-04', '--format', 'json', '--data-dir', dir, '--tz', 'UTC'])).stdout);
    expect(j.inProgress).toBe(true);
    expect(j.through).toBe('2026-04-14');
    expect(j.edge.asOf).toBe('2026-04-15');
  });

  test('bad arguments are usage errors', async () => {
    await expect(run(summaryCommand, ['--data-dir', dir])).rejects.toThrow(UsageError);
    await expect(run(summaryCommand, ['--month', '2026-13', '--data-dir', dir])).rejects.toThrow(/YYYY-MM/);
    await expect(run(summaryCommand, ['--month', '2026-03', '--format', 'pdf', '--data-dir', dir])).rejects.toThrow(/md, html, json, csv/);
    await expect(run(summaryCommand, ['--month', '2026-03', '--role', 'boss', '--data-dir', dir])).rejects.toThrow(/Unknown role/);
    await expect(run(summaryCommand, ['--month', '2026-06', '--data-dir', dir, '--tz', 'UTC'])).rejects.toThrow(/not started/);
  });
});
