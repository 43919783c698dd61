// The one "Craft Time" log in the Output panel (a LogOutputChannel: levels, timestamps, the user's log
// level), created on first use so activation stays cheap. Any host module logs through `log()`.
import * as vscode from 'vscode';
import { Commands } from './commandIds';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  return (channel ??= vscode.window.createOutputChannel('Craft Time', { log: true }));
}

/** The *Show Log* command, and disposal of the channel when the extension stops. */
export function registerLog(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.showLog, () => log().show(true)),
    { dispose: () => { channel?.dispose(); channel = undefined; } },
  );
}
