import { describe, expect, test } from 'vitest';
import { heatMap, longestLowRun } from '../../../src/core/measures';
import { aSegment, aTimeOff, at, HOUR, meetingsOn, MIN, segmentsOn, sorted, workPattern, weekdays } from '../builders';
import { computeMeasuresOf, dailyMeasuresOf } from '../builders';

describe('a day with meetings overlapping hands-on time (UTC, Monday 2025-03-03, working hours 09-17)', () => {
  // Meetings: M1 10:00-11:30, M2 11:00-12:00 (double-booked 11:00-11:30), M3 12:40-13:00, M4 16:30-17:30.
  //   union = 10:00-12:00 (120) + 12:40-13:00 (20) + 16:30-17:30 (60) = 200 min; conflict = 30 min.
  // Hands-on: 09:00-11:00 coding, 14:00-15:00 reading, 15:00-15:40 debugging (touching -> one run).
  //   hands-on = 120 + 60 + 40 = 220 min; runs 120 and 100 min -> 2 deep-work blocks (>= 45), 220 min.
  //   overlap = hands-on during meetings = 10:00-11:00 = 60 min.
  //   craft ratio = 220 / (220 + 200) = 0.5238...
  // Free inside 09:00-17:00: 09:00-10:00 (60: neither), 12:00-12:40 (40: fragment), 13:00-16:30 (210: focus).
  const d = '2025-03-03';
  const segments = sorted([
    ...segmentsOn(d, [['09:00', '11:00']]),
    ...segmentsOn(d, [['14:00', '15:00']], 'UTC', 'reading'),
    ...segmentsOn(d, [['15:00', '15:40']], 'UTC', 'debugging'),
  ]);
  const meetings = meetingsOn(d, [['10:00', '11:30'], ['11:00', '12:00'], ['12:40', '13:00'], ['16:30', '17:30']]);
  const [day] = dailyMeasuresOf({ segments, meetings, from: d, to: d, timeZone: 'UTC' });

  test('hands-on, meetings (union), overlap and conflicts', () => {
    expect(day.handsOnMs).toBe(220 * MIN);
    expect(day.meetingMs).toBe(200 * MIN);
    expect(day.overlapMs).toBe(60 * MIN);
    expect(day.conflictMs).toBe(30 * MIN);
    expect(day.byCategory).toEqual({ coding: 120 * MIN, reading: 60 * MIN, debugging: 40 * MIN, building: 0, reviewing: 0 });
  });

  test('craft ratio', () => {
    expect(day.craftRatio).toBeCloseTo(220 / 420, 10);
  });

  test('deep-work blocks are maximal runs across categories', () => {
    expect(day.deepWorkBlocks).toBe(2);
    expect(day.deepWorkMs).toBe(220 * MIN);
    expect(day.longestRunMs).toBe(120 * MIN);
  });

  test('focus windows and fragments inside working hours', () => {
    expect(day.workingHoursMs).toBe(8 * HOUR);
    expect(day.focusWindows).toBe(1);
    expect(day.focusMs).toBe(210 * MIN);
    expect(day.fragments).toBe(1);
    expect(day.fragmentedMs).toBe(40 * MIN);
    expect(day.status).toBe('working');
  });

  test('a deep-work threshold of 121 minutes leaves no block', () => {
    const [strict] = dailyMeasuresOf({ segments, meetings, from: d, to: d, timeZone: 'UTC', deepWorkMinutes: 121 });
    expect(strict.deepWorkBlocks).toBe(0);
  });
});

describe('midnight', () => {
  // Hands-on 2025-03-04 23:30 -> 2025-03-05 00:30 (one 60-minute run); meeting 23:45 -> 00:15.
  // Each day gets its own half of the minutes; the deep-work block (60 >= 45) counts whole on the day it starts.
  const segments = [aSegment({ start: Date.parse('2025-03-04T23:30:00Z'), end: Date.parse('2025-03-05T00:30:00Z') })];
  const meetings = [{ start: Date.parse('2025-03-04T23:45:00Z'), end: Date.parse('2025-03-05T00:15:00Z') }];
  const [tue, wed] = dailyMeasuresOf({ segments, meetings, from: '2025-03-04', to: '2025-03-05', timeZone: 'UTC' });

  test('minutes are split at local midnight', () => {
    expect(tue.handsOnMs).toBe(30 * MIN);
    expect(wed.handsOnMs).toBe(30 * MIN);
    expect(tue.meetingMs).toBe(15 * MIN);
    expect(wed.meetingMs).toBe(15 * MIN);
    expect(tue.overlapMs).toBe(15 * MIN);
    expect(wed.overlapMs).toBe(15 * MIN);
  });

  test('a block crossing midnight counts once, whole, on the day it starts', () => {
    expect(tue.deepWorkBlocks).toBe(1);
    expect(tue.deepWorkMs).toBe(60 * MIN);
    expect(wed.deepWorkBlocks).toBe(0);
    expect(tue.byHour[23]).toBe(30 * MIN);
    expect(wed.byHour[0]).toBe(30 * MIN);
  });

  test('the same instant in New York falls on one local day (18:30-19:30 EST)', () => {
    const [ny] = dailyMeasuresOf({ segments, meetings, from: '2025-03-04', to: '2025-03-04', timeZone: 'America/New_York' });
    expect(ny.handsOnMs).toBe(60 * MIN);
    expect(ny.byHour[18]).toBe(30 * MIN);
    expect(ny.byHour[19]).toBe(30 * MIN);
  });
});

describe('a week spanning DST changes (Europe/Berlin)', () => {
  const tz = 'Europe/Berlin';
  test('spring forward: 2025-03-30 has 23 hours; 00:00-05:00 local is 4 real hours, hour 2 never happens', () => {
    const segments = [aSegment({ start: at('2025-03-30', '00:00', tz), end: at('2025-03-30', '05:00', tz) })];
    const [day] = dailyMeasuresOf({ segments, meetings: [], from: '2025-03-30', to: '2025-03-30', timeZone: tz });
    expect(day.handsOnMs).toBe(4 * HOUR);
    expect(day.byHour.slice(0, 6)).toEqual([HOUR, HOUR, 0, HOUR, HOUR, 0]);
  });

  test('fall back: 2025-10-26 has 25 hours; 00:00-05:00 local is 6 real hours, hour 2 counts twice', () => {
    const segments = [aSegment({ start: at('2025-10-26', '00:00', tz), end: at('2025-10-26', '05:00', tz) })];
    const [day] = dailyMeasuresOf({ segments, meetings: [], from: '2025-10-26', to: '2025-10-26', timeZone: tz });
    expect(day.handsOnMs).toBe(6 * HOUR);
    expect(day.byHour.slice(0, 6)).toEqual([HOUR, HOUR, 2 * HOUR, HOUR, HOUR, 0]);
  });

  test('working hours follow local time: 01:00-05:00 is 3 h on the 23-hour day and 5 h on the 25-hour day', () => {
    const wh = { days: [1, 2, 3, 4, 5, 6, 7], startMinute: 60, endMinute: 300 };
    // A meeting-free day with activity: one free stretch = the whole window.
    const segs = sorted([
      aSegment({ start: at('2025-03-30', '06:00', tz), end: at('2025-03-30', '06:30', tz) }),
      aSegment({ start: at('2025-10-26', '06:00', tz), end: at('2025-10-26', '06:30', tz) }),
    ]);
    const spring = dailyMeasuresOf({ segments: segs, meetings: [], from: '2025-03-30', to: '2025-03-30', timeZone: tz, workingHours: wh })[0];
    const autumn = dailyMeasuresOf({ segments: segs, meetings: [], from: '2025-10-26', to: '2025-10-26', timeZone: tz, workingHours: wh })[0];
    expect(spring.workingHoursMs).toBe(3 * HOUR);
    expect(spring.focusMs).toBe(3 * HOUR);
    expect(autumn.workingHoursMs).toBe(5 * HOUR);
    expect(autumn.focusWindows).toBe(1);
  });

  test('the week total of the DST week counts real time (Mon-Fri 1.5 h each + 01:00-03:00 on the 25-hour Sunday = 3 h)', () => {
    const { segments } = workPattern(weekdays('2025-10-20', '2025-10-24'), 90, 0, tz);
    segments.push(aSegment({ start: at('2025-10-26', '01:00', tz), end: at('2025-10-26', '03:00', tz) }));
    const m = computeMeasuresOf({ segments: sorted(segments), meetings: [], from: '2025-10-20', to: '2025-10-26', timeZone: tz });
    expect(m.weeks).toHaveLength(1);
    expect(m.weeks[0].period).toBe('2025-W43');
    expect(m.weeks[0].handsOnMs).toBe(7.5 * HOUR + 3 * HOUR);
    expect(m.weeks[0].complete).toBe(true);
  });
});

describe('day status, time off and low-hands-on runs', () => {
  // Mon 2025-03-03 .. Sun 2025-03-16 (UTC). Hands-on 10 min each weekday, except:
  //   Wed 03-05 marked time off (no activity), Thu 03-06 no activity and no meetings (idle),
  //   Mon 03-10 hands-on 60 min (breaks the run). Meetings 60 min on every weekday with activity.
  // Counted working days: 03, 04, 07 | 10 | 11, 12, 13, 14 -> runs: 3 (03..07, skipping 05, 06, weekend
  // not involved), then 4 (11..14). Longest = 4 from 03-11 to 03-14.
  const dates = weekdays('2025-03-03', '2025-03-14').filter((d) => d !== '2025-03-05' && d !== '2025-03-06');
  const base = workPattern(dates.filter((d) => d !== '2025-03-10'), 10, 60);
  const extra = workPattern(['2025-03-10'], 60, 60);
  const m = computeMeasuresOf({
    segments: sorted([...base.segments, ...extra.segments]),
    meetings: [...base.meetings, ...extra.meetings],
    from: '2025-03-03',
    to: '2025-03-16',
    timeZone: 'UTC',
    timeOff: [aTimeOff('2025-03-05')],
  });

  test('statuses', () => {
    const status = Object.fromEntries(m.days.map((d) => [d.date, d.status]));
    expect(status['2025-03-03']).toBe('working');
    expect(status['2025-03-05']).toBe('timeOff');
    expect(status['2025-03-06']).toBe('idle');
    expect(status['2025-03-08']).toBe('nonWorking');
    expect(m.days.find((d) => d.date === '2025-03-05')!.timeOffReason).toBe('manual');
  });

  test('time off and idle days skip a run without breaking it', () => {
    expect(m.longestLowRun).toEqual({ days: 4, from: '2025-03-11', to: '2025-03-14' });
    const firstWeek = m.days.slice(0, 7);
    expect(longestLowRun(firstWeek)).toEqual({ days: 3, from: '2025-03-03', to: '2025-03-07' });
  });

  test('weekly aggregates count available days and days off', () => {
    const [w10, w11] = m.weeks;
    expect(w10.period).toBe('2025-W10');
    expect(w10.workingDays).toBe(5);
    expect(w10.availableDays).toBe(3);
    expect(w10.daysOff).toBe(2);
    expect(w10.lowHandsOnDays).toBe(3);
    expect(w10.handsOnMs).toBe(30 * MIN);
    expect(w10.meetingMs).toBe(3 * HOUR);
    expect(w10.craftRatio).toBeCloseTo(30 / 210, 10);
    expect(w11.availableDays).toBe(5);
    expect(w11.handsOnMs).toBe(100 * MIN);
    expect(w11.lowHandsOnDays).toBe(4);
    expect(w11.focusWindows).toBe(10); // 09-14 and 15-17 each day: 5 h and 2 h
  });

  test('months are cut by the range and say so', () => {
    expect(m.months).toHaveLength(1);
    expect(m.months[0].period).toBe('2025-03');
    expect(m.months[0].complete).toBe(false);
    expect(m.months[0].handsOnMs).toBe(130 * MIN);
  });

  test('a day with neither hands-on nor meetings has a null ratio', () => {
    expect(m.days.find((d) => d.date === '2025-03-06')!.craftRatio).toBeNull();
  });
});

describe('heat map', () => {
  test('hands-on lands on ISO weekday and local hour', () => {
    // Mon 2025-03-03 09:30-10:15 UTC: Monday row, 30 min at 09, 15 min at 10. Sat 2025-03-08 22:00-22:10.
    const segments = [
      aSegment({ start: Date.parse('2025-03-03T09:30:00Z'), end: Date.parse('2025-03-03T10:15:00Z') }),
      aSegment({ start: Date.parse('2025-03-08T22:00:00Z'), end: Date.parse('2025-03-08T22:10:00Z') }),
    ];
    const m = computeMeasuresOf({ segments, meetings: [], from: '2025-03-03', to: '2025-03-09', timeZone: 'UTC' });
    expect(m.heatMap[0][9]).toBe(30 * MIN);
    expect(m.heatMap[0][10]).toBe(15 * MIN);
    expect(m.heatMap[5][22]).toBe(10 * MIN);
    const total = m.heatMap.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(55 * MIN);
    expect(heatMap(m.days)).toEqual(m.heatMap);
  });
});

test('every day of the range is present, zeros included', () => {
  const m = computeMeasuresOf({ segments: [], meetings: [], from: '2025-02-27', to: '2025-03-02', timeZone: 'UTC' });
  expect(m.days.map((d) => d.date)).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
  expect(m.months.map((p) => p.period)).toEqual(['2025-02', '2025-03']);
  expect(m.longestLowRun).toBeNull();
  expect(m.days.every((d) => d.handsOnMs === 0 && d.craftRatio === null)).toBe(true);
});
