// WakaTime's `ai coding` heartbeats become assisted time and its line counts our changed lines; the
// expected minutes are worked out by hand from the idle rule (5 minutes) and the two-stream rule.
import { describe, expect, test } from 'vitest';
import { parseWakaTime } from '../../../../src/core/import/wakatime';
import { changedLinesByDay } from '../../../../src/core/originHistory';
import { buildTimeline } from '../../../../src/core/timeline';
import { dailyActivity } from '../../../../src/core/days';

const sec = (iso: string) => Date.parse(iso) / 1000;
function every(fromIso: string, toIso: string, stepSec: number, extra: Record<string, unknown>) {
  const out: Record<string, unknown>[] = [];
  for (let t = sec(fromIso); t <= sec(toIso); t += stepSec) out.push({ time: t, language: 'Go', project: 'api', entity: '/secret/path.go', ...extra });
  return out;
}

// Day 1: the user codes 09:00-09:20 (every minute, 2 lines each), an AI tool writes 09:20:30-09:30 (every
// 30 s, 10 lines each), the user codes again 09:31-09:40. Day 2: only the AI tool, 14:00-14:10 every minute.
const day1 = [
  ...every('2025-03-03T09:00:00Z', '2025-03-03T09:20:00Z', 60, { category: 'coding', human_line_changes: 2 }),
  ...every('2025-03-03T09:20:30Z', '2025-03-03T09:30:00Z', 30, { category: 'ai coding', ai_line_changes: 10, human_line_changes: 0 }),
  ...every('2025-03-03T09:31:00Z', '2025-03-03T09:40:00Z', 60, { category: 'coding', human_line_changes: 2 }),
];
const day2 = every('2025-03-04T14:00:00Z', '2025-03-04T14:10:00Z', 60, { category: 'AI Coding', ai_line_changes: 3 });
const exported = { days: [{ date: '2025-03-03', heartbeats: day1 }, { date: '2025-03-04', heartbeats: day2 }] };

describe('WakaTime ai coding', () => {
  const result = parseWakaTime(exported, { workspaceId: (k) => `id(${k})` });
  const timeline = buildTimeline([result.spans], { idleMs: 5 * 60_000, now: Date.UTC(2025, 5, 1) });
  const days = dailyActivity(timeline.segments, '2025-03-03', '2025-03-04', 'UTC');
  const assistedOn = (date: string) => timeline.assisted.filter((a) => new Date(a.start).toISOString().startsWith(date)).reduce((s, a) => s + a.end - a.start, 0) / 60_000;

  test('hands-on minutes per day: 20 + 9 on day 1 (the 11-minute gap is not bridged by the AI), 0 on day 2', () => {
    expect(days.map((d) => d.handsOnMs / 60_000)).toEqual([29, 0]);
  });

  test('assisted minutes per day: 9.5 on day 1, 10 on day 2', () => {
    expect(assistedOn('2025-03-03')).toBe(9.5);
    expect(assistedOn('2025-03-04')).toBe(10);
  });

  test('changed lines: human lines on coding heartbeats, AI lines on ai coding heartbeats', () => {
    // Day 1: 21 + 10 coding heartbeats x 2 = 62 hands; 20 ai heartbeats x 10 = 200. Day 2: 11 x 3 = 33.
    expect(Object.fromEntries(changedLinesByDay([result.spans], 'UTC'))).toEqual({
      '2025-03-03': { hands: 62, assisted: 200 },
      '2025-03-04': { hands: 0, assisted: 33 },
    });
  });

  test('nothing is skipped', () => {
    expect(result.skipped).toBe(0);
  });
});
