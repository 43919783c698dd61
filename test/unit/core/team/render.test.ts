import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { bundleLocalizer } from '../../../../src/shared/locale';
import { escapeHtml, escapeMarkdown } from '../../../../src/views/render/escape';
import { buildTeamReport } from '../../../../src/core/team/report';
import { renderTeamReportHtml, renderTeamReportJson, renderTeamReportMarkdown } from '../../../../src/views/render/teamReport';
import { many } from './builders';

const hostile = '<img src=x onerror=alert(1)> | **bold** [x](javascript:alert(1))';
const aReport = () =>
  buildTeamReport([...many(6, 'engineer', [18, 22]), ...many(5, 'principal', [8, 12]), ...many(2, 'director')], [{ file: `2025-05/${hostile}.json`, reason: 'not valid JSON' }], {
    month: '2025-05',
    trendMonths: 2,
  });

describe('escape helpers', () => {
  test('escapeHtml escapes every markup character', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
    expect(escapeHtml(12.5)).toBe('12.5');
    expect(escapeHtml(null)).toBe('null');
  });
  test('escapeMarkdown neutralises markup, tables, HTML and line breaks', () => {
    expect(escapeMarkdown('a|b *c* _d_ [e](f) <g> `h` # i\nj')).toBe('a\\|b \\*c\\* \\_d\\_ \\[e\\]\\(f\\) \\<g\\> \\`h\\` \\# i j');
  });
});

describe('renderers', () => {
  test('JSON has the issue shape first, in order', () => {
    const json = JSON.parse(renderTeamReportJson(aReport()));
    expect(Object.keys(json).slice(0, 6)).toEqual(['month', 'contributors', 'minGroup', 'groups', 'suppressed', 'rejected']);
    expect(Object.keys(json.groups[0]).slice(0, 5)).toEqual(['group', 'members', 'weeklyHandsOnHours', 'craftRatio', 'belowFloor']);
    expect(Object.keys(json.groups[0].weeklyHandsOnHours)).toEqual(['p25', 'median', 'p75']);
    expect(json).toMatchObject({ month: '2025-05', contributors: 13, minGroup: 5, noise: null });
    expect(json.suppressed).toEqual([
      { group: 'managers-directors', reason: 'fewer than 5 members' },
      { group: 'staff-principals', reason: expect.stringMatching(/^complementary suppression/) },
    ]);
    // Complement: 13 - 6 - 5 = 2 would reveal the directors, so one more group is suppressed.
    expect(json.groups.map((g: { group: string }) => g.group)).toEqual(['all', 'engineers']);
  });
  test('HTML is self-contained and escapes every string', () => {
    const html = renderTeamReportHtml(aReport());
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<link|src=["']http|@import/i);
    expect(html).toContain('<style>');
  });
  test('Markdown escapes file names and reasons', () => {
    const md = renderTeamReportMarkdown(aReport());
    expect(md).not.toMatch(/(^|[^\\])</m); // every < is backslash-escaped
    expect(md).toContain('\\<img src=x onerror=alert\\(1\\)\\> \\| \\*\\*bold\\*\\*');
    expect(md).toContain('| Everyone | 13 |');
  });
  test('English JSON, Markdown and HTML keep their words; the narrative says what a lead needs', () => {
    const json = JSON.parse(renderTeamReportJson(aReport()));
    expect(json.groups.map((g: { label: string }) => g.label)).toEqual(['Everyone', 'Engineers (engineer, senior)']);
    expect(json.suppressed[1].reason).toBe('complementary suppression: everyone minus the groups shown would reveal fewer than 5 members');
    // 13 people; everyone's median of the members' mean weekly hours; 2 of 13 below their floor (the directors' 0 h).
    expect(json.narrative).toMatch(/^13 people contributed for May 2025\. Across everyone: a median of [\d.]+ h hands-on per week and a craft ratio of \d+ %; \d+ of 13 below their role's floor\./);
    expect(json.narrative).toContain('2 groups are not shown to protect small groups. No noise was added');
    expect(json.narrative).toMatch(/1 file was rejected \(listed below\)\.$/);
    const md = renderTeamReportMarkdown(aReport());
    expect(md.split('\n')[0]).toBe('# Team craft report: May 2025');
    expect(md).toContain('- Managers, directors and executives: fewer than 5 members');
    expect(renderTeamReportHtml(aReport())).toContain('<html lang="en">');
  });
  test('in German: title, headings, group names, reasons, narrative and numbers; JSON stays English', () => {
    const de = bundleLocalizer('de', JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../l10n/bundle.l10n.de.json'), 'utf8')));
    const report = aReport();
    const md = renderTeamReportMarkdown(report, de);
    expect(md.split('\n')[0]).toBe('# Team-Handwerksbericht: Mai 2025');
    expect(md).toContain('| Gruppe | Mitglieder | Hands-on Std./Woche (p25 / Median / p75) |');
    expect(md).toContain('| Alle | 13 |');
    expect(md).toContain('## Nicht gezeigt');
    expect(md).toContain('- Manager, Directors und Executives: weniger als 5 Mitglieder');
    expect(md).toContain('- Staff und Principal Engineers: komplementäre Unterdrückung');
    expect(md).toContain('13 Personen haben für Mai 2025 beigetragen. Über alle: im Median');
    expect(md).toContain('Es wurde kein Rauschen hinzugefügt');
    expect(md).toContain('## Abgelehnte Dateien');
    expect(md).toContain(': kein gültiges JSON');
    const html = renderTeamReportHtml(report, de);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<title>Team-Handwerksbericht: Mai 2025</title>');
    expect(html).not.toMatch(/Group<|Members<|Not shown|Rejected files|contributed for/);
    expect(renderTeamReportJson(report)).toBe(renderTeamReportJson(aReport()));
    expect(JSON.parse(renderTeamReportJson(report)).narrative).toMatch(/^13 people contributed for May 2025\./);
  });
});
