import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Span } from '../../../src/core/types';
import { ActivityWriter, writeActivityFile } from '../../../src/store/activityStore';
import { exportAll, exportText, writeExport } from '../../../src/store/exporter';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-export-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const T = Date.UTC(2025, 10, 20, 9, 0, 0);
const NOW = Date.UTC(2025, 10, 21, 12, 0, 0);
const sp = (startS: number, durS: number, workspaceId = 'ws1', language = 'typescript'): Span =>
  ({ start: T + startS * 1000, end: T + (startS + durS) * 1000, category: 'coding', language, workspaceId });

describe('exportAll', () => {
  test('every activity source with readable spans, every other file, nothing left behind', async () => {
    const w = new ActivityWriter(dir, 'w-abc');
    await w.append([sp(0, 30), sp(60, 10, '', '')], new Map([['ws1', 'craft-time']]));
    // A month later, the same window (another file): grouped under the same source.
    await w.append([{ ...sp(0, 5), start: Date.UTC(2025, 11, 1), end: Date.UTC(2025, 11, 1, 0, 0, 5) }], new Map());
    await writeActivityFile(dir, 'import-wakatime-0123456789ab', [sp(100, 20, 'ws2', 'go')], new Map([['ws2', 'alpha']]));
    fs.appendFileSync(w.fileFor('2025-11'), 'damaged line\n');
    fs.mkdirSync(path.join(dir, 'meetings'));
    fs.writeFileSync(path.join(dir, 'meetings', 'manual.json'), '{"schema":1,"entries":[]}');
    fs.writeFileSync(path.join(dir, 'controls.json'), '{"paused":false');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    fs.writeFileSync(path.join(dir, 'activity', '2025-11', 'w-abc.jsonl.123.tmp'), 'in progress');

    const doc = await exportAll(dir, NOW);
    expect(doc).toMatchObject({ schema: 1, kind: 'craft-time/export', exportedAt: '2025-11-21T12:00:00.000Z', skipped: [] });
    expect(doc.activity.map((a) => [a.source, a.files, a.spans.length, a.damagedLines])).toEqual([
      ['import-wakatime-0123456789ab', ['activity/2025-11/import-wakatime-0123456789ab.jsonl'], 1, 0],
      ['w-abc', ['activity/2025-11/w-abc.jsonl', 'activity/2025-12/w-abc.jsonl'], 3, 1],
    ]);
    expect(doc.activity[1].spans[0]).toEqual({
      start: '2025-11-20T09:00:00.000Z', end: '2025-11-20T09:00:30.000Z', category: 'coding', language: 'typescript', workspace: 'craft-time', workspaceId: 'ws1',
    });
    expect(doc.activity[1].spans[1]).toMatchObject({ workspace: '', workspaceId: '', language: '' });
    expect(doc.files).toEqual({
      'controls.json': '{"paused":false', // damaged JSON is still the user's data: kept as text
      'meetings/manual.json': { schema: 1, entries: [] },
      'notes.txt': 'hello',
    });
  });

  test('the text form is valid JSON equal to the document, one span per line', async () => {
    await writeActivityFile(dir, 'w-a', [sp(0, 30), sp(40, 10)], new Map());
    fs.writeFileSync(path.join(dir, 'x.json'), '{"a":[1,2]}');
    const doc = await exportAll(dir, NOW);
    const text = exportText(doc);
    expect(JSON.parse(text)).toEqual(doc);
    expect(text.split('\n').filter((l) => l.includes('"start"'))).toHaveLength(2);
    const empty = await exportAll(path.join(dir, 'missing'), NOW);
    expect(JSON.parse(exportText(empty))).toEqual(empty);
    expect(empty.activity).toEqual([]);
  });

  test('writeExport writes the file atomically', async () => {
    await writeActivityFile(dir, 'w-a', [sp(0, 30)], new Map());
    const out = path.join(os.tmpdir(), `craft-export-out-${process.pid}.json`);
    try {
      await writeExport(dir, out, NOW);
      expect(JSON.parse(fs.readFileSync(out, 'utf8')).activity[0].spans).toHaveLength(1);
    } finally {
      fs.rmSync(out, { force: true });
    }
  });
});
