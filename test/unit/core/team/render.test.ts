import { describe, expect, test } from 'vitest';
import { escapeHtml, escapeMarkdown } from '../../../../src/views/render/escape';
import { buildTeamReport } from '../../../../src/core/team/report';
import { renderTeamReportHtml, renderTeamReportJson, renderTeamReportMarkdown } from '../../../../src/core/team/render';
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
});
