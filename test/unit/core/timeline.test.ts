import { describe, expect, test } from 'vitest';
import { dailyActivity } from '../../../src/core/days';
import { buildTimeline, cleanSource, mergeSpans, spansFromHeartbeats } from '../../../src/core/timeline';
import type { Category, Heartbeat, Span } from '../../../src/core/types';

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);

function hb(iso: string, category: Category = 'coding', over: Partial<Heartbeat> = {}): Heartbeat {
  return { time: at(iso), category, language: 'typescript', workspaceId: 'ws1', ...over };
}

/** Heartbeats every `stepSec` seconds from start to end inclusive, as one window's stream. */
function typing(fromIso: string, toIso: string, stepSec = 20, category: Category = 'coding'): Heartbeat[] {
  const out: Heartbeat[] = [];
  for (let t = at(fromIso); t <= at(toIso); t += stepSec * 1000) out.push({ time: t, category, language: 'typescript', workspaceId: 'ws1' });
  return out;
}

const total = (spans: Span[][], idleMin: number, now = at('2030-01-01T00:00:00Z')) =>
  buildTimeline(spans, { idleMs: idleMin * MIN, now }).segments.reduce((s, x) => s + (x.end - x.start), 0);

describe('idle rule on one window', () => {
  test('a gap just under the limit counts, in full', () => {
    // 09:00:00 and 09:04:59 with idle 5 min: the 4 min 59 s gap counts.
    const spans = spansFromHeartbeats([hb('2026-03-02T09:00:00Z'), hb('2026-03-02T09:04:59Z')]);
    expect(total([spans], 5)).toBe(4 * MIN + 59_000);
  });

  test('a gap of exactly the limit counts (at most idleMinutes)', () => {
    const spans = spansFromHeartbeats([hb('2026-03-02T09:00:00Z'), hb('2026-03-02T09:05:00Z')]);
    expect(total([spans], 5)).toBe(5 * MIN);
  });

  test('a gap just over the limit counts zero, not the limit', () => {
    const spans = spansFromHeartbeats([hb('2026-03-02T09:00:00Z'), hb('2026-03-02T09:05:01Z')]);
    expect(total([spans], 5)).toBe(0);
  });

  test('a single heartbeat alone is no time', () => {
    expect(total([spansFromHeartbeats([hb('2026-03-02T09:00:00Z')])], 5)).toBe(0);
  });

  test('a long idle gap splits a morning into two runs', () => {
    // 09:00-09:30 typing, nothing until 11:30, then 11:30-11:45: 30 + 15 minutes; the 2 h gap counts zero.
    const beats = [...typing('2026-03-02T09:00:00Z', '2026-03-02T09:30:00Z'), ...typing('2026-03-02T11:30:00Z', '2026-03-02T11:45:00Z')];
    expect(total([spansFromHeartbeats(beats)], 5)).toBe(45 * MIN);
    // With idle 60 the 2 h gap still counts zero; a 50 min gap would count.
    expect(total([spansFromHeartbeats(beats)], 60)).toBe(45 * MIN);
  });

  test('changing idleMinutes recomputes the same history exactly (spans lose nothing)', () => {
    // Heartbeats at 0, 3, 10, 12, 40 minutes. idle 1: nothing (all gaps > 1 min) -> 0.
    // idle 5: 0-3 (3) + 10-12 (2) = 5 min. idle 30: 0-3, 3-10, 10-12, 12-40 = 40 min.
    const times = [0, 3, 10, 12, 40].map((m) => ({ time: at('2026-03-02T09:00:00Z') + m * MIN, category: 'coding' as const, language: 'ts', workspaceId: '' }));
    const spans = spansFromHeartbeats(times);
    expect(total([spans], 1)).toBe(0);
    expect(total([spans], 5)).toBe(5 * MIN);
    expect(total([spans], 30)).toBe(40 * MIN);
  });

  test('heartbeats a minute apart join into one span; the gap to the next category is attributed to the earlier one', () => {
    const beats = [hb('2026-03-02T09:00:00Z'), hb('2026-03-02T09:01:00Z'), hb('2026-03-02T09:03:00Z', 'reading'), hb('2026-03-02T09:04:00Z', 'reading')];
    const spans = spansFromHeartbeats(beats);
    expect(spans).toHaveLength(2);
    const { segments } = buildTimeline([spans], { idleMs: 5 * MIN, now: at('2030-01-01T00:00:00Z') });
    // coding owns 09:00-09:01 and the gap 09:01-09:03 (its heartbeat came first); reading 09:03-09:04.
    expect(segments.map((s) => [s.category, (s.end - s.start) / MIN])).toEqual([['coding', 3], ['reading', 1]]);
  });
});

describe('one machine, one timeline', () => {
  test('two windows overlapping never add up to more than wall-clock time', () => {
    // A types 09:00-09:10, B types 09:05-09:15: wall clock 15 min, not 20.
    const a = spansFromHeartbeats(typing('2026-03-02T09:00:00Z', '2026-03-02T09:10:00Z'));
    const b = spansFromHeartbeats(typing('2026-03-02T09:05:00Z', '2026-03-02T09:15:00Z', 20, 'reading'));
    expect(total([a, b], 5)).toBe(15 * MIN);
  });

  test('overlap goes to the window that started most recently', () => {
    const a = spansFromHeartbeats(typing('2026-03-02T09:00:00Z', '2026-03-02T09:10:00Z'));
    const b = spansFromHeartbeats(typing('2026-03-02T09:05:00Z', '2026-03-02T09:15:00Z', 20, 'reading'));
    const days = dailyActivity(buildTimeline([a, b], { idleMs: 5 * MIN, now: at('2030-01-01T00:00:00Z') }).segments, '2026-03-02', '2026-03-02', 'UTC');
    // coding 09:00-09:05 (5 min), reading 09:05-09:15 (10 min).
    expect(days[0].byCategory.coding).toBe(5 * MIN);
    expect(days[0].byCategory.reading).toBe(10 * MIN);
    expect(days[0].handsOnMs).toBe(15 * MIN);
  });

  test('windows taking turns bridge each other\'s gaps on the merged stream', () => {
    // A at 09:00 and 09:08, B at 09:04: alone A's 8 min gap exceeds idle 5; merged, gaps are 4 + 4 -> 8 min.
    const a = spansFromHeartbeats([hb('2026-03-02T09:00:00Z'), hb('2026-03-02T09:08:00Z')]);
    const b = spansFromHeartbeats([hb('2026-03-02T09:04:00Z', 'reading')]);
    expect(total([a], 5)).toBe(0);
    expect(total([a, b], 5)).toBe(8 * MIN);
  });

  test('three windows writing the same minutes count once, in any file order', () => {
    const w = spansFromHeartbeats(typing('2026-03-02T10:00:00Z', '2026-03-02T10:30:00Z'));
    expect(total([w, w, w], 5)).toBe(30 * MIN);
    const x = spansFromHeartbeats(typing('2026-03-02T10:20:00Z', '2026-03-02T10:50:00Z', 45, 'building'));
    expect(total([x, w], 5)).toBe(total([w, x], 5));
    expect(total([x, w], 5)).toBe(50 * MIN);
  });

  test('a span nested inside a longer one hands time back when it ends', () => {
    const long: Span = { start: at('2026-03-02T09:00:00Z'), end: at('2026-03-02T10:00:00Z'), category: 'coding', language: 'ts', workspaceId: 'a' };
    const inner: Span = { start: at('2026-03-02T09:20:00Z'), end: at('2026-03-02T09:30:00Z'), category: 'debugging', language: '', workspaceId: 'a' };
    const segs = mergeSpans([long, inner], 5 * MIN);
    expect(segs.map((s) => [s.category, (s.end - s.start) / MIN])).toEqual([['coding', 20], ['debugging', 10], ['coding', 30]]);
  });
});

describe('anomalies', () => {
  const now = at('2026-03-02T12:00:00Z');

  test('a span that goes backwards in its own stream is dropped and counted', () => {
    const good: Span = { start: at('2026-03-02T09:00:00Z'), end: at('2026-03-02T09:10:00Z'), category: 'coding', language: '', workspaceId: '' };
    const back: Span = { start: at('2026-03-02T08:00:00Z'), end: at('2026-03-02T08:30:00Z'), category: 'coding', language: '', workspaceId: '' };
    const r = cleanSource([good, back], now);
    expect(r.anomalies).toBe(1);
    expect(r.spans).toEqual([good]);
  });

  test('more than five minutes in the future is dropped; five minutes exactly is kept', () => {
    const near: Span = { start: now, end: now + 5 * MIN, category: 'coding', language: '', workspaceId: '' };
    const far: Span = { start: now + 5 * MIN, end: now + 5 * MIN + 1000, category: 'coding', language: '', workspaceId: '' };
    const r = cleanSource([near, far], now);
    expect(r.anomalies).toBe(1);
    expect(r.spans).toEqual([near]);
  });

  test('anomalies do not poison the other windows', () => {
    const a: Span = { start: at('2026-03-02T09:00:00Z'), end: at('2026-03-02T09:10:00Z'), category: 'coding', language: '', workspaceId: '' };
    const future: Span = { start: at('2026-03-03T09:00:00Z'), end: at('2026-03-03T09:10:00Z'), category: 'coding', language: '', workspaceId: '' };
    const r = buildTimeline([[a], [future]], { idleMs: 5 * MIN, now });
    expect(r.anomalies).toBe(1);
    expect(r.segments.reduce((s, x) => s + x.end - x.start, 0)).toBe(10 * MIN);
  });
});

describe('days at local midnight', () => {
  const now = at('2030-01-01T00:00:00Z');
  const daysOf = (beats: Heartbeat[], from: string, to: string, tz: string, idle = 5) =>
    dailyActivity(buildTimeline([spansFromHeartbeats(beats)], { idleMs: idle * MIN, now }).segments, from, to, tz).map((d) => [d.date, d.handsOnMs / MIN]);

  test('activity across midnight splits between the two days', () => {
    // Berlin in January is UTC+1: 23:50-00:10 local = 22:50Z-23:10Z: 10 minutes each side.
    expect(daysOf(typing('2026-01-14T22:50:00Z', '2026-01-14T23:10:00Z'), '2026-01-14', '2026-01-15', 'Europe/Berlin')).toEqual([
      ['2026-01-14', 10],
      ['2026-01-15', 10],
    ]);
  });

  test('an idle-bridged gap across midnight is split too', () => {
    // Heartbeats 23:58 and 00:02 local (UTC zone), idle 5: the 4 min gap counts, 2 + 2.
    expect(daysOf([hb('2026-01-14T23:58:00Z'), hb('2026-01-15T00:02:00Z')], '2026-01-14', '2026-01-15', 'UTC')).toEqual([
      ['2026-01-14', 2],
      ['2026-01-15', 2],
    ]);
  });

  test('days without activity are listed as zeros', () => {
    expect(daysOf(typing('2026-01-14T10:00:00Z', '2026-01-14T10:30:00Z'), '2026-01-13', '2026-01-15', 'UTC')).toEqual([
      ['2026-01-13', 0],
      ['2026-01-14', 30],
      ['2026-01-15', 0],
    ]);
  });

  test('spring forward: the 23-hour day keeps real elapsed time', () => {
    // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST. Typing 01:50 CET (00:50Z) to 03:10 CEST (01:10Z)
    // is 20 real minutes although the wall clock moved 80.
    expect(daysOf(typing('2026-03-29T00:50:00Z', '2026-03-29T01:10:00Z'), '2026-03-29', '2026-03-29', 'Europe/Berlin')).toEqual([['2026-03-29', 20]]);
  });

  test('spring forward: a day of continuous activity is 23 hours long', () => {
    // 2026-03-29 Berlin runs from 2026-03-28T23:00Z to 2026-03-29T22:00Z.
    const beats = typing('2026-03-28T22:00:00Z', '2026-03-29T23:00:00Z', 60);
    expect(daysOf(beats, '2026-03-29', '2026-03-29', 'Europe/Berlin')).toEqual([['2026-03-29', 23 * 60]]);
  });

  test('fall back: a day of continuous activity is 25 hours long', () => {
    // 2026-10-25 Berlin runs from 2026-10-24T22:00Z to 2026-10-25T23:00Z.
    const beats = typing('2026-10-24T21:00:00Z', '2026-10-26T00:00:00Z', 60);
    expect(daysOf(beats, '2026-10-24', '2026-10-26', 'Europe/Berlin')).toEqual([
      ['2026-10-24', 60], // 21:00Z-22:00Z is 23:00-24:00 CEST on the 24th
      ['2026-10-25', 25 * 60],
      ['2026-10-26', 60], // the 26th starts 23:00Z (midnight CET); typing ends 00:00Z
    ]);
  });

  test('the repeated hour of fall back is counted once per real minute', () => {
    // New York 2026-11-01: 01:00-02:00 happens twice (EDT 05:00Z-06:00Z, then EST 06:00Z-07:00Z).
    // Typing 05:30Z to 06:30Z crosses the repeat: 60 real minutes, all on 2026-11-01.
    expect(daysOf(typing('2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z'), '2026-11-01', '2026-11-01', 'America/New_York')).toEqual([['2026-11-01', 60]]);
  });
});

describe('pause barriers', () => {
  test('a pause inside a short gap stops the idle rule from bridging it', () => {
    // Typing 09:00-09:10, paused at 09:10:30, typing again 09:13-09:20 (gap 3 min < idle 5).
    // Without the pause: 20 min. With it: 10 + 7 = 17 min.
    const a = spansFromHeartbeats([...typing('2026-03-02T09:00:00Z', '2026-03-02T09:10:00Z'), ...typing('2026-03-02T09:13:00Z', '2026-03-02T09:20:00Z')]);
    const now = at('2030-01-01T00:00:00Z');
    const len = (barriers: number[]) => buildTimeline([a], { idleMs: 5 * MIN, now, barriers }).segments.reduce((s, x) => s + x.end - x.start, 0);
    expect(len([])).toBe(20 * MIN);
    expect(len([at('2026-03-02T09:10:30Z')])).toBe(17 * MIN);
    // A pause outside the gap changes nothing.
    expect(len([at('2026-03-02T08:00:00Z')])).toBe(20 * MIN);
  });
});
