// Local calendar arithmetic in an IANA time zone, using the runtime's Intl data (pure: no clock, no I/O).
// A "date" is a 'YYYY-MM-DD' string naming a local calendar day.
import {
  addDays as dfAddDays, addMonths as dfAddMonths, addWeeks, differenceInCalendarDays, eachDayOfInterval, getISODay, getISOWeek,
  getISOWeekYear, isExists, lastDayOfMonth, startOfISOWeek, startOfISOWeekYear,
} from 'date-fns';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export function localParts(instant: number, timeZone: string): LocalParts {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** Offset of local time from UTC at an instant, in milliseconds (east positive). */
export function offsetMs(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The local date of an instant, computed with Intl (tens of microseconds: see `localDate`). */
function localDateExact(instant: number, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return formatDate(p.year, p.month, p.day);
}

/** A local day as an instant range [start, end) in one zone. */
interface DayRange {
  readonly start: number;
  readonly end: number;
  /** Undefined for a day with a transition: each instant in it is asked of Intl. */
  readonly date: string | undefined;
}
/** Days remembered per zone (about three years); the memo starts afresh when full. */
const DAY_CACHE_SIZE = 1024;
/** Per zone: day ranges sorted by start, never overlapping. */
const dayCache = new Map<string, DayRange[]>();

/** The remembered day containing the instant, by binary search. */
function cachedDay(ranges: readonly DayRange[], instant: number): DayRange | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (instant < r.start) hi = mid - 1;
    else if (instant >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/**
 * The local date of an instant. Loading a quarter of history asks this for tens of thousands of spans, and
 * each Intl call costs tens of microseconds (it was most of a refresh's CPU while typing), so the answer is
 * remembered as the whole day's instant range, checked at both ends. A pure memo: no clock, no I/O.
 */
export function localDate(instant: number, timeZone: string): string {
  return localDay(instant, timeZone).date;
}

/** A local date and an instant range around the instant that has that date throughout. */
export interface LocalDay {
  readonly date: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The local date of an instant with a range [start, end) that shares it: the whole day when it has one offset
 * throughout, else only the instant itself. A loop over time-ordered spans asks again only when a span
 * leaves the range, so a quarter of history costs about one call per day.
 */
export function localDay(instant: number, timeZone: string): LocalDay {
  let ranges = dayCache.get(timeZone);
  const hit = ranges && cachedDay(ranges, instant);
  if (hit) return hit.date !== undefined ? (hit as LocalDay) : { date: localDateExact(instant, timeZone), start: instant, end: instant + 1 };
  const date = localDateExact(instant, timeZone);
  const only = { date, start: instant, end: instant + 1 };
  if (!Number.isFinite(instant)) return only;
  const start = startOfDay(date, timeZone);
  const end = startOfDay(addDays(date, 1), timeZone);
  // Only a day with one offset throughout is kept: local time then rises with the instant, so every instant
  // between its two checked ends has this date. A day with a transition (a DST change, a zone that repeats an
  // hour across midnight) is remembered as such and gets exact answers on every call.
  if (start <= instant && instant < end) {
    const oneOffset = offsetMs(start, timeZone) === offsetMs(end - 1, timeZone);
    const sure = oneOffset && localDateExact(start, timeZone) === date && localDateExact(end - 1, timeZone) === date;
    if (!ranges || ranges.length >= DAY_CACHE_SIZE) dayCache.set(timeZone, (ranges = []));
    let at = 0;
    while (at < ranges.length && ranges[at].start < start) at++;
    const range = { start, end, date: sure ? date : undefined };
    if (!(ranges[at]?.start < end) && !(at > 0 && ranges[at - 1].end > start)) ranges.splice(at, 0, range);
    if (sure) return range as LocalDay;
  }
  return only;
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD', returning undefined for anything that is not a real calendar date. */
export function parseDate(date: string): { year: number; month: number; day: number } | undefined {
  const m = DATE_RE.exec(date);
  if (!m) return undefined;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  return isExists(year, month - 1, day) ? { year, month, day } : undefined;
}

export function isValidDate(date: string): boolean {
  return parseDate(date) !== undefined;
}

// Calendar-day arithmetic runs on date-fns with a plain Date at local midnight of the named day: date-fns
// works on the Date's calendar fields, so the answer (a day, not an instant) is the same in every system
// zone. The string <-> Date steps stay by hand: date-fns' parse/format cost 3x more on these hot paths.
function toDay(date: string): Date {
  const p = parseDate(date);
  if (!p) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return new Date(p.year, p.month - 1, p.day);
}

function fromDay(d: Date): string {
  return formatDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** The date n days after (or before, when negative) the given date. */
export function addDays(date: string, n: number): string {
  return fromDay(dfAddDays(toDay(date), n));
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return differenceInCalendarDays(toDay(b), toDay(a));
}

/** Every date from `from` to `to`, both included (empty when to < from). */
export function dateRange(from: string, to: string): string[] {
  const start = toDay(from), end = toDay(to);
  return end < start ? [] : eachDayOfInterval({ start, end }).map(fromDay);
}

/** ISO weekday, 1 = Monday .. 7 = Sunday. */
export function isoWeekday(date: string): number {
  return getISODay(toDay(date));
}

/** ISO week label 'YYYY-Www' of a date. */
export function isoWeek(date: string): string {
  const d = toDay(date);
  return `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`;
}

/** The Monday of ISO week `week` of ISO week-year `year`, or undefined when that week does not exist. */
export function isoWeekMonday(year: number, week: number): string | undefined {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || !Number.isInteger(week) || week < 1 || week > 53) return undefined;
  const monday = addWeeks(startOfISOWeekYear(new Date(year, 0, 4)), week - 1);
  return getISOWeekYear(monday) === year && getISOWeek(monday) === week ? fromDay(monday) : undefined;
}

/** The Monday of the ISO week containing the date. */
export function startOfIsoWeek(date: string): string {
  return fromDay(startOfISOWeek(toDay(date)));
}

/** 'YYYY-MM' of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** First and last date of a 'YYYY-MM' month. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  if (!isValidDate(from)) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  return { from, to: fromDay(lastDayOfMonth(toDay(from))) };
}

export function addMonths(month: string, n: number): string {
  return fromDay(dfAddMonths(toDay(`${month}-01`), n)).slice(0, 7);
}

/**
 * The instant a local wall-clock time occurs in the zone. When the time falls in a DST gap (it never
 * happens locally), the instant just after the gap is returned; when it occurs twice, the first one.
 * Kept by hand, not @date-fns/tz's TZDate: TZDate resolves a repeated wall time through the machine's
 * own zone (docs/architecture.md, "Date arithmetic kept by hand").
 */
export function zonedTime(date: string, minuteOfDay: number, timeZone: string): number {
  const p = parseDate(date);
  if (!p) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  const wall = Date.UTC(p.year, p.month - 1, p.day) + minuteOfDay * 60_000;
  // Two candidate offsets: the ones in force a day either side cover every real transition.
  const candidates = new Set([offsetMs(wall - DAY_MS, timeZone), offsetMs(wall, timeZone), offsetMs(wall + DAY_MS, timeZone)]);
  let best: number | undefined;
  for (const off of candidates) {
    const instant = wall - off;
    if (offsetMs(instant, timeZone) === off && (best === undefined || instant < best)) best = instant;
  }
  if (best !== undefined) return best;
  // In a gap: the wall time does not exist. Take the larger offset's reading moved past the gap.
  const offs = [...candidates].sort((a, b) => a - b);
  return wall - offs[0];
}

/** The instant the local day starts (local midnight, or the first instant after a DST gap at midnight). */
export function startOfDay(date: string, timeZone: string): number {
  return zonedTime(date, 0, timeZone);
}

/**
 * Start instants of each day in [from, to + 1]: boundaries[i] .. boundaries[i+1] is day i.
 * Computed once per range so that splitting many intervals costs no Intl calls.
 */
export function dayBoundaries(from: string, to: string, timeZone: string): { dates: string[]; bounds: number[] } {
  const dates = dateRange(from, to);
  const bounds = dates.map((d) => startOfDay(d, timeZone));
  bounds.push(startOfDay(addDays(to, 1), timeZone));
  return { dates, bounds };
}
