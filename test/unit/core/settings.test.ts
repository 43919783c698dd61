// The one settings model: the extension and the CLI resolve the same raw values to the same settings and
// the same messages.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { rawFromObject, resolveSettings } from '../../../src/core/settings';
import { vscodeSettingsFiles } from '../../../src/store/settingsFiles';

describe('resolveSettings', () => {
  test('defaults: engineer floors, 5 idle minutes, the system zone, Mon-Fri 09-17', () => {
    const s = resolveSettings(() => undefined, 'Europe/Oslo');
    expect(s).toMatchObject({ idleMinutes: 5, timeZone: 'Europe/Oslo', role: 'engineer', floor: { weeklyHandsOnHours: 20, craftRatio: 0.6 }, deepWorkMinutes: 45, problems: [] });
    expect(s.workingHours).toEqual({ days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020 });
    expect(s.warningsEnabled).toBe(false); // off by default for engineers
  });

  test('a director with an override of the hours floor keeps the role ratio floor; warnings on by default', () => {
    const s = resolveSettings(rawFromObject({ 'craftTime.role': 'director', 'craftTime.floors.weeklyHandsOnHours': 6 }), 'UTC');
    expect(s.floor).toEqual({ weeklyHandsOnHours: 6, craftRatio: 0.1 });
    expect(s.warningsEnabled).toBe(true);
  });

  test('invalid values fall back with one message each (the words users see in both surfaces)', () => {
    const s = resolveSettings(rawFromObject({ idleMinutes: 0, timeZone: 'Mars/Olympus', role: 'wizard', 'floors.craftRatio': 2, 'workingHours.start': '18:00', 'workingHours.end': '09:00' }), 'UTC');
    expect(s.idleMinutes).toBe(5);
    expect(s.timeZone).toBe('UTC');
    expect(s.role).toBe('engineer');
    expect(s.floor.craftRatio).toBe(0.6);
    expect(s.problems).toEqual([
      'craftTime.idleMinutes must be a number from 1 to 60; using 5.',
      'craftTime.timeZone "Mars/Olympus" is not a time zone this system knows (for example Europe/Berlin); using UTC.',
      'craftTime.role "wizard" is not one of engineer, senior, staff, principal, manager, director, executive; using engineer.',
      'craftTime.floors.craftRatio must be a fraction from 0 to 1; using the role default.',
      'craftTime.workingHours needs days and a start before its end (HH:MM); using Mon-Fri 09:00-17:00.',
    ]);
  });

  test('own-property lookups only: a key named like an Object.prototype member is not a setting', () => {
    const s = resolveSettings(rawFromObject(JSON.parse('{"__proto__": {"craftTime.role": "director"}, "constructor": 1}')), 'UTC');
    expect(s.role).toBe('engineer');
  });
});

describe('where the CLI reads settings', () => {
  test('the VS Code builds in the documented order, per platform', () => {
    expect(vscodeSettingsFiles({ HOME: '/h' }, 'linux')).toEqual(['Code', 'Code - Insiders', 'VSCodium', 'Cursor'].map((b) => `/h/.config/${b}/User/settings.json`));
    expect(vscodeSettingsFiles({ HOME: '/h', XDG_CONFIG_HOME: '/x' }, 'linux')[0]).toBe('/x/Code/User/settings.json');
    expect(vscodeSettingsFiles({ HOME: '/Users/a' }, 'darwin')[0]).toBe('/Users/a/Library/Application Support/Code/User/settings.json');
    expect(vscodeSettingsFiles({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')[0]).toContain(path.join('Code', 'User', 'settings.json'));
    expect(vscodeSettingsFiles({}, 'linux')).toEqual([]); // no environment, no guessing
  });

  test('flags over --settings over Code over Insiders over defaults; a damaged file is skipped with a message', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-settings-'));
    const user = (build: string) => path.join(home, '.config', build, 'User');
    for (const b of ['Code', 'Code - Insiders', 'VSCodium']) fs.mkdirSync(user(b), { recursive: true });
    fs.writeFileSync(path.join(user('Code'), 'settings.json'), '{ /* mine */ "craftTime.role": "principal", "craftTime.deepWorkMinutes": 60, }');
    fs.writeFileSync(path.join(user('Code - Insiders'), 'settings.json'), '{ "craftTime.role": "director", "craftTime.idleMinutes": 9 }');
    fs.writeFileSync(path.join(user('VSCodium'), 'settings.json'), '{ "craftTime.role": ');
    const explicit = path.join(home, 'server-settings.json');
    fs.writeFileSync(explicit, '{ "craftTime.deepWorkMinutes": 90 }');
    const out: string[] = [], err: string[] = [];
    const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), env: { HOME: home }, now: () => 0, cwd: home };
    expect(await runCli(['config', '--json', '--settings', explicit, '--tz', 'Asia/Tokyo'], io)).toBe(0);
    const { settings, problems } = JSON.parse(out.join(''));
    expect(settings['craftTime.timeZone']).toEqual({ value: 'Asia/Tokyo', source: '--tz' });
    expect(settings['craftTime.deepWorkMinutes']).toEqual({ value: 90, source: explicit });
    expect(settings['craftTime.role']).toEqual({ value: 'principal', source: path.join(user('Code'), 'settings.json') });
    expect(settings['craftTime.idleMinutes']).toEqual({ value: 9, source: path.join(user('Code - Insiders'), 'settings.json') });
    expect(settings['craftTime.floors.weeklyHandsOnHours']).toEqual({ value: 10, source: 'default' });
    expect(problems.join('\n')).toContain('VSCodium/User/settings.json is not valid settings JSON');
    fs.rmSync(home, { recursive: true, force: true });
  });
});
