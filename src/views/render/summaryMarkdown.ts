// The monthly summary as Markdown that reads well pasted into a doc or a pull request. Every string that
// came from outside (languages, workspace names) goes through escapeMarkdown; meeting titles and file
// paths are not in the model at all.
import { CATEGORIES } from '../../core/types';
import { categoryName, ENGLISH, monthLabelIn, numberIn, percentIn, type Localizer } from '../../shared/locale';
import type { MonthlySummary, NamedTime } from '../summaryView';
import { escapeMarkdown } from './escape';
import { dateSpan, edgeStateLabel, headlineRows, hoursText, namedLabel, overviewSentence, ratioText, shortDate, timeOffReason } from './summaryFormat';

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function named(list: readonly NamedTime[], total: number, l: Localizer): string {
  return list.map((x) => `${escapeMarkdown(namedLabel(x, l))} ${hoursText(x.ms, l)}${total ? ` (${percentIn(l, x.ms / total)})` : ''}`).join(' · ');
}

export function renderSummaryMarkdown(s: MonthlySummary, l: Localizer = ENGLISH): string {
  const L: string[] = [];
  const hours = (ms: number) => hoursText(ms, l), ratio = (r: number | null) => ratioText(r, l), span = (from: string, to: string) => dateSpan(from, to, l);
  const na = l.t('n/a');
  const title = monthLabelIn(l, s.month);
  // The month's name alone ("February"), from the same wording as the title.
  const prev = s.comparison.lastMonth ? monthLabelIn(l, s.comparison.lastMonth.month).replace(/\s*\d{4}\s*$/, '') : l.t('last month');
  L.push(`# Craft Time: ${title}`, '');
  const period = `${span(s.from, s.through >= s.from ? s.through : s.from)} ${s.month.slice(0, 4)}`;
  L.push(
    `*${s.inProgress
      ? l.t('Monthly summary for a {0} · {1} (month in progress) · days in {2}', s.role, period, escapeMarkdown(s.timeZone))
      : l.t('Monthly summary for a {0} · {1} · days in {2}', s.role, period, escapeMarkdown(s.timeZone))}*`,
    '',
  );
  L.push(`**${overviewSentence(s, l)}** ${l.t('Technical edge: **{0}**.', edgeStateLabel(s.edge.state, l))}`, '');

  L.push(`## ${l.t('Headline')}`, '');
  L.push(row(['', title, l.t('vs {0}', prev), l.t('vs 3-month average')]), row(['---', '---:', '---:', '---:']));
  for (const r of headlineRows(s, l)) L.push(row([r.label, `**${r.value}**`, r.lastMonth, r.baseline]));
  if (s.comparison.baseline && s.comparison.baseline.months.length < 3) {
    const n = s.comparison.baseline.months.length, list = s.comparison.baseline.months.join(', ');
    L.push('', `*${n === 1 ? l.t('The average covers 1 tracked month ({0}).', list) : l.t('The average covers {0} tracked months ({1}).', n, list)}*`);
  }
  L.push('');

  L.push(`## ${l.t('Suggestions')}`, '');
  s.suggestions.forEach((x, i) => L.push(`${i + 1}. ${x.text}`));
  L.push('');

  L.push(`## ${l.t('Weeks')}`, '');
  L.push(row([l.t('Week'), l.t('Days'), l.t('Hands-on'), l.t('Meetings'), l.t('Craft ratio'), l.t('Floor (pro-rated)'), l.t('Deep-work blocks'), l.t('Focus windows')]));
  L.push(row(['---', '---', '---:', '---:', '---:', '---', '---:', '---:']));
  for (const w of s.weeks) {
    const floor = w.availableDays === 0 ? l.t('not counted (time off)') : `${hours(w.floorHandsOnMs)} ${w.belowFloor ? `**${l.t('below')}**` : l.t('met')}`;
    L.push(row([
      w.week + (w.partial ? '*' : ''),
      span(w.from, w.to),
      hours(w.handsOnMs),
      s.meetingsCovered ? hours(w.meetingMs) : na,
      s.meetingsCovered ? ratio(w.craftRatio) : na,
      floor,
      String(w.deepWorkBlocks),
      s.meetingsCovered ? String(w.focusWindows) : na,
    ]));
  }
  if (s.weeks.some((w) => w.partial)) L.push('', `\\* ${l.t('Part of the week falls outside the month; only the days inside it are shown.')}`);
  L.push('');

  const dw = s.deepWork;
  L.push(`## ${l.t('Deep work and focus')}`, '');
  const blocks = dw.blocks === 1 ? l.t('1 block of {0} min or more, {1}', dw.deepWorkMinutes, hours(dw.deepWorkMs)) : l.t('{0} blocks of {1} min or more, {2}', dw.blocks, dw.deepWorkMinutes, hours(dw.deepWorkMs));
  const share = dw.shareOfHandsOn !== null ? ` ${l.t('({0} of hands-on time)', ratio(dw.shareOfHandsOn))}` : '';
  const average = dw.averageBlockMs !== null ? l.t(', {0} min on average', Math.round(dw.averageBlockMs / 60_000)) : '';
  const onDays = dw.daysWithDeepWork === 1 ? l.t('on 1 day') : l.t('on {0} days', dw.daysWithDeepWork);
  L.push(`- **${l.t('Deep work:')}** ${blocks}${share}${average}; ${onDays}.`);
  if (s.meetingsCovered) {
    L.push(
      `- **${l.t('Focus windows')}** ${l.t('(meeting-free 2 h or more in working hours): {0}, {1}; {2} of {3} working days had one.', dw.focusWindows, hours(dw.focusMs), dw.daysWithFocusWindow, dw.availableDays)}`,
      `- **${l.t('Fragmented time')}** ${l.t('(meeting-free gaps under 1 h): {0} gaps, {1}.', dw.fragments, hours(dw.fragmentedMs))}`,
    );
  }
  const run = dw.longestLowRun && dw.longestLowRun.days > 1 ? l.t('; longest run {0} days ({1})', dw.longestLowRun.days, span(dw.longestLowRun.from, dw.longestLowRun.to)) : '';
  L.push(`- **${l.t('Low hands-on days')}** ${l.t('(under 30 min on a working day): {0}', dw.lowHandsOnDays)}${run}.`, '');

  L.push(`## ${l.t('Meeting mix')}`, '');
  const mix = s.meetingMix;
  if (!mix.covered) {
    L.push(l.t('No calendar or logged meetings cover this month, so meeting time is not measured.'), '');
  } else {
    L.push(row([l.t('Kind'), l.t('Meetings'), l.t('Hours')]), row(['---', '---:', '---:']));
    const line = (label: string, b: { count: number; ms: number }) => L.push(row([label, String(b.count), hours(b.ms)]));
    line(l.t('Recurring'), mix.recurring);
    line(l.t('One-off'), mix.oneOff);
    line(l.t('1:1s (2 attendees)'), mix.oneOnOne);
    line(l.t('Large ({0}+ attendees)', mix.largeThreshold), mix.large);
    line(`**${l.t('All meetings')}**`, mix.total);
    L.push(
      '',
      l.t('Hours are meeting time inside the month with double-booked time counted once ({0} was double-booked); {1} of hands-on work happened during meetings. No meeting titles or attendees are included.', hours(mix.conflictMs), hours(mix.overlapMs)),
      '',
    );
  }

  L.push(`## ${l.t('Technical edge')}`, '');
  L.push(l.t('**{0}** as of {1} ({2} floor: {3} h hands-on a week, craft ratio {4}).', edgeStateLabel(s.edge.state, l), s.edge.asOf, s.role, numberIn(l, s.floor.weeklyHandsOnHours), ratio(s.floor.craftRatio)), '');
  for (const sig of s.edge.signals) {
    const mark = !sig.available ? l.t('not enough data') : sig.fired ? l.t('fired') : l.t('did not fire');
    L.push(`- **${sig.title}** (${mark}): ${sig.detail}`);
  }
  for (const m of s.edge.missing) L.push(`- *${l.t('Missing:')}* ${m}`);
  L.push('');

  L.push(`## ${l.t('Where the hands-on time went')}`, '');
  const total = s.headline.handsOnMs;
  const cats = CATEGORIES.filter((c) => s.byCategory[c] > 0).map((c) => ({ name: categoryName(l, c), ms: s.byCategory[c] }));
  const none = l.t('none');
  L.push(`- **${l.t('Activity:')}** ${cats.length ? named(cats, total, l) : none}`);
  L.push(`- **${l.t('Languages:')}** ${s.languages.length ? named(s.languages, total, l) : none}`);
  if (s.workspaces) L.push(`- **${l.t('Workspaces:')}** ${s.workspaces.length ? named(s.workspaces, total, l) : none}`);
  L.push('');

  L.push(`## ${l.t('Time off')}`, '');
  if (s.timeOff.length === 0) L.push(l.t('No days off this month.'));
  else {
    L.push(s.timeOff.map((t) => `${shortDate(t.date, l)} (${timeOffReason(t.reason, l)})`).join(', ') + '.', '', l.t('Days off count neither for nor against anyone: floors are pro-rated and runs skip them.'));
  }
  L.push('');
  L.push(
    '---',
    '',
    `*${s.workspaces
      ? l.t("Generated by Craft Time from data on the engineer's own machine and shared by them. Hands-on time is editor activity (coding, reading, debugging, building, reviewing) with gaps over the idle limit not counted; meetings come from their calendar. No file paths, meeting titles or attendees are included; workspace names were included at their request.")
      : l.t("Generated by Craft Time from data on the engineer's own machine and shared by them. Hands-on time is editor activity (coding, reading, debugging, building, reviewing) with gaps over the idle limit not counted; meetings come from their calendar. No file paths, meeting titles or attendees are included, and no workspace names.")}*`,
  );
  return L.join('\n') + '\n';
}
