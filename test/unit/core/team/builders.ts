// Builders for team tests: contributions with sensible defaults for May 2025 (weeks W18-W21).
import { serializeContribution, type Contribution, type ContributionWeek } from '../../../../src/core/team/contribution';
import type { TeamRole } from '../../../../src/core/team/roles';

/** 2025-06-10T12:00Z: May 2025 is over, June is current. */
export const NOW = Date.UTC(2025, 5, 10, 12);
export const MAY_WEEKS = ['2025-W18', '2025-W19', '2025-W20', '2025-W21', '2025-W22'];

let counter = 0;
export function memberId(n = ++counter): string {
  return n.toString(16).padStart(32, '0');
}

export interface ContributionSpec {
  member?: string;
  month?: string;
  role?: TeamRole;
  /** Hands-on hours every week. */
  hours?: number;
  meetingHours?: number;
  ratio?: number;
  written?: string;
  weeks?: string[];
}

export function aContribution(spec: ContributionSpec = {}): Contribution {
  const hours = spec.hours ?? 20;
  const weeks: ContributionWeek[] = (spec.weeks ?? MAY_WEEKS.slice(0, 4)).map((week) => ({
    week,
    handsOnHours: hours,
    meetingHours: spec.meetingHours ?? 10,
    craftRatio: spec.ratio ?? 0.65,
    deepWorkBlocks: Math.min(3, Math.floor(hours / 0.75)),
  }));
  return {
    kind: 'craft-time/team-contribution',
    version: 1,
    member: spec.member ?? memberId(),
    month: spec.month ?? '2025-05',
    role: spec.role ?? 'engineer',
    edgeState: 'healthy',
    written: spec.written ?? '2025-06-01T08:00:00Z',
    weeks,
  };
}

/** n contributions of a role with hours hours[i] (cycled). */
export function many(n: number, role: TeamRole, hours: number[] = [20], extra: ContributionSpec = {}): Contribution[] {
  return Array.from({ length: n }, (_, i) => aContribution({ ...extra, role, hours: hours[i % hours.length] }));
}

export function asFile(c: Contribution, file = `${c.month}/${c.member}.json`): { file: string; text: string } {
  return { file, text: serializeContribution(c) };
}

/** A deterministic shuffle (seeded), for order-independence tests. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
