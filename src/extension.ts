// Activation wires the adapters together and does no work: history is read on first render.
import * as vscode from 'vscode';
import { ActivityService } from './host/activityService';
import { ConfigWatcher } from './host/config';
import { ControlsHolder } from './host/controls';
import { registerDataCommands } from './host/dataCommands';
import { ProblemReporter } from './host/problems';
import { StatusBarController } from './host/statusBar';
import { Tracker } from './host/tracker';

let tracker: Tracker | undefined;

export function activate(context: vscode.ExtensionContext) {
  const dataDir = context.globalStorageUri.fsPath;
  const problems = new ProblemReporter();
  const config = new ConfigWatcher();
  const controls = new ControlsHolder(dataDir, problems);
  tracker = new Tracker(dataDir, controls, problems);
  const statusBar = new StatusBarController(new ActivityService(dataDir), tracker, config, controls, problems);
  context.subscriptions.push(problems, config, controls, tracker, statusBar, registerDataCommands({ dataDir, controls, tracker, statusBar }));
  for (const p of config.value.problems) problems.report('config', p);
  context.subscriptions.push(config.onDidChange((c) => (c.problems.length ? problems.report('config', c.problems.join(' ')) : problems.clear('config'))));
  void controls.reload().then(() => statusBar.render());
  return { dataDir, source: tracker.source, flush: () => tracker?.flush() };
}

export async function deactivate(): Promise<void> {
  await tracker?.flush();
}
