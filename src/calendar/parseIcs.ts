// ICS text -> raw VEVENT records and VTIMEZONE texts, in one linear pass.
//
// Why not ICAL.parse on the whole file: it builds every property of every component (attendee lists,
// descriptions, alarms), which is most of the time on large Outlook exports, and one malformed line
// makes it throw for the whole file. Here the file is unfolded and split by component; only the
// properties the meeting rules need are kept, as raw strings, and each event is interpreted on its own
// (so one bad event is one problem, not a lost calendar). ical.js then does the hard parts: recurrence
// rules (ICAL.Recur / RecurIterator) and custom VTIMEZONE definitions.

/** One content line, split but not interpreted. `params` is the text between the name and the value. */
export interface RawProp {
  readonly params: string;
  readonly value: string;
}

/** The properties of one VEVENT that the meeting rules use (nested VALARMs are skipped). */
export interface RawEvent {
  /** 1-based line of BEGIN:VEVENT, for problem messages (never the content itself). */
  readonly line: number;
  uid?: string;
  recurrenceId?: RawProp;
  sequence: number;
  dtstart?: RawProp;
  dtend?: RawProp;
  duration?: string;
  rrules: string[];
  rdates: RawProp[];
  exdates: RawProp[];
  summary?: string;
  status?: string;
  transp?: string;
  busyStatus?: string;
  /** ATTENDEE lines of the event (counted even when their text is not kept). */
  attendeeCount: number;
  /** The ATTENDEE lines themselves: empty unless `keepAttendees` (only the owner's PARTSTAT needs them). */
  attendees: RawProp[];
}

export interface SplitOptions {
  /**
   * Keep each ATTENDEE line's text (default true). Without it attendees are only counted: on Outlook
   * exports they are a third of the lines, and their text is needed only to find the owner's PARTSTAT.
   */
  readonly keepAttendees?: boolean;
}

export interface SplitCalendar {
  readonly events: RawEvent[];
  /** VTIMEZONE texts by TZID, used only for TZIDs that are not real zone names. */
  readonly zones: Map<string, string>;
  /** Set when the text is not a calendar at all (a web page, binary data, an empty file). */
  readonly notCalendar?: string;
}

/** Returns why a text is not an iCalendar file, or undefined when it looks like one. */
export function sniff(text: string): string | undefined {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  if (head.length === 0) return 'The file is empty.';
  if (head.includes('\u0000')) return 'The file is binary data, not a calendar.';
  if (/^<(?:!doctype|html|head|body|\?xml|!--)/i.test(head) || /<html[\s>]/i.test(head.slice(0, 1024))) {
    return 'The file is a web page (HTML), not a calendar. If it came from a link, the link may need signing in or may not be the iCal address.';
  }
  if (!/BEGIN:VCALENDAR|BEGIN:VEVENT/i.test(text.slice(0, 1_000_000))) return 'The file is not an iCalendar (.ics) file.';
  return undefined;
}

/** Index of the ':' that ends the name and parameters (colons inside quoted parameters skipped). */
function valueStart(line: string): number {
  const first = line.indexOf(':');
  const quote = line.indexOf('"');
  if (quote === -1 || first < quote) return first;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 58 && !inQuotes) return i;
  }
  return -1;
}

const WANTED = new Set(['BEGIN', 'END', 'UID', 'RECURRENCE-ID', 'SEQUENCE', 'DTSTART', 'DTEND', 'DURATION', 'RRULE', 'RDATE', 'EXDATE', 'SUMMARY', 'STATUS', 'TRANSP', 'X-MICROSOFT-CDO-BUSYSTATUS', 'ATTENDEE']);

/** First letters (lower-case char codes) of the WANTED names. */
const WANTED_FIRST = new Set([...WANTED].map((name) => name.toLowerCase().charCodeAt(0)));

/** What the splitter does with a physical line, judged on its property name. */
const SKIP = 0, KEEP = 1, ATTENDEE = 2;

/** SKIP, KEEP or ATTENDEE for the physical line text[pos, end) (see WANTED). */
function lineKind(text: string, pos: number, end: number): number {
  // Most unwanted lines (CLASS, PRIORITY, LOCATION, …) are told by their first letter: no wanted name
  // starts with it. Only ASCII letters: trim() keeps them and toUpperCase() maps them to A-Z alone.
  const first = text.charCodeAt(pos) | 0x20; // ASCII lower case
  if (first >= 97 && first <= 122 && !WANTED_FIRST.has(first)) return SKIP;
  let k = pos;
  let plain = true; // only upper-case letters, digits and '-': the name can be looked up as it is
  const limit = Math.min(end, pos + 64);
  while (k < limit) {
    const c = text.charCodeAt(k);
    if (c === 58 || c === 59) break; // ':' or ';'
    if (!((c >= 65 && c <= 90) || c === 45 || (c >= 48 && c <= 57))) plain = false;
    k++;
  }
  if (k === limit) return KEEP; // no separator near the start: let `handle` decide
  // Fast path for the common spelling; otherwise normalise the name (no slice+upper-case per line).
  const name = plain ? text.slice(pos, k) : text.slice(pos, k).trim().toUpperCase();
  if (!WANTED.has(name)) return SKIP;
  return name === 'ATTENDEE' ? ATTENDEE : KEEP;
}

function newEvent(line: number): RawEvent {
  return { line, sequence: 0, rrules: [], rdates: [], exdates: [], attendeeCount: 0, attendees: [] };
}

/**
 * Splits unfolded text into events and zone definitions. Unknown components and properties are
 * skipped; structure errors (an END without BEGIN, an unterminated event) lose only that event.
 */
export function splitCalendar(text: string, options: SplitOptions = {}): SplitCalendar {
  const keepAttendees = options.keepAttendees ?? true;
  const notCalendar = sniff(text);
  if (notCalendar) return { events: [], zones: new Map(), notCalendar };
  const events: RawEvent[] = [];
  const zones = new Map<string, string>();

  // Component state: `event` is the VEVENT being read; `nested` counts components inside it (VALARM);
  // `zoneLines` collects a VTIMEZONE verbatim (its own nesting tracked by `zoneDepth`).
  let event: RawEvent | undefined;
  let nested = 0;
  let zoneLines: string[] | undefined;
  let zoneDepth = 0;
  let zoneTzid: string | undefined;

  const handle = (line: string, lineNo: number) => {
    if (zoneLines) {
      zoneLines.push(line);
      const upper = line.slice(0, 6).toUpperCase();
      if (upper === 'BEGIN:') zoneDepth++;
      else if (upper.startsWith('END:')) zoneDepth--;
      else if (zoneDepth === 1 && /^TZID[;:]/i.test(line)) zoneTzid = line.slice(valueStart(line) + 1).trim();
      if (zoneDepth === 0) {
        if (zoneTzid !== undefined) {
          const clean = zoneTzid.replace(/^"(.*)"$/, '$1');
          // Pre-clean: a quoted TZID value is a whole-file killer for ical.js' parser.
          zoneLines = zoneLines.map((l) => (/^TZID:"/i.test(l) ? `TZID:${clean}` : l));
          if (!zones.has(clean)) zones.set(clean, zoneLines.join('\r\n'));
        }
        zoneLines = undefined;
        zoneTzid = undefined;
      } else if (zoneLines.length > 20_000) {
        zoneLines = undefined; // absurd zone: drop it; events using it are reported as unknown zone
        zoneTzid = undefined;
      }
      return;
    }
    const colon = valueStart(line);
    if (colon <= 0) return; // not a content line: skipped, like other clients do
    const head = line.slice(0, colon);
    const semi = head.indexOf(';');
    const rawName = semi === -1 ? head : head.slice(0, semi);
    // WANTED names are already trimmed and upper-case: skip the two string copies for them.
    const name = WANTED.has(rawName) ? rawName : rawName.trim().toUpperCase();
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') {
      const comp = value.trim().toUpperCase();
      if (event) nested++;
      else if (comp === 'VEVENT') event = newEvent(lineNo);
      else if (comp === 'VTIMEZONE') {
        zoneLines = [line];
        zoneDepth = 1;
      }
      return;
    }
    if (name === 'END') {
      if (!event) return;
      if (nested > 0) nested--;
      else if (value.trim().toUpperCase() === 'VEVENT') {
        events.push(event);
        event = undefined;
      }
      return;
    }
    if (!event || nested > 0) return;
    const params = semi === -1 ? '' : head.slice(semi + 1);
    switch (name) {
      case 'UID':
        event.uid ??= value.trim();
        break;
      case 'RECURRENCE-ID':
        event.recurrenceId ??= { params, value: value.trim() };
        break;
      case 'SEQUENCE': {
        const n = Number.parseInt(value, 10);
        if (Number.isFinite(n)) event.sequence = n;
        break;
      }
      case 'DTSTART':
        // Pre-clean: a duplicate DTSTART rejects the file in other parsers; the first one wins here.
        event.dtstart ??= { params, value: value.trim() };
        break;
      case 'DTEND':
        event.dtend ??= { params, value: value.trim() };
        break;
      case 'DURATION':
        event.duration ??= value.trim();
        break;
      case 'RRULE':
        event.rrules.push(value.trim());
        break;
      case 'RDATE':
        event.rdates.push({ params, value: value.trim() });
        break;
      case 'EXDATE':
        event.exdates.push({ params, value: value.trim() });
        break;
      case 'SUMMARY':
        event.summary ??= unescapeText(value);
        break;
      case 'STATUS':
        event.status = value.trim().toUpperCase();
        break;
      case 'TRANSP':
        event.transp = value.trim().toUpperCase();
        break;
      case 'X-MICROSOFT-CDO-BUSYSTATUS':
        event.busyStatus = value.trim().toUpperCase();
        break;
      case 'ATTENDEE':
        event.attendeeCount++;
        if (keepAttendees) event.attendees.push({ params, value });
        break;
    }
  };

  // Unfold (RFC 5545 3.1: a line starting with space or tab continues the previous one), scanning the
  // text in place. Lines whose property is of no use (DESCRIPTION, X-ALT-DESC, …: most of an Outlook
  // export) are never sliced or joined. ATTENDEE lines, when their text is not kept, are not sliced
  // either: they are scanned (across folds) for the ':' that `handle` would require, and counted.
  let current: string | undefined;
  let currentNo = 0;
  let skipping = false;
  // Counting an attendee: `counting` while its line and folds are read; `inQuotes` / `found` carry
  // the colon search (first ':' outside double quotes, as in valueStart) across folds.
  let counting = false;
  let inQuotes = false;
  let found = false;
  const scanAttendee = (from: number, to: number) => {
    if (found) return;
    if (!inQuotes) {
      // Common case, with native searches on a (copy-free) slice: a ':' before any '"', or neither.
      const seg = text.slice(from, to);
      const colon = seg.indexOf(':'), quote = seg.indexOf('"');
      if (quote === -1) {
        found = colon !== -1;
        return;
      }
      if (colon !== -1 && colon < quote) {
        found = true;
        return;
      }
    }
    for (let i = from; i < to && !found; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) inQuotes = !inQuotes;
      else if (c === 58 && !inQuotes) found = true;
    }
  };
  const endAttendee = () => {
    counting = false;
    if (found && event && nested === 0) event.attendeeCount++;
  };
  let lineNo = 0;
  const n = text.length;
  for (let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0; pos < n; ) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = n;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lineNo++;
    const c0 = text.charCodeAt(pos);
    if (c0 === 32 || c0 === 9) {
      if (counting) scanAttendee(pos + 1, end);
      else if (!skipping && current !== undefined) current += text.slice(pos + 1, end);
    } else {
      if (counting) endAttendee();
      if (current !== undefined) handle(current, currentNo);
      current = undefined;
      const kind = zoneLines ? KEEP : lineKind(text, pos, end);
      skipping = kind === SKIP;
      if (kind === ATTENDEE && !keepAttendees) {
        counting = true;
        inQuotes = false;
        found = false;
        scanAttendee(pos, end);
      } else if (!skipping) {
        current = text.slice(pos, end);
        currentNo = lineNo;
      }
    }
    pos = nl + 1;
  }
  if (counting) endAttendee();
  if (current !== undefined) handle(current, currentNo);
  return { events, zones };
}

/** TEXT value unescaping (RFC 5545 3.3.11). */
export function unescapeText(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Parameters of a property as a lower-cased name -> value map (quotes removed). */
export function parseParams(params: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!params) return out;
  let i = 0;
  while (i < params.length) {
    const eq = params.indexOf('=', i);
    if (eq === -1) break;
    const name = params.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    let value: string;
    if (params[j] === '"') {
      const close = params.indexOf('"', j + 1);
      const end = close === -1 ? params.length : close;
      value = params.slice(j + 1, end);
      j = params.indexOf(';', end);
    } else {
      j = params.indexOf(';', j);
      value = params.slice(eq + 1, j === -1 ? undefined : j);
    }
    out.set(name, value.trim());
    if (j === -1) break;
    i = j + 1;
  }
  return out;
}

/** A DATE or DATE-TIME value, not yet placed in a zone. */
export interface CalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly isDate: boolean;
  /** 'Z' suffix. */
  readonly utc: boolean;
  /** TZID parameter, when present. */
  readonly tzid?: string;
}

const TIME_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z)?)?$/i;

/** Whether s[from, to) is all ASCII digits. */
function digitsAt(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The decimal number written in s[from, to) (digits checked by the caller). */
function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** Parses one DATE / DATE-TIME value ('20240102', '20240102T090000', '…Z'); undefined when invalid. */
export function parseTime(value: string, tzid?: string): CalTime | undefined {
  const s = value.trim();
  let year: number, month: number, day: number, hour: number, minute: number, second: number;
  let isDate: boolean, utc: boolean;
  // Fast path for the usual shapes (YYYYMMDD, YYYYMMDDTHHMMSS, …Z), read digit by digit: this runs for
  // every DTSTART, DTEND, EXDATE and RECURRENCE-ID. Any other shape goes through TIME_RE.
  const len = s.length;
  const c8 = len > 8 ? s.charCodeAt(8) | 0x20 : 0;
  const c15 = len === 16 ? s.charCodeAt(15) | 0x20 : 0;
  if ((len === 8 || ((len === 15 || (len === 16 && c15 === 122)) && c8 === 116)) && digitsAt(s, 0, 8) && (len === 8 || digitsAt(s, 9, 15))) {
    year = num(s, 0, 4);
    month = num(s, 4, 6);
    day = num(s, 6, 8);
    isDate = len === 8;
    hour = isDate ? 0 : num(s, 9, 11);
    minute = isDate ? 0 : num(s, 11, 13);
    second = isDate ? 0 : num(s, 13, 15);
    utc = len === 16;
  } else {
    const m = TIME_RE.exec(s);
    if (!m) return undefined;
    year = +m[1];
    month = +m[2];
    day = +m[3];
    isDate = m[4] === undefined;
    hour = isDate ? 0 : +m[4];
    minute = isDate ? 0 : +m[5];
    second = isDate ? 0 : +(m[6] ?? 0);
    utc = m[7] !== undefined;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  return { year, month, day, hour, minute, second: Math.min(second, 59), isDate, utc, tzid: utc || isDate ? undefined : tzid };
}

/** Date.UTC of the wall-clock fields (the "wall" value zones convert). */
export function wallOf(t: CalTime): number {
  const ms = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  if (t.year >= 100) return ms;
  const d = new Date(ms); // Date.UTC maps years 0-99 to 1900-1999
  d.setUTCFullYear(t.year);
  return d.getTime();
}
