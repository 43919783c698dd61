// Activation wires the adapters together and does no work: history is read on first render.
import * as vscode from 'vscode';
import { CalendarService } from './host/calendarService';
import { ConfigWatcher } from './host/config';
import { SharedSettings } from './host/sharedSettings';
import { dataFolderFor, prepareDataFolder, watchDataFolderSetting } from './host/dataFolder';
import { installCommand, refreshInstalledCommand } from './host/installCommand';
import { ContextKeys } from './host/contextKeys';
import { ControlsHolder } from './host/controls';
import { DashboardPanel, OPEN_DASHBOARD_COMMAND } from './host/dashboardPanel';
import { registerDataCommands } from './host/dataCommands';
import { EdgeWarnings } from './host/edgeWarnings';
import { registerMeetingCommands } from './host/meetingCommands';
import { registerCorrectionCommand } from './host/correctionCommand';
import { ProblemReporter } from './host/problems';
import { StatusBarController } from './host/statusBar';
import { Commands } from './host/commandIds';
import { CraftModel } from './host/model';
import { lazyReports } from './host/lazyReports';
import type { TeamFlow } from './host/teamCommands';
import { hasMembershipFile as hasMembership } from './store/teamKeys';
import { registerLog } from './host/log';
import { Tracker } from './host/tracker';
import { editorProgram } from './core/programs';
import { dashboardDeps, summaryDeps } from './host/viewDeps';

let tracker: Tracker | undefined;

export function activate(context: vscode.ExtensionContext) {
  const dataDir = dataFolderFor(); // one folder for every build (store/dataDir.ts), not context.globalStorageUri
  const problems = new ProblemReporter();
  const shared = new SharedSettings(context, dataDir, problems); // the machine-wide settings file
  const config = new ConfigWatcher(shared);
  const controls = new ControlsHolder(dataDir, problems);
  const calendars = new CalendarService(context, dataDir, config, problems);
  const dataChanged = new vscode.EventEmitter<void>();
  tracker = new Tracker(dataDir, controls, problems, {
    program: editorProgram(vscode.env.uriScheme, vscode.env.appName),
    readClipboard: () => config.value.readClipboard,
  });
  const onDidChangeData = (listener: () => void) => vscode.Disposable.from(calendars.onDidChange(listener), dataChanged.event(listener));
  const model = new CraftModel(dataDir, tracker, config, (fromMs, toMs) => calendars.meetingsBetween(fromMs, toMs), (l) => onDidChangeData(l));
  let teamFlow: TeamFlow | undefined;
  const team = () => (teamFlow ??= new (lazyReports().TeamFlow)(dataDir, model, config, problems));
  const views = { model, calendars, config, tracker, onDidChangeData };
  const dashboard = dashboardDeps(views), summary = summaryDeps(views);
  const statusBar = new StatusBarController(model, config, controls, problems);
  const keys = new ContextKeys(dataDir, controls, calendars, onDidChangeData);
  const thenRefreshKeys = <T>(work: Promise<T>) => work.finally(() => keys.refresh());
  context.subscriptions.push(
    registerLog(), problems, shared, config, controls, calendars, dataChanged, tracker, model, statusBar, keys,
    registerDataCommands({ dataDir, controls, tracker, model }),
    registerMeetingCommands({ dataDir, calendars, config, changed: () => dataChanged.fire() }),
    registerCorrectionCommand(Commands.markOwnWork, dataDir, config, problems, () => dataChanged.fire()),
    new EdgeWarnings(dataDir, model, config, problems),
    vscode.commands.registerCommand(Commands.teamSetUp, () => thenRefreshKeys(team().setUp())),
    vscode.commands.registerCommand(Commands.teamJoin, () => thenRefreshKeys(team().join())),
    vscode.commands.registerCommand(Commands.teamRoster, (folder?: string) => team().showRoster(folder)),
    vscode.commands.registerCommand(Commands.teamAdmit, (folder?: string, fingerprints?: string) => team().admit(folder, fingerprints)),
    vscode.commands.registerCommand(Commands.teamContribute, (month?: string) => team().reviewAndSend(month)),
    vscode.commands.registerCommand(Commands.teamLeave, () => thenRefreshKeys(team().leave())),
    vscode.commands.registerCommand(Commands.teamReport, (folder?: string, month?: string) => team().report(folder, month)),
    vscode.commands.registerCommand(OPEN_DASHBOARD_COMMAND, (month?: string) => void DashboardPanel.show(context, dashboard, typeof month === 'string' ? month : undefined)),
    DashboardPanel.registerSerializer(context, dashboard),
    watchDataFolderSetting(dataDir),
    vscode.commands.registerCommand(Commands.installCommand, () => installCommand(context)),
    vscode.commands.registerCommand(Commands.generateSummary, (arg?: unknown) => lazyReports().generateSummary(summary, arg)),
  );
  for (const p of config.value.problems) problems.report('config', p);
  context.subscriptions.push(config.onDidChange((c) => (c.problems.length ? problems.report('config', c.problems.join(' ')) : problems.clear('config'))));
  // Deferred so activation itself stays cheap.
  // Old per-editor folders move in first (they may hold the controls and history this window needs).
  setTimeout(() => void prepareDataFolder(context, dataDir, problems).then(() => void refreshInstalledCommand(context)).then(() => shared.start()).then(() => controls.reload()).then(() => model.refresh()).then(() => void keys.refresh()).then(() => calendars.start()).then(() => (hasMembership(dataDir) ? team().contributeIfDue() : undefined)), 0);
  // A small API for integration tests and for other extensions that want to flush before reading the files.
  return {
    dataDir,
    program: editorProgram(vscode.env.uriScheme, vscode.env.appName),
    source: tracker.source,
    flush: () => tracker?.flush(),
    render: () => model.refresh().then(() => undefined),
    stats: () => ({
      heartbeats: tracker?.heartbeats ?? 0, assistedHeartbeats: tracker?.assistedHeartbeats ?? 0,
      anomalies: tracker?.anomalies ?? 0, pending: tracker?.pending().length ?? 0, rules: Object.fromEntries(tracker?.rules ?? []),
    }),
  };
}

export async function deactivate(): Promise<void> {
  // Synchronously first: the host disposes our subscriptions as soon as this returns a promise, and
  // exits within seconds whatever the promise does. Then wait for any asynchronous flush still running.
  tracker?.flushSync();
  await tracker?.flush();
}
