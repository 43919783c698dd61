// The arithmetic path for plain DAILY/WEEKLY rules and fast-forwarding must agree with ical.js exactly.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { fastForward } from '../../../src/calendar/expand';
import { simpleRuleWalls, unsafeRuleReason } from '../../../src/calendar/rules';

function icalWalls(rule: string, startWall: number, limit: number): number[] {
  const d = new Date(startWall);
  const it = ICAL.Recur.fromString(rule).iterator(ICAL.Time.fromData({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: 0 }));
  const out: number[] = [];
  for (let t = it.next(); t && out.length < limit; t = it.next()) out.push(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
  return out;
}

function take(next: () => number | undefined, limit: number): number[] {
  const out: number[] = [];
  for (let w = next(); w !== undefined && out.length < limit; w = next()) out.push(w);
  return out;
}

let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

describe('simpleRuleWalls', () => {
  it('matches ical.js on 300 random plain DAILY/WEEKLY rules', () => {
    for (let i = 0; i < 300; i++) {
      const start = Date.UTC(2020, 0, 1 + Math.floor(random() * 800), 6 + Math.floor(random() * 12), random() < 0.5 ? 0 : 30);
      const weekly = random() < 0.6;
      const parts = [`FREQ=${weekly ? 'WEEKLY' : 'DAILY'}`, `INTERVAL=${1 + Math.floor(random() * 3)}`];
      if (random() < 0.3) parts.push(`COUNT=${1 + Math.floor(random() * 40)}`);
      if (random() < 0.5) parts.push(`WKST=${DAYS[Math.floor(random() * 7)]}`);
      if (weekly && random() < 0.7) {
        const days = new Set([DAYS[new Date(start).getUTCDay()]]);
        while (random() < 0.5) days.add(DAYS[Math.floor(random() * 7)]);
        parts.push(`BYDAY=${[...days].join(',')}`);
      }
      const rule = parts.join(';');
      const fast = simpleRuleWalls(ICAL.Recur.fromString(rule), start);
      expect(fast, rule).toBeDefined();
      expect(take(fast!, 120), rule).toEqual(icalWalls(rule, start, 120));
    }
  });

  it('leaves other rules to ical.js', () => {
    const start = Date.UTC(2024, 0, 3, 9); // a Wednesday
    expect(simpleRuleWalls(ICAL.Recur.fromString('FREQ=MONTHLY'), start)).toBeUndefined();
    expect(simpleRuleWalls(ICAL.Recur.fromString('FREQ=WEEKLY;BYDAY=MO'), start)).toBeUndefined(); // DTSTART not on the rule
    expect(simpleRuleWalls(ICAL.Recur.fromString('FREQ=DAILY;BYMONTH=1'), start)).toBeUndefined();
  });
});

describe('fastForward', () => {
  it.each([
    'FREQ=DAILY;INTERVAL=3', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', 'FREQ=MONTHLY;BYDAY=2WE', 'FREQ=MONTHLY;BYMONTHDAY=15,-1',
    'FREQ=MONTHLY', 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'FREQ=MONTHLY;INTERVAL=2;BYDAY=MO,TU;BYSETPOS=-1',
  ])('keeps every later occurrence of %s', (rule) => {
    const start = Date.UTC(2001, 4, 14, 9, 30);
    const target = Date.UTC(2011, 2, 1);
    const moved = fastForward(ICAL.Recur.fromString(rule), start, target);
    expect(moved).toBeLessThanOrEqual(target);
    expect(moved).toBeGreaterThan(start);
    const after = (xs: number[]) => xs.filter((w) => w >= target).slice(0, 30);
    expect(after(icalWalls(rule, moved, 400))).toEqual(after(icalWalls(rule, start, 4000)));
  });

  it('moves hourly rules by whole days', () => {
    const rule = 'FREQ=HOURLY;INTERVAL=5;BYHOUR=9,14,19';
    const start = Date.UTC(2024, 0, 1, 9), target = Date.UTC(2024, 1, 20);
    const moved = fastForward(ICAL.Recur.fromString(rule), start, target);
    expect((moved - start) % 86_400_000).toBe(0);
    const after = (xs: number[]) => xs.filter((w) => w >= target).slice(0, 30);
    expect(after(icalWalls(rule, moved, 400))).toEqual(after(icalWalls(rule, start, 400)));
  });

  it('never moves rules with COUNT or a day some months lack', () => {
    expect(fastForward(ICAL.Recur.fromString('FREQ=DAILY;COUNT=5000'), 0, Date.UTC(2020, 0, 1))).toBe(0);
    const jan31 = Date.UTC(2001, 0, 31, 9);
    expect(fastForward(ICAL.Recur.fromString('FREQ=MONTHLY'), jan31, Date.UTC(2020, 0, 1))).toBe(jan31);
  });
});

describe('unsafeRuleReason', () => {
  it.each([
    ['FREQ=SECONDLY', 'second'], ['FREQ=MINUTELY;INTERVAL=5', 'second or minute'], ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'no date'],
    ['FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31', 'no date'], ['FREQ=DAILY;BYDAY=1MO', 'position'],
    ['FREQ=HOURLY;BYYEARDAY=366;BYMONTH=1', 'no date'],
  ])('refuses %s', (rule, reason) => {
    expect(unsafeRuleReason(ICAL.Recur.fromString(rule))).toContain(reason);
  });
  it.each(['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29', 'FREQ=WEEKLY;BYDAY=MO,FR', 'FREQ=MONTHLY;BYDAY=-1FR', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=DAILY;BYDAY=MO;BYMONTHDAY=13'])('accepts %s', (rule) => {
    expect(unsafeRuleReason(ICAL.Recur.fromString(rule))).toBeUndefined();
  });
});
