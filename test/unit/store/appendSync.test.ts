// The synchronous append used while a process ends: same file and dictionary when nothing else is
// writing, a sibling file with its own dictionary while an asynchronous append may still land.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Span } from '../../../src/core/types';
import { ActivityWriter } from '../../../src/store/activityStore';
import { readActivity } from '../../../src/store/history';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-sync-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const T = Date.UTC(2025, 10, 20, 9, 0, 0);
const span = (startS: number, durS: number, language: string, workspaceId = 'ws1'): Span =>
  ({ start: T + startS * 1000, end: T + (startS + durS) * 1000, category: 'coding', language, workspaceId });
const names = new Map([['ws1', 'craft-time'], ['ws2', 'other']]);

test('after an async append, appendSync continues the same file with the same dictionary', async () => {
  const w = new ActivityWriter(dir, 'w-a');
  await w.append([span(0, 10, 'go')], names);
  w.appendSync([span(100, 5, 'go'), span(200, 5, 'rust', 'ws2')], names, { asyncInFlight: false });
  const files = fs.readdirSync(path.join(dir, 'activity', '2025-11'));
  expect(files).toEqual(['w-a.jsonl']);
  const text = fs.readFileSync(path.join(dir, 'activity', '2025-11', 'w-a.jsonl'), 'utf8');
  expect(text.match(/"id":"go"/g)).toHaveLength(1); // the dictionary entry is not repeated
  const read = await readActivity(dir);
  expect(read.sources.flat()).toEqual([span(0, 10, 'go'), span(100, 5, 'go'), span(200, 5, 'rust', 'ws2')]);
  expect(read.damagedLines).toBe(0);
});

test('while an async append is in flight, appendSync writes a sibling file that reads back on its own', async () => {
  const w = new ActivityWriter(dir, 'w-a');
  await w.append([span(0, 10, 'go')], names);
  w.appendSync([span(100, 5, 'rust', 'ws2')], names, { asyncInFlight: true });
  // The async append that was in flight lands after it, with the first file's dictionary.
  await w.append([span(300, 5, 'python')], names);
  expect(fs.readdirSync(path.join(dir, 'activity', '2025-11')).sort()).toEqual(['w-a.jsonl', 'w-a.last.jsonl']);
  const read = await readActivity(dir);
  expect(read.sources.flat().sort((a, b) => a.start - b.start)).toEqual([span(0, 10, 'go'), span(100, 5, 'rust', 'ws2'), span(300, 5, 'python')]);
  expect(read.damagedLines).toBe(0);
  expect(read.workspaceNames.get('ws2')).toBe('other');
});

test('a failed synchronous append hands back every span as unwritten', () => {
  fs.writeFileSync(path.join(dir, 'activity'), 'a file where the folder should be');
  const w = new ActivityWriter(dir, 'w-a');
  const spans = [span(0, 10, 'go')];
  expect(() => w.appendSync(spans, names, { asyncInFlight: false })).toThrow(expect.objectContaining({ unwritten: spans }));
});
