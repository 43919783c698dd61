// The views in German through the injected Localizer: the words come from the German bundle, the numbers
// from Intl (docs/architecture.md "Localisation"), and the machine-readable summary formats stay English.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { bundleLocalizer, ENGLISH } from '../../../src/shared/locale';
import { explainEdge, edgeHeadline } from '../../../src/views/edgeText';
import { renderSummary } from '../../../src/views/render/renderSummary';
import { monthlySummary } from '../../../src/views/summaryView';
import { aSegment, assessEdgeOf, at, dashboardOf, HOUR, summaryOf, testInputs } from '../builders';
import { buildDashboardModel } from '../../../src/views/dashboardModel';
import { statusBarView } from '../../../src/views/statusBarView';
import { todayAndWeek } from '../../../src/core/today';
import { floorFor, ROLE_INFO, ROLES } from '../../../src/core/roles';
import { roleReasoning } from '../../../src/views/roleText';

const root = path.resolve(__dirname, '..', '..', '..');
const de = bundleLocalizer('de', JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.de.json'), 'utf8')));

// Two and a half hours of coding on Monday 2 March 2026 (UTC), nothing else, no calendar.
const segments = [aSegment({ start: at('2026-03-02', '09:00'), end: at('2026-03-02', '11:30'), category: 'coding' })];
const flat = { segments, meetingCoverage: 'none' as const, role: 'engineer' as const };

describe('German views', () => {
  test('the Markdown summary: German headings and sentences, Intl hours and percentages', () => {
    const md = renderSummary(monthlySummaryDe(), 'md', de);
    expect(md.startsWith('# Craft Time: März 2026\n')).toBe(true);
    for (const heading of ['## Überblick', '## Vorschläge', '## Wochen', '## Deep Work und Fokus', '## Besprechungsmix', '## Technischer Vorsprung', '## Wohin die Hands-on-Zeit ging', '## Freie Tage']) {
      expect(md).toContain(`\n${heading}\n`);
    }
    // 2.5 h of coding is all of the hands-on time: "2,5 Std." (decimal comma) and "100 %" (no-break space).
    expect(md).toContain('- **Tätigkeit:** Programmieren 2,5 Std. (100\u00a0%)');
    expect(md).toContain('Weder ein Kalender noch eingetragene Besprechungen decken diesen Monat ab');
    expect(md).not.toContain('Hands-on per working day');
  });

  test('the HTML summary is German with lang="de"; JSON and CSV do not change with the language', () => {
    const s = monthlySummaryDe();
    const html = renderSummary(s, 'html', de);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h2 id="h-headline">Überblick</h2>');
    expect(html).toContain('<th scope="col">Datum</th><th scope="col">Tag</th><th scope="col">Status</th>');
    const english = summaryOf({ ...flat, month: '2026-03', asOf: '2026-03-31', today: '2026-04-01' });
    expect(renderSummary(english, 'json', de)).toBe(renderSummary(english, 'json'));
    expect(renderSummary(english, 'csv', de)).toBe(renderSummary(english, 'csv'));
  });

  test('the edge explanation and headline', () => {
    const edge = assessEdgeOf({ ...flat, asOf: '2026-03-28' });
    expect(explainEdge(edge, 'engineer', de).startsWith('# Technischer Vorsprung am 2026-03-28\n')).toBe(true);
    // Fewer than 2 counted weeks: learning, and the first gap says why.
    expect(edge.state).toBe('learning');
    expect(edgeHeadline(edge, de).startsWith('Lernphase: ')).toBe(true);
    expect(edgeHeadline(edge, ENGLISH).startsWith('Learning: ')).toBe(true);
  });

  test('the dashboard model: title, category labels and edge words', () => {
    const english = dashboardOf({ ...flat, range: { kind: 'last12Weeks' }, today: '2026-03-28' });
    const german = buildDashboardModel(testInputs(flat), { range: { kind: 'last12Weeks' }, today: '2026-03-28', locale: de });
    expect(english.title).toBe('Last 12 weeks');
    expect(german.title).toBe('Letzte 12 Wochen');
    expect(german.breakdown.categories).toEqual([{ label: 'Programmieren', ms: 2.5 * HOUR }]);
    expect(buildDashboardModel(testInputs(flat), { range: { kind: 'month', month: '2026-03' }, today: '2026-03-28', locale: de }).title).toBe('März 2026');
    expect(german.totals).toEqual(english.totals); // the numbers never depend on the language
  });
});

describe('fixed row names in the summary breakdowns', () => {
  // Monday 2 March 2026: ten coding segments of 10 minutes, 09:00-10:40. Languages: the first two have none
  // (20 min, ranked first), then eight of 10 min each; ties rank by name, so c, go, java, lua, perl, ruby fill
  // the 8 rows with "unknown" and rust + zig fold into "other" (20 min). Workspaces: 20 min in one the user
  // named "other", 20 min in one without a known name, 60 min outside any folder.
  const languages = ['', '', 'go', 'rust', 'zig', 'c', 'java', 'ruby', 'lua', 'perl'];
  const workspaceOf = (i: number) => (i < 2 ? 'ws-named' : i < 4 ? 'ws-nameless' : '');
  const start = at('2026-03-02', '09:00');
  const many = languages.map((language, i) => aSegment({ start: start + i * 10 * 60_000, end: start + (i + 1) * 10 * 60_000, language, workspaceId: workspaceOf(i) }));
  const options = { asOf: '2026-03-31', today: '2026-04-01', includeWorkspaces: true, workspaceNames: new Map([['ws-named', 'other']]) };
  const summary = (l: typeof de) => monthlySummary(testInputs({ ...flat, segments: many }), '2026-03', options, l);

  test('Markdown and HTML word them in the display language; a workspace the user named "other" keeps its name', () => {
    const md = renderSummary(summary(de), 'md', de);
    const languagesLine = md.split('\n').find((line) => line.startsWith('- **Sprachen:**')) ?? '';
    expect(languagesLine.startsWith('- **Sprachen:** unbekannt 0,3 Std.')).toBe(true);
    expect(languagesLine).toContain('Sonstige 0,3 Std.');
    expect(languagesLine).not.toContain('rust');
    const workspacesLine = md.split('\n').find((line) => line.startsWith('- **Arbeitsbereiche:**')) ?? '';
    expect(workspacesLine).toContain('other 0,3 Std.');
    expect(workspacesLine).toContain('unbenannter Arbeitsbereich 0,3 Std.');
    expect(workspacesLine).toContain('kein Ordner 1,0 Std.');
    const html = renderSummary(summary(de), 'html', de);
    expect(html).toContain('<td>kein Ordner</td>');
    expect(html).toContain('<td>unbenannter Arbeitsbereich</td>');
    expect(html).toContain('<td>Sonstige</td>');
  });

  test('JSON and CSV keep the English words whatever the language', () => {
    const json = JSON.parse(renderSummary(summary(de), 'json', de)) as { languages: { language: string }[]; workspaces: { workspace: string }[] };
    expect(json.languages.map((x) => x.language)).toContain('other');
    expect(json.workspaces.map((x) => x.workspace).sort()).toEqual(['no folder', 'other', 'unnamed workspace']);
    expect(renderSummary(summary(de), 'csv', de)).toBe(renderSummary(summary(ENGLISH), 'csv'));
  });
});

describe('the role picker\'s reasoning', () => {
  test('English is core\'s text word for word; German is the bundle\'s', () => {
    for (const role of ROLES) {
      expect(roleReasoning(role)).toBe(ROLE_INFO[role].reasoning);
      expect(roleReasoning(role, de)).not.toBe(ROLE_INFO[role].reasoning);
    }
    expect(roleReasoning('principal', de)).toMatch(/^Principals verbringen einen Großteil ihrer Woche/);
  });
});

describe('the status bar in German and English', () => {
  // Monday 2 March 2026: 2 h 30 min of coding, no calendar; engineer floor 20 h a week; not enough weeks to judge.
  const input = {
    today: todayAndWeek(testInputs(flat), '2026-03-02'), edge: assessEdgeOf({ ...flat, asOf: '2026-03-02' }), role: 'engineer' as const,
    floor: floorFor('engineer'), timeZone: 'UTC', inMeeting: false, paused: false, problems: [],
  };
  const commands = { dashboard: 'd', today: 't', pause: 'p', resume: 'r' };

  test('text, accessible label and tooltip lines', () => {
    const en = statusBarView(input, commands);
    const german = statusBarView(input, commands, de);
    expect(en.text).toBe('$(code) 2h 30m');
    expect(german.text).toBe('$(code) 2 Std. 30 Min.');
    expect(en.label).toBe('Craft Time: 2 hours 30 minutes hands-on today, technical edge learning');
    expect(german.label).toBe('Craft Time: heute 2 Stunden 30 Minuten Hands-on, technischer Vorsprung lernt noch');
    expect(german.tooltip).toContain('Heute: **2 Std. 30 Min.** Hands-on · 0 Min. assistiert (von Werkzeugen geschrieben) · Besprechungen unbekannt (kein Kalender) · Handwerksquote k. A.');
    expect(german.tooltip).toContain('| Kategorie | Zeit |');
    expect(german.tooltip).toContain('| Programmieren | 2 Std. 30 Min. |');
    expect(german.tooltip).toContain('Diese Woche: **2 Std. 30 Min.** von der Untergrenze von 20 Std. (engineer) · 0 Min. assistiert');
    expect(german.tooltip).toContain('[Dashboard](command:d) · [Heute](command:t) · [Pausieren](command:p)');
    expect(statusBarView({ ...input, paused: true }, commands, de).text).toBe('$(debug-pause) 2 Std. 30 Min. pausiert');
  });
});

function monthlySummaryDe() {
  return monthlySummary(testInputs(flat), '2026-03', { asOf: '2026-03-31', today: '2026-04-01' }, de);
}
