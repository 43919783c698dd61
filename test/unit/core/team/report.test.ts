import { describe, expect, test } from 'vitest';
import { collectContributions } from '../../../../src/core/team/contribution';
import { seededRandom } from '../../../../src/core/team/noise';
import {
  aggregateContributions,
  buildTeamReport,
  buildTeamReportFromAggregates,
  histogramQuantile,
  memberMonth,
  mergeAggregates,
  type TeamReport,
} from '../../../../src/core/team/report';
import { ENGLISH } from '../../../../src/shared/locale';
import { renderTeamReportJson, teamNarrative } from '../../../../src/views/render/teamReport';
import { TEAM_ROLES, type TeamRole } from '../../../../src/core/team/roles';
import { aContribution, asFile, many, NOW, shuffled } from './builders';

const report = (cs: Parameters<typeof buildTeamReport>[0], opts: Partial<Parameters<typeof buildTeamReport>[2]> = {}) =>
  buildTeamReport(cs, [], { month: '2025-05', trendMonths: 1, ...opts });
const shown = (r: TeamReport) => r.groups.map((g) => [g.group, g.members]);
const hist = (values: number[], size = 400) => {
  const h = new Array<number>(size).fill(0);
  for (const v of values) h[v]++;
  return h;
};

describe('quantiles', () => {
  test('small groups: mean of three order statistics around (n-1)p (hand-derived)', () => {
    // half hours 20, 24, 28, 40, 60 (10, 12, 14, 20, 30 h)
    const h = hist([40, 20, 60, 28, 24]);
    expect(histogramQuantile(h, 5, 0.25)).toBe((20 + 24 + 28) / 3);
    expect(histogramQuantile(h, 5, 0.5)).toBe((24 + 28 + 40) / 3);
    expect(histogramQuantile(h, 5, 0.75)).toBe((28 + 40 + 60) / 3);
    // n = 6: median position 2.5 -> c = 3 -> x[2..4]
    expect(histogramQuantile(hist([1, 2, 3, 4, 5, 6]), 6, 0.5)).toBe(4);
  });
  test('large groups: type 7 linear interpolation (hand-derived)', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
    const h = hist(values);
    expect(histogramQuantile(h, 20, 0.25)).toBeCloseTo(5.75, 10); // h = 4.75: 5 + 0.75 * (6 - 5)
    expect(histogramQuantile(h, 20, 0.5)).toBeCloseTo(10.5, 10);
    expect(histogramQuantile(h, 20, 0.75)).toBeCloseTo(15.25, 10);
  });
  test('a small group report never picks one member: quartiles are rounded window means', () => {
    const r = report(many(5, 'engineer', [10, 12, 14, 20, 30]));
    const g = r.groups.find((x) => x.group === 'engineers')!;
    // halves: 24 -> 12 h; 30.67 -> 31 -> 15.5 h; 42.67 -> 43 -> 21.5 h
    expect(g.weeklyHandsOnHours).toEqual({ p25: 12, median: 15.5, p75: 21.5 });
    expect(g.weeklyHandsOnHours.median).not.toBe(14); // the middle member's own value
  });
  test('a group of 20 uses type 7, rounded to the half hour and 5 %', () => {
    const r = report(many(20, 'engineer', Array.from({ length: 20 }, (_, i) => i + 1)));
    // halves 2..40: p25 = 11.5 -> 12 (6 h), median 21 (10.5 h), p75 30.5 -> 31 (15.5 h)
    expect(r.groups[0].weeklyHandsOnHours).toEqual({ p25: 6, median: 10.5, p75: 15.5 });
    expect(r.groups[0].craftRatio).toEqual({ p25: 0.65, median: 0.65, p75: 0.65 });
  });
});

describe('member values and floors', () => {
  test('monthly value is the mean of weekly values, rounded half up; below floor on hands-on or ratio', () => {
    const c = aContribution({ role: 'engineer', hours: 20, ratio: 0.6 });
    const weeks = c.weeks.map((w, i) => ({ ...w, handsOnHours: [19.5, 20, 20, 20.5][i], craftRatio: [0.55, 0.6, 0.6, 0.65][i] }));
    expect(memberMonth({ ...c, weeks })).toEqual({ role: 'engineer', halfHours: 40, ratioSteps: 12, belowFloor: false });
    expect(memberMonth(aContribution({ role: 'engineer', hours: 19.5 })).belowFloor).toBe(true);
    expect(memberMonth(aContribution({ role: 'engineer', hours: 25, ratio: 0.55 })).belowFloor).toBe(true);
    expect(memberMonth(aContribution({ role: 'manager', hours: 4, ratio: 0.15 })).belowFloor).toBe(false);
    expect(memberMonth(aContribution({ role: 'manager', hours: 4, ratio: 0.1 })).belowFloor).toBe(true); // 10 % < 12 %
  });
  test('belowFloor is a count and belowFloorShare its share', () => {
    const r = report([...many(3, 'engineer', [15]), ...many(5, 'engineer', [25])]);
    expect(r.groups[0]).toMatchObject({ group: 'all', members: 8, belowFloor: 3, belowFloorShare: 0.38 });
  });
});

describe('suppression', () => {
  test('fewer contributors than minGroup: nothing is shown', () => {
    const r = report(many(4, 'engineer'));
    expect(r.contributors).toBe(4);
    expect(r.groups).toEqual([]);
    expect(r.suppressed).toEqual([
      { group: 'all', why: 'contributors' },
      { group: 'engineers', why: 'members' },
    ]);
  });
  test('a small group is suppressed, and the complement case suppresses one more', () => {
    // everyone (14) minus engineers (5) minus staff (5) would be the 4 managers: one more group must go.
    const r = report([...many(5, 'engineer'), ...many(5, 'staff'), ...many(4, 'manager')]);
    expect(shown(r)).toEqual([['all', 14], ['engineers', 5]]);
    expect(r.suppressed).toEqual([
      { group: 'managers-directors', why: 'members' },
      { group: 'staff-principals', why: 'complement' },
    ]);
  });
  test('the total against a single shown group: the rest must be empty or at least minGroup', () => {
    const r = report([...many(9, 'engineer'), ...many(2, 'director')]);
    // everyone (11) minus engineers (9) = 2 directors: engineers cannot be shown next to everyone.
    expect(shown(r)).toEqual([['all', 11]]);
    expect(r.suppressed.map((s) => s.group)).toEqual(['managers-directors', 'engineers']);
  });
  test('no suppression needed when every group is large enough', () => {
    const r = report([...many(6, 'engineer'), ...many(5, 'principal'), ...many(5, 'manager')]);
    expect(shown(r)).toEqual([['all', 16], ['engineers', 6], ['staff-principals', 5], ['managers-directors', 5]]);
    expect(r.suppressed).toEqual([]);
  });
  test('finer role groups replace a coarse group only when every role in it is large enough', () => {
    const split = report([...many(6, 'engineer'), ...many(5, 'senior')]);
    expect(shown(split)).toEqual([['all', 11], ['engineer', 6], ['senior', 5]]);
    const whole = report([...many(6, 'engineer'), ...many(2, 'senior'), ...many(5, 'staff')]);
    expect(shown(whole)).toEqual([['all', 13], ['engineers', 8], ['staff-principals', 5]]);
  });
  test('minGroup is refused below 3 and honoured above', () => {
    expect(() => report(many(5, 'engineer'), { minGroup: 2 })).toThrow(/from 3 to/);
    expect(() => report(many(5, 'engineer'), { minGroup: 4.5 })).toThrow(RangeError);
    expect(shown(report([...many(3, 'engineer'), ...many(3, 'staff')], { minGroup: 3 }))).toEqual([['all', 6], ['engineers', 3], ['staff-principals', 3]]);
    expect(shown(report(many(9, 'engineer'), { minGroup: 10 }))).toEqual([]);
  });
  test('property: for random teams, every shown group and the unshown rest are 0 or >= minGroup', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 300; trial++) {
      const minGroup = 3 + Math.floor(random() * 5);
      const cs = TEAM_ROLES.flatMap((role: TeamRole) => many(Math.floor(random() * 12), role));
      const r = report(cs, { minGroup });
      const roleGroups = r.groups.filter((g) => g.group !== 'all');
      for (const g of r.groups) expect(g.members).toBeGreaterThanOrEqual(minGroup);
      if (r.groups.length > 0) {
        const rest = r.contributors - roleGroups.reduce((s, g) => s + g.members, 0);
        expect(rest === 0 || rest >= minGroup).toBe(true);
      }
    }
  });
});

describe('trend, order independence, merging', () => {
  const months = (): ReturnType<typeof aContribution>[] => [
    ...many(5, 'engineer', [10], { month: '2025-03', weeks: ['2025-W10', '2025-W11'], written: '2025-04-01T00:00:00Z' }),
    ...many(4, 'engineer', [12], { month: '2025-04', weeks: ['2025-W14'], written: '2025-05-01T00:00:00Z' }),
    ...many(6, 'engineer', [14]),
  ];
  test('trend: each month under the same rules; a month where the group was not shown is null', () => {
    const r = buildTeamReport(months(), [], { month: '2025-05', trendMonths: 3 });
    expect(r.groups.find((g) => g.group === 'engineers')!.trend).toEqual([
      { month: '2025-03', members: 5, weeklyHandsOnHoursMedian: 10, craftRatioMedian: 0.65 },
      { month: '2025-04', members: null, weeklyHandsOnHoursMedian: null, craftRatioMedian: null },
      { month: '2025-05', members: 6, weeklyHandsOnHoursMedian: 14, craftRatioMedian: 0.65 },
    ]);
    expect(teamNarrative(r, ENGLISH)).toContain('median hands-on up 4 h per week since March 2025');
  });
  test('the report does not depend on the order of files', () => {
    const files = [...months(), ...many(7, 'staff', [8, 9, 10, 30]), ...many(3, 'manager')].map((c) => asFile(c));
    files.push({ file: 'junk.json', text: '[' });
    const build = (fs: typeof files) => {
      const { contributions, rejected } = collectContributions(fs, { now: NOW });
      return renderTeamReportJson(buildTeamReport(contributions.map((c) => c.contribution), rejected, { month: '2025-05', trendMonths: 3 }));
    };
    const reference = build(files);
    for (let seed = 1; seed <= 5; seed++) expect(build(shuffled(files, seed))).toBe(reference);
  });
  test('aggregates of disjoint teams merge into the aggregate of the union', () => {
    const a = [...many(4, 'engineer', [10, 20]), ...many(3, 'staff', [12])];
    const b = [...many(5, 'engineer', [15, 30]), ...many(2, 'staff', [18])];
    const merged = mergeAggregates(aggregateContributions('2025-05', a), aggregateContributions('2025-05', b));
    expect(merged).toEqual(aggregateContributions('2025-05', [...a, ...b]));
    expect(buildTeamReportFromAggregates([merged], [], { month: '2025-05', trendMonths: 1 })).toEqual(report([...b, ...a]));
    expect(() => mergeAggregates(merged, aggregateContributions('2025-04', []))).toThrow(RangeError);
  });
});

describe('differential-privacy noise in the report (discrete Laplace)', () => {
  const team = () => [...many(300, 'engineer', [10, 15, 20, 25, 30]), ...many(300, 'staff', [8, 12, 16])];
  test('same seed, same report; another seed, other numbers; every count is an integer', () => {
    const a = report(team(), { epsilon: 2, random: seededRandom(1) });
    const b = report(team(), { epsilon: 2, random: seededRandom(1) });
    const c = report(team(), { epsilon: 2, random: seededRandom(2) });
    expect(a).toEqual(b);
    // alpha = e^(-2/4) = 0.6065; 95 % interval: alpha^(w+1) <= 0.0402, w = 6 (noise.test.ts derives it).
    expect(a.noise).toEqual({ mechanism: 'discrete-laplace', epsilon: 2, sensitivity: 4, alpha: 0.6065, interval95: 6, hoursBin: 4, ratioBin: 0.1 });
    expect(JSON.stringify(a.groups)).not.toBe(JSON.stringify(c.groups));
    for (const g of a.groups) expect(Number.isInteger(g.members) && Number.isInteger(g.belowFloor)).toBe(true);
  });
  test('the report states the uncertainty the noise adds', () => {
    const r = report(team(), { epsilon: 2, random: seededRandom(1) });
    expect(teamNarrative(r, ENGLISH)).toContain('each count is within 6 of the true count in 95 % of reports');
    expect(renderTeamReportJson(r)).toContain('"interval95": 6');
  });
  test('with large groups the noisy numbers stay close to the exact ones', () => {
    const exact = report(team());
    for (let seed = 1; seed <= 20; seed++) {
      const noisy = report(team(), { epsilon: 2, random: seededRandom(seed) });
      expect(shown(noisy).map(([g]) => g)).toEqual(shown(exact).map(([g]) => g));
      noisy.groups.forEach((g, i) => {
        const e = exact.groups[i];
        expect(Math.abs(g.members - e.members)).toBeLessThanOrEqual(40);
        expect(Math.abs(g.belowFloor - e.belowFloor)).toBeLessThanOrEqual(40);
        // Quartiles are read from 4-hour bins standing for their midpoints: within a bin and a half.
        expect(Math.abs(g.weeklyHandsOnHours.median! - e.weeklyHandsOnHours.median!)).toBeLessThanOrEqual(6);
        expect(Math.abs(g.craftRatio.median! - e.craftRatio.median!)).toBeLessThanOrEqual(0.15);
      });
    }
  });
  test('with noise, earlier months come from what was released then, never recomputed', () => {
    const cs = [...many(6, 'engineer', [10], { month: '2025-04', weeks: ['2025-W14'], written: '2025-05-01T00:00:00Z' }), ...many(6, 'engineer', [14])];
    const earlier = new Map([['2025-04', new Map([['engineers' as const, { members: 7, weeklyHandsOnHoursMedian: 9.5, craftRatioMedian: 0.6 }]])]]);
    const r = report(cs, { epsilon: 2, random: seededRandom(3), trendMonths: 3, earlier });
    const trend = r.groups.find((g) => g.group === 'engineers')!.trend;
    expect(trend[0]).toEqual({ month: '2025-03', members: null, weeklyHandsOnHoursMedian: null, craftRatioMedian: null });
    expect(trend[1]).toEqual({ month: '2025-04', members: 7, weeklyHandsOnHoursMedian: 9.5, craftRatioMedian: 0.6 });
  });
  test('epsilon is validated and needs a random source', () => {
    expect(() => report(team(), { epsilon: 0, random: seededRandom(1) })).toThrow(/Epsilon/);
    expect(() => report(team(), { epsilon: 1 })).toThrow(/random source/);
  });
});

describe('differencing: two reports whose groups differ by one member', () => {
  // Six engineers at 30 h (none below the engineer floor of 20 h), reported in May; in a second report the
  // target joins, either at 10 h (below the floor) or at 30 h (not below). The attacker subtracts the two
  // below-floor counts of "Everyone" and guesses "below" when the difference is at least 1.
  const others = () => many(6, 'engineer', [30]);
  const target = (below: boolean) => aContribution({ role: 'engineer', hours: below ? 10 : 30 });
  const belowCount = (r: TeamReport) => r.groups.find((g) => g.group === 'all')!.belowFloor;

  test('without noise the difference reveals the member exactly', () => {
    const before = report(others());
    expect(belowCount(report([...others(), target(true)])) - belowCount(before)).toBe(1);
    expect(belowCount(report([...others(), target(false)])) - belowCount(before)).toBe(0);
  });
  test('with the default noise the guess is barely better than a coin: at most e^(eps/4) / (1 + e^(eps/4))', () => {
    // One member moves the below-floor count by one; its noise has alpha = e^(-eps/4), so the odds of any
    // output change by at most e^(eps/4) = 1.65 for eps = 2: no test can be right more than 62 % of the time.
    // (Clamping a noisy count at 0 is post-processing and cannot help the attacker.)
    const trials = 3000;
    const random = seededRandom(99);
    let right = 0;
    for (let i = 0; i < trials; i++) {
      const below = i % 2 === 0;
      const a = report(others(), { epsilon: 2, random });
      const b = report([...others(), target(below)], { epsilon: 2, random });
      if ((belowCount(b) - belowCount(a) >= 1) === below) right++;
    }
    const bound = Math.exp(0.5) / (1 + Math.exp(0.5));
    expect(right / trials).toBeLessThan(bound + 0.03); // + 3 sd of the sampling error
    expect(right / trials).toBeGreaterThan(0.45);
  });
  test('the output distributions with and without the member stay within the privacy ratio', () => {
    // For the below-floor count of the second report: P(k | below) / P(k | not below) <= e^(eps/4) for every k.
    const runs = 20_000;
    const counts = (below: boolean) => {
      const random = seededRandom(below ? 1 : 2);
      const h = new Map<number, number>();
      for (let i = 0; i < runs / 10; i++) {
        const k = belowCount(report([...others(), target(below)], { epsilon: 2, random }));
        h.set(k, (h.get(k) ?? 0) + 1);
      }
      return h;
    };
    const yes = counts(true), no = counts(false);
    for (const [k, n] of yes) {
      const m = no.get(k) ?? 0;
      if (n < 200 || m < 200 || k === 0) continue; // k = 0 gathers the clamped mass
      expect(n / m).toBeLessThan(Math.exp(0.5) * 1.25);
      expect(m / n).toBeLessThan(Math.exp(0.5) * 1.25);
    }
  });
});
