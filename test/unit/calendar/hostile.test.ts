// Hostile input: never a throw or a hang, always a plain problem, nothing secret in it.
import { describe, expect, it } from 'vitest';
import { expandIcs, expandIcsBytes, MAX_ICS_BYTES } from '../../../src/calendar/expand';

const window = { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 0, 1), timeZone: 'Europe/Berlin' };
const event = (body: string) => `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x@test\r\nSUMMARY:Meeting\r\n${body}END:VEVENT\r\nEND:VCALENDAR\r\n`;

describe('hostile input', () => {
  it('binary garbage', () => {
    const bytes = new Uint8Array(100_000);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) & 0xffffffff) >>> 24;
    bytes[10] = 0;
    const r = expandIcsBytes(bytes, window);
    expect(r.meetings).toEqual([]);
    expect(r.problems).toEqual(['The file is binary data, not a calendar.']);
  });

  it('an HTML page instead of a calendar (a sign-in page)', () => {
    const r = expandIcs('<!DOCTYPE html><html><head><title>Sign in</title></head><body>https://example.com/secret-token-123</body></html>', window);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/web page \(HTML\)/);
    expect(r.problems[0]).not.toContain('secret-token');
  });

  it('empty and non-calendar text', () => {
    expect(expandIcs('', window).problems).toEqual(['The file is empty.']);
    expect(expandIcs('hello\nworld\n', window).problems).toEqual(['The file is not an iCalendar (.ics) file.']);
  });

  it('malformed lines and events lose only themselves', () => {
    const text = 'BEGIN:VCALENDAR\r\nthis is not a content line\r\n;;;:::\r\nBEGIN:VEVENT\r\nUID:bad\r\nDTSTART:2024-06-03 09:00\r\nEND:VEVENT\r\n' +
      'BEGIN:VEVENT\r\nUID:rule\r\nDTSTART:20240604T090000Z\r\nDTEND:20240604T100000Z\r\nRRULE:FREQ=NONSENSE;;=\r\nEND:VEVENT\r\n' +
      'BEGIN:VEVENT\r\nUID:good\r\nX-FOO;A=""":x\r\nDTSTART;TZID="Europe/Berlin":20240605T090000\r\nDTSTART:20990101T000000Z\r\nDTEND:20240605T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const r = expandIcs(text, window);
    // A broken rule keeps its DTSTART; a duplicate DTSTART loses to the first one.
    expect(r.meetings.map((m) => m.id.split('@')[0])).toEqual(['rule', 'good']);
    expect(new Date(r.meetings[1].start).toISOString()).toBe('2024-06-05T07:00:00.000Z');
    expect(r.problems.join(' ')).toMatch(/line 4.*not a valid date/);
    expect(r.problems.join(' ')).toMatch(/repeat rule is not valid/);
  });

  it('a 50 MB file is read (or refused) without throwing', () => {
    const filler = `DESCRIPTION:${'x'.repeat(70)}\r\n`;
    const text = event(`DTSTART:20240603T090000Z\r\nDTEND:20240603T100000Z\r\n${filler.repeat(Math.ceil((50 * 1024 * 1024) / filler.length))}`);
    expect(text.length).toBeGreaterThan(50 * 1024 * 1024);
    const r = expandIcs(text, window);
    expect(r.meetings).toHaveLength(1);
    expect(expandIcsBytes(new Uint8Array(MAX_ICS_BYTES + 1), window).problems[0]).toMatch(/too large/);
  });

  it('a series with no end and a runaway rule', () => {
    const r = expandIcs(event('DTSTART:19700101T090000Z\r\nDTEND:19700101T091500Z\r\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR\r\n'), window);
    expect(r.meetings.length).toBe(262); // weekdays of 2024 (leap year starting on a Monday)
    const spin = expandIcs(event('DTSTART:20240101T090000Z\r\nDTEND:20240101T091500Z\r\nRRULE:FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=31\r\n'), window);
    expect(spin.problems[0]).toMatch(/no date can ever match it/);
  });

  it('recursion-heavy and runaway zone definitions', () => {
    const nested = 'BEGIN:VTIMEZONE\r\nTZID:Deep\r\n' + 'BEGIN:STANDARD\r\n'.repeat(50_000) + 'END:STANDARD\r\n'.repeat(50_000) + 'END:VTIMEZONE\r\n';
    const secondly = 'BEGIN:VTIMEZONE\r\nTZID:Spin\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=SECONDLY\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n';
    const text = `BEGIN:VCALENDAR\r\n${nested}${secondly}` +
      'BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Deep:20240603T090000\r\nDTEND;TZID=Deep:20240603T100000\r\nEND:VEVENT\r\n' +
      'BEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=Spin:20240604T090000\r\nDTEND;TZID=Spin:20240604T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const r = expandIcs(text, window);
    // Both read as local time (Berlin, CEST) and reported.
    expect(r.meetings.map((m) => new Date(m.start).toISOString())).toEqual(['2024-06-03T07:00:00.000Z', '2024-06-04T07:00:00.000Z']);
    expect(r.problems.some((p) => p.includes('"Spin"') && p.includes('unsupported way'))).toBe(true);
    expect(r.problems.some((p) => p.includes('"Deep"'))).toBe(true);
  });

  it('an unknown user zone falls back to UTC with a problem', () => {
    const r = expandIcs(event('DTSTART:20240603T090000\r\nDTEND:20240603T100000\r\n'), { ...window, timeZone: 'Mars/Olympus' });
    expect(new Date(r.meetings[0].start).toISOString()).toBe('2024-06-03T09:00:00.000Z');
    expect(r.problems[0]).toContain('Mars/Olympus');
  });
});
