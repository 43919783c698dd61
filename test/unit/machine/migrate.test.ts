// Migration of old per-editor folders into the one data folder: empty, partial, crash halfway, two at once,
// old folder missing, merge rules (docs/data-format.md "Migration").
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildTimeline } from '../../../src/core/timeline';
import { readActivity } from '../../../src/store/history';
import { MIGRATION_LOCK, MOVED_NOTE, migrateLegacyFolders, moveActivityFile } from '../../../src/store/migrate';

let root: string, target: string, code: string, cursor: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-mig-'));
  target = path.join(root, 'share', 'craft-time');
  code = path.join(root, 'Code', 'User', 'globalStorage', 'craft-time.craft-time');
  cursor = path.join(root, 'Cursor', 'User', 'globalStorage', 'craft-time.craft-time');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const T = Date.UTC(2025, 10, 20, 9, 0, 0) / 1000;
function put(dir: string, rel: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}
const read = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');
const exists = (dir: string, rel: string) => fs.existsSync(path.join(dir, rel));
/** A window's activity file: header, dictionary, one span of `minutes` starting `offsetMin` after T. */
const windowFile = (source: string, offsetMin: number, minutes: number) =>
  `{"schema":1,"kind":"craft-time/activity","source":"${source}"}\n{"lang":1,"id":"go"}\n[${T + offsetMin * 60},${minutes * 60},"c",1,0]\n`;
const handsOnMinutes = async (dir: string) => {
  const r = await readActivity(dir);
  const { segments } = buildTimeline(r.sources, { idleMs: 60_000, now: (T + 86_400) * 1000 });
  return segments.reduce((a, s) => a + s.end - s.start, 0) / 60_000;
};

describe('migration', () => {
  test('old folder missing, or empty: nothing happens, no note, no data folder', async () => {
    fs.mkdirSync(cursor, { recursive: true });
    const r = await migrateLegacyFolders(target, [code, cursor]);
    expect(r).toMatchObject({ sources: [], moved: 0, busy: false, problems: [] });
    expect(fs.existsSync(target)).toBe(false);
    expect(exists(cursor, MOVED_NOTE)).toBe(false);
  });

  test('two builds with history: every file moves in, the note says where, totals are the sum', async () => {
    put(code, 'activity/2025-11/w-000000000001.jsonl', windowFile('w-000000000001', 0, 30));
    put(cursor, 'activity/2025-11/w-000000000002.jsonl', windowFile('w-000000000002', 60, 20));
    const r = await migrateLegacyFolders(target, [code, cursor]);
    expect(r.sources).toEqual([code, cursor]);
    expect(r.moved).toBe(2);
    expect(await handsOnMinutes(target)).toBe(50); // 30 + 20, an hour apart
    expect(exists(code, 'activity/2025-11/w-000000000001.jsonl')).toBe(false);
    expect(read(code, MOVED_NOTE)).toContain(target);
    expect(fs.existsSync(path.join(code, 'activity'))).toBe(false); // empty folders are removed
    // Idempotent: a second start finds nothing more to do and counts nothing twice.
    const again = await migrateLegacyFolders(target, [code, cursor]);
    expect(again.moved + again.duplicates + again.renamed).toBe(0);
    expect(await handsOnMinutes(target)).toBe(50);
  });

  test('partial: an older window still writing in the old folder is picked up at the next start', async () => {
    put(code, 'activity/2025-11/w-000000000001.jsonl', windowFile('w-000000000001', 0, 30));
    await migrateLegacyFolders(target, [code]);
    // The lagging window finds its file gone and starts it again with a header (ActivityWriter does).
    put(code, 'activity/2025-11/w-000000000001.jsonl', windowFile('w-000000000001', 120, 10));
    const r = await migrateLegacyFolders(target, [code]);
    expect(r.renamed).toBe(1); // same name, different content: kept under a distinct name
    expect(fs.readdirSync(path.join(target, 'activity/2025-11')).length).toBe(2);
    expect(await handsOnMinutes(target)).toBe(40);
  });

  test('crash halfway: a file linked but not yet removed from the old folder is not counted twice', async () => {
    put(code, 'activity/2025-11/w-000000000001.jsonl', windowFile('w-000000000001', 0, 30));
    put(code, 'activity/2025-11/w-000000000003.jsonl', windowFile('w-000000000003', 40, 5));
    // The state a crash between link() and unlink() leaves: the same file under both names.
    fs.mkdirSync(path.join(target, 'activity/2025-11'), { recursive: true });
    fs.linkSync(path.join(code, 'activity/2025-11/w-000000000001.jsonl'), path.join(target, 'activity/2025-11/w-000000000001.jsonl'));
    const r = await migrateLegacyFolders(target, [code]);
    expect(r).toMatchObject({ moved: 1, duplicates: 1, renamed: 0 });
    expect(await handsOnMinutes(target)).toBe(35);
    expect(exists(code, 'activity/2025-11/w-000000000001.jsonl')).toBe(false);
  });

  test('crash halfway after a copy (another disk): identical content is dropped, a grown old file replaces its prefix', async () => {
    const grown = windowFile('w-000000000001', 0, 30) + `[${T + 45 * 60},600,"c",1,0]\n`;
    put(code, 'activity/2025-11/w-000000000001.jsonl', grown);
    put(target, 'activity/2025-11/w-000000000001.jsonl', windowFile('w-000000000001', 0, 30)); // copied before it grew
    put(code, 'activity/2025-11/w-000000000002.jsonl', windowFile('w-000000000002', 100, 5));
    put(target, 'activity/2025-11/w-000000000002.jsonl', windowFile('w-000000000002', 100, 5)); // identical copy
    const r = await migrateLegacyFolders(target, [code]);
    expect(r).toMatchObject({ moved: 1, duplicates: 1, renamed: 0 });
    expect(read(target, 'activity/2025-11/w-000000000001.jsonl')).toBe(grown);
    expect(await handsOnMinutes(target)).toBe(30 + 10 + 5);
  });

  test('two editors upgrading at the same moment: each file lands once, nothing lost, nothing doubled', async () => {
    for (let i = 0; i < 30; i++) put(code, `activity/2025-11/w-${String(i).padStart(12, '0')}.jsonl`, windowFile(`w-${i}`, i * 10, 2));
    const report = () => ({ sources: [], moved: 0, duplicates: 0, renamed: 0, left: [], problems: [], busy: false });
    // The lock lets only one of two whole runs proceed…
    const [a, b] = await Promise.all([migrateLegacyFolders(target, [code]), migrateLegacyFolders(target, [code])]);
    expect([a.busy, b.busy].filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(await handsOnMinutes(target)).toBe(60);
    // …and without the lock, the per-file moves are safe on their own (link() is exclusive).
    for (let i = 0; i < 5; i++) put(code, `activity/2025-12/w-${String(i).padStart(12, '0')}.jsonl`, windowFile(`w-${i}`, 0, 1));
    const ra = report(), rb = report();
    await Promise.all(Array.from({ length: 5 }, (_, i) => `activity/2025-12/w-${String(i).padStart(12, '0')}.jsonl`).flatMap((rel) => [
      moveActivityFile(path.join(code, rel), path.join(target, rel), ra).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'ENOENT') throw e; }),
      moveActivityFile(path.join(code, rel), path.join(target, rel), rb).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'ENOENT') throw e; }),
    ]));
    expect(fs.readdirSync(path.join(target, 'activity/2025-12')).sort()).toHaveLength(5);
    expect(ra.renamed + rb.renamed).toBe(0);
    expect(fs.readdirSync(path.join(code, 'activity/2025-12'))).toEqual([]); // every old name gone, each file in once
  });

  test('a lock held by a live process: nothing is done now; a stale lock is taken over', async () => {
    put(code, 'activity/2025-11/w-000000000001.jsonl', windowFile('w-000000000001', 0, 30));
    put(target, MIGRATION_LOCK, '123\n');
    expect((await migrateLegacyFolders(target, [code])).busy).toBe(true);
    expect(exists(code, 'activity/2025-11/w-000000000001.jsonl')).toBe(true);
    const later = () => Date.now() + 61_000;
    const r = await migrateLegacyFolders(target, [code], later);
    expect(r.busy).toBe(false);
    expect(r.moved).toBe(1);
    expect(exists(target, MIGRATION_LOCK)).toBe(false);
  });

  test('the data folder itself (or a folder inside it) is never a source', async () => {
    put(target, 'activity/2025-11/w-000000000001.jsonl', windowFile('w-000000000001', 0, 30));
    const r = await migrateLegacyFolders(target, [target, path.join(target, 'activity')]);
    expect(r.sources).toEqual([]);
    expect(exists(target, 'activity/2025-11/w-000000000001.jsonl')).toBe(true);
  });
});

describe('merge rules for the small files', () => {
  test('controls: paused anywhere stays paused, exclusions add up', async () => {
    put(target, 'state/controls.json', JSON.stringify({ schema: 1, paused: false, excludedWorkspaces: [{ id: 'aaaaaaaaaaaa', name: 'a' }] }));
    put(code, 'state/controls.json', JSON.stringify({ schema: 1, paused: true, excludedWorkspaces: [{ id: 'bbbbbbbbbbbb', name: 'b' }, { id: 'aaaaaaaaaaaa', name: 'a-old' }] }));
    await migrateLegacyFolders(target, [code]);
    expect(JSON.parse(read(target, 'state/controls.json'))).toEqual({
      schema: 1, paused: true, excludedWorkspaces: [{ id: 'aaaaaaaaaaaa', name: 'a' }, { id: 'bbbbbbbbbbbb', name: 'b' }],
    });
    expect(exists(code, 'state/controls.json')).toBe(false);
  });

  test('warnings: the latest warning and the latest snooze win (one warning per machine)', async () => {
    put(code, 'state/warnings.json', JSON.stringify({ schema: 1, lastShown: '2025-11-10T10:00:00.000Z', snoozedUntil: '2025-11-30T00:00:00.000Z' }));
    put(cursor, 'state/warnings.json', JSON.stringify({ schema: 1, lastShown: '2025-11-12T10:00:00.000Z' }));
    await migrateLegacyFolders(target, [code, cursor]);
    expect(JSON.parse(read(target, 'state/warnings.json'))).toEqual({ schema: 1, lastShown: '2025-11-12T10:00:00.000Z', snoozedUntil: '2025-11-30T00:00:00.000Z' });
  });

  test('logged meetings, time off and calendar sources: unions (the data folder\'s entry wins on the same id)', async () => {
    put(code, 'meetings/manual.json', JSON.stringify({ schema: 1, meetings: [{ id: 'm1', start: '2025-11-03T10:00:00Z', end: '2025-11-03T11:00:00Z', title: 'a' }] }));
    put(cursor, 'meetings/manual.json', JSON.stringify({ schema: 1, meetings: [{ id: 'm2', start: '2025-11-04T10:00:00Z', end: null, title: 'b' }, { id: 'm1', start: '2025-11-03T10:00:00Z', end: '2025-11-03T11:30:00Z', title: 'a' }] }));
    put(code, 'timeoff.json', JSON.stringify({ schema: 1, days: ['2025-11-07', '2025-11-06'] }));
    put(cursor, 'timeoff.json', JSON.stringify({ schema: 1, days: ['2025-11-07', '2025-12-24'] }));
    put(code, 'calendars/sources.json', JSON.stringify({ schema: 1, sources: [{ id: 'c1', kind: 'url', label: 'Work', addedAt: '2025-01-01' }] }));
    put(code, 'calendars/c1.ics', 'BEGIN:VCALENDAR\nEND:VCALENDAR\n');
    put(cursor, 'calendars/sources.json', JSON.stringify({ schema: 1, sources: [{ id: 'c2', kind: 'file', label: 'x.ics', path: '/x.ics', addedAt: '2025-02-01' }] }));
    await migrateLegacyFolders(target, [code, cursor]);
    expect(JSON.parse(read(target, 'meetings/manual.json')).meetings.map((m: { id: string; end: string }) => [m.id, m.end])).toEqual([['m1', '2025-11-03T11:00:00Z'], ['m2', null]]);
    expect(JSON.parse(read(target, 'timeoff.json')).days).toEqual(['2025-11-06', '2025-11-07', '2025-12-24']);
    expect(JSON.parse(read(target, 'calendars/sources.json')).sources.map((s: { id: string }) => s.id)).toEqual(['c1', 'c2']);
    expect(read(target, 'calendars/c1.ics')).toContain('VCALENDAR');
  });

  test('team membership: moved when the data folder has none; a different one stays behind and the note lists it', async () => {
    put(code, 'team/member.json', '{"version":1,"member":"m-code"}\n');
    put(cursor, 'team/member.json', '{"version":1,"member":"m-cursor"}\n');
    await migrateLegacyFolders(target, [code, cursor]);
    expect(read(target, 'team/member.json')).toContain('m-code');
    expect(exists(cursor, 'team/member.json')).toBe(true);
    expect(read(cursor, MOVED_NOTE)).toContain(path.join('team', 'member.json'));
  });

  test('a damaged or newer-schema file is left alone (listed), never merged or lost', async () => {
    put(code, 'timeoff.json', '{"schema":1,"days":[');
    put(cursor, 'timeoff.json', JSON.stringify({ schema: 2, days: ['2025-11-01'] }));
    const r = await migrateLegacyFolders(target, [code, cursor]);
    expect(r.left).toEqual(['timeoff.json', 'timeoff.json']);
    expect(exists(target, 'timeoff.json')).toBe(false);
    expect(exists(code, 'timeoff.json') && exists(cursor, 'timeoff.json')).toBe(true);
  });
});
