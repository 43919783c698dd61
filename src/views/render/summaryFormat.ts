// Number wording shared by the summary renderers (Markdown, HTML), so both say exactly the same thing.
import type { Headline, MonthlySummary } from '../summaryView';

const HOUR = 3_600_000;

/** "12.5 h" (one decimal). */
export function hoursText(ms: number): string {
  return `${(Math.round((ms / HOUR) * 10) / 10).toFixed(1)} h`;
}

/** "62 %" or "n/a". */
export function ratioText(r: number | null): string {
  return r === null ? 'n/a' : `${Math.round(r * 100)} %`;
}

/** "+2.5 h" / "−1.0 h" / "±0.0 h" against a reference, or "" when there is none. */
export function hoursDelta(ms: number, ref: number | null | undefined): string {
  if (ref === null || ref === undefined) return '';
  const d = Math.round(((ms - ref) / HOUR) * 10) / 10;
  return d === 0 ? '±0.0 h' : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} h`;
}

/** "+5 pts" difference of two ratios in percentage points, or "" when either is missing. */
export function ratioDelta(r: number | null, ref: number | null | undefined): string {
  if (r === null || ref === null || ref === undefined) return '';
  const d = Math.round(r * 100) - Math.round(ref * 100);
  return d === 0 ? '±0 pts' : `${d > 0 ? '+' : '−'}${Math.abs(d)} pts`;
}

export interface HeadlineRow {
  readonly label: string;
  readonly value: string;
  readonly lastMonth: string;
  readonly baseline: string;
}

/** The three headline rows with their comparisons, as text. */
export function headlineRows(s: MonthlySummary): HeadlineRow[] {
  const { lastMonth, baseline } = s.comparison;
  const h = s.headline;
  const cmp = (f: (x: Headline) => number, own: number) => (x: Headline | null) => (x ? `${hoursText(f(x))} (${hoursDelta(own, f(x))})` : 'n/a');
  const hands = cmp((x) => x.handsOnMs, h.handsOnMs), meet = cmp((x) => x.meetingMs, h.meetingMs);
  const rat = (x: Headline | null) => (x ? `${ratioText(x.craftRatio)}${x.craftRatio !== null && h.craftRatio !== null ? ` (${ratioDelta(h.craftRatio, x.craftRatio)})` : ''}` : 'n/a');
  const perDay = (x: Headline | null) => (x && x.handsOnPerDayMs !== null ? `${hoursText(x.handsOnPerDayMs)}${h.handsOnPerDayMs !== null ? ` (${hoursDelta(h.handsOnPerDayMs, x.handsOnPerDayMs)})` : ''}` : 'n/a');
  return [
    { label: 'Hands-on', value: hoursText(h.handsOnMs), lastMonth: hands(lastMonth), baseline: hands(baseline) },
    { label: 'Meetings', value: s.meetingsCovered ? hoursText(h.meetingMs) : 'no calendar', lastMonth: s.meetingsCovered ? meet(lastMonth) : 'n/a', baseline: s.meetingsCovered ? meet(baseline) : 'n/a' },
    { label: 'Craft ratio', value: s.meetingsCovered ? ratioText(h.craftRatio) : 'n/a', lastMonth: s.meetingsCovered ? rat(lastMonth) : 'n/a', baseline: s.meetingsCovered ? rat(baseline) : 'n/a' },
    { label: 'Hands-on per working day', value: h.handsOnPerDayMs === null ? 'n/a' : hoursText(h.handsOnPerDayMs), lastMonth: perDay(lastMonth), baseline: perDay(baseline) },
  ];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2 Mar" from '2026-03-02'. */
export function shortDate(d: string): string {
  return `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]}`;
}

/** "2 Mar – 8 Mar" (one date when from === to). */
export function dateSpan(from: string, to: string): string {
  return from === to ? shortDate(from) : `${shortDate(from)} – ${shortDate(to)}`;
}

/** One sentence for the top of every format. */
export function overviewSentence(s: MonthlySummary): string {
  const h = s.headline;
  const parts = [`${hoursText(h.handsOnMs)} hands-on over ${h.availableDays} working day${h.availableDays === 1 ? '' : 's'}`];
  if (s.meetingsCovered) parts.push(`${hoursText(h.meetingMs)} in meetings`, `craft ratio ${ratioText(h.craftRatio)}`);
  // Assisted time (written by tools) beside hands-on, never inside it; corrections said out loud.
  if (s.assistedMs > 0) parts.push(`${hoursText(s.assistedMs)} assisted by tools (not counted as hands-on)`);
  if (s.correctedMs > 0) parts.push(`${hoursText(s.correctedMs)} of the hands-on time marked as your own work (corrected by you)`);
  const off = s.timeOff.length;
  return `${parts.join(', ')}${off ? `; ${off} day${off === 1 ? '' : 's'} off not counted` : ''}.`;
}

export const STATUS_TEXT = { working: 'working day', nonWorking: 'weekend', timeOff: 'time off', idle: 'no activity (day off)' } as const;
