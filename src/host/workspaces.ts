// Stable local workspace ids: 12 hex of SHA-256 of the folder's real path (so a shell can compute the same
// id, FORMAT-V2.md), plus its display name. No path is stored. `legacyId` is the id before version 2 (a hash
// of the folder URI), kept so alias lines and old exclusions still match.
import * as vscode from 'vscode';
import { legacyWorkspaceId, workspaceIdOfFolder, workspaceIdOfPath } from '../store/workspaceId';

export interface WorkspaceRef {
  readonly id: string;
  readonly name: string;
  readonly legacyId: string;
}

const NONE: WorkspaceRef = { id: '', name: '', legacyId: '' };
const byFolder = new Map<string, WorkspaceRef>();
const byDocument = new Map<string, WorkspaceRef>();

/** The id of a folder URI: its real path for local folders; for other schemes, the URI's absolute path. */
export function workspaceIdOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? workspaceIdOfFolder(uri.fsPath) : workspaceIdOfPath(uri.path.replace(/\/+$/, '') || '/');
}

function refFor(folder: vscode.WorkspaceFolder): WorkspaceRef {
  const key = folder.uri.toString();
  let ref = byFolder.get(key);
  if (!ref) byFolder.set(key, (ref = { id: workspaceIdOf(folder.uri), name: folder.name, legacyId: legacyWorkspaceId(key) }));
  return ref;
}

/** The workspace folder a document belongs to (multi-root aware); the only folder for files outside it. */
export function workspaceOf(uri: vscode.Uri | undefined): WorkspaceRef {
  // Asked on every keystroke: VS Code's folder lookup is remembered per document until the folders change.
  const key = uri?.toString() ?? '';
  let ref = byDocument.get(key);
  if (!ref) {
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
    const folders = vscode.workspace.workspaceFolders;
    ref = folder ? refFor(folder) : folders && folders.length === 1 ? refFor(folders[0]) : NONE;
    if (byDocument.size >= 500) byDocument.clear();
    byDocument.set(key, ref);
  }
  return ref;
}

/** Forgets the per-document answers when the window's folders change (registered by the tracker). */
export function forgetWorkspaceLookups(): vscode.Disposable {
  return vscode.workspace.onDidChangeWorkspaceFolders(() => byDocument.clear());
}

/** The workspace of what the user is looking at: the active editor's, else the window's only folder. */
export function currentWorkspace(): WorkspaceRef {
  return workspaceOf(vscode.window.activeTextEditor?.document.uri);
}
