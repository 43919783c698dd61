// The engine's rules, each on a hand-written fixture (test/fixtures/ics) with hand-derived expectations.
import { describe, expect, it } from 'vitest';
import { DEFAULT_IGNORE_PATTERNS } from '../../../src/calendar/filters';
import { expandDays, fixture, isoStarts } from './helpers';

describe('time zones', () => {
  it('keeps wall-clock time across the March DST change (Europe/Berlin)', () => {
    const r = expandDays(fixture('dst-week.ics'), '2024-03-18', '2024-04-07', 'Europe/Berlin');
    const weekly = r.meetings.filter((m) => m.id.startsWith('dst-weekly'));
    // 09:00 CET = 08:00Z, then 09:00 CEST = 07:00Z.
    // (Summer time starts on 31 March 2024.)
    expect(weekly.map((m) => new Date(m.start).toISOString())).toEqual(['2024-03-18T08:00:00.000Z', '2024-03-25T08:00:00.000Z', '2024-04-01T07:00:00.000Z']);
    expect(weekly.every((m) => m.recurring && m.end - m.start === 3_600_000)).toBe(true);
    // 01:30 CET to 03:30 CEST is one real hour on the 23-hour day.
    expect(r.minutes['2024-03-31']).toBe(60);
    expect(r.minutes['2024-03-25']).toBe(60);
  });

  it('maps Windows zone names without VTIMEZONE to IANA zones (not UTC)', () => {
    const r = expandDays(fixture('windows-zones.ics'), '2024-01-01', '2024-12-31', 'UTC');
    expect(isoStarts(r)).toEqual([
      '2024-01-10T08:30:00.000Z', // 09:30 W. Europe (CET)
      '2024-03-25T08:00:00.000Z', // 09:00 CET (summer time starts on 31 March)
      '2024-04-08T07:00:00.000Z', // 09:00 CEST; UNTIL is inclusive; 04-01 is an EXDATE
      '2024-07-10T13:00:00.000Z', // 09:00 EDT, quoted TZID
    ]);
    expect(r.problems).toEqual([]);
  });

  it('prefers real zone data for IANA TZIDs, honours custom VTIMEZONEs, reads floating and unknown zones locally', () => {
    const r = expandDays(fixture('zones.ics'), '2024-06-01', '2024-06-30', 'America/New_York');
    expect(isoStarts(r)).toEqual([
      '2024-06-03T03:30:00.000Z', // Custom India +05:30 from the file
      '2024-06-03T07:00:00.000Z', // Europe/Berlin (CEST), not the file's bogus +09:00
      '2024-06-04T13:00:00.000Z', // floating 09:00 in the user's zone (EDT)
      '2024-06-05T08:00:00.000Z', // /mozilla.org/.../Europe/London (BST)
      '2024-06-06T13:00:00.000Z', // unknown zone: read as local time, and reported
    ]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain('Atlantis Standard Time');
  });
});

describe('overrides and duplicates', () => {
  it('relates RECURRENCE-ID overrides by UID only', () => {
    const r = expandDays(fixture('overrides-across-uids.ics'), '2024-05-06', '2024-05-08', 'UTC');
    expect(r.minutes).toEqual({ '2024-05-06': 60, '2024-05-07': 120, '2024-05-08': 60 });
    expect(r.conflicts).toEqual({ '2024-05-06': 60 });
    // Series B still has its own 10:00 occurrence on the day A moved.
    expect(r.meetings.filter((m) => m.title === 'Series B').map((m) => new Date(m.start).toISOString())).toEqual(['2024-05-06T10:00:00.000Z', '2024-05-07T10:00:00.000Z']);
  });

  it('keeps the highest SEQUENCE of duplicate UIDs and of duplicate overrides', () => {
    const r = expandDays(fixture('duplicates.ics'), '2024-06-01', '2024-06-30', 'UTC');
    expect(r.minutes).toEqual({ '2024-06-04': 60, '2024-06-10': 30, '2024-06-11': 30 });
    expect(isoStarts(r)).toEqual(['2024-06-04T14:00:00.000Z', '2024-06-10T08:00:00.000Z', '2024-06-11T12:00:00.000Z']);
  });

  it('keeps override-only events (Google busy-only feeds) as busy time', () => {
    const r = expandDays(fixture('override-only.ics'), '2024-06-01', '2024-06-30', 'UTC');
    expect(isoStarts(r)).toEqual(['2024-06-12T18:00:00.000Z', '2024-06-19T17:00:00.000Z']);
    expect(r.meetings.every((m) => m.recurring && m.title === 'Busy')).toBe(true);
    expect(r.minutes).toEqual({ '2024-06-12': 60, '2024-06-19': 30 });
  });

  it('gives RDATE;VALUE=PERIOD occurrences their own length, and applies EXDATE to RDATEs', () => {
    const r = expandDays(fixture('rdate-period.ics'), '2024-06-01', '2024-06-30', 'UTC');
    expect(r.minutes).toEqual({ '2024-06-10': 60, '2024-06-12': 150, '2024-06-14': 45 });
  });
});

describe('meeting filters', () => {
  const filters = fixture('filters.ics');
  const me = ['me@example.com'];

  it('counts only timed, busy, confirmed, not declined, not ignored events', () => {
    const r = expandDays(filters, '2024-06-03', '2024-06-07', 'UTC', { myEmails: me });
    expect(r.meetings.filter((m) => m.start < Date.UTC(2024, 5, 4)).map((m) => m.title)).toEqual(['Design review', 'Busy', 'Maybe']);
    expect(r.minutes).toEqual({ '2024-06-03': 120, '2024-06-04': 60, '2024-06-06': 60 });
    expect(r.meetings.find((m) => m.title === 'Design review')).toMatchObject({ attendees: 3, recurring: false, id: 'f-meeting@craft-time.test' });
    expect(r.stats.excluded).toMatchObject({ cancelled: 2, free: 2, declined: 1, 'ignored title': 3 }); // a cancelled series counts once
  });

  it('matches the owner address case-insensitively, and counts the decline only for the owner', () => {
    const r = expandDays(filters, '2024-06-03', '2024-06-03', 'UTC', { myEmails: ['someone@example.com'] });
    expect(r.minutes['2024-06-03']).toBe(180); // declined by "me", but the owner is someone else
  });

  it('--no-ignore keeps focus blocks, lunch and holds', () => {
    const r = expandDays(filters, '2024-06-03', '2024-06-04', 'UTC', { myEmails: me, ignorePatterns: [] });
    expect(r.minutes).toEqual({ '2024-06-03': 240, '2024-06-04': 120 });
  });

  it('can leave tentative answers out (Viva-style)', () => {
    const r = expandDays(filters, '2024-06-03', '2024-06-03', 'UTC', { myEmails: me, includeTentative: false });
    expect(r.minutes['2024-06-03']).toBe(90);
  });

  it('reports an invalid ignore pattern instead of throwing', () => {
    const r = expandDays(filters, '2024-06-03', '2024-06-03', 'UTC', { ignorePatterns: ['(unclosed', 'lunch'] });
    expect(r.problems[0]).toContain('(unclosed');
    expect(r.meetings.some((m) => m.title === 'Lunch')).toBe(false);
  });
});

describe('DEFAULT_IGNORE_PATTERNS', () => {
  const ignored = (title: string) => DEFAULT_IGNORE_PATTERNS.some((p) => new RegExp(p, 'iu').test(title));
  it.each(['Focus time', 'Focus Time (via Clockwise)', 'Deep work', 'No meetings', 'Out of office', 'OOO - dentist', 'OOF', 'Vacation', 'Public holiday', 'PTO', 'Lunch', 'team lunch', 'Commute', 'Travel time', 'Hold', 'HOLD: vendor call', '[Hold] roadmap', 'Blocked', 'Block: writing', 'Do not book', 'Busy - personal'])('ignores "%s"', (title) => {
    expect(ignored(title)).toBe(true);
  });
  it.each(['Busy', 'Design review', 'Lunch & Learn: tracing', 'lunch and learn', '1:1 Ana / Bo', 'Blockchain sync', 'Holding company update', 'Sprint planning', 'Focusing on the customer: QBR'])('keeps "%s"', (title) => {
    expect(ignored(title)).toBe(false);
  });
});

describe('all-day events and days off', () => {
  it('compares Exchange date-time EXDATE/RECURRENCE-ID of all-day series as dates', () => {
    const r = expandDays(fixture('exchange-allday.ics'), '2024-07-01', '2024-07-31', 'Europe/Berlin');
    expect(r.timeOff.map((t) => t.date)).toEqual(['2024-07-01', '2024-07-09', '2024-07-10', '2024-07-22', '2024-07-23']);
    expect(r.timeOff.every((t) => t.reason === 'calendar')).toBe(true);
    expect(r.meetings).toEqual([]);
  });

  it('never counts an all-day event as a meeting', () => {
    const r = expandDays(fixture('filters.ics'), '2024-06-03', '2024-06-03', 'UTC', { ignorePatterns: [] });
    expect(r.meetings.some((m) => m.title === 'Conference')).toBe(false);
  });
});

describe('unbounded and pathological series', () => {
  it('expands a series with no end only inside the window, skips ended ones, refuses runaway rules', () => {
    const r = expandDays(fixture('unbounded.ics'), '2024-01-01', '2024-01-07', 'Europe/Berlin');
    expect(Object.values(r.minutes)).toEqual([30, 30, 30, 30, 30, 30, 30]);
    expect(r.meetings.every((m) => m.title === 'Daily standup since 1990')).toBe(true);
    expect(r.problems.some((p) => p.includes('no date can ever match it'))).toBe(true);
    expect(r.problems.some((p) => p.includes('every second or minute'))).toBe(true);
    expect(r.problems.some((p) => p.includes('too many occurrences'))).toBe(true);
  });

  it('gives the same occurrences for a late window as for the whole history (fast-forward is exact)', () => {
    const text = fixture('unbounded.ics');
    const late = expandDays(text, '2023-10-25', '2023-11-02', 'Europe/Berlin');
    expect(Object.keys(late.minutes)).toHaveLength(9);
    // 09:30 CEST (07:30Z) until the change on 29 October, then 09:30 CET (08:30Z).
    expect(isoStarts(late).slice(3, 6)).toEqual(['2023-10-28T07:30:00.000Z', '2023-10-29T08:30:00.000Z', '2023-10-30T08:30:00.000Z']);
  });
});
