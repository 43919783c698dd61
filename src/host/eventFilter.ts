// Which documents are the user's work, and what kind of work an event is (DESIGN.md "Hands-on activity").
import * as vscode from 'vscode';
import type { Category } from '../core/types';

/** Schemes of documents a person edits or reads as work. Everything else (output, git, scm, logs...) is ignored. */
const WORK_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-notebook-cell', 'vsls', 'github', 'vscode-local']);
/** Pull-request and review views (GitHub Pull Requests extension and similar). */
const REVIEW_SCHEMES = new Set(['pr', 'review', 'githubpr']);
/** Language ids of documents that are not the user's work even on disk. */
const IGNORED_LANGUAGES = new Set(['log', 'Log', 'scminput', 'git-commit-input']);

export function isReviewDocument(doc: vscode.TextDocument): boolean {
  return REVIEW_SCHEMES.has(doc.uri.scheme);
}

/** True when events from this document may produce a heartbeat. */
export function isWorkDocument(doc: vscode.TextDocument): boolean {
  const scheme = doc.uri.scheme;
  if (REVIEW_SCHEMES.has(scheme)) return true;
  if (!WORK_SCHEMES.has(scheme)) return false;
  if (IGNORED_LANGUAGES.has(doc.languageId)) return false;
  // Editor settings are configuration, not craft.
  const p = doc.uri.path;
  return !(p.endsWith('/.vscode/settings.json') || p.endsWith('/User/settings.json'));
}

/**
 * True when this document is shown in the active tab as one side of a diff (review of changes). Judged
 * for the document the event came from, never for whatever tab happens to be active: a plain editor is
 * never a diff.
 */
export function isInActiveDiff(doc: vscode.TextDocument): boolean {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputTextDiff) {
    const uri = doc.uri.toString();
    return input.modified.toString() === uri || input.original.toString() === uri;
  }
  if (input instanceof vscode.TabInputNotebookDiff && doc.uri.scheme === 'vscode-notebook-cell') {
    return input.modified.path === doc.uri.path || input.original.path === doc.uri.path;
  }
  return false;
}

/** Category of navigation (no edit) in a document: reviewing in diffs and PR views, debugging while a debug session runs. */
export function navigationCategory(doc: vscode.TextDocument): Category {
  if (isReviewDocument(doc) || isInActiveDiff(doc)) return 'reviewing';
  if (vscode.debug.activeDebugSession) return 'debugging';
  return 'reading';
}

/** Category of the user's own edit: reviewing in PR views (comments), else coding. */
export function editCategory(doc: vscode.TextDocument): Category {
  return isReviewDocument(doc) ? 'reviewing' : 'coding';
}
