// Commands that control tracking and the user's data: pause/resume, exclude a workspace, open the data
// folder, delete everything, and the "show today" view behind the status bar.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { formatDuration } from '../views/labels';
import { ROLES, ROLE_INFO } from '../core/roles';
import { CATEGORIES } from '../core/types';
import { writeExport } from '../store/exporter';
import { ImportError, importFile, type ImportKind } from '../store/importer';
import { Commands } from './commandIds';
import type { ControlsHolder } from './controls';
import type { CraftModel } from './model';
import type { Tracker } from './tracker';
import { currentWorkspace } from './workspaces';

export interface DataCommandDeps {
  readonly dataDir: string;
  readonly controls: ControlsHolder;
  readonly tracker: Tracker;
  readonly model: CraftModel;
}

export function registerDataCommands(deps: DataCommandDeps): vscode.Disposable {
  const { dataDir, controls, tracker, model } = deps;
  const reg = vscode.commands.registerCommand;
  return vscode.Disposable.from(
    reg(Commands.pause, async () => {
      await tracker.recordPause();
      if (!(await controls.update((c) => ({ ...c, paused: true })))) return;
      void vscode.window.showInformationMessage('Craft Time: tracking paused on this machine. Resume from the status bar or the Command Palette.');
    }),
    reg(Commands.resume, async () => {
      if (!(await controls.update((c) => ({ ...c, paused: false })))) return;
      void vscode.window.showInformationMessage('Craft Time: tracking resumed.');
    }),
    reg(Commands.excludeWorkspace, async () => {
      const ws = currentWorkspace();
      if (!ws.id) {
        void vscode.window.showInformationMessage('Craft Time: open a folder first; there is no workspace to exclude.');
        return;
      }
      if (!(await controls.update((c) => ({ ...c, excludedWorkspaces: [...c.excludedWorkspaces.filter((w) => w.id !== ws.id), { id: ws.id, name: ws.name }] })))) return;
      void vscode.window.showInformationMessage(`Craft Time: "${ws.name}" is no longer tracked. Time already recorded stays until you delete your data.`);
    }),
    reg(Commands.includeWorkspace, async () => {
      const excluded = controls.value.excludedWorkspaces;
      if (excluded.length === 0) {
        void vscode.window.showInformationMessage('Craft Time: no workspace is excluded.');
        return;
      }
      const pick = await vscode.window.showQuickPick(excluded.map((w) => ({ label: w.name || w.id, id: w.id })), { placeHolder: 'Track this workspace again' });
      if (!pick) return;
      await controls.update((c) => ({ ...c, excludedWorkspaces: c.excludedWorkspaces.filter((w) => w.id !== pick.id) }));
    }),
    reg(Commands.openDataFolder, async () => {
      await fs.promises.mkdir(dataDir, { recursive: true, mode: 0o700 });
      const uri = vscode.Uri.file(dataDir);
      // Reveal works on a desktop; in a remote or web window show the path instead.
      if (vscode.env.remoteName === undefined) await vscode.commands.executeCommand('revealFileInOS', uri);
      else {
        const copy = await vscode.window.showInformationMessage(`Craft Time data folder: ${dataDir}`, 'Copy Path');
        if (copy) await vscode.env.clipboard.writeText(dataDir);
      }
    }),
    reg(Commands.exportData, async () => {
      await tracker.flush();
      const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file('craft-time-export.json'), filters: { JSON: ['json'] }, title: 'Export all Craft Time data' });
      if (!uri) return;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Craft Time: exporting…' }, async () => {
        try {
          const doc = await writeExport(dataDir, uri.fsPath, Date.now());
          void vscode.window.showInformationMessage(`Craft Time: exported ${doc.activity.length} activity source(s) to ${uri.fsPath}.`);
        } catch (error) {
          void vscode.window.showErrorMessage(`Craft Time: export failed: ${(error as Error).message}`);
        }
      });
    }),
    reg(Commands.importData, async (kindArg?: ImportKind, fileArg?: string) => {
      const kind = kindArg ?? (await vscode.window.showQuickPick(
        [
          { label: 'WakaTime', id: 'wakatime' as const, detail: 'The heartbeats export (Settings > Account > Export on wakatime.com), a .json file' },
          { label: 'ActivityWatch', id: 'activitywatch' as const, detail: 'An export of the aw-watcher-vscode bucket (app.editor.activity), a .json file' },
        ],
        { title: 'Import history', placeHolder: 'Which tracker does the file come from?' },
      ))?.id;
      if (!kind) return;
      const file = fileArg ?? (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, title: 'Choose the export file' }))?.[0]?.fsPath;
      if (!file) return;
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Craft Time: importing…' }, async () => {
        try {
          const report = await importFile(dataDir, kind, file, { now: Date.now() });
          model.invalidate();
          await model.refresh();
          const what = report.alreadyImported ? 'was already imported; nothing changed' : `imported ${report.spansWritten} spans over ${report.daysCovered} day(s)${report.firstDay ? ` (${report.firstDay} to ${report.lastDay})` : ''}`;
          const extra = report.skipped ? `; ${report.skipped} record(s) skipped` : '';
          void vscode.window.showInformationMessage(`Craft Time: ${what}${extra}. File paths were not stored.`);
          return report;
        } catch (error) {
          const message = error instanceof ImportError ? error.message : `import failed: ${(error as Error).message}`;
          void vscode.window.showErrorMessage(`Craft Time: ${message}`);
          return undefined;
        }
      });
    }),
    reg(Commands.deleteAllData, async () => {
      const yes = 'Delete All Data';
      const answer = await vscode.window.showWarningMessage(
        'Delete all Craft Time data on this machine?',
        { modal: true, detail: `Every recorded heartbeat, imported history and setting file in ${dataDir} is removed. This cannot be undone; export your data first if you may want it back.` },
        yes,
      );
      if (answer !== yes) return false;
      tracker.drop();
      await fs.promises.rm(dataDir, { recursive: true, force: true });
      await fs.promises.mkdir(dataDir, { recursive: true, mode: 0o700 });
      await controls.reload();
      model.forgetOwn();
      await model.refresh();
      void vscode.window.showInformationMessage('Craft Time: all data deleted.');
      return true;
    }),
    reg(Commands.chooseRole, async () => {
      const pick = await vscode.window.showQuickPick(
        ROLES.map((r) => ({ label: r, description: `${ROLE_INFO[r].floor.weeklyHandsOnHours} h/week · ${Math.round(ROLE_INFO[r].floor.craftRatio * 100)} % craft ratio`, detail: ROLE_INFO[r].reasoning })),
        { title: 'Craft Time: your role', placeHolder: 'Sets your weekly hands-on and craft-ratio floors', matchOnDetail: false },
      );
      if (pick) await vscode.workspace.getConfiguration('craftTime').update('role', pick.label, vscode.ConfigurationTarget.Global);
    }),
    reg(Commands.showToday, async () => {
      const t = (await model.refresh()).today;
      const items: vscode.QuickPickItem[] = [
        { label: `$(code) Hands-on today: ${formatDuration(t.today.handsOnMs)}`, description: t.date },
        ...CATEGORIES.filter((c) => t.today.byCategory[c] > 0).map((c) => ({ label: `    ${c}`, description: formatDuration(t.today.byCategory[c]) })),
        { label: '', kind: vscode.QuickPickItemKind.Separator },
        ...t.week.map((d) => ({ label: `$(calendar) ${d.date}`, description: formatDuration(d.handsOnMs) })),
        { label: `This week: ${formatDuration(t.weekHandsOnMs)}`, kind: vscode.QuickPickItemKind.Default },
      ];
      await vscode.window.showQuickPick(items, { title: 'Craft Time: today and this week', placeHolder: 'Hands-on time per category and per day' });
    }),
  );
}
