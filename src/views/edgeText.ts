// The words of the technical edge: signal details, the headline, what is missing and the "Why?" page,
// made from the numbers of src/core/edge.ts. Every surface (status bar, warning, dashboard, summary, CLI)
// uses these, so they all say the same thing. Pure: no vscode, no I/O.
import { AWAY_RUN_DAYS, belowFloorWeeksShown, DECLINE_THRESHOLD, ERODING_BELOW_FLOOR_WEEKS, MIN_BASELINE_WEEKS, MIN_RECENT_WEEKS, type EdgeGap, type EdgeResult, type EdgeSignal, type EdgeState, type EdgeWeek, type SignalId } from '../core/edge';
import type { Floor, Role } from '../core/roles';
import { ENGLISH, hoursNumberIn, isEnglish, oneDecimalIn, numberIn, percentIn, type Localizer } from '../shared/locale';

export function signalTitle(id: SignalId, l: Localizer = ENGLISH): string {
  switch (id) {
    case 'belowFloor': return l.t('Below floor');
    case 'decline': return l.t('Decline');
    case 'awayFromCode': return l.t('Away from the code');
  }
}

export const STATE_LABEL: Readonly<Record<EdgeState, string>> = {
  learning: 'Learning (not enough data to judge yet)',
  healthy: 'Healthy',
  watch: 'Watch',
  eroding: 'Eroding',
};

/** The state as a lower-case word in running text ("technical edge healthy"); English: the state id. */
export function edgeStateWord(state: EdgeState, l: Localizer = ENGLISH): string {
  switch (state) {
    case 'learning': return l.t('learning');
    case 'healthy': return l.t('healthy');
    case 'watch': return l.t('watch');
    case 'eroding': return l.t('eroding');
  }
}

/** The state as a badge or heading ("Healthy"). */
export function edgeStateTitle(state: EdgeState, l: Localizer = ENGLISH): string {
  switch (state) {
    case 'learning': return l.t('Learning');
    case 'healthy': return l.t('Healthy');
    case 'watch': return l.t('Watch');
    case 'eroding': return l.t('Eroding');
  }
}

function weekText(w: EdgeWeek, floor: Floor, l: Localizer): string {
  const hours = hoursNumberIn(l, w.handsOnMs), floorHours = hoursNumberIn(l, w.floorHandsOnMs);
  const parts = [w.availableDays < w.workingDays
    ? l.t('{0}: {1} h hands-on (floor {2} h for {3} of {4} working days)', w.week, hours, floorHours, w.availableDays, w.workingDays)
    : l.t('{0}: {1} h hands-on (floor {2} h)', w.week, hours, floorHours)];
  if (w.meetingsCovered) parts.push(l.t('craft ratio {0} (floor {1})', percentIn(l, w.craftRatio), percentIn(l, floor.craftRatio)));
  return parts.join(', ');
}

/** One sentence with the numbers behind a signal. */
export function signalDetail(s: EdgeSignal, result: EdgeResult, l: Localizer = ENGLISH): string {
  const n = s.numbers;
  switch (s.id) {
    case 'belowFloor': {
      if (!s.available) return l.t('Needs 2 completed weeks that count; {0} so far.', String(n.countedWeeks));
      const inARow = Number(n.weeksInARow);
      const shown = belowFloorWeeksShown(result.weeks, inARow).map((w) => weekText(w, result.floor, l));
      const head = s.fired ? l.t('Below the floor {0} completed weeks in a row', inARow) : inARow > 0 ? l.t('Below the floor last week only') : l.t('At or above the floor last week');
      return `${head}: ${shown.join('; ')}.`;
    }
    case 'decline': {
      if (!s.available) {
        return l.t('Needs at least {0} counted weeks in the 12-week baseline ({1} so far) and {2} in the last 4 weeks ({3}).',
          MIN_BASELINE_WEEKS, String(n.baselineWeeks), MIN_RECENT_WEEKS, String(n.recentWeeks));
      }
      const base = Number(n.baselineWeeklyHours), now = Number(n.recentWeeklyHours);
      if (base === 0) return l.t('No hands-on time in the baseline, so nothing to decline from.');
      const share = n.shareOfBaseline === null ? 0 : Number(n.shareOfBaseline);
      const basis = n.basis === 'hands-on+assisted'
        ? ` ${l.t('Compared as hands-on plus assisted time: the definition changed on {0} (before then, edits written by tools counted as hands-on), so the baseline is compared like with like.', String(n.originKnownFrom))}`
        : '';
      const threshold = percentIn(l, DECLINE_THRESHOLD);
      const text = s.fired
        ? l.t('Last 4 completed weeks: {0} h a week on average, {1} of the {2} h baseline of the 12 weeks before (under {3}).', oneDecimal(l, now), percentIn(l, share), oneDecimal(l, base), threshold)
        : l.t('Last 4 completed weeks: {0} h a week on average, {1} of the {2} h baseline of the 12 weeks before (not under {3}).', oneDecimal(l, now), percentIn(l, share), oneDecimal(l, base), threshold);
      return `${text}${basis}`;
    }
    case 'awayFromCode': {
      const days = Number(n.longestRunDays);
      if (days === 0) return l.t('No working day under 30 min hands-on in the last 4 completed weeks ({0} working days counted).', String(n.countedDays));
      const runDays = days === 1 ? l.t('1 day') : l.t('{0} days', days);
      return s.fired
        ? l.t('Longest run of working days under 30 min hands-on in the last 4 completed weeks: {0} ({1} to {2}; at least {3}).', runDays, String(n.runFrom), String(n.runTo), AWAY_RUN_DAYS)
        : l.t('Longest run of working days under 30 min hands-on in the last 4 completed weeks: {0} ({1} to {2}; under {3}).', runDays, String(n.runFrom), String(n.runTo), AWAY_RUN_DAYS);
    }
  }
}

const oneDecimal = oneDecimalIn;

/** What is missing, one line each. */
export function gapText(gap: EdgeGap, l: Localizer = ENGLISH): string {
  switch (gap.kind) {
    case 'noActivity':
      return l.t('no hands-on activity tracked yet');
    case 'fewWeeks':
      return l.t('{0} of {1} complete weeks of tracking (tracking since {2}; a week counts once it is complete and has a working day that is not time off)', gap.counted, gap.needed, gap.since);
    case 'noCalendar':
      return l.t('no calendar connected: meeting-based signals are off (the craft-ratio floor is not checked, and days with no activity look like days off)');
    case 'meetingsFrom':
      return l.t('meetings known only from {0}: the craft-ratio floor is checked from then on', gap.from);
  }
}

export function missingLines(result: EdgeResult, l: Localizer = ENGLISH): string[] {
  return result.gaps.map((g) => gapText(g, l));
}

/** One line for a status-bar tooltip or a notification. */
export function edgeHeadline(result: EdgeResult, l: Localizer = ENGLISH): string {
  switch (result.state) {
    case 'learning':
      return l.t('Learning: {0}.', result.gaps.length ? gapText(result.gaps[0], l) : l.t('not enough data yet'));
    case 'healthy':
      return l.t('Healthy: no signal fired over the last completed weeks.');
    case 'watch':
    case 'eroding': {
      const names = result.signals.filter((s) => s.fired).map((s) => (isEnglish(l.locale) ? signalTitle(s.id, l).toLowerCase() : signalTitle(s.id, l)));
      const label = edgeStateTitle(result.state, l);
      return names.length > 0 ? `${label}: ${names.join(', ')}.` : l.t('{0}: below floor for {1}+ completed weeks.', label, ERODING_BELOW_FLOOR_WEEKS);
    }
  }
}

/** The readable explanation behind "Why?" (Markdown). */
export function explainEdge(result: EdgeResult, role?: Role, l: Localizer = ENGLISH): string {
  const lines: string[] = [];
  const stateText: Record<EdgeState, string> = {
    learning: l.t('Learning: not enough data yet to say anything fair.'),
    healthy: l.t('Healthy: none of the three signals fired.'),
    watch: l.t('Watch: one signal fired.'),
    eroding: l.t('Eroding: two or more signals fired, or you have been below the floor for 4 completed weeks in a row.'),
  };
  lines.push(`# ${l.t('Technical edge as of {0}', result.asOf)}`, '', `**${stateText[result.state]}**`, '');
  const floorWords = [numberIn(l, result.floor.weeklyHandsOnHours), percentIn(l, result.floor.craftRatio)];
  lines.push(
    role
      ? l.t('Floor for {0}: {1} h hands-on a week (pro-rated for days off) and a craft ratio of {2}.', role, ...floorWords)
      : l.t('Floor: {0} h hands-on a week (pro-rated for days off) and a craft ratio of {1}.', ...floorWords),
    '',
  );
  const missing = missingLines(result, l);
  if (missing.length > 0) lines.push(l.t('What is missing:'), '', ...missing.map((m) => `- ${m}`), '');
  lines.push(`## ${l.t('Signals')}`, '');
  for (const s of result.signals) {
    const mark = !s.available ? l.t('not enough data') : s.fired ? l.t('fired') : l.t('did not fire');
    lines.push(`- **${signalTitle(s.id, l)}** (${mark}): ${signalDetail(s, result, l)}`);
  }
  const na = l.t('n/a');
  lines.push('', `## ${l.t('Completed weeks')}`, '', `| ${[l.t('week'), l.t('hands-on h'), l.t('floor h'), l.t('meetings h'), l.t('craft ratio'), l.t('working days counted'), l.t('below floor'), l.t('assisted h')].join(' | ')} |`, '|---|---|---|---|---|---|---|---|');
  for (const w of result.weeks) {
    if (!w.tracked) continue;
    lines.push(
      `| ${w.week} | ${hoursNumberIn(l, w.handsOnMs)} | ${hoursNumberIn(l, w.floorHandsOnMs)} | ${w.meetingsCovered ? hoursNumberIn(l, w.meetingMs) : na} | ` +
        `${w.meetingsCovered ? percentIn(l, w.craftRatio) : na} | ${l.t('{0} of {1}', w.availableDays, w.workingDays)} | ${!w.counted ? l.t('not counted') : w.belowFloor ? l.t('yes') : l.t('no')} | ${hoursNumberIn(l, w.assistedMs)} |`,
    );
  }
  lines.push(
    '',
    l.t('Days marked as time off, all-day out-of-office events, and working days with no activity and no meetings count neither for nor against you: the weekly floor shrinks by one working day\'s share for each such day, and they are skipped in runs.'),
    '',
    l.t('Hands-on counts your own hands only. Assisted time (changes written by AI agents, chat "apply", accepted multi-line completions) is shown beside it and never inside it; a credit for it toward the floors is a setting (craftTime.edge.assistedCredit, default 0). History recorded before Craft Time told the two apart (activity format 1) counts all edits as hands-on.'),
  );
  return lines.join('\n') + '\n';
}

/** The signals with their words, as the CLI, the summary and the dashboard show them. */
export function signalViews(result: EdgeResult, l: Localizer = ENGLISH): { id: SignalId; title: string; fired: boolean; available: boolean; detail: string; numbers: EdgeSignal['numbers'] }[] {
  return result.signals.map((s) => ({ id: s.id, title: signalTitle(s.id, l), fired: s.fired, available: s.available, detail: signalDetail(s, result, l), numbers: s.numbers }));
}
