// "Install the craft-time Command": the launcher (store/launcher.ts) on the user's PATH, kept pointing at
// the current copy of the extension at every start once installed.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isOnPath, launcherState, planLauncher, writeLauncher, type LauncherPlan } from '../store/launcher';

function plan(context: vscode.ExtensionContext): LauncherPlan {
  return planLauncher({
    platform: process.platform,
    home: os.homedir(),
    localAppData: process.env.LOCALAPPDATA,
    nodeExe: process.execPath,
    cliJs: path.join(context.extensionPath, 'dist', 'cli.js'),
  });
}

export async function installCommand(context: vscode.ExtensionContext): Promise<string | undefined> {
  const p = plan(context);
  const state = launcherState(p);
  if (state === 'foreign') {
    const replace = vscode.l10n.t('Replace It');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists and was not written by Craft Time.', p.file), { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  try {
    await writeLauncher(p);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not write {0}: {1}', p.file, (error as Error).message));
    return undefined;
  }
  const hint = isOnPath(p.binDir, process.env.PATH, process.platform)
    ? vscode.l10n.t('Open a new terminal and run `craft-time --help`.')
    : process.platform === 'win32'
      ? vscode.l10n.t('Add {0} to your PATH, then open a new terminal.', p.binDir)
      : vscode.l10n.t("{0} is not on your PATH: add `{1}` to your shell's startup file.", p.binDir, 'export PATH="$HOME/.local/bin:$PATH"');
  void vscode.window.showInformationMessage(vscode.l10n.t('Installed the craft-time command as {0}. {1}', p.file, hint));
  return p.file;
}

/** At start: an installed launcher that points at an older copy of the extension is brought up to date. */
export async function refreshInstalledCommand(context: vscode.ExtensionContext): Promise<void> {
  const p = plan(context);
  if (launcherState(p) === 'ours') await writeLauncher(p).catch(() => undefined);
}
