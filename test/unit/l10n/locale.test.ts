// The localizer and the Intl wording. English is pinned to the wording every surface used before
// localisation; German expectations are the choices documented in docs/architecture.md "Localisation":
// Intl's short units ("Std.", "Min."), a decimal comma, a no-break space before "%", "2. März".
import { describe, expect, test } from 'vitest';
import {
  bundleLocalizer, categoryName, describeDurationIn, durationIn, ENGLISH, formatMessage, hoursIn, hoursNumberIn, monthLabelIn, numberIn,
  percentIn, shortDateIn, weekdaysIn,
} from '../../../src/shared/locale';
import { describeDuration } from '../../../src/views/labels';

const MIN = 60_000, HOUR = 3_600_000;
const de = bundleLocalizer('de', { 'n/a': 'k. A.', '{0} of {1}': '{0} von {1}', coding: 'Programmieren' });

describe('messages', () => {
  test('placeholders are replaced by position; one without an argument stays', () => {
    expect(formatMessage('{1} before {0}', ['a', 2])).toBe('2 before a');
    expect(formatMessage('{0} and {1}', ['x'])).toBe('x and {1}');
    expect(formatMessage('no placeholders', ['x'])).toBe('no placeholders');
  });

  test('a bundle translates what it has and leaves the rest English', () => {
    expect(de.t('{0} of {1}', 3, 4)).toBe('3 von 4');
    expect(de.t('not in the bundle {0}', 'x')).toBe('not in the bundle x');
    expect(categoryName(de, 'coding')).toBe('Programmieren');
    expect(categoryName(ENGLISH, 'coding')).toBe('coding');
  });

  test('an English display language ignores any bundle; a bundle never answers for an inherited key', () => {
    expect(bundleLocalizer('en-gb', { '{0} of {1}': 'X' }).t('{0} of {1}', 1, 2)).toBe('1 of 2');
    expect(de.t('toString')).toBe('toString');
  });
});

describe('English wording (unchanged)', () => {
  test('durations, hours, percentages, months and dates', () => {
    expect(durationIn(ENGLISH, 125 * MIN)).toBe('2h 05m');
    expect(durationIn(ENGLISH, 45 * MIN + 59_999)).toBe('45m');
    expect(hoursIn(ENGLISH, 1.5 * HOUR)).toBe('1.5 h');
    expect(hoursNumberIn(ENGLISH, 12.46 * HOUR)).toBe('12.5');
    expect(percentIn(ENGLISH, 0.625)).toBe('63 %');
    expect(percentIn(ENGLISH, null)).toBe('n/a');
    expect(monthLabelIn(ENGLISH, '2026-03')).toBe('March 2026');
    expect(shortDateIn(ENGLISH, '2026-03-02')).toBe('2 Mar');
    expect(weekdaysIn(ENGLISH)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(numberIn(ENGLISH, 1234)).toBe('1234');
    expect(describeDurationIn(ENGLISH, 125 * MIN, describeDuration)).toBe('2 hours 5 minutes');
  });
});

describe('German wording (Intl, de)', () => {
  test('compact durations: hours and two-digit minutes with short units, floored to the minute', () => {
    expect(durationIn(de, 125 * MIN)).toBe('2 Std. 05 Min.');
    expect(durationIn(de, 45 * MIN + 59_999)).toBe('45 Min.');
    expect(durationIn(de, 0)).toBe('0 Min.');
  });

  test('hours with one decimal and a decimal comma', () => {
    expect(hoursIn(de, 1.5 * HOUR)).toBe('1,5 Std.');
    expect(hoursNumberIn(de, 12.46 * HOUR)).toBe('12,5');
    expect(hoursIn(de, 1234.5 * HOUR)).toBe('1234,5 Std.'); // no grouping inside a table cell
    expect(numberIn(de, 1234)).toBe('1.234');
  });

  test('percentages with a no-break space, "k. A." for no value', () => {
    expect(percentIn(de, 0.62)).toBe('62\u00a0%');
    expect(percentIn(de, 0.625)).toBe('63\u00a0%'); // rounded half up like the English one
    expect(percentIn(de, null)).toBe('k. A.');
  });

  test('months, dates and weekdays', () => {
    expect(monthLabelIn(de, '2026-03')).toBe('März 2026');
    expect(monthLabelIn(de, '2026-12')).toBe('Dezember 2026');
    expect(shortDateIn(de, '2026-03-02')).toBe('2. März');
    expect(weekdaysIn(de)).toEqual(['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
  });

  test('durations spelled out for screen readers, zero hours left out', () => {
    expect(describeDurationIn(de, 125 * MIN, describeDuration)).toBe('2 Stunden 5 Minuten');
    expect(describeDurationIn(de, 60 * MIN, describeDuration)).toBe('1 Stunde');
    expect(describeDurationIn(de, 0, describeDuration)).toBe('0 Minuten');
  });

  test('a language tag Intl rejects falls back to English numbers instead of throwing', () => {
    expect(() => durationIn(bundleLocalizer('not a tag!', {}), 5 * MIN)).not.toThrow();
  });
});
