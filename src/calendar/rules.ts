// Guards against recurrence rules that make ical.js' iterator spin without yielding.
//
// ical.js stops MONTHLY and YEARLY rules that can never match (upstream issues 318, 509), but a
// DAILY/WEEKLY/HOURLY rule whose BYMONTH/BYMONTHDAY/BYYEARDAY filters can never be met (for example
// FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) loops inside one next() call for ever: no iteration cap can
// interrupt it. Such rules are checked here before iterating. Per-second and per-minute rules are
// refused outright: no calendar uses them for meetings, and they are the cheapest way to make an
// expansion enormous.
import type ICAL from 'ical.js';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function numbers(values: unknown): number[] {
  return Array.isArray(values) ? values.map((v) => Number(v)) : [];
}

function inRange(values: number[], min: number, max: number, allowNegative: boolean): boolean {
  return values.every((v) => Number.isInteger(v) && ((v >= min && v <= max) || (allowNegative && v <= -min && v >= -max)));
}

/** Why a rule must not be iterated, or undefined when it is safe. */
export function unsafeRuleReason(recur: ICAL.Recur): string | undefined {
  const freq = recur.freq;
  if (freq === 'SECONDLY' || freq === 'MINUTELY') return 'it repeats every second or minute';
  if (!['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) return 'its frequency is not valid';
  if (!Number.isInteger(recur.interval) || recur.interval < 1 || recur.interval > 100_000) return 'its interval is not valid';
  const parts = (recur.parts ?? {}) as Record<string, unknown>;
  const byMonth = numbers(parts.BYMONTH), byMonthDay = numbers(parts.BYMONTHDAY), byYearDay = numbers(parts.BYYEARDAY);
  const byDay = Array.isArray(parts.BYDAY) ? (parts.BYDAY as unknown[]).map((d) => String(d).toUpperCase()) : [];
  if (!inRange(byMonth, 1, 12, false) || !inRange(byMonthDay, 1, 31, true) || !inRange(byYearDay, 1, 366, true)) {
    return 'it has out-of-range BY parts';
  }
  if (!inRange(numbers(parts.BYHOUR), 0, 23, false) || !inRange(numbers(parts.BYMINUTE), 0, 59, false) || !inRange(numbers(parts.BYSECOND), 0, 60, false)) {
    return 'it has out-of-range times';
  }
  if (!inRange(numbers(parts.BYSETPOS), 1, 366, true)) return 'it has an out-of-range BYSETPOS';
  const plainDays = byDay.every((d) => WEEKDAYS.includes(d));
  if (freq === 'YEARLY' || freq === 'MONTHLY') {
    // ical.js gives up on these by itself after a bounded number of empty periods.
    return byDay.every((d) => /^[+-]?\d{0,2}(SU|MO|TU|WE|TH|FR|SA)$/.test(d)) ? undefined : 'it has invalid weekdays';
  }
  // HOURLY, DAILY, WEEKLY: weekdays cannot carry an ordinal, and BYWEEKNO belongs to YEARLY rules.
  if (!plainDays) return 'it has weekdays with a position, which only monthly and yearly rules allow';
  if (parts.BYWEEKNO !== undefined) return 'it uses BYWEEKNO outside a yearly rule';
  if (byMonth.length + byMonthDay.length + byYearDay.length === 0) return undefined;
  return satisfiable(byMonth, byMonthDay, byYearDay, byDay) ? undefined : 'no date can ever match it';
}

/** Whether some date in a full 28-year weekday/leap cycle meets every filter. */
function satisfiable(byMonth: number[], byMonthDay: number[], byYearDay: number[], byDay: string[]): boolean {
  const start = Date.UTC(2000, 0, 1);
  for (let i = 0; i < 28 * 366; i++) {
    const d = new Date(start + i * DAY_MS);
    const y = d.getUTCFullYear(), m = d.getUTCMonth() + 1, md = d.getUTCDate();
    if (byMonth.length && !byMonth.includes(m)) continue;
    if (byMonthDay.length) {
      const len = new Date(Date.UTC(y, m, 0)).getUTCDate();
      if (!byMonthDay.some((v) => v === md || v === md - len - 1)) continue;
    }
    if (byYearDay.length) {
      const yd = Math.round((Date.UTC(y, m - 1, md) - Date.UTC(y, 0, 1)) / DAY_MS) + 1;
      const ylen = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365;
      if (!byYearDay.some((v) => v === yd || v === yd - ylen - 1)) continue;
    }
    if (byDay.length && !byDay.includes(WEEKDAYS[d.getUTCDay()])) continue;
    return true;
  }
  return false;
}

/**
 * Occurrences (as wall-clock values) of the two rule shapes almost every meeting series uses:
 * FREQ=DAILY or FREQ=WEEKLY, with INTERVAL, COUNT, WKST and (weekly) plain BYDAY, and a DTSTART that
 * matches the rule. ical.js creates several Time objects per step; this is plain arithmetic, which is
 * what keeps 23,500-event calendars under a second. Anything else returns undefined and goes to
 * ical.js. test/unit/calendar/rules.test.ts checks this against ical.js on random rules.
 */
export function simpleRuleWalls(recur: ICAL.Recur, startWall: number): (() => number | undefined) | undefined {
  const freq = recur.freq;
  if (freq !== 'DAILY' && freq !== 'WEEKLY') return undefined;
  const parts = (recur.parts ?? {}) as Record<string, unknown>;
  const keys = Object.keys(parts).filter((k) => parts[k] !== undefined);
  if (keys.some((k) => k !== 'BYDAY') || (freq === 'DAILY' && keys.length > 0)) return undefined;
  const interval = recur.interval;
  const count = recur.count ?? Infinity;
  const startDay = Math.floor(startWall / DAY_MS) * DAY_MS;
  const time = startWall - startDay;
  const jsDay = (dayWall: number) => new Date(dayWall).getUTCDay(); // 0 = Sunday
  let offsets: number[];
  let weekStart: number;
  if (freq === 'DAILY') {
    offsets = [0];
    weekStart = startDay;
  } else {
    const wkst = (recur.wkst ?? 2) - 1; // ical.js: 1 = Sunday .. 7 = Saturday
    const byDay = Array.isArray(parts.BYDAY) ? (parts.BYDAY as unknown[]).map((d) => WEEKDAYS.indexOf(String(d).toUpperCase())) : [jsDay(startDay)];
    if (byDay.some((d) => d < 0) || !byDay.includes(jsDay(startDay))) return undefined;
    offsets = [...new Set(byDay.map((d) => (d - wkst + 7) % 7))].sort((a, b) => a - b);
    weekStart = startDay - ((jsDay(startDay) - wkst + 7) % 7) * DAY_MS;
  }
  const period = (freq === 'DAILY' ? 1 : 7) * interval * DAY_MS;
  let period0 = weekStart, index = 0, produced = 0;
  return () => {
    for (;;) {
      if (produced >= count) return undefined;
      if (index >= offsets.length) {
        index = 0;
        period0 += period;
      }
      const wall = period0 + offsets[index++] * DAY_MS + time;
      if (wall < startWall) continue;
      produced++;
      return wall;
    }
  };
}
