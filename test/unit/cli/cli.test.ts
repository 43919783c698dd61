// The built craft-time command, spawned as users run it.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeActivityFile } from '../../../src/store/activityStore';
import { writeManualMeetings } from '../../../src/store/calendarStore';

const ROOT = path.join(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/import');
let tmp: string;
let cli: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-cli-'));
  cli = path.join(tmp, 'cli.js');
  // `npm run build` as a user runs it; then a private copy, so another build running in this tree
  // cannot swap the file mid-test. If the full build fails for a reason outside the CLI (another
  // target half-written), build the CLI alone with the same options.
  try {
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'pipe' });
    fs.copyFileSync(path.join(ROOT, 'dist/cli.js'), cli);
  } catch {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'src/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs',
      target: 'node20', banner: { js: '#!/usr/bin/env node' }, logLevel: 'silent',
    });
  }
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8', cwd: tmp, env: { ...process.env, CRAFT_TIME_DATA_DIR: undefined, CRAFT_TIME_DEBUG: undefined, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const freshDir = (name: string) => {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
};

/** An Etc/GMT zone where it is now around midday, so spans of the last minutes are on today's date. */
function middayZone(now = Date.now()): string {
  const hour = new Date(now).getUTCHours();
  const offset = ((12 - hour + 36) % 24) - 12; // -12 .. 11 hours east of UTC
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe('craft-time', () => {
  test('--help lists the commands and exits 0; no command prints it and exits 2', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['status', 'import', 'export']) expect(r.stdout).toContain(c);
    expect(run([]).code).toBe(2);
  });

  test('--version prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  test('an unknown command or option is a clear message and exit 2, without a stack trace', () => {
    const r = run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "frobnicate"');
    const o = run(['status', '--frob']);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain('Unknown option --frob');
    expect(o.stderr).not.toMatch(/\n\s+at /);
  });

  test('COMMAND --help prints its usage', () => {
    const r = run(['import', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('craft-time import wakatime FILE');
  });

  test('status on an empty data folder: one line, zero; a bad --tz exits 2', () => {
    const dir = freshDir('empty');
    const r = run(['status', '--data-dir', dir]);
    expect(r).toMatchObject({ code: 0, stdout: '⌨ 0m today · 0m this week\n' });
    expect(run(['status', '--data-dir', dir, '--ascii']).stdout).toBe('0m today | 0m this week\n');
    expect(run(['status'], { CRAFT_TIME_DATA_DIR: dir, TERM: 'dumb' }).stdout).toBe('0m today | 0m this week\n');
    expect(run(['status', '--data-dir', dir, '--tz', 'Mars/Olympus']).code).toBe(2); // the other bad values: main.test.ts
  });

  test('status counts recent activity (today and this week)', async () => {
    const dir = freshDir('recent');
    const now = Date.now();
    const end = Math.floor(now / 1000) * 1000 - 60_000;
    await writeActivityFile(dir, 'w-test', [{ start: end - 10 * 60_000, end, category: 'coding', language: 'ts', workspaceId: '' }], new Map());
    const r = run(['status', '--data-dir', dir, '--tz', middayZone(now), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { todayMinutes: number; weekMinutes: number; byCategory: { coding: number } };
    expect(j.todayMinutes).toBe(10);
    expect(j.weekMinutes).toBe(10);
    expect(j.byCategory.coding).toBe(10);
    expect(run(['status', '--data-dir', dir, '--tz', middayZone(now)]).stdout).toBe('⌨ 10m today · 10m this week\n');
  });

  test('status adds today\'s craft ratio once meetings are known (a meeting logged by hand)', async () => {
    const dir = freshDir('ratio');
    const now = Date.now();
    const end = Math.floor(now / 1000) * 1000 - 60_000;
    await writeActivityFile(dir, 'w-test', [{ start: end - 10 * 60_000, end, category: 'coding', language: 'ts', workspaceId: '' }], new Map());
    // 30 minutes of meeting just before the coding: 10 / (10 + 30) = 25 %.
    const meeting = { id: 'm1', start: new Date(end - 40 * 60_000).toISOString(), end: new Date(end - 10 * 60_000).toISOString(), title: 'Sync' };
    await writeManualMeetings(dir, [meeting]);
    const zone = middayZone(now);
    expect(run(['status', '--data-dir', dir, '--tz', zone]).stdout).toBe('⌨ 10m today · 25% craft · 10m this week\n');
    expect(run(['status', '--data-dir', dir, '--tz', zone, '--ascii']).stdout).toBe('10m today | 25% craft | 10m this week\n');
    const j = JSON.parse(run(['status', '--data-dir', dir, '--tz', zone, '--json']).stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ todayMinutes: 10, meetingMinutes: 30, craftRatio: 0.25, weekMeetingMinutes: 30, weekCraftRatio: 0.25 });
  });

  test('import wakatime twice: the second run changes nothing', () => {
    const dir = freshDir('import-twice');
    const file = path.join(FIXTURES, 'wakatime-small.json');
    const first = run(['import', 'wakatime', file, '--data-dir', dir, '--json']);
    expect(first.code).toBe(0);
    const r1 = JSON.parse(first.stdout) as { spansWritten: number; daysCovered: number; alreadyImported: boolean; files: string[] };
    expect(r1).toMatchObject({ spansWritten: 5, alreadyImported: false });
    const written = fs.readFileSync(path.join(dir, r1.files[0]), 'utf8');
    const second = run(['import', 'wakatime', file, '--data-dir', dir]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Already imported');
    expect(fs.readdirSync(path.join(dir, 'activity', '2024-03'))).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, r1.files[0]), 'utf8')).toBe(written);
    expect(written).not.toContain('/home/alice');
  });

  test('import: human report, ActivityWatch too', () => {
    const dir = freshDir('import-human');
    const r = run(['import', 'activitywatch', path.join(FIXTURES, 'activitywatch-small.json'), '--data-dir', dir, '--tz', 'UTC']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Read 5 events; skipped 1.');
    expect(r.stdout).toContain('Wrote 3 spans covering 1 day (2024-03-04 to 2024-03-04)');
    expect(r.stdout).toContain('currentwindow');
  });

  test('import: bad kind or missing file argument exit 2; unreadable or malformed input exits 1 with a message', () => {
    const dir = freshDir('import-bad');
    expect(run(['import', 'toggl', 'x.json', '--data-dir', dir]).code).toBe(2);
    expect(run(['import', 'wakatime', '--data-dir', dir]).code).toBe(2);
    const missing = run(['import', 'wakatime', path.join(tmp, 'missing.json'), '--data-dir', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, '{"days":[{"heartbeats":[{"time":17');
    const malformed = run(['import', 'wakatime', bad, '--data-dir', dir]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('not valid JSON');
    expect(run(['import', 'wakatime', bad, '--data-dir', dir], { CRAFT_TIME_DEBUG: '1' }).stderr).toMatch(/\n\s+at /);
  });

  test('export: stdout or --out, valid JSON with the imported spans; a missing data folder exits 1', () => {
    const dir = freshDir('export');
    run(['import', 'wakatime', path.join(FIXTURES, 'wakatime-small.json'), '--data-dir', dir]);
    const r = run(['export', '--data-dir', dir]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { kind: string; activity: { spans: { workspace: string }[] }[] };
    expect(doc.kind).toBe('craft-time/export');
    expect(doc.activity[0].spans.map((s) => s.workspace)).toEqual(['alpha', 'alpha', 'beta', '', 'alpha']);
    const out = path.join(tmp, 'export.json');
    expect(run(['export', '--data-dir', dir, '--out', out]).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ schema: 1, kind: 'craft-time/export' });
    expect(run(['export', '--data-dir', path.join(tmp, 'no-such-dir')]).code).toBe(1);
  });

  test('days after an import (when the days command is registered)', () => {
    if (!run(['--help']).stdout.includes('days')) return; // not registered yet
    const dir = freshDir('days');
    run(['import', 'wakatime', path.join(FIXTURES, 'wakatime-small.json'), '--data-dir', dir]);
    const r = run(['days', '--from', '2024-03-03', '--to', '2024-03-05', '--tz', 'UTC', '--json', '--data-dir', dir]);
    expect(r.code).toBe(0);
    const days = (JSON.parse(r.stdout) as { days: { date: string; handsOnMinutes: number; byCategory: Record<string, number> }[] }).days;
    expect(days.map((d) => [d.date, d.handsOnMinutes])).toEqual([['2024-03-03', 0], ['2024-03-04', 10], ['2024-03-05', 2]]);
    expect(days[1].byCategory).toMatchObject({ coding: 3.5, building: 1, reviewing: 5.5, reading: 0, debugging: 0 });
  });
});
