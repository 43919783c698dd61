// The one data folder (store/dataDir.ts) as the extension sees it, and the move of old per-editor folders
// into it at every start (store/migrate.ts).
import * as os from 'node:os';
import * as vscode from 'vscode';
import { ensureDataDir, legacyDataDirs, resolveDataDir } from '../store/dataDir';
import { migrateLegacyFolders } from '../store/migrate';
import type { ProblemReporter } from './problems';

/** `craftTime.dataFolder`, else CRAFT_TIME_DATA_DIR, else the OS default. Read once: a change needs a reload. */
export function dataFolderFor(): string {
  const setting = vscode.workspace.getConfiguration('craftTime').get<string>('dataFolder', '');
  return resolveDataDir(setting, process.env, os.homedir());
}

/** Offers a reload when the data folder setting changes (every part of the window holds the folder). */
export function watchDataFolderSetting(current: string): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (!e.affectsConfiguration('craftTime.dataFolder') || dataFolderFor() === current) return;
    const reload = vscode.l10n.t('Reload Window');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Craft Time will use {0} after a reload. Data already in {1} is not moved.', dataFolderFor(), current), reload);
    if (answer === reload) await vscode.commands.executeCommand('workbench.action.reloadWindow');
  });
}

/**
 * Creates the folder (0700) and moves in what older versions left in each build's global storage, this
 * build's own included. Returns true when something came in (the caller re-renders).
 */
export async function prepareDataFolder(context: vscode.ExtensionContext, dataDir: string, problems: ProblemReporter): Promise<boolean> {
  try {
    await ensureDataDir(dataDir);
    const report = await migrateLegacyFolders(dataDir, [...legacyDataDirs(), context.globalStorageUri.fsPath]);
    if (report.problems.length) problems.report('migration', vscode.l10n.t('Some history could not be moved into {0} yet (tried again at the next start): {1}', dataDir, report.problems.slice(0, 3).join('; ')));
    else problems.clear('migration');
    return report.moved + report.renamed > 0;
  } catch (error) {
    problems.report('migration', vscode.l10n.t('Could not prepare the data folder {0}: {1}', dataDir, (error as Error).message));
    return false;
  }
}
