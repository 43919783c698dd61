// The words of the technical edge: signal details, the headline, what is missing and the "Why?" page,
// made from the numbers of src/core/edge.ts. Every surface (status bar, warning, dashboard, summary, CLI)
// uses these, so they all say the same thing. Pure: no vscode, no I/O.
import { AWAY_RUN_DAYS, belowFloorWeeksShown, DECLINE_THRESHOLD, ERODING_BELOW_FLOOR_WEEKS, MIN_BASELINE_WEEKS, MIN_RECENT_WEEKS, type EdgeGap, type EdgeResult, type EdgeSignal, type EdgeState, type EdgeWeek, type SignalId } from '../core/edge';
import type { Floor, Role } from '../core/roles';
import { hoursNumber, percentText } from './labels';

const SIGNAL_TITLES: Record<SignalId, string> = {
  belowFloor: 'Below floor',
  decline: 'Decline',
  awayFromCode: 'Away from the code',
};

export function signalTitle(id: SignalId): string {
  return SIGNAL_TITLES[id];
}

export const STATE_LABEL: Readonly<Record<EdgeState, string>> = {
  learning: 'Learning (not enough data to judge yet)',
  healthy: 'Healthy',
  watch: 'Watch',
  eroding: 'Eroding',
};

function weekText(w: EdgeWeek, floor: Floor): string {
  const parts = [`${w.week}: ${hoursNumber(w.handsOnMs)} h hands-on (floor ${hoursNumber(w.floorHandsOnMs)} h${w.availableDays < w.workingDays ? ` for ${w.availableDays} of ${w.workingDays} working days` : ''})`];
  if (w.meetingsCovered) parts.push(`craft ratio ${percentText(w.craftRatio)} (floor ${percentText(floor.craftRatio)})`);
  return parts.join(', ');
}

/** One sentence with the numbers behind a signal. */
export function signalDetail(s: EdgeSignal, result: EdgeResult): string {
  const n = s.numbers;
  switch (s.id) {
    case 'belowFloor': {
      if (!s.available) return `Needs 2 completed weeks that count; ${n.countedWeeks} so far.`;
      const inARow = Number(n.weeksInARow);
      const shown = belowFloorWeeksShown(result.weeks, inARow).map((w) => weekText(w, result.floor));
      const head = s.fired ? `Below the floor ${inARow} completed weeks in a row` : inARow > 0 ? 'Below the floor last week only' : 'At or above the floor last week';
      return `${head}: ${shown.join('; ')}.`;
    }
    case 'decline': {
      if (!s.available) {
        return `Needs at least ${MIN_BASELINE_WEEKS} counted weeks in the 12-week baseline (${n.baselineWeeks} so far) ` +
          `and ${MIN_RECENT_WEEKS} in the last 4 weeks (${n.recentWeeks}).`;
      }
      const base = Number(n.baselineWeeklyHours), now = Number(n.recentWeeklyHours);
      if (base === 0) return 'No hands-on time in the baseline, so nothing to decline from.';
      const share = n.shareOfBaseline === null ? 0 : Number(n.shareOfBaseline);
      const basis = n.basis === 'hands-on+assisted'
        ? ` Compared as hands-on plus assisted time: the definition changed on ${n.originKnownFrom} (before then, edits written by tools counted as hands-on), so the baseline is compared like with like.`
        : '';
      return `Last 4 completed weeks: ${now.toFixed(1)} h a week on average, ${Math.round(share * 100)} % of the ` +
        `${base.toFixed(1)} h baseline of the 12 weeks before (${s.fired ? 'under' : 'not under'} ${Math.round(DECLINE_THRESHOLD * 100)} %).${basis}`;
    }
    case 'awayFromCode': {
      const days = Number(n.longestRunDays);
      if (days === 0) return `No working day under 30 min hands-on in the last 4 completed weeks (${n.countedDays} working days counted).`;
      return `Longest run of working days under 30 min hands-on in the last 4 completed weeks: ${days} day${days === 1 ? '' : 's'} ` +
        `(${n.runFrom} to ${n.runTo}; ${s.fired ? 'at least' : 'under'} ${AWAY_RUN_DAYS}).`;
    }
  }
}

/** What is missing, one line each. */
export function gapText(gap: EdgeGap): string {
  switch (gap.kind) {
    case 'noActivity':
      return 'no hands-on activity tracked yet';
    case 'fewWeeks':
      return `${gap.counted} of ${gap.needed} complete weeks of tracking (tracking since ${gap.since}; ` +
        'a week counts once it is complete and has a working day that is not time off)';
    case 'noCalendar':
      return 'no calendar connected: meeting-based signals are off (the craft-ratio floor is not checked, and days with no activity look like days off)';
    case 'meetingsFrom':
      return `meetings known only from ${gap.from}: the craft-ratio floor is checked from then on`;
  }
}

export function missingLines(result: EdgeResult): string[] {
  return result.gaps.map(gapText);
}

/** One line for a status-bar tooltip or a notification. */
export function edgeHeadline(result: EdgeResult): string {
  switch (result.state) {
    case 'learning':
      return `Learning: ${result.gaps.length ? gapText(result.gaps[0]) : 'not enough data yet'}.`;
    case 'healthy':
      return 'Healthy: no signal fired over the last completed weeks.';
    case 'watch':
    case 'eroding': {
      const names = result.signals.filter((s) => s.fired).map((s) => SIGNAL_TITLES[s.id].toLowerCase());
      const label = result.state === 'watch' ? 'Watch' : 'Eroding';
      return names.length > 0 ? `${label}: ${names.join(', ')}.` : `${label}: below floor for ${ERODING_BELOW_FLOOR_WEEKS}+ completed weeks.`;
    }
  }
}

/** The readable explanation behind "Why?" (Markdown). */
export function explainEdge(result: EdgeResult, role?: Role): string {
  const lines: string[] = [];
  const stateText: Record<EdgeState, string> = {
    learning: 'Learning: not enough data yet to say anything fair.',
    healthy: 'Healthy: none of the three signals fired.',
    watch: 'Watch: one signal fired.',
    eroding: 'Eroding: two or more signals fired, or you have been below the floor for 4 completed weeks in a row.',
  };
  lines.push(`# Technical edge as of ${result.asOf}`, '', `**${stateText[result.state]}**`, '');
  lines.push(
    `Floor${role ? ` for ${role}` : ''}: ${result.floor.weeklyHandsOnHours} h hands-on a week ` +
      `(pro-rated for days off) and a craft ratio of ${percentText(result.floor.craftRatio)}.`,
    '',
  );
  const missing = missingLines(result);
  if (missing.length > 0) lines.push('What is missing:', '', ...missing.map((m) => `- ${m}`), '');
  lines.push('## Signals', '');
  for (const s of result.signals) {
    const mark = !s.available ? 'not enough data' : s.fired ? 'fired' : 'did not fire';
    lines.push(`- **${SIGNAL_TITLES[s.id]}** (${mark}): ${signalDetail(s, result)}`);
  }
  lines.push('', '## Completed weeks', '', '| week | hands-on h | floor h | meetings h | craft ratio | working days counted | below floor | assisted h |', '|---|---|---|---|---|---|---|---|');
  for (const w of result.weeks) {
    if (!w.tracked) continue;
    lines.push(
      `| ${w.week} | ${hoursNumber(w.handsOnMs)} | ${hoursNumber(w.floorHandsOnMs)} | ${w.meetingsCovered ? hoursNumber(w.meetingMs) : 'n/a'} | ` +
        `${w.meetingsCovered ? percentText(w.craftRatio) : 'n/a'} | ${w.availableDays} of ${w.workingDays} | ${!w.counted ? 'not counted' : w.belowFloor ? 'yes' : 'no'} | ${hoursNumber(w.assistedMs)} |`,
    );
  }
  lines.push(
    '',
    'Days marked as time off, all-day out-of-office events, and working days with no activity and no meetings count ' +
      'neither for nor against you: the weekly floor shrinks by one working day\'s share for each such day, and they are skipped in runs.',
    '',
    'Hands-on counts your own hands only. Assisted time (changes written by AI agents, chat "apply", accepted multi-line ' +
      'completions) is shown beside it and never inside it; a credit for it toward the floors is a setting (craftTime.edge.assistedCredit, default 0). ' +
      'History recorded before Craft Time told the two apart (activity format 1) counts all edits as hands-on.',
  );
  return lines.join('\n') + '\n';
}

/** The signals with their words, as the CLI, the summary and the dashboard show them. */
export function signalViews(result: EdgeResult): { id: SignalId; title: string; fired: boolean; available: boolean; detail: string; numbers: EdgeSignal['numbers'] }[] {
  return result.signals.map((s) => ({ id: s.id, title: signalTitle(s.id), fired: s.fired, available: s.available, detail: signalDetail(s, result), numbers: s.numbers }));
}
