// The monthly summary as Markdown that reads well pasted into a doc or a pull request. Every string that
// came from outside (languages, workspace names) goes through escapeMarkdown; meeting titles and file
// paths are not in the model at all.
import { CATEGORIES } from '../../core/types';
import { monthLabel, STATE_TEXT, type MonthlySummary, type NamedTime } from '../summaryView';
import { escapeMarkdown } from './escape';
import { dateSpan, headlineRows, hoursText, overviewSentence, ratioText, shortDate } from './summaryFormat';

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function named(list: readonly NamedTime[], total: number): string {
  return list.map((x) => `${escapeMarkdown(x.name)} ${hoursText(x.ms)}${total ? ` (${Math.round((x.ms / total) * 100)} %)` : ''}`).join(' · ');
}

export function renderSummaryMarkdown(s: MonthlySummary): string {
  const L: string[] = [];
  const title = monthLabel(s.month);
  const prev = s.comparison.lastMonth ? monthLabel(s.comparison.lastMonth.month).split(' ')[0] : 'last month';
  L.push(`# Craft Time: ${title}`, '');
  L.push(
    `*Monthly summary for a ${s.role} · ${dateSpan(s.from, s.through >= s.from ? s.through : s.from)} ${s.month.slice(0, 4)}` +
      `${s.inProgress ? ' (month in progress)' : ''} · days in ${escapeMarkdown(s.timeZone)}*`,
    '',
  );
  L.push(`**${overviewSentence(s)}** Technical edge: **${STATE_TEXT[s.edge.state]}**.`, '');

  L.push('## Headline', '');
  L.push(row(['', title, `vs ${prev}`, 'vs 3-month average']), row(['---', '---:', '---:', '---:']));
  for (const r of headlineRows(s)) L.push(row([r.label, `**${r.value}**`, r.lastMonth, r.baseline]));
  if (s.comparison.baseline && s.comparison.baseline.months.length < 3) {
    L.push('', `*The average covers ${s.comparison.baseline.months.length} tracked month${s.comparison.baseline.months.length === 1 ? '' : 's'} (${s.comparison.baseline.months.join(', ')}).*`);
  }
  L.push('');

  L.push('## Suggestions', '');
  s.suggestions.forEach((x, i) => L.push(`${i + 1}. ${x.text}`));
  L.push('');

  L.push('## Weeks', '');
  L.push(row(['Week', 'Days', 'Hands-on', 'Meetings', 'Craft ratio', 'Floor (pro-rated)', 'Deep-work blocks', 'Focus windows']));
  L.push(row(['---', '---', '---:', '---:', '---:', '---', '---:', '---:']));
  for (const w of s.weeks) {
    const floor = w.availableDays === 0 ? 'not counted (time off)' : `${hoursText(w.floorHandsOnMs)} ${w.belowFloor ? '**below**' : 'met'}`;
    L.push(row([
      w.week + (w.partial ? '*' : ''),
      dateSpan(w.from, w.to),
      hoursText(w.handsOnMs),
      s.meetingsCovered ? hoursText(w.meetingMs) : 'n/a',
      s.meetingsCovered ? ratioText(w.craftRatio) : 'n/a',
      floor,
      String(w.deepWorkBlocks),
      s.meetingsCovered ? String(w.focusWindows) : 'n/a',
    ]));
  }
  if (s.weeks.some((w) => w.partial)) L.push('', '\\* Part of the week falls outside the month; only the days inside it are shown.');
  L.push('');

  const dw = s.deepWork;
  L.push('## Deep work and focus', '');
  L.push(
    `- **Deep work:** ${dw.blocks} block${dw.blocks === 1 ? '' : 's'} of ${dw.deepWorkMinutes} min or more, ${hoursText(dw.deepWorkMs)}` +
      `${dw.shareOfHandsOn !== null ? ` (${ratioText(dw.shareOfHandsOn)} of hands-on time)` : ''}` +
      `${dw.averageBlockMs !== null ? `, ${Math.round(dw.averageBlockMs / 60_000)} min on average` : ''}; on ${dw.daysWithDeepWork} day${dw.daysWithDeepWork === 1 ? '' : 's'}.`,
  );
  if (s.meetingsCovered) {
    L.push(
      `- **Focus windows** (meeting-free 2 h or more in working hours): ${dw.focusWindows}, ${hoursText(dw.focusMs)}; ` +
        `${dw.daysWithFocusWindow} of ${dw.availableDays} working days had one.`,
      `- **Fragmented time** (meeting-free gaps under 1 h): ${dw.fragments} gaps, ${hoursText(dw.fragmentedMs)}.`,
    );
  }
  L.push(
    `- **Low hands-on days** (under 30 min on a working day): ${dw.lowHandsOnDays}` +
      `${dw.longestLowRun && dw.longestLowRun.days > 1 ? `; longest run ${dw.longestLowRun.days} days (${dateSpan(dw.longestLowRun.from, dw.longestLowRun.to)})` : ''}.`,
    '',
  );

  L.push('## Meeting mix', '');
  const mix = s.meetingMix;
  if (!mix.covered) {
    L.push('No calendar or logged meetings cover this month, so meeting time is not measured.', '');
  } else {
    L.push(row(['Kind', 'Meetings', 'Hours']), row(['---', '---:', '---:']));
    const line = (label: string, b: { count: number; ms: number }) => L.push(row([label, String(b.count), hoursText(b.ms)]));
    line('Recurring', mix.recurring);
    line('One-off', mix.oneOff);
    line('1:1s (2 attendees)', mix.oneOnOne);
    line(`Large (${mix.largeThreshold}+ attendees)`, mix.large);
    line('**All meetings**', mix.total);
    L.push(
      '',
      `Hours are meeting time inside the month with double-booked time counted once (${hoursText(mix.conflictMs)} was double-booked); ` +
        `${hoursText(mix.overlapMs)} of hands-on work happened during meetings. No meeting titles or attendees are included.`,
      '',
    );
  }

  L.push('## Technical edge', '');
  L.push(`**${STATE_TEXT[s.edge.state]}** as of ${s.edge.asOf} (${s.role} floor: ${s.floor.weeklyHandsOnHours} h hands-on a week, craft ratio ${ratioText(s.floor.craftRatio)}).`, '');
  for (const sig of s.edge.signals) {
    const mark = !sig.available ? 'not enough data' : sig.fired ? 'fired' : 'did not fire';
    L.push(`- **${sig.title}** (${mark}): ${sig.detail}`);
  }
  for (const m of s.edge.missing) L.push(`- *Missing:* ${m}`);
  L.push('');

  L.push('## Where the hands-on time went', '');
  const total = s.headline.handsOnMs;
  const cats = CATEGORIES.filter((c) => s.byCategory[c] > 0).map((c) => ({ name: c, ms: s.byCategory[c] }));
  L.push(`- **Activity:** ${cats.length ? named(cats, total) : 'none'}`);
  L.push(`- **Languages:** ${s.languages.length ? named(s.languages, total) : 'none'}`);
  if (s.workspaces) L.push(`- **Workspaces:** ${s.workspaces.length ? named(s.workspaces, total) : 'none'}`);
  L.push('');

  L.push('## Time off', '');
  if (s.timeOff.length === 0) L.push('No days off this month.');
  else {
    const reason = { manual: 'marked off', calendar: 'out of office', idle: 'no activity and no meetings' } as const;
    L.push(s.timeOff.map((t) => `${shortDate(t.date)} (${reason[t.reason]})`).join(', ') + '.', '', 'Days off count neither for nor against anyone: floors are pro-rated and runs skip them.');
  }
  L.push('');
  L.push(
    '---',
    '',
    '*Generated by Craft Time from data on the engineer\'s own machine and shared by them. Hands-on time is editor activity ' +
      '(coding, reading, debugging, building, reviewing) with gaps over the idle limit not counted; meetings come from their calendar. ' +
      'No file paths, meeting titles or attendees are included' + (s.workspaces ? '; workspace names were included at their request.*' : ', and no workspace names.*'),
  );
  return L.join('\n') + '\n';
}
