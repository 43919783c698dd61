import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/args';
import { meetingsCommand } from '../../../src/cli/commands/meetings';
import type { CliIo } from '../../../src/cli/io';

const FIXTURES = join(__dirname, '../../fixtures/ics');

function io() {
  const out: string[] = [], err: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, now: () => Date.UTC(2024, 6, 1), cwd: FIXTURES };
  return { io: value, out, err };
}

describe('craft-time meetings', () => {
  it('prints meetings, days and problems as JSON', async () => {
    const t = io();
    const code = await meetingsCommand.run(['--ics', 'overrides-across-uids.ics', '--ics', 'filters.ics', '--from', '2024-05-06', '--to', '2024-05-08', '--tz', 'UTC', '--me', 'me@example.com', '--json'], t.io);
    expect(code).toBe(0);
    const json = JSON.parse(t.out.join(''));
    expect(json.days).toEqual([
      { date: '2024-05-06', meetingMinutes: 60, conflictMinutes: 60 },
      { date: '2024-05-07', meetingMinutes: 120, conflictMinutes: 0 },
      { date: '2024-05-08', meetingMinutes: 60, conflictMinutes: 0 },
    ]);
    expect(json.meetings[0]).toEqual({ start: '2024-05-06T10:00:00.000Z', end: '2024-05-06T11:00:00.000Z', title: 'Series A', attendees: 0, recurring: true, source: 'ics-1' });
    expect(json.problems).toEqual([]);
  });

  it('--no-ignore keeps ignored titles', async () => {
    const a = io(), b = io();
    const args = ['--ics', 'filters.ics', '--from', '2024-06-03', '--to', '2024-06-03', '--tz', 'UTC', '--me', 'me@example.com', '--json'];
    await meetingsCommand.run(args, a.io);
    await meetingsCommand.run([...args, '--no-ignore'], b.io);
    expect(JSON.parse(a.out.join('')).days[0].meetingMinutes).toBe(120);
    expect(JSON.parse(b.out.join('')).days[0].meetingMinutes).toBe(240);
  });

  it('prints a readable table without --json', async () => {
    const t = io();
    expect(await meetingsCommand.run(['--ics', 'rdate-period.ics', '--from', '2024-06-10', '--to', '2024-06-14', '--tz', 'UTC'], t.io)).toBe(0);
    expect(t.out.join('')).toContain('2024-06-12      2:30');
  });

  it('fails clearly on bad arguments and unreadable files', async () => {
    await expect(meetingsCommand.run(['--ics', 'filters.ics', '--from', '2024-13-01', '--to', '2024-06-01'], io().io)).rejects.toThrow(UsageError);
    await expect(meetingsCommand.run(['--ics', 'filters.ics', '--from', '2024-06-02', '--to', '2024-06-01'], io().io)).rejects.toThrow(UsageError);
    await expect(meetingsCommand.run(['--ics', 'filters.ics', '--from', '2024-06-01', '--to', '2024-06-01', '--tz', 'Nowhere/City'], io().io)).rejects.toThrow(UsageError);
    const t = io();
    expect(await meetingsCommand.run(['--ics', 'missing.ics', '--from', '2024-06-01', '--to', '2024-06-01'], t.io)).toBe(1);
    expect(t.err.join('')).toContain('cannot read missing.ics: no such file');
  });
});
