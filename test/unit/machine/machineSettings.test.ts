// The machine-wide settings file and the pure rules for combining setting layers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkMachineSettings, mergeSettingLayers } from '../../../src/core/machineSettings';
import { machineSettingsFile, readMachineSettings, writeMachineSettings } from '../../../src/store/machineSettings';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-ms-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('settings.json in the data folder', () => {
  test('missing: no values and no problem', async () => {
    expect(await readMachineSettings(dir)).toEqual({ values: {} });
  });
  test('written then read back; file is private and carries its schema', async () => {
    const values = { role: 'principal', idleMinutes: 10, 'floors.craftRatio': null, 'workingHours.days': ['mon', 'tue'], 'meetings.ignorePatterns': ['^focus'], 'edge.assistedCredit': 0.5 };
    await writeMachineSettings(dir, values);
    expect(await readMachineSettings(dir)).toEqual({ values });
    const raw = JSON.parse(fs.readFileSync(machineSettingsFile(dir), 'utf8'));
    expect(raw).toMatchObject({ schema: 1, kind: 'craft-time/settings' });
    if (process.platform !== 'win32') expect(fs.statSync(machineSettingsFile(dir)).mode & 0o777).toBe(0o600);
  });
  test('a bad value is refused on write and nothing is written', async () => {
    await expect(writeMachineSettings(dir, { idleMinutes: 0 })).rejects.toThrow(/idleMinutes must be whole minutes from 1 to 60/);
    expect(fs.existsSync(machineSettingsFile(dir))).toBe(false);
  });
  test('on read, a bad value is dropped and named; the good ones stay', async () => {
    fs.writeFileSync(machineSettingsFile(dir), JSON.stringify({ schema: 1, kind: 'craft-time/settings', values: { role: 'wizard', deepWorkMinutes: 60, timeZone: 'Mars/Olympus', futureKey: 1 } }));
    const r = await readMachineSettings(dir);
    expect(r.values).toEqual({ deepWorkMinutes: 60 });
    expect(r.problem).toMatch(/role must be one of/);
    expect(r.problem).toMatch(/timeZone must be an IANA time zone/);
  });
  test('damaged JSON and another schema are problems, never a crash', async () => {
    fs.writeFileSync(machineSettingsFile(dir), '{"schema":1,');
    expect((await readMachineSettings(dir)).problem).toMatch(/damaged/);
    fs.writeFileSync(machineSettingsFile(dir), JSON.stringify({ schema: 2, kind: 'craft-time/settings', values: { role: 'staff' } }));
    const r = await readMachineSettings(dir);
    expect(r.values).toEqual({});
    expect(r.problem).toMatch(/schema 2/);
  });
  test.skipIf(process.platform === 'win32')('a FIFO in its place is refused without hanging', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [machineSettingsFile(dir)]);
    expect((await readMachineSettings(dir)).problem).toMatch(/not a regular file/);
  });
});

describe('layers', () => {
  test('highest precedence first; undefined falls through, null is a value', () => {
    const flags = { idleMinutes: 3 };
    const file = { idleMinutes: 7, role: 'staff', 'floors.craftRatio': null };
    const vscode = { role: 'principal', 'floors.craftRatio': 0.3, deepWorkMinutes: 60, timeZone: undefined };
    const defaults = { idleMinutes: 5, role: 'engineer', deepWorkMinutes: 45, timeZone: '' };
    expect(mergeSettingLayers(flags, file, vscode, defaults)).toEqual({ idleMinutes: 3, role: 'staff', 'floors.craftRatio': null, deepWorkMinutes: 60, timeZone: '' });
  });
  test('checkMachineSettings ignores unknown keys and non-objects', () => {
    expect(checkMachineSettings({ nope: 1, 'workingHours.start': '08:30' })).toEqual({ values: { 'workingHours.start': '08:30' }, problems: [] });
    expect(checkMachineSettings([1]).problems).toEqual(['"values" is not an object']);
  });
});
