import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { dailyActivity } from '../../../src/core/days';
import { buildTimeline } from '../../../src/core/timeline';
import { readActivity } from '../../../src/store/history';
import { ImportError, importFile, shortHash } from '../../../src/store/importer';

const FIXTURES = path.join(__dirname, '../../fixtures/import');
const NOW = Date.UTC(2024, 5, 1);
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-import-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every file under `root` with its bytes, relative paths sorted. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else out[child] = fs.readFileSync(path.join(root, child), 'utf8');
    }
  };
  walk('');
  return out;
}

async function dayMs(dataDir: string, from: string, to: string) {
  const read = await readActivity(dataDir);
  const { segments } = buildTimeline(read.sources, { idleMs: 5 * 60_000, now: NOW });
  return dailyActivity(segments, from, to, 'UTC').map((d) => d.handsOnMs);
}

describe('importFile', () => {
  test('WakaTime: writes one content-named source and reports what it did', async () => {
    const data = path.join(dir, 'data');
    const r = await importFile(data, 'wakatime', path.join(FIXTURES, 'wakatime-small.json'), { timeZone: 'UTC', now: NOW });
    expect(r).toMatchObject({ kind: 'wakatime', recordsRead: 16, spansWritten: 5, daysCovered: 2, firstDay: '2024-03-04', lastDay: '2024-03-05', skipped: 2, alreadyImported: false });
    expect(r.source).toMatch(/^import-wakatime-[0-9a-f]{12}$/);
    expect(r.files).toEqual([`activity/2024-03/${r.source}.jsonl`]);
    // Second granularity on disk: day 2's 119.75 s becomes 120 s.
    expect(await dayMs(data, '2024-03-04', '2024-03-05')).toEqual([600_000, 120_000]);
  });

  test('importing the same file twice changes nothing', async () => {
    const file = path.join(FIXTURES, 'wakatime-small.json');
    const first = await importFile(dir, 'wakatime', file, { now: NOW });
    const before = snapshot(dir);
    const second = await importFile(dir, 'wakatime', file, { now: NOW });
    expect(second.source).toBe(first.source);
    expect(second.alreadyImported).toBe(true);
    expect(snapshot(dir)).toEqual(before);
    expect(await dayMs(dir, '2024-03-04', '2024-03-05')).toEqual([600_000, 120_000]);
  });

  test('overlapping imports (WakaTime and ActivityWatch of the same morning) never double count', async () => {
    await importFile(dir, 'wakatime', path.join(FIXTURES, 'wakatime-small.json'), { now: NOW });
    await importFile(dir, 'activitywatch', path.join(FIXTURES, 'activitywatch-small.json'), { now: NOW });
    expect(Object.keys(snapshot(dir))).toHaveLength(2);
    // AW covers 0-240 s, inside WakaTime's continuous 0-270 s; its 09:20 point is inside WakaTime's reviewing gap.
    expect(await dayMs(dir, '2024-03-04', '2024-03-04')).toEqual([600_000]);
  });

  test('written files hold no file path, entity, branch or user', async () => {
    await importFile(dir, 'wakatime', path.join(FIXTURES, 'wakatime-small.json'), { now: NOW });
    await importFile(dir, 'activitywatch', path.join(FIXTURES, 'activitywatch-small.json'), { now: NOW });
    const all = Object.values(snapshot(dir)).join('\n');
    for (const secret of ['/home/alice', 'payroll', 'README.md', 'mozilla', 'main.py', 'alice-laptop', 'alice@example.com', 'feature/secret-branch']) {
      expect(all).not.toContain(secret);
    }
    // Project names are kept as workspace names, with ids hashed from them.
    expect(all).toContain(`{"ws":1,"id":"${shortHash('project:alpha')}","name":"alpha"}`);
  });

  test('a damaged (truncated) file is a clear error and writes nothing', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'wakatime-small.json'), 'utf8');
    const cut = path.join(dir, 'cut.json');
    fs.writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    const data = path.join(dir, 'data');
    await expect(importFile(data, 'wakatime', cut)).rejects.toThrow(ImportError);
    await expect(importFile(data, 'wakatime', cut)).rejects.toThrow(/not valid JSON/);
    expect(fs.existsSync(data)).toBe(false);
  });

  test('a missing file, a folder, and the wrong kind of export are clear errors', async () => {
    await expect(importFile(dir, 'wakatime', path.join(dir, 'nope.json'))).rejects.toThrow(/Cannot read/);
    await expect(importFile(dir, 'wakatime', dir)).rejects.toThrow(/not a file/);
    // An ActivityWatch export given as WakaTime: the shape is wrong.
    await expect(importFile(dir, 'wakatime', path.join(FIXTURES, 'activitywatch-small.json'))).rejects.toThrow(/nothing to import\. This is not a WakaTime heartbeats export/);
    // An ActivityWatch export without an editor bucket says which buckets it found.
    const aw = path.join(dir, 'window-only.json');
    fs.writeFileSync(aw, JSON.stringify({ buckets: { 'aw-watcher-window_h': { id: 'aw-watcher-window_h', type: 'currentwindow', events: [] } } }));
    await expect(importFile(dir, 'activitywatch', aw)).rejects.toThrow(/nothing to import\. Bucket "aw-watcher-window_h" of type "currentwindow" ignored/);
  });

  test('a byte-order mark is accepted; an export with nothing usable writes nothing', async () => {
    const f = path.join(dir, 'bom.json');
    fs.writeFileSync(f, '\ufeff' + JSON.stringify({ days: [{ date: '2024-03-04', heartbeats: [{ time: 1709542800, category: 'meeting' }] }] }));
    const r = await importFile(path.join(dir, 'data'), 'wakatime', f);
    expect(r).toMatchObject({ recordsRead: 1, skipped: 1, spansWritten: 0, source: '', files: [] });
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
  });

  test('days covered are local days, also in a zone 5 h 45 min from UTC', async () => {
    const f = path.join(dir, 'aw.json');
    // Kathmandu midnight of 2024-03-05 is 2024-03-04T18:15:00Z.
    fs.writeFileSync(f, JSON.stringify([
      { timestamp: '2024-03-04T18:14:00Z', duration: 59, data: {} },
      { timestamp: '2024-03-04T18:15:00Z', duration: 10, data: {} },
    ]));
    const r = await importFile(dir, 'activitywatch', f, { timeZone: 'Asia/Kathmandu' });
    expect(r).toMatchObject({ daysCovered: 2, firstDay: '2024-03-04', lastDay: '2024-03-05' });
    const utc = await importFile(path.join(dir, 'utc'), 'activitywatch', f, { timeZone: 'UTC' });
    expect(utc).toMatchObject({ daysCovered: 1, firstDay: '2024-03-04', lastDay: '2024-03-04' });
  });

  test('records in the future (past now + 5 min) are skipped', async () => {
    const f = path.join(dir, 'future.json');
    fs.writeFileSync(f, JSON.stringify([{ time: NOW / 1000 + 3600, category: 'coding' }, { time: NOW / 1000 - 60, category: 'coding' }]));
    const r = await importFile(dir, 'wakatime', f, { now: NOW });
    expect(r).toMatchObject({ recordsRead: 2, skipped: 1, spansWritten: 1 });
  });
});
