// Hand-written SVG charts for the dashboard. Each chart draws into an <svg> whose viewBox was fixed when the
// page was built (so nothing moves when data arrives) and returns a one-sentence summary for aria-label.
// Colours come from CSS classes mapped to VS Code theme variables (style.css).
import type { DashboardDay, DashboardModel, DashboardWeek } from '../shared/protocol';
import { clear, hours, percent, s, shortDate, WEEKDAYS } from './dom';
import { axisHoursIn, axisPercentIn } from '../shared/locale';
import { l } from './l10n';

const HOUR = 3_600_000;
export const DAILY_VIEWBOX = { w: 720, h: 200 };
export const WEEKLY_VIEWBOX = { w: 720, h: 180 };
export const DEEP_VIEWBOX = { w: 720, h: 120 };
export const HEAT_VIEWBOX = { w: 720, h: 178 };

const n1 = (x: number) => Math.round(x * 10) / 10;

function niceMax(ms: number, stepHours: number): number {
  return Math.max(stepHours, Math.ceil(ms / HOUR / stepHours) * stepHours) * HOUR;
}

/** Whole-hour ticks: the fewest of 1, 2, 4, 5, 10, 20 h steps giving at most 5 intervals; returns [max, ticks]. */
function hourScale(ms: number): [number, number] {
  const hrs = Math.max(1, Math.ceil(ms / HOUR));
  for (const step of [1, 2, 4, 5, 10, 20, 50]) {
    const ticks = Math.ceil(hrs / step);
    if (ticks <= 5) return [ticks * step * HOUR, ticks];
  }
  return [niceMax(ms, 100), 5];
}

function yAxis(g: SVGGElement, left: number, right: number, top: number, plotH: number, max: number, ticks: number, label: (v: number) => string): void {
  for (let i = 0; i <= ticks; i++) {
    const v = (max * i) / ticks;
    const y = top + plotH - (plotH * i) / ticks;
    g.appendChild(s('line', { class: 'grid', x1: left, x2: right, y1: n1(y), y2: n1(y) }));
    g.appendChild(s('text', { class: 'tick', x: left - 6, y: n1(y + 4), 'text-anchor': 'end' }, label(v)));
  }
}

/**
 * Daily hands-on (bottom) and meetings (stacked on top), with days off shaded. Assisted time (written by
 * tools) is a thinner bar of its own beside each day's stack: shown beside hands-on, never inside it.
 */
export function drawDaily(svg: SVGSVGElement, days: readonly DashboardDay[], meetingsCovered: boolean): string {
  clear(svg);
  const { w, h } = DAILY_VIEWBOX;
  const left = 40, right = w - 4, top = 8, bottom = 22, plotH = h - top - bottom;
  const [max, ticks] = hourScale(Math.max(0, ...days.map((d) => Math.max(d.handsOnMs + d.meetingMs, d.assistedMs))));
  const g = s('g');
  yAxis(g, left, right, top, plotH, max, ticks, (v) => axisHoursIn(l, Math.round(v / HOUR)));
  const step = days.length ? (right - left) / days.length : 0;
  const bw = Math.max(1.5, step * 0.72);
  // The stack takes two thirds of the day's width, the assisted bar the last third.
  const sw = Math.max(1, bw * 0.64), aw = Math.max(1, bw * 0.32);
  const y = (ms: number) => top + plotH - (ms / max) * plotH;
  let mondays = 0;
  days.forEach((d, i) => {
    const x = left + i * step + (step - bw) / 2;
    if (d.status === 'timeOff' || d.status === 'idle') g.appendChild(s('rect', { class: 'off', x: n1(x), y: top, width: n1(bw), height: plotH }));
    if (d.handsOnMs > 0) g.appendChild(s('rect', { class: 'bar hands', x: n1(x), y: n1(y(d.handsOnMs)), width: n1(sw), height: n1(y(0) - y(d.handsOnMs)) }));
    if (d.meetingMs > 0) g.appendChild(s('rect', { class: 'bar meet', x: n1(x), y: n1(y(d.handsOnMs + d.meetingMs)), width: n1(sw), height: n1(y(d.handsOnMs) - y(d.handsOnMs + d.meetingMs)) }));
    if (d.assistedMs > 0) g.appendChild(s('rect', { class: 'bar assisted', x: n1(x + bw - aw), y: n1(y(d.assistedMs)), width: n1(aw), height: n1(Math.max(0.5, y(0) - y(d.assistedMs))) }));
    const monday = d.weekday === 1 && mondays++ >= 0;
    if ((monday && (days.length <= 45 || mondays % 2 === 1)) || (i === 0 && d.weekday !== 1 && d.weekday <= 4 && days.length <= 45)) {
      g.appendChild(s('text', { class: 'tick', x: n1(x + bw / 2), y: h - 6, 'text-anchor': 'middle' }, shortDate(d.date)));
    }
  });
  g.appendChild(s('line', { class: 'axis', x1: left, x2: right, y1: y(0), y2: y(0) }));
  svg.appendChild(g);
  const hands = days.reduce((t, d) => t + d.handsOnMs, 0), meet = days.reduce((t, d) => t + d.meetingMs, 0);
  const assisted = days.reduce((t, d) => t + d.assistedMs, 0);
  const best = days.reduce<DashboardDay | undefined>((b, d) => (!b || d.handsOnMs > b.handsOnMs ? d : b), undefined);
  return l.t('Daily hands-on and meeting time over {0} days: {1} hands-on', days.length, hours(hands)) +
    (meetingsCovered ? l.t(', {0} in meetings', hours(meet)) : l.t(', meetings unknown (no calendar)')) +
    l.t(', and beside it {0} assisted by tools', hours(assisted)) +
    (best && best.handsOnMs > 0 ? l.t('. Most hands-on: {0} with {1}.', shortDate(best.date), hours(best.handsOnMs)) : '.');
}

/** Weekly craft ratio bars against the role's ratio floor; without a calendar, hands-on against the hours floor. */
export function drawWeekly(svg: SVGSVGElement, weeks: readonly DashboardWeek[], model: DashboardModel): string {
  clear(svg);
  const { w, h } = WEEKLY_VIEWBOX;
  const left = 40, right = w - 4, top = 8, bottom = 22, plotH = h - top - bottom;
  const g = s('g');
  const byRatio = model.meetingsCovered;
  const [hMax, hTicks] = hourScale(Math.max(0, ...weeks.map((x) => Math.max(x.handsOnMs, x.floorHandsOnMs))));
  const max = byRatio ? 1 : hMax;
  yAxis(g, left, right, top, plotH, max, byRatio ? 4 : hTicks, (v) => (byRatio ? axisPercentIn(l, v) : axisHoursIn(l, Math.round(v / HOUR))));
  const step = weeks.length ? (right - left) / weeks.length : 0;
  const bw = Math.max(4, step * 0.55);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  weeks.forEach((wk, i) => {
    const x = left + i * step + (step - bw) / 2;
    const value = byRatio ? wk.craftRatio ?? 0 : wk.handsOnMs;
    g.appendChild(s('rect', { class: `bar ${wk.belowFloor ? 'below' : 'hands'}`, x: n1(x), y: n1(y(value)), width: n1(bw), height: n1(y(0) - y(value)) }));
    if (!byRatio && wk.availableDays > 0) g.appendChild(s('line', { class: 'floor', x1: n1(x - 3), x2: n1(x + bw + 3), y1: n1(y(wk.floorHandsOnMs)), y2: n1(y(wk.floorHandsOnMs)) }));
    g.appendChild(s('text', { class: 'tick', x: n1(x + bw / 2), y: h - 6, 'text-anchor': 'middle' }, l.t('W{0}', wk.week.slice(6))));
    // The share of the week's changed lines the user wrote (not tools), above the bar.
    if (wk.ownLinesShare !== null) {
      g.appendChild(s('text', { class: 'tick own-share', x: n1(x + bw / 2), y: n1(Math.max(top + 9, y(value) - 4)), 'text-anchor': 'middle' }, percent(wk.ownLinesShare)));
    }
  });
  if (byRatio) {
    const fy = y(model.floor.craftRatio);
    g.appendChild(s('line', { class: 'floor', x1: left, x2: right, y1: n1(fy), y2: n1(fy) }));
    g.appendChild(s('text', { class: 'tick floor-label', x: right, y: n1(fy - 4), 'text-anchor': 'end' }, l.t('floor {0}', percent(model.floor.craftRatio))));
  }
  g.appendChild(s('line', { class: 'axis', x1: left, x2: right, y1: y(0), y2: y(0) }));
  svg.appendChild(g);
  const below = weeks.filter((x) => x.belowFloor).length;
  const lastShare = [...weeks].reverse().find((x) => x.ownLinesShare !== null);
  const share = lastShare ? l.t(' Changed lines you wrote yourself in W{0}: {1}.', lastShare.week.slice(6), percent(lastShare.ownLinesShare)) : '';
  return (byRatio
    ? l.t('Weekly craft ratio against the {0} floor of {1}: {2} of {3} weeks below the floor.', model.role, percent(model.floor.craftRatio), below, weeks.length)
    : l.t('Weekly hands-on hours against the pro-rated {0} floor of {1} h: {2} of {3} weeks below. No calendar, so the craft ratio is not shown.', model.role, model.floor.weeklyHandsOnHours, below, weeks.length)) + share;
}

/** Deep-work time per day (blocks of at least deepWorkMinutes), with the block count above each bar. */
export function drawDeepWork(svg: SVGSVGElement, days: readonly DashboardDay[], deepWorkMinutes: number): string {
  clear(svg);
  const { w, h } = DEEP_VIEWBOX;
  const left = 40, right = w - 4, top = 14, bottom = 8, plotH = h - top - bottom;
  const [max] = hourScale(Math.max(0, ...days.map((d) => d.deepWorkMs)));
  const g = s('g');
  yAxis(g, left, right, top, plotH, max, 2, (v) => axisHoursIn(l, Math.round((v / HOUR) * 10) / 10));
  const step = days.length ? (right - left) / days.length : 0;
  const bw = Math.max(1.5, step * 0.72);
  days.forEach((d, i) => {
    if (d.deepWorkMs <= 0) return;
    const x = left + i * step + (step - bw) / 2;
    const hh = (d.deepWorkMs / max) * plotH;
    g.appendChild(s('rect', { class: 'bar deep', x: n1(x), y: n1(top + plotH - hh), width: n1(bw), height: n1(hh) }));
    if (days.length <= 45 && d.deepWorkBlocks > 1) g.appendChild(s('text', { class: 'tick', x: n1(x + bw / 2), y: n1(top + plotH - hh - 3), 'text-anchor': 'middle' }, String(d.deepWorkBlocks)));
  });
  svg.appendChild(g);
  const blocks = days.reduce((t, d) => t + d.deepWorkBlocks, 0), ms = days.reduce((t, d) => t + d.deepWorkMs, 0);
  const withDeep = days.filter((d) => d.deepWorkBlocks > 0).length;
  return l.t('Deep work: {0} blocks of {1} minutes or more, {2} in total, on {3} of {4} days.', blocks, deepWorkMinutes, hours(ms), withDeep, days.length);
}

/** Hour-of-day x weekday heat map of hands-on time. */
export function drawHeatMap(svg: SVGSVGElement, heat: readonly (readonly number[])[]): string {
  clear(svg);
  const { w } = HEAT_VIEWBOX;
  const left = 40, top = 4, cellW = (w - left - 4) / 24, cellH = 22;
  const max = Math.max(0, ...heat.flat());
  const g = s('g');
  heat.forEach((row, d) => {
    g.appendChild(s('text', { class: 'tick', x: left - 6, y: n1(top + d * cellH + cellH / 2 + 4), 'text-anchor': 'end' }, WEEKDAYS[d]));
    row.forEach((ms, hr) => {
      const opacity = max === 0 || ms === 0 ? 0 : 0.15 + 0.85 * (ms / max);
      g.appendChild(s('rect', { class: 'cell-bg', x: n1(left + hr * cellW + 1), y: n1(top + d * cellH + 1), width: n1(cellW - 2), height: cellH - 2, rx: 2 }));
      if (opacity > 0) g.appendChild(s('rect', { class: 'cell', x: n1(left + hr * cellW + 1), y: n1(top + d * cellH + 1), width: n1(cellW - 2), height: cellH - 2, rx: 2, 'fill-opacity': n1(opacity * 100) / 100 }));
    });
  });
  for (let hr = 0; hr < 24; hr += 3) g.appendChild(s('text', { class: 'tick', x: n1(left + hr * cellW + cellW / 2), y: top + 7 * cellH + 14, 'text-anchor': 'middle' }, `${String(hr).padStart(2, '0')}:00`));
  svg.appendChild(g);
  let bestD = 0, bestH = 0;
  heat.forEach((row, d) => row.forEach((ms, hr) => { if (ms > heat[bestD][bestH]) { bestD = d; bestH = hr; } }));
  const byDay = heat.map((row) => row.reduce((t, x) => t + x, 0));
  const topDay = byDay.indexOf(Math.max(...byDay));
  return max === 0
    ? l.t('Heat map of hands-on time by weekday and hour: no hands-on time in this period.')
    : l.t('Heat map of hands-on time by weekday and hour: busiest hour {0} {1}:00 ({2}); busiest weekday {3} ({4}).', WEEKDAYS[bestD], String(bestH).padStart(2, '0'), hours(heat[bestD][bestH]), WEEKDAYS[topDay], hours(byDay[topDay]));
}

/** A horizontal bar (0..1) for breakdown rows, drawn in a fixed 100 x 8 viewBox. */
export function barSvg(share: number, label: string): SVGSVGElement {
  const svg = s('svg', { class: 'hbar', viewBox: '0 0 100 8', preserveAspectRatio: 'none', role: 'img', 'aria-label': label, focusable: 'false' });
  svg.appendChild(s('rect', { class: 'cell-bg', x: 0, y: 0, width: 100, height: 8, rx: 1 }));
  if (share > 0) svg.appendChild(s('rect', { class: 'bar hands', x: 0, y: 0, width: n1(Math.max(0.5, share * 100)), height: 8, rx: 1 }));
  return svg;
}
