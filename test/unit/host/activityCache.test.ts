// The extension's cached activity reader: after typing it re-reads only what changed, never its own file,
// and still sees every other writer's change (watched, with a periodic full check as the safety net).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { CachedActivityReader } from '../../../src/host/activityCache';
import { writeActivityFile } from '../../../src/store/activityStore';
import { aSpan } from '../builders';

let dir: string;
let reader: CachedActivityReader;
let clock: number;
const month = '2026-03';
const at = (iso: string) => Date.parse(iso);
const settle = () => new Promise((r) => setTimeout(r, 100));

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-cache-'));
  clock = at('2026-03-18T12:00:00Z');
  await writeActivityFile(dir, 'w-other', [aSpan({ start: at('2026-03-18T09:00:00Z'), end: at('2026-03-18T09:30:00Z') })], new Map());
  await writeActivityFile(dir, 'w-own', [aSpan({ start: at('2026-03-18T10:00:00Z'), end: at('2026-03-18T10:30:00Z') })], new Map());
  await writeActivityFile(dir, 'w-old', [aSpan({ start: at('2025-12-01T10:00:00Z'), end: at('2025-12-01T10:30:00Z') })], new Map());
  reader = new CachedActivityReader(dir, 'w-own.jsonl', () => clock);
});
afterEach(() => {
  reader.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const spansOf = async (m: string) => (await reader.read(m)).files.flatMap((f) => f.spans);

test("this window's own file is never read; another writer's append is seen on the next refresh", async () => {
  expect((await spansOf(month)).map((s) => s.start)).toEqual([at('2026-03-18T09:00:00Z')]);
  reader.stats.reads = 0;
  reader.stats.stats = 0;
  fs.appendFileSync(path.join(dir, 'activity', month, 'w-other.jsonl'), `[${at('2026-03-18T11:00:00Z') / 1000},60,"c",0,0]\n`);
  fs.appendFileSync(path.join(dir, 'activity', month, 'w-own.jsonl'), `[${at('2026-03-18T11:30:00Z') / 1000},60,"c",0,0]\n`);
  await settle();
  expect((await spansOf(month)).length).toBe(2);
  expect(reader.stats).toEqual({ reads: 1, stats: 1 }); // only the other writer's file
  // Nothing changed: nothing is stat'ed or read.
  reader.stats.reads = 0;
  reader.stats.stats = 0;
  await spansOf(month);
  expect(reader.stats).toEqual({ reads: 0, stats: 0 });
});

test('without a change event, a full check within a minute still finds the change', async () => {
  await spansOf(month);
  // Replace the file behind the watcher's back as a network share might (no event is guaranteed there):
  // the watcher may or may not report it; after a minute every file is checked anyway.
  clock += 61_000;
  fs.appendFileSync(path.join(dir, 'activity', month, 'w-other.jsonl'), `[${at('2026-03-18T11:00:00Z') / 1000},60,"c",0,0]\n`);
  expect((await spansOf(month)).length).toBe(2);
});

test('closed months are read once and re-checked only when their listing changes or on invalidate', async () => {
  expect((await spansOf('2025-12')).length).toBe(1);
  reader.stats.stats = 0;
  await spansOf('2025-12');
  expect(reader.stats.stats).toBe(0);
  await writeActivityFile(dir, 'import-x', [aSpan({ start: at('2025-12-02T10:00:00Z'), end: at('2025-12-02T10:30:00Z') })], new Map());
  expect((await spansOf('2025-12')).length).toBe(2);
  reader.invalidate();
  reader.stats.reads = 0;
  await spansOf('2025-12');
  expect(reader.stats.reads).toBe(2);
});
