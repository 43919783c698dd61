// Activation wires the adapters together and does no work: history is read on first render.
import * as vscode from 'vscode';
import { CalendarService } from './host/calendarService';
import { ConfigWatcher } from './host/config';
import { ControlsHolder } from './host/controls';
import { DashboardPanel, OPEN_DASHBOARD_COMMAND } from './host/dashboardPanel';
import { registerDataCommands } from './host/dataCommands';
import { EdgeWarnings } from './host/edgeWarnings';
import { HistoryService } from './host/historyService';
import { registerMeetingCommands } from './host/meetingCommands';
import { registerCorrectionCommand } from './host/correctionCommand';
import { ProblemReporter } from './host/problems';
import { StatusBarController } from './host/statusBar';
import { Commands } from './host/commandIds';
import { lazyReports } from './host/lazyReports';
import { hasMembership, type TeamFlow } from './host/teamCommands';
import { Tracker } from './host/tracker';
import { programName } from './core/program';
import { dashboardDeps, summaryDeps } from './host/viewDeps';

let tracker: Tracker | undefined;

export function activate(context: vscode.ExtensionContext) {
  const dataDir = context.globalStorageUri.fsPath;
  const problems = new ProblemReporter();
  const config = new ConfigWatcher();
  const controls = new ControlsHolder(dataDir, problems);
  const calendars = new CalendarService(context, dataDir, config, problems);
  const history = new HistoryService(dataDir, calendars);
  const dataChanged = new vscode.EventEmitter<void>();
  tracker = new Tracker(dataDir, controls, problems, {
    program: programName(vscode.env.appName, vscode.env.uriScheme),
    readClipboard: () => config.value.readClipboard,
  });
  const onDidChangeData = (listener: () => void) => vscode.Disposable.from(calendars.onDidChange(listener), dataChanged.event(listener));
  let teamFlow: TeamFlow | undefined;
  const team = () => (teamFlow ??= new (lazyReports().TeamFlow)(dataDir, history, config, problems));
  const views = { history, calendars, config, tracker, onDidChangeData };
  const dashboard = dashboardDeps(views), summary = summaryDeps(views);
  const statusBar = new StatusBarController(history, tracker, config, controls, problems, onDidChangeData);
  context.subscriptions.push(
    problems, config, controls, calendars, dataChanged, tracker, statusBar,
    registerDataCommands({ dataDir, controls, tracker, statusBar }),
    registerMeetingCommands({ dataDir, calendars, config, changed: () => dataChanged.fire() }),
    registerCorrectionCommand(Commands.markOwnWork, dataDir, config, problems, () => dataChanged.fire()),
    new EdgeWarnings(dataDir, statusBar, history, config, problems),
    vscode.commands.registerCommand(Commands.teamJoin, () => team().join()),
    vscode.commands.registerCommand(Commands.teamContribute, (month?: string) => team().contributeNow(month)),
    vscode.commands.registerCommand(Commands.teamLeave, () => team().leave()),
    vscode.commands.registerCommand(Commands.teamReport, (folder?: string, month?: string) => team().report(folder, month)),
    vscode.commands.registerCommand(OPEN_DASHBOARD_COMMAND, (month?: string) => void DashboardPanel.show(context, dashboard, typeof month === 'string' ? month : undefined)),
    DashboardPanel.registerSerializer(context, dashboard),
    vscode.commands.registerCommand(Commands.generateSummary, (arg?: unknown) => lazyReports().generateSummary(summary, arg)),
  );
  for (const p of config.value.problems) problems.report('config', p);
  context.subscriptions.push(config.onDidChange((c) => (c.problems.length ? problems.report('config', c.problems.join(' ')) : problems.clear('config'))));
  // Deferred so activation itself stays cheap.
  setTimeout(() => void controls.reload().then(() => statusBar.render()).then(() => calendars.start()).then(() => (hasMembership(dataDir) ? team().contributeIfDue() : undefined)), 0);
  // A small API for integration tests and for other extensions that want to flush before reading the files.
  return {
    dataDir,
    source: tracker.source,
    flush: () => tracker?.flush(),
    render: () => statusBar.render(),
    stats: () => ({
      heartbeats: tracker?.heartbeats ?? 0, assistedHeartbeats: tracker?.assistedHeartbeats ?? 0,
      anomalies: tracker?.anomalies ?? 0, pending: tracker?.pending().length ?? 0, rules: Object.fromEntries(tracker?.rules ?? []),
    }),
  };
}

export async function deactivate(): Promise<void> {
  await tracker?.flush();
}
