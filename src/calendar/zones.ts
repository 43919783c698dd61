// Time zones for calendar times: wall-clock fields -> UTC instants.
//
// Why not the file's VTIMEZONE: real feeds ship truncated or wrong definitions (one iCalcreator feed
// starts its rules in 2018), and Outlook names zones ("W. Europe Standard Time") without defining them,
// which ical.js then reads as UTC. So a TZID is resolved in this order:
//   1. UTC spellings and fixed offsets ("UTC+01", "GMT-05:00");
//   2. IANA names, using the runtime's own tz database through Intl (full history, unlike
//      timezones-ical-library, which only carries each zone's current rules from 1970);
//   3. Windows names, mapped to IANA by windows-iana;
//   4. IANA names hidden in prefixes ("/mozilla.org/20050126_1/Europe/Berlin");
//   5. IANA names Intl does not know but timezones-ical-library does (small-ICU runtimes);
//   6. only then the file's own VTIMEZONE, for custom or unknown TZIDs ("tzone://Microsoft/Custom").
// An unresolvable TZID is read as floating time (the user's zone), and reported once.
import ICAL from 'ical.js';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { findIana } from 'windows-iana';
import { isValidTimeZone, offsetMs } from '../core/zone';
import type { BudgetMeter } from './budget';
import { unsafeRuleReason } from './rules';

const DAY_MS = 86_400_000;
/** Transition tables are computed per block of 2^35 ms (about 398 days). */
const BLOCK_MS = 2 ** 35;

/** A zone turns a wall-clock time (given as Date.UTC of its fields) into an instant, and back. */
export interface Zone {
  readonly name: string;
  /** Instant of a local wall time. In a DST gap: the instant after the gap; in a fold: the first one. */
  wallToMs(wall: number): number;
  /** Offset from UTC (ms, east positive) in force at an instant. */
  offsetAt(ms: number): number;
}

class FixedZone implements Zone {
  constructor(readonly name: string, private readonly offset: number) {}
  wallToMs(wall: number): number {
    return wall - this.offset;
  }
  offsetAt(): number {
    return this.offset;
  }
}

export const UTC_ZONE: Zone = new FixedZone('UTC', 0);

/** Chooses the instant for a wall time from the offsets in force around it (same rule as core/zone.ts). */
function wallToMsWith(zone: Zone, wall: number): number {
  const a = zone.offsetAt(wall - DAY_MS), b = zone.offsetAt(wall), c = zone.offsetAt(wall + DAY_MS);
  if (a === b && b === c) return wall - b; // the common case: no transition within a day
  let best: number | undefined;
  for (const off of [a, b, c]) {
    const instant = wall - off;
    if (zone.offsetAt(instant) === off && (best === undefined || instant < best)) best = instant;
  }
  return best ?? wall - Math.min(a, b, c);
}

/**
 * An IANA zone backed by the runtime's Intl data. Intl is slow per call (microseconds), so each block
 * of time is sampled once a day and transitions are found by bisection; lookups are then a short scan.
 */
class IntlZone implements Zone {
  private readonly blocks = new Map<number, { at: number[]; off: number[] }>();
  constructor(readonly name: string) {}

  offsetAt(ms: number): number {
    const key = Math.floor(ms / BLOCK_MS);
    let block = this.blocks.get(key);
    if (!block) this.blocks.set(key, (block = this.computeBlock(key * BLOCK_MS)));
    let i = block.at.length - 1;
    while (i > 0 && block.at[i] > ms) i--;
    return block.off[i];
  }

  wallToMs(wall: number): number {
    return wallToMsWith(this, wall);
  }

  private computeBlock(start: number): { at: number[]; off: number[] } {
    const at = [start], off = [offsetMs(start, this.name)];
    for (let t = start; t < start + BLOCK_MS; t += DAY_MS) {
      const next = Math.min(t + DAY_MS, start + BLOCK_MS);
      const o = offsetMs(next, this.name);
      if (o === off[off.length - 1]) continue;
      // Bisect to the minute: the first instant with the new offset.
      let lo = t, hi = next;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetMs(mid, this.name) === o) hi = mid;
        else lo = mid;
      }
      at.push(hi);
      off.push(o);
    }
    return { at, off };
  }
}

/**
 * Beyond this instant a VTIMEZONE's offsets are taken as those in force at it: ical.js expands every
 * transition from the rule's DTSTART up to the year asked for, so a meeting dated 9999 in a zone with a
 * thousand rules would otherwise cost millions of steps inside one call that no budget can interrupt.
 */
const ICAL_ZONE_LAST = Date.UTC(2200, 0, 1);

/** A zone defined by a VTIMEZONE component (the file's own, or timezones-ical-library's). */
class IcalZone implements Zone {
  constructor(readonly name: string, private readonly tz: ICAL.Timezone) {}
  wallToMs(wall: number): number {
    if (!(wall < ICAL_ZONE_LAST)) return wall - this.offsetAt(ICAL_ZONE_LAST);
    const d = new Date(wall);
    const t = new ICAL.Time(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() },
      this.tz,
    );
    return t.toUnixTime() * 1000;
  }
  offsetAt(instant: number): number {
    const ms = Math.min(instant, ICAL_ZONE_LAST);
    const t = ICAL.Time.fromJSDate(new Date(Math.floor(ms / 1000) * 1000), true);
    const local = t.convertToZone(this.tz);
    return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - Math.floor(ms / 1000) * 1000;
  }
}

const ianaCache = new Map<string, Zone | null>();

/** The zone for an IANA name (or UTC spelling / fixed offset), or undefined. Cached for the process. */
export function ianaZone(name: string): Zone | undefined {
  let z = ianaCache.get(name);
  if (z === undefined) {
    z = fixedZone(name) ?? (isIanaName(name) ? new IntlZone(name) : tzlibZone(name)) ?? null;
    ianaCache.set(name, z);
  }
  return z ?? undefined;
}

function isIanaName(name: string): boolean {
  // Intl also accepts odd things ("EST", "Etc/GMT+5"); they are real tz database entries, so accept.
  return name.length > 0 && name.length < 64 && isValidTimeZone(name);
}

const FIXED_RE = /^(?:UTC|GMT|Z)?\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i;

function fixedZone(name: string): Zone | undefined {
  const s = name.trim();
  if (/^(?:Z|UTC|GMT|Etc\/UTC|Etc\/GMT|Universal|Zulu|Coordinated Universal Time)$/i.test(s)) return UTC_ZONE;
  if (!/^(?:UTC|GMT)/i.test(s)) return undefined;
  const m = FIXED_RE.exec(s);
  if (!m || !m[1]) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return undefined;
  return new FixedZone(s, (m[1] === '-' ? -1 : 1) * minutes * 60_000);
}

let tzlibNames: Set<string> | undefined;

function tzlibZone(name: string): Zone | undefined {
  try {
    // Asking tzlib about a name it lacks prints to the console, so check its list first.
    if (!tzlibNames) {
      const list = tzlib_get_timezones();
      tzlibNames = new Set(Array.isArray(list) ? list : []);
    }
    if (!tzlibNames.has(name)) return undefined;
    const block = tzlib_get_ical_block(name);
    if (!Array.isArray(block) || !block[0]) return undefined;
    const comp = new ICAL.Component(ICAL.parse(block[0]) as unknown as unknown[]);
    return new IcalZone(name, new ICAL.Timezone({ component: comp, tzid: name }));
  } catch {
    return undefined;
  }
}

/** The IANA zone for a Windows zone name ("W. Europe Standard Time"), if windows-iana knows it. */
function windowsZone(name: string): Zone | undefined {
  try {
    const iana = findIana(name);
    for (const candidate of iana) {
      const z = ianaZone(candidate);
      if (z) return z;
    }
  } catch {
    // windows-iana throws on nothing we pass, but a library update should not break calendars.
  }
  return undefined;
}

/** IANA names have at most three parts ("America/Argentina/Buenos_Aires"). */
const MAX_ZONE_PARTS = 3;

/**
 * "/mozilla.org/20050126_1/Europe/Berlin" -> Europe/Berlin: try the last few parts of the path (only
 * those: trying every suffix of a TZID with tens of thousands of parts would be quadratic).
 */
function suffixZone(name: string): Zone | undefined {
  if (!name.includes('/')) return undefined;
  const parts = name.split('/').filter((p) => p.length > 0).slice(-(MAX_ZONE_PARTS + 1));
  for (let i = 1; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/');
    if (candidate.includes('/') || i === parts.length - 1) {
      const z = isIanaName(candidate) ? ianaZone(candidate) : undefined;
      if (z) return z;
    }
  }
  return undefined;
}

/** Limits that keep a hostile VTIMEZONE from costing more than a real one ever does. */
const MAX_VTIMEZONE_CHARS = 200_000;
const MAX_VTIMEZONE_RULES = 1_000;
const MAX_VTIMEZONE_RDATES = 5_000;
/** RRULEs in one STANDARD/DAYLIGHT part: real definitions have one. */
const MAX_RRULES_PER_RULE = 4;

/**
 * Why a parsed VTIMEZONE must not be used, or undefined. The rules are judged on ical.js' own reading
 * of them (the parsed ICAL.Recur), never on the text: a rule written with parameters
 * (`RRULE;X-A=1:FREQ=SECONDLY`) or with an unknown part before FREQ reads the same to ical.js as a plain
 * one, so it must be judged the same. Only YEARLY/MONTHLY rules are accepted: anything finer makes
 * ical.js expand transitions for ever.
 */
function vtimezoneProblem(comp: ICAL.Component): string | undefined {
  if (comp.name !== 'vtimezone') return 'its definition is not a VTIMEZONE';
  const parts = comp.getAllSubcomponents();
  if (parts.length === 0) return 'its definition has no rules';
  if (parts.length > MAX_VTIMEZONE_RULES) return 'its definition has too many rules';
  let rdates = 0;
  for (const part of parts) {
    if ((part.name !== 'standard' && part.name !== 'daylight') || part.getAllSubcomponents().length > 0) {
      return 'its definition has unexpected nested parts';
    }
    const rrules = part.getAllProperties('rrule');
    if (rrules.length > MAX_RRULES_PER_RULE) return 'its definition repeats in an unsupported way';
    for (const prop of rrules) {
      for (const value of prop.getValues()) {
        if (!(value instanceof ICAL.Recur)) return 'its definition repeats in an unsupported way';
        if (value.freq !== 'YEARLY' && value.freq !== 'MONTHLY') return 'its definition repeats in an unsupported way';
        if (unsafeRuleReason(value)) return 'its definition repeats in an unsupported way';
      }
    }
    for (const prop of part.getAllProperties('rdate')) rdates += prop.getValues().length;
    if (rdates > MAX_VTIMEZONE_RDATES) return 'its definition has too many dates';
  }
  return undefined;
}

/** Builds a zone from a VTIMEZONE block's text, or returns a reason why it cannot be trusted. */
export function zoneFromVtimezone(tzid: string, text: string): Zone | string {
  if (text.length > MAX_VTIMEZONE_CHARS) return 'its definition is too large';
  try {
    const comp = new ICAL.Component(ICAL.parse(text) as unknown as unknown[]);
    const problem = vtimezoneProblem(comp);
    if (problem) return problem;
    const tz = new ICAL.Timezone({ component: comp, tzid });
    const zone = new IcalZone(tzid, tz);
    // Exercise it once so that a broken definition fails here, not in the middle of a series.
    zone.wallToMs(Date.UTC(2020, 0, 1, 12));
    return zone;
  } catch {
    // Includes a stack overflow on absurdly nested text: the zone is unusable, the file is not.
    return 'its definition could not be read';
  }
}

/** Resolves TZIDs of one file: real zone data first, the file's VTIMEZONE text only as a fallback. */
export class ZoneResolver {
  private readonly resolved = new Map<string, Zone | null>();
  /** TZIDs that could not be resolved (read as floating), with the reason, for the problem list. */
  readonly unknown = new Map<string, string>();

  constructor(
    private readonly fileZones: ReadonlyMap<string, string>,
    /** Charged for the file's own definitions: each costs about one step per rule and year. */
    private readonly meter?: BudgetMeter,
  ) {}

  resolve(rawTzid: string): Zone | undefined {
    let z = this.resolved.get(rawTzid);
    if (z === undefined) {
      z = this.lookup(rawTzid) ?? null;
      this.resolved.set(rawTzid, z);
    }
    return z ?? undefined;
  }

  private lookup(rawTzid: string): Zone | undefined {
    const tzid = rawTzid.trim().replace(/^"(.*)"$/, '$1').trim();
    const known = ianaZone(tzid) ?? windowsZone(tzid) ?? suffixZone(tzid);
    if (known) return known;
    const text = this.fileZones.get(rawTzid) ?? this.fileZones.get(tzid);
    if (text === undefined) {
      this.unknown.set(tzid, 'it is not a known time zone and the file does not define it');
      return undefined;
    }
    this.meter?.charge(Math.ceil(text.length / 64));
    const z = zoneFromVtimezone(tzid, text);
    this.meter?.checkTime();
    if (typeof z === 'string') {
      this.unknown.set(tzid, z);
      return undefined;
    }
    return z;
  }
}
