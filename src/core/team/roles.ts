// Roles, their floors and the role groups of the team report. Pure.
// TODO: switch ROLES / floors to src/core/roles.ts once it lands (same values, DESIGN.md "Technical edge").

export const TEAM_ROLES = ['engineer', 'senior', 'staff', 'principal', 'manager', 'director', 'executive'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export function isTeamRole(value: unknown): value is TeamRole {
  return typeof value === 'string' && (TEAM_ROLES as readonly string[]).includes(value);
}

/**
 * Default floors (DESIGN.md). The team report always judges against these defaults, never a member's own
 * overrides: a contribution does not carry overrides, and one shared yardstick keeps the shares comparable.
 * The ratio floor is in 5 % steps (integer percent / 5) so comparisons are exact.
 */
export const TEAM_FLOORS: Readonly<Record<TeamRole, { readonly weeklyHandsOnHours: number; readonly craftRatio: number }>> = {
  engineer: { weeklyHandsOnHours: 20, craftRatio: 0.6 },
  senior: { weeklyHandsOnHours: 18, craftRatio: 0.55 },
  staff: { weeklyHandsOnHours: 14, craftRatio: 0.45 },
  principal: { weeklyHandsOnHours: 10, craftRatio: 0.4 },
  manager: { weeklyHandsOnHours: 4, craftRatio: 0.12 },
  director: { weeklyHandsOnHours: 4, craftRatio: 0.1 },
  executive: { weeklyHandsOnHours: 2, craftRatio: 0.05 },
};

/** The three coarse groups of the issue; executives join managers and directors (alone they are never 5). */
export const COARSE_GROUPS = [
  { id: 'engineers', label: 'Engineers (engineer, senior)', roles: ['engineer', 'senior'] },
  { id: 'staff-principals', label: 'Staff and principal engineers', roles: ['staff', 'principal'] },
  { id: 'managers-directors', label: 'Managers, directors and executives', roles: ['manager', 'director', 'executive'] },
] as const satisfies readonly { id: string; label: string; roles: readonly TeamRole[] }[];

export type CoarseGroupId = (typeof COARSE_GROUPS)[number]['id'];
/** A report group: everyone, a coarse group, or a single role (a "fine" group). */
export type TeamGroupId = 'all' | CoarseGroupId | TeamRole;

const ROLE_LABELS: Readonly<Record<TeamRole, string>> = {
  engineer: 'Engineers',
  senior: 'Senior engineers',
  staff: 'Staff engineers',
  principal: 'Principal engineers',
  manager: 'Managers',
  director: 'Directors',
  executive: 'Executives',
};

export function groupLabel(id: TeamGroupId): string {
  if (id === 'all') return 'Everyone';
  const coarse = COARSE_GROUPS.find((g) => g.id === id);
  if (coarse) return coarse.label;
  return ROLE_LABELS[id as TeamRole];
}
