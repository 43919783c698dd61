// Every surface shows the same numbers (issue "One history, one set of inputs, one rule per definition").
// For generated quarters (with and without a calendar, with time off and meetings logged by hand, in two
// zones, for two roles set only in a VS Code settings.json) the status-bar text and tooltip, the dashboard
// model, the monthly summary (json), `craft-time days/edge/summary/status --json` and the team contribution
// agree on every number they share. The CLI runs as users run it (settings from the settings.json); the
// extension's side runs the same pure steps as host/model.ts over its cached reader.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/main';
import { toMinutes } from '../../src/core/days';
import { edgeRange } from '../../src/core/edge';
import { rawFromObject, resolveSettings } from '../../src/core/settings';
import { measureSnapshot } from '../../src/core/snapshot';
import { summaryAsOf, summaryRange } from '../../src/core/summary/monthlySummary';
import { contributionAsOf, contributionFrom } from '../../src/core/team/fromMeasures';
import { addDays, localDate, monthOf, zonedTime } from '../../src/core/zone';
import { writeActivityFile } from '../../src/store/activityStore';
import { writeManualMeetings, writeSources, writeTimeOff } from '../../src/store/calendarStore';
import { loadHistory } from '../../src/store/history';
import { cliCalendars } from '../../src/cli/load';
import { CachedActivityReader } from '../../src/host/activityCache';
import { buildDashboardModel, dashboardMeasureRange } from '../../src/views/dashboardModel';
import { edgeHeadline } from '../../src/views/edgeText';
import { renderSummaryJson } from '../../src/views/render/summaryJson';
import { statusBarView } from '../../src/views/statusBarView';
import { monthlySummary } from '../../src/views/summaryView';
import { sampleData } from './browser/sampleData';

interface Case {
  readonly name: string;
  readonly timeZone: string;
  readonly role: 'director' | 'staff';
  readonly calendar: boolean;
  readonly manualMeetings: boolean;
}

const CASES: Case[] = [
  { name: 'director in Berlin with a calendar', timeZone: 'Europe/Berlin', role: 'director', calendar: true, manualMeetings: false },
  { name: 'staff in New York, meetings logged by hand only', timeZone: 'America/New_York', role: 'staff', calendar: false, manualMeetings: true },
  { name: 'director in New York with no calendar and no logged meetings (the "100 %" case)', timeZone: 'America/New_York', role: 'director', calendar: false, manualMeetings: false },
  { name: 'staff in Berlin with a calendar and logged meetings', timeZone: 'Europe/Berlin', role: 'staff', calendar: true, manualMeetings: true },
];

const TODAY_LOCAL = '2026-03-18'; // a Wednesday; the quarter runs from December (DST change at the end of March is after)
const FROM = '2025-12-01';
const TIME_OFF = ['2026-02-16', '2026-02-17'];

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function icsOf(meetings: readonly { start: number; end: number; id: string; title: string }[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//craft-time test//EN'];
  for (const m of meetings) lines.push('BEGIN:VEVENT', `UID:${m.id}@test`, `DTSTAMP:${stamp(m.start)}`, `DTSTART:${stamp(m.start)}`, `DTEND:${stamp(m.end)}`, `SUMMARY:${m.title}`, 'END:VEVENT');
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}

/** Everything both sides show for one case. */
async function setUp(c: Case, root: string) {
  const home = path.join(root, 'home');
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(path.join(home, '.config', 'Code', 'User'), { recursive: true });
  // The roles are set only in VS Code's settings.json (JSON with comments), as a user does.
  const settingsJson = { 'craftTime.role': c.role, 'craftTime.timeZone': c.timeZone, 'craftTime.idleMinutes': 7 };
  fs.writeFileSync(path.join(home, '.config', 'Code', 'User', 'settings.json'), `// user settings\n${JSON.stringify(settingsJson, null, 2).replace(/\n}$/, ',\n}')}\n`);
  const data = sampleData({ from: FROM, to: TODAY_LOCAL, timeZone: c.timeZone, seed: c.timeZone.length + c.role.length, timeOff: TIME_OFF });
  const now = zonedTime(TODAY_LOCAL, 15 * 60, c.timeZone);
  // Today's activity must end before "now" (the future is dropped as anomalies).
  await writeActivityFile(dataDir, 'import-sample-000000000001', data.spans.filter((s) => s.end <= now), data.workspaceNames);
  await writeTimeOff(dataDir, TIME_OFF);
  if (c.calendar) {
    const ics = path.join(root, 'work.ics');
    fs.writeFileSync(ics, icsOf(data.meetings.filter((m) => m.start < now)));
    await writeSources(dataDir, [{ id: 'cal-1', kind: 'file', label: 'work.ics', path: ics, addedAt: '2025-11-01T00:00:00Z' }]);
  }
  if (c.manualMeetings) {
    // Logged by hand from mid-January: meetings are known from then on (coverage from the first one).
    const first = zonedTime('2026-01-14', 11 * 60, c.timeZone);
    await writeManualMeetings(dataDir, [
      { id: 'man-1', start: new Date(first).toISOString(), end: new Date(first + 45 * 60_000).toISOString(), title: 'Hiring loop' },
      { id: 'man-2', start: new Date(zonedTime(TODAY_LOCAL, 11 * 60 + 30, c.timeZone)).toISOString(), end: new Date(zonedTime(TODAY_LOCAL, 12 * 60 + 30, c.timeZone)).toISOString(), title: 'Offsite planning' },
    ]);
  }
  const io = (out: string[], err: string[]) => ({ stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), env: { HOME: home }, now: () => now, cwd: root });
  const cli = async (...args: string[]) => {
    const out: string[] = [], err: string[] = [];
    const code = await runCli([...args, '--data-dir', dataDir], io(out, err));
    expect(code, err.join('')).toBe(0);
    return JSON.parse(out.join(''));
  };

  // The extension's side: the settings model over the same values, the cached reader, the same loader.
  const settings = resolveSettings(rawFromObject(settingsJson), 'UTC');
  const reader = new CachedActivityReader(dataDir, 'w-none.jsonl', () => now);
  const calendars = cliCalendars([], dataDir, root, settings); // CalendarService expands the same cached texts with the same options
  const load = async (from: string, to: string) => {
    const history = await loadHistory({ dataDir, from, to, timeZone: settings.timeZone, idleMinutes: settings.idleMinutes, now, activity: reader, calendars });
    return history;
  };
  const today = localDate(now, settings.timeZone);
  const snapHistory = await load(edgeRange(today).from, today);
  const snap = measureSnapshot(snapHistory, settings, today);
  const bar = statusBarView(
    { today: snap.today, edge: snap.edge, role: settings.role, floor: settings.floor, timeZone: settings.timeZone, inMeeting: snapHistory.inMeeting, paused: false, problems: [] },
    { dashboard: 'd', today: 't', pause: 'p', resume: 'r' },
  );
  const dashRange = dashboardMeasureRange({ kind: 'last12Weeks' }, today);
  const dashHistory = await load(dashRange.from, dashRange.to);
  const dashboard = buildDashboardModel(measureSnapshot(dashHistory, settings, today).inputs, { range: { kind: 'last12Weeks' }, today });
  const month = '2026-02';
  const sr = summaryRange(month, summaryAsOf(month, today));
  const summaryHistory = await load(sr.from, sr.to);
  const summary = JSON.parse(renderSummaryJson(monthlySummary(measureSnapshot(summaryHistory, settings, today).inputs, month, { today })));
  const cr = edgeRange(contributionAsOf(month, today));
  const teamHistory = await load(cr.from, cr.to);
  const contribution = contributionFrom(measureSnapshot(teamHistory, settings, today).inputs, month, settings.role, today).input;
  return { cli, settings, snap, bar, dashboard, summary, contribution, today, month };
}

describe.each(CASES)('$name', (c) => {
  let root: string;
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-consistency-'));
    s = await setUp(c, root);
  }, 60_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('the CLI judges with the role, zone and idle rule of settings.json', async () => {
    const config = await s.cli('config', '--json');
    expect(config.settings['craftTime.role']).toMatchObject({ value: c.role });
    expect(config.settings['craftTime.idleMinutes']).toMatchObject({ value: 7 });
    expect(config.settings['craftTime.role'].source).toMatch(/settings\.json$/);
    const edge = await s.cli('edge', '--json');
    expect(edge.role).toBe(c.role);
    expect(edge.floor).toEqual({ weeklyHandsOnHours: s.settings.floor.weeklyHandsOnHours, craftRatio: s.settings.floor.craftRatio });
  });

  test('today and this week: status bar, craft-time status and craft-time days agree', async () => {
    const status = await s.cli('status', '--json');
    const days = await s.cli('days', '--from', addDays(s.today, -2), '--to', s.today, '--json');
    const todayRow = days.days.at(-1);
    expect(status.date).toBe(s.today);
    expect(status.todayMinutes).toBe(toMinutes(s.snap.today.today.handsOnMs));
    expect(todayRow.handsOnMinutes).toBe(status.todayMinutes);
    expect(status.weekMinutes).toBe(toMinutes(s.snap.today.weekHandsOnMs));
    expect(status.craftRatio).toBe(s.snap.today.todayCraftRatio);
    expect(todayRow.craftRatio).toBe(status.craftRatio === null ? null : Math.round(status.craftRatio * 10_000) / 10_000);
    // The status bar's words are made from the same numbers.
    const hm = (m: number) => (m >= 60 ? `${Math.floor(m / 60)}h ${String(Math.floor(m % 60)).padStart(2, '0')}m` : `${Math.floor(m)}m`);
    expect(s.bar.text).toContain(hm(status.todayMinutes));
    expect(s.bar.tooltip).toContain(`craft ratio ${status.craftRatio === null ? 'n/a' : `${Math.round(status.craftRatio * 100)} %`}`);
    expect(s.bar.tooltip).toContain(`This week: **${hm(status.weekMinutes)}**`);
    if (status.meetingMinutes === null) {
      expect(c.calendar || c.manualMeetings).toBe(false);
      expect(s.bar.tooltip).not.toContain('100 %'); // the old status-bar tooltip claimed a 100 % ratio without a calendar
    } else expect(todayRow.meetingMinutes).toBe(status.meetingMinutes);
  });

  test('edge: status bar, dashboard, summary and craft-time edge give the same state, weeks and floors', async () => {
    const edge = await s.cli('edge', '--json');
    expect(s.snap.edge.state).toBe(edge.state);
    expect(s.bar.tooltip).toContain(`Technical edge: **${edge.state}**`);
    expect(s.dashboard.edge.state).toBe(edge.state);
    expect(s.dashboard.edge.headline).toBe(edge.headline);
    expect(edgeHeadline(s.snap.edge)).toBe(edge.headline);
    const weeks = s.snap.edge.weeks.map((w) => ({ week: w.week, handsOnMinutes: toMinutes(w.handsOnMs), belowFloor: w.belowFloor, counted: w.counted }));
    expect(edge.weeks.map((w: { week: string; handsOnMinutes: number; belowFloor: boolean; counted: boolean }) => ({ week: w.week, handsOnMinutes: w.handsOnMinutes, belowFloor: w.belowFloor, counted: w.counted }))).toEqual(weeks);
    // The dashboard's complete weeks are judged by the same rule as the edge engine's.
    for (const dw of s.dashboard.weeks.filter((w) => w.complete)) {
      const ew = s.snap.edge.weeks.find((w) => w.week === dw.week);
      if (!ew) continue;
      expect([dw.week, dw.handsOnMs, dw.floorHandsOnMs, dw.belowFloor]).toEqual([ew.week, ew.handsOnMs, ew.floorHandsOnMs, ew.belowFloor]);
    }
  });

  test('days: dashboard, summary json and craft-time days agree day by day', async () => {
    const month = s.month;
    const days = await s.cli('days', '--from', `${month}-01`, '--to', `${month}-28`, '--json');
    const dash = new Map(s.dashboard.days.map((d) => [d.date, d]));
    const sum = new Map((s.summary.days as { date: string; handsOnMinutes: number; meetingMinutes: number | null; craftRatio: number | null }[]).map((d) => [d.date, d]));
    let compared = 0;
    for (const d of days.days as { date: string; handsOnMinutes: number; meetingMinutes: number; craftRatio: number | null; status: string }[]) {
      const sd = sum.get(d.date)!;
      expect([d.date, sd.handsOnMinutes, sd.craftRatio]).toEqual([d.date, d.handsOnMinutes, d.craftRatio]);
      const dd = dash.get(d.date);
      if (dd) {
        expect([d.date, toMinutes(dd.handsOnMs), dd.craftRatio === null ? null : Math.round(dd.craftRatio * 10_000) / 10_000]).toEqual([d.date, d.handsOnMinutes, d.craftRatio]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  test('month: craft-time summary --format json equals the extension summary; its weeks equal the dashboard rule', async () => {
    const cliSummary = await s.cli('summary', '--month', s.month, '--format', 'json');
    const strip = (x: Record<string, unknown>) => ({ ...x, generated: undefined });
    expect(strip(cliSummary)).toEqual(strip(s.summary));
    expect(cliSummary.role).toBe(c.role);
  });

  test('team contribution: built from the same judged weeks (45-minute deep work, role default floor)', async () => {
    const edgeAsOf = await s.cli('edge', '--as-of', contributionAsOf(s.month, s.today), '--json');
    const byWeek = new Map((edgeAsOf.weeks as { week: string; handsOnMinutes: number; meetingMinutes: number }[]).map((w) => [w.week, w]));
    if (!c.calendar && !c.manualMeetings) {
      // No meeting data: every week is left out rather than shared with a craft ratio that would read 100 %.
      expect(s.contribution.weeks).toEqual([]);
      return;
    }
    expect(s.contribution.weeks.length).toBeGreaterThan(0);
    for (const w of s.contribution.weeks) {
      const e = byWeek.get(w.week)!;
      expect([w.week, Math.round(w.handsOnMinutes * 100) / 100]).toEqual([w.week, e.handsOnMinutes]);
      expect(Math.round(w.meetingMinutes * 100) / 100).toBe(e.meetingMinutes);
    }
    expect(s.contribution.role).toBe(c.role);
    expect(monthOf(s.month + '-01')).toBe(s.month);
  });
});
