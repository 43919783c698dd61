// What the status bar item shows: its text, accessible label, tooltip (Markdown) and colour, made from a
// model snapshot. Pure, so the exact words are unit-tested and equal to what the CLI and dashboard say.
import type { EdgeResult, EdgeState } from '../core/edge';
import type { Role, Floor } from '../core/roles';
import type { TodayAndWeek } from '../core/today';
import { CATEGORIES } from '../core/types';
import { categoryName, describeDurationIn, durationIn, ENGLISH, numberIn, percentIn, type Localizer } from '../shared/locale';
import { edgeHeadline, edgeStateWord } from './edgeText';
import { describeDuration } from './labels';

const EDGE_ICON: Record<EdgeState, string> = { learning: '$(code)', healthy: '$(code)', watch: '$(eye)', eroding: '$(flame)' };
const SPARKS = '▁▂▃▄▅▆▇█';

export interface StatusBarInput {
  readonly today: TodayAndWeek;
  readonly edge: EdgeResult;
  readonly role: Role;
  readonly floor: Floor;
  readonly timeZone: string;
  readonly inMeeting: boolean;
  readonly paused: boolean;
  readonly problems: readonly string[];
}

export interface StatusBarView {
  readonly text: string;
  readonly label: string;
  /** Markdown for a trusted MarkdownString (commands linked by id by the host). */
  readonly tooltip: string;
  /** A quiet warning is never error red (VS Code's status bar guidelines). */
  readonly background: 'warning' | undefined;
}

export function statusBarView(
  i: StatusBarInput,
  commands: { dashboard: string; today: string; pause: string; resume: string },
  l: Localizer = ENGLISH,
): StatusBarView {
  const t = i.today;
  const state = i.edge.state;
  const fmt = (ms: number) => durationIn(l, ms);
  const today = fmt(t.today.handsOnMs);
  const meeting = i.inMeeting ? ' $(comment-discussion)' : '';
  const text = i.paused ? `$(debug-pause) ${l.t('{0} paused', today)}` : `${i.problems.length ? '$(warning)' : EDGE_ICON[state]} ${today}${meeting}`;
  const label = l.t('Craft Time: {0} hands-on today{1}, technical edge {2}{3}', describeDurationIn(l, t.today.handsOnMs, describeDuration),
    i.inMeeting ? l.t(', in a meeting') : '', edgeStateWord(state, l), i.paused ? l.t(', tracking paused') : '');
  const md: string[] = [];
  md.push(`**Craft Time**${i.paused ? ` · ${l.t('tracking paused')}` : ''}${i.inMeeting ? ` · ${l.t('in a meeting')}` : ''}`);
  const meetings = t.meetingsKnown ? l.t('{0} meetings', fmt(t.today.meetingMs)) : l.t('meetings unknown (no calendar)');
  md.push(l.t('Today: **{0}** hands-on · {1} assisted (written by tools) · {2} · craft ratio {3}', fmt(t.today.handsOnMs), fmt(t.today.assistedMs), meetings, percentIn(l, t.todayCraftRatio)));
  const rows = CATEGORIES.filter((c) => t.today.byCategory[c] > 0).map((c) => `| ${categoryName(l, c)} | ${fmt(t.today.byCategory[c])} |`);
  if (rows.length) md.push([`| ${l.t('category')} | ${l.t('time')} |`, '|---|--:|', ...rows].join('\n'));
  const floorMs = i.floor.weeklyHandsOnHours * 3_600_000;
  md.push(l.t('This week: **{0}** of the {1} h floor ({2}) · {3} assisted{4}{5}', fmt(t.weekHandsOnMs), numberIn(l, i.floor.weeklyHandsOnHours), i.role, fmt(t.weekAssistedMs),
    t.meetingsKnown ? ` · ${l.t('{0} meetings', fmt(t.weekMeetingMs))}` : '', t.weekHandsOnMs >= floorMs ? ' $(check)' : ''));
  const weeks = i.edge.weeks.slice(-12);
  if (weeks.length) {
    const max = Math.max(1, ...weeks.map((w) => w.handsOnMs));
    const spark = weeks.map((w) => SPARKS[Math.min(7, Math.floor((w.handsOnMs / max) * 7.999))]).join('');
    md.push(l.t('Last 12 weeks: {0} (hands-on per week)', `\`${spark}\``));
  }
  md.push(l.t('Technical edge: **{0}**: {1}', edgeStateWord(state, l), escapeMarkdown(edgeHeadline(i.edge, l))));
  md.push(l.t('Time zone {0}', escapeMarkdown(i.timeZone)));
  for (const p of i.problems) md.push(`$(warning) ${escapeMarkdown(p)}`);
  const pauseOrResume = i.paused ? `[${l.t('Resume')}](command:${commands.resume})` : `[${l.t('Pause')}](command:${commands.pause})`;
  md.push(`[${l.t('Dashboard')}](command:${commands.dashboard}) · [${l.t('Today')}](command:${commands.today}) · ${pauseOrResume}`);
  return { text, label, tooltip: md.join('\n\n'), background: state === 'eroding' || i.problems.length > 0 ? 'warning' : undefined };
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
