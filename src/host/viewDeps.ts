// What the dashboard and the summary command need from the rest of the host: a model for a month, built
// from the one model (host/model.ts) and the settings. Kept here so activate() only wires.
import * as vscode from 'vscode';
import { localDate } from '../core/zone';
import { buildDashboardModel, dashboardMeasureRange } from '../views/dashboardModel';
import type { CalendarService } from './calendarService';
import type { ConfigWatcher } from './config';
import type { DashboardDeps } from './dashboardPanel';
import { lazyReports } from './lazyReports';
import { hostLocalizer } from './localizer';
import type { CraftModel } from './model';
import type { SummaryCommandDeps } from './summaryCommand';
import type { Tracker } from './tracker';

export interface ViewSources {
  readonly model: CraftModel;
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
      const { history, inputs } = await s.model.load(r.from, r.to, now);
      return buildDashboardModel(inputs, {
        range, today, includeWorkspaces: cfg.dashboardShowWorkspaces, workspaceNames: history.workspaceNames, calendars: await s.calendars.health(), changedLines: history.changedLines,
        locale: hostLocalizer(),
      });
    },
  };
}

export function summaryDeps(s: ViewSources): SummaryCommandDeps {
  return {
    today: () => localDate(Date.now(), s.config.value.timeZone),
    buildSummary: async (month, { includeWorkspaces, locale }) => {
      const { monthlySummary, summaryAsOf, summaryRange } = lazyReports();
      const cfg = s.config.value, now = Date.now(), today = localDate(now, cfg.timeZone);
      const asOf = summaryAsOf(month, today), r = summaryRange(month, asOf);
      const { history, inputs } = await s.model.load(r.from, r.to, now);
      return monthlySummary(inputs, month, { asOf, includeWorkspaces, workspaceNames: history.workspaceNames }, locale);
    },
  };
}
