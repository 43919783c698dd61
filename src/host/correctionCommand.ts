// Craft Time: Mark as My Own Work… — the user says a time range of assisted time was their own work.
// Written as a correction record (store/corrections.ts); the activity files are never rewritten.
import * as vscode from 'vscode';
import { localDate, zonedTime, isValidDate } from '../core/zone';
import { addCorrection } from '../store/corrections';
import type { ConfigWatcher } from './config';
import type { ProblemReporter } from './problems';

const RANGE = /^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$/;

/** Minutes after midnight of "HH:MM-HH:MM", or undefined. */
export function parseTimeRange(text: string): { from: number; to: number } | undefined {
  const m = RANGE.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]) * 60 + Number(m[2]), to = Number(m[3]) * 60 + Number(m[4]);
  if (Number(m[2]) > 59 || Number(m[4]) > 59 || from >= to || to > 24 * 60) return undefined;
  return { from, to };
}

export function registerCorrectionCommand(command: string, dataDir: string, config: ConfigWatcher, problems: ProblemReporter, changed: () => void): vscode.Disposable {
  return vscode.commands.registerCommand(command, async (arg?: { from: number; to: number }) => {
    let from: number, to: number;
    if (arg && Number.isSafeInteger(arg.from) && Number.isSafeInteger(arg.to) && arg.to > arg.from) {
      ({ from, to } = arg); // from tests and other surfaces (the dashboard), in epoch ms
    } else {
      const zone = config.value.timeZone;
      const date = await vscode.window.showInputBox({
        title: vscode.l10n.t('Mark as My Own Work (1/2)'), prompt: vscode.l10n.t('Day (YYYY-MM-DD)'), value: localDate(Date.now(), zone),
        validateInput: (v) => (isValidDate(v.trim()) ? undefined : vscode.l10n.t('A date such as {0}', '2026-11-27')),
      });
      if (!date) return;
      const range = await vscode.window.showInputBox({
        title: vscode.l10n.t('Mark as My Own Work (2/2)'), prompt: vscode.l10n.t('Time range in {0} (HH:MM-HH:MM); assisted time in it will count as your hands-on work', zone),
        placeHolder: '09:00-11:30', validateInput: (v) => (parseTimeRange(v) ? undefined : vscode.l10n.t('A range such as {0}', '09:00-11:30')),
      });
      const minutes = range ? parseTimeRange(range) : undefined;
      if (!minutes) return;
      from = zonedTime(date.trim(), minutes.from, zone);
      to = zonedTime(date.trim(), minutes.to, zone);
    }
    try {
      await addCorrection(dataDir, { from, to, at: Date.now() });
      changed();
      void vscode.window.showInformationMessage(vscode.l10n.t('Marked as your own work: assisted time in that range now counts as hands-on ("corrected by you").'));
    } catch (error) {
      problems.report('corrections', vscode.l10n.t('Could not save the correction: {0}', (error as Error).message));
    }
  });
}
