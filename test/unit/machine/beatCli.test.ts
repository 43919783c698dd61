// craft-time beat and shell-hook, in process: argument validation (a bad argument is a clear error and
// nothing is written), pause/exclusion/fail-closed, and the workspace id rule.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { syncControlMarkers } from '../../../src/store/controlMarkers';
import { writeControls } from '../../../src/store/controls';

let tmp: string, data: string, repo: string;
const NOW = Date.UTC(2025, 10, 20, 9, 0, 0);
beforeEach(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'craft-beatcli-')));
  data = path.join(tmp, 'data');
  repo = path.join(tmp, 'my repo');
  fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'src', 'deep'), { recursive: true });
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '', stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { HOME: tmp }, now: () => NOW, cwd: repo };
  const code = await runCli(['beat', '--data-dir', data, ...argv], io);
  return { code, stdout, stderr };
}
const files = () => (fs.existsSync(data) ? fs.readdirSync(data, { recursive: true }).map(String).filter((f) => f.endsWith('.jsonl')) : []);
const sha12 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

describe('craft-time beat: arguments', () => {
  test.each([
    [[], /--category is required/],
    [['--category', 'typing'], /Unknown category "typing".*coding, reading, debugging, building, reviewing, assisted/],
    [['--category', 'c'], /Unknown category "c"/],
    [['--category', 'coding', '--program', 'Neovim'], /--program must match/],
    [['--category', 'coding', '--program', 'x'.repeat(33)], /--program must match/],
    [['--category', 'coding', '--program', ''], /--program must match/],
    [['--category', 'coding', '--language', 'c plus plus'], /--language must be a language id/],
    [['--category', 'coding', '--workspace', ''], /--workspace needs a folder/],
    [['--category', 'coding', '--workspace', 'no/such/dir'], /not a folder/],
    [['--category', 'coding', 'extra'], /beat takes no arguments/],
    [['--category', 'coding', '--colour', 'red'], /Unknown option --colour/],
  ])('%j is a usage error (exit 2) and writes nothing', async (argv, message) => {
    const r = await run(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(files()).toEqual([]);
  });

  test('a good beat: one line in activity/<month>/<program>.jsonl, the repository root as workspace', async () => {
    const r = await run('--category', 'assisted', '--language', 'lua', '--workspace', 'src/deep', '--program', 'neovim', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ written: true });
    expect(files()).toEqual([path.join('activity', '2025-11', 'neovim.jsonl')]);
    const line = JSON.parse(fs.readFileSync(path.join(data, 'activity', '2025-11', 'neovim.jsonl'), 'utf8'));
    // The id is the same one a shell computes: sha256 of the real path of the git top-level, 12 hex.
    expect(line).toEqual({ beat: NOW / 1000, cat: 'a', program: 'neovim', ws: sha12(repo), name: 'my repo', lang: 'lua' });
  });

  test('no --workspace: no workspace; default program "other"', async () => {
    await run('--category', 'reading');
    const line = JSON.parse(fs.readFileSync(path.join(data, 'activity', '2025-11', 'other.jsonl'), 'utf8'));
    expect(line).toEqual({ beat: NOW / 1000, cat: 'r', program: 'other', ws: '' });
  });
});

describe('craft-time beat respects the controls', () => {
  test('paused: nothing written, exit 0, --json says why', async () => {
    await writeControls(data, { schema: 1, paused: true, excludedWorkspaces: [] });
    const r = await run('--category', 'coding', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ written: false, reason: 'paused' });
    expect(files()).toEqual([]);
  });
  test('excluded workspace: nothing written for it, other workspaces still are', async () => {
    await writeControls(data, { schema: 1, paused: false, excludedWorkspaces: [{ id: sha12(repo), name: 'my repo' }] });
    expect(JSON.parse((await run('--category', 'coding', '--workspace', '.', '--json')).stdout)).toEqual({ written: false, reason: 'excluded' });
    expect(JSON.parse((await run('--category', 'coding', '--json')).stdout)).toMatchObject({ written: true });
  });
  test('fail closed: damaged controls mean nothing is recorded', async () => {
    fs.mkdirSync(path.join(data, 'state'), { recursive: true });
    fs.writeFileSync(path.join(data, 'state', 'controls.json'), '{"paused": fal');
    expect(JSON.parse((await run('--category', 'coding', '--json')).stdout)).toEqual({ written: false, reason: 'paused' });
    expect(files()).toEqual([]);
  });
});

describe('control markers for the shell hook', () => {
  test('mirror pause and exclusions; unreadable controls pause; resuming removes the marker', async () => {
    const marker = path.join(data, 'state', 'paused');
    await syncControlMarkers(data, { schema: 1, paused: false, excludedWorkspaces: [{ id: 'aaaaaaaaaaaa', name: 'a' }, { id: 'not-an-id', name: 'b' }] });
    expect(fs.existsSync(marker)).toBe(false);
    expect(fs.readdirSync(path.join(data, 'state', 'excluded'))).toEqual(['aaaaaaaaaaaa']);
    await syncControlMarkers(data, undefined);
    expect(fs.readFileSync(marker, 'utf8')).toMatch(/could not be read/);
    await syncControlMarkers(data, { schema: 1, paused: true, excludedWorkspaces: [] });
    expect(fs.readFileSync(marker, 'utf8')).toMatch(/paused/);
    expect(fs.readdirSync(path.join(data, 'state', 'excluded'))).toEqual([]);
    await syncControlMarkers(data, { schema: 1, paused: false, excludedWorkspaces: [] });
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe('craft-time shell-hook', () => {
  const hook = async (...argv: string[]) => {
    let stdout = '', stderr = '';
    const code = await runCli(['shell-hook', ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { HOME: '/home/ana' }, now: () => NOW, cwd: '/' });
    return { code, stdout, stderr };
  };
  test('prints a snippet per shell with the data folder quoted; CRAFT_TIME_DATA_DIR at run time still wins', async () => {
    const bash = await hook('bash', '--data-dir', "/data/it's here");
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain(`__ct_dir=\${CRAFT_TIME_DATA_DIR:-'/data/it'\\''s here'}`);
    expect((await hook('zsh')).stdout).toContain("'/home/ana/.local/share/craft-time'");
    expect((await hook('fish')).stdout).toContain("set -g __ct_dir '/home/ana/.local/share/craft-time'");
  });
  test('no shell, an unknown shell or two shells: usage errors', async () => {
    expect((await hook()).code).toBe(2);
    const r = await hook('powershell');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown shell "powershell". Supported: bash, zsh, fish/);
    expect((await hook('bash', 'zsh')).code).toBe(2);
  });
});
