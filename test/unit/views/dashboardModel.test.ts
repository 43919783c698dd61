// The dashboard view model: ranges, totals equal to the measures, floors, privacy of workspace names.
import { dashboardOf } from '../builders';
import { describe, expect, test } from 'vitest';
import { dashboardDates } from '../../../src/views/dashboardModel';
import { floorFor } from '../../../src/core/roles';
import { isToHost } from '../../../src/shared/protocol';
import { HOUR, aMeeting, aSegment, at, weekdays } from '../builders';

const base = { timeZone: 'UTC', role: 'staff' as const, floor: floorFor('staff'), meetingCoverage: 'full' as const };

describe('dashboard model', () => {
  test('ranges: last 12 weeks ends today and starts on a Monday; a month stops at today', () => {
    expect(dashboardDates({ kind: 'last12Weeks' }, '2026-03-18')).toEqual({ from: '2025-12-29', to: '2026-03-18' });
    expect(dashboardDates({ kind: 'month', month: '2026-02' }, '2026-03-18')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(dashboardDates({ kind: 'month', month: '2026-03' }, '2026-03-18')).toEqual({ from: '2026-03-01', to: '2026-03-18' });
  });

  test('totals, weeks against the pro-rated floor, heat map and breakdowns', () => {
    const dates = weekdays('2026-02-02', '2026-02-27');
    const segments = dates.map((d) => aSegment({ start: at(d, '09:00'), end: at(d, '12:00'), workspaceId: 'w', language: 'go' }));
    const meetings = dates.map((d) => aMeeting({ start: at(d, '14:00'), end: at(d, '15:00') }));
    const m = dashboardOf({ ...base, range: { kind: 'month', month: '2026-02' }, today: '2026-03-18', segments, meetings, workspaceNames: new Map([['w', 'secret-client']]) });
    expect(m.title).toBe('February 2026');
    expect(m.totals).toMatchObject({ handsOnMs: 60 * HOUR, meetingMs: 20 * HOUR, craftRatio: 0.75, deepWorkBlocks: 20, availableDays: 20 });
    expect(m.weeks.map((w) => [w.week, w.handsOnMs / HOUR, w.floorHandsOnMs / HOUR, w.belowFloor])).toEqual([
      ['2026-W05', 0, 0, false], ['2026-W06', 15, 14, false], ['2026-W07', 15, 14, false], ['2026-W08', 15, 14, false], ['2026-W09', 15, 14, false],
    ]);
    expect(m.heatMap[0][9]).toBe(4 * HOUR); // four Mondays, 09:00-10:00
    expect(m.heatMap[5].every((x) => x === 0)).toBe(true);
    expect(m.breakdown.languages).toEqual([{ label: 'go', ms: 60 * HOUR }]);
    expect(m.breakdown.workspaces).toEqual([]); // names only when asked
    expect(JSON.stringify(m)).not.toContain('secret-client');
    expect(m.months[0]).toBe('2026-03');
    expect(m.months.at(-1)).toBe('2026-02');
    const named = dashboardOf({ ...base, range: { kind: 'month', month: '2026-02' }, today: '2026-03-18', segments, meetings, includeWorkspaces: true, workspaceNames: new Map([['w', 'secret-client']]) });
    expect(named.breakdown.workspaces).toEqual([{ label: 'secret-client', ms: 60 * HOUR }]);
  });

  test('assisted time per day beside hands-on (never inside it), and the weekly share of changed lines the user wrote', () => {
    // Monday 2 and Wednesday 4 March 2026 (ISO week 10): 09:00-11:00 typing each day; an agent edits
    // 14:00-14:30 on Monday and 15:00-16:30 on Wednesday, while nobody types.
    const segments = ['2026-03-02', '2026-03-04'].map((d) => aSegment({ start: at(d, '09:00'), end: at(d, '11:00') }));
    const assisted = [
      { start: at('2026-03-02', '14:00'), end: at('2026-03-02', '14:30'), category: 'assisted' as const, language: 'go', workspaceId: 'w' },
      { start: at('2026-03-04', '15:00'), end: at('2026-03-04', '16:30'), category: 'assisted' as const, language: 'go', workspaceId: 'w' },
    ];
    // Week 10: 30 + 10 lines by hand, 50 + 70 by tools -> 40 / 160 = 25 %. Week 9 (Friday 27 Feb): lines by
    // hand only -> 100 %. Week 11 (Tuesday 10 March): no lines at all -> no share (not 0 %).
    const changedLines = new Map([
      ['2026-02-27', { hands: 12, assisted: 0 }],
      ['2026-03-02', { hands: 30, assisted: 50 }],
      ['2026-03-04', { hands: 10, assisted: 70 }],
    ]);
    const m = dashboardOf({ ...base, range: { kind: 'month', month: '2026-03' }, today: '2026-03-10', segments, assisted, meetings: [], changedLines });
    const day = (date: string) => m.days.find((d) => d.date === date)!;
    expect([day('2026-03-02').handsOnMs / HOUR, day('2026-03-02').assistedMs / HOUR]).toEqual([2, 0.5]);
    expect([day('2026-03-04').handsOnMs / HOUR, day('2026-03-04').assistedMs / HOUR]).toEqual([2, 1.5]);
    expect(day('2026-03-03').assistedMs).toBe(0);
    expect([m.totals.handsOnMs / HOUR, m.totals.assistedMs / HOUR]).toEqual([4, 2]);
    expect(m.breakdown.categories.find((c) => c.label === 'assisted')).toBeUndefined(); // hands-on categories only
    // A month view starts on 1 March: week 9's lines (27 Feb) are outside the view's dates.
    expect(m.weeks.map((w) => [w.week, w.assistedMs / HOUR, w.ownLinesShare])).toEqual([
      ['2026-W09', 0, null], ['2026-W10', 2, 0.25], ['2026-W11', 0, null],
    ]);
    const twelve = dashboardOf({ ...base, range: { kind: 'last12Weeks' }, today: '2026-03-10', segments, assisted, meetings: [], changedLines });
    expect(twelve.weeks.filter((w) => w.ownLinesShare !== null).map((w) => [w.week, w.ownLinesShare])).toEqual([['2026-W09', 1], ['2026-W10', 0.25]]);
  });

  test('no calendar: ratio unknown, not zero', () => {
    const m = dashboardOf({ ...base, meetingCoverage: 'none', range: { kind: 'last12Weeks' }, today: '2026-03-18', segments: [aSegment({ start: at('2026-03-16', '09:00'), end: at('2026-03-16', '10:00') })], meetings: [] });
    expect(m.meetingsCovered).toBe(false);
    expect(m.totals.craftRatio).toBeNull();
    expect(m.days.every((d) => d.craftRatio === null)).toBe(true);
    expect(m.edge.state).toBe('learning');
  });

  test('messages from the webview are checked before the host acts on them', () => {
    expect(isToHost({ type: 'ready' })).toBe(true);
    expect(isToHost({ type: 'selectMonth', month: '2026-02' })).toBe(true);
    expect(isToHost({ type: 'selectMonth', month: '../../etc' })).toBe(false);
    expect(isToHost({ type: 'generateSummary' })).toBe(false);
    expect(isToHost({ type: 'runCommand', command: 'x' })).toBe(false);
    expect(isToHost(null)).toBe(false);
  });
});
