import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { dailyActivity } from '../../../../src/core/days';
import { parseActivityWatch, parseTimestamp } from '../../../../src/core/import/activityWatch';
import { sequentialSpans } from '../../../../src/core/import/importResult';
import { buildTimeline } from '../../../../src/core/timeline';

const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../../fixtures/import', name), 'utf8'));
const fakeId = (key: string) => `id(${key})`;
const T0 = Date.UTC(2024, 2, 4, 9, 0, 0);

describe('parseActivityWatch on the small fixture', () => {
  const json = fixture('activitywatch-small.json');
  const result = parseActivityWatch(json, { workspaceId: fakeId });

  test('reads only the editor bucket; the window bucket is named in a problem', () => {
    expect(result.records).toBe(5);
    expect(result.skipped).toBe(1);
    expect(result.problems).toEqual([
      'Bucket "aw-watcher-window_alice-laptop" of type "currentwindow" ignored: only app.editor.activity buckets hold editor activity: 1',
      'Events without a valid timestamp: 1',
      'Overlapping events counted once (cut where they overlap): 1',
    ]);
  });

  test('each event is one coding span from timestamp to timestamp + duration; the nested event is dropped', () => {
    expect(result.spans).toEqual([
      { start: T0, end: T0 + 120_500, category: 'coding', language: 'typescript', workspaceId: 'id(project:secret-project)' },
      { start: T0 + 180_000, end: T0 + 240_000, category: 'coding', language: 'typescript', workspaceId: 'id(project:secret-project)' },
      { start: T0 + 1_200_000, end: T0 + 1_200_000, category: 'coding', language: 'python', workspaceId: 'id(project:other)' },
    ]);
    expect([...result.workspaceNames.values()].sort()).toEqual(['other', 'secret-project']);
  });

  test('hand-derived minutes: 120.5 s + the 59.5 s gap + 60 s = 4 min on 2024-03-04', () => {
    const { segments } = buildTimeline([result.spans], { idleMs: 5 * 60_000, now: Date.UTC(2025, 0, 1) });
    const [day] = dailyActivity(segments, '2024-03-04', '2024-03-04', 'UTC');
    expect(day.handsOnMs).toBe(240_000);
    expect(day.byCategory.coding).toBe(240_000);
  });

  test('keeps no file path, no full project path, no hostname', () => {
    const text = JSON.stringify({ spans: result.spans, names: [...result.workspaceNames] });
    for (const secret of ['/home/alice', 'payroll', 'main.py', 'alice-laptop']) expect(text).not.toContain(secret);
  });

  test('accepts one bucket object and a bare events array', () => {
    const bucket = (json as { buckets: Record<string, { events: unknown[] }> }).buckets['aw-watcher-vscode_alice-laptop'];
    expect(parseActivityWatch(bucket, { workspaceId: fakeId }).spans).toEqual(result.spans);
    expect(parseActivityWatch(bucket.events, { workspaceId: fakeId }).spans).toEqual(result.spans);
  });
});

describe('parseActivityWatch validation', () => {
  const ev = (timestamp: unknown, duration: unknown, data: unknown = { language: 'go', project: 'p' }) => ({ timestamp, duration, data });

  test('rejects other shapes', () => {
    for (const bad of [null, 1, 'x', { foo: [] }]) {
      const r = parseActivityWatch(bad, { workspaceId: fakeId });
      expect(r.spans).toEqual([]);
      expect(r.problems).toHaveLength(1);
    }
  });

  test('an export with no editor bucket yields nothing and says why', () => {
    const r = parseActivityWatch({ buckets: { a: { id: 'a', type: 'afkstatus', events: [] } } }, { workspaceId: fakeId });
    expect(r.spans).toEqual([]);
    expect(r.problems[0]).toContain('type "afkstatus" ignored');
  });

  test('skips negative, non-numeric and day-long durations, future events and junk', () => {
    const r = parseActivityWatch(
      [ev('2024-03-04T09:00:00Z', -1), ev('2024-03-04T09:00:00Z', 'x'), ev('2024-03-04T09:00:00Z', 90_000), ev('2031-01-01T00:00:00Z', 1), null, ev('2024-03-04T09:00:00Z', 5, 'nodata')],
      { workspaceId: fakeId, notAfter: Date.UTC(2030, 0, 1) },
    );
    expect(r.records).toBe(6);
    expect(r.skipped).toBe(5);
    expect(r.spans).toEqual([{ start: T0, end: T0 + 5000, category: 'coding', language: '', workspaceId: '' }]);
  });

  test('events of several buckets that overlap are counted once', () => {
    const b = (id: string, events: unknown[]) => ({ id, type: 'app.editor.activity', events });
    const r = parseActivityWatch({ buckets: { a: b('a', [ev('2024-03-04T09:00:00Z', 600)]), b: b('b', [ev('2024-03-04T09:05:00Z', 600)]) } }, { workspaceId: fakeId });
    expect(r.spans.map((s) => [s.start - T0, s.end - T0])).toEqual([[0, 600_000], [600_000, 900_000]]);
  });
});

describe('parseTimestamp', () => {
  test('zones, microseconds, and no zone meaning UTC', () => {
    expect(parseTimestamp('2024-03-04T09:00:00.123456+00:00')).toBe(T0 + 123);
    expect(parseTimestamp('2024-03-04T10:00:00+01:00')).toBe(T0);
    expect(parseTimestamp('2024-03-04T09:00:00Z')).toBe(T0);
    expect(parseTimestamp('2024-03-04T09:00:00')).toBe(T0);
    expect(parseTimestamp('2024-03-04 09:00:00.5')).toBe(T0 + 500);
    expect(parseTimestamp('yesterday')).toBeNaN();
    expect(parseTimestamp('1709542800')).toBeNaN();
  });
});

describe('sequentialSpans', () => {
  const s = (start: number, end: number) => ({ start, end, category: 'coding' as const, language: '', workspaceId: '' });
  test('keeps the union of time and never overlaps', () => {
    const out = sequentialSpans([s(50, 60), s(0, 100), s(90, 200), s(200, 200), s(10, 20)]);
    expect(out.spans.map((x) => [x.start, x.end])).toEqual([[0, 100], [100, 200], [200, 200]]);
    expect(out.trimmed).toBe(3);
  });
});
