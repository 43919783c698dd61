// The monthly summary model against expectations worked out by hand from DESIGN.md and docs/summary.md.
import { describe, expect, test } from 'vitest';
import { floorFor } from '../../../../src/core/roles';
import { summaryAsOf, summaryRange, type SummaryOptions } from '../../../../src/core/summary/monthlySummary';
import { monthlySummary } from '../../../../src/views/summaryView';
import type { Meeting, Segment } from '../../../../src/core/types';
import { HOUR, MIN, aMeeting, aSegment, aTimeOff, at, sorted, testInputs, weekdays, type FlatInputs } from '../../builders';

function summary(over: FlatInputs & SummaryOptions & { month: string }) {
  const { month, asOf, today, includeWorkspaces, workspaceNames, ...flat } = over;
  return monthlySummary(testInputs({ role: 'principal', floor: floorFor('principal'), meetingCoverage: 'full', ...flat }), month, { asOf, today, includeWorkspaces, workspaceNames });
}

describe('ranges', () => {
  test('a past month is judged as of the first day after it; a running month as of today', () => {
    expect(summaryAsOf('2026-03')).toBe('2026-04-01');
    expect(summaryAsOf('2026-03', '2026-05-02')).toBe('2026-04-01');
    expect(summaryAsOf('2026-03', '2026-03-18')).toBe('2026-03-18');
    expect(summaryAsOf('2026-12')).toBe('2027-01-01');
  });

  test('the range covers the 3 baseline months and the 16 edge weeks', () => {
    // Baseline starts 2025-12-01; edge weeks before Monday 2026-03-30 start 2025-12-08.
    expect(summaryRange('2026-03', '2026-04-01')).toEqual({ from: '2025-12-01', to: '2026-03-31' });
    // asOf 2026-06-01 (Monday): edge from 2026-02-09 to 2026-05-31; baseline from 2026-02-01.
    expect(summaryRange('2026-05', '2026-06-01')).toEqual({ from: '2026-02-01', to: '2026-05-31' });
  });
});

describe('an empty month', () => {
  const s = summary({ month: '2026-02', meetingCoverage: 'none' });

  test('headline is zero with no ratio and no comparisons', () => {
    expect(s.headline).toEqual({ handsOnMs: 0, meetingMs: 0, craftRatio: null, availableDays: 0, handsOnPerDayMs: null });
    expect(s.comparison.lastMonth).toBeNull();
    expect(s.comparison.baseline).toBeNull();
    expect(s.meetingsCovered).toBe(false);
    expect(s.meetingMix.covered).toBe(false);
  });

  test('every day is listed; the 20 weekdays are idle days off', () => {
    expect(s.days).toHaveLength(28);
    expect(s.timeOff).toHaveLength(20);
    expect(s.timeOff.every((t) => t.reason === 'idle')).toBe(true);
  });

  test('weeks: W05 (Sunday 1st only) to W09 (23rd-28th), all without counted days', () => {
    expect(s.weeks.map((w) => [w.week, w.from, w.to, w.partial])).toEqual([
      ['2026-W05', '2026-02-01', '2026-02-01', true],
      ['2026-W06', '2026-02-02', '2026-02-08', false],
      ['2026-W07', '2026-02-09', '2026-02-15', false],
      ['2026-W08', '2026-02-16', '2026-02-22', false],
      ['2026-W09', '2026-02-23', '2026-02-28', true],
    ]);
    expect(s.weeks.every((w) => w.availableDays === 0 && !w.belowFloor && w.floorHandsOnMs === 0)).toBe(true);
  });

  test('edge is learning, and the suggestions ask for data instead of judging', () => {
    expect(s.edge.state).toBe('learning');
    expect(s.suggestions.map((x) => x.id)).toEqual(['connectCalendar', 'trackMore']);
  });
});

describe('a month with a week of holidays (March 2026, UTC, principal)', () => {
  // Every weekday except the holiday Mon 9 - Fri 13 March: hands-on 09:00-12:00, a recurring 5-person
  // meeting 13:00-14:00; Tuesdays a one-off 1:1 15:00-15:30; Thursdays a recurring 20-person all-hands 16:00-17:00.
  const holiday = ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'];
  const worked = weekdays('2026-03-01', '2026-03-31').filter((d) => !holiday.includes(d));
  const segments: Segment[] = worked.map((d) => aSegment({ start: at(d, '09:00'), end: at(d, '12:00'), language: 'rust' }));
  const meetings: Meeting[] = [];
  for (const d of worked) {
    meetings.push(aMeeting({ start: at(d, '13:00'), end: at(d, '14:00'), attendees: 5, recurring: true, title: 'Standup' }));
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd === 2) meetings.push(aMeeting({ start: at(d, '15:00'), end: at(d, '15:30'), attendees: 2, recurring: false, title: '1:1 with Ana' }));
    if (wd === 4) meetings.push(aMeeting({ start: at(d, '16:00'), end: at(d, '17:00'), attendees: 20, recurring: true, title: 'All hands' }));
  }
  const s = summary({ month: '2026-03', segments, meetings: sorted(meetings), timeOff: holiday.map((d) => aTimeOff(d)) });

  test('17 working days: 51 h hands-on, 22 h meetings, ratio 51/73', () => {
    expect(worked).toHaveLength(17);
    expect(s.headline.handsOnMs).toBe(51 * HOUR);
    // 17 standups + 4 Tuesday 1:1s (half an hour) + 3 Thursday all-hands.
    expect(s.headline.meetingMs).toBe(22 * HOUR);
    expect(s.headline.craftRatio).toBeCloseTo(51 / 73, 10);
    expect(s.headline.availableDays).toBe(17);
    expect(s.headline.handsOnPerDayMs).toBe(3 * HOUR);
  });

  test('the holiday is listed as time off and its week is not judged', () => {
    expect(s.timeOff).toEqual(holiday.map((date) => ({ date, reason: 'manual' })));
    const w11 = s.weeks.find((w) => w.week === '2026-W11')!;
    expect(w11).toMatchObject({ availableDays: 0, daysOff: 5, floorHandsOnMs: 0, belowFloor: false, handsOnMs: 0 });
  });

  test('weekly table: the floor is pro-rated over counted days (principal 10 h per 5 days)', () => {
    expect(s.weeks.map((w) => [w.week, w.handsOnMs / HOUR, w.floorHandsOnMs / HOUR, w.partial])).toEqual([
      ['2026-W09', 0, 0, true], // Sunday 1 March only
      ['2026-W10', 15, 10, false],
      ['2026-W11', 0, 0, false],
      ['2026-W12', 15, 10, false],
      ['2026-W13', 15, 10, false],
      ['2026-W14', 6, 4, true], // Monday 30 and Tuesday 31 March
    ]);
    expect(s.weeks.some((w) => w.belowFloor)).toBe(false);
  });

  test('meeting mix: counts and hours per kind, with no titles anywhere in the model', () => {
    expect(s.meetingMix.recurring).toEqual({ count: 20, ms: 20 * HOUR });
    expect(s.meetingMix.oneOff).toEqual({ count: 4, ms: 2 * HOUR });
    expect(s.meetingMix.oneOnOne).toEqual({ count: 4, ms: 2 * HOUR });
    expect(s.meetingMix.large).toEqual({ count: 3, ms: 3 * HOUR });
    expect(s.meetingMix.total).toEqual({ count: 24, ms: 22 * HOUR });
    expect(s.meetingMix.conflictMs).toBe(0);
    const json = JSON.stringify(s);
    expect(json).not.toContain('Standup');
    expect(json).not.toContain('Ana');
    expect(json).not.toContain('All hands');
  });

  test('deep work and focus windows', () => {
    // One 3-hour block a day. Focus (>= 2 h free in 09-17): Mon/Wed/Fri 09-13 and 14-17; Tue 09-13 only
    // (14-15 and 15:30-17 are shorter); Thu 09-13 and 14-16. 10 M/W/F x 2 + 4 Tue + 3 Thu x 2 = 30.
    expect(s.deepWork).toMatchObject({ blocks: 17, deepWorkMs: 51 * HOUR, shareOfHandsOn: 1, averageBlockMs: 3 * HOUR, longestRunMs: 3 * HOUR });
    expect(s.deepWork.focusWindows).toBe(30);
    expect(s.deepWork.daysWithFocusWindow).toBe(17);
    expect(s.deepWork.fragments).toBe(0);
    expect(s.deepWork.lowHandsOnDays).toBe(0);
  });

  test('edge as of 1 April: healthy on 3 counted weeks (the holiday week is tracked but not counted)', () => {
    expect(s.edge.asOf).toBe('2026-04-01');
    expect(s.edge.state).toBe('healthy');
    const tracked = s.edge.weeks.filter((w) => w.tracked).map((w) => [w.week, w.counted]);
    expect(tracked).toEqual([['2026-W10', true], ['2026-W11', false], ['2026-W12', true], ['2026-W13', true]]);
  });

  test('suggestions follow the numbers: recurring load first, then large meetings, then keep going', () => {
    expect(s.suggestions.map((x) => x.id)).toEqual(['trimRecurring', 'asyncLarge', 'keepGoing']);
    expect(s.suggestions[0].text).toContain('20.0 h');
    expect(s.suggestions[0].text).toContain('91 %');
    expect(s.suggestions[1].text).toContain('3 meetings with 8 or more attendees took 3.0 h');
  });

  test('no comparison before tracking began; languages summed', () => {
    expect(s.trackingStart).toBe('2026-03-02');
    expect(s.comparison.lastMonth).toBeNull();
    expect(s.comparison.baseline).toBeNull();
    expect(s.languages).toEqual([{ name: 'rust', ms: 51 * HOUR }]);
    expect(s.workspaces).toBeNull();
  });
});

describe('comparisons: last month and the 3-month baseline', () => {
  // 2 h every weekday January to March 2026, then 1 h every weekday in April.
  const segs: Segment[] = [];
  for (const d of weekdays('2026-01-01', '2026-03-31')) segs.push(aSegment({ start: at(d, '09:00'), end: at(d, '11:00') }));
  for (const d of weekdays('2026-04-01', '2026-04-30')) segs.push(aSegment({ start: at(d, '09:00'), end: at(d, '10:00') }));
  const s = summary({ month: '2026-04', segments: segs, meetingCoverage: 'none' });

  test('January 22, February 20, March 22 weekdays: 44 h, 40 h, 44 h; April 22 h', () => {
    expect(s.headline.handsOnMs).toBe(22 * HOUR);
    expect(s.comparison.lastMonth).toMatchObject({ month: '2026-03', handsOnMs: 44 * HOUR, availableDays: 22 });
    expect(s.comparison.baseline!.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(s.comparison.baseline!.handsOnMs).toBeCloseTo((128 / 3) * HOUR, 3);
    expect(s.comparison.baseline!.handsOnPerDayMs).toBe(2 * HOUR);
  });

  test('a baseline month before tracking began is left out', () => {
    const later = summary({ month: '2026-04', segments: segs.filter((x) => x.start >= at('2026-02-01', '00:00')), meetingCoverage: 'none' });
    expect(later.comparison.baseline!.months).toEqual(['2026-02', '2026-03']);
    expect(later.comparison.baseline!.handsOnMs).toBe(42 * HOUR);
  });
});

describe('a month spanning a DST change (March 2026, Europe/Berlin: 29 March has 23 hours)', () => {
  const tz = 'Europe/Berlin';
  const segs: Segment[] = [];
  for (let day = 1; day <= 31; day++) {
    const d = `2026-03-${String(day).padStart(2, '0')}`;
    if (d === '2026-03-29') segs.push(aSegment({ start: at(d, '01:00', tz), end: at(d, '04:00', tz) })); // 01:00 CET -> 04:00 CEST: 2 real hours
    segs.push(aSegment({ start: at(d, '09:00', tz), end: at(d, '10:00', tz) }));
  }
  // Monday 30 March 10:00-11:00 CEST = 08:00-09:00Z; Friday 27 March 10:00-11:00 CET = 09:00-10:00Z.
  const meetings = [aMeeting({ start: at('2026-03-27', '10:00', tz), end: at('2026-03-27', '11:00', tz), attendees: 2 }), aMeeting({ start: Date.parse('2026-03-30T08:00:00Z'), end: Date.parse('2026-03-30T09:00:00Z'), attendees: 9, recurring: true })];
  const s = summary({ month: '2026-03', segments: sorted(segs), meetings, timeZone: tz });

  test('the short night counts real time: 31 h + 2 h', () => {
    expect(s.headline.handsOnMs).toBe(33 * HOUR);
    const d29 = s.days.find((d) => d.date === '2026-03-29')!;
    expect(d29.handsOnMs).toBe(3 * HOUR);
  });

  test('meetings land on their local days on both sides of the change', () => {
    expect(s.days.find((d) => d.date === '2026-03-27')!.meetingMs).toBe(HOUR);
    expect(s.days.find((d) => d.date === '2026-03-30')!.meetingMs).toBe(HOUR);
    expect(s.meetingMix).toMatchObject({ total: { count: 2, ms: 2 * HOUR }, oneOnOne: { count: 1, ms: HOUR }, large: { count: 1, ms: HOUR } });
  });

  test('the week with the change is a complete week of 7 local days', () => {
    const w13 = s.weeks.find((w) => w.week === '2026-W13')!;
    expect(w13).toMatchObject({ from: '2026-03-23', to: '2026-03-29', partial: false, handsOnMs: 9 * HOUR, meetingMs: HOUR });
  });

  test('a month ending with the October change has a 25-hour day, still counted once', () => {
    const oct: Segment[] = [aSegment({ start: at('2026-10-25', '01:00', tz), end: at('2026-10-25', '04:00', tz) })];
    const o = summary({ month: '2026-10', segments: oct, timeZone: tz, meetingCoverage: 'none' });
    expect(o.headline.handsOnMs).toBe(4 * HOUR); // 01:00 CEST -> 04:00 CET
    expect(o.days).toHaveLength(31);
  });
});

describe('a month in progress', () => {
  test('is summarised up to yesterday and says so', () => {
    const segs = weekdays('2026-03-02', '2026-03-18').map((d) => aSegment({ start: at(d, '09:00'), end: at(d, '10:00') }));
    const s = summary({ month: '2026-03', segments: segs, today: '2026-03-18' });
    expect(s.inProgress).toBe(true);
    expect(s.through).toBe('2026-03-17');
    expect(s.days).toHaveLength(17);
    expect(s.headline.handsOnMs).toBe(12 * HOUR); // 2-6, 9-13, 16-17 March
    expect(s.edge.asOf).toBe('2026-03-18');
  });
});

describe('below floor and a calendar-heavy month', () => {
  test('a director with short hands-on weeks and fragmented days gets concrete suggestions', () => {
    const dates = weekdays('2026-03-02', '2026-03-31');
    const segs: Segment[] = dates.map((d) => aSegment({ start: at(d, '08:00'), end: at(d, '08:20') }));
    const meetings: Meeting[] = [];
    for (const d of dates) {
      for (const [a, b] of [['09:00', '10:00'], ['10:30', '11:30'], ['12:00', '13:00'], ['13:30', '14:30'], ['15:00', '16:00'], ['16:30', '17:00']] as const) {
        meetings.push(aMeeting({ start: at(d, a), end: at(d, b), attendees: 10, recurring: true }));
      }
    }
    const s = summary({ month: '2026-03', segments: segs, meetings, role: 'director', floor: floorFor('director') });
    expect(s.headline.handsOnMs).toBe(22 * 20 * MIN);
    expect(s.weeks.filter((w) => w.availableDays > 0).every((w) => w.belowFloor)).toBe(true);
    expect(s.deepWork.daysWithFocusWindow).toBe(0);
    expect(s.deepWork.fragments).toBe(22 * 5);
    const ids = s.suggestions.map((x) => x.id);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe('blockHandsOn');
    expect(ids).toContain('protectFocus');
    expect(ids).not.toContain('keepGoing');
  });
});
