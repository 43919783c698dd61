// The dashboard webview. Builds its page once (sizes reserved, so nothing jumps), says 'ready', and renders
// every 'model' the host posts. Text is set with textContent only. UI state (the selected month) is kept
// with vscode.setState so the view comes back the same after the panel was hidden or VS Code restarted.
import type { DashboardModel, ToHost, ToWebview } from '../shared/protocol';
import { barSvg, DAILY_VIEWBOX, DEEP_VIEWBOX, drawDaily, drawDeepWork, drawHeatMap, drawWeekly, HEAT_VIEWBOX, WEEKLY_VIEWBOX } from './charts';
import { duration, fill, h, hours, monthName, percent, s, shortDate, WEEKDAYS } from './dom';
import { l } from './l10n';
import './style.css';

interface VsCodeApi {
  postMessage(message: ToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
interface UiState {
  readonly month?: string;
  readonly tab?: BreakdownTab;
}
declare function acquireVsCodeApi(): VsCodeApi;

type BreakdownTab = 'categories' | 'languages' | 'workspaces' | 'programs';
const TABS: readonly { id: BreakdownTab; label: string }[] = [
  { id: 'categories', label: l.t('Activity') },
  { id: 'languages', label: l.t('Languages') },
  { id: 'workspaces', label: l.t('Workspaces') },
  { id: 'programs', label: l.t('Programs') },
];

const vscode = acquireVsCodeApi();
const post = (m: ToHost) => vscode.postMessage(m);
const saved = (vscode.getState() ?? {}) as UiState;
let state: UiState = { month: typeof saved.month === 'string' ? saved.month : undefined, tab: TABS.some((t) => t.id === saved.tab) ? saved.tab : 'categories' };
let model: DashboardModel | undefined;

function setState(next: UiState): void {
  state = next;
  vscode.setState(state);
}

// ---- page skeleton (built once) ----
const chartSvg = (vb: { w: number; h: number }, id: string) =>
  s('svg', { id, class: 'chart', viewBox: `0 0 ${vb.w} ${vb.h}`, role: 'img', 'aria-label': l.t('Loading'), preserveAspectRatio: 'xMidYMid meet' });

const monthSelect = h('select', { id: 'month', 'aria-describedby': 'range-text' });
const prevBtn = h('button', { id: 'prev', type: 'button', class: 'icon', 'aria-label': l.t('Previous month'), title: l.t('Previous month') }, '‹');
const nextBtn = h('button', { id: 'next', type: 'button', class: 'icon', 'aria-label': l.t('Next month'), title: l.t('Next month') }, '›');
const summaryBtn = h('button', { id: 'summary', type: 'button', class: 'secondary' }, l.t('Generate monthly summary…'));
const rangeText = h('p', { id: 'range-text', class: 'muted' }, ' ');
const status = h('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' }, ' ');

const kpi = (id: string, label: string) => {
  const value = h('span', { class: 'kpi-value', id: `${id}-value` }, '–');
  const sub = h('span', { class: 'kpi-sub', id: `${id}-sub` }, ' ');
  return { el: h('div', { class: 'kpi', id }, h('span', { class: 'kpi-label' }, label), value, sub), value, sub };
};
const kHands = kpi('kpi-hands', l.t('Hands-on')), kMeet = kpi('kpi-meet', l.t('Meetings')), kRatio = kpi('kpi-ratio', l.t('Craft ratio')), kDeep = kpi('kpi-deep', l.t('Deep work'));

const edgeBadge = h('span', { class: 'badge', id: 'edge-state' }, '…');
const edgeHeadline = h('p', { id: 'edge-headline' }, ' ');
const edgeSignals = h('ul', { class: 'signals', id: 'edge-signals' });
const edgeMissing = h('ul', { class: 'missing', id: 'edge-missing' });
const whyBtn = h('button', { type: 'button', class: 'secondary', id: 'why' }, l.t('Why? Full explanation'));

const dailySvg = chartSvg(DAILY_VIEWBOX, 'chart-daily');
const weeklySvg = chartSvg(WEEKLY_VIEWBOX, 'chart-weekly');
const deepSvg = chartSvg(DEEP_VIEWBOX, 'chart-deep');
const heatSvg = chartSvg(HEAT_VIEWBOX, 'chart-heat');
const dailyTable = h('table', { class: 'data' });
const weeklyTable = h('table', { class: 'data' });
const heatTable = h('table', { class: 'data heat' });
const weeklyTitle = h('h2', { id: 'h-weekly' }, l.t('Weekly craft ratio against the floor'));

const tabButtons = TABS.map((t) =>
  h('button', { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': 'breakdown-panel', 'aria-selected': 'false', tabindex: '-1' }, t.label),
);
const tabList = h('div', { role: 'tablist', 'aria-label': l.t('Breakdown of hands-on time'), class: 'tabs' }, ...tabButtons);
const breakdownPanel = h('div', { role: 'tabpanel', id: 'breakdown-panel', class: 'breakdown', tabindex: '0' });
const calendarsList = h('ul', { class: 'calendars', id: 'calendars' });
const connectBtn = h('button', { type: 'button', class: 'secondary', id: 'connect' }, l.t('Connect a calendar…'));

const figure = (svg: SVGSVGElement, caption: HTMLElement | null, table: HTMLTableElement, tableLabel: string, regionLabel: string) =>
  h(
    'figure',
    {},
    h('div', { class: 'chart-box' }, svg),
    caption,
    // The scrolling box is focusable so keyboard users can scroll long tables.
    h('details', {}, h('summary', {}, tableLabel), h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': regionLabel }, table)),
  );

const legend = (...items: [string, string][]) => h('div', { class: 'legend' }, ...items.map(([cls, text]) => h('span', {}, h('span', { class: `swatch ${cls}` }), text)));

const section = (id: string, title: HTMLElement | string, ...children: (Node | null)[]) =>
  h('section', { class: 'card', 'aria-labelledby': typeof title === 'string' ? `h-${id}` : title.id, id: `sec-${id}` }, typeof title === 'string' ? h('h2', { id: `h-${id}` }, title) : title, ...children);

document.body.appendChild(
  h(
    'main',
    { id: 'app' },
    h(
      'header',
      { class: 'top' },
      h('div', {}, h('h1', {}, 'Craft Time'), rangeText),
      h('div', { class: 'controls' }, h('label', { for: 'month' }, l.t('Period')), prevBtn, monthSelect, nextBtn, summaryBtn),
    ),
    status,
    h('div', { class: 'kpis' }, kHands.el, kMeet.el, kRatio.el, kDeep.el),
    section('edge', l.t('Technical edge'), h('div', { class: 'edge-head' }, edgeBadge, edgeHeadline), edgeSignals, edgeMissing, whyBtn),
    section('daily', l.t('Hands-on, meetings and assisted time per day'), figure(dailySvg, legend(['hands', l.t('Hands-on')], ['meet', l.t('Meetings')], ['assisted', l.t('Assisted (written by tools)')], ['off', l.t('Day off')]), dailyTable, l.t('Show daily values as a table'), l.t('daily values as a table'))),
    section('weekly', weeklyTitle, figure(weeklySvg, legend(['hands', l.t('At or above floor')], ['below', l.t('Below floor')], ['floor', l.t('Floor')], ['share', l.t('% above a bar: changed lines you wrote yourself')]), weeklyTable, l.t('Show weekly values as a table'), l.t('weekly values as a table'))),
    section('deep', l.t('Deep-work blocks per day'), figure(deepSvg, null, h('table', { class: 'data', id: 'deep-table' }), l.t('Show deep work as a table'), l.t('deep work as a table'))),
    section('heat', l.t('When hands-on time happens (weekday x hour)'), figure(heatSvg, null, heatTable, l.t('Show the heat map as a table'), l.t('the heat map as a table'))),
    h('div', { class: 'two' }, section('breakdown', l.t('Breakdown'), tabList, breakdownPanel), section('calendars', l.t('Calendar sources'), calendarsList, connectBtn)),
  ),
);
const deepTable = document.getElementById('deep-table') as HTMLTableElement;

// ---- rendering ----
function table(el: HTMLTableElement, caption: string, head: readonly string[], rows: readonly (readonly string[])[]): void {
  fill(
    el,
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r[0]), ...r.slice(1).map((c) => h('td', {}, c))))),
  );
}

function renderPicker(m: DashboardModel): void {
  const current = m.range.kind === 'month' ? m.range.month : '';
  const options = [h('option', { value: '' }, l.t('Last {0} weeks', 12)), ...m.months.map((mo) => h('option', { value: mo }, monthName(mo)))];
  if (current && !m.months.includes(current)) options.push(h('option', { value: current }, monthName(current)));
  fill(monthSelect, ...options);
  monthSelect.value = current;
  const idx = m.months.indexOf(current);
  // months are newest first: "previous" goes further back.
  prevBtn.disabled = current ? idx === m.months.length - 1 : m.months.length === 0;
  nextBtn.disabled = !current;
  summaryBtn.disabled = m.months.length === 0;
}

function renderKpis(m: DashboardModel): void {
  const t = m.totals;
  kHands.value.textContent = duration(t.handsOnMs);
  const workingDays = t.availableDays === 1 ? l.t('1 working day') : l.t('{0} working days', t.availableDays);
  const off = t.daysOff ? l.t(', {0} off', t.daysOff) : '';
  kHands.sub.textContent = l.t('{0}{1} · {2} assisted by tools', workingDays, off, duration(t.assistedMs));
  kMeet.value.textContent = m.meetingsCovered ? duration(t.meetingMs) : l.t('n/a');
  kMeet.sub.textContent = m.meetingsCovered ? l.t('{0} focus windows (2 h+)', t.focusWindows) : l.t('no calendar connected');
  kRatio.value.textContent = m.meetingsCovered ? percent(t.craftRatio) : l.t('n/a');
  kRatio.sub.textContent = l.t('{0} floor {1}', m.role, percent(m.floor.craftRatio));
  kDeep.value.textContent = duration(t.deepWorkMs);
  kDeep.sub.textContent = t.deepWorkBlocks === 1 ? l.t('1 block of {0} min+', m.deepWorkMinutes) : l.t('{0} blocks of {1} min+', t.deepWorkBlocks, m.deepWorkMinutes);
}

const STATE_LABEL = { learning: l.t('Learning'), healthy: l.t('Healthy'), watch: l.t('Watch'), eroding: l.t('Eroding') } as const;

function renderEdge(m: DashboardModel): void {
  edgeBadge.textContent = STATE_LABEL[m.edge.state];
  edgeBadge.className = `badge state-${m.edge.state}`;
  edgeHeadline.textContent = l.t('{0} (as of {1})', m.edge.headline, shortDate(m.edge.asOf));
  fill(
    edgeSignals,
    ...m.edge.signals.map((x) =>
      h('li', { class: x.fired ? 'fired' : x.available ? 'quiet' : 'na' }, h('strong', {}, `${x.title}: `), h('span', { class: 'mark' }, `${x.available ? (x.fired ? l.t('fired') : l.t('did not fire')) : l.t('not enough data')}. `), x.detail),
    ),
  );
  fill(edgeMissing, ...m.edge.missing.map((x) => h('li', {}, x)));
}

function renderBreakdown(m: DashboardModel): void {
  const tab = state.tab ?? 'categories';
  tabButtons.forEach((b, i) => {
    const on = TABS[i].id === tab;
    b.setAttribute('aria-selected', String(on));
    b.tabIndex = on ? 0 : -1;
  });
  breakdownPanel.setAttribute('aria-labelledby', `tab-${tab}`);
  const items = m.breakdown[tab];
  const total = items.reduce((t, x) => t + x.ms, 0);
  if (items.length === 0) {
    fill(breakdownPanel, h('p', { class: 'muted' }, tab === 'workspaces' && m.totals.handsOnMs > 0 ? l.t('Workspace names are hidden (setting craftTime.dashboard.showWorkspaces).') : l.t('No hands-on time in this period.')));
    return;
  }
  fill(
    breakdownPanel,
    h(
      'ul',
      { class: 'rows' },
      ...items.map((x) => {
        const share = total ? x.ms / total : 0;
        return h('li', {}, h('span', { class: 'row-label', title: x.label }, x.label), barSvg(share, `${x.label}: ${percent(share)}`), h('span', { class: 'row-value' }, `${duration(x.ms)} · ${percent(share)}`));
      }),
    ),
  );
}

function renderCalendars(m: DashboardModel): void {
  if (m.calendars.length === 0) {
    fill(calendarsList, h('li', { class: 'muted' }, m.meetingsCovered ? l.t('Meetings come from manual entries only.') : l.t('No calendar connected: meeting time and the craft ratio are not measured.')));
    return;
  }
  fill(
    calendarsList,
    ...m.calendars.map((c) =>
      h(
        'li',
        { class: c.problem ? 'problem' : 'ok' },
        h('span', { class: 'cal-dot', 'aria-hidden': 'true' }),
        h('strong', {}, c.label),
        ` (${c.kind === 'url' ? l.t('subscription') : l.t('file')}): `,
        c.problem ? l.t('problem: {0}', c.problem) : l.t('OK'),
        c.lastSuccess ? l.t('; last read {0}', c.lastSuccess.slice(0, 16).replace('T', ' ')) : '',
        c.events !== undefined ? l.t('; {0} events', c.events) : '',
      ),
    ),
  );
}

function render(m: DashboardModel): void {
  const t0 = performance.now();
  model = m;
  renderPicker(m);
  rangeText.textContent = `${m.title}: ${shortDate(m.from)} – ${shortDate(m.to)} ${m.to.slice(0, 4)} · ${m.timeZone}`;
  status.textContent = ' ';
  renderKpis(m);
  renderEdge(m);
  dailySvg.setAttribute('aria-label', drawDaily(dailySvg, m.days, m.meetingsCovered));
  table(dailyTable, l.t('Daily values'), [l.t('Date'), l.t('Day'), l.t('Hands-on'), l.t('Assisted'), l.t('Meetings'), l.t('Craft ratio'), l.t('Deep-work blocks')], m.days.map((d) => [
    d.date, WEEKDAYS[d.weekday - 1], duration(d.handsOnMs), duration(d.assistedMs), m.meetingsCovered ? duration(d.meetingMs) : l.t('n/a'), percent(d.craftRatio), String(d.deepWorkBlocks),
  ]));
  weeklyTitle.textContent = m.meetingsCovered ? l.t('Weekly craft ratio against the floor') : l.t('Weekly hands-on against the floor');
  weeklySvg.setAttribute('aria-label', drawWeekly(weeklySvg, m.weeks, m));
  table(weeklyTable, l.t('Weekly values'), [l.t('Week'), l.t('Days'), l.t('Hands-on'), l.t('Assisted'), l.t('Lines you wrote'), l.t('Floor (pro-rated)'), l.t('Meetings'), l.t('Craft ratio'), l.t('Below floor')], m.weeks.map((w) => [
    w.week, `${shortDate(w.from)} – ${shortDate(w.to)}`, hours(w.handsOnMs), hours(w.assistedMs), percent(w.ownLinesShare), w.availableDays ? hours(w.floorHandsOnMs) : l.t('not counted'),
    m.meetingsCovered ? hours(w.meetingMs) : l.t('n/a'), percent(w.craftRatio), w.availableDays === 0 ? '–' : w.belowFloor ? l.t('yes') : l.t('no'),
  ]));
  deepSvg.setAttribute('aria-label', drawDeepWork(deepSvg, m.days, m.deepWorkMinutes));
  table(deepTable, l.t('Deep work per day'), [l.t('Date'), l.t('Blocks'), l.t('Deep work'), l.t('Longest run')], m.days.filter((d) => d.deepWorkBlocks > 0).map((d) => [d.date, String(d.deepWorkBlocks), duration(d.deepWorkMs), duration(d.longestRunMs)]));
  heatSvg.setAttribute('aria-label', drawHeatMap(heatSvg, m.heatMap));
  table(heatTable, l.t('Hands-on time by weekday and hour'), [l.t('Day'), ...Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0'))], m.heatMap.map((row, d) => [
    WEEKDAYS[d], ...row.map((ms) => (ms ? String(Math.round(ms / 60_000)) : '')),
  ]));
  renderBreakdown(m);
  renderCalendars(m);
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? '0') + 1);
  document.body.dataset.renderMs = (performance.now() - t0).toFixed(1);
  performance.mark('craft-time-rendered');
}

// ---- events ----
function loadingText(month: string | undefined): string {
  return month ? l.t('Loading {0}…', monthName(month)) : l.t('Loading the last 12 weeks…');
}

function select(month: string | undefined): void {
  setState({ ...state, month });
  status.textContent = loadingText(month);
  post({ type: 'selectMonth', month });
}

monthSelect.addEventListener('change', () => select(monthSelect.value || undefined));
prevBtn.addEventListener('click', () => {
  if (!model) return;
  const current = model.range.kind === 'month' ? model.range.month : undefined;
  const i = current ? model.months.indexOf(current) : -1;
  const target = model.months[i + 1];
  if (target) select(target);
});
nextBtn.addEventListener('click', () => {
  if (!model || model.range.kind !== 'month') return;
  const i = model.months.indexOf(model.range.month);
  select(i > 0 ? model.months[i - 1] : undefined);
});
summaryBtn.addEventListener('click', () => {
  if (!model) return;
  post({ type: 'generateSummary', month: model.range.kind === 'month' ? model.range.month : model.months[1] ?? model.months[0] });
});
whyBtn.addEventListener('click', () => post({ type: 'explainEdge' }));
connectBtn.addEventListener('click', () => post({ type: 'connectCalendar' }));
tabButtons.forEach((b, i) => {
  b.addEventListener('click', () => {
    setState({ ...state, tab: TABS[i].id });
    if (model) renderBreakdown(model);
  });
  b.addEventListener('keydown', (e) => {
    const keys: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, Home: -i, End: TABS.length - 1 - i };
    if (!(e.key in keys)) return;
    e.preventDefault();
    const j = (i + keys[e.key] + TABS.length) % TABS.length;
    setState({ ...state, tab: TABS[j].id });
    if (model) renderBreakdown(model);
    tabButtons[j].focus();
  });
});

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'model':
      render(m.model);
      break;
    case 'loading':
      status.textContent = loadingText(m.month);
      break;
    case 'error':
      status.textContent = l.t('Could not load the dashboard: {0}', m.message);
      break;
  }
});

post({ type: 'ready', month: state.month });
