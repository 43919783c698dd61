import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { dailyActivity } from '../../../../src/core/days';
import { parseWakaTime, wakaTimeLanguage, WAKATIME_CATEGORIES } from '../../../../src/core/import/wakatime';
import { buildTimeline } from '../../../../src/core/timeline';

const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../../fixtures/import', name), 'utf8'));
const fakeId = (key: string) => `id(${key})`;
const T0 = Date.UTC(2024, 2, 4, 9, 0, 0); // first heartbeat of the fixture, 1709542800 s
const NOW = Date.UTC(2024, 5, 1);

function minutesByDay(spans: Parameters<typeof buildTimeline>[0][number], idleMinutes = 5) {
  const { segments } = buildTimeline([spans], { idleMs: idleMinutes * 60_000, now: NOW });
  return dailyActivity(segments, '2024-03-04', '2024-03-05', 'UTC').map((d) => ({
    date: d.date, ms: d.handsOnMs, byCategory: d.byCategory,
  }));
}

describe('parseWakaTime on the small fixture', () => {
  const result = parseWakaTime(fixture('wakatime-small.json'), { workspaceId: fakeId });

  test('counts every heartbeat and skips the meeting and the one without a time', () => {
    expect(result.records).toBe(16);
    expect(result.skipped).toBe(2);
    expect(result.problems).toEqual([
      'Heartbeats of category "meeting" (not hands-on craft): 1',
      'Heartbeats without a valid time: 1',
    ]);
  });

  test('joins heartbeats into spans per category, language and project, sorted', () => {
    expect(result.spans).toEqual([
      { start: T0, end: T0 + 90_000, category: 'coding', language: 'typescript', workspaceId: 'id(project:alpha)' },
      { start: T0 + 210_000, end: T0 + 270_000, category: 'building', language: 'typescript', workspaceId: 'id(project:alpha)' },
      { start: T0 + 870_000, end: T0 + 930_000, category: 'reviewing', language: 'markdown', workspaceId: 'id(project:beta)' },
      { start: T0 + 1_200_000, end: T0 + 1_200_000, category: 'reading', language: '', workspaceId: '' },
      // Day 2 was out of order in the file; the heartbeat without a category is coding.
      { start: Date.UTC(2024, 2, 5, 10, 0, 0, 250), end: Date.UTC(2024, 2, 5, 10, 2, 0), category: 'coding', language: 'python', workspaceId: 'id(project:alpha)' },
    ]);
    expect(result.workspaceNames).toEqual(new Map([['id(project:alpha)', 'alpha'], ['id(project:beta)', 'beta']]));
  });

  test('hand-derived minutes: 10 min on day 1 (3.5 coding, 1 building, 5.5 reviewing), 1 min 59.75 s on day 2', () => {
    // Day 1: coding 0-90 s, the 120 s gap to the tests (under 5 min) counts as coding, building 210-270 s,
    // a 600 s gap (over 5 min) counts nothing, reviewing 870-930 s, the 270 s gap to browsing counts as reviewing.
    const [d1, d2] = minutesByDay(result.spans);
    expect(d1.ms).toBe(600_000);
    expect(d1.byCategory).toEqual({ coding: 210_000, building: 60_000, reviewing: 330_000, reading: 0, debugging: 0 });
    expect(d2.ms).toBe(119_750);
  });

  test('with a 1-minute idle limit, only time inside spans and gaps up to 60 s count', () => {
    const [d1] = minutesByDay(result.spans, 1);
    expect(d1.ms).toBe(90_000 + 60_000 + 60_000);
  });

  test('never keeps an entity, branch or user field', () => {
    const text = JSON.stringify({ spans: result.spans, names: [...result.workspaceNames] });
    for (const secret of ['/home/alice', 'payroll', 'secret', 'mozilla', 'Zoom', 'alice@example.com', 'feature/']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('parseWakaTime shapes and validation', () => {
  const hb = (time: unknown, extra: Record<string, unknown> = {}) => ({ time, category: 'coding', language: 'Go', project: 'p', ...extra });

  test('accepts {data:[…]} and a bare array', () => {
    const a = parseWakaTime({ data: [hb(1709542800)] }, { workspaceId: fakeId });
    const b = parseWakaTime([hb(1709542800)], { workspaceId: fakeId });
    expect(a.spans).toHaveLength(1);
    expect(b.spans).toEqual(a.spans);
  });

  test('rejects other shapes with one problem and nothing else', () => {
    for (const bad of [null, 42, 'x', { foo: 1 }, { days: 'no' }]) {
      const r = parseWakaTime(bad, { workspaceId: fakeId });
      expect(r.spans).toEqual([]);
      expect(r.records).toBe(0);
      expect(r.problems).toHaveLength(1);
    }
  });

  test('skips junk records, ancient and future times, unknown categories', () => {
    const r = parseWakaTime(
      { days: [{ heartbeats: [null, 3, [1], hb(Infinity), hb(1e5), hb(1709542800, { category: 'dancing' }), hb(2e9), hb(1709542800)] }, { date: 'x' }] },
      { workspaceId: fakeId, notAfter: Date.UTC(2030, 0, 1) },
    );
    expect(r.records).toBe(8);
    expect(r.skipped).toBe(7);
    expect(r.spans).toHaveLength(1);
    expect(r.problems).toContain('Heartbeats of unknown category "dancing": 1');
    expect(r.problems).toContain('Heartbeats in the future: 1');
    expect(r.problems).toContain('Days without a heartbeats list (ignored): 1');
  });

  test('a project given as a path keeps only its last segment; non-string projects are no workspace', () => {
    const r = parseWakaTime([hb(1709542800, { project: '/home/alice/work/gamma/' }), hb(1709542900, { project: 7 })], { workspaceId: fakeId });
    expect([...r.workspaceNames.values()]).toEqual(['gamma']);
    expect(r.spans.map((s) => s.workspaceId)).toEqual(['id(project:gamma)', '']);
  });

  test('maps every documented category, and languages to VS Code ids', () => {
    expect(WAKATIME_CATEGORIES['running tests']).toBe('building');
    expect(WAKATIME_CATEGORIES['code reviewing']).toBe('reviewing');
    expect(WAKATIME_CATEGORIES['writing docs']).toBe('coding');
    expect(WAKATIME_CATEGORIES['learning']).toBe('reading');
    expect(wakaTimeLanguage('C++')).toBe('cpp');
    expect(wakaTimeLanguage('TypeScript')).toBe('typescript');
    expect(wakaTimeLanguage('Vue.js')).toBe('vue');
    expect(wakaTimeLanguage('Emacs Lisp')).toBe('emacs-lisp');
    expect(wakaTimeLanguage('Other')).toBe('');
    expect(wakaTimeLanguage(null)).toBe('');
  });

  test('duplicate heartbeats at the same instant make no overlapping spans', () => {
    const r = parseWakaTime([hb(1709542800), hb(1709542800), hb(1709542800, { language: 'Rust' }), hb(1709542830)], { workspaceId: fakeId });
    for (let i = 1; i < r.spans.length; i++) expect(r.spans[i].start).toBeGreaterThanOrEqual(r.spans[i - 1].end);
  });
});
