// What the dashboard and the summary command need from the rest of the host: a model for a month, built
// from the shared history and the settings. Kept here so activate() only wires.
import * as vscode from 'vscode';
import { buildDashboardModel, dashboardMeasureRange } from '../core/dashboardModel';
import { localDate } from '../core/zone';
import type { CalendarService } from './calendarService';
import type { ConfigWatcher } from './config';
import type { DashboardDeps } from './dashboardPanel';
import type { HistoryService } from './historyService';
import { lazyReports } from './lazyReports';
import type { SummaryCommandDeps } from './summaryCommand';
import type { Tracker } from './tracker';

export interface ViewSources {
  readonly history: HistoryService;
  readonly calendars: CalendarService;
  readonly config: ConfigWatcher;
  readonly tracker: Tracker;
  readonly onDidChangeData: (listener: () => void) => vscode.Disposable;
}

export function dashboardDeps(s: ViewSources): DashboardDeps {
  return {
    onDidChangeData: (listener: () => void) => vscode.Disposable.from(s.onDidChangeData(listener), s.tracker.onDidFlush(() => listener())),
    loadModel: async (month: string | undefined) => {
      const cfg = s.config.value, now = Date.now(), today = localDate(now, cfg.timeZone);
      const range = month ? ({ kind: 'month', month } as const) : ({ kind: 'last12Weeks' } as const);
      const r = dashboardMeasureRange(range, today);
      const h = await s.history.load(r.from, r.to, { now, timeZone: cfg.timeZone, idleMinutes: cfg.idleMinutes, pending: s.tracker.pending() });
      return buildDashboardModel({
        range, today, segments: h.segments, meetings: h.meetings, timeOff: h.timeOff, timeZone: cfg.timeZone,
        role: cfg.role, floor: cfg.floor, workingHours: cfg.workingHours, deepWorkMinutes: cfg.deepWorkMinutes, meetingCoverage: h.meetingCoverage,
        trackingStart: h.trackingStart, includeWorkspaces: cfg.dashboardShowWorkspaces, workspaceNames: h.workspaceNames, calendars: await s.calendars.health(),
      });
    },
  };
}

export function summaryDeps(s: ViewSources): SummaryCommandDeps {
  return {
    today: () => localDate(Date.now(), s.config.value.timeZone),
    buildSummary: async (month, { includeWorkspaces }) => {
      const { assembleMonthlySummary, summaryAsOf, summaryRange } = lazyReports();
      const cfg = s.config.value, now = Date.now(), today = localDate(now, cfg.timeZone);
      const asOf = summaryAsOf(month, today), r = summaryRange(month, asOf);
      const h = await s.history.load(r.from, r.to, { now, timeZone: cfg.timeZone, idleMinutes: cfg.idleMinutes, pending: s.tracker.pending() });
      return assembleMonthlySummary({
        month, asOf, segments: h.segments, meetings: h.meetings, timeOff: h.timeOff, timeZone: cfg.timeZone,
        role: cfg.role, floor: cfg.floor, workingHours: cfg.workingHours, deepWorkMinutes: cfg.deepWorkMinutes, meetingCoverage: h.meetingCoverage,
        trackingStart: h.trackingStart, includeWorkspaces, workspaceNames: h.workspaceNames,
      });
    },
  };
}
