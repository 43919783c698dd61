// The one data folder per user: default per platform and every override (issue 11).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultDataDir, ensureDataDir, legacyDataDirs, resolveDataDir } from '../../../src/store/dataDir';

describe('default data folder per platform', () => {
  test('Linux: $XDG_DATA_HOME/craft-time, else ~/.local/share/craft-time', () => {
    expect(defaultDataDir({ HOME: '/home/ana', XDG_DATA_HOME: '/data/ana' }, 'linux')).toBe('/data/ana/craft-time');
    expect(defaultDataDir({ HOME: '/home/ana' }, 'linux')).toBe('/home/ana/.local/share/craft-time');
    // The XDG spec ignores a relative XDG_DATA_HOME.
    expect(defaultDataDir({ HOME: '/home/ana', XDG_DATA_HOME: 'rel/dir' }, 'linux')).toBe('/home/ana/.local/share/craft-time');
    expect(defaultDataDir({ HOME: '/home/ana', XDG_DATA_HOME: '' }, 'freebsd')).toBe('/home/ana/.local/share/craft-time');
  });
  test('macOS: ~/Library/Application Support/craft-time (XDG not used)', () => {
    expect(defaultDataDir({ HOME: '/Users/bo', XDG_DATA_HOME: '/x' }, 'darwin')).toBe('/Users/bo/Library/Application Support/craft-time');
  });
  test('Windows: %LOCALAPPDATA%\\craft-time, else the profile\'s AppData\\Local', () => {
    expect(defaultDataDir({ USERPROFILE: 'C:\\Users\\cy', LOCALAPPDATA: 'C:\\Users\\cy\\AppData\\Local' }, 'win32')).toBe('C:\\Users\\cy\\AppData\\Local\\craft-time');
    expect(defaultDataDir({ USERPROFILE: 'C:\\Users\\cy' }, 'win32')).toBe('C:\\Users\\cy\\AppData\\Local\\craft-time');
  });
});

describe('overrides: explicit (--data-dir or craftTime.dataFolder), then CRAFT_TIME_DATA_DIR, then default', () => {
  const env = { HOME: '/home/ana', CRAFT_TIME_DATA_DIR: '/env/dir' };
  test('explicit wins over the environment', () => {
    expect(resolveDataDir('/flag/dir', env, '/cwd', 'linux')).toBe('/flag/dir');
  });
  test('explicit relative paths are from cwd; ~ is the home folder', () => {
    expect(resolveDataDir('rel', env, '/cwd', 'linux')).toBe('/cwd/rel');
    expect(resolveDataDir('~/ct', env, '/cwd', 'linux')).toBe('/home/ana/ct');
    expect(resolveDataDir('~', env, '/cwd', 'linux')).toBe('/home/ana');
  });
  test('an empty setting falls through to the environment, then the default', () => {
    expect(resolveDataDir('', env, '/cwd', 'linux')).toBe('/env/dir');
    expect(resolveDataDir('  ', { HOME: '/home/ana', CRAFT_TIME_DATA_DIR: '' }, '/cwd', 'linux')).toBe('/home/ana/.local/share/craft-time');
    expect(resolveDataDir(undefined, { HOME: '/home/ana', CRAFT_TIME_DATA_DIR: 'rel' }, '/cwd', 'linux')).toBe('/cwd/rel');
  });
  test('Windows paths resolve with Windows rules', () => {
    expect(resolveDataDir('D:\\ct', {}, 'C:\\work', 'win32')).toBe('D:\\ct');
    expect(resolveDataDir(undefined, { USERPROFILE: 'C:\\Users\\cy', LOCALAPPDATA: 'C:\\L' }, 'C:\\work', 'win32')).toBe('C:\\L\\craft-time');
  });
});

describe('old per-editor folders', () => {
  test('each desktop build and code-server, per platform', () => {
    const linux = legacyDataDirs({ HOME: '/home/ana' }, 'linux');
    expect(linux).toEqual([
      '/home/ana/.config/Code/User/globalStorage/craft-time.craft-time',
      '/home/ana/.config/Code - Insiders/User/globalStorage/craft-time.craft-time',
      '/home/ana/.config/VSCodium/User/globalStorage/craft-time.craft-time',
      '/home/ana/.config/Cursor/User/globalStorage/craft-time.craft-time',
      '/home/ana/.config/Windsurf/User/globalStorage/craft-time.craft-time',
      '/home/ana/.local/share/code-server/User/globalStorage/craft-time.craft-time',
    ]);
    expect(legacyDataDirs({ HOME: '/Users/bo' }, 'darwin')[3]).toBe('/Users/bo/Library/Application Support/Cursor/User/globalStorage/craft-time.craft-time');
    expect(legacyDataDirs({ USERPROFILE: 'C:\\U', APPDATA: 'C:\\U\\R' }, 'win32')[0]).toBe('C:\\U\\R\\Code\\User\\globalStorage\\craft-time.craft-time');
  });
});

test.skipIf(process.platform === 'win32')('the folder is created private to the user (0700), and a looser one of ours is tightened', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-dd-'));
  try {
    const dir = path.join(root, 'a', 'craft-time');
    await ensureDataDir(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    fs.chmodSync(dir, 0o755);
    await ensureDataDir(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
