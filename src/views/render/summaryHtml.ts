// The monthly summary as ONE self-contained, printable HTML file: inline CSS, inline SVG charts, no scripts,
// no external requests (a CSP meta tag forbids them as a second line of defence). Every outside string goes
// through escapeHtml. Prints on A4 and Letter: the page size is left to the printer and the content is
// laid out for the narrower A4 text width.
import { CATEGORIES } from '../../core/types';
import { categoryName, ENGLISH, monthLabelIn, numberIn, percentIn, weekdaysIn, type Localizer } from '../../shared/locale';
import type { MonthlySummary, NamedTime } from '../summaryView';
import { escapeHtml as e } from './escape';
import { dateSpan as spanOf, edgeStateLabel, headlineRows, hoursText as hoursOf, namedLabel, overviewSentence, ratioText as ratioOf, shortDate as shortDateOf, statusText, timeOffReason } from './summaryFormat';

const HOUR = 3_600_000;
const num = (x: number) => (Math.round(x * 10) / 10).toString();

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--card:#f6f8fa;--hands:#1a7f37;--meet:#8250df;--floor:#cf222e;--off:#afb8c1;--warn:#9a6700;--bad:#cf222e;--good:#1a7f37}
@media screen and (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--bg:#0d1117;--card:#151b23;--hands:#3fb950;--meet:#a371f7;--floor:#f85149;--off:#656c76;--warn:#d29922;--bad:#f85149;--good:#3fb950}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.1rem;margin:1.6rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
p{margin:.4rem 0}.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:.75rem;margin:1rem 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.7rem .9rem}
.card .label{font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:1.7rem;font-weight:600;font-variant-numeric:tabular-nums}
.card .cmp{font-size:.8rem;color:var(--muted)}
.state{display:inline-block;padding:.1rem .55rem;border-radius:1rem;font-weight:600;border:1px solid currentColor}
.state-healthy{color:var(--good)}.state-watch{color:var(--warn)}.state-eroding{color:var(--bad)}.state-learning{color:var(--muted)}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;margin:.4rem 0}
th,td{padding:.25rem .5rem;border-bottom:1px solid var(--line);text-align:left}
th{font-size:.8rem;color:var(--muted);font-weight:600}
td.n,th.n{text-align:right}
.below{color:var(--bad);font-weight:600}.met{color:var(--good)}
ol.suggestions li{margin:.3rem 0}
figure{margin:.6rem 0}figcaption{font-size:.8rem;color:var(--muted)}
svg{display:block;width:100%;height:auto;overflow:visible}
svg text{fill:var(--muted);font-size:10px}
.b-hands{fill:var(--hands)}.b-meet{fill:var(--meet)}.b-off{fill:var(--off)}.floor{stroke:var(--floor);stroke-width:1.5;stroke-dasharray:4 3}
.axis{stroke:var(--line)}.legend{display:flex;gap:1rem;font-size:.8rem;color:var(--muted)}
.sw{display:inline-block;width:.7rem;height:.7rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
.sw-hands{background:var(--hands)}.sw-meet{background:var(--meet)}.sw-off{background:var(--off)}.sw-floor{border-top:2px dashed var(--floor);height:0;border-radius:0}
.two{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
footer{margin-top:2rem;font-size:.8rem;color:var(--muted);border-top:1px solid var(--line);padding-top:.6rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@page{margin:14mm}
@media print{body{max-width:none;padding:0;font-size:10.5pt}h2{break-after:avoid}section,figure,table,.cards{break-inside:avoid}
.cards{grid-template-columns:repeat(3,1fr)}.card{background:none}a{color:inherit;text-decoration:none}}
@media (max-width:40rem){.cards,.two{grid-template-columns:1fr}}
`;

function dailyChart(s: MonthlySummary, l: Localizer): string {
  const hoursText = (ms: number) => hoursOf(ms, l), shortDate = (d: string) => shortDateOf(d, l);
  const days = s.days;
  const W = 720, H = 170, left = 30, bottom = 18, top = 6;
  const max = Math.max(HOUR, ...days.map((d) => d.handsOnMs + d.meetingMs));
  const yMax = Math.ceil(max / HOUR / 2) * 2 * HOUR;
  const plotH = H - bottom - top;
  const step = days.length ? (W - left) / days.length : 0;
  const bw = Math.max(2, step * 0.7);
  const y = (ms: number) => top + plotH - (ms / yMax) * plotH;
  const parts: string[] = [];
  for (let h = 0; h <= yMax / HOUR; h += Math.max(2, Math.ceil(yMax / HOUR / 4 / 2) * 2)) {
    parts.push(`<line class="axis" x1="${left}" x2="${W}" y1="${y(h * HOUR)}" y2="${y(h * HOUR)}"/><text x="${left - 4}" y="${y(h * HOUR) + 3}" text-anchor="end">${h} h</text>`);
  }
  days.forEach((d, i) => {
    const x = left + i * step + (step - bw) / 2;
    const off = d.status === 'timeOff' || d.status === 'idle';
    if (off) parts.push(`<rect class="b-off" x="${num(x)}" y="${y(HOUR / 4)}" width="${num(bw)}" height="${num(y(0) - y(HOUR / 4))}"/>`);
    const hy = y(d.handsOnMs), my = y(d.handsOnMs + d.meetingMs);
    if (d.handsOnMs > 0) parts.push(`<rect class="b-hands" x="${num(x)}" y="${num(hy)}" width="${num(bw)}" height="${num(y(0) - hy)}"/>`);
    if (d.meetingMs > 0) parts.push(`<rect class="b-meet" x="${num(x)}" y="${num(my)}" width="${num(bw)}" height="${num(hy - my)}"/>`);
    if (d.weekday === 1 || (i === 0 && d.weekday <= 4)) parts.push(`<text x="${num(x + bw / 2)}" y="${H - 4}" text-anchor="middle">${e(shortDate(d.date))}</text>`);
  });
  const busiest = days.reduce<(typeof days)[number] | undefined>((b, d) => (!b || d.handsOnMs > b.handsOnMs ? d : b), undefined);
  const label =
    l.t('Daily hands-on and meeting hours for {0}: {1} hands-on and {2} in meetings over {3} days', monthLabelIn(l, s.month), hoursText(s.headline.handsOnMs),
      s.meetingsCovered ? hoursText(s.headline.meetingMs) : l.t('unknown'), days.length) +
    (busiest && busiest.handsOnMs > 0 ? l.t('; most hands-on on {0} ({1}).', shortDate(busiest.date), hoursText(busiest.handsOnMs)) : '.') +
    ` ${l.t('The daily table below has every value.')}`;
  return `<figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(label)}" preserveAspectRatio="xMidYMid meet">${parts.join('')}</svg>
<figcaption class="legend"><span><span class="sw sw-hands"></span>${tx(l.t('Hands-on'))}</span><span><span class="sw sw-meet"></span>${tx(l.t('Meetings'))}</span><span><span class="sw sw-off"></span>${tx(l.t('Day off'))}</span></figcaption></figure>`;
}

function weeklyChart(s: MonthlySummary, l: Localizer): string {
  const weeks = s.weeks;
  const W = 340, H = 150, left = 30, bottom = 18, top = 6;
  const max = Math.max(HOUR, ...weeks.map((w) => Math.max(w.handsOnMs, w.floorHandsOnMs)));
  const yMax = Math.ceil(max / HOUR / 5) * 5 * HOUR;
  const plotH = H - bottom - top;
  const step = weeks.length ? (W - left) / weeks.length : 0;
  const bw = step * 0.55;
  const y = (ms: number) => top + plotH - (ms / yMax) * plotH;
  const parts: string[] = [`<line class="axis" x1="${left}" x2="${W}" y1="${y(0)}" y2="${y(0)}"/>`];
  for (const h of [0, yMax / HOUR / 2, yMax / HOUR]) parts.push(`<text x="${left - 4}" y="${y(h * HOUR) + 3}" text-anchor="end">${h} h</text>`);
  weeks.forEach((w, i) => {
    const x = left + i * step + (step - bw) / 2;
    parts.push(`<rect class="b-hands" x="${num(x)}" y="${num(y(w.handsOnMs))}" width="${num(bw)}" height="${num(y(0) - y(w.handsOnMs))}"/>`);
    if (w.availableDays > 0) parts.push(`<line class="floor" x1="${num(x - 4)}" x2="${num(x + bw + 4)}" y1="${num(y(w.floorHandsOnMs))}" y2="${num(y(w.floorHandsOnMs))}"/>`);
    parts.push(`<text x="${num(x + bw / 2)}" y="${H - 4}" text-anchor="middle">${e(w.week.slice(5))}</text>`);
  });
  const below = weeks.filter((w) => w.belowFloor).length;
  const label = l.t('Weekly hands-on hours against the pro-rated {0} floor: {1} of {2} weeks below the floor. The weekly table has every value.', s.role, below, weeks.length);
  return `<figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(label)}">${parts.join('')}</svg>
<figcaption class="legend"><span><span class="sw sw-hands"></span>${tx(l.t('Hands-on'))}</span><span><span class="sw sw-floor"></span>${tx(l.t('Floor (pro-rated)'))}</span></figcaption></figure>`;
}

function mixChart(s: MonthlySummary, l: Localizer): string {
  const m = s.meetingMix;
  const hoursText = (ms: number) => hoursOf(ms, l);
  const rows = [
    [l.t('Recurring'), m.recurring],
    [l.t('One-off'), m.oneOff],
    [l.t('1:1s (2 attendees)'), m.oneOnOne],
    [l.t('Large ({0}+ attendees)', m.largeThreshold), m.large],
  ] as const;
  const W = 340, rowH = 26, labelW = 130;
  const max = Math.max(HOUR, ...rows.map(([, b]) => b.ms));
  const parts = rows.map(([label, b], i) => {
    const w = ((W - labelW - 50) * b.ms) / max;
    const yy = i * rowH;
    return `<text x="0" y="${yy + 15}">${e(label)}</text><rect class="b-meet" x="${labelW}" y="${yy + 4}" width="${num(w)}" height="${rowH - 10}"/>` +
      `<text x="${num(labelW + w + 4)}" y="${yy + 15}">${e(hoursText(b.ms))} · ${b.count}</text>`;
  });
  const label = l.t('Meeting mix: recurring {0}, one-off {1}, 1:1s {2}, large {3}.', hoursText(m.recurring.ms), hoursText(m.oneOff.ms), hoursText(m.oneOnOne.ms), hoursText(m.large.ms));
  return `<figure><svg viewBox="0 0 ${W} ${rows.length * rowH}" role="img" aria-label="${e(label)}">${parts.join('')}</svg></figure>`;
}

function namedList(list: readonly NamedTime[], total: number, l: Localizer): string {
  if (list.length === 0) return `<p class="muted">${tx(l.t('None.'))}</p>`;
  return `<table><thead><tr><th scope="col">${tx(l.t('Name'))}</th><th scope="col" class="n">${tx(l.t('Hours'))}</th><th scope="col" class="n">${tx(l.t('Share'))}</th></tr></thead><tbody>${list
    .map((x) => `<tr><td>${e(namedLabel(x, l))}</td><td class="n">${e(hoursOf(x.ms, l))}</td><td class="n">${e(percentIn(l, total ? x.ms / total : 0))}</td></tr>`)
    .join('')}</tbody></table>`;
}

export function renderSummaryHtml(s: MonthlySummary, l: Localizer = ENGLISH): string {
  const hoursText = (ms: number) => hoursOf(ms, l), ratioText = (r: number | null) => ratioOf(r, l), dateSpan = (from: string, to: string) => spanOf(from, to, l);
  const na = tx(l.t('n/a'));
  const weekdays = weekdaysIn(l);
  const title = monthLabelIn(l, s.month);
  const prev = s.comparison.lastMonth ? monthLabelIn(l, s.comparison.lastMonth.month).replace(/\s*\d{4}\s*$/, '') : l.t('last month');
  const rows = headlineRows(s, l);
  const card = (i: number) =>
    `<div class="card"><div class="label">${e(rows[i].label)}</div><div class="value">${e(rows[i].value)}</div>` +
    `<div class="cmp">${tx(l.t('vs {0}', prev))}: ${e(rows[i].lastMonth)}<br>${tx(l.t('vs 3-month average'))}: ${e(rows[i].baseline)}</div></div>`;
  const dw = s.deepWork, mix = s.meetingMix, total = s.headline.handsOnMs;
  const weekRows = s.weeks
    .map((w) => {
      const floor = w.availableDays === 0 ? `<span class="muted">${tx(l.t('not counted'))}</span>` : `${e(hoursText(w.floorHandsOnMs))} <span class="${w.belowFloor ? 'below' : 'met'}">${w.belowFloor ? tx(l.t('below')) : tx(l.t('met'))}</span>`;
      return `<tr><th scope="row">${e(w.week)}${w.partial ? '*' : ''}</th><td>${e(dateSpan(w.from, w.to))}</td><td class="n">${e(hoursText(w.handsOnMs))}</td>` +
        `<td class="n">${s.meetingsCovered ? e(hoursText(w.meetingMs)) : na}</td><td class="n">${s.meetingsCovered ? e(ratioText(w.craftRatio)) : na}</td>` +
        `<td>${floor}</td><td class="n">${w.deepWorkBlocks}</td><td class="n">${s.meetingsCovered ? w.focusWindows : na}</td></tr>`;
    })
    .join('');
  const dayRows = s.days
    .map((d) => `<tr><th scope="row">${e(d.date)}</th><td>${e(weekdays[d.weekday - 1])}</td><td>${e(statusText(d.status, l))}</td><td class="n">${e(hoursText(d.handsOnMs))}</td>` +
      `<td class="n">${s.meetingsCovered ? e(hoursText(d.meetingMs)) : na}</td><td class="n">${s.meetingsCovered ? e(ratioText(d.craftRatio)) : na}</td><td class="n">${d.deepWorkBlocks}</td></tr>`)
    .join('');
  const cats = CATEGORIES.filter((c) => s.byCategory[c] > 0).map((c) => ({ name: categoryName(l, c), ms: s.byCategory[c] }));
  const period = `${dateSpan(s.from, s.through >= s.from ? s.through : s.from)} ${s.month.slice(0, 4)}`;
  const subtitle = s.inProgress
    ? l.t('Monthly summary for a {0} · {1} (month in progress) · days in {2}', s.role, period, s.timeZone)
    : l.t('Monthly summary for a {0} · {1} · days in {2}', s.role, period, s.timeZone);
  const baselineNote = s.comparison.baseline && s.comparison.baseline.months.length < 3 ? ` ${tx(l.t('The average covers {0} tracked month(s).', s.comparison.baseline.months.length))}` : '';
  const blocks = tx(l.t('{0} blocks of {1} min or more, {2}', dw.blocks, dw.deepWorkMinutes, hoursText(dw.deepWorkMs)));
  const share = dw.shareOfHandsOn !== null ? ` ${tx(l.t('({0} of hands-on time)', ratioText(dw.shareOfHandsOn)))}` : '';
  const average = dw.averageBlockMs !== null ? tx(l.t(', {0} min on average', Math.round(dw.averageBlockMs / 60_000))) : '';
  const run = dw.longestLowRun && dw.longestLowRun.days > 1 ? tx(l.t('; longest run {0} days ({1})', dw.longestLowRun.days, dateSpan(dw.longestLowRun.from, dw.longestLowRun.to))) : '';
  const mixRow = (label: string, b: { count: number; ms: number }) => `<tr><th scope="row">${tx(label)}</th><td class="n">${b.count}</td><td class="n">${e(hoursText(b.ms))}</td></tr>`;
  const footer = s.workspaces
    ? l.t("Generated by Craft Time from data on the engineer's own machine and shared by them. Hands-on time is editor activity (coding, reading, debugging, building, reviewing) with gaps over the idle limit not counted; meetings come from their calendar. No file paths, meeting titles or attendees are included; workspace names were included at their request.")
    : l.t("Generated by Craft Time from data on the engineer's own machine and shared by them. Hands-on time is editor activity (coding, reading, debugging, building, reviewing) with gaps over the idle limit not counted; meetings come from their calendar. No file paths, meeting titles or attendees are included, and no workspace names.");

  const html = `<!DOCTYPE html>
<html lang="${e(l.locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Craft Time">
<title>Craft Time: ${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>Craft Time: ${e(title)}</h1>
<p class="muted">${tx(subtitle)}</p>
<p><strong>${e(overviewSentence(s, l))}</strong> ${tx(l.t('Technical edge:'))} <span class="state state-${e(s.edge.state)}">${e(edgeStateLabel(s.edge.state, l))}</span></p>
</header>
<section aria-labelledby="h-headline">
<h2 id="h-headline">${tx(l.t('Headline'))}</h2>
<div class="cards">${card(0)}${card(1)}${card(2)}</div>
<p class="muted">${tx(l.t('Hands-on per working day'))}: ${e(rows[3].value)} (${tx(l.t('vs {0}', prev))}: ${e(rows[3].lastMonth)}; ${tx(l.t('vs 3-month average'))}: ${e(rows[3].baseline)}).${baselineNote}</p>
</section>
<section aria-labelledby="h-suggestions">
<h2 id="h-suggestions">${tx(l.t('Suggestions'))}</h2>
<ol class="suggestions">${s.suggestions.map((x) => `<li>${e(x.text)}</li>`).join('')}</ol>
</section>
<section aria-labelledby="h-days">
<h2 id="h-days">${tx(l.t('Day by day'))}</h2>
${dailyChart(s, l)}
</section>
<section aria-labelledby="h-weeks">
<h2 id="h-weeks">${tx(l.t('Weeks'))}</h2>
<div class="two"><div>${weeklyChart(s, l)}</div><div>${mix.covered ? `<p class="muted">${tx(l.t('Meeting mix (hours · count)'))}</p>${mixChart(s, l)}` : `<p class="muted">${tx(l.t('No calendar covers this month: meeting time is not measured.'))}</p>`}</div></div>
<table><thead><tr><th scope="col">${tx(l.t('Week'))}</th><th scope="col">${tx(l.t('Days'))}</th><th scope="col" class="n">${tx(l.t('Hands-on'))}</th><th scope="col" class="n">${tx(l.t('Meetings'))}</th><th scope="col" class="n">${tx(l.t('Craft ratio'))}</th><th scope="col">${tx(l.t('Floor (pro-rated)'))}</th><th scope="col" class="n">${tx(l.t('Deep-work blocks'))}</th><th scope="col" class="n">${tx(l.t('Focus windows'))}</th></tr></thead><tbody>${weekRows}</tbody></table>
${s.weeks.some((w) => w.partial) ? `<p class="muted">* ${tx(l.t('Part of the week falls outside the month; only the days inside it are shown.'))}</p>` : ''}
</section>
<section aria-labelledby="h-deep">
<h2 id="h-deep">${tx(l.t('Deep work and focus'))}</h2>
<ul>
<li><strong>${tx(l.t('Deep work:'))}</strong> ${blocks}${share}${average}; ${tx(l.t('on {0} days', dw.daysWithDeepWork))}.</li>
${s.meetingsCovered ? `<li><strong>${tx(l.t('Focus windows'))}</strong> ${tx(l.t('(meeting-free 2 h or more in working hours): {0}, {1}; {2} of {3} working days had one.', dw.focusWindows, hoursText(dw.focusMs), dw.daysWithFocusWindow, dw.availableDays))}</li>
<li><strong>${tx(l.t('Fragmented time'))}</strong> ${tx(l.t('(meeting-free gaps under 1 h): {0} gaps, {1}.', dw.fragments, hoursText(dw.fragmentedMs)))}</li>` : ''}
<li><strong>${tx(l.t('Low hands-on days'))}</strong> ${tx(l.t('(under 30 min on a working day): {0}', dw.lowHandsOnDays))}${run}.</li>
</ul>
</section>
<section aria-labelledby="h-mix">
<h2 id="h-mix">${tx(l.t('Meeting mix'))}</h2>
${mix.covered ? `<table><thead><tr><th scope="col">${tx(l.t('Kind'))}</th><th scope="col" class="n">${tx(l.t('Meetings'))}</th><th scope="col" class="n">${tx(l.t('Hours'))}</th></tr></thead><tbody>
${mixRow(l.t('Recurring'), mix.recurring)}
${mixRow(l.t('One-off'), mix.oneOff)}
${mixRow(l.t('1:1s (2 attendees)'), mix.oneOnOne)}
${mixRow(l.t('Large ({0}+ attendees)', mix.largeThreshold), mix.large)}
${mixRow(l.t('All meetings'), mix.total)}
</tbody></table>
<p class="muted">${tx(l.t('Double-booked time counted once ({0} double-booked); {1} of hands-on work happened during meetings. No meeting titles or attendees are included.', hoursText(mix.conflictMs), hoursText(mix.overlapMs)))}</p>` : `<p>${tx(l.t('No calendar or logged meetings cover this month, so meeting time is not measured.'))}</p>`}
</section>
<section aria-labelledby="h-edge">
<h2 id="h-edge">${tx(l.t('Technical edge'))}</h2>
<p><span class="state state-${e(s.edge.state)}">${e(edgeStateLabel(s.edge.state, l))}</span> ${tx(l.t('as of {0} ({1} floor: {2} h hands-on a week, craft ratio {3}).', s.edge.asOf, s.role, numberIn(l, s.floor.weeklyHandsOnHours), ratioText(s.floor.craftRatio)))}</p>
<ul>${s.edge.signals.map((x) => `<li><strong>${e(x.title)}</strong> (${!x.available ? tx(l.t('not enough data')) : x.fired ? tx(l.t('fired')) : tx(l.t('did not fire'))}): ${e(x.detail)}</li>`).join('')}${s.edge.missing.map((m) => `<li><em>${tx(l.t('Missing:'))}</em> ${e(m)}</li>`).join('')}</ul>
</section>
<section aria-labelledby="h-where">
<h2 id="h-where">${tx(l.t('Where the hands-on time went'))}</h2>
<div class="two"><div><p class="muted">${tx(l.t('Activity'))}</p>${namedList(cats, total, l)}</div><div><p class="muted">${tx(l.t('Languages'))}</p>${namedList(s.languages, total, l)}</div></div>
${s.workspaces ? `<p class="muted">${tx(l.t('Workspaces'))}</p>${namedList(s.workspaces, total, l)}` : ''}
</section>
<section aria-labelledby="h-off">
<h2 id="h-off">${tx(l.t('Time off'))}</h2>
${s.timeOff.length === 0 ? `<p>${tx(l.t('No days off this month.'))}</p>` : `<p>${s.timeOff.map((x) => `${e(shortDateOf(x.date, l))} (${tx(timeOffReason(x.reason, l))})`).join(', ')}.</p><p class="muted">${tx(l.t('Days off count neither for nor against anyone: floors are pro-rated and runs skip them.'))}</p>`}
</section>
<section aria-labelledby="h-table">
<h2 id="h-table">${tx(l.t('Daily values'))}</h2>
<table><thead><tr><th scope="col">${tx(l.t('Date'))}</th><th scope="col">${tx(l.t('Day'))}</th><th scope="col">${tx(l.t('Status'))}</th><th scope="col" class="n">${tx(l.t('Hands-on'))}</th><th scope="col" class="n">${tx(l.t('Meetings'))}</th><th scope="col" class="n">${tx(l.t('Craft ratio'))}</th><th scope="col" class="n">${tx(l.t('Deep-work blocks'))}</th></tr></thead><tbody>${dayRows}</tbody></table>
</section>
</main>
<footer>${tx(footer)}</footer>
</body>
</html>
`;
  return html;
}

/** Escapes translated text for an HTML text node (&, <, >), leaving the English wording byte-for-byte as written. */
function tx(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
