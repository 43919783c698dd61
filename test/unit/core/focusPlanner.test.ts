import { describe, expect, test } from 'vitest';
import { blocksAreFree, planFocusTime } from '../../../src/core/focusPlanner';
import { floorFor } from '../../../src/core/roles';
import { aTimeOff, at, HOUR, meetingsOn } from '../builders';

// Week of Monday 2025-03-10 (UTC), working hours Mon-Fri 09:00-17:00, principal floor 10 h.
//   Mon: meetings 10-11, 13-14      -> free 09-10 (1 h, too short), 11-13 (2 h), 14-17 (3 h)
//   Tue: meeting 09-17              -> nothing
//   Wed: no meeting                 -> 09-17 (8 h) split into two 4 h blocks: 09-13, 13-17
//   Thu: meetings 11-12, 15:00-15:30 -> 09-11 (2 h), 12-15 (3 h), 15:30-17 (1.5 h, too short)
//   Fri: time off                   -> nothing, and the floor shrinks to 10 h * 4/5 = 8 h
// Ranked (longest, then earliest): Wed 09-13, Wed 13-17, Mon 14-17, Thu 12-15, Mon 11-13, Thu 09-11.
// Suggested: best block of each day first until 8 h: Wed 09-13 (4 h), Mon 14-17 (7 h), Thu 12-15 (10 h).
const meetings = [
  ...meetingsOn('2025-03-10', [['10:00', '11:00'], ['13:00', '14:00']]),
  ...meetingsOn('2025-03-11', [['09:00', '17:00']]),
  ...meetingsOn('2025-03-13', [['11:00', '12:00'], ['15:00', '15:30']]),
];
const plan = planFocusTime({ week: '2025-03-12', meetings, timeZone: 'UTC', floor: floorFor('principal'), timeOff: [aTimeOff('2025-03-14')] });
const show = (bs: readonly { start: number; end: number }[]) => bs.map((b) => `${new Date(b.start).toISOString().slice(5, 16)}-${new Date(b.end).toISOString().slice(11, 16)}`);

describe('planFocusTime', () => {
  test('candidates: meeting-free stretches of at least 2 h inside working hours, best first', () => {
    expect(plan.week).toBe('2025-W11');
    expect(show(plan.candidates)).toEqual([
      '03-12T09:00-13:00',
      '03-12T13:00-17:00',
      '03-10T14:00-17:00',
      '03-13T12:00-15:00',
      '03-10T11:00-13:00',
      '03-13T09:00-11:00',
    ]);
  });

  test('suggested: enough to reach the pro-rated floor, spread over days, in time order', () => {
    expect(plan.neededMs).toBe(8 * HOUR);
    expect(show(plan.suggested)).toEqual(['03-10T14:00-17:00', '03-12T09:00-13:00', '03-13T12:00-15:00']);
    expect(plan.suggestedMs).toBe(10 * HOUR);
    expect(plan.enough).toBe(true);
    expect(blocksAreFree(plan.suggested, meetings)).toBe(true);
  });

  test('hands-on already done and notBefore (planning the current week on Wednesday 12:00)', () => {
    // Need 8 h - 5 h = 3 h. From Wed 12:00: Wed 12-17 is 5 h, more than the 4 h maximum, so it splits into
    // 12:00-14:30 and 14:30-17:00; Thu 12-15 (3 h); Thu 09-11 (2 h). Best: Thu 12-15, which is enough alone.
    const p = planFocusTime({
      week: '2025-03-10', meetings, timeZone: 'UTC', floor: floorFor('principal'), timeOff: [aTimeOff('2025-03-14')],
      alreadyMs: 5 * HOUR, notBefore: at('2025-03-12', '12:00'),
    });
    expect(p.neededMs).toBe(3 * HOUR);
    expect(show(p.candidates)).toEqual(['03-13T12:00-15:00', '03-12T12:00-14:30', '03-12T14:30-17:00', '03-13T09:00-11:00']);
    expect(show(p.suggested)).toEqual(['03-13T12:00-15:00']);
  });

  test('a week full of meetings: no block, and it says the need is not met', () => {
    const busy = ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14'].flatMap((d) => meetingsOn(d, [['09:00', '11:30'], ['12:00', '17:00']]));
    const p = planFocusTime({ week: '2025-03-10', meetings: busy, timeZone: 'UTC', floor: floorFor('director') });
    expect(p.candidates).toEqual([]);
    expect(p.suggested).toEqual([]);
    expect(p.enough).toBe(false);
    expect(p.neededMs).toBe(4 * HOUR);
  });

  test('working hours are local: Europe/Berlin 09-17 in the week after DST starts is 07-15 UTC', () => {
    const p = planFocusTime({ week: '2025-03-31', meetings: [], timeZone: 'Europe/Berlin', floor: floorFor('executive') });
    expect(show([p.candidates[0]])).toEqual(['03-31T07:00-11:00']);
    expect(p.suggested).toHaveLength(1); // 2 h needed, one 4 h block is enough
  });

  test('blocksAreFree rejects a block over a meeting or two overlapping blocks', () => {
    expect(blocksAreFree([{ start: at('2025-03-10', '10:30'), end: at('2025-03-10', '12:30') }], meetings)).toBe(false);
    expect(blocksAreFree([
      { start: at('2025-03-12', '09:00'), end: at('2025-03-12', '12:00') },
      { start: at('2025-03-12', '11:00'), end: at('2025-03-12', '13:00') },
    ], meetings)).toBe(false);
  });
});
