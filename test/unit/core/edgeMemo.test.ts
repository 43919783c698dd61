// The edge kept between refreshes (core/edgeMemo.ts): reused while today's typing changes nothing it
// reads, judged again as soon as anything in the 16 complete weeks, the context or the date changes.
// Expected figures by hand: 90 minutes of coding at 09:00 on every weekday (a 45-minute deep-work block each).
import { describe, expect, test } from 'vitest';
import { assessEdge } from '../../../src/core/edge';
import { EdgeMemo } from '../../../src/core/edgeMemo';
import type { Segment } from '../../../src/core/types';
import { aMeeting, aSegment, at, HOUR, MIN, sorted, testInputs, weekdays, workPattern } from '../builders';

// asOf Wednesday 2025-06-04 (W23): the edge reads W07..W22, 2025-02-10 .. 2025-06-01.
const WED = '2025-06-04';
const MON = '2025-06-02';
const past = workPattern(weekdays('2025-02-10', '2025-06-01'), 90, 0).segments;
const w22 = (r: ReturnType<typeof assessEdge>) => r.weeks.find((w) => w.week === '2025-W22')!;
const typedToday = (minutes: number, date = WED): Segment => aSegment({ start: at(date, '10:00'), end: at(date, '10:00') + minutes * MIN });

describe('EdgeMemo', () => {
  test('typing today reuses the edge: the same result as assessEdge, not measured again', () => {
    const memo = new EdgeMemo();
    const first = memo.assess(testInputs({ segments: [...past, typedToday(5)], role: 'principal' }), WED);
    const later = memo.assess(testInputs({ segments: [...past, typedToday(25)], role: 'principal' }), WED);
    expect(memo.reused).toBe(1);
    expect(later).toBe(first);
    expect(later).toEqual(assessEdge(testInputs({ segments: [...past, typedToday(25)], role: 'principal' }), WED));
    expect(w22(later).handsOnMs).toBe(5 * 1.5 * HOUR);
  });

  test('a change inside the complete weeks is judged again (a late flush from another window, an import)', () => {
    const memo = new EdgeMemo();
    memo.assess(testInputs({ segments: [...past, typedToday(5)] }), WED);
    const late = aSegment({ start: at('2025-05-27', '15:00'), end: at('2025-05-27', '16:00') });
    const inputs = testInputs({ segments: sorted([...past, late, typedToday(6)]) });
    const r = memo.assess(inputs, WED);
    expect(memo.reused).toBe(0);
    expect(w22(r).handsOnMs).toBe(5 * 1.5 * HOUR + HOUR);
    expect(r).toEqual(assessEdge(inputs, WED));
    // The same segment with only its language changed is a change too (every field is compared).
    memo.assess(testInputs({ segments: sorted([...past, { ...late, language: 'rust' }, typedToday(7)]) }), WED);
    expect(memo.reused).toBe(0);
  });

  test('a meeting in the complete weeks, the settings or the date change the edge', () => {
    const memo = new EdgeMemo();
    const base = { segments: [...past, typedToday(5)] };
    memo.assess(testInputs(base), WED);
    const withMeeting = memo.assess(testInputs({ ...base, meetings: [aMeeting({ start: at('2025-05-28', '14:00'), end: at('2025-05-28', '15:00') })] }), WED);
    expect(memo.reused).toBe(0);
    expect(w22(withMeeting).meetingMs).toBe(HOUR);
    const director = memo.assess(testInputs({ ...base, role: 'director' }), WED);
    expect(director.floor).toEqual(assessEdge(testInputs({ ...base, role: 'director' }), WED).floor);
    expect(memo.reused).toBe(0);
    // A meeting this week is not read by the edge: reused.
    memo.assess(testInputs({ ...base, role: 'director', meetings: [aMeeting({ start: at(WED, '14:00'), end: at(WED, '15:00') })] }), WED);
    expect(memo.reused).toBe(1);
    // Next Monday the window moves on a week.
    const next = memo.assess(testInputs({ ...base, role: 'director' }), '2025-06-09');
    expect(memo.reused).toBe(1);
    expect(next.weeks.at(-1)!.week).toBe('2025-W23');
  });

  test('on a Monday a run that crossed midnight from Sunday still counts for Sunday as it grows', () => {
    // Sunday 23:40 to Monday 00:20 is one 40-minute run (no deep-work block); typing on at 00:20 until 00:25
    // makes it 45 minutes: a deep-work block of Sunday, in W22 (5 weekday blocks + this one).
    const crossing = aSegment({ start: at('2025-06-01', '23:40'), end: at(MON, '00:20') });
    const memo = new EdgeMemo();
    const before = memo.assess(testInputs({ segments: [...past, crossing] }), MON);
    expect(w22(before).deepWorkBlocks).toBe(5);
    const grown = testInputs({ segments: [...past, crossing, aSegment({ start: at(MON, '00:20'), end: at(MON, '00:25') })] });
    const after = memo.assess(grown, MON);
    expect(memo.reused).toBe(0);
    expect(w22(after).deepWorkBlocks).toBe(6);
    expect(after).toEqual(assessEdge(grown, MON));
  });
});
