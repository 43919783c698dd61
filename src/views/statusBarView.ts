// What the status bar item shows: its text, accessible label, tooltip (Markdown) and colour, made from a
// model snapshot. Pure, so the exact words are unit-tested and equal to what the CLI and dashboard say.
import type { EdgeResult, EdgeState } from '../core/edge';
import type { Role, Floor } from '../core/roles';
import type { TodayAndWeek } from '../core/today';
import { CATEGORIES } from '../core/types';
import { edgeHeadline } from './edgeText';
import { describeDuration, formatDuration, percentText } from './labels';

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

export function statusBarView(i: StatusBarInput, commands: { dashboard: string; today: string; pause: string; resume: string }): StatusBarView {
  const t = i.today;
  const state = i.edge.state;
  const today = formatDuration(t.today.handsOnMs);
  const meeting = i.inMeeting ? ' $(comment-discussion)' : '';
  const text = i.paused ? `$(debug-pause) ${today} paused` : `${i.problems.length ? '$(warning)' : EDGE_ICON[state]} ${today}${meeting}`;
  const label = `Craft Time: ${describeDuration(t.today.handsOnMs)} hands-on today${i.inMeeting ? ', in a meeting' : ''}, technical edge ${state}${i.paused ? ', tracking paused' : ''}`;
  const md: string[] = [];
  md.push(`**Craft Time**${i.paused ? ' · tracking paused' : ''}${i.inMeeting ? ' · in a meeting' : ''}`);
  const meetings = t.meetingsKnown ? `${formatDuration(t.today.meetingMs)} meetings` : 'meetings unknown (no calendar)';
  md.push(`Today: **${formatDuration(t.today.handsOnMs)}** hands-on · ${formatDuration(t.today.assistedMs)} assisted (written by tools) · ${meetings} · craft ratio ${percentText(t.todayCraftRatio)}`);
  const rows = CATEGORIES.filter((c) => t.today.byCategory[c] > 0).map((c) => `| ${c} | ${formatDuration(t.today.byCategory[c])} |`);
  if (rows.length) md.push(['| category | time |', '|---|--:|', ...rows].join('\n'));
  const floorMs = i.floor.weeklyHandsOnHours * 3_600_000;
  md.push(`This week: **${formatDuration(t.weekHandsOnMs)}** of the ${i.floor.weeklyHandsOnHours} h floor (${i.role}) · ${formatDuration(t.weekAssistedMs)} assisted${t.meetingsKnown ? ` · ${formatDuration(t.weekMeetingMs)} meetings` : ''}${t.weekHandsOnMs >= floorMs ? ' $(check)' : ''}`);
  const weeks = i.edge.weeks.slice(-12);
  if (weeks.length) {
    const max = Math.max(1, ...weeks.map((w) => w.handsOnMs));
    const spark = weeks.map((w) => SPARKS[Math.min(7, Math.floor((w.handsOnMs / max) * 7.999))]).join('');
    md.push(`Last 12 weeks: \`${spark}\` (hands-on per week)`);
  }
  md.push(`Technical edge: **${state}**: ${escapeMarkdown(edgeHeadline(i.edge))}`);
  md.push(`Time zone ${escapeMarkdown(i.timeZone)}`);
  for (const p of i.problems) md.push(`$(warning) ${escapeMarkdown(p)}`);
  md.push(`[Dashboard](command:${commands.dashboard}) · [Today](command:${commands.today}) · ${i.paused ? `[Resume](command:${commands.resume})` : `[Pause](command:${commands.pause})`}`);
  return { text, label, tooltip: md.join('\n\n'), background: state === 'eroding' || i.problems.length > 0 ? 'warning' : undefined };
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
