// Commands that control tracking and the user's data: pause/resume, exclude a workspace, open the data
// folder, delete everything, and the "show today" view behind the status bar.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { categoryName, durationIn, percentIn } from '../shared/locale';
import { hostLocalizer, problemText } from './localizer';
import { ROLES, ROLE_INFO } from '../core/roles';
import { CATEGORIES } from '../core/types';
import { writeExport } from '../store/exporter';
import { ImportError, importFile, type ImportKind } from '../store/importer';
import { Commands } from './commandIds';
import type { ControlsHolder } from './controls';
import type { CraftModel } from './model';
import type { Tracker } from './tracker';
import { currentWorkspace } from './workspaces';
import { roleReasoning } from '../views/roleText';

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
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: tracking paused on this machine. Resume from the status bar or the Command Palette.'));
    }),
    reg(Commands.resume, async () => {
      if (!(await controls.update((c) => ({ ...c, paused: false })))) return;
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: tracking resumed.'));
    }),
    reg(Commands.excludeWorkspace, async () => {
      const ws = currentWorkspace();
      if (!ws.id) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: open a folder first; there is no workspace to exclude.'));
        return;
      }
      if (!(await controls.update((c) => ({ ...c, excludedWorkspaces: [...c.excludedWorkspaces.filter((w) => w.id !== ws.id), { id: ws.id, name: ws.name }] })))) return;
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: "{0}" is no longer tracked. Time already recorded stays until you delete your data.', ws.name));
    }),
    reg(Commands.includeWorkspace, async () => {
      const excluded = controls.value.excludedWorkspaces;
      if (excluded.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: no workspace is excluded.'));
        return;
      }
      const pick = await vscode.window.showQuickPick(excluded.map((w) => ({ label: w.name || w.id, id: w.id })), { placeHolder: vscode.l10n.t('Track this workspace again') });
      if (!pick) return;
      await controls.update((c) => ({ ...c, excludedWorkspaces: c.excludedWorkspaces.filter((w) => w.id !== pick.id) }));
    }),
    reg(Commands.openDataFolder, async () => {
      await fs.promises.mkdir(dataDir, { recursive: true, mode: 0o700 });
      const uri = vscode.Uri.file(dataDir);
      // Reveal works on a desktop; in a remote or web window show the path instead.
      if (vscode.env.remoteName === undefined) await vscode.commands.executeCommand('revealFileInOS', uri);
      else {
        const copyPath = vscode.l10n.t('Copy Path');
        const copy = await vscode.window.showInformationMessage(vscode.l10n.t('Craft Time data folder: {0}', dataDir), copyPath);
        if (copy) await vscode.env.clipboard.writeText(dataDir);
      }
    }),
    reg(Commands.exportData, async () => {
      await tracker.flush();
      const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file('craft-time-export.json'), filters: { JSON: ['json'] }, title: vscode.l10n.t('Export all Craft Time data') });
      if (!uri) return;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Craft Time: exporting…') }, async () => {
        try {
          const doc = await writeExport(dataDir, uri.fsPath, Date.now());
          void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: exported {0} activity source(s) to {1}.', doc.activity.length, uri.fsPath));
        } catch (error) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Craft Time: export failed: {0}', problemText((error as Error).message)));
        }
      });
    }),
    reg(Commands.importData, async (kindArg?: ImportKind, fileArg?: string) => {
      const kind = kindArg ?? (await vscode.window.showQuickPick(
        [
          { label: 'WakaTime', id: 'wakatime' as const, detail: vscode.l10n.t('The heartbeats export (Settings > Account > Export on wakatime.com), a .json file') },
          { label: 'ActivityWatch', id: 'activitywatch' as const, detail: vscode.l10n.t('An export of the aw-watcher-vscode bucket (app.editor.activity), a .json file') },
        ],
        { title: vscode.l10n.t('Import history'), placeHolder: vscode.l10n.t('Which tracker does the file come from?') },
      ))?.id;
      if (!kind) return;
      const file = fileArg ?? (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, title: vscode.l10n.t('Choose the export file') }))?.[0]?.fsPath;
      if (!file) return;
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Craft Time: importing…') }, async () => {
        try {
          const report = await importFile(dataDir, kind, file, { now: Date.now() });
          model.invalidate();
          await model.refresh();
          const what = report.alreadyImported
            ? vscode.l10n.t('was already imported; nothing changed')
            : report.firstDay
              ? vscode.l10n.t('imported {0} spans over {1} day(s) ({2} to {3})', report.spansWritten, report.daysCovered, report.firstDay, report.lastDay ?? '')
              : vscode.l10n.t('imported {0} spans over {1} day(s)', report.spansWritten, report.daysCovered);
          const extra = report.skipped ? vscode.l10n.t('; {0} record(s) skipped', report.skipped) : '';
          void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: {0}{1}. File paths were not stored.', what, extra));
          return report;
        } catch (error) {
          const message = error instanceof ImportError ? problemText(error.message) : vscode.l10n.t('import failed: {0}', problemText((error as Error).message));
          void vscode.window.showErrorMessage(vscode.l10n.t('Craft Time: {0}', message));
          return undefined;
        }
      });
    }),
    reg(Commands.deleteAllData, async () => {
      const yes = vscode.l10n.t('Delete All Data');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete all Craft Time data on this machine?'),
        { modal: true, detail: vscode.l10n.t('Every recorded heartbeat, imported history and setting file in {0} is removed. This cannot be undone; export your data first if you may want it back.', dataDir) },
        yes,
      );
      if (answer !== yes) return false;
      tracker.drop();
      await fs.promises.rm(dataDir, { recursive: true, force: true });
      await fs.promises.mkdir(dataDir, { recursive: true, mode: 0o700 });
      await controls.reload();
      model.forgetOwn();
      await model.refresh();
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: all data deleted.'));
      return true;
    }),
    reg(Commands.chooseRole, async () => {
      const pick = await vscode.window.showQuickPick(
        ROLES.map((r) => ({ label: r, description: vscode.l10n.t('{0} h/week · {1} craft ratio', ROLE_INFO[r].floor.weeklyHandsOnHours, percentIn(hostLocalizer(), ROLE_INFO[r].floor.craftRatio)), detail: roleReasoning(r, hostLocalizer()) })),
        { title: vscode.l10n.t('Craft Time: your role'), placeHolder: vscode.l10n.t('Sets your weekly hands-on and craft-ratio floors'), matchOnDetail: false },
      );
      if (pick) await vscode.workspace.getConfiguration('craftTime').update('role', pick.label, vscode.ConfigurationTarget.Global);
    }),
    reg(Commands.showToday, async () => {
      const t = (await model.refresh()).today;
      const l = hostLocalizer();
      const formatDuration = (ms: number) => durationIn(l, ms);
      const items: vscode.QuickPickItem[] = [
        { label: `$(code) ${vscode.l10n.t('Hands-on today: {0}', formatDuration(t.today.handsOnMs))}`, description: t.date },
        ...CATEGORIES.filter((c) => t.today.byCategory[c] > 0).map((c) => ({ label: `    ${categoryName(l, c)}`, description: formatDuration(t.today.byCategory[c]) })),
        { label: '', kind: vscode.QuickPickItemKind.Separator },
        ...t.week.map((d) => ({ label: `$(calendar) ${d.date}`, description: formatDuration(d.handsOnMs) })),
        { label: vscode.l10n.t('This week: {0}', formatDuration(t.weekHandsOnMs)), kind: vscode.QuickPickItemKind.Default },
      ];
      await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Craft Time: today and this week'), placeHolder: vscode.l10n.t('Hands-on time per category and per day') });
    }),
  );
}
