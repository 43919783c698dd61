import { describe, expect, it } from 'vitest';
import { dailyMeetings, roundMinutes } from '../../../src/core/meetings';

const at = (iso: string) => Date.parse(iso);
const m = (start: string, end: string) => ({ start: at(start), end: at(end) });

describe('dailyMeetings', () => {
  it('counts double-booked time once and reports it as conflict', () => {
    const days = dailyMeetings([m('2024-06-03T09:00Z', '2024-06-03T10:00Z'), m('2024-06-03T09:30Z', '2024-06-03T11:00Z'), m('2024-06-03T09:45Z', '2024-06-03T10:15Z')], '2024-06-03', '2024-06-03', 'UTC');
    // Union 09:00-11:00 = 120 min; covered twice or more: 09:30-10:15 = 45 min.
    expect(days).toEqual([{ date: '2024-06-03', meetingMs: 120 * 60_000, conflictMs: 45 * 60_000 }]);
  });

  it('splits at local midnight and lists every day of the range, empty ones as zeros', () => {
    const days = dailyMeetings([m('2024-06-03T21:30Z', '2024-06-03T23:00Z')], '2024-06-03', '2024-06-05', 'Europe/Berlin');
    // 23:30-01:00 Berlin (CEST): 30 min on the 3rd, 60 on the 4th.
    expect(days.map((d) => [d.date, d.meetingMs / 60_000, d.conflictMs])).toEqual([['2024-06-03', 30, 0], ['2024-06-04', 60, 0], ['2024-06-05', 0, 0]]);
  });

  it('uses real day lengths on DST days', () => {
    // The 23-hour day of 31 March 2024 in Berlin, covered by one meeting from midnight to midnight.
    const days = dailyMeetings([m('2024-03-30T23:00Z', '2024-03-31T22:00Z')], '2024-03-31', '2024-03-31', 'Europe/Berlin');
    expect(days[0].meetingMs).toBe(23 * 3_600_000);
  });

  it('ignores meetings outside the range and empty intervals', () => {
    expect(dailyMeetings([m('2024-06-01T09:00Z', '2024-06-01T10:00Z'), m('2024-06-03T09:00Z', '2024-06-03T09:00Z')], '2024-06-03', '2024-06-03', 'UTC')[0].meetingMs).toBe(0);
    expect(dailyMeetings([], '2024-06-03', '2024-06-02', 'UTC')).toEqual([]);
  });

  it('rounds minutes to two decimals', () => {
    expect(roundMinutes(90_000)).toBe(1.5);
    expect(roundMinutes(61_234)).toBe(1.02);
  });
});
