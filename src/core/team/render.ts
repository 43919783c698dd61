// Renderers of the team report: JSON, Markdown, self-contained HTML. They only format: every privacy rule
// has already been applied by buildTeamReport. Every string from the data is escaped.
import { escapeHtml, escapeMarkdown } from '../../views/render/escape';
import { formatHours, formatPercent, monthName, type Quartiles, type TeamReport } from './report';

/**
 * The JSON form. The keys of the issue come first in its order (month, contributors, minGroup, groups,
 * suppressed, rejected; per group: group, members, weeklyHandsOnHours, craftRatio, belowFloor); the
 * additions (belowFloorShare, label, trend, noise, narrative) follow them.
 */
export function teamReportToJson(r: TeamReport): object {
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
      label: g.label,
      trend: g.trend.map((t) => ({
        month: t.month,
        members: t.members,
        weeklyHandsOnHoursMedian: t.weeklyHandsOnHoursMedian,
        craftRatioMedian: t.craftRatioMedian,
      })),
    })),
    suppressed: r.suppressed.map((s) => ({ group: s.group, reason: s.reason })),
    rejected: r.rejected.map((x) => ({ file: x.file, reason: x.reason })),
    noise: r.noise ? { ...r.noise } : null,
    warnings: [...r.warnings],
    narrative: r.narrative,
  };
}

export function renderTeamReportJson(r: TeamReport): string {
  return `${JSON.stringify(teamReportToJson(r), null, 2)}\n`;
}

/** The uncertainty statement every rendering carries. */
export function noiseLine(r: TeamReport): string {
  if (!r.noise) return 'Noise: off (set in the signed team.json): exact numbers, not protected against differencing.';
  return `Differential privacy: discrete Laplace noise, epsilon ${r.noise.epsilon} this month; each count is within ±${r.noise.interval95} of the truth in 95 % of reports; quartiles from ${r.noise.hoursBin} h and ${Math.round(r.noise.ratioBin * 100)} % bins.`;
}

const quartiles = (q: Quartiles, f: (v: number | null) => string) => `${f(q.p25)} / ${f(q.median)} / ${f(q.p75)}`;

function trendText(r: TeamReport, g: TeamReport['groups'][number]): string {
  return g.trend.map((t) => (t.weeklyHandsOnHoursMedian === null ? '–' : String(t.weeklyHandsOnHoursMedian))).join(' → ');
}

export function renderTeamReportMarkdown(r: TeamReport): string {
  const md = escapeMarkdown;
  const lines: string[] = [];
  lines.push(`# Team craft report: ${md(monthName(r.month))}`, '');
  lines.push(md(r.narrative), '');
  lines.push(`Contributors: ${r.contributors}. Groups smaller than ${r.minGroup} are never shown.`);
  lines.push(md(noiseLine(r)));
  for (const w of r.warnings) lines.push('', `> ${md(w)}`);
  lines.push('');
  if (r.groups.length > 0) {
    lines.push('| Group | Members | Hands-on h/week (p25 / median / p75) | Craft ratio (p25 / median / p75) | Below floor | Median hands-on trend |');
    lines.push('|---|---:|---|---|---:|---|');
    for (const g of r.groups) {
      lines.push(
        `| ${md(g.label)} | ${g.members} | ${md(quartiles(g.weeklyHandsOnHours, formatHours))} | ${md(quartiles(g.craftRatio, formatPercent))} | ` +
          `${g.belowFloor} (${Math.round(g.belowFloorShare * 100)} %) | ${md(trendText(r, g))} |`,
      );
    }
    lines.push('');
    const months = r.groups[0].trend.map((t) => t.month);
    if (months.length > 1) lines.push(`Trend months: ${md(months.join(', '))} (– where the group was not shown).`, '');
  }
  if (r.suppressed.length > 0) {
    lines.push('## Not shown', '');
    for (const s of r.suppressed) lines.push(`- ${md(s.group)}: ${md(s.reason)}`);
    lines.push('');
  }
  if (r.rejected.length > 0) {
    lines.push('## Rejected files', '');
    for (const x of r.rejected) lines.push(`- ${md(x.file)}: ${md(x.reason)}`);
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

export function renderTeamReportHtml(r: TeamReport): string {
  const h = escapeHtml;
  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  out.push(`<meta name="viewport" content="width=device-width, initial-scale=1">`);
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  out.push(`<title>Team craft report: ${h(monthName(r.month))}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  out.push(`<h1>Team craft report: ${h(monthName(r.month))}</h1>`);
  out.push(`<p class="lead">${h(r.narrative)}</p>`);
  out.push(`<p class="muted">Contributors: ${h(r.contributors)}. Groups smaller than ${h(r.minGroup)} are never shown.`);
  out.push(` ${h(noiseLine(r))}`);
  out.push('</p>');
  for (const w of r.warnings) out.push(`<p class="warn">${h(w)}</p>`);
  if (r.groups.length > 0) {
    out.push('<table>', '<thead><tr><th scope="col">Group</th><th scope="col" class="n">Members</th>');
    out.push('<th scope="col">Hands-on h/week<br><span class="muted">p25 / median / p75</span></th>');
    out.push('<th scope="col">Craft ratio<br><span class="muted">p25 / median / p75</span></th>');
    out.push('<th scope="col" class="n">Below floor</th><th scope="col">Median hands-on trend</th></tr></thead>', '<tbody>');
    for (const g of r.groups) {
      out.push(
        `<tr><th scope="row">${h(g.label)}</th><td class="n">${h(g.members)}</td>` +
          `<td>${h(quartiles(g.weeklyHandsOnHours, formatHours))}</td><td>${h(quartiles(g.craftRatio, formatPercent))}</td>` +
          `<td class="n">${h(g.belowFloor)} (${h(Math.round(g.belowFloorShare * 100))} %)</td>` +
          `<td title="${h(g.trend.map((t) => t.month).join(', '))}">${h(trendText(r, g))}</td></tr>`,
      );
    }
    out.push('</tbody>', '</table>');
  }
  if (r.suppressed.length > 0) {
    out.push('<h2>Not shown</h2>', '<ul>');
    for (const s of r.suppressed) out.push(`<li>${h(s.group)}: ${h(s.reason)}</li>`);
    out.push('</ul>');
  }
  if (r.rejected.length > 0) {
    out.push('<h2>Rejected files</h2>', '<ul>');
    for (const x of r.rejected) out.push(`<li><code>${h(x.file)}</code>: ${h(x.reason)}</li>`);
    out.push('</ul>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
