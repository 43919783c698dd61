// Role groups of the team report and the floors they are judged by. Pure.
import { ROLE_INFO, ROLES, type Role } from '../roles';

export const TEAM_ROLES = ROLES;
export type TeamRole = Role;

export function isTeamRole(value: unknown): value is TeamRole {
  return typeof value === 'string' && (TEAM_ROLES as readonly string[]).includes(value);
}

/**
 * The floors the team report judges against: always the DESIGN.md defaults (core/roles.ts), never a member's
 * own overrides. A contribution does not carry overrides, and one shared yardstick keeps shares comparable.
 */
export const TEAM_FLOORS: Readonly<Record<TeamRole, { readonly weeklyHandsOnHours: number; readonly craftRatio: number }>> =
  Object.fromEntries(ROLES.map((r) => [r, ROLE_INFO[r].floor])) as Record<TeamRole, { weeklyHandsOnHours: number; craftRatio: number }>;

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
