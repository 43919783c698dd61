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
  { id: 'engineers', roles: ['engineer', 'senior'] },
  { id: 'staff-principals', roles: ['staff', 'principal'] },
  { id: 'managers-directors', roles: ['manager', 'director', 'executive'] },
] as const satisfies readonly { id: string; roles: readonly TeamRole[] }[];

export type CoarseGroupId = (typeof COARSE_GROUPS)[number]['id'];
/** A report group: everyone, a coarse group, or a single role (a "fine" group). */
export type TeamGroupId = 'all' | CoarseGroupId | TeamRole;
