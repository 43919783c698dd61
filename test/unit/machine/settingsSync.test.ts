// One build's settings and the machine-wide file kept in step (docs/settings.md "Machine-wide settings"):
// the pure plan, and the write-through that keeps unknown keys and never overwrites a damaged file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { agreedValues, changesToWrite, disagreementId, planSync, resolveAsked } from '../../../src/core/settingsSync';
import { machineSettingsFile, MachineSettingsDamagedError, readMachineSettings, updateMachineSettings } from '../../../src/store/machineSettings';

describe('planSync: at start and when the file changes', () => {
  test('a first build seeds the file with the values it sets; keys it never set say nothing', () => {
    expect(planSync({}, { role: 'principal', idleMinutes: 3 }, {})).toEqual({ toFile: { role: 'principal', idleMinutes: 3 }, toBuild: {}, ask: [] });
    expect(planSync({ role: 'staff' }, {}, {})).toEqual({ toFile: {}, toBuild: {}, ask: [] });
  });
  test('equal values: nothing to do', () => {
    expect(planSync({ 'workingHours.days': ['mon', 'tue'] }, { 'workingHours.days': ['mon', 'tue'] }, {})).toEqual({ toFile: {}, toBuild: {}, ask: [] });
  });
  test('the file changed elsewhere since they agreed: this build follows it', () => {
    expect(planSync({ 'floors.weeklyHandsOnHours': 7 }, { 'floors.weeklyHandsOnHours': 10 }, { 'floors.weeklyHandsOnHours': 10 }))
      .toEqual({ toFile: {}, toBuild: { 'floors.weeklyHandsOnHours': 7 }, ask: [] });
  });
  test("this build's settings changed while it was not running: written through", () => {
    expect(planSync({ idleMinutes: 5 }, { idleMinutes: 9 }, { idleMinutes: 5 })).toEqual({ toFile: { idleMinutes: 9 }, toBuild: {}, ask: [] });
  });
  test('a key this build agreed on and then removed is a reset to the default, written through', () => {
    // role was "principal" on both sides; the user deleted it from this build's settings.json.
    expect(planSync({ role: 'principal' }, {}, { role: 'principal' })).toEqual({ toFile: { role: 'engineer' }, toBuild: {}, ask: [] });
  });
  test('never agreed, or both sides changed: asked', () => {
    expect(planSync({ deepWorkMinutes: 90 }, { deepWorkMinutes: 60 }, {}).ask).toEqual(['deepWorkMinutes']);
    expect(planSync({ deepWorkMinutes: 90 }, { deepWorkMinutes: 60 }, { deepWorkMinutes: 45 }).ask).toEqual(['deepWorkMinutes']);
  });
  test('null (the role default) is a value like any other', () => {
    expect(planSync({ 'floors.craftRatio': null }, { 'floors.craftRatio': 0.3 }, { 'floors.craftRatio': null }).toFile).toEqual({ 'floors.craftRatio': 0.3 });
  });
});

describe('changesToWrite: the user edits this build while it runs', () => {
  test('a changed value is written; an unchanged one or one the file already holds is not', () => {
    expect(changesToWrite({ role: 'staff', idleMinutes: 5 }, { role: 'principal', idleMinutes: 5 }, { role: 'staff' })).toEqual({ role: 'principal' });
    expect(changesToWrite({ role: 'staff' }, { role: 'principal' }, { role: 'principal' })).toEqual({});
  });
  test('a removed key writes the default when the file holds another value, nothing otherwise', () => {
    expect(changesToWrite({ deepWorkMinutes: 90 }, {}, { deepWorkMinutes: 90 })).toEqual({ deepWorkMinutes: 45 });
    expect(changesToWrite({ deepWorkMinutes: 90 }, {}, {})).toEqual({});
    expect(changesToWrite({ deepWorkMinutes: 90 }, {}, { deepWorkMinutes: 45 })).toEqual({});
  });
});

describe('the question', () => {
  test("keep this editor's values writes them; use the shared ones updates only keys this build sets", () => {
    const file = { role: 'staff', idleMinutes: 7 }, build = { role: 'principal' }, agreed = { idleMinutes: 5 };
    expect(resolveAsked('editor', ['role', 'idleMinutes'], file, build, agreed)).toEqual({ toFile: { role: 'principal', idleMinutes: 5 }, toBuild: {}, ask: [] });
    expect(resolveAsked('shared', ['role', 'idleMinutes'], file, build, agreed)).toEqual({ toFile: {}, toBuild: { role: 'staff' }, ask: [] });
  });
  test('the same disagreement has the same id whatever the key order; another value, another id', () => {
    const a = disagreementId(['role', 'idleMinutes'], { role: 'staff', idleMinutes: 7 }, { role: 'principal', idleMinutes: 3 }, {});
    expect(disagreementId(['idleMinutes', 'role'], { role: 'staff', idleMinutes: 7 }, { role: 'principal', idleMinutes: 3 }, {})).toBe(a);
    expect(disagreementId(['role', 'idleMinutes'], { role: 'staff', idleMinutes: 8 }, { role: 'principal', idleMinutes: 3 }, {})).not.toBe(a);
  });
  test('agreedValues keeps the keys this build sets to the file value', () => {
    expect(agreedValues({ role: 'staff', idleMinutes: 7, timeZone: 'UTC' }, { role: 'staff', idleMinutes: 3 })).toEqual({ role: 'staff' });
  });
});

describe('updateMachineSettings: the write-through', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-sync-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('creates the file, then merges; unknown keys and fields of a newer version are kept', async () => {
    await updateMachineSettings(dir, { role: 'staff' });
    expect((await readMachineSettings(dir)).values).toEqual({ role: 'staff' });
    const raw = JSON.parse(fs.readFileSync(machineSettingsFile(dir), 'utf8'));
    fs.writeFileSync(machineSettingsFile(dir), JSON.stringify({ ...raw, note: 'kept', values: { ...raw.values, futureKey: [1, 2] } }));
    expect(await updateMachineSettings(dir, { idleMinutes: 9 })).toEqual({ role: 'staff', idleMinutes: 9 });
    const after = JSON.parse(fs.readFileSync(machineSettingsFile(dir), 'utf8'));
    expect(after).toEqual({ schema: 1, kind: 'craft-time/settings', note: 'kept', values: { futureKey: [1, 2], idleMinutes: 9, role: 'staff' } });
  });
  test('a damaged file, another schema or a bad value in it fails closed: the file is left byte for byte', async () => {
    for (const text of ['{"schema":1,', JSON.stringify({ schema: 2, kind: 'craft-time/settings', values: {} }), JSON.stringify({ schema: 1, kind: 'craft-time/settings', values: { idleMinutes: 0 } })]) {
      fs.writeFileSync(machineSettingsFile(dir), text);
      await expect(updateMachineSettings(dir, { role: 'staff' })).rejects.toBeInstanceOf(MachineSettingsDamagedError);
      expect(fs.readFileSync(machineSettingsFile(dir), 'utf8')).toBe(text);
    }
  });
  test('a bad new value is refused and nothing is written', async () => {
    await expect(updateMachineSettings(dir, { 'edge.assistedCredit': 2 })).rejects.toThrow(/edge.assistedCredit must be a fraction/);
    expect(fs.existsSync(machineSettingsFile(dir))).toBe(false);
  });
});
