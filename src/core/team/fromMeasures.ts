// From measured weeks to a contribution: the one rule set shared by `craft-time team contribute` and the
// extension's opt-in flow, so both write exactly the same file for the same data.
import type { MeasureInputs } from '../context';
import { computeEdge, edgeRange, type EdgeResult } from '../edge';
import { dailyMeasures, type DayMeasures } from '../measures';
import { addDays } from '../zone';
import { monthOfWeek, weekMonday, weeksOfMonth, type ContributionInput, type ContributionInputWeek } from './contribution';
import { floorFor, type Role } from '../roles';

/**
 * Deep-work blocks in a contribution are runs of at least 45 minutes, whatever the member's own
 * deepWorkMinutes setting says (docs/team-format.md): one yardstick for the whole team.
 */
export const TEAM_DEEP_WORK_MINUTES = 45;

/** Weeks with fewer available working days than this are mostly time off and are left out. */
export const MIN_AVAILABLE_DAYS = 3;

/** The date a month's contribution is judged as of: the Monday after its last week, or today if earlier. */
export function contributionAsOf(month: string, today: string): string {
  const weeks = weeksOfMonth(month);
  const afterLast = addDays(weekMonday(weeks[weeks.length - 1]) as string, 7);
  return afterLast < today ? afterLast : today;
}

/**
 * The month's completed weeks that can be shared: tracked, covered by meeting data (else the craft ratio
 * would wrongly read 100 %), and not mostly time off. `edge` must be computed as of contributionAsOf().
 */
export function contributionInput(month: string, role: Role, edge: EdgeResult, days: readonly DayMeasures[]): { input: ContributionInput; skipped: string[] } {
  const weeks: ContributionInputWeek[] = [];
  const skipped: string[] = [];
  for (const w of edge.weeks) {
    if (monthOfWeek(w.week) !== month) continue;
    if (!w.tracked) skipped.push(`${w.week}: before tracking began`);
    else if (!w.meetingsCovered) skipped.push(`${w.week}: no calendar or logged meetings cover it (the craft ratio would be wrong)`);
    else if (w.availableDays < MIN_AVAILABLE_DAYS) skipped.push(`${w.week}: mostly time off (${w.availableDays} working days)`);
    else {
      const deepWorkBlocks = days.filter((d) => d.date >= w.from && d.date <= w.to).reduce((s, d) => s + d.deepWorkBlocks, 0);
      weeks.push({ week: w.week, handsOnMinutes: w.handsOnMs / 60_000, meetingMinutes: w.meetingMs / 60_000, deepWorkBlocks, assistedMinutes: w.assistedMs / 60_000 });
    }
  }
  return { input: { role, edgeState: edge.state, weeks }, skipped };
}

/**
 * The one way a month's contribution is computed, by the CLI and the extension alike: judged as of
 * contributionAsOf, against the role's default floor (personal overrides stay personal) and with 45-minute
 * deep-work blocks, whatever the member's own settings say.
 */
export function contributionFrom(inputs: MeasureInputs, month: string, role: Role, today: string): { input: ContributionInput; skipped: string[] } {
  const asOf = contributionAsOf(month, today);
  // A personal assisted credit never reaches the team: the shared state judges hands-on only.
  const context = { ...inputs.context, role, floor: floorFor(role), deepWorkMinutes: TEAM_DEEP_WORK_MINUTES, assistedCredit: 0 };
  const days = dailyMeasures({ ...inputs, context }, edgeRange(asOf));
  return contributionInput(month, role, computeEdge(days, context, asOf), days);
}
