// Stable local workspace ids: a hash of the folder's URI (so no path is stored), plus its display name.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';

export interface WorkspaceRef {
  readonly id: string;
  readonly name: string;
}

const NONE: WorkspaceRef = { id: '', name: '' };
const byFolder = new Map<string, WorkspaceRef>();

export function workspaceIdOf(folderUri: string): string {
  return createHash('sha256').update(folderUri).digest('hex').slice(0, 12);
}

function refFor(folder: vscode.WorkspaceFolder): WorkspaceRef {
  const key = folder.uri.toString();
  let ref = byFolder.get(key);
  if (!ref) byFolder.set(key, (ref = { id: workspaceIdOf(key), name: folder.name }));
  return ref;
}

/** The workspace folder a document belongs to (multi-root aware); the only folder for files outside it. */
export function workspaceOf(uri: vscode.Uri | undefined): WorkspaceRef {
  if (uri) {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder) return refFor(folder);
  }
  const folders = vscode.workspace.workspaceFolders;
  return folders && folders.length === 1 ? refFor(folders[0]) : NONE;
}

/** The workspace of what the user is looking at: the active editor's, else the window's only folder. */
export function currentWorkspace(): WorkspaceRef {
  return workspaceOf(vscode.window.activeTextEditor?.document.uri);
}
