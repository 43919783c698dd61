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
