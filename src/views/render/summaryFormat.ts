// Number wording shared by the summary renderers (Markdown, HTML), so both say exactly the same thing.
import { ENGLISH, hoursIn, percentIn, shortDateIn, type Localizer } from '../../shared/locale';
import type { EdgeState } from '../../core/edge';
import { edgeStateTitle } from '../edgeText';
import type { Headline, MonthlySummary, NamedTime } from '../summaryView';

const HOUR = 3_600_000;

/** "12.5 h" (one decimal); "12,5 Std." in German. */
export function hoursText(ms: number, l: Localizer = ENGLISH): string {
  return hoursIn(l, ms);
}

/** A language or workspace row's name: outside text as given, a fixed word ("other", "no folder"...) in the display language (the same words as the dashboard). */
export function namedLabel(n: NamedTime, l: Localizer = ENGLISH): string {
  switch (n.fixed) {
    case 'unknown-language': return l.t('unknown');
    case 'unnamed-workspace': return l.t('unnamed workspace');
    case 'no-folder': return l.t('no folder');
    case 'other': return l.t('other');
    default: return n.name;
  }
}

/** "62 %" or "n/a". */
export function ratioText(r: number | null, l: Localizer = ENGLISH): string {
  return percentIn(l, r);
}

/** "+2.5 h" / "−1.0 h" / "±0.0 h" against a reference, or "" when there is none. */
export function hoursDelta(ms: number, ref: number | null | undefined, l: Localizer = ENGLISH): string {
  if (ref === null || ref === undefined) return '';
  const d = Math.round(((ms - ref) / HOUR) * 10) / 10;
  const size = hoursIn(l, Math.abs(d) * HOUR);
  return d === 0 ? `±${size}` : `${d > 0 ? '+' : '−'}${size}`;
}

/** "+5 pts" difference of two ratios in percentage points, or "" when either is missing. */
export function ratioDelta(r: number | null, ref: number | null | undefined, l: Localizer = ENGLISH): string {
  if (r === null || ref === null || ref === undefined) return '';
  const d = Math.round(r * 100) - Math.round(ref * 100);
  return d === 0 ? l.t('±0 pts') : `${d > 0 ? '+' : '−'}${l.t('{0} pts', Math.abs(d))}`;
}

export interface HeadlineRow {
  readonly label: string;
  readonly value: string;
  readonly lastMonth: string;
  readonly baseline: string;
}

/** The three headline rows with their comparisons, as text. */
export function headlineRows(s: MonthlySummary, l: Localizer = ENGLISH): HeadlineRow[] {
  const { lastMonth, baseline } = s.comparison;
  const h = s.headline;
  const na = l.t('n/a');
  const hoursOf = (ms: number) => hoursText(ms, l);
  const cmp = (f: (x: Headline) => number, own: number) => (x: Headline | null) => (x ? `${hoursOf(f(x))} (${hoursDelta(own, f(x), l)})` : na);
  const hands = cmp((x) => x.handsOnMs, h.handsOnMs), meet = cmp((x) => x.meetingMs, h.meetingMs);
  const rat = (x: Headline | null) => (x ? `${ratioText(x.craftRatio, l)}${x.craftRatio !== null && h.craftRatio !== null ? ` (${ratioDelta(h.craftRatio, x.craftRatio, l)})` : ''}` : na);
  const perDay = (x: Headline | null) => (x && x.handsOnPerDayMs !== null ? `${hoursOf(x.handsOnPerDayMs)}${h.handsOnPerDayMs !== null ? ` (${hoursDelta(h.handsOnPerDayMs, x.handsOnPerDayMs, l)})` : ''}` : na);
  return [
    { label: l.t('Hands-on'), value: hoursOf(h.handsOnMs), lastMonth: hands(lastMonth), baseline: hands(baseline) },
    { label: l.t('Meetings'), value: s.meetingsCovered ? hoursOf(h.meetingMs) : l.t('no calendar'), lastMonth: s.meetingsCovered ? meet(lastMonth) : na, baseline: s.meetingsCovered ? meet(baseline) : na },
    { label: l.t('Craft ratio'), value: s.meetingsCovered ? ratioText(h.craftRatio, l) : na, lastMonth: s.meetingsCovered ? rat(lastMonth) : na, baseline: s.meetingsCovered ? rat(baseline) : na },
    { label: l.t('Hands-on per working day'), value: h.handsOnPerDayMs === null ? na : hoursOf(h.handsOnPerDayMs), lastMonth: perDay(lastMonth), baseline: perDay(baseline) },
  ];
}

/** "2 Mar" from '2026-03-02'; "2. März" in German. */
export function shortDate(d: string, l: Localizer = ENGLISH): string {
  return shortDateIn(l, d);
}

/** "2 Mar – 8 Mar" (one date when from === to). */
export function dateSpan(from: string, to: string, l: Localizer = ENGLISH): string {
  return from === to ? shortDate(from, l) : `${shortDate(from, l)} – ${shortDate(to, l)}`;
}

/** One sentence for the top of every format. */
export function overviewSentence(s: MonthlySummary, l: Localizer = ENGLISH): string {
  const h = s.headline;
  const parts = [h.availableDays === 1 ? l.t('{0} hands-on over 1 working day', hoursText(h.handsOnMs, l)) : l.t('{0} hands-on over {1} working days', hoursText(h.handsOnMs, l), h.availableDays)];
  if (s.meetingsCovered) parts.push(l.t('{0} in meetings', hoursText(h.meetingMs, l)), l.t('craft ratio {0}', ratioText(h.craftRatio, l)));
  // Assisted time (written by tools) beside hands-on, never inside it; corrections said out loud.
  if (s.assistedMs > 0) parts.push(l.t('{0} assisted by tools (not counted as hands-on)', hoursText(s.assistedMs, l)));
  if (s.correctedMs > 0) parts.push(l.t('{0} of the hands-on time marked as your own work (corrected by you)', hoursText(s.correctedMs, l)));
  const off = s.timeOff.length;
  const offText = off === 0 ? '' : off === 1 ? l.t('; 1 day off not counted') : l.t('; {0} days off not counted', off);
  return `${parts.join(', ')}${offText}.`;
}

export const STATUS_TEXT = { working: 'working day', nonWorking: 'weekend', timeOff: 'time off', idle: 'no activity (day off)' } as const;

/** STATUS_TEXT in the display language. */
export function statusText(status: keyof typeof STATUS_TEXT, l: Localizer = ENGLISH): string {
  switch (status) {
    case 'working': return l.t('working day');
    case 'nonWorking': return l.t('weekend');
    case 'timeOff': return l.t('time off');
    case 'idle': return l.t('no activity (day off)');
  }
}

/** The edge state as the summaries name it ("Learning (not enough data to judge yet)", "Healthy", ...). */
export function edgeStateLabel(state: EdgeState, l: Localizer = ENGLISH): string {
  return state === 'learning' ? l.t('Learning (not enough data to judge yet)') : edgeStateTitle(state, l);
}

/** Why a day was off, in words. */
export function timeOffReason(reason: 'manual' | 'calendar' | 'idle', l: Localizer = ENGLISH): string {
  switch (reason) {
    case 'manual': return l.t('marked off');
    case 'calendar': return l.t('out of office');
    case 'idle': return l.t('no activity and no meetings');
  }
}
