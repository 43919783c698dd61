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
    const replace = 'Replace It';
    const answer = await vscode.window.showWarningMessage(`${p.file} exists and was not written by Craft Time.`, { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  try {
    await writeLauncher(p);
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not write ${p.file}: ${(error as Error).message}`);
    return undefined;
  }
  const hint = isOnPath(p.binDir, process.env.PATH, process.platform)
    ? 'Open a new terminal and run `craft-time --help`.'
    : process.platform === 'win32'
      ? `Add ${p.binDir} to your PATH, then open a new terminal.`
      : `${p.binDir} is not on your PATH: add \`export PATH="$HOME/.local/bin:$PATH"\` to your shell's startup file.`;
  void vscode.window.showInformationMessage(`Installed the craft-time command as ${p.file}. ${hint}`);
  return p.file;
}

/** At start: an installed launcher that points at an older copy of the extension is brought up to date. */
export async function refreshInstalledCommand(context: vscode.ExtensionContext): Promise<void> {
  const p = plan(context);
  if (launcherState(p) === 'ours') await writeLauncher(p).catch(() => undefined);
}
