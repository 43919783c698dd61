// Roles and their default floors (DESIGN.md "Technical edge"); the reasoning is shown in docs/metrics.md.

export const ROLES = ['engineer', 'senior', 'staff', 'principal', 'manager', 'director', 'executive'] as const;
export type Role = (typeof ROLES)[number];

export interface Floor {
  /** Hands-on hours in a full working week (pro-rated for weeks with time off). */
  readonly weeklyHandsOnHours: number;
  /** Minimum craft ratio, a fraction 0..1 (hands-on / (hands-on + meetings)). */
  readonly craftRatio: number;
}

export interface RoleInfo {
  readonly role: Role;
  readonly floor: Floor;
  /** Whether edge warnings are on by default for the role. */
  readonly warningsByDefault: boolean;
  /** Why the defaults are what they are (shown in docs and in "Why?"). */
  readonly reasoning: string;
}

export const ROLE_INFO: Readonly<Record<Role, RoleInfo>> = {
  engineer: {
    role: 'engineer',
    floor: { weeklyHandsOnHours: 20, craftRatio: 0.6 },
    warningsByDefault: false,
    reasoning:
      'Building is the job. About half of a 40-hour week hands-on (20 h) is what remains after reviews, ' +
      'planning and team rituals; below 60 % craft ratio the calendar, not the code, is setting the pace.',
  },
  senior: {
    role: 'senior',
    floor: { weeklyHandsOnHours: 18, craftRatio: 0.55 },
    warningsByDefault: false,
    reasoning:
      'Still mostly building, with more design reviews, mentoring and cross-team talk: 18 h and 55 % leave ' +
      'room for that while keeping the code the main output.',
  },
  staff: {
    role: 'staff',
    floor: { weeklyHandsOnHours: 14, craftRatio: 0.45 },
    warningsByDefault: true,
    reasoning:
      'Staff engineers lead through technical work: prototypes, critical paths, reviews. Around two hands-on ' +
      'days a week (14 h) and under half of the calendar in meetings keep their judgement grounded in code.',
  },
  principal: {
    role: 'principal',
    floor: { weeklyHandsOnHours: 10, craftRatio: 0.4 },
    warningsByDefault: true,
    reasoning:
      'Principals spend much of their week aligning people, which is the point of the role, but their ' +
      'authority rests on staying close to the code: 10 h a week (a solid day and a half) and 40 % craft ' +
      'ratio are the least that keeps reviews and designs informed by hands-on reality.',
  },
  manager: {
    role: 'manager',
    floor: { weeklyHandsOnHours: 4, craftRatio: 0.12 },
    warningsByDefault: true,
    reasoning:
      'Managers are not expected to ship features, but half a day a week of reading code, reviewing and ' +
      'running the build keeps them able to judge estimates and risks; 12 % of a meeting-heavy week.',
  },
  director: {
    role: 'director',
    floor: { weeklyHandsOnHours: 4, craftRatio: 0.1 },
    warningsByDefault: true,
    reasoning:
      'Directors decide on architecture, hiring and investment; half a day a week hands-on (4 h, 10 % of a ' +
      'very full calendar) is a small, protectable habit that keeps those decisions technical.',
  },
  executive: {
    role: 'executive',
    floor: { weeklyHandsOnHours: 2, craftRatio: 0.05 },
    warningsByDefault: true,
    reasoning:
      'For executives the floor is symbolic but real: two hours a week with the code (5 % of the calendar) ' +
      'is enough to keep a feel for the tools and the codebase their organisation works in.',
  },
};


export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface FloorOverrides {
  readonly weeklyHandsOnHours?: number | null;
  readonly craftRatio?: number | null;
}

/**
 * The floor for a role with optional overrides (a setting left empty or null keeps the default).
 * Overrides are clamped: hours to 0..80, ratio to 0..1 (a ratio given as a percentage > 1 is read as %).
 */
export function floorFor(role: Role, overrides: FloorOverrides = {}): Floor {
  const base = ROLE_INFO[role].floor;
  let hours = base.weeklyHandsOnHours;
  let ratio = base.craftRatio;
  if (typeof overrides.weeklyHandsOnHours === 'number' && Number.isFinite(overrides.weeklyHandsOnHours)) {
    hours = Math.min(80, Math.max(0, overrides.weeklyHandsOnHours));
  }
  if (typeof overrides.craftRatio === 'number' && Number.isFinite(overrides.craftRatio)) {
    const r = overrides.craftRatio > 1 ? overrides.craftRatio / 100 : overrides.craftRatio;
    ratio = Math.min(1, Math.max(0, r));
  }
  return { weeklyHandsOnHours: hours, craftRatio: ratio };
}
