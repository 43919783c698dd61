// The command table and error handling in-process (fast); cli.test.ts runs the built file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { CliIo } from '../../../src/cli/io';
import { COMMANDS, runCli } from '../../../src/cli/main';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-main-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const FIXTURES = path.join(__dirname, '../../fixtures/import');

async function run(argv: string[], env: Record<string, string> = {}, now = Date.UTC(2024, 2, 6, 12)) {
  let stdout = '', stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CRAFT_TIME_DATA_DIR: tmp, ...env }, now: () => now, cwd: tmp };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe('runCli', () => {
  test('one table: unique names, each with a summary and a usage that names it', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of COMMANDS) {
      expect(c.summary.length).toBeGreaterThan(0);
      expect(c.usage).toContain(`craft-time ${c.name}`);
    }
  });

  test('help forms', async () => {
    expect((await run(['help', 'import'])).stdout).toContain('craft-time import wakatime FILE');
    expect((await run(['help', 'nope'])).code).toBe(2);
    expect((await run(['-h'])).code).toBe(0);
    expect((await run(['export', '-h'])).stdout).toContain('--out FILE');
    expect((await run(['--frobnicate'])).stderr).toContain('Unknown option --frobnicate');
  });

  test('every bad value is a usage error (exit 2) naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['status', '--tz', 'Mars/Olympus'], /Unknown time zone "Mars\/Olympus"/],
      [['status', '--idle-minutes', '0'], /--idle-minutes must be a whole number from 1 to 60/],
      [['status', '--idle-minutes', '61'], /from 1 to 60/],
      [['status', '--idle-minutes', '2.5'], /from 1 to 60/],
      [['status', '--idle-minutes'], /--idle-minutes needs a value/],
      [['status', 'extra'], /status takes no arguments/],
      [['status', '--json=yes'], /--json takes no value/],
      [['status', '--me', 'not-an-email'], /--me must be an e-mail address/],
      [['import'], /Say what to import/],
      [['import', 'toggl', 'x.json'], /Unknown import kind "toggl"/],
      [['import', 'wakatime'], /Give the export file/],
      [['import', 'wakatime', 'a.json', 'b.json'], /one file per import/],
      [['import', 'wakatime', 'a.json', '--tz', 'Nowhere'], /Unknown time zone/],
      [['export', 'file.json'], /use --out FILE/],
      [['export', '--out'], /--out needs a value/],
      [['export', '--tz', 'Nowhere/Else'], /Unknown time zone/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(message);
      expect(r.stderr).toContain(`Run "craft-time ${argv[0]} --help" for usage.`);
    }
  });

  test('failures that are not usage errors exit 1 with the message only; CRAFT_TIME_DEBUG adds the stack', async () => {
    const r = await run(['import', 'wakatime', 'missing.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^craft-time import: Cannot read .*missing\.json/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const d = await run(['import', 'wakatime', 'missing.json'], { CRAFT_TIME_DEBUG: '1' });
    expect(d.stderr).toMatch(/\n\s+at /);
  });

  test('status in-process with a fixed clock: the imported fixture week', async () => {
    const dir = path.join(tmp, 'week');
    expect((await run(['import', 'wakatime', path.join(FIXTURES, 'wakatime-small.json'), '--data-dir', dir])).code).toBe(0);
    // 2024-03-06 (Wednesday): nothing today, 10 min Monday + 2 min Tuesday this week.
    expect((await run(['status', '--data-dir', dir, '--tz', 'UTC'])).stdout).toBe('⌨ 0m today · 12m this week\n');
    const j = JSON.parse((await run(['status', '--data-dir', dir, '--tz', 'UTC', '--json'])).stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ date: '2024-03-06', week: '2024-W10', todayMinutes: 0, weekMinutes: 12, meetingMinutes: null, craftRatio: null });
    // On Monday with a 1-minute idle limit: only the time inside spans counts (90 + 60 + 60 s); every gap is over a minute.
    const monday = await run(['status', '--data-dir', dir, '--tz', 'UTC', '--idle-minutes', '1', '--json'], {}, Date.UTC(2024, 2, 4, 20));
    expect(JSON.parse(monday.stdout)).toMatchObject({ todayMinutes: 3.5, weekMinutes: 3.5 });
  });
});
