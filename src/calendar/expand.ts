// ICS text -> meeting occurrences in a window [fromMs, toMs), all-day days off, and plain-language
// problems. Never throws on input: every failure becomes a problem and costs at most one event.
//
// Rules (docs/calendar.md has the why of each):
// - Overrides (RECURRENCE-ID) are related to their series by UID here, in a map, never by ical.js'
//   ICAL.Event, which relates every override in the file to every series (wrong and quadratic).
// - Duplicate UIDs: the highest SEQUENCE wins (ties: the later one in the file); same for overrides of
//   the same occurrence. An override without a series is kept as a single busy event.
// - An override is emitted at its own time and hides the occurrence its RECURRENCE-ID names.
// - Exchange writes EXDATE / RECURRENCE-ID of all-day series as date-times with a TZID: they are
//   compared as wall-clock dates in that zone.
// - RDATE;VALUE=PERIOD gives an occurrence with its own length.
// - Series ending before the window are skipped, unbounded DAILY/WEEKLY series are fast-forwarded to
//   the window, and every series is capped (MAX_ITERATIONS) so no rule can run away.
// - Floating times are read in the user's zone.
import ICAL from 'ical.js';
import type { Meeting, TimeOffDay } from '../core/types';
import { BudgetExceeded, BudgetMeter, budgetOf, reasons, skippedResult, type CalendarBudget } from './budget';
import { compileRules, exclusionReason, isTimeOff, type FilterOptions, type FilterRules } from './filters';
import { parseParams, parseTime, splitCalendar, wallOf, type CalTime, type RawEvent, type RawProp } from './parseIcs';
import { simpleRuleWalls, unsafeRuleReason } from './rules';
import { ianaZone, UTC_ZONE, ZoneResolver, type Zone } from './zones';

export { DEFAULT_BUDGET, skippedResult, type CalendarBudget } from './budget';

ICAL.design.strict = false;

const DAY_MS = 86_400_000;
/** next() calls allowed per series (a daily series over 50 years is about 18,000). */
export const MAX_ITERATIONS = 50_000;
/** ical.js steps allowed per series: each costs tens of microseconds (Time objects), so fewer. */
export const MAX_ICAL_ITERATIONS = 10_000;
/** Default size limit (the `bytes` budget): a real calendar of 20 years is ~30 MB. */
export const MAX_ICS_BYTES = 64 * 1024 * 1024;
/** Instants a calendar may name: years 0001-9999 (what a DATE-TIME can write; Date covers them). */
const MIN_INSTANT = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const MAX_INSTANT = Date.UTC(10_000, 0, 1);
/** A timed event longer than this is not a meeting (a DURATION of years is damage, not busy time). */
export const MAX_MEETING_MS = 31 * DAY_MS;
/** An all-day event longer than this marks no days off. */
const MAX_ALL_DAY_DAYS = 366;
/** Per-event problems listed per file; the rest are counted in one line. */
const MAX_EVENT_PROBLEMS = 20;

export interface ExpandOptions extends FilterOptions {
  /** Window start (inclusive), epoch ms. Occurrences overlapping the window are returned whole. */
  readonly fromMs: number;
  /** Window end (exclusive), epoch ms. */
  readonly toMs: number;
  /** The user's IANA zone: floating times are read in it, and all-day dates are matched in it. */
  readonly timeZone: string;
  /** Written into Meeting.source. */
  readonly sourceId?: string;
  /** Limits for this file (defaults: DEFAULT_BUDGET); over any of them the file is skipped. */
  readonly budget?: Partial<CalendarBudget>;
  /** Monotonic clock for the wall-time budget, ms (tests only; default performance.now). */
  readonly clock?: () => number;
}

export interface ExpandStats {
  /** VEVENT components read. */
  events: number;
  /** Occurrences (timed and all-day) generated in the window, before filtering. */
  occurrences: number;
  /** Occurrences excluded, by reason ('cancelled', 'free', 'declined', 'ignored title', ...). */
  excluded: Record<string, number>;
}

export interface ExpandResult {
  /** Meetings sorted by start. Overlapping the window, not clipped to it. */
  readonly meetings: Meeting[];
  /** Local days (in `timeZone`) inside the window covered by an all-day out-of-office event. */
  readonly timeOff: TimeOffDay[];
  readonly problems: string[];
  readonly stats: ExpandStats;
  /** Set when the file was skipped for passing its budget: the reason (also the one problem). */
  readonly skipped?: string;
}

/** Decodes a file's bytes: UTF-8, or Windows-1252 when the bytes are not valid UTF-8 (old exports). */
export function decodeIcs(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Expands a calendar file's bytes (size-checked and decoded first). */
export function expandIcsBytes(bytes: Uint8Array, options: ExpandOptions): ExpandResult {
  const budget = budgetOf(options?.budget);
  if (!(bytes instanceof Uint8Array)) return emptyResult(['The calendar could not be read (not a file\'s contents).']);
  if (bytes.byteLength > budget.bytes) return skippedResult(reasons.bytes(budget, bytes.byteLength));
  return expandIcs(decodeIcs(bytes), options);
}

function emptyResult(problems: string[]): ExpandResult {
  return { meetings: [], timeOff: [], problems, stats: { events: 0, occurrences: 0, excluded: {} } };
}


/** Expands calendar text. See the file comment for the rules. Never throws. */
export function expandIcs(text: string, options: ExpandOptions): ExpandResult {
  let budget: CalendarBudget;
  try {
    budget = budgetOf(options?.budget);
    if (typeof text !== 'string') return emptyResult(['The calendar could not be read (not text).']);
    // A UTF-16 unit is at least one byte: over the limit in units is over it in bytes.
    if (text.length > budget.bytes) return skippedResult(reasons.bytes(budget, text.length));
    return new Expander(options, new BudgetMeter(budget, options.clock)).run(text);
  } catch (error) {
    if (error instanceof BudgetExceeded) return skippedResult(error.reason);
    // Only a bug of ours (or a stack overflow on absurd nesting) can get here; the user still gets an
    // answer, not a crash.
    return emptyResult(['The calendar could not be read (an unexpected error). Other calendars are unaffected.']);
  }
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** Years 1970-9999: the range isoString formats itself (outside it, Date does). */
const ISO_FAST_TO = 253_402_300_800_000; // 10000-01-01T00:00:00Z

/**
 * Same text as `new Date(ms).toISOString()`, several times faster: recurring meeting ids need one per
 * occurrence, and Date's formatter was a tenth of a large calendar's expansion time.
 * Days -> civil date after H. Hinnant's `civil_from_days` (exact integer arithmetic).
 */
export function isoString(ms: number): string {
  if (!(ms >= 0 && ms < ISO_FAST_TO) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Moves DTSTART of an unbounded rule (no COUNT) forward by whole periods to just before `targetWall`,
 * so that a series started in 1990 costs nothing. Whole periods keep every later occurrence: BY parts
 * are absolute (weekday, month day, set position within a period), and a moved DTSTART that does not
 * match them lies before the window, where nothing is kept. Returns the (possibly) new DTSTART wall.
 */
export function fastForward(recur: ICAL.Recur, startWall: number, targetWall: number): number {
  if (recur.count || targetWall <= startWall) return startWall;
  const parts = (recur.parts ?? {}) as Record<string, unknown>;
  const interval = recur.interval;
  switch (recur.freq) {
    case 'HOURLY':
    case 'DAILY':
    case 'WEEKLY': {
      if (parts.BYSETPOS !== undefined) return startWall;
      // Hourly steps are rounded up to whole days so the time of day and weekday filters keep their phase.
      const stepMs = recur.freq === 'HOURLY' ? (interval * 24 / gcd(interval, 24)) * 3_600_000 : interval * (recur.freq === 'DAILY' ? 1 : 7) * DAY_MS;
      const periods = Math.floor((targetWall - startWall) / stepMs) - 1;
      return periods > 0 ? startWall + periods * stepMs : startWall;
    }
    case 'MONTHLY':
    case 'YEARLY': {
      const d = new Date(startWall);
      const dayFromStart = parts.BYMONTHDAY === undefined && parts.BYDAY === undefined && parts.BYYEARDAY === undefined && parts.BYWEEKNO === undefined;
      // A day that some months (or years) lack cannot be moved without changing which ones are skipped.
      if (dayFromStart && (d.getUTCDate() > 28 || (recur.freq === 'YEARLY' && d.getUTCMonth() === 1 && d.getUTCDate() === 29))) return startWall;
      const t = new Date(targetWall);
      const months = (t.getUTCFullYear() - d.getUTCFullYear()) * 12 + (t.getUTCMonth() - d.getUTCMonth());
      const stepMonths = interval * (recur.freq === 'MONTHLY' ? 1 : 12);
      const periods = Math.floor(months / stepMonths) - 1;
      if (periods <= 0) return startWall;
      const moved = new Date(startWall);
      moved.setUTCMonth(d.getUTCMonth() + periods * stepMonths);
      return moved.getTime();
    }
    default:
      return startWall;
  }
}

/** ical.js' iterator as a wall-clock sequence (floating times: zones are applied by the caller). */
function icalWalls(recur: ICAL.Recur, startWall: number, isDate: boolean): () => number | undefined {
  const d = new Date(startWall);
  const dtstart = ICAL.Time.fromData({
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: isDate ? 0 : d.getUTCHours(), minute: isDate ? 0 : d.getUTCMinutes(), second: isDate ? 0 : d.getUTCSeconds(), isDate,
  });
  const it = recur.iterator(dtstart);
  return () => {
    const t = it.next();
    return t ? Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) : undefined;
  };
}

interface Override {
  readonly event: RawEvent;
  readonly rid: CalTime;
}

interface OccurrenceSink {
  timed(event: RawEvent, uid: string, startMs: number, endMs: number, recurring: boolean, verdict: string | undefined): void;
  allDay(startWall: number, days: number): void;
}

class Expander {
  private readonly rules: FilterRules;
  private readonly problems: string[] = [];
  private eventProblems = 0;
  private readonly userZone: Zone;
  private resolver = new ZoneResolver(new Map());
  private readonly meetings: Meeting[] = [];
  private readonly timeOff = new Set<string>();
  private readonly stats: ExpandStats = { events: 0, occurrences: 0, excluded: {} };
  /** Window as local wall-clock day numbers (Date.UTC of local midnight) for all-day events. */
  private readonly fromDayWall: number;
  private readonly toDayWall: number;

  constructor(
    private readonly options: ExpandOptions,
    private readonly meter: BudgetMeter,
  ) {
    const { rules, problems } = compileRules(options);
    this.rules = rules;
    this.problems.push(...problems);
    let zone = ianaZone(options.timeZone);
    if (!zone) {
      this.problems.push(`The time zone "${options.timeZone}" is not known; UTC was used instead.`);
      zone = UTC_ZONE;
    }
    this.userZone = zone;
    const dayOf = (ms: number) => {
      const wall = ms + zone.offsetAt(ms);
      return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
    };
    this.fromDayWall = dayOf(options.fromMs);
    this.toDayWall = dayOf(options.toMs - 1) + DAY_MS;
  }

  run(text: string): ExpandResult {
    // Attendee texts are read only for the owner's PARTSTAT; without `myEmails` they are just counted.
    const split = splitCalendar(text, { keepAttendees: this.rules.myEmails.size > 0 });
    if (split.notCalendar) return emptyResult([split.notCalendar]);
    this.meter.checkTime();
    this.resolver = new ZoneResolver(split.zones, this.meter);
    this.stats.events = split.events.length;
    if (split.events.length === 0) this.problems.push('The calendar has no events.');

    // Group by UID: one master per UID (highest SEQUENCE), overrides per UID.
    const masters = new Map<string, RawEvent>();
    const overrides = new Map<string, Override[]>();
    for (const event of split.events) {
      const uid = event.uid || `(no UID, line ${event.line})`;
      if (event.recurrenceId) {
        const rid = parseTime(event.recurrenceId.value, parseParams(event.recurrenceId.params).get('tzid'));
        if (!rid) {
          this.eventProblem(event, 'its RECURRENCE-ID is not a valid date');
          continue;
        }
        let list = overrides.get(uid);
        if (!list) overrides.set(uid, (list = []));
        list.push({ event, rid });
        continue;
      }
      const previous = masters.get(uid);
      if (!previous || event.sequence >= previous.sequence) masters.set(uid, event);
    }

    const sink: OccurrenceSink = {
      timed: (event, uid, startMs, endMs, recurring, verdict) => this.emitTimed(event, uid, startMs, endMs, recurring, verdict),
      allDay: (startWall, days) => this.emitTimeOff(startWall, days),
    };

    for (const [uid, master] of masters) {
      const list = overrides.get(uid) ?? [];
      try {
        this.expandMaster(uid, master, list, sink);
      } catch (error) {
        if (error instanceof BudgetExceeded) throw error;
        this.eventProblem(master, 'it could not be expanded');
      }
    }
    for (const [uid, list] of overrides) {
      try {
        this.emitOverrides(uid, masters.get(uid), list, sink);
      } catch (error) {
        if (error instanceof BudgetExceeded) throw error;
        this.eventProblem(list[0].event, 'its changed occurrences could not be read');
      }
    }

    for (const [tzid, reason] of this.resolver.unknown) {
      this.problems.push(`Times in the zone "${tzid}" were read as local time (${this.userZone.name}): ${reason}.`);
    }
    if (this.eventProblems > MAX_EVENT_PROBLEMS) {
      this.problems.push(`…and ${this.eventProblems - MAX_EVENT_PROBLEMS} more events were skipped.`);
    }
    this.meetings.sort((a, b) => a.start - b.start || a.end - b.end);
    const timeOff = [...this.timeOff].sort().map((date): TimeOffDay => ({ date, reason: 'calendar' }));
    return { meetings: this.meetings, timeOff, problems: this.problems, stats: this.stats };
  }

  private eventProblem(event: RawEvent, reason: string): void {
    this.eventProblems++;
    if (this.eventProblems <= MAX_EVENT_PROBLEMS) this.problems.push(`Skipped an event (line ${event.line}): ${reason}.`);
  }

  // ---- time placement ----

  /** The zone a time's wall clock is read in (UTC for 'Z', the user's for floating and unknown zones). */
  private zoneOf(t: CalTime): Zone {
    if (t.utc) return UTC_ZONE;
    if (t.tzid) {
      this.meter.tzid(t.tzid);
      return this.resolver.resolve(t.tzid) ?? this.userZone;
    }
    return this.userZone;
  }

  private place(t: CalTime): number {
    return this.zoneOf(t).wallToMs(wallOf(t));
  }

  /** Local date (as a day wall number) of a time: its own wall date, or the user's date for UTC times. */
  private dayWallOf(t: CalTime): number {
    if (t.utc) {
      const ms = wallOf(t);
      const wall = ms + this.userZone.offsetAt(ms);
      return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
    }
    return Date.UTC(t.year, t.month - 1, t.day);
  }

  private readTime(prop: RawProp | undefined): CalTime | undefined {
    if (!prop) return undefined;
    return parseTime(prop.value, prop.params ? parseParams(prop.params).get('tzid') : undefined);
  }

  // ---- emitting ----

  private emitTimed(event: RawEvent, uid: string, startMs: number, endMs: number, recurring: boolean, verdict: string | undefined): void {
    if (!(startMs >= MIN_INSTANT && endMs < MAX_INSTANT)) {
      this.eventProblem(event, 'its time is outside the range of dates (years 1-9999)');
      return;
    }
    if (endMs <= this.options.fromMs || startMs >= this.options.toMs) return;
    this.meter.occurrence();
    this.stats.occurrences++;
    if (verdict) {
      this.stats.excluded[verdict] = (this.stats.excluded[verdict] ?? 0) + 1;
      return;
    }
    if (endMs <= startMs) {
      this.stats.excluded['no duration'] = (this.stats.excluded['no duration'] ?? 0) + 1;
      return;
    }
    if (endMs - startMs > MAX_MEETING_MS) {
      this.eventProblem(event, `it lasts longer than ${MAX_MEETING_MS / DAY_MS} days, which no meeting does`);
      return;
    }
    this.meetings.push({
      id: recurring ? `${uid}@${isoString(startMs)}` : uid,
      title: this.title(event),
      attendees: event.attendeeCount,
      recurring,
      source: this.options.sourceId ?? '',
      start: startMs,
      end: endMs,
    });
  }

  private title(event: RawEvent): string {
    return (event.summary ?? '').trim();
  }

  private emitTimeOff(startWall: number, days: number): void {
    const end = startWall + days * DAY_MS;
    if (!(end > this.fromDayWall && startWall < this.toDayWall)) return; // also NaN
    this.meter.occurrence();
    this.stats.occurrences++;
    for (let d = Math.max(startWall, this.fromDayWall); d < Math.min(end, this.toDayWall); d += DAY_MS) {
      this.timeOff.add(new Date(d).toISOString().slice(0, 10));
    }
  }

  // ---- series ----

  private expandMaster(uid: string, event: RawEvent, overrides: readonly Override[], sink: OccurrenceSink): void {
    const start = this.readTime(event.dtstart);
    if (!start) {
      this.eventProblem(event, event.dtstart ? 'its start time is not a valid date' : 'it has no start time');
      return;
    }
    this.meter.rrules(event.rrules.length, event.line);
    const recurring = event.rrules.length > 0 || event.rdates.length > 0;
    if (start.isDate) {
      // All-day: only days off matter (an all-day event is never a meeting).
      if (!isTimeOff(event, this.rules)) return;
      this.expandAllDay(event, start, overrides, recurring, sink);
      return;
    }
    const verdict = exclusionReason(event, this.rules);
    const zone = this.zoneOf(start);
    const startWall = wallOf(start);
    const startMs = zone.wallToMs(startWall);
    const durMs = this.timedDuration(event, startMs, zone);
    if (!(startMs >= MIN_INSTANT && startMs < MAX_INSTANT) || !Number.isFinite(durMs) || !(startMs + durMs < MAX_INSTANT)) {
      this.eventProblem(event, 'its time or length is outside the range of dates (years 1-9999)');
      return;
    }
    if (durMs > MAX_MEETING_MS) {
      this.eventProblem(event, `it lasts longer than ${MAX_MEETING_MS / DAY_MS} days, which no meeting does`);
      return;
    }

    // Occurrences replaced by overrides: by instant, or by local date when the RECURRENCE-ID is a date.
    const replacedMs = new Set<number>(), replacedDays = new Set<number>();
    for (const o of overrides) {
      if (o.rid.isDate) replacedDays.add(this.dayWallOf(o.rid));
      else replacedMs.add(this.place(o.rid));
    }
    const emit = (ms: number, wall: number, dur: number) => {
      if (replacedMs.has(ms)) return;
      if (replacedDays.size > 0 && replacedDays.has(wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS))) return;
      sink.timed(event, uid, ms, ms + dur, recurring, verdict);
    };

    if (!recurring) {
      emit(startMs, startWall, durMs);
      return;
    }
    // An excluded series is not expanded at all (its overrides are judged on their own); the window
    // stats then count it as one event, which is all they are for.
    if (verdict) {
      this.stats.excluded[verdict] = (this.stats.excluded[verdict] ?? 0) + 1;
      return;
    }

    const exMs = new Set<number>(), exDays = new Set<number>();
    for (const prop of event.exdates) {
      for (const t of this.readList(prop)) {
        if (t.isDate) exDays.add(this.dayWallOf(t));
        else exMs.add(this.place(t));
      }
    }
    const seen = new Set<number>();
    const occurrence = (ms: number, wall: number, dur: number) => {
      if (seen.has(ms)) return;
      seen.add(ms);
      if (exMs.has(ms)) return;
      if (exDays.size > 0 && exDays.has(wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS))) return;
      emit(ms, wall, dur);
    };

    // DTSTART is always the first instance (RFC 5545 3.8.5.3), even when it does not match the rule,
    // which ical.js' iterator then skips.
    occurrence(startMs, startWall, durMs);
    for (const rule of event.rrules) {
      this.iterateRule(event, rule, start, zone, durMs, (wall) => {
        const ms = zone.wallToMs(wall);
        return { ms, stop: ms >= this.options.toMs, keep: ms + Math.max(durMs, 0) > this.options.fromMs || ms >= this.options.fromMs };
      }, (ms, wall) => occurrence(ms, wall, durMs));
    }
    for (const prop of event.rdates) {
      for (const r of this.readRdates(prop)) {
        const zoneR = this.zoneOf(r.start);
        const ms = zoneR.wallToMs(wallOf(r.start));
        const dur = r.end ? this.place(r.end) - ms : r.durationMs ?? durMs;
        occurrence(ms, wallOf(r.start), dur);
      }
    }
  }

  private timedDuration(event: RawEvent, startMs: number, zone: Zone): number {
    const end = this.readTime(event.dtend);
    if (end) {
      // A date-only DTEND on a timed event: midnight of that date in the event's zone.
      return (end.isDate ? zone.wallToMs(wallOf(end)) : this.place(end)) - startMs;
    }
    if (event.duration) {
      try {
        return ICAL.Duration.fromString(event.duration).toSeconds() * 1000;
      } catch {
        this.eventProblem(event, 'its DURATION is not valid');
      }
    }
    return 0;
  }

  /** EXDATE / RDATE values: comma-separated, sharing the property's TZID. */
  private readList(prop: RawProp): CalTime[] {
    const tzid = prop.params ? parseParams(prop.params).get('tzid') : undefined;
    const out: CalTime[] = [];
    for (const part of prop.value.split(',')) {
      const t = parseTime(part, tzid);
      if (t) out.push(t);
    }
    return out;
  }

  private readRdates(prop: RawProp): { start: CalTime; end?: CalTime; durationMs?: number }[] {
    const tzid = prop.params ? parseParams(prop.params).get('tzid') : undefined;
    const out: { start: CalTime; end?: CalTime; durationMs?: number }[] = [];
    for (const part of prop.value.split(',')) {
      const slash = part.indexOf('/');
      if (slash === -1) {
        const t = parseTime(part, tzid);
        if (t) out.push({ start: t });
        continue;
      }
      // VALUE=PERIOD: start/end or start/duration (ical.js' iterator would yield a Period here).
      const start = parseTime(part.slice(0, slash), tzid);
      if (!start) continue;
      const tail = part.slice(slash + 1).trim();
      if (/^[+-]?P/i.test(tail)) {
        try {
          out.push({ start, durationMs: ICAL.Duration.fromString(tail).toSeconds() * 1000 });
        } catch {
          out.push({ start });
        }
      } else {
        const end = parseTime(tail, tzid);
        out.push(end ? { start, end } : { start });
      }
    }
    return out;
  }

  /**
   * Runs one RRULE from DTSTART in wall-clock time (ical.js iterates floating times; zones are applied
   * by `place`). UNTIL is handled here, in the right zone, instead of by ical.js, which would compare a
   * floating time with a UTC one.
   */
  private iterateRule(
    event: RawEvent,
    rule: string,
    start: CalTime,
    zone: Zone,
    durMs: number,
    judge: (wall: number) => { ms: number; stop: boolean; keep: boolean },
    onOccurrence: (ms: number, wall: number) => void,
  ): void {
    const recur = this.parseRule(event, rule);
    if (!recur) return;
    const untilRaw = /(?:^|;)UNTIL=([^;]*)/i.exec(rule)?.[1];
    let untilMs = Infinity;
    if (untilRaw) {
      const u = parseTime(untilRaw, start.tzid);
      if (!u) {
        this.eventProblem(event, 'its repeat rule has an invalid end date');
        return;
      }
      // A date-only UNTIL on a timed series means "through that day" in the series' zone.
      untilMs = u.isDate ? zone.wallToMs(wallOf(u) + DAY_MS) - 1 : u.utc ? wallOf(u) : zone.wallToMs(wallOf(u));
    }
    const fromMs = this.options.fromMs;
    if (untilMs < fromMs - Math.max(durMs, 0)) return; // ended before the window

    const targetWall = fromMs + zone.offsetAt(fromMs) - Math.max(durMs, 0) - 2 * DAY_MS;
    const first = fastForward(recur, wallOf(start), targetWall);
    const simple = simpleRuleWalls(recur, first);
    const nextWall = simple ?? icalWalls(recur, first, false);
    const cap = simple ? MAX_ITERATIONS : MAX_ICAL_ITERATIONS;
    for (let n = 0; ; n++) {
      this.meter.step();
      if (n >= cap) {
        this.eventProblem(event, `its repeat rule has too many occurrences; only the first ${cap} were read`);
        return;
      }
      const wall = nextWall();
      if (wall === undefined) return;
      const { ms, stop, keep } = judge(wall);
      if (ms > untilMs || stop) return;
      if (keep) onOccurrence(ms, wall);
    }
  }

  // ---- all-day series (days off) ----

  private expandAllDay(event: RawEvent, start: CalTime, overrides: readonly Override[], recurring: boolean, sink: OccurrenceSink): void {
    const startWall = Date.UTC(start.year, start.month - 1, start.day);
    const days = this.allDayLength(event, startWall);
    if (!(days <= MAX_ALL_DAY_DAYS)) {
      this.eventProblem(event, `it lasts longer than ${MAX_ALL_DAY_DAYS} days`);
      return;
    }
    const replaced = new Set(overrides.map((o) => this.dayWallOf(o.rid)));
    if (!recurring) {
      if (!replaced.has(startWall)) sink.allDay(startWall, days);
      return;
    }
    // Exchange's date-time EXDATEs (…T000000 with a TZID) count by their wall-clock date.
    const ex = new Set<number>();
    for (const prop of event.exdates) for (const t of this.readList(prop)) ex.add(this.dayWallOf(t));
    const seen = new Set<number>();
    const occurrence = (wall: number) => {
      if (seen.has(wall) || ex.has(wall) || replaced.has(wall)) return;
      seen.add(wall);
      sink.allDay(wall, days);
    };
    occurrence(startWall); // DTSTART is always the first instance
    for (const rule of event.rrules) {
      const untilRaw = /(?:^|;)UNTIL=([^;]*)/i.exec(rule)?.[1];
      const untilT = untilRaw ? parseTime(untilRaw) : undefined;
      const untilDay = untilT ? this.dayWallOf(untilT) : Infinity;
      this.iterateDays(event, rule, startWall, days, untilDay, occurrence);
    }
    for (const prop of event.rdates) for (const r of this.readRdates(prop)) occurrence(this.dayWallOf(r.start));
  }

  private allDayLength(event: RawEvent, startWall: number): number {
    const end = this.readTime(event.dtend);
    if (end) return Math.max(1, Math.round((Date.UTC(end.year, end.month - 1, end.day) - startWall) / DAY_MS));
    if (event.duration) {
      try {
        return Math.max(1, Math.round(ICAL.Duration.fromString(event.duration).toSeconds() / 86_400));
      } catch {
        return 1;
      }
    }
    return 1;
  }

  /** The rule without UNTIL (handled by the caller), parsed and judged safe; undefined after a problem. */
  private parseRule(event: RawEvent, rule: string): ICAL.Recur | undefined {
    let recur: ICAL.Recur;
    try {
      recur = ICAL.Recur.fromString(rule.replace(/;?UNTIL=[^;]*/i, '').replace(/^;/, ''));
    } catch {
      this.eventProblem(event, 'its repeat rule is not valid');
      return undefined;
    }
    const unsafe = unsafeRuleReason(recur);
    if (unsafe) {
      this.eventProblem(event, `its repeat rule was not expanded because ${unsafe}`);
      return undefined;
    }
    return recur;
  }

  private iterateDays(event: RawEvent, rule: string, startWall: number, days: number, untilDay: number, onDay: (wall: number) => void): void {
    const recur = this.parseRule(event, rule);
    if (!recur) return;
    if (untilDay + days * DAY_MS <= this.fromDayWall) return;
    const first = fastForward(recur, startWall, this.fromDayWall - (days + 2) * DAY_MS);
    const simple = simpleRuleWalls(recur, first);
    const nextWall = simple ?? icalWalls(recur, first, true);
    for (let n = 0; n < (simple ? MAX_ITERATIONS : MAX_ICAL_ITERATIONS); n++) {
      this.meter.step();
      const wall = nextWall();
      if (wall === undefined) return;
      if (wall > untilDay || wall >= this.toDayWall) return;
      if (wall + days * DAY_MS > this.fromDayWall) onDay(wall);
    }
    this.eventProblem(event, `its repeat rule has too many occurrences; only the first ${MAX_ITERATIONS} were read`);
  }

  // ---- overrides ----

  private emitOverrides(uid: string, master: RawEvent | undefined, list: readonly Override[], sink: OccurrenceSink): void {
    // One override per occurrence: the highest SEQUENCE (ties: the later one in the file).
    const masterStart = master ? this.readTime(master.dtstart) : undefined;
    const allDayMaster = masterStart?.isDate === true;
    const byKey = new Map<string, Override>();
    for (const o of list) {
      const key = allDayMaster || o.rid.isDate ? `d${this.dayWallOf(o.rid)}` : `m${this.place(o.rid)}`;
      const previous = byKey.get(key);
      if (!previous || o.event.sequence >= previous.event.sequence) byKey.set(key, o);
    }
    for (const o of byKey.values()) {
      const event = o.event;
      const start = this.readTime(event.dtstart) ?? o.rid; // an override may inherit the original time
      if (start.isDate) {
        if (isTimeOff(event, this.rules)) {
          const startWall = Date.UTC(start.year, start.month - 1, start.day);
          sink.allDay(startWall, this.allDayLength(event, startWall));
        }
        continue;
      }
      const zone = this.zoneOf(start);
      const startMs = zone.wallToMs(wallOf(start));
      let durMs = this.timedDuration(event, startMs, zone);
      if (!event.dtend && !event.duration && master && masterStart && !masterStart.isDate) {
        // No end of its own: keep the series' length.
        const mz = this.zoneOf(masterStart);
        durMs = this.timedDuration(master, mz.wallToMs(wallOf(masterStart)), mz);
      }
      sink.timed(event, uid, startMs, startMs + durMs, true, exclusionReason(event, this.rules));
    }
  }
}
