import { describe, expect, test } from 'vitest';
import { computeEdge, edgeRange, type EdgeResult } from '../../../src/core/edge';
import { edgeHeadline, explainEdge, missingLines, signalDetail } from '../../../src/views/edgeText';
import { floorFor } from '../../../src/core/roles';
import type { Meeting, Segment, TimeOffDay } from '../../../src/core/types';
import { aSegment, aTimeOff, assessEdgeOf, at, dailyMeasuresOf, HOUR, sorted, testInputs, weekdays, workPattern, type FlatInputs } from '../builders';

// Dates used below (all checked by hand against a calendar):
//   asOf 2025-06-02 (Monday, W23). edgeRange = 2025-02-10 (Monday, W07) .. 2025-06-01 (Sunday, W22):
//   16 completed weeks. Baseline = W07..W18 (2025-02-10 .. 2025-05-04); trailing 4 = W19..W22
//   (05-05, 05-12, 05-19, 05-26).
const AS_OF = '2025-06-02';

interface Scenario {
  segments: Segment[];
  meetings: Meeting[];
  timeOff?: TimeOffDay[];
}

function build(parts: { from: string; to: string; handsOn: number; meetings: number }[], skip: readonly string[] = []): Scenario {
  const segments: Segment[] = [];
  const meetings: Meeting[] = [];
  for (const p of parts) {
    const w = workPattern(weekdays(p.from, p.to).filter((d) => !skip.includes(d)), p.handsOn, p.meetings);
    segments.push(...w.segments);
    meetings.push(...w.meetings);
  }
  return { segments: sorted(segments), meetings };
}

function edge(s: Scenario, over: Partial<FlatInputs & { asOf: string }> = {}): EdgeResult {
  return assessEdgeOf({
    segments: s.segments,
    meetings: s.meetings,
    timeOff: s.timeOff,
    asOf: AS_OF,
    timeZone: 'UTC',
    role: 'principal',
    floor: floorFor('principal'),
    meetingCoverage: 'full',
    ...over,
  });
}

const signal = (r: EdgeResult, id: string) => r.signals.find((s) => s.id === id)!;
const fired = (r: EdgeResult) => r.signals.filter((s) => s.fired).map((s) => s.id);

test('edgeRange: the 16 completed ISO weeks before the week of asOf', () => {
  expect(edgeRange(AS_OF)).toEqual({ from: '2025-02-10', to: '2025-06-01' });
  // As of a Sunday, that week is not complete yet.
  expect(edgeRange('2025-06-01')).toEqual({ from: '2025-02-03', to: '2025-05-25' });
});

describe('a principal healthy for 12 weeks, then sliding (floor 10 h, 40 %)', () => {
  // Healthy: every weekday 180 min hands-on + 120 min meetings -> 15 h / week, ratio 180/300 = 0.6.
  const healthy = { from: '2025-02-10', to: '2025-05-04', handsOn: 180, meetings: 120 };

  test('after the 12 healthy weeks: healthy', () => {
    // asOf 2025-05-05: window W03..W18, tracking starts 02-10 (W07), so 12 weeks count.
    // Baseline W03..W14 -> 8 counted weeks at 15 h; recent W15..W18 at 15 h: 100 % -> no decline.
    const r = edge(build([healthy]), { asOf: '2025-05-05' });
    expect(r.state).toBe('healthy');
    expect(r.weeks).toHaveLength(16);
    expect(r.weeks.filter((w) => w.tracked)).toHaveLength(12);
    expect(signal(r, 'decline').numbers).toMatchObject({ recentWeeklyHours: 15, baselineWeeklyHours: 15, shareOfBaseline: 1, baselineWeeks: 8, recentWeeks: 4 });
    expect(missingLines(r)).toEqual([]);
  });

  test('4 weeks at exactly the floor: only the decline fires -> watch', () => {
    // W19..W22: 120 min hands-on + 180 min meetings a day -> 10 h / week (not under 10 h),
    // ratio 120/300 = 0.40 (not under 0.40). Decline: 10 / 15 = 66.7 % < 70 % -> fires.
    const r = edge(build([healthy, { from: '2025-05-05', to: '2025-06-01', handsOn: 120, meetings: 180 }]));
    expect(fired(r)).toEqual(['decline']);
    expect(r.state).toBe('watch');
    expect(signal(r, 'decline').numbers).toMatchObject({ recentWeeklyHours: 10, baselineWeeklyHours: 15, shareOfBaseline: 0.6667 });
    expect(signalDetail(signal(r, 'decline'), r)).toContain('67 %');
    expect(signal(r, 'belowFloor').fired).toBe(false);
    expect(r.weeks.map((w) => w.week).slice(-4)).toEqual(['2025-W19', '2025-W20', '2025-W21', '2025-W22']);
  });

  test('then 2 weeks under the floor as well -> eroding', () => {
    // W19, W20 at 10 h; W21, W22 at 90 min/day = 7.5 h < 10 h and ratio 90/300 = 0.3 < 0.4.
    // Below floor: W22 and W21 -> fires (2 in a row). Decline: (10+10+7.5+7.5)/4 = 8.75 h = 58 % of 15 h -> fires.
    const r = edge(
      build([
        healthy,
        { from: '2025-05-05', to: '2025-05-18', handsOn: 120, meetings: 180 },
        { from: '2025-05-19', to: '2025-06-01', handsOn: 90, meetings: 210 },
      ]),
    );
    expect(fired(r)).toEqual(['belowFloor', 'decline']);
    expect(r.state).toBe('eroding');
    expect(signal(r, 'belowFloor').numbers).toMatchObject({ weeksInARow: 2, lastWeekHandsOnHours: 7.5, lastWeekFloorHours: 10, lastWeekCraftRatio: 0.3 });
    expect(signal(r, 'decline').numbers.recentWeeklyHours).toBe(8.75);
    expect(signalDetail(signal(r, 'belowFloor'), r)).toContain('2025-W22: 7.5 h hands-on (floor 10.0 h)');
  });
});

describe('a director who was never above the floor (4 h, 10 %)', () => {
  // 6 weeks of data, W17..W22 (2025-04-21 .. 06-01): 30 min hands-on + 360 min meetings each weekday
  // -> 2.5 h / week < 4 h; ratio 30/390 = 7.7 % < 10 %. Every week below: 6 in a row -> eroding on its own.
  // Decline: only 2 counted weeks in the baseline (W17, W18) < 4 -> not evaluated.
  // Away: 30 min is not under 30 min -> no low day.
  const director = { floor: floorFor('director') };

  test('below floor held for 4+ weeks -> eroding with one signal', () => {
    const r = edge(build([{ from: '2025-04-21', to: '2025-06-01', handsOn: 30, meetings: 360 }]), director);
    expect(fired(r)).toEqual(['belowFloor']);
    expect(signal(r, 'belowFloor').numbers.weeksInARow).toBe(6);
    expect(signal(r, 'decline').available).toBe(false);
    expect(signal(r, 'awayFromCode').numbers.longestRunDays).toBe(0);
    expect(r.state).toBe('eroding');
  });

  test('with 3 weeks of data it is below floor 3 weeks in a row -> watch', () => {
    const r = edge(build([{ from: '2025-05-12', to: '2025-06-01', handsOn: 30, meetings: 360 }]), director);
    expect(signal(r, 'belowFloor').numbers.weeksInARow).toBe(3);
    expect(r.state).toBe('watch');
  });

  test('10 min a day for the last 2 weeks: away from the code fires too', () => {
    // W21, W22: 10 working days under 30 min, in a row -> run of 10 >= 10.
    const r = edge(
      build([
        { from: '2025-04-21', to: '2025-05-18', handsOn: 30, meetings: 360 },
        { from: '2025-05-19', to: '2025-06-01', handsOn: 10, meetings: 360 },
      ]),
      director,
    );
    expect(fired(r)).toEqual(['belowFloor', 'awayFromCode']);
    expect(signal(r, 'awayFromCode').numbers).toMatchObject({ longestRunDays: 10, runFrom: '2025-05-19', runTo: '2025-05-30' });
    expect(r.state).toBe('eroding');
  });
});

describe('a principal with a two-week holiday', () => {
  // Healthy 180/120 every weekday 02-10 .. 06-01 except the holiday 05-12 .. 05-23 (W20, W21) and Monday 05-26.
  // W20, W21: no available day -> not counted, floor 0. W22: 4 available days -> floor 10 * 4/5 = 8 h,
  // hands-on 4 * 3 h = 12 h. Below floor looks at W22 and W19: fine. Decline: recent (15 + 12) h over
  // 5 + 4 days = 3 h a day = 15 h a week, baseline 15 h -> 100 %. Away: holiday days are skipped.
  const holiday = [...weekdays('2025-05-12', '2025-05-23'), '2025-05-26'];
  const data = build([{ from: '2025-02-10', to: '2025-06-01', handsOn: 180, meetings: 120 }], holiday);

  test('marked as time off: healthy, the floor pro-rated', () => {
    const r = edge({ ...data, timeOff: holiday.map((d) => aTimeOff(d)) });
    expect(r.state).toBe('healthy');
    const byWeek = Object.fromEntries(r.weeks.map((w) => [w.week, w]));
    expect(byWeek['2025-W20']).toMatchObject({ counted: false, availableDays: 0, floorHandsOnMs: 0 });
    expect(byWeek['2025-W22']).toMatchObject({ counted: true, availableDays: 4, floorHandsOnMs: 8 * HOUR, handsOnMs: 12 * HOUR });
    expect(signal(r, 'decline').numbers).toMatchObject({ recentWeeklyHours: 15, recentWeeks: 2 });
    expect(signal(r, 'belowFloor').numbers).toMatchObject({ lastWeek: '2025-W22', previousWeek: '2025-W19' });
  });

  test('not marked, but no activity and no meetings: the same result (idle days count as days off)', () => {
    const r = edge(data);
    expect(r.state).toBe('healthy');
    expect(r.weeks.find((w) => w.week === '2025-W22')!.floorHandsOnMs).toBe(8 * HOUR);
  });

  test('hands-on on a marked day off counts neither for nor against', () => {
    const extra = [aSegment({ start: at('2025-05-14', '10:00'), end: at('2025-05-14', '12:00') })];
    const r = edge({ ...data, segments: sorted([...data.segments, ...extra]), timeOff: holiday.map((d) => aTimeOff(d)) });
    expect(r.weeks.find((w) => w.week === '2025-W20')!.handsOnMs).toBe(0);
  });

  test('the same holiday does not hide a real slide: under the floor before and after it', () => {
    // W19 and W22 at 60 min/day (W19: 5 h < 10 h; W22: 4 h < 8 h); holiday in between -> below floor fires.
    const slid = build(
      [
        { from: '2025-02-10', to: '2025-05-04', handsOn: 180, meetings: 120 },
        { from: '2025-05-05', to: '2025-06-01', handsOn: 60, meetings: 240 },
      ],
      holiday,
    );
    const r = edge({ ...slid, timeOff: holiday.map((d) => aTimeOff(d)) });
    expect(signal(r, 'belowFloor').fired).toBe(true);
    expect(signal(r, 'belowFloor').numbers).toMatchObject({ weeksInARow: 2, lastWeekFloorHours: 8, lastWeekHandsOnHours: 4 });
  });
});

describe('a new user', () => {
  // Data 2025-05-19 (Monday) .. 2025-05-27 (Tuesday): 9 days. As of 05-28 only W21 is complete -> learning.
  const data = build([{ from: '2025-05-19', to: '2025-05-27', handsOn: 180, meetings: 120 }]);

  test('9 days of data: learning, and says what is missing', () => {
    const r = edge(data, { asOf: '2025-05-28' });
    expect(r.state).toBe('learning');
    expect(missingLines(r)[0]).toContain('1 of 2 complete weeks of tracking');
    expect(r.signals.every((s) => !s.fired)).toBe(true);
    expect(edgeHeadline(r)).toMatch(/^Learning: 1 of 2 complete weeks/);
  });

  test('as of 06-02 two weeks are complete (W22 has 2 active days, the rest idle): healthy', () => {
    // W22: Mon, Tue active (6 h), Wed-Fri idle -> floor 10 * 2/5 = 4 h; 6 h >= 4 h.
    const r = edge(data);
    expect(r.state).toBe('healthy');
    expect(r.weeks.find((w) => w.week === '2025-W22')).toMatchObject({ availableDays: 2, floorHandsOnMs: 4 * HOUR });
  });

  test('no activity at all: learning', () => {
    const r = edge({ segments: [], meetings: [] });
    expect(r.state).toBe('learning');
    expect(missingLines(r)[0]).toBe('no hands-on activity tracked yet');
  });
});

describe('without a calendar', () => {
  // A principal at 12 h a week (144 min a day) with 5 h of meetings a day: ratio 144/444 = 0.32 < 0.4.
  const data = build([{ from: '2025-05-05', to: '2025-06-01', handsOn: 144, meetings: 300 }]);

  test('with the calendar, the ratio floor fires', () => {
    const r = edge(data);
    expect(signal(r, 'belowFloor').fired).toBe(true);
    expect(r.weeks[15].belowRatioFloor).toBe(true);
    expect(r.weeks[15].belowHandsOnFloor).toBe(false);
  });

  test('without it, the ratio floor is off and the report says so', () => {
    const r = edge({ segments: data.segments, meetings: [] }, { meetingCoverage: 'none' });
    expect(signal(r, 'belowFloor').fired).toBe(false);
    expect(r.state).toBe('healthy');
    expect(missingLines(r).join('\n')).toContain('no calendar connected: meeting-based signals are off');
  });
});

describe('a week spanning the end of DST (Europe/Berlin, Sunday 2025-10-26 has 25 hours)', () => {
  // W41, W42: 90 min each weekday = 7.5 h < 10 h. W43: 7.5 h + Sunday 01:00-03:00 local, which is 3 real
  // hours (02:00-03:00 happens twice) = 10.5 h >= 10 h -> W43 not below, so below floor does not fire.
  // Counting wall-clock hours (2 h) would give 9.5 h and a false alarm.
  test('real hours count, so the week is not below the floor', () => {
    const tz = 'Europe/Berlin';
    const { segments } = workPattern(weekdays('2025-10-06', '2025-10-24'), 90, 0, tz);
    segments.push(aSegment({ start: at('2025-10-26', '01:00', tz), end: at('2025-10-26', '03:00', tz) }));
    const r = assessEdgeOf({ segments: sorted(segments), meetings: [], asOf: '2025-10-27', timeZone: tz, floor: floorFor('principal'), meetingCoverage: 'full' });
    const w43 = r.weeks.find((w) => w.week === '2025-W43')!;
    expect(w43.handsOnMs).toBe(10.5 * HOUR);
    expect(w43.belowFloor).toBe(false);
    expect(r.weeks.find((w) => w.week === '2025-W42')!.belowFloor).toBe(true);
    expect(signal(r, 'belowFloor').fired).toBe(false);
    expect(r.state).toBe('healthy');
  });
});

describe('explanation and inputs', () => {
  test('"Why?" names the state, each signal with its numbers and the weeks', () => {
    const r = edge(build([{ from: '2025-04-21', to: '2025-06-01', handsOn: 30, meetings: 360 }]), { floor: floorFor('director') });
    const text = explainEdge(r, 'director');
    expect(text).toContain('**Eroding');
    expect(text).toContain('Floor for director: 4 h hands-on a week');
    expect(text).toContain('**Below floor** (fired): Below the floor 6 completed weeks in a row');
    expect(text).toContain('**Decline** (not enough data)');
    expect(text).toContain('| 2025-W22 | 2.5 | 4.0 | 30.0 | 8 % | 5 of 5 | yes |');
  });

  test('computeEdge refuses days that do not cover the window', () => {
    const days = dailyMeasuresOf({ segments: [], meetings: [], from: '2025-05-01', to: '2025-06-01', timeZone: 'UTC' });
    expect(() => computeEdge(days, testInputs({ floor: floorFor('staff'), trackingStart: null }).context, AS_OF)).toThrow(RangeError);
  });

  test('floor overrides', () => {
    expect(floorFor('principal', { weeklyHandsOnHours: 12, craftRatio: 35 })).toEqual({ weeklyHandsOnHours: 12, craftRatio: 0.35 });
    expect(floorFor('staff', { weeklyHandsOnHours: null })).toEqual({ weeklyHandsOnHours: 14, craftRatio: 0.45 });
  });
});

describe('assisted time and history before origins existed (issue "Hands-on means the engineer\'s own hands")', () => {
  // Baseline W07..W18 (2025-02-10 .. 2025-05-04): 180 min of coding a weekday = 15 h a week, recorded before
  // origins were told apart. Recent W19..W22: 72 min of own coding + 108 min assisted a weekday = 6 h + 9 h.
  const base = weekdays('2025-02-10', '2025-05-04');
  const recent = weekdays('2025-05-05', '2025-06-01');
  const segments = sorted([
    ...workPattern(base, 180, 0).segments,
    ...workPattern(recent, 72, 0).segments,
  ]);
  const assisted = recent.map((d) => ({ start: at(d, '13:00'), end: at(d, '13:00') + 108 * 60_000, category: 'assisted' as const, language: 'typescript', workspaceId: 'ws1' }));
  const judge = (originUnknownDays: readonly string[], assistedCredit = 0) =>
    assessEdgeOf({ segments, assisted, asOf: AS_OF, role: 'principal', floor: floorFor('principal'), meetingCoverage: 'none', originUnknownDays, assistedCredit });

  test('with a baseline of known origin, hands-on alone declines: 6 h is 40 % of 15 h', () => {
    const r = judge([]);
    expect(signal(r, 'decline').numbers).toMatchObject({ basis: 'hands-on', recentWeeklyHours: 6, baselineWeeklyHours: 15, shareOfBaseline: 0.4 });
    expect(signal(r, 'decline').fired).toBe(true);
  });

  test('with a baseline recorded before origins existed, like is compared with like: 6 + 9 h is 100 % of 15 h, and the words say why', () => {
    const r = judge(base);
    expect(signal(r, 'decline').numbers).toMatchObject({ basis: 'hands-on+assisted', recentWeeklyHours: 15, baselineWeeklyHours: 15, shareOfBaseline: 1, originKnownFrom: '2025-05-03' });
    expect(signal(r, 'decline').fired).toBe(false);
    expect(signalDetail(signal(r, 'decline'), r)).toContain('the definition changed on 2025-05-03');
  });

  test('floors count own hands only; assistedCredit counts a share of assisted time, the shown hands-on stays the same', () => {
    const w = (r: EdgeResult) => r.weeks.find((x) => x.week === '2025-W22')!;
    const own = judge([]);
    expect([w(own).handsOnMs / HOUR, w(own).assistedMs / HOUR, w(own).belowHandsOnFloor]).toEqual([6, 9, true]); // 6 h < 10 h floor
    const credited = judge([], 0.5);
    expect([w(credited).handsOnMs / HOUR, w(credited).creditedHandsOnMs / HOUR, w(credited).belowHandsOnFloor]).toEqual([6, 10.5, false]);
  });
});
