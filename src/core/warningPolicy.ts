// When an edge warning is due (DESIGN.md "Warnings"): pure, so every rule is unit-tested.
import type { EdgeState } from './edge';

export interface WarningPolicyInput {
  readonly state: EdgeState;
  readonly enabled: boolean;
  readonly inMeeting: boolean;
  readonly now: number;
  readonly lastShown?: string;
  readonly snoozedUntil?: string;
  readonly minDaysBetween: number;
}

export type WarningDecision = { readonly due: true } | { readonly due: false; readonly reason: string };

export function warningDue(input: WarningPolicyInput): WarningDecision {
  if (!input.enabled) return { due: false, reason: 'warnings are off for this role or by setting' };
  if (input.state !== 'watch' && input.state !== 'eroding') return { due: false, reason: `the edge state is ${input.state}` };
  if (input.inMeeting) return { due: false, reason: 'a meeting is in progress' };
  if (input.snoozedUntil && Date.parse(input.snoozedUntil) > input.now) return { due: false, reason: 'snoozed' };
  if (input.lastShown && input.now - Date.parse(input.lastShown) < input.minDaysBetween * 86_400_000) {
    return { due: false, reason: `a warning was shown less than ${input.minDaysBetween} days ago` };
  }
  return { due: true };
}
