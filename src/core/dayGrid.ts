// Fast local-day boundaries for long ranges (the same answer as zone.dayBoundaries, with about one Intl call
// per day instead of several): a day that starts and ends at the same UTC offset is exactly 24 hours long.
import { addDays, dateRange, localParts, startOfDay } from './zone';

const DAY = 86_400_000;

/** UTC offset at an instant, or NaN when the local time there is not a midnight. */
function offsetAt(instant: number, timeZone: string, midnightOnly: boolean): number {
  const p = localParts(instant, timeZone);
  if (midnightOnly && (p.hour !== 0 || p.minute !== 0 || p.second !== 0)) return Number.NaN;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * Start instants of each day in [from, to + 1], as zone.dayBoundaries returns them: bounds[i]..bounds[i+1]
 * is dates[i]. Walks forward a day at a time and falls back to startOfDay only where the offset changed.
 */
export function dayGrid(from: string, to: string, timeZone: string): { dates: string[]; bounds: number[] } {
  const dates = dateRange(from, to);
  const bounds: number[] = new Array(dates.length + 1);
  let prev = startOfDay(from, timeZone);
  let prevOffset = offsetAt(prev, timeZone, false);
  bounds[0] = prev;
  for (let i = 1; i <= dates.length; i++) {
    const guess = prev + DAY;
    const off = offsetAt(guess, timeZone, true);
    if (off === prevOffset) {
      // Local midnight at the same offset (no transition in between): the guess is the next day's start.
      prev = guess;
    } else {
      prev = startOfDay(i < dates.length ? dates[i] : addDays(to, 1), timeZone);
      prevOffset = offsetAt(prev, timeZone, false);
    }
    bounds[i] = prev;
  }
  return { dates, bounds };
}
