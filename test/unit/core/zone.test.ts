import { describe, expect, test } from 'vitest';
import { addDays, dateRange, dayBoundaries, isoWeek, isoWeekMonday, isValidDate, localDate, monthRange, startOfDay, startOfIsoWeek, zonedTime } from '../../../src/core/zone';
import { seededRandom } from '../../../src/core/random';

describe('local days', () => {
  test('midnight in Berlin is 23:00Z in winter and 22:00Z in summer', () => {
    expect(new Date(startOfDay('2026-01-15', 'Europe/Berlin')).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(new Date(startOfDay('2026-07-15', 'Europe/Berlin')).toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  test('DST days are 23 and 25 hours long', () => {
    const { bounds } = dayBoundaries('2026-03-29', '2026-03-29', 'Europe/Berlin');
    expect((bounds[1] - bounds[0]) / 3_600_000).toBe(23);
    const fall = dayBoundaries('2026-11-01', '2026-11-01', 'America/New_York').bounds;
    expect((fall[1] - fall[0]) / 3_600_000).toBe(25);
  });

  test('a wall time inside the spring gap resolves to just after it; a repeated one to its first occurrence', () => {
    // 02:30 on 2026-03-29 does not exist in Berlin: 03:00 CEST = 01:00Z.
    expect(new Date(zonedTime('2026-03-29', 150, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 01:30 on 2026-11-01 in New York happens twice: first at 05:30Z (EDT).
    expect(new Date(zonedTime('2026-11-01', 90, 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  test('a zone whose midnight falls in a DST gap starts the day at the first real instant', () => {
    // Santiago 2026-09-06: clocks jump from 00:00 to 01:00 (UTC-4 -> UTC-3), so the day starts 04:00Z.
    expect(new Date(startOfDay('2026-09-06', 'America/Santiago')).toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  test('localDate reads the zone, not the machine', () => {
    expect(localDate(Date.parse('2026-01-14T23:30:00Z'), 'Europe/Berlin')).toBe('2026-01-15');
    expect(localDate(Date.parse('2026-01-14T23:30:00Z'), 'America/Los_Angeles')).toBe('2026-01-14');
  });
});

describe('calendar arithmetic', () => {
  test('ISO weeks at year ends', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01'); // a Thursday
    expect(isoWeek('2027-01-01')).toBe('2026-W53'); // a Friday: 2026 has 53 weeks
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(startOfIsoWeek('2026-11-22')).toBe('2026-11-16');
  });

  test('ranges and months', () => {
    expect(dateRange('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(isValidDate('2026-02-30')).toBe(false);
    expect(isValidDate('2026-2-3')).toBe(false);
  });
});

describe('ISO week Mondays', () => {
  test('week 1 is the week with January 4th; a year has 53 weeks only when it starts on a Thursday (or a leap Wednesday)', () => {
    // 2026-01-01 is a Thursday: its week (Mon 2025-12-29) is 2026-W01, and 2026 has 53 weeks.
    expect(isoWeekMonday(2026, 1)).toBe('2025-12-29');
    expect(isoWeekMonday(2026, 53)).toBe('2026-12-28');
    // 2025-01-01 is a Wednesday of a common year: 52 weeks, so 2025-W53 does not exist.
    expect(isoWeekMonday(2025, 53)).toBeUndefined();
    expect(isoWeekMonday(2024, 0)).toBeUndefined();
    // Round trip with isoWeek for every Monday of two years.
    for (const d of dateRange('2024-01-01', '2025-12-31').filter((x) => new Date(`${x}T00:00:00Z`).getUTCDay() === 1)) {
      const [y, w] = isoWeek(d).split('-W').map(Number);
      expect(isoWeekMonday(y, w)).toBe(d);
    }
  });
});

describe('localDate remembers whole days', () => {
  // The reference: Intl asked directly, with no memo in between.
  const formats = new Map<string, Intl.DateTimeFormat>();
  const exact = (instant: number, timeZone: string) => {
    if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
    return formats.get(timeZone)!.format(new Date(instant));
  };
  const zones = ['UTC', 'Europe/Berlin', 'America/Santiago', 'Asia/Beirut', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Apia', 'Asia/Kathmandu'];

  test('every instant across DST changes and a skipped date matches Intl, in time order and in random order', () => {
    const from = Date.parse('2011-12-28T00:00:00Z'); // Samoa skipped 2011-12-30 (Pacific/Apia)
    const to = Date.parse('2012-01-02T00:00:00Z');
    const later = [Date.parse('2026-03-27T00:00:00Z'), Date.parse('2026-04-07T00:00:00Z'), Date.parse('2026-10-23T00:00:00Z'), Date.parse('2026-11-03T00:00:00Z')];
    const instants: number[] = [];
    for (let t = from; t < to; t += 7 * 60_000) instants.push(t);
    for (let i = 0; i < later.length; i += 2) for (let t = later[i]; t < later[i + 1]; t += 11 * 60_000) instants.push(t);
    const random = seededRandom(9);
    const shuffled = instants.filter((_, i) => i % 3 === 0).sort(() => random() - 0.5);
    for (const zone of zones) {
      for (const t of [...instants, ...shuffled]) expect(localDate(t, zone), `${zone} ${new Date(t).toISOString()}`).toBe(exact(t, zone));
    }
  });

  test('the last instant of a day and the first of the next, in both orders', () => {
    const start = startOfDay('2026-03-29', 'Europe/Berlin'); // a 23-hour day
    const end = startOfDay('2026-03-30', 'Europe/Berlin');
    expect([localDate(end - 1, 'Europe/Berlin'), localDate(end, 'Europe/Berlin'), localDate(start - 1, 'Europe/Berlin'), localDate(start, 'Europe/Berlin')])
      .toEqual(['2026-03-29', '2026-03-30', '2026-03-28', '2026-03-29']);
  });
});
