// "Craft Time: Generate Monthly Summary": pick a month (last month first) and a format, choose whether to
// include workspace names (off unless ticked), see exactly what the file will contain, then save it.
import * as vscode from 'vscode';
import { renderSummary, type SummaryFormat } from '../views/render/renderSummary';
import type { MonthlySummary } from '../views/summaryView';
import { monthLabelIn } from '../shared/locale';
import { hostLocalizer, summaryLocalizer } from './localizer';
import type { Localizer } from '../shared/locale';
import { addMonths, monthOf } from '../core/zone';
import { writeFileAtomic } from '../store/atomicWrite';

type SummaryFileFormat = SummaryFormat;

export interface SummaryCommandDeps {
  /** Builds the summary model for a month ('YYYY-MM'); workspace names only when asked. */
  buildSummary(month: string, options: { readonly includeWorkspaces: boolean; readonly locale?: Localizer }): Promise<MonthlySummary>;
  /** Today's local date 'YYYY-MM-DD' in the configured zone (the only clock read, done by the host). */
  today(): string;
  /** Months that have data, newest first (optional: else the last 12 months are offered). */
  months?(): Promise<readonly string[]>;
}

/** Non-interactive use (tests, the dashboard): any field given skips its prompt. */
export interface SummaryCommandArgs {
  readonly month?: string;
  readonly format?: SummaryFileFormat;
  readonly includeWorkspaces?: boolean;
  /** Save here without the Save dialog (the preview is still shown first). */
  readonly saveTo?: string;
}

const FORMATS: readonly { format: SummaryFileFormat; label: string; description: () => string; language: string; filter: Record<string, string[]> }[] = [
  { format: 'md', label: 'Markdown', description: () => vscode.l10n.t('reads well pasted into a doc or a pull request'), language: 'markdown', filter: { Markdown: ['md'] } },
  { format: 'html', label: 'HTML', description: () => vscode.l10n.t('one self-contained printable page (A4 and Letter), charts included'), language: 'html', filter: { HTML: ['html'] } },
  { format: 'json', label: 'JSON', description: () => vscode.l10n.t('the numbers, documented schema (docs/summary.md)'), language: 'json', filter: { JSON: ['json'] } },
  { format: 'csv', label: 'CSV', description: () => vscode.l10n.t('one row per day, for a spreadsheet'), language: 'csv', filter: { CSV: ['csv'] } },
];

function normalizeArgs(arg: unknown): SummaryCommandArgs {
  if (typeof arg === 'string' && /^\d{4}-\d{2}$/.test(arg)) return { month: arg };
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  return {
    month: typeof a.month === 'string' && /^\d{4}-\d{2}$/.test(a.month) ? a.month : undefined,
    format: FORMATS.some((f) => f.format === a.format) ? (a.format as SummaryFileFormat) : undefined,
    includeWorkspaces: typeof a.includeWorkspaces === 'boolean' ? a.includeWorkspaces : undefined,
    saveTo: typeof a.saveTo === 'string' ? a.saveTo : undefined,
  };
}

async function pickMonth(deps: SummaryCommandDeps): Promise<string | undefined> {
  const thisMonth = monthOf(deps.today());
  const last = addMonths(thisMonth, -1);
  const offered = deps.months ? [...(await deps.months())] : Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, -i));
  const list = [last, ...offered.filter((m) => m !== last && m <= thisMonth)];
  const items = list.map((m) => ({
    label: monthLabelIn(hostLocalizer(), m),
    description: m === last ? vscode.l10n.t('last month') : m === thisMonth ? vscode.l10n.t('in progress: up to yesterday') : undefined,
    month: m,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Monthly summary (1/3): month'), placeHolder: vscode.l10n.t('Which month should the summary cover?') });
  return pick?.month;
}

async function pickFormat(): Promise<SummaryFileFormat | undefined> {
  const pick = await vscode.window.showQuickPick(
    FORMATS.map((f) => ({ label: f.label, description: f.description(), format: f.format })),
    { title: vscode.l10n.t('Monthly summary (2/3): format'), placeHolder: vscode.l10n.t('Choose a format; you will see the file before anything is saved') },
  );
  return pick?.format;
}

async function pickWorkspaces(): Promise<boolean | undefined> {
  const item: vscode.QuickPickItem = {
    label: vscode.l10n.t('Include workspace names'),
    description: vscode.l10n.t('off by default: names can reveal projects or clients'),
    detail: vscode.l10n.t('File paths and meeting titles are never included.'),
    picked: false,
  };
  const picks = await vscode.window.showQuickPick([item], {
    title: vscode.l10n.t('Monthly summary (3/3): privacy'),
    placeHolder: vscode.l10n.t('Tick to list workspaces by name, or just press Enter to leave them out'),
    canPickMany: true,
  });
  return picks === undefined ? undefined : picks.length > 0;
}

/** Registers craftTime.generateSummary. The command resolves to the saved file's URI, or undefined. */

/** The command itself: prompts for what `arg` does not give, previews, then saves. */
export async function generateSummary(deps: SummaryCommandDeps, arg?: unknown): Promise<vscode.Uri | undefined> {
  {
    const args = normalizeArgs(arg);
    const month = args.month ?? (await pickMonth(deps));
    if (!month) return undefined;
    const format = args.format ?? (await pickFormat());
    if (!format) return undefined;
    const includeWorkspaces = args.includeWorkspaces ?? (await pickWorkspaces());
    if (includeWorkspaces === undefined) return undefined;
    const spec = FORMATS.find((f) => f.format === format)!;

    const content = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Craft Time: building the {0} summary…', monthLabelIn(hostLocalizer(), month)) },
      async () => {
        // Markdown and HTML follow the display language unless craftTime.summary.language is "en"; JSON and CSV stay English.
        const locale = summaryLocalizer(format);
        return renderSummary(await deps.buildSummary(month, { includeWorkspaces, locale }), format, locale);
      },
    );

    // Show exactly what the file will contain, as an untitled document (nothing is written yet).
    const doc = await vscode.workspace.openTextDocument({ language: spec.language, content });
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Active });
    if (format === 'md') await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri).then(undefined, () => undefined);

    let target: vscode.Uri | undefined;
    if (args.saveTo) target = vscode.Uri.file(args.saveTo);
    else {
      const save = vscode.l10n.t('Save As…'), copy = vscode.l10n.t('Copy to Clipboard');
      const answer = await vscode.window.showInformationMessage(
        includeWorkspaces
          ? vscode.l10n.t('This is exactly what the {0} file will contain (with workspace names). Nothing has been saved yet.', spec.label)
          : vscode.l10n.t('This is exactly what the {0} file will contain (no workspace names). Nothing has been saved yet.', spec.label),
        save,
        copy,
      );
      if (answer === copy) {
        await vscode.env.clipboard.writeText(content);
        return undefined;
      }
      if (answer !== save) return undefined;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `craft-time-summary-${month}.${format}`;
      target = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Save the monthly summary'),
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: spec.filter,
        saveLabel: vscode.l10n.t('Save Summary'),
      });
      if (!target) return undefined;
    }
    // The generated text is what gets written (edits made in the preview are not: it is a preview).
    // A local file goes through the one atomic writer (a full disk leaves no half summary, no temporary file).
    if (target.scheme === 'file') await writeFileAtomic(target.fsPath, content, { mode: 0o644 });
    else await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    if (!args.saveTo) {
      const open = await vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: saved the {0} summary to {1}.', monthLabelIn(hostLocalizer(), month), target.fsPath), vscode.l10n.t('Open'));
      if (open) await vscode.commands.executeCommand('vscode.open', target);
    }
    return target;
  }
}
