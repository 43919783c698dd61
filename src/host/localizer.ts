// The display language for src/views and the dashboard webview: a Localizer (shared/locale.ts) backed by
// vscode.l10n, so views never import vscode. English when VS Code runs in English (no bundle is loaded).
import * as vscode from 'vscode';
import type { Localizer, MessageArg } from '../shared/locale';

export function hostLocalizer(): Localizer {
  return { locale: vscode.env.language || 'en', t: (message: string, ...args: MessageArg[]) => vscode.l10n.t(message, ...args) };
}

/** What the webview needs to word itself: the display language and the loaded translations (none in English). */
export function webviewLocale(): { readonly locale: string; readonly bundle: Readonly<Record<string, string>> } {
  return { locale: vscode.env.language || 'en', bundle: vscode.l10n.bundle ?? {} };
}
