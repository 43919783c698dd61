// The splitter's and expander's fast paths must give exactly what the plain paths give.
import { describe, expect, it } from 'vitest';
import { isoString } from '../../../src/calendar/expand';
import { parseTime, splitCalendar } from '../../../src/calendar/parseIcs';

describe('isoString', () => {
  it('matches Date#toISOString on random and edge instants', () => {
    const edges = [0, 1, 999, 1000, 86_399_999, 86_400_000, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999), -1, -86_400_001, Date.UTC(1969, 11, 31, 12), 253_402_300_800_000, 1.5];
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const samples = [...edges, ...Array.from({ length: 5_000 }, () => Math.floor(random() * 253_402_300_800_000))];
    for (const ms of samples) expect(isoString(ms)).toBe(new Date(ms).toISOString());
  });

  it('throws like Date for invalid instants', () => {
    expect(() => isoString(Number.NaN)).toThrow(RangeError);
  });
});

describe('splitCalendar attendees', () => {
  const ics = [
    'BEGIN:VCALENDAR',
    'BEGIN:VEVENT',
    'UID:a',
    'DTSTART:20240101T100000Z',
    'ATTENDEE;CN=One:mailto:one@example.com',
    // Folded before the colon, and a quoted parameter holding a ':' and a ';'.
    'ATTENDEE;ROLE=REQ-PARTICIPANT;CN="Two: the',
    ' ; second":mailto:two@example.com',
    // A quote opened on one fold and closed on the next, colon only after it.
    'ATTENDEE;CN="Th',
    ' ree:x"',
    '\t:mailto:three@example.com',
    // No value at all: not a content line, not counted.
    'ATTENDEE;CN=Nobody',
    // Quoted colon only: not counted either.
    'ATTENDEE;CN="a:b"',
    'attendee ;CN=lower:mailto:four@example.com',
    'BEGIN:VALARM',
    'ATTENDEE:mailto:alarm@example.com',
    'END:VALARM',
    'END:VEVENT',
    'ATTENDEE:mailto:outside@example.com',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

  it('counts the same attendees whether or not their text is kept', () => {
    const kept = splitCalendar(ics).events[0];
    const counted = splitCalendar(ics, { keepAttendees: false }).events[0];
    expect(kept.attendees.length).toBe(4);
    expect(kept.attendeeCount).toBe(4);
    expect(counted.attendeeCount).toBe(4);
    expect(counted.attendees).toEqual([]);
  });
});

describe('parseTime', () => {
  // The plain regex reading that the digit-by-digit fast path must agree with.
  const TIME_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z)?)?$/i;
  function reference(value: string, tzid?: string) {
    const m = TIME_RE.exec(value.trim());
    if (!m) return undefined;
    const year = +m[1], month = +m[2], day = +m[3];
    const isDate = m[4] === undefined;
    const hour = isDate ? 0 : +m[4], minute = isDate ? 0 : +m[5], second = isDate ? 0 : +(m[6] ?? 0);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
    const utc = m[7] !== undefined;
    return { year, month, day, hour, minute, second: Math.min(second, 59), isDate, utc, tzid: utc || isDate ? undefined : tzid };
  }

  it('reads every shape like the regular expression does', () => {
    const values = [
      '20240102', '20240102T090000', '20240102T090000Z', '20240102t090000z', ' 20240102T090000Z ', '20240102T0900', '20240102T0900Z',
      '20240102T090000.123Z', '20240102T090060', '20240102T096000', '20241302', '20240100', '20240132', '20240102T240000',
      '2024010', '202401021', '20240102X090000', '20240102T09000Z', '20240102T0900001', '20240102T09000a', '2024-01-02', 'abcdefgh',
      '00000101', '99991231T235959Z', '20240102T090000Y', '', '２0240102', '20240102T０90000',
    ];
    for (const v of values) {
      expect(parseTime(v, 'Europe/Berlin'), v).toEqual(reference(v, 'Europe/Berlin'));
      expect(parseTime(v), v).toEqual(reference(v));
    }
  });
});
