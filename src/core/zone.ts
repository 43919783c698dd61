// Local calendar arithmetic in an IANA time zone, using the runtime's Intl data (pure: no clock, no I/O).
// A "date" is a 'YYYY-MM-DD' string naming a local calendar day.

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

/** The local date of an instant. */
export function localDate(instant: number, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return formatDate(p.year, p.month, p.day);
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
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export function isValidDate(date: string): boolean {
  return parseDate(date) !== undefined;
}

function dateToUtcMs(date: string): number {
  const p = parseDate(date);
  if (!p) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return Date.UTC(p.year, p.month - 1, p.day);
}

/** The date n days after (or before, when negative) the given date. */
export function addDays(date: string, n: number): string {
  const d = new Date(dateToUtcMs(date) + n * DAY_MS);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dateToUtcMs(b) - dateToUtcMs(a)) / DAY_MS);
}

/** Every date from `from` to `to`, both included (empty when to < from). */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  const n = daysBetween(from, to);
  for (let i = 0; i <= n; i++) out.push(addDays(from, i));
  return out;
}

/** ISO weekday, 1 = Monday .. 7 = Sunday. */
export function isoWeekday(date: string): number {
  const wd = new Date(dateToUtcMs(date)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** ISO week label 'YYYY-Www' of a date. */
export function isoWeek(date: string): string {
  const monday = startOfIsoWeek(date);
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursdayWeekMonday = startOfIsoWeek(addDays(`${year}-01-04`, 0));
  const week = Math.floor(daysBetween(firstThursdayWeekMonday, monday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of the ISO week containing the date. */
export function startOfIsoWeek(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** 'YYYY-MM' of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** First and last date of a 'YYYY-MM' month. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  if (!isValidDate(from)) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  const next = addMonths(month, 1);
  return { from, to: addDays(`${next}-01`, -1) };
}

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12), mm = ((m % 12) + 12) % 12;
  return `${String(year).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}

/**
 * The instant a local wall-clock time occurs in the zone. When the time falls in a DST gap (it never
 * happens locally), the instant just after the gap is returned; when it occurs twice, the first one.
 */
export function zonedTime(date: string, minuteOfDay: number, timeZone: string): number {
  const wall = dateToUtcMs(date) + minuteOfDay * 60_000;
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
