import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { expandIcs } from '../../../src/calendar/expand';
import { escapeText, foldLine, FOCUS_TITLE, icsUtc, writeFocusIcs, writeIcs } from '../../../src/core/icsWriter';
import { at } from '../builders';

const DTSTAMP = Date.parse('2025-03-07T16:45:12Z');
const blocks = [
  { start: at('2025-03-12', '09:00'), end: at('2025-03-12', '13:00') },
  { start: at('2025-03-10', '14:00'), end: at('2025-03-10', '17:00') },
  { start: at('2025-03-13', '12:00'), end: at('2025-03-13', '15:00') },
];
const text = writeFocusIcs(blocks, { dtstamp: DTSTAMP });
const inOrder = [...blocks].sort((a, b) => a.start - b.start);

describe('writeFocusIcs', () => {
  test('parses back with ical.js to exactly the chosen blocks', () => {
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('prodid')).toBe('-//Craft Time//Focus time//EN');
    const events = cal.getAllSubcomponents('vevent');
    expect(events).toHaveLength(3);
    const got = events.map((e) => {
      const ev = new ICAL.Event(e);
      return { start: ev.startDate.toJSDate().getTime(), end: ev.endDate.toJSDate().getTime() };
    });
    expect(got).toEqual(inOrder);
    for (const e of events) {
      expect(e.getFirstPropertyValue('summary')).toBe(FOCUS_TITLE);
      expect(e.getFirstPropertyValue('transp')).toBe('OPAQUE');
      expect((e.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime()).toBe(DTSTAMP);
      expect(e.getFirstProperty('dtstart')!.getParameter('tzid')).toBeUndefined();
    }
    const uids = events.map((e) => e.getFirstPropertyValue('uid'));
    expect(new Set(uids).size).toBe(3);
    expect(uids[0]).toBe('focus-20250310T140000Z-20250310T170000Z@craft-time');
  });

  test('parses back with our own calendar reader to exactly the chosen blocks (with title filters off)', () => {
    const r = expandIcs(text, { fromMs: at('2025-03-10', '00:00'), toMs: at('2025-03-17', '00:00'), timeZone: 'UTC', ignorePatterns: [] });
    expect(r.problems).toEqual([]);
    expect(r.meetings.map((m) => ({ start: m.start, end: m.end }))).toEqual(inOrder);
  });

  test('our reader does not count our own focus blocks as meetings by default', () => {
    const r = expandIcs(text, { fromMs: at('2025-03-10', '00:00'), toMs: at('2025-03-17', '00:00'), timeZone: 'UTC' });
    expect(r.meetings).toEqual([]);
  });

  test('CRLF line endings only, and no line longer than 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
  });

  test('the same blocks give the same file (no clock, deterministic UIDs)', () => {
    expect(writeFocusIcs([...blocks].reverse(), { dtstamp: DTSTAMP })).toBe(text);
  });
});

describe('text escaping and folding', () => {
  test('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  test('folds at 75 octets without splitting a multi-byte character, and unfolds back', () => {
    const title = 'Fokuszeit für Größeres — 集中 '.repeat(6) + '😀 end; with, specials\\';
    const ics = writeIcs([{ start: blocks[0].start, end: blocks[0].end, uid: 'x@test', summary: title, description: 'line one\nline two' }], DTSTAMP);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics).not.toContain('\uFFFD');
    const ev = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(ev.getFirstPropertyValue('summary')).toBe(title);
    expect(ev.getFirstPropertyValue('description')).toBe('line one\nline two');
  });

  test('foldLine leaves short lines alone', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const long = 'X'.repeat(160);
    expect(foldLine(long).split('\r\n ').join('')).toBe(long);
  });

  test('UTC date-times', () => {
    expect(icsUtc(Date.parse('2025-03-10T14:05:09.123Z'))).toBe('20250310T140509Z');
  });

  test('refuses an empty block', () => {
    expect(() => writeFocusIcs([{ start: 5, end: 5 }], { dtstamp: DTSTAMP })).toThrow(RangeError);
  });
});
