// Writes focus blocks as an RFC 5545 iCalendar file (CRLF, folded at 75 octets, escaped text, UTC times).
// Pure: DTSTAMP is passed in; no clock.
import type { Interval } from './types';

export const FOCUS_TITLE = 'Focus time (Craft Time)';
export const FOCUS_DESCRIPTION =
  'Protected hands-on time proposed by Craft Time, from your calendar and working hours. Move or delete it freely.';
export const PRODID = '-//Craft Time//Focus time//EN';

export interface IcsEvent extends Interval {
  readonly uid: string;
  readonly summary: string;
  readonly description?: string;
}

export interface FocusIcsOptions {
  /** DTSTAMP of every event (the time the file is written; pass the caller's `now`). */
  readonly dtstamp: number;
  readonly title?: string;
  readonly description?: string;
}

/** 20250102T090000Z */
export function icsUtc(instant: number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** Folds a content line to at most 75 octets per line (RFC 5545 3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0) ?? 0);
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = 74; // continuation lines start with one space
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** A VCALENDAR with one busy VEVENT per event. */
export function writeIcs(events: readonly IcsEvent[], dtstamp: number, calendarName = 'Craft Time focus time'): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendarName)}`,
  ];
  for (const e of events) {
    if (!(e.end > e.start)) throw new RangeError(`An event must end after it starts: ${e.uid}`);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${icsUtc(dtstamp)}`,
      `DTSTART:${icsUtc(e.start)}`,
      `DTEND:${icsUtc(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push('TRANSP:OPAQUE', 'STATUS:CONFIRMED', 'CLASS:PRIVATE', 'X-MICROSOFT-CDO-BUSYSTATUS:BUSY', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/**
 * The chosen focus blocks as an importable .ics. UIDs are derived from the block times, so importing the
 * same file twice updates rather than duplicates the events.
 */
export function writeFocusIcs(blocks: readonly Interval[], options: FocusIcsOptions): string {
  const title = options.title ?? FOCUS_TITLE;
  const description = options.description ?? FOCUS_DESCRIPTION;
  const events = [...blocks]
    .sort((a, b) => a.start - b.start)
    .map((b) => ({ start: b.start, end: b.end, uid: `focus-${icsUtc(b.start)}-${icsUtc(b.end)}@craft-time`, summary: title, description }));
  return writeIcs(events, options.dtstamp);
}
