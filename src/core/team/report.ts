// The team report: role groups, quartiles, share below floor and trend, with the privacy rules enforced
// here (not in the renderers, which word it: src/views/render/teamReport.ts). Pure: contributions in, report out; randomness is passed in.
// Every rule is explained in docs/team-format.md.
import { addMonths } from '../zone';
import type { MonthContribution, RejectedFile } from './contribution';
import { MAX_WEEK_HOURS } from './contribution';
import { discreteAlpha, discreteLaplace, discreteLaplaceInterval, TEAM_SENSITIVITY, type Random } from './noise';
import { COARSE_GROUPS, TEAM_FLOORS, TEAM_ROLES, type TeamGroupId, type TeamRole } from './roles';

export const DEFAULT_MIN_GROUP = 5;
/** --min-group below this is refused. */
export const MIN_GROUP_FLOOR = 3;
export const MAX_MIN_GROUP = 1000;
/** Groups with fewer members than this get window-averaged quantiles (never one member's own value). */
export const SMALL_GROUP_LIMIT = 20;
/** Months in the trend, the report's month included. */
export const DEFAULT_TREND_MONTHS = 6;

/** Hands-on histogram bins: half hours 0 .. 168 h. */
const HOUR_BINS = MAX_WEEK_HOURS * 2 + 1;
/** Craft-ratio bins: 5 % steps 0 .. 100 %. */
const RATIO_BINS = 21;
/**
 * With noise, hands-on is binned by four hours: [0, 4), [4, 8) ... [36, 40), and 40 h or more (11 bins), each
 * bin standing for its midpoint (the last for 40 h); craft ratio by 10 %: [0, 10 %) ... [90, 100 %], standing
 * for 5 %, 15 % ... 95 % (10 bins). Fewer, wider bins keep the noise from drowning small groups.
 */
const DP_HOUR_WIDTH_HALVES = 8;
const DP_HOUR_BINS = 11;
const DP_RATIO_WIDTH_STEPS = 2;
const DP_RATIO_BINS = 10;
/** Default privacy budget (docs/team-privacy.md): per monthly report, and per calendar year of reports. */
export const DEFAULT_EPSILON_PER_MONTH = 2;
export const DEFAULT_EPSILON_PER_YEAR = 24;

// ---------------------------------------------------------------------------------------------------------
// Per-member monthly values and mergeable aggregates.

export interface MemberMonth {
  readonly role: TeamRole;
  /** Mean weekly hands-on hours over the month's weeks, in half hours (rounded half up). */
  readonly halfHours: number;
  /** Mean weekly craft ratio, in 5 % steps 0..20 (rounded half up). */
  readonly ratioSteps: number;
  /** Mean weekly hands-on under the role's floor, or mean craft ratio under the role's ratio floor. */
  readonly belowFloor: boolean;
}

export function memberMonth(c: MonthContribution): MemberMonth {
  const n = c.weeks.length;
  const halves = c.weeks.reduce((s, w) => s + Math.round(w.handsOnHours * 2), 0);
  const steps = c.weeks.reduce((s, w) => s + Math.round(w.craftRatio * 20), 0);
  const halfHours = Math.round(halves / n);
  const ratioSteps = Math.round(steps / n);
  const floor = TEAM_FLOORS[c.role];
  const belowFloor = halfHours < floor.weeklyHandsOnHours * 2 || ratioSteps * 5 < Math.round(floor.craftRatio * 100);
  return { role: c.role, halfHours, ratioSteps, belowFloor };
}

/** Exact, mergeable counts for a set of members: sums of these are the aggregate of the union. */
export interface GroupAggregate {
  readonly members: number;
  readonly belowFloor: number;
  /** Members per mean weekly hands-on value, index = half hours (0 .. 336). */
  readonly hours: readonly number[];
  /** Members per mean craft ratio, index = 5 % steps (0 .. 20). */
  readonly ratio: readonly number[];
}

/**
 * One month of a team, per role. Aggregates of disjoint teams merge by addition (mergeAggregates), so a
 * company roll-up can be built from per-team aggregates; the privacy rules are applied only when a report is
 * built from the merged aggregate. An aggregate is as sensitive as the contributions it came from.
 */
export interface TeamAggregate {
  readonly month: string;
  readonly roles: Readonly<Record<TeamRole, GroupAggregate>>;
}

export function emptyGroupAggregate(): GroupAggregate {
  return { members: 0, belowFloor: 0, hours: new Array<number>(HOUR_BINS).fill(0), ratio: new Array<number>(RATIO_BINS).fill(0) };
}

function emptyRoles(): Record<TeamRole, GroupAggregate> {
  return Object.fromEntries(TEAM_ROLES.map((r) => [r, emptyGroupAggregate()])) as Record<TeamRole, GroupAggregate>;
}

/** Aggregates the contributions of one month (contributions for other months are ignored). */
export function aggregateContributions(month: string, contributions: readonly MonthContribution[]): TeamAggregate {
  const roles = emptyRoles();
  for (const c of contributions) {
    if (c.month !== month) continue;
    const m = memberMonth(c);
    const g = roles[m.role] as { members: number; belowFloor: number; hours: number[]; ratio: number[] };
    g.members++;
    if (m.belowFloor) g.belowFloor++;
    g.hours[Math.min(HOUR_BINS - 1, m.halfHours)]++;
    g.ratio[Math.min(RATIO_BINS - 1, m.ratioSteps)]++;
  }
  return { month, roles };
}

export function mergeGroupAggregates(a: GroupAggregate, b: GroupAggregate): GroupAggregate {
  return {
    members: a.members + b.members,
    belowFloor: a.belowFloor + b.belowFloor,
    hours: a.hours.map((v, i) => v + b.hours[i]),
    ratio: a.ratio.map((v, i) => v + b.ratio[i]),
  };
}

/** Adds two aggregates of the same month (disjoint member sets). Throws RangeError for different months. */
export function mergeAggregates(a: TeamAggregate, b: TeamAggregate): TeamAggregate {
  if (a.month !== b.month) throw new RangeError(`Cannot merge aggregates of ${a.month} and ${b.month}.`);
  const roles = Object.fromEntries(TEAM_ROLES.map((r) => [r, mergeGroupAggregates(a.roles[r], b.roles[r])])) as Record<TeamRole, GroupAggregate>;
  return { month: a.month, roles };
}

// ---------------------------------------------------------------------------------------------------------
// Quantiles.

/** The k-th smallest value (0-based) of a histogram whose index is the value. */
export function kthOfHistogram(hist: readonly number[], k: number): number {
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i];
    if (seen > k) return i;
  }
  throw new RangeError(`k=${k} is outside the histogram (${seen} values).`);
}

/**
 * Quantile p of the n values in a histogram, in the histogram's units.
 * - n >= SMALL_GROUP_LIMIT: Hyndman-Fan type 7 (linear interpolation between order statistics at
 *   h = (n - 1) p; the default of R, NumPy and spreadsheets).
 * - 3 <= n < SMALL_GROUP_LIMIT: the mean of three consecutive order statistics x[c-1], x[c], x[c+1] with
 *   c = round((n - 1) p), moved inward at the ends, so a published quantile of a small group is never one
 *   member's own value (unless three members share it).
 */
export function histogramQuantile(hist: readonly number[], n: number, p: number): number {
  if (n < 1) throw new RangeError('No values.');
  const h = (n - 1) * p;
  if (n >= SMALL_GROUP_LIMIT || n < 3) {
    const lo = Math.floor(h);
    const a = kthOfHistogram(hist, lo);
    if (lo + 1 >= n) return a;
    return a + (h - lo) * (kthOfHistogram(hist, lo + 1) - a);
  }
  const start = Math.min(n - 3, Math.max(0, Math.round(h) - 1));
  return (kthOfHistogram(hist, start) + kthOfHistogram(hist, start + 1) + kthOfHistogram(hist, start + 2)) / 3;
}

// ---------------------------------------------------------------------------------------------------------
// The report.

export interface Quartiles {
  readonly p25: number | null;
  readonly median: number | null;
  readonly p75: number | null;
}

export interface TrendPoint {
  readonly month: string;
  /** null when the group was not shown that month (too small, suppressed, split differently, not released). */
  readonly members: number | null;
  readonly weeklyHandsOnHoursMedian: number | null;
  readonly craftRatioMedian: number | null;
}

export interface TeamReportGroup {
  readonly group: TeamGroupId;
  readonly members: number;
  /** Quartiles of the members' mean weekly hands-on hours, rounded to the half hour. */
  readonly weeklyHandsOnHours: Quartiles;
  /** Quartiles of the members' mean weekly craft ratio, rounded to 5 %. */
  readonly craftRatio: Quartiles;
  /** How many members are below their own role's floor (hands-on or ratio). */
  readonly belowFloor: number;
  /** belowFloor / members, to two decimals. */
  readonly belowFloorShare: number;
  /** Oldest month first; the report's month is last. */
  readonly trend: readonly TrendPoint[];
}

/**
 * Why a group is not shown: fewer contributors than the minimum in all, fewer members than the minimum in the
 * group, or complementary suppression (everyone minus the groups shown would reveal a smaller group).
 * The words are the view's (src/views/render/teamReport.ts).
 */
export type SuppressionReason = 'contributors' | 'members' | 'complement';

export interface SuppressedGroup {
  readonly group: TeamGroupId;
  readonly why: SuppressionReason;
}

/** The noise a report carries, with the uncertainty it adds (stated in every rendering). */
export interface ReportNoise {
  readonly mechanism: 'discrete-laplace';
  readonly epsilon: number;
  readonly sensitivity: number;
  /** P(k) proportional to alpha^|k|. */
  readonly alpha: number;
  /** 95 % of the noise draws on a count lie within +- this many. */
  readonly interval95: number;
  /** Hands-on and craft-ratio bin widths the noisy quartiles are read from. */
  readonly hoursBin: number;
  readonly ratioBin: number;
}

export interface TeamReport {
  readonly month: string;
  readonly contributors: number;
  readonly minGroup: number;
  readonly groups: readonly TeamReportGroup[];
  readonly suppressed: readonly SuppressedGroup[];
  readonly rejected: readonly RejectedFile[];
  readonly noise: ReportNoise | null;
  /** Notes for the reader that are not rejections (roster warnings, legacy files counted, noise off). */
  readonly warnings: readonly string[];
}

/** One group's release, in histogram units (half hours, 5 % steps): what --export-aggregates writes. */
export interface ReleasedAggregate {
  readonly group: TeamGroupId;
  readonly members: number;
  readonly belowFloor: number;
  /** Sparse histogram: value in half hours (a bin's representative value with noise) -> count (may be negative with noise). */
  readonly hours: readonly { readonly halfHours: number; readonly count: number }[];
  /** Sparse histogram: value in 5 % steps -> count. */
  readonly craftRatio: readonly { readonly steps: number; readonly count: number }[];
}

/** What an earlier release of a month showed per group (from the steward's release ledger). */
export interface EarlierGroup {
  readonly members: number;
  readonly weeklyHandsOnHoursMedian: number | null;
  readonly craftRatioMedian: number | null;
}

export interface TeamReportOptions {
  readonly month: string;
  /** Default 5; refused (RangeError) below 3 or above 1000. */
  readonly minGroup?: number;
  /** Differential-privacy budget for this month's release; omit for no noise. Needs `random`. */
  readonly epsilon?: number;
  readonly random?: Random;
  /** Months of trend including the report's month; default 6, 1 for none. */
  readonly trendMonths?: number;
  /**
   * With noise, earlier months are never recomputed (that would spend the budget again and let averaging
   * remove the noise): their trend points come from what was released then, by month and group.
   */
  readonly earlier?: ReadonlyMap<string, ReadonlyMap<TeamGroupId, EarlierGroup>>;
  readonly warnings?: readonly string[];
}

interface GroupStats {
  readonly members: number;
  readonly belowFloor: number;
  readonly hours: Quartiles;
  readonly ratio: Quartiles;
  readonly released: ReleasedAggregate;
}

interface MonthRelease {
  readonly contributors: number;
  readonly shown: Map<TeamGroupId, GroupStats>;
  readonly suppressed: SuppressedGroup[];
}

interface PartitionGroup {
  readonly id: TeamGroupId;
  readonly agg: GroupAggregate;
}

/**
 * The disjoint groups a month is cut into. A coarse group is split into its roles only when every role in it
 * that has members has at least minGroup of them (so no split ever exposes a small role by subtraction);
 * otherwise it stays whole. Coarse and finer groups are never both shown.
 */
function partition(agg: TeamAggregate, minGroup: number): PartitionGroup[] {
  const out: PartitionGroup[] = [];
  for (const g of COARSE_GROUPS) {
    const present = g.roles.filter((r) => agg.roles[r].members > 0);
    if (present.length === 0) continue;
    if (present.length > 1 && present.every((r) => agg.roles[r].members >= minGroup)) {
      for (const r of present) out.push({ id: r, agg: agg.roles[r] });
    } else {
      out.push({ id: g.id, agg: present.map((r) => agg.roles[r]).reduce(mergeGroupAggregates) });
    }
  }
  return out;
}

/** A histogram (index = value in units) as sparse pairs. */
function sparse(hist: readonly number[]): { value: number; count: number }[] {
  const out: { value: number; count: number }[] = [];
  hist.forEach((count, value) => {
    if (count !== 0) out.push({ value, count });
  });
  return out;
}

/** Quartiles of a sparse histogram of non-negative counts (values in units), rounded by `per` (2 or 20). */
function quartilesOf(pairs: readonly { value: number; count: number }[], per: number): Quartiles {
  const width = pairs.reduce((m, p) => Math.max(m, p.value), 0) + 1;
  const hist = new Array<number>(width).fill(0);
  for (const p of pairs) hist[p.value] += Math.max(0, p.count);
  const n = hist.reduce((s, v) => s + v, 0);
  if (n < 1) return { p25: null, median: null, p75: null };
  const q = (p: number) => Math.round(histogramQuantile(hist, n, p)) / per;
  return { p25: q(0.25), median: q(0.5), p75: q(0.75) };
}

/**
 * The statistics of a released aggregate (exact or noisy alike): quartiles from its histograms (negative
 * noisy bins count as empty), members and below-floor clamped to sensible ranges. Pure post-processing,
 * shared with the SQL of docs/team-merge.sql, so a merged roll-up gives the same numbers.
 */
export function statsOfRelease(r: ReleasedAggregate): { members: number; belowFloor: number; hours: Quartiles; ratio: Quartiles } {
  const members = Math.max(0, r.members);
  return {
    members,
    belowFloor: Math.min(members, Math.max(0, r.belowFloor)),
    hours: quartilesOf(r.hours.map((h) => ({ value: h.halfHours, count: h.count })), 2),
    ratio: quartilesOf(r.craftRatio.map((h) => ({ value: h.steps, count: h.count })), 20),
  };
}

function exactRelease(id: TeamGroupId, agg: GroupAggregate): ReleasedAggregate {
  return {
    group: id,
    members: agg.members,
    belowFloor: agg.belowFloor,
    hours: sparse(agg.hours).map((p) => ({ halfHours: p.value, count: p.count })),
    craftRatio: sparse(agg.ratio).map((p) => ({ steps: p.value, count: p.count })),
  };
}

/** A group's counts with discrete Laplace noise on each (members, below floor, every coarse histogram bin). */
interface NoisyAggregate {
  readonly members: number;
  readonly belowFloor: number;
  readonly hours: number[];
  readonly ratio: number[];
}

function noisyAggregate(agg: GroupAggregate, alpha: number, random: Random): NoisyAggregate {
  const hours = new Array<number>(DP_HOUR_BINS).fill(0);
  agg.hours.forEach((count, halves) => (hours[Math.min(DP_HOUR_BINS - 1, Math.floor(halves / DP_HOUR_WIDTH_HALVES))] += count));
  const ratio = new Array<number>(DP_RATIO_BINS).fill(0);
  agg.ratio.forEach((count, steps) => (ratio[Math.min(DP_RATIO_BINS - 1, Math.floor(steps / DP_RATIO_WIDTH_STEPS))] += count));
  return {
    members: agg.members + discreteLaplace(alpha, random),
    belowFloor: agg.belowFloor + discreteLaplace(alpha, random),
    hours: hours.map((v) => v + discreteLaplace(alpha, random)),
    ratio: ratio.map((v) => v + discreteLaplace(alpha, random)),
  };
}

function addNoisy(a: NoisyAggregate, b: NoisyAggregate): NoisyAggregate {
  // The same sums as two exact aggregates (the bins are coarser, the shape is the same).
  const sum = mergeGroupAggregates(a, b);
  return { ...sum, hours: [...sum.hours], ratio: [...sum.ratio] };
}

/** A noisy aggregate as a release: each coarse bin stands for its midpoint (the top hours bin for 40 h). */
function noisyRelease(id: TeamGroupId, agg: NoisyAggregate): ReleasedAggregate {
  const hourValue = (i: number) => (i === DP_HOUR_BINS - 1 ? i * DP_HOUR_WIDTH_HALVES : i * DP_HOUR_WIDTH_HALVES + DP_HOUR_WIDTH_HALVES / 2);
  return {
    group: id,
    members: agg.members,
    belowFloor: agg.belowFloor,
    hours: agg.hours.map((count, i) => ({ halfHours: hourValue(i), count })),
    craftRatio: agg.ratio.map((count, i) => ({ steps: i * DP_RATIO_WIDTH_STEPS + DP_RATIO_WIDTH_STEPS / 2, count })),
  };
}

function statsFor(released: ReleasedAggregate): GroupStats {
  return { ...statsOfRelease(released), released };
}

/**
 * One month under the privacy rules. Suppression is decided on the true counts:
 * 1. the month is shown at all only with at least minGroup contributors;
 * 2. a group with fewer than minGroup members is suppressed;
 * 3. complementary suppression: "everyone" is shown, so everyone minus the shown groups must be empty or
 *    at least minGroup members; while it is not, the smallest shown group is suppressed too.
 */
function releaseMonth(agg: TeamAggregate, minGroup: number, noise: { alpha: number; random: Random } | undefined): MonthRelease {
  const parts = partition(agg, minGroup);
  const total = parts.reduce((s, p) => s + p.agg.members, 0);
  // Noise is drawn for every part, shown or not, in a fixed order: the draws never depend on what is shown.
  const noisy = noise ? parts.map((p) => noisyAggregate(p.agg, noise.alpha, noise.random)) : undefined;
  const suppressed: SuppressedGroup[] = [];
  const shown = new Map<TeamGroupId, GroupStats>();
  const contributors = noisy ? Math.max(0, noisy.reduce((s, g) => s + g.members, 0)) : total;
  if (total < minGroup) {
    if (total > 0) suppressed.push({ group: 'all', why: 'contributors' });
    for (const p of parts) suppressed.push({ group: p.id, why: 'members' });
    return { contributors, shown, suppressed };
  }
  const visible: number[] = [];
  parts.forEach((p, i) => {
    if (p.agg.members < minGroup) suppressed.push({ group: p.id, why: 'members' });
    else visible.push(i);
  });
  let hidden = total - visible.reduce((s, i) => s + parts[i].agg.members, 0);
  while (hidden > 0 && hidden < minGroup && visible.length > 0) {
    let smallest = 0;
    visible.forEach((idx, j) => {
      if (parts[idx].agg.members <= parts[visible[smallest]].agg.members) smallest = j;
    });
    const [idx] = visible.splice(smallest, 1);
    hidden += parts[idx].agg.members;
    suppressed.push({ group: parts[idx].id, why: 'complement' });
  }
  if (noisy) {
    shown.set('all', statsFor(noisyRelease('all', noisy.reduce(addNoisy))));
    for (const i of visible) shown.set(parts[i].id, statsFor(noisyRelease(parts[i].id, noisy[i])));
  } else {
    shown.set('all', statsFor(exactRelease('all', parts.map((p) => p.agg).reduce(mergeGroupAggregates))));
    for (const i of visible) shown.set(parts[i].id, statsFor(exactRelease(parts[i].id, parts[i].agg)));
  }
  return { contributors, shown, suppressed };
}

export function validateMinGroup(minGroup: number): void {
  if (!Number.isInteger(minGroup) || minGroup < MIN_GROUP_FLOOR || minGroup > MAX_MIN_GROUP) {
    throw new RangeError(`The minimum group size must be a whole number from ${MIN_GROUP_FLOOR} to ${MAX_MIN_GROUP} (got ${minGroup}).`);
  }
}

export function validateEpsilon(epsilon: number): void {
  if (!Number.isFinite(epsilon) || epsilon < 0.1 || epsilon > 10) {
    throw new RangeError(`Epsilon must be a number from 0.1 to 10 (got ${epsilon}).`);
  }
}

/** The noise description (and uncertainty) for a budget. */
export function describeNoise(epsilon: number): ReportNoise {
  const alpha = discreteAlpha(epsilon, TEAM_SENSITIVITY);
  return {
    mechanism: 'discrete-laplace',
    epsilon,
    sensitivity: TEAM_SENSITIVITY,
    alpha: Math.round(alpha * 1e4) / 1e4,
    interval95: discreteLaplaceInterval(alpha, 0.95),
    hoursBin: DP_HOUR_WIDTH_HALVES / 2,
    ratioBin: DP_RATIO_WIDTH_STEPS / 20,
  };
}

/** Builds the report from validated contributions (any months; the trend reads the earlier ones). */
export function buildTeamReport(contributions: readonly MonthContribution[], rejected: readonly RejectedFile[], options: TeamReportOptions): TeamReport {
  return buildReleasedReport(contributions, rejected, options).report;
}

/** The report and, per shown group of the report's month, the released aggregate (--export-aggregates). */
export function buildReleasedReport(
  contributions: readonly MonthContribution[],
  rejected: readonly RejectedFile[],
  options: TeamReportOptions,
): { report: TeamReport; released: ReleasedAggregate[] } {
  const trendMonths = options.trendMonths ?? DEFAULT_TREND_MONTHS;
  const aggregates: TeamAggregate[] = [];
  for (let i = 0; i < trendMonths; i++) {
    const m = addMonths(options.month, -i);
    aggregates.push(aggregateContributions(m, contributions));
  }
  return buildReleasedReportFromAggregates(aggregates, rejected, options);
}

export function buildTeamReportFromAggregates(aggregates: readonly TeamAggregate[], rejected: readonly RejectedFile[], options: TeamReportOptions): TeamReport {
  return buildReleasedReportFromAggregates(aggregates, rejected, options).report;
}

/**
 * Builds the report from one aggregate per month: aggregates[0] is the report's month, the others (any
 * order) feed the trend. Without noise each month is released under the same rules; with noise only the
 * report's month is (earlier months come from `options.earlier`).
 */
export function buildReleasedReportFromAggregates(
  aggregates: readonly TeamAggregate[],
  rejected: readonly RejectedFile[],
  options: TeamReportOptions,
): { report: TeamReport; released: ReleasedAggregate[] } {
  const minGroup = options.minGroup ?? DEFAULT_MIN_GROUP;
  validateMinGroup(minGroup);
  const trendMonths = options.trendMonths ?? DEFAULT_TREND_MONTHS;
  if (!Number.isInteger(trendMonths) || trendMonths < 1 || trendMonths > 36) throw new RangeError('trendMonths must be 1-36.');
  let noise: { alpha: number; random: Random } | undefined;
  if (options.epsilon !== undefined) {
    validateEpsilon(options.epsilon);
    if (!options.random) throw new RangeError('Noise needs a random source.');
    noise = { alpha: discreteAlpha(options.epsilon, TEAM_SENSITIVITY), random: options.random };
  }
  const byMonth = new Map(aggregates.map((a) => [a.month, a]));
  const empty = (month: string): TeamAggregate => ({ month, roles: emptyRoles() });
  const months: string[] = [];
  for (let i = trendMonths - 1; i >= 0; i--) months.push(addMonths(options.month, -i));
  const current = releaseMonth(byMonth.get(options.month) ?? empty(options.month), minGroup, noise);
  const earlierReleases = new Map<string, MonthRelease>();
  if (!noise) for (const m of months) if (m !== options.month) earlierReleases.set(m, releaseMonth(byMonth.get(m) ?? empty(m), minGroup, undefined));

  const point = (m: string, id: TeamGroupId): TrendPoint => {
    if (m === options.month) {
      const s = current.shown.get(id)!;
      return { month: m, members: s.members, weeklyHandsOnHoursMedian: s.hours.median, craftRatioMedian: s.ratio.median };
    }
    if (!noise) {
      const s = earlierReleases.get(m)?.shown.get(id);
      return { month: m, members: s?.members ?? null, weeklyHandsOnHoursMedian: s?.hours.median ?? null, craftRatioMedian: s?.ratio.median ?? null };
    }
    const e = options.earlier?.get(m)?.get(id);
    return { month: m, members: e?.members ?? null, weeklyHandsOnHoursMedian: e?.weeklyHandsOnHoursMedian ?? null, craftRatioMedian: e?.craftRatioMedian ?? null };
  };

  const groups: TeamReportGroup[] = [];
  for (const [id, stats] of current.shown) {
    groups.push({
      group: id,
      members: stats.members,
      weeklyHandsOnHours: stats.hours,
      craftRatio: stats.ratio,
      belowFloor: stats.belowFloor,
      belowFloorShare: stats.members > 0 ? Math.round((stats.belowFloor / stats.members) * 100) / 100 : 0,
      trend: months.map((m) => point(m, id)),
    });
  }
  const sortedRejected = [...rejected].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.reason < b.reason ? -1 : 1));
  const report: TeamReport = {
    month: options.month,
    contributors: current.contributors,
    minGroup,
    groups,
    suppressed: current.suppressed,
    rejected: sortedRejected,
    noise: noise ? describeNoise(options.epsilon!) : null,
    warnings: options.warnings ?? [],
  };
  return { report, released: [...current.shown.values()].map((s) => s.released) };
}
