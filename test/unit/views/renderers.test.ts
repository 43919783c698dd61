// Renderers: escaping of every outside string, privacy (no titles, no paths, workspaces only on request),
import { summaryOf } from '../builders';
// and the JSON/CSV shapes.
import { describe, expect, test } from 'vitest';
import { renderSummaryCsv, csvCell } from '../../../src/views/render/summaryCsv';
import { renderSummaryHtml } from '../../../src/views/render/summaryHtml';
import { renderSummaryJson } from '../../../src/views/render/summaryJson';
import { renderSummaryMarkdown } from '../../../src/views/render/summaryMarkdown';
import { floorFor } from '../../../src/core/roles';
import { HOUR, aMeeting, aSegment, at, weekdays } from '../builders';

const EVIL_WS = '<img src=x onerror=alert(1)>';
const EVIL_LANG = '*bold*|pipe](javascript:x)';
const TITLE = 'Reorg of team Phoenix';

function build(includeWorkspaces: boolean) {
  const dates = weekdays('2026-03-02', '2026-03-31');
  const segments = dates.map((d, i) => aSegment({ start: at(d, '09:00'), end: at(d, '11:00'), workspaceId: i % 2 ? 'evil' : 'good', language: i % 3 ? 'typescript' : EVIL_LANG }));
  const meetings = dates.map((d) => aMeeting({ start: at(d, '14:00'), end: at(d, '15:00'), title: TITLE, attendees: 3, source: '/home/me/cal.ics' }));
  return summaryOf({
    month: '2026-03',
    segments,
    meetings,
    timeZone: 'UTC',
    role: 'staff',
    floor: floorFor('staff'),
    meetingCoverage: 'full',
    includeWorkspaces,
    workspaceNames: new Map([['evil', EVIL_WS], ['good', 'payments-api']]),
  });
}

describe('escaping outside strings', () => {
  const s = build(true);

  test('HTML shows the workspace and language as text', () => {
    const html = renderSummaryHtml(s);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror=alert(1)>');
    expect(html).toContain('*bold*|pipe](javascript:x)'.replace(/[&<>"'`]/g, ''));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:|\/\/)/i);
  });

  test('Markdown escapes HTML and Markdown syntax', () => {
    const md = renderSummaryMarkdown(s);
    expect(md).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(md).not.toMatch(/(^|[^\\])<img/); // only ever as \<img, which renders as text
    expect(md).toContain('\\*bold\\*\\|pipe\\]\\(javascript:x\\)');
  });

  test('JSON carries the raw name as a string value (JSON encoding is the escaping)', () => {
    const json = JSON.parse(renderSummaryJson(s));
    expect(json.workspaces.map((w: { workspace: string }) => w.workspace).sort()).toEqual([EVIL_WS, 'payments-api'].sort());
  });

  test('CSV cells are quoted and formula-safe', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-3)).toBe('-3');
  });
});

describe('privacy', () => {
  test('workspace names appear only when asked for', () => {
    const s = build(false);
    for (const text of [renderSummaryHtml(s), renderSummaryMarkdown(s), renderSummaryJson(s), renderSummaryCsv(s)]) {
      expect(text).not.toContain('payments-api');
      expect(text).not.toContain('onerror');
    }
    expect(renderSummaryMarkdown(build(true))).toContain('payments\\-api');
  });

  test('meeting titles and calendar paths never appear', () => {
    const s = build(true);
    for (const text of [renderSummaryHtml(s), renderSummaryMarkdown(s), renderSummaryJson(s), renderSummaryCsv(s)]) {
      expect(text).not.toContain('Phoenix');
      expect(text).not.toContain('/home/me');
    }
  });
});

describe('formats', () => {
  const s = build(false);

  test('JSON has the documented top-level fields with the model numbers', () => {
    const j = JSON.parse(renderSummaryJson(s));
    for (const key of ['month', 'handsOnHours', 'meetingHours', 'craftRatio', 'weeks', 'days', 'edge', 'meetingMix', 'suggestions', 'timeOff', 'comparison']) expect(j).toHaveProperty(key);
    expect(j.month).toBe('2026-03');
    expect(j.handsOnHours).toBe(44); // 22 weekdays x 2 h
    expect(j.meetingHours).toBe(22);
    expect(j.craftRatio).toBe(0.6667);
    expect(j.days).toHaveLength(31);
    expect(j.days[1]).toMatchObject({ date: '2026-03-02', handsOnMinutes: 120, meetingMinutes: 60, craftRatio: 0.6667, status: 'working' });
    expect(j.weeks.reduce((sum: number, w: { handsOnMinutes: number }) => sum + w.handsOnMinutes, 0)).toBe(44 * 60);
    expect(j.edge.floor).toEqual({ weeklyHandsOnHours: 14, craftRatio: 0.45 });
    expect(j.edge.weeks).toHaveLength(16);
    expect(j.meetingMix.oneOff).toEqual({ count: 22, hours: 22, minutes: 22 * 60 });
  });

  test('CSV has a header and one row per day', () => {
    const lines = renderSummaryCsv(s).trimEnd().split('\r\n');
    expect(lines).toHaveLength(32);
    expect(lines[0].split(',').slice(0, 4)).toEqual(['date', 'weekday', 'status', 'handsOnMinutes']);
    expect(lines[2].startsWith('2026-03-02,1,working,120,60,')).toBe(true);
  });

  test('Markdown has the sections a lead reads, and the headline numbers', () => {
    const md = renderSummaryMarkdown(s);
    for (const h of ['# Craft Time: March 2026', '## Headline', '## Suggestions', '## Weeks', '## Deep work and focus', '## Meeting mix', '## Technical edge', '## Time off']) expect(md).toContain(h);
    expect(md).toContain('| Hands-on | **44.0 h** |');
    expect(md).toContain('| Craft ratio | **67 %** |');
  });

  test('HTML is one self-contained document with print CSS', () => {
    const html = renderSummaryHtml(s);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).toContain('@page');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<link|<script|url\(/i);
    expect(html).toContain('44.0 h');
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(3);
  });

  test('an empty month renders in every format', () => {
    const empty = summaryOf({ month: '2026-02', segments: [], meetings: [], timeZone: 'UTC', role: 'engineer', floor: floorFor('engineer'), meetingCoverage: 'none' });
    expect(renderSummaryMarkdown(empty)).toContain('No calendar or logged meetings cover this month');
    expect(renderSummaryHtml(empty)).toContain('0.0 h');
    expect(JSON.parse(renderSummaryJson(empty))).toMatchObject({ handsOnHours: 0, meetingHours: 0, craftRatio: null, meetingMix: null });
    expect(renderSummaryCsv(empty).trimEnd().split('\r\n')).toHaveLength(29);
    expect(HOUR).toBe(3_600_000);
  });
});
