// Renderers of the team report: JSON, Markdown, self-contained HTML, and every word the report shows (group
// names, why a group is hidden, the narrative, the noise statement). They only format: every privacy rule has
// already been applied by buildTeamReport (src/core/team/report.ts). Every string from the data is escaped.
// JSON and the CLI are English; VS Code words Markdown and HTML in the display language (or English when
// craftTime.summary.language says so), through the same functions.
import type { Quartiles, SuppressedGroup, TeamReport } from '../../core/team/report';
import type { TeamGroupId } from '../../core/team/roles';
import { localizeProblem } from '../../shared/problemText';
import { axisHoursIn, ENGLISH, isEnglish, monthLabelIn, numberIn, percentIn, type Localizer } from '../../shared/locale';
import { escapeHtml, escapeMarkdown } from './escape';

/** A group's name for people. */
function groupLabelIn(l: Localizer, id: TeamGroupId): string {
  switch (id) {
    case 'all': return l.t('Everyone');
    case 'engineers': return l.t('Engineers (engineer, senior)');
    case 'staff-principals': return l.t('Staff and principal engineers');
    case 'managers-directors': return l.t('Managers, directors and executives');
    case 'engineer': return l.t('Engineers');
    case 'senior': return l.t('Senior engineers');
    case 'staff': return l.t('Staff engineers');
    case 'principal': return l.t('Principal engineers');
    case 'manager': return l.t('Managers');
    case 'director': return l.t('Directors');
    case 'executive': return l.t('Executives');
  }
}

/** Why a group is not shown. */
function suppressedReasonIn(l: Localizer, s: SuppressedGroup, minGroup: number): string {
  switch (s.why) {
    case 'contributors': return l.t('fewer than {0} contributors', minGroup);
    case 'members': return l.t('fewer than {0} members', minGroup);
    case 'complement': return l.t('complementary suppression: everyone minus the groups shown would reveal fewer than {0} members', minGroup);
  }
}

/** Hours as the report states them (already rounded to the half hour): "12.5 h", German "12,5 Std."; n/a for none. */
const reportHoursIn = (l: Localizer, h: number | null) => (h === null ? l.t('n/a') : axisHoursIn(l, h));

/** A few plain sentences for leadership: only our own words, group names and numbers (nothing from the data). */
export function teamNarrative(r: TeamReport, l: Localizer): string {
  const out: string[] = [];
  const month = monthLabelIn(l, r.month);
  out.push(r.contributors === 1 ? l.t('1 person contributed for {0}.', month) : l.t('{0} people contributed for {1}.', numberIn(l, r.contributors), month));
  if (r.groups.length === 0) out.push(l.t('No group reached the minimum of {0} members, so no numbers are shown.', r.minGroup));
  for (const g of r.groups) {
    const name = g.group === 'all' ? l.t('Across everyone') : groupLabelIn(l, g.group);
    out.push(l.t("{0}: a median of {1} hands-on per week and a craft ratio of {2}; {3} of {4} below their role's floor.",
      name, reportHoursIn(l, g.weeklyHandsOnHours.median), percentIn(l, g.craftRatio.median), g.belowFloor, g.members));
  }
  for (const g of r.groups) {
    const first = g.trend.find((t) => t.weeklyHandsOnHoursMedian !== null && t.month !== r.month);
    const now = g.weeklyHandsOnHours.median;
    if (!first || now === null || first.weeklyHandsOnHoursMedian === null) continue;
    const diff = now - first.weeklyHandsOnHoursMedian;
    const name = g.group === 'all' ? l.t('Overall') : groupLabelIn(l, g.group);
    const since = monthLabelIn(l, first.month);
    if (Math.abs(diff) < 1) out.push(l.t('{0}: hands-on steady since {1}.', name, since));
    else if (diff > 0) out.push(l.t('{0}: median hands-on up {1} per week since {2} (from {3}).', name, reportHoursIn(l, diff), since, reportHoursIn(l, first.weeklyHandsOnHoursMedian)));
    else out.push(l.t('{0}: median hands-on down {1} per week since {2} (from {3}).', name, reportHoursIn(l, -diff), since, reportHoursIn(l, first.weeklyHandsOnHoursMedian)));
  }
  if (r.suppressed.length === 1) out.push(l.t('1 group is not shown to protect small groups.'));
  else if (r.suppressed.length > 1) out.push(l.t('{0} groups are not shown to protect small groups.', r.suppressed.length));
  if (r.noise) {
    out.push(l.t('Every count includes random noise for differential privacy (epsilon {0} for this month): each count is within {1} of the true count in 95 % of reports, and quartiles are read from {2}-hour and {3} bins, so small differences are not meaningful.',
      r.noise.epsilon, r.noise.interval95, numberIn(l, r.noise.hoursBin), percentIn(l, r.noise.ratioBin)));
  } else {
    out.push(l.t('No noise was added (this team turned it off in its signed team.json): the numbers are exact, and two reports whose groups differ by one member can reveal that member.'));
  }
  if (r.rejected.length === 1) out.push(l.t('1 file was rejected (listed below).'));
  else if (r.rejected.length > 1) out.push(l.t('{0} files were rejected (listed below).', r.rejected.length));
  return out.join(' ');
}

/**
 * The JSON form. The keys of the issue come first in its order (month, contributors, minGroup, groups,
 * suppressed, rejected; per group: group, members, weeklyHandsOnHours, craftRatio, belowFloor); the
 * additions (belowFloorShare, label, trend, noise, narrative) follow them.
 */
function teamReportToJson(r: TeamReport): object {
  const l = ENGLISH;
  const q = (x: Quartiles) => ({ p25: x.p25, median: x.median, p75: x.p75 });
  return {
    month: r.month,
    contributors: r.contributors,
    minGroup: r.minGroup,
    groups: r.groups.map((g) => ({
      group: g.group,
      members: g.members,
      weeklyHandsOnHours: q(g.weeklyHandsOnHours),
      craftRatio: q(g.craftRatio),
      belowFloor: g.belowFloor,
      belowFloorShare: g.belowFloorShare,
      label: groupLabelIn(l, g.group),
      trend: g.trend.map((t) => ({
        month: t.month,
        members: t.members,
        weeklyHandsOnHoursMedian: t.weeklyHandsOnHoursMedian,
        craftRatioMedian: t.craftRatioMedian,
      })),
    })),
    suppressed: r.suppressed.map((s) => ({ group: s.group, reason: suppressedReasonIn(l, s, r.minGroup) })),
    rejected: r.rejected.map((x) => ({ file: x.file, reason: x.reason })),
    noise: r.noise ? { ...r.noise } : null,
    warnings: [...r.warnings],
    narrative: teamNarrative(r, l),
  };
}

export function renderTeamReportJson(r: TeamReport): string {
  return `${JSON.stringify(teamReportToJson(r), null, 2)}\n`;
}

/** The uncertainty statement every rendering carries. */
function noiseLine(r: TeamReport, l: Localizer): string {
  if (!r.noise) return l.t('Noise: off (set in the signed team.json): exact numbers, not protected against differencing.');
  return l.t('Differential privacy: discrete Laplace noise, epsilon {0} this month; each count is within ±{1} of the truth in 95 % of reports; quartiles from {2} and {3} bins.',
    r.noise.epsilon, r.noise.interval95, reportHoursIn(l, r.noise.hoursBin), percentIn(l, r.noise.ratioBin));
}

const quartiles = (q: Quartiles, f: (v: number | null) => string) => `${f(q.p25)} / ${f(q.median)} / ${f(q.p75)}`;

/** The medians, month by month, as bare numbers ("– → 18 → 20.5"; German "20,5"). */
function trendText(l: Localizer, g: TeamReport['groups'][number]): string {
  const n = (v: number) => (isEnglish(l.locale) ? String(v) : new Intl.NumberFormat(l.locale, { maximumFractionDigits: 1 }).format(v));
  return g.trend.map((t) => (t.weeklyHandsOnHoursMedian === null ? '–' : n(t.weeklyHandsOnHoursMedian))).join(' → ');
}

/** The words of one rendering: every label, sentence and reason in the reader's language. */
function wordsOf(r: TeamReport, l: Localizer) {
  return {
    title: l.t('Team craft report: {0}', monthLabelIn(l, r.month)),
    narrative: teamNarrative(r, l),
    counts: l.t('Contributors: {0}. Groups smaller than {1} are never shown.', r.contributors, r.minGroup),
    noise: noiseLine(r, l),
    warnings: r.warnings.map((w) => localizeProblem(w, l)),
    hours: (q: Quartiles) => quartiles(q, (v) => reportHoursIn(l, v)),
    ratio: (q: Quartiles) => quartiles(q, (v) => percentIn(l, v)),
    share: (g: TeamReport['groups'][number]) => `${g.belowFloor} (${percentIn(l, g.belowFloorShare)})`,
    trendMonths: (months: readonly string[]) => l.t('Trend months: {0} (– where the group was not shown).', months.join(', ')),
    suppressed: r.suppressed.map((s) => ({ group: groupLabelIn(l, s.group), reason: suppressedReasonIn(l, s, r.minGroup) })),
    rejected: r.rejected.map((x) => ({ file: x.file, reason: localizeProblem(x.reason, l) })),
  };
}

export function renderTeamReportMarkdown(r: TeamReport, l: Localizer = ENGLISH): string {
  const md = escapeMarkdown;
  const w = wordsOf(r, l);
  const lines: string[] = [];
  lines.push(`# ${w.title}`, ''); // our own words: nothing from the data to escape
  // The narrative, counts and noise line are our own sentences around numbers: nothing from the data to escape.
  lines.push(w.narrative, '');
  lines.push(w.counts);
  lines.push(w.noise);
  for (const warning of w.warnings) lines.push('', `> ${md(warning)}`);
  lines.push('');
  if (r.groups.length > 0) {
    const head = [l.t('Group'), l.t('Members'), l.t('Hands-on h/week (p25 / median / p75)'), l.t('Craft ratio (p25 / median / p75)'), l.t('Below floor'), l.t('Median hands-on trend')];
    lines.push(`| ${head.join(' | ')} |`);
    lines.push('|---|---:|---|---|---:|---|');
    for (const g of r.groups) {
      lines.push(`| ${groupLabelIn(l, g.group)} | ${g.members} | ${w.hours(g.weeklyHandsOnHours)} | ${w.ratio(g.craftRatio)} | ${w.share(g)} | ${trendText(l, g)} |`);
    }
    lines.push('');
    const months = r.groups[0].trend.map((t) => t.month);
    if (months.length > 1) lines.push(w.trendMonths(months), '');
  }
  if (w.suppressed.length > 0) {
    lines.push(`## ${l.t('Not shown')}`, '');
    for (const s of w.suppressed) lines.push(`- ${md(s.group)}: ${md(s.reason)}`);
    lines.push('');
  }
  if (w.rejected.length > 0) {
    lines.push(`## ${l.t('Rejected files')}`, '');
    for (const x of w.rejected) lines.push(`- ${md(x.file)}: ${md(x.reason)}`);
    lines.push('');
  }
  return lines.join('\n');
}

const CSS = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#fff;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin-top:1.5rem}
p.lead{font-size:1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#59636e}
.warn{border-left:4px solid #bf8700;padding-left:.5rem}
@media print{body{margin:0;max-width:none}}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}th,td{border-color:#30363d}.muted{color:#9198a1}}
`.trim();

export function renderTeamReportHtml(r: TeamReport, l: Localizer = ENGLISH): string {
  const h = escapeHtml;
  const w = wordsOf(r, l);
  const out: string[] = [];
  out.push('<!DOCTYPE html>', `<html lang="${h(l.locale)}">`, '<head>', '<meta charset="utf-8">');
  out.push(`<meta name="viewport" content="width=device-width, initial-scale=1">`);
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  out.push(`<title>${h(w.title)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  out.push(`<h1>${h(w.title)}</h1>`);
  out.push(`<p class="lead">${h(w.narrative)}</p>`);
  out.push(`<p class="muted">${h(w.counts)}`);
  out.push(` ${h(w.noise)}`);
  out.push('</p>');
  for (const warning of w.warnings) out.push(`<p class="warn">${h(warning)}</p>`);
  if (r.groups.length > 0) {
    const spread = `<br><span class="muted">${h(l.t('p25 / median / p75'))}</span>`;
    out.push('<table>', `<thead><tr><th scope="col">${h(l.t('Group'))}</th><th scope="col" class="n">${h(l.t('Members'))}</th>`);
    out.push(`<th scope="col">${h(l.t('Hands-on h/week'))}${spread}</th>`);
    out.push(`<th scope="col">${h(l.t('Craft ratio'))}${spread}</th>`);
    out.push(`<th scope="col" class="n">${h(l.t('Below floor'))}</th><th scope="col">${h(l.t('Median hands-on trend'))}</th></tr></thead>`, '<tbody>');
    for (const g of r.groups) {
      out.push(
        `<tr><th scope="row">${h(groupLabelIn(l, g.group))}</th><td class="n">${h(g.members)}</td>` +
          `<td>${h(w.hours(g.weeklyHandsOnHours))}</td><td>${h(w.ratio(g.craftRatio))}</td>` +
          `<td class="n">${h(w.share(g))}</td>` +
          `<td title="${h(g.trend.map((t) => t.month).join(', '))}">${h(trendText(l, g))}</td></tr>`,
      );
    }
    out.push('</tbody>', '</table>');
  }
  if (w.suppressed.length > 0) {
    out.push(`<h2>${h(l.t('Not shown'))}</h2>`, '<ul>');
    for (const s of w.suppressed) out.push(`<li>${h(s.group)}: ${h(s.reason)}</li>`);
    out.push('</ul>');
  }
  if (w.rejected.length > 0) {
    out.push(`<h2>${h(l.t('Rejected files'))}</h2>`, '<ul>');
    for (const x of w.rejected) out.push(`<li><code>${h(x.file)}</code>: ${h(x.reason)}</li>`);
    out.push('</ul>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
