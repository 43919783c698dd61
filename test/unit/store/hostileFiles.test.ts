// FIFOs, links and oversized files where data files are expected: every command finishes, says what it
// refused and why, and never blocks on a pipe nobody writes to.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import type { Span } from '../../../src/core/types';
import { writeActivityFile } from '../../../src/store/activityStore';
import { readActivity } from '../../../src/store/history';
import { readTimeOff } from '../../../src/store/calendarStore';
import { readControls } from '../../../src/store/controls';
import { exportAll } from '../../../src/store/exporter';
import { readJsonFile } from '../../../src/store/importer';

const NOW = Date.parse('2025-03-12T12:00:00Z');
const T = Date.parse('2025-03-10T09:00:00Z');
const tenMinutes: Span = { start: T, end: T + 600_000, category: 'coding', language: 'go', workspaceId: '' };
let tmp: string;
let dataDir: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-hostile-'));
  dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const mkfifo = (file: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync('mkfifo', [file]);
};

async function run(argv: string[]) {
  let stdout = '', stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, now: () => NOW, cwd: tmp };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe.skipIf(process.platform === 'win32')('a FIFO where a file is expected', () => {
  test('an activity file: days exits 0, counts the rest and names the refused file', async () => {
    await writeActivityFile(dataDir, 'w-good', [tenMinutes], new Map());
    mkfifo(path.join(dataDir, 'activity', '2025-03', 'w-fifo.jsonl'));
    const r = await run(['days', '--from', '2025-03-10', '--to', '2025-03-10', '--json', '--data-dir', dataDir, '--tz', 'UTC']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).days[0].handsOnMinutes).toBe(10);
    expect(r.stderr).toContain(`Could not read ${path.join('activity', '2025-03', 'w-fifo.jsonl')}: not a regular file`);
  });

  test('a data file (timeoff.json): days exits 0 and names it', async () => {
    mkfifo(path.join(dataDir, 'timeoff.json'));
    const r = await run(['days', '--from', '2025-03-10', '--to', '2025-03-10', '--data-dir', dataDir, '--tz', 'UTC']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Could not read timeoff.json: not a regular file');
    expect((await readTimeOff(dataDir)).value).toEqual([]);
  });

  test('an --in file: import exits 1 at once with a clear message', async () => {
    const fifo = path.join(tmp, 'export.json');
    mkfifo(fifo);
    const r = await run(['import', 'wakatime', fifo, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${fifo} is not a file (a folder, pipe, socket or device)`);
    expect(fs.existsSync(path.join(dataDir, 'activity'))).toBe(false);
  });

  test('controls.json: read as damaged (tracking fails closed), never as the defaults', async () => {
    mkfifo(path.join(dataDir, 'state', 'controls.json'));
    const read = await readControls(dataDir);
    expect(read.status).toBe('damaged');
    expect(read.status === 'damaged' && read.problem).toMatch(/not a regular file.*tracking is paused/);
  });

  test('export lists it as skipped and carries on', async () => {
    await writeActivityFile(dataDir, 'w-good', [tenMinutes], new Map());
    mkfifo(path.join(dataDir, 'state', 'pipe.json'));
    const doc = await exportAll(dataDir, NOW);
    expect(doc.activity[0].spans).toHaveLength(1);
    expect(doc.skipped).toEqual([{ file: 'state/pipe.json', reason: 'not a regular file' }]);
  });
});

describe.skipIf(process.platform === 'win32')('links and sizes', () => {
  test('an activity file linking outside the data folder is refused; one linking inside is read', async () => {
    await writeActivityFile(tmp, 'w-outside', [tenMinutes], new Map()); // tmp/activity/... is outside dataDir
    await writeActivityFile(dataDir, 'w-inside', [{ ...tenMinutes, start: T + 3_600_000, end: T + 3_660_000 }], new Map());
    const month = path.join(dataDir, 'activity', '2025-03');
    fs.symlinkSync(path.join(tmp, 'activity', '2025-03', 'w-outside.jsonl'), path.join(month, 'w-out.jsonl'));
    fs.mkdirSync(path.join(dataDir, 'kept'));
    fs.renameSync(path.join(month, 'w-inside.jsonl'), path.join(dataDir, 'kept', 'w-inside.jsonl'));
    fs.symlinkSync(path.join(dataDir, 'kept', 'w-inside.jsonl'), path.join(month, 'w-in.jsonl'));
    const read = await readActivity(dataDir);
    expect(read.sources.flat().map((s) => s.start)).toEqual([T + 3_600_000]);
    expect(read.unreadable).toEqual([{ file: path.join('activity', '2025-03', 'w-out.jsonl'), reason: 'a link that leads outside the data folder' }]);
    const doc = await exportAll(dataDir, NOW);
    expect(doc.links).toEqual(['activity/2025-03/w-in.jsonl']);
    expect(doc.skipped).toContainEqual({ file: 'activity/2025-03/w-out.jsonl', reason: 'a link that leads outside the data folder' });
  });

  test('the data folder itself may be a link: judged by real paths, everything reads', async () => {
    await writeActivityFile(dataDir, 'w-good', [tenMinutes], new Map());
    const link = path.join(tmp, 'data-link');
    fs.symlinkSync(dataDir, link);
    const read = await readActivity(link);
    expect(read.sources.flat()).toEqual([tenMinutes]);
    expect(read.unreadable).toEqual([]);
  });

  test('an import larger than the cap is refused before reading (sparse file: no disk used)', async () => {
    const big = path.join(tmp, 'big.json');
    const fd = fs.openSync(big, 'w');
    fs.ftruncateSync(fd, 500 * 1024 * 1024 + 1);
    fs.closeSync(fd);
    await expect(readJsonFile(big)).rejects.toThrow(/larger than 500 MB, the largest import/);
  });
});
