// The craft-time launcher (Install the craft-time Command) and the workspace id rule.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isOnPath, launcherState, planLauncher, writeLauncher } from '../../../src/store/launcher';
import { canonicalFolderPath, legacyWorkspaceId, workspaceIdOfFolder } from '../../../src/store/workspaceId';
import { buildCli } from '../shell/helpers';

let tmp: string;
beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'craft-launch-')));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('launcher', () => {
  test('Windows: a .cmd in %LOCALAPPDATA%\\Microsoft\\WindowsApps with ELECTRON_RUN_AS_NODE', () => {
    const p = planLauncher({ platform: 'win32', home: 'C:\\Users\\cy', localAppData: 'C:\\Users\\cy\\AppData\\Local', nodeExe: 'C:\\Code\\Code.exe', cliJs: 'C:\\ext\\dist\\cli.js' });
    expect(p.file).toBe('C:\\Users\\cy\\AppData\\Local\\Microsoft\\WindowsApps\\craft-time.cmd');
    expect(p.text).toContain('set ELECTRON_RUN_AS_NODE=1');
    expect(p.text).toContain('"C:\\Code\\Code.exe" "C:\\ext\\dist\\cli.js" %*');
    expect(p.text.split('\r\n').length).toBeGreaterThan(5);
  });

  test.skipIf(process.platform === 'win32')('Linux/macOS: ~/.local/bin/craft-time runs the shipped CLI with the editor\'s executable, and finds a newer copy after an update', async () => {
    const extensions = path.join(tmp, 'extensions');
    const v1 = path.join(extensions, 'craft-time.craft-time-0.1.0', 'dist');
    fs.mkdirSync(v1, { recursive: true });
    const cli = await buildCli(v1);
    const home = path.join(tmp, 'home');
    const plan = planLauncher({ platform: 'linux', home, nodeExe: process.execPath, cliJs: cli });
    expect(plan.file).toBe(path.join(home, '.local', 'bin', 'craft-time'));
    expect(launcherState(plan)).toBe('missing');
    await writeLauncher(plan);
    expect(launcherState(plan)).toBe('current');
    expect(fs.statSync(plan.file).mode & 0o777).toBe(0o755);
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')).version;
    expect(execFileSync(plan.file, ['--version'], { encoding: 'utf8' }).trim()).toBe(version);
    // The extension updates: the old folder goes away, a new one appears next to it.
    const v2 = path.join(extensions, 'craft-time.craft-time-0.2.0', 'dist');
    fs.mkdirSync(v2, { recursive: true });
    fs.renameSync(cli, path.join(v2, 'cli.js'));
    fs.rmSync(path.join(extensions, 'craft-time.craft-time-0.1.0'), { recursive: true });
    expect(execFileSync(plan.file, ['--version'], { encoding: 'utf8' }).trim()).toBe(version);
    // A newer plan (the editor started with the new copy) replaces ours, never someone else's file.
    const newer = planLauncher({ platform: 'linux', home, nodeExe: process.execPath, cliJs: path.join(v2, 'cli.js') });
    expect(launcherState(newer)).toBe('ours');
    fs.writeFileSync(plan.file, '#!/bin/sh\necho mine\n');
    expect(launcherState(newer)).toBe('foreign');
  });

  test('PATH check', () => {
    expect(isOnPath('/home/a/.local/bin', '/usr/bin:/home/a/.local/bin/', 'linux')).toBe(true);
    expect(isOnPath('/home/a/.local/bin', '/usr/bin', 'linux')).toBe(false);
    expect(isOnPath('C:\\X\\WindowsApps', 'c:\\x\\windowsapps;C:\\Windows', 'win32')).toBe(true);
  });
});

describe('workspace ids', () => {
  const sha12 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);
  test('SHA-256 of the real path: symlinks resolved, no trailing slash', () => {
    const real = path.join(tmp, 'repo');
    fs.mkdirSync(real, { recursive: true });
    const link = path.join(tmp, 'link-to-repo');
    fs.symlinkSync(real, link);
    expect(workspaceIdOfFolder(link)).toBe(sha12(real));
    expect(workspaceIdOfFolder(real + '/')).toBe(sha12(real));
  });
  test('a folder not on this machine keeps its absolute path; Windows drive letters are lower-cased', () => {
    expect(canonicalFolderPath('/no/such/folder/', 'linux')).toBe('/no/such/folder');
    expect(canonicalFolderPath('C:\\Work\\Repo\\', 'win32')).toBe('c:\\Work\\Repo');
  });
  test('the old id hashed the URI string (kept for alias lines)', () => {
    expect(legacyWorkspaceId('file:///home/a/repo')).toBe(sha12('file:///home/a/repo'));
  });
});
