import { describe, expect, test } from 'vitest';
import { describeDuration, formatDuration } from '../../../src/views/labels';

const MIN = 60_000;

describe('durations', () => {
  test('formatDuration is a clock reading, rounded down to the minute', () => {
    expect(formatDuration(0)).toBe('0m');
    expect(formatDuration(45 * MIN + 59_999)).toBe('45m');
    expect(formatDuration(125 * MIN)).toBe('2h 05m');
    expect(formatDuration(-5 * MIN)).toBe('0m');
  });

  test('describeDuration spells out hours and minutes, singular and plural, and never says nothing', () => {
    expect(describeDuration(0)).toBe('0 minutes');
    expect(describeDuration(1 * MIN)).toBe('1 minute');
    expect(describeDuration(60 * MIN)).toBe('1 hour');
    expect(describeDuration(125 * MIN)).toBe('2 hours 5 minutes');
    expect(describeDuration(61 * MIN + 30_000)).toBe('1 hour 1 minute');
    expect(describeDuration(-1)).toBe('0 minutes');
  });
});
