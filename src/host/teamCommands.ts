// The opt-in team aggregate in VS Code: join (preview the exact file, then ask), contribute on demand and
// automatically after each month ends (one window per machine), leave (and offer to delete what was
// written), and build a team report from a folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { edgeRange } from '../core/edge';
import { buildContribution, collectContributions, reportMonths, serializeContribution, type Contribution } from '../core/team/contribution';
import { contributionAsOf, contributionFrom } from '../core/team/fromMeasures';
import { CONTRIBUTION_EXPLANATION } from '../core/team/preview';
import { renderTeamReportHtml, renderTeamReportMarkdown } from '../core/team/render';
import { buildTeamReport } from '../core/team/report';
import { addMonths, localDate, monthOf } from '../core/zone';
import { writeAtomic } from '../store/calendarStore';
import {
  contributionRelativePath, deleteContributions, forgetMemberId, loadOrCreateMemberId, readTeamFolder, rememberRole, TEAM_DIR, writeContribution,
} from '../store/teamFolder';
import type { ConfigWatcher } from './config';
import type { CraftModel } from './model';
import type { ProblemReporter } from './problems';
import { writeFileAtomic } from '../store/atomicWrite';

interface Membership {
  readonly schema: 1;
  readonly folder: string;
  readonly joinedAt: string;
  /** Months already written, so the automatic contribution runs once per month. */
  readonly written: readonly string[];
}

const membershipFile = (dataDir: string) => path.join(dataDir, TEAM_DIR, 'membership.json');

async function readMembership(dataDir: string): Promise<Membership | undefined> {
  try {
    const v = JSON.parse(await fs.promises.readFile(membershipFile(dataDir), 'utf8')) as Membership;
    return v.schema === 1 && typeof v.folder === 'string' ? { ...v, written: Array.isArray(v.written) ? v.written : [] } : undefined;
  } catch {
    return undefined;
  }
}

async function writeMembership(dataDir: string, m: Membership): Promise<void> {
  await writeAtomic(membershipFile(dataDir), JSON.stringify(m, null, 2) + '\n');
}

/** True when this machine joined a team aggregate (cheap: decides whether the team code loads at startup). */
export function hasMembership(dataDir: string): boolean {
  return fs.existsSync(membershipFile(dataDir));
}

/** The team flows. Commands are registered by the extension, which loads this code on first use. */
export class TeamFlow {
  constructor(
    private readonly dataDir: string,
    private readonly model: CraftModel,
    private readonly config: ConfigWatcher,
    private readonly problems: ProblemReporter,
  ) {}

  /** The contribution for a month, computed from this machine's data, exactly as it would be written. */
  async build(month: string): Promise<{ contribution: Contribution; skipped: string[] }> {
    const cfg = this.config.value;
    const now = Date.now();
    const today = localDate(now, cfg.timeZone);
    const range = edgeRange(contributionAsOf(month, today));
    const { inputs } = await this.model.load(range.from, range.to, now);
    const { input, skipped } = contributionFrom(inputs, month, cfg.role, today);
    const member = await loadOrCreateMemberId(this.dataDir);
    return { contribution: buildContribution(input, { member, month, now, today }), skipped };
  }

  /**
   * Shows the exact file in an editor, explains it, and asks. Returns true only when the user said yes.
   * Nothing is written to the team folder before that answer.
   */
  private async previewAndAsk(contribution: Contribution, folder: string, intro: string): Promise<boolean> {
    const target = path.join(folder, ...contributionRelativePath(contribution.month, contribution.member).split('/'));
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: serializeContribution(contribution) });
    await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: false });
    const write = 'Write This File';
    const answer = await vscode.window.showInformationMessage(
      `${intro} The editor shows the exact file that would be written to ${target}.`,
      { modal: true, detail: CONTRIBUTION_EXPLANATION.join(' ') },
      write,
    );
    // The preview was only a preview: close it without the "save changes?" question of an untitled editor.
    if (vscode.window.activeTextEditor?.document === doc) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    return answer === write;
  }

  async join(): Promise<boolean> {
    const explain = 'Choose Folder';
    const go = await vscode.window.showInformationMessage(
      'Join a team aggregate? Once a month Craft Time writes one small file with rounded weekly numbers to a shared folder you choose. It holds no names, workspaces, languages, titles or times of day. You see the exact file first.',
      { modal: true }, explain,
    );
    if (go !== explain) return false;
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title: 'The shared team folder (synced, network, or a checkout of a shared repository)' });
    if (!picked?.[0]) return false;
    const folder = picked[0].fsPath;
    const month = addMonths(monthOf(localDate(Date.now(), this.config.value.timeZone)), -1);
    const { contribution, skipped } = await this.build(month);
    if (contribution.weeks.length === 0) {
      void vscode.window.showWarningMessage(`Craft Time: nothing to contribute for ${month} yet (${skipped.join('; ') || 'no completed week'}). You can join again later.`);
      return false;
    }
    if (!(await this.previewAndAsk(contribution, folder, `Your contribution for ${month}.`))) return false;
    const written = await writeContribution(folder, contribution);
    await rememberRole(this.dataDir, contribution.member, contribution.role);
    await writeMembership(this.dataDir, { schema: 1, folder, joinedAt: new Date().toISOString(), written: [month] });
    void vscode.window.showInformationMessage(`Craft Time: joined. Wrote ${written}. Next contributions are written automatically after each month ends.`);
    return true;
  }

  async contributeNow(monthArg?: string): Promise<string | undefined> {
    const membership = await readMembership(this.dataDir);
    if (!membership) {
      const join = await vscode.window.showInformationMessage('Craft Time: you have not joined a team aggregate.', 'Join…');
      if (join) await this.join();
      return undefined;
    }
    const month = monthArg ?? addMonths(monthOf(localDate(Date.now(), this.config.value.timeZone)), -1);
    const { contribution, skipped } = await this.build(month);
    if (contribution.weeks.length === 0) {
      void vscode.window.showWarningMessage(`Craft Time: nothing to contribute for ${month} (${skipped.join('; ') || 'no completed week'}).`);
      return undefined;
    }
    if (!(await this.previewAndAsk(contribution, membership.folder, `Your contribution for ${month}.`))) return undefined;
    const written = await writeContribution(membership.folder, contribution);
    await writeMembership(this.dataDir, { ...membership, written: [...new Set([...membership.written, month])] });
    void vscode.window.showInformationMessage(`Craft Time: wrote ${written}.`);
    return written;
  }

  /**
   * After a month ends, writes last month's contribution once for the machine: a claim file created with
   * O_EXCL makes sure exactly one window does it. Consent was given when joining.
   */
  async contributeIfDue(): Promise<void> {
    const membership = await readMembership(this.dataDir);
    if (!membership) return;
    const month = addMonths(monthOf(localDate(Date.now(), this.config.value.timeZone)), -1);
    if (membership.written.includes(month)) return;
    const claimDir = path.join(this.dataDir, TEAM_DIR, 'claims');
    await fs.promises.mkdir(claimDir, { recursive: true });
    try {
      await (await fs.promises.open(path.join(claimDir, month), 'wx')).close();
    } catch {
      return; // another window is doing it, or did
    }
    try {
      const { contribution } = await this.build(month);
      if (contribution.weeks.length > 0) await writeContribution(membership.folder, contribution);
      await writeMembership(this.dataDir, { ...membership, written: [...new Set([...membership.written, month])] });
    } catch (error) {
      await fs.promises.rm(path.join(claimDir, month), { force: true });
      this.problems.report('team', `Could not write the team contribution for ${month}: ${(error as Error).message}`);
    }
  }

  async leave(): Promise<void> {
    const membership = await readMembership(this.dataDir);
    if (!membership) return void vscode.window.showInformationMessage('Craft Time: you are not in a team aggregate.');
    const keep = 'Stop, Keep Written Files', remove = 'Stop and Delete My Files';
    const answer = await vscode.window.showWarningMessage('Leave the team aggregate? No further contributions will be written.', { modal: true }, keep, remove);
    if (!answer) return;
    let deleted: string[] = [];
    const member = await loadOrCreateMemberId(this.dataDir);
    if (answer === remove) deleted = await deleteContributions(membership.folder, member);
    await fs.promises.rm(membershipFile(this.dataDir), { force: true });
    await forgetMemberId(this.dataDir);
    void vscode.window.showInformationMessage(`Craft Time: left the team aggregate${answer === remove ? `; deleted ${deleted.length} file(s)` : ''}.`);
  }

  async report(folderArg?: string, monthArg?: string): Promise<string | undefined> {
    const folder = folderArg ?? (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'The team folder with contributions' }))?.[0]?.fsPath;
    if (!folder) return undefined;
    const defaultMonth = addMonths(monthOf(localDate(Date.now(), this.config.value.timeZone)), -1);
    const month = monthArg ?? (await vscode.window.showInputBox({ title: 'Team report: month', value: defaultMonth, validateInput: (v) => (/^\d{4}-\d{2}$/.test(v.trim()) ? undefined : 'YYYY-MM') }))?.trim();
    if (!month) return undefined;
    const read = await readTeamFolder(folder, { months: reportMonths(month, 6) });
    const { contributions, rejected } = collectContributions(read.files, { now: Date.now() });
    const report = buildTeamReport(contributions.map((c) => c.contribution), [...read.rejected, ...rejected], { month });
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderTeamReportMarkdown(report) });
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri).then(undefined, () => vscode.window.showTextDocument(doc));
    if (!folderArg) {
      const save = await vscode.window.showInformationMessage('Craft Time: save the team report as a printable HTML file?', 'Save HTML…');
      if (save) {
        const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(`team-report-${month}.html`), filters: { HTML: ['html'] } });
        if (uri) await writeFileAtomic(uri.fsPath, renderTeamReportHtml(report), { mode: 0o644 });
      }
    }
    return doc.getText();
  }
}
