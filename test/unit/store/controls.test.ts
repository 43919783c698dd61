// controls.json fails closed: a damaged, unreadable or newer-schema file is never overwritten, the last
// good copy (controls.json.prev) stands in, and with none the reader says tracking must pause.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  controlsFile, ControlsDamagedError, DEFAULT_CONTROLS, parseControls, previousControlsFile, readControls, writeControls, type Controls,
} from '../../../src/store/controls';
import { claimWarning, readWarningRecord, writeWarningRecord } from '../../../src/store/warningState';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-controls-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const excluding: Controls = { schema: 1, paused: false, excludedWorkspaces: [{ id: 'ws-secret', name: 'Client work' }] };
const put = (text: string) => {
  fs.mkdirSync(path.dirname(controlsFile(dir)), { recursive: true });
  fs.writeFileSync(controlsFile(dir), text);
};

describe('controls.json', () => {
  test('missing: the defaults; written: read back as written', async () => {
    expect(await readControls(dir)).toEqual({ status: 'ok', controls: DEFAULT_CONTROLS });
    await writeControls(dir, excluding);
    expect(await readControls(dir)).toEqual({ status: 'ok', controls: excluding });
  });

  test('each replace first copies the good file to controls.json.prev', async () => {
    await writeControls(dir, excluding);
    expect(fs.existsSync(previousControlsFile(dir))).toBe(false); // nothing to keep the first time
    await writeControls(dir, { ...excluding, paused: true });
    expect(parseControls(fs.readFileSync(previousControlsFile(dir), 'utf8'))).toEqual(excluding);
  });

  for (const [what, text, reason] of [
    ['cut short', '{"schema":1,"paused":false,"excludedWorkspaces":[{"id":"ws-se', /not valid JSON/],
    ['from a newer version', '{"schema":2,"paused":false,"excludedWorkspaces":[],"rules":[]}', /newer version \(schema 2\)/],
    ['with a wrong type', '{"schema":1,"paused":"no","excludedWorkspaces":[]}', /"paused"/],
    ['with a list that is not one', '{"schema":1,"excludedWorkspaces":{"id":"x"}}', /not a list/],
    ['not an object', '[]', /not a JSON object/],
  ] as const) {
    test(`${what}: damaged, the previous copy in force, and never overwritten`, async () => {
      await writeControls(dir, excluding);
      await writeControls(dir, { ...excluding, paused: true }); // .prev now holds `excluding`
      put(text);
      const read = await readControls(dir);
      expect(read).toMatchObject({ status: 'damaged', previous: excluding });
      expect(read.status === 'damaged' && read.problem).toMatch(reason);
      expect(read.status === 'damaged' && read.problem).toMatch(/previous copy is in force/);
      await expect(writeControls(dir, DEFAULT_CONTROLS)).rejects.toBeInstanceOf(ControlsDamagedError);
      expect(fs.readFileSync(controlsFile(dir), 'utf8')).toBe(text);
    });
  }

  test('damaged with no previous copy: no controls at all, the problem says tracking pauses', async () => {
    put('{not json');
    const read = await readControls(dir);
    expect(read).toMatchObject({ status: 'damaged', previous: undefined });
    expect(read.status === 'damaged' && read.problem).toMatch(/tracking is paused until it is repaired or reset/);
  });

  test('the user choosing to replace a damaged file keeps it beside as controls.json.damaged', async () => {
    put('{"schema":9}');
    await writeControls(dir, excluding, { replaceDamaged: true });
    expect(await readControls(dir)).toEqual({ status: 'ok', controls: excluding });
    expect(fs.readFileSync(controlsFile(dir) + '.damaged', 'utf8')).toBe('{"schema":9}');
  });

  test('a file written before schemas were checked (no schema field) still reads', () => {
    expect(parseControls('{"paused":true,"excludedWorkspaces":[{"id":"a"}]}')).toEqual({ schema: 1, paused: true, excludedWorkspaces: [{ id: 'a', name: '' }] });
  });
});

describe('warnings.json', () => {
  test('damaged or newer: no window claims a warning, and the file is never overwritten', async () => {
    const file = path.join(dir, 'state', 'warnings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const text of ['{"schema":2,"lastShown":"2026-01-01T00:00:00Z","perSignal":{}}', '{"schema":1,"lastSh']) {
      fs.writeFileSync(file, text);
      const record = await readWarningRecord(dir);
      expect(record.damaged).toBeTruthy();
      expect(await claimWarning(dir, record)).toBe(false);
      await expect(writeWarningRecord(dir, { lastShown: '2026-02-01T00:00:00.000Z' })).rejects.toThrow(/left untouched/);
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
    }
  });

  test('a good record reads back and is claimed once', async () => {
    await writeWarningRecord(dir, { lastShown: '2026-02-01T00:00:00.000Z' });
    const record = await readWarningRecord(dir);
    expect(record).toEqual({ lastShown: '2026-02-01T00:00:00.000Z', snoozedUntil: undefined });
    expect(await claimWarning(dir, record)).toBe(true);
    expect(await claimWarning(dir, record)).toBe(false);
  });
});
