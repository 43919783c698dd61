import { describe, expect, test } from 'vitest';
import { warningDue } from '../../../src/core/warningPolicy';

const now = Date.parse('2026-11-20T10:00:00Z');
const base = { state: 'eroding' as const, enabled: true, inMeeting: false, now, minDaysBetween: 7 };

describe('when an edge warning is due', () => {
  test('eroding or watch, enabled, never shown: due', () => {
    expect(warningDue(base).due).toBe(true);
    expect(warningDue({ ...base, state: 'watch' }).due).toBe(true);
  });
  test('healthy and learning never warn', () => {
    expect(warningDue({ ...base, state: 'healthy' }).due).toBe(false);
    expect(warningDue({ ...base, state: 'learning' }).due).toBe(false);
  });
  test('never during a meeting', () => {
    expect(warningDue({ ...base, inMeeting: true })).toEqual({ due: false, reason: 'a meeting is in progress' });
  });
  test('at most once per minDaysBetween: 6 days 23 h after is too soon, 7 days is due', () => {
    expect(warningDue({ ...base, lastShown: new Date(now - (7 * 24 - 1) * 3_600_000).toISOString() }).due).toBe(false);
    expect(warningDue({ ...base, lastShown: new Date(now - 7 * 86_400_000).toISOString() }).due).toBe(true);
  });
  test('snooze holds until it ends', () => {
    expect(warningDue({ ...base, snoozedUntil: new Date(now + 1000).toISOString() }).due).toBe(false);
    expect(warningDue({ ...base, snoozedUntil: new Date(now - 1000).toISOString() }).due).toBe(true);
  });
  test('disabled (engineer default) never warns', () => {
    expect(warningDue({ ...base, enabled: false }).due).toBe(false);
  });
});
