// The team report: role groups, quartiles, share below floor, trend and narrative, with the privacy rules
// enforced here (not in the renderers). Pure: contributions in, report out; randomness is passed in.
// Every rule is explained in docs/team-format.md.
import { addMonths } from '../zone';
import type { Contribution, RejectedFile } from './contribution';
import { MAX_WEEK_HOURS } from './contribution';
import { laplace, laplaceScale, type Random } from './noise';
import { COARSE_GROUPS, TEAM_FLOORS, TEAM_ROLES, groupLabel, type TeamGroupId, type TeamRole } from './roles';

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
/** With noise, hands-on is binned by two hours: [0, 2), [2, 4) ... [58, 60), and 60 h or more (31 bins). */
const DP_HOUR_WIDTH = 2;
const DP_HOUR_BINS = 31;
/** With noise, a bin whose noisy count is under this many scales is treated as empty (post-processing). */
const DP_THRESHOLD_SCALES = 3;

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

export function memberMonth(c: Contribution): MemberMonth {
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
export function aggregateContributions(month: string, contributions: readonly Contribution[]): TeamAggregate {
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

/** Quantile of a noisy histogram (fractional counts): the value at which the cumulative mass reaches p. */
function noisyQuantile(hist: readonly number[], p: number, interpolate: boolean): number | null {
  const total = hist.reduce((s, v) => s + v, 0);
  if (total <= 0) return null;
  const target = p * total;
  let cum = 0;
  for (let i = 0; i < hist.length; i++) {
    if (hist[i] > 0 && cum + hist[i] >= target) return interpolate ? i + (target - cum) / hist[i] : i;
    cum += hist[i];
  }
  return hist.length - 1;
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
  /** null when the group was not shown that month (too small, suppressed, or split differently). */
  readonly members: number | null;
  readonly weeklyHandsOnHoursMedian: number | null;
  readonly craftRatioMedian: number | null;
}

export interface TeamReportGroup {
  readonly group: TeamGroupId;
  readonly label: string;
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

export interface SuppressedGroup {
  readonly group: TeamGroupId;
  readonly reason: string;
}

export interface TeamReport {
  readonly month: string;
  readonly contributors: number;
  readonly minGroup: number;
  readonly groups: readonly TeamReportGroup[];
  readonly suppressed: readonly SuppressedGroup[];
  readonly rejected: readonly RejectedFile[];
  readonly noise: { readonly mechanism: 'laplace'; readonly epsilon: number; readonly scale: number } | null;
  readonly narrative: string;
}

export interface TeamReportOptions {
  readonly month: string;
  /** Default 5; refused (RangeError) below 3 or above 1000. */
  readonly minGroup?: number;
  /** Differential-privacy budget per month; omit for no noise. Needs `random`. */
  readonly epsilon?: number;
  readonly random?: Random;
  /** Months of trend including the report's month; default 6, 1 for none. */
  readonly trendMonths?: number;
}

interface GroupStats {
  readonly members: number;
  readonly belowFloor: number;
  readonly hours: Quartiles;
  readonly ratio: Quartiles;
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

function exactStats(agg: GroupAggregate): GroupStats {
  const n = agg.members;
  const q = (hist: readonly number[], p: number) => histogramQuantile(hist, n, p);
  return {
    members: n,
    belowFloor: agg.belowFloor,
    hours: { p25: Math.round(q(agg.hours, 0.25)) / 2, median: Math.round(q(agg.hours, 0.5)) / 2, p75: Math.round(q(agg.hours, 0.75)) / 2 },
    ratio: { p25: Math.round(q(agg.ratio, 0.25)) / 20, median: Math.round(q(agg.ratio, 0.5)) / 20, p75: Math.round(q(agg.ratio, 0.75)) / 20 },
  };
}

/** A group's counts with Laplace noise on each (members, below floor, every histogram bin). */
interface NoisyAggregate {
  readonly members: number;
  readonly belowFloor: number;
  readonly hours: number[];
  readonly ratio: number[];
}

function noisyAggregate(agg: GroupAggregate, scale: number, random: Random): NoisyAggregate {
  const dpHours = new Array<number>(DP_HOUR_BINS).fill(0);
  agg.hours.forEach((count, halves) => (dpHours[Math.min(DP_HOUR_BINS - 1, Math.floor(halves / 2 / DP_HOUR_WIDTH))] += count));
  return {
    members: agg.members + laplace(scale, random),
    belowFloor: agg.belowFloor + laplace(scale, random),
    hours: dpHours.map((v) => v + laplace(scale, random)),
    ratio: agg.ratio.map((v) => v + laplace(scale, random)),
  };
}

function addNoisy(a: NoisyAggregate, b: NoisyAggregate): NoisyAggregate {
  return {
    members: a.members + b.members,
    belowFloor: a.belowFloor + b.belowFloor,
    hours: a.hours.map((v, i) => v + b.hours[i]),
    ratio: a.ratio.map((v, i) => v + b.ratio[i]),
  };
}

/** Post-processing only (costs no privacy): rounding, clamping, dropping bins the noise alone could explain. */
function noisyStats(agg: NoisyAggregate, scale: number): GroupStats {
  const members = Math.max(0, Math.round(agg.members));
  const belowFloor = Math.min(members, Math.max(0, Math.round(agg.belowFloor)));
  const clean = (hist: readonly number[]) => hist.map((v) => (v < DP_THRESHOLD_SCALES * scale ? 0 : v));
  const hours = clean(agg.hours), ratio = clean(agg.ratio);
  const hq = (p: number) => {
    const v = noisyQuantile(hours, p, true);
    return v === null ? null : Math.round(v * DP_HOUR_WIDTH * 2) / 2;
  };
  const rq = (p: number) => {
    const v = noisyQuantile(ratio, p, false);
    return v === null ? null : Math.round(v) / 20;
  };
  return { members, belowFloor, hours: { p25: hq(0.25), median: hq(0.5), p75: hq(0.75) }, ratio: { p25: rq(0.25), median: rq(0.5), p75: rq(0.75) } };
}

/**
 * One month under the privacy rules. Suppression is decided on the true counts:
 * 1. the month is shown at all only with at least minGroup contributors;
 * 2. a group with fewer than minGroup members is suppressed;
 * 3. complementary suppression: "everyone" is shown, so everyone minus the shown groups must be empty or
 *    at least minGroup members; while it is not, the smallest shown group is suppressed too.
 */
function releaseMonth(agg: TeamAggregate, minGroup: number, noise: { scale: number; random: Random } | undefined): MonthRelease {
  const parts = partition(agg, minGroup);
  const total = parts.reduce((s, p) => s + p.agg.members, 0);
  // Noise is drawn for every part, shown or not, in a fixed order: the draws never depend on what is shown.
  const noisy = noise ? parts.map((p) => noisyAggregate(p.agg, noise.scale, noise.random)) : undefined;
  const suppressed: SuppressedGroup[] = [];
  const shown = new Map<TeamGroupId, GroupStats>();
  const contributors = noisy ? Math.max(0, Math.round(noisy.reduce((s, g) => s + g.members, 0))) : total;
  if (total < minGroup) {
    if (total > 0) suppressed.push({ group: 'all', reason: `fewer than ${minGroup} contributors` });
    for (const p of parts) suppressed.push({ group: p.id, reason: `fewer than ${minGroup} members` });
    return { contributors, shown, suppressed };
  }
  const visible: number[] = [];
  parts.forEach((p, i) => {
    if (p.agg.members < minGroup) suppressed.push({ group: p.id, reason: `fewer than ${minGroup} members` });
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
    suppressed.push({
      group: parts[idx].id,
      reason: `complementary suppression: everyone minus the groups shown would reveal fewer than ${minGroup} members`,
    });
  }
  if (noisy && noise) {
    shown.set('all', noisyStats(noisy.reduce(addNoisy), noise.scale));
    for (const i of visible) shown.set(parts[i].id, noisyStats(noisy[i], noise.scale));
  } else {
    shown.set('all', exactStats(parts.map((p) => p.agg).reduce(mergeGroupAggregates)));
    for (const i of visible) shown.set(parts[i].id, exactStats(parts[i].agg));
  }
  return { contributors, shown, suppressed };
}

export function validateMinGroup(minGroup: number): void {
  if (!Number.isInteger(minGroup) || minGroup < MIN_GROUP_FLOOR || minGroup > MAX_MIN_GROUP) {
    throw new RangeError(`The minimum group size must be a whole number from ${MIN_GROUP_FLOOR} to ${MAX_MIN_GROUP} (got ${minGroup}).`);
  }
}

export function validateEpsilon(epsilon: number): void {
  if (!Number.isFinite(epsilon) || epsilon <= 0 || epsilon > 100) {
    throw new RangeError(`Epsilon must be a number above 0 and at most 100 (got ${epsilon}).`);
  }
}

/** Builds the report from validated contributions (any months; the trend reads the earlier ones). */
export function buildTeamReport(contributions: readonly Contribution[], rejected: readonly RejectedFile[], options: TeamReportOptions): TeamReport {
  const trendMonths = options.trendMonths ?? DEFAULT_TREND_MONTHS;
  const aggregates: TeamAggregate[] = [];
  for (let i = 0; i < trendMonths; i++) {
    const m = addMonths(options.month, -i);
    aggregates.push(aggregateContributions(m, contributions));
  }
  return buildTeamReportFromAggregates(aggregates, rejected, options);
}

/**
 * Builds the report from one aggregate per month: aggregates[0] is the report's month, the others (any
 * order) feed the trend. Each month is released under the same rules (and, with noise, its own draws).
 */
export function buildTeamReportFromAggregates(
  aggregates: readonly TeamAggregate[],
  rejected: readonly RejectedFile[],
  options: TeamReportOptions,
): TeamReport {
  const minGroup = options.minGroup ?? DEFAULT_MIN_GROUP;
  validateMinGroup(minGroup);
  const trendMonths = options.trendMonths ?? DEFAULT_TREND_MONTHS;
  if (!Number.isInteger(trendMonths) || trendMonths < 1 || trendMonths > 36) throw new RangeError('trendMonths must be 1-36.');
  let noise: { scale: number; random: Random } | undefined;
  if (options.epsilon !== undefined) {
    validateEpsilon(options.epsilon);
    if (!options.random) throw new RangeError('Noise needs a random source.');
    noise = { scale: laplaceScale(options.epsilon), random: options.random };
  }
  const byMonth = new Map(aggregates.map((a) => [a.month, a]));
  const empty = (month: string): TeamAggregate => ({ month, roles: emptyRoles() });
  const months: string[] = [];
  for (let i = trendMonths - 1; i >= 0; i--) months.push(addMonths(options.month, -i));
  // The report's month first, so its noise draws do not depend on how many trend months there are.
  const releases = new Map<string, MonthRelease>();
  for (const m of [...months].reverse()) releases.set(m, releaseMonth(byMonth.get(m) ?? empty(m), minGroup, noise));
  const current = releases.get(options.month)!;

  const groups: TeamReportGroup[] = [];
  for (const [id, stats] of current.shown) {
    const trend: TrendPoint[] = months.map((m) => {
      const s = releases.get(m)!.shown.get(id);
      return { month: m, members: s?.members ?? null, weeklyHandsOnHoursMedian: s?.hours.median ?? null, craftRatioMedian: s?.ratio.median ?? null };
    });
    groups.push({
      group: id,
      label: groupLabel(id),
      members: stats.members,
      weeklyHandsOnHours: stats.hours,
      craftRatio: stats.ratio,
      belowFloor: stats.belowFloor,
      belowFloorShare: stats.members > 0 ? Math.round((stats.belowFloor / stats.members) * 100) / 100 : 0,
      trend,
    });
  }
  const sortedRejected = [...rejected].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.reason < b.reason ? -1 : 1));
  const report: Omit<TeamReport, 'narrative'> = {
    month: options.month,
    contributors: current.contributors,
    minGroup,
    groups,
    suppressed: current.suppressed,
    rejected: sortedRejected,
    noise: noise ? { mechanism: 'laplace', epsilon: options.epsilon!, scale: noise.scale } : null,
  };
  return { ...report, narrative: narrative(report) };
}

// ---------------------------------------------------------------------------------------------------------
// Narrative.

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

export function formatHours(h: number | null): string {
  return h === null ? 'n/a' : `${h} h`;
}

export function formatPercent(r: number | null): string {
  return r === null ? 'n/a' : `${Math.round(r * 100)} %`;
}

/** A few plain sentences for leadership (no markup; the renderers escape it). */
export function narrative(r: Omit<TeamReport, 'narrative'>): string {
  const out: string[] = [];
  const people = r.contributors === 1 ? 'person' : 'people';
  out.push(`${r.contributors} ${people} contributed for ${monthName(r.month)}.`);
  if (r.groups.length === 0) {
    out.push(`No group reached the minimum of ${r.minGroup} members, so no numbers are shown.`);
  }
  for (const g of r.groups) {
    const name = g.group === 'all' ? 'Across everyone' : g.label;
    out.push(
      `${name}: a median of ${formatHours(g.weeklyHandsOnHours.median)} hands-on per week and a craft ratio of ${formatPercent(g.craftRatio.median)}; ` +
        `${g.belowFloor} of ${g.members} below their role's floor.`,
    );
  }
  for (const g of r.groups) {
    const first = g.trend.find((t) => t.weeklyHandsOnHoursMedian !== null && t.month !== r.month);
    const now = g.weeklyHandsOnHours.median;
    if (!first || now === null || first.weeklyHandsOnHoursMedian === null) continue;
    const diff = now - first.weeklyHandsOnHoursMedian;
    const name = g.group === 'all' ? 'Overall' : g.label;
    if (Math.abs(diff) < 1) out.push(`${name}: hands-on steady since ${monthName(first.month)}.`);
    else out.push(`${name}: median hands-on ${diff > 0 ? 'up' : 'down'} ${Math.abs(diff)} h per week since ${monthName(first.month)} (from ${first.weeklyHandsOnHoursMedian} h).`);
  }
  if (r.suppressed.length > 0) {
    out.push(`${r.suppressed.length} ${r.suppressed.length === 1 ? 'group is' : 'groups are'} not shown to protect small groups.`);
  }
  if (r.noise) out.push(`Numbers include random noise for differential privacy (epsilon ${r.noise.epsilon}); small differences are not meaningful.`);
  if (r.rejected.length > 0) out.push(`${r.rejected.length} ${r.rejected.length === 1 ? 'file was' : 'files were'} rejected (listed below).`);
  return out.join(' ');
}
