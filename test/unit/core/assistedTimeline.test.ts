// Hands-on and assisted as two streams under one idle rule (DESIGN.md "Origin of a change"); expected
// minutes worked out by hand from the definitions.
import { describe, expect, test } from 'vitest';
import { applyCorrections } from '../../../src/core/corrections';
import { buildTimeline, spansFromHeartbeats } from '../../../src/core/timeline';
import type { Category, Heartbeat, Span } from '../../../src/core/types';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0); // a Monday, 09:00 UTC
const NOW = Date.UTC(2030, 0, 1);
const idleMs = 5 * MIN;

/** Heartbeats every `stepSec` seconds from minute `fromMin` to minute `toMin` (inclusive). */
function beats(fromMin: number, toMin: number, stepSec: number, category: Category): Heartbeat[] {
  const out: Heartbeat[] = [];
  for (let t = T0 + fromMin * MIN; t <= T0 + toMin * MIN; t += stepSec * 1000) out.push({ time: t, category, language: 'typescript', workspaceId: 'ws' });
  return out;
}
const stream = (...parts: Heartbeat[][]): Span[] => spansFromHeartbeats(parts.flat().sort((a, b) => a.time - b.time));
const minutes = (xs: readonly { start: number; end: number }[]) => xs.reduce((s, x) => s + x.end - x.start, 0) / MIN;

describe('two streams, one idle rule', () => {
  test('an agent editing every second for 2 minutes while the user is idle: 0 hands-on, 2 assisted', () => {
    const t = buildTimeline([stream(beats(0, 2, 1, 'assisted'))], { idleMs, now: NOW });
    expect(minutes(t.segments)).toBe(0);
    expect(minutes(t.assisted)).toBe(2);
  });

  test('an assisted heartbeat never bridges a hands-on gap: typing 09:00-09:10, agent 09:10-09:30, typing 09:30-09:40', () => {
    // Hands-on: 10 + 10 minutes; the 20-minute gap is longer than the idle limit whatever the agent did.
    // Assisted: the agent's 09:10-09:30 minus nothing (the hands-on segments end at 09:10 and start at 09:30).
    const t = buildTimeline([stream(beats(0, 10, 20, 'coding'), beats(10.5, 29.5, 1, 'assisted'), beats(30, 40, 20, 'coding'))], { idleMs, now: NOW });
    expect(minutes(t.segments)).toBe(20);
    expect(minutes(t.assisted)).toBe(19);
  });

  test('hands-on wins where both happen: an agent writing while the user types counts only as hands-on', () => {
    // One window types 09:00-09:10; another window's agent writes 09:05-09:15 (every 2 s).
    const t = buildTimeline([stream(beats(0, 10, 10, 'coding')), stream(beats(5, 15, 2, 'assisted'))], { idleMs, now: NOW });
    expect(minutes(t.segments)).toBe(10);
    expect(minutes(t.assisted)).toBe(5); // 09:10-09:15 only
    for (const a of t.assisted) for (const s of t.segments) expect(a.end <= s.start || a.start >= s.end).toBe(true);
  });

  test('a hands-on heartbeat never bridges an assisted gap', () => {
    // Agent 09:00-09:02 and 09:20-09:22; the user reads 09:10 (one heartbeat): assisted stays 2 + 2 minutes.
    const t = buildTimeline([stream(beats(0, 2, 1, 'assisted'), beats(10, 10, 1, 'reading'), beats(20, 22, 1, 'assisted'))], { idleMs, now: NOW });
    expect(minutes(t.assisted)).toBe(4);
    expect(minutes(t.segments)).toBe(0);
  });

  test('the assisted stream has the idle rule too: agent edits 4 minutes apart count the gap', () => {
    const t = buildTimeline([stream(beats(0, 8, 240, 'assisted'))], { idleMs, now: NOW });
    expect(minutes(t.assisted)).toBe(8);
  });

  test('existing callers keep their meaning: segments are hands-on only', () => {
    const t = buildTimeline([stream(beats(0, 10, 20, 'coding'))], { idleMs, now: NOW });
    expect(t.segments.every((s) => s.category === 'coding')).toBe(true);
    expect(t.assisted).toEqual([]);
  });
});

describe('corrections: "Mark as My Own Work"', () => {
  test('assisted time inside a range becomes hands-on coding, flagged corrected; outside it stays assisted', () => {
    const t = buildTimeline([stream(beats(0, 30, 1, 'assisted'))], { idleMs, now: NOW });
    const c = applyCorrections(t, [{ from: T0 + 10 * MIN, to: T0 + 20 * MIN, at: NOW }]);
    expect(minutes(c.segments)).toBe(10);
    expect(c.segments.every((s) => s.corrected === true && s.category === 'coding')).toBe(true);
    expect(minutes(c.assisted)).toBe(20);
    expect(c.correctedMs).toBe(10 * MIN);
  });

  test('hands-on time is never changed by a correction, overlapping ranges count once', () => {
    const t = buildTimeline([stream(beats(0, 10, 20, 'coding'), beats(10.5, 29.5, 1, 'assisted'))], { idleMs, now: NOW });
    const c = applyCorrections(t, [{ from: T0, to: T0 + 15 * MIN, at: NOW }, { from: T0 + 12 * MIN, to: T0 + 16 * MIN, at: NOW }]);
    // Hands-on 10 (typing) + corrected assisted 09:10:30-09:16 = 5.5 minutes.
    expect(minutes(c.segments)).toBe(15.5);
    expect(minutes(c.segments.filter((s) => !s.corrected))).toBe(10);
    expect(minutes(c.assisted)).toBe(13.5);
  });
});
