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

function monthlySummaryDe() {
  return monthlySummary(testInputs(flat), '2026-03', { asOf: '2026-03-31', today: '2026-04-01' }, de);
}
