// The display language for src/views and the dashboard webview: a Localizer (shared/locale.ts) backed by
// vscode.l10n, so views never import vscode. English when VS Code runs in English (no bundle is loaded).
import * as vscode from 'vscode';
import { ENGLISH, type Localizer, type MessageArg } from '../shared/locale';
import { localizeProblem } from '../shared/problemText';

export function hostLocalizer(): Localizer {
  return { locale: vscode.env.language || 'en', t: (message: string, ...args: MessageArg[]) => vscode.l10n.t(message, ...args) };
}

/** A problem worded by src/store or src/calendar (English there: the CLI and the calendar meta files keep it) in the display language. */
export function problemText(message: string): string {
  return localizeProblem(message, hostLocalizer());
}

/** What the webview needs to word itself: the display language and the loaded translations (none in English). */
export function webviewLocale(): { readonly locale: string; readonly bundle: Readonly<Record<string, string>> } {
  return { locale: vscode.env.language || 'en', bundle: vscode.l10n.bundle ?? {} };
}

/** craftTime.summary.language: a lead's summary (Markdown, HTML) in the display language, or forced to English. */
export type SummaryLanguage = 'display' | 'en';

export function summaryLanguage(): SummaryLanguage {
  return vscode.workspace.getConfiguration('craftTime').get<unknown>('summary.language') === 'en' ? 'en' : 'display';
}

/** The Localizer for a summary file: English for the machine-readable formats and when the setting says so. */
export function summaryLocalizer(format: string): Localizer {
  return format === 'json' || format === 'csv' || summaryLanguage() === 'en' ? ENGLISH : hostLocalizer();
}
