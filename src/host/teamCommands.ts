// The sealed team aggregate in VS Code: Set Up (steward), Join (member: confirm the team fingerprint, get
// your own), Review and Send (the exact plaintext in an editor before anything is sealed), Leave (deletes
// your files and keys), the roster, Admit (steward, by fingerprint) and the report. Nothing is sent without
// review unless the member turned on the visible, revocable craftTime.team.sendWithoutReview setting.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { edgeRange } from '../core/edge';
import { isRole, type Role } from '../core/roles';
import { buildSealedContribution, type SealedContribution } from '../core/team/contribution';
import { contributionAsOf, contributionFrom } from '../core/team/fromMeasures';
import { CONTRIBUTION_EXPLANATION } from '../core/team/preview';
import { renderTeamReportHtml, renderTeamReportMarkdown } from '../core/team/render';
import { addMonths, localDate, monthOf } from '../core/zone';
import { writeFileAtomic } from '../store/atomicWrite';
import { deleteContributions } from '../store/teamFolder';
import { readLegacyMembership, readMembership, TEAM_DIR, type Membership } from '../store/teamKeys';
import {
  applyAdmit, applyInit, applyJoin, applySend, applyWithdraw, memberTeam, planAdmit, planInit, planJoin, planSend, planWithdraw, rosterView, stewardReport,
} from '../store/teamOps';
import type { ConfigWatcher } from './config';
import type { CraftModel } from './model';
import type { ProblemReporter } from './problems';

/** The standing-consent setting: when true, each month's contribution is sealed and sent without review (and logged). */
export const SEND_WITHOUT_REVIEW = 'team.sendWithoutReview';

const lastMonth = (zone: string) => addMonths(monthOf(localDate(Date.now(), zone)), -1);

export class TeamFlow {
  constructor(
    private readonly dataDir: string,
    private readonly model: CraftModel,
    private readonly config: ConfigWatcher,
    private readonly problems: ProblemReporter,
  ) {}

  private async pickFolder(title: string): Promise<string | undefined> {
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title });
    return picked?.[0]?.fsPath;
  }

  private async guard<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      void vscode.window.showErrorMessage(`Craft Time: could not ${what}: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Steward: makes the team in an empty shared folder. */
  async setUp(): Promise<string | undefined> {
    const folder = await this.pickFolder('The shared team folder (empty): team.json and the roster go here, never a private key');
    if (!folder) return undefined;
    return this.guard('set up the team', async () => {
      const plan = await planInit(folder, this.dataDir, Date.now());
      const go = 'Set Up Team';
      const answer = await vscode.window.showInformationMessage(
        `Set up a team aggregate in ${folder}?`,
        { modal: true, detail: `Writes team.json (public keys and privacy settings: groups of at least ${plan.doc.privacy.minGroupSize}, noise epsilon ${plan.doc.privacy.epsilonPerMonth} per month, ${plan.doc.privacy.epsilonPerYear} per year, signed by you) and an empty roster. Your private keys stay in your Craft Time data folder (readable only by you). Only you can open the members' sealed contributions, and only to build the report.` },
        go,
      );
      if (answer !== go) return undefined;
      await applyInit(plan, this.dataDir);
      void vscode.window.showInformationMessage(
        `Craft Time: team set up. Team fingerprint: ${plan.fingerprint}`,
        { modal: true, detail: 'Tell your members this fingerprint: they confirm it when they join. Back up your keys with "craft-time team backup-key".' },
      );
      return plan.fingerprint;
    });
  }

  /** Member: confirms the team fingerprint, makes a signing key, leaves a join request, shows the member's fingerprint. */
  async join(): Promise<string | undefined> {
    const legacy = await readLegacyMembership(this.dataDir);
    if (legacy) {
      void vscode.window.showWarningMessage('Craft Time: leave the old (plaintext) team aggregate first, with "Leave the Team Aggregate…".');
      return undefined;
    }
    const folder = await this.pickFolder('The shared team folder your steward set up');
    if (!folder) return undefined;
    const role = this.config.value.role;
    return this.guard('join the team', async () => {
      const plan = await planJoin(folder, this.dataDir, role, Date.now());
      const go = 'Join';
      const p = plan.doc.privacy;
      const answer = await vscode.window.showInformationMessage(
        `Join the team with fingerprint ${plan.teamFingerprint}?`,
        { modal: true, detail: `Check this fingerprint with your steward first. Role: ${role} (stays on your machine and inside sealed files). This team shows groups of at least ${p.minGroupSize} and ${p.epsilonPerMonth > 0 ? `adds noise (epsilon ${p.epsilonPerMonth} per month, ${p.epsilonPerYear} per year)` : 'adds NO noise'}. Joining writes a request with your public key only; each month you review the exact contribution before it is sealed.` },
        go,
      );
      if (answer !== go) return undefined;
      await applyJoin(plan, this.dataDir);
      const copy = 'Copy Fingerprint';
      const next = await vscode.window.showInformationMessage(
        `Craft Time: your fingerprint is ${plan.fingerprint}`,
        { modal: true, detail: 'Send it to your steward, who admits you with it. Until then your contributions are not counted.' },
        copy,
      );
      if (next === copy) await vscode.env.clipboard.writeText(plan.fingerprint);
      return plan.fingerprint;
    });
  }

  /** The month's contribution, computed from this machine's data, exactly as it would be sealed. */
  async build(month: string, m: Membership): Promise<{ contribution: SealedContribution; skipped: string[] }> {
    const cfg = this.config.value;
    const now = Date.now();
    const today = localDate(now, cfg.timeZone);
    const range = edgeRange(contributionAsOf(month, today));
    const doc = await memberTeam(m);
    const role: Role = isRole(m.role) ? m.role : cfg.role;
    const { inputs } = await this.model.load(range.from, range.to, now);
    // Deep work at 45 minutes and the role's default floor, whatever the personal settings (contributionFrom).
    const { input, skipped } = contributionFrom(inputs, month, role, today);
    return { contribution: buildSealedContribution(input, { team: doc.team, month, now, today }), skipped };
  }

  /** Review and Send: the exact plaintext in an editor; nothing is sealed or written before "Seal and Send". */
  async reviewAndSend(monthArg?: string): Promise<string | undefined> {
    const m = await readMembership(this.dataDir);
    if (!m) {
      const join = await vscode.window.showInformationMessage('Craft Time: you have not joined a team aggregate.', 'Join…');
      if (join) await this.join();
      return undefined;
    }
    const month = typeof monthArg === 'string' ? monthArg : lastMonth(this.config.value.timeZone);
    return this.guard('send the contribution', async () => {
      const { contribution, skipped } = await this.build(month, m);
      if (contribution.weeks.length === 0) {
        void vscode.window.showWarningMessage(`Craft Time: nothing to contribute for ${month} (${skipped.join('; ') || 'no completed week'}).`);
        return undefined;
      }
      const plan = await planSend(this.dataDir, m, contribution);
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: plan.plaintext });
      await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: false });
      const send = 'Seal and Send';
      const answer = await vscode.window.showInformationMessage(
        `Your team contribution for ${month}: the editor shows the exact text that will be signed and sealed to ${plan.absolute}.`,
        { modal: true, detail: CONTRIBUTION_EXPLANATION.join(' ') },
        send,
      );
      if (vscode.window.activeTextEditor?.document === doc) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      if (answer !== send) return undefined;
      const written = await applySend(this.dataDir, m, plan, Date.now());
      void vscode.window.showInformationMessage(`Craft Time: sealed and sent your contribution for ${month}. A copy of the plaintext is in your data folder (team/sent.json).`);
      return written;
    });
  }

  /**
   * After a month ends: with the standing consent setting, seal and send (logged) once per machine; without
   * it, only remind the member to review and send. A claim file created with O_EXCL lets one window act.
   */
  async contributeIfDue(): Promise<void> {
    const legacy = await readLegacyMembership(this.dataDir);
    if (legacy) return this.askToMigrate();
    const m = await readMembership(this.dataDir);
    if (!m) return;
    const month = lastMonth(this.config.value.timeZone);
    const claimDir = path.join(this.dataDir, TEAM_DIR, 'claims');
    await fs.promises.mkdir(claimDir, { recursive: true, mode: 0o700 });
    try {
      await (await fs.promises.open(path.join(claimDir, month), 'wx')).close();
    } catch {
      return; // another window did it, or is doing it
    }
    const standing = vscode.workspace.getConfiguration('craftTime').get<boolean>(SEND_WITHOUT_REVIEW, false) === true;
    if (!standing) {
      const review = 'Review and Send…';
      const answer = await vscode.window.showInformationMessage(`Craft Time: your team contribution for ${month} is ready. Nothing is sent until you review it.`, review);
      if (answer === review) await this.reviewAndSend(month);
      return;
    }
    try {
      const { contribution } = await this.build(month, m);
      if (contribution.weeks.length === 0) return;
      await applySend(this.dataDir, m, await planSend(this.dataDir, m, contribution), Date.now());
      void vscode.window.showInformationMessage(`Craft Time: sent your team contribution for ${month} (standing consent in craftTime.team.sendWithoutReview; the plaintext is logged in team/sent.json).`);
    } catch (error) {
      await fs.promises.rm(path.join(claimDir, month), { force: true });
      this.problems.report('team', `Could not send the team contribution for ${month}: ${(error as Error).message}`);
    }
  }

  /** Once: a member of a plaintext (version 1) team is asked to leave it and join the sealed one. */
  private async askToMigrate(): Promise<void> {
    const flag = path.join(this.dataDir, TEAM_DIR, 'migration-asked');
    if (fs.existsSync(flag)) return;
    await writeFileAtomic(flag, `${new Date().toISOString()}\n`, { mkdir: true });
    const leave = 'Leave and Delete Old Files';
    const answer = await vscode.window.showWarningMessage(
      'Craft Time: team contributions are now sealed (encrypted and signed). Your old plaintext files are read only for the month your steward sets up the sealed team. Leave the old aggregate and join the sealed one when your steward sends you its fingerprint.',
      leave,
    );
    if (answer === leave) await this.leave();
  }

  /** Leave: deletes this member's files from the team folder and the signing key. */
  async leave(): Promise<number | undefined> {
    const legacy = await readLegacyMembership(this.dataDir);
    const plan = await planWithdraw(this.dataDir);
    if (!plan.membership && !legacy) {
      void vscode.window.showInformationMessage('Craft Time: you are not in a team aggregate.');
      return undefined;
    }
    const go = 'Leave and Delete My Files';
    const count = plan.files.length;
    const answer = await vscode.window.showWarningMessage(
      'Leave the team aggregate?',
      { modal: true, detail: `Deletes ${legacy ? 'your plaintext files' : `${count} file(s) you wrote (your join request and sealed contributions)`} from the team folder and your signing key. Your own log of what you sent stays in your data folder.` },
      go,
    );
    if (answer !== go) return undefined;
    return this.guard('leave the team', async () => {
      let deleted = 0;
      if (legacy?.member) deleted += (await deleteContributions(legacy.folder, legacy.member)).length;
      if (legacy) await fs.promises.rm(path.join(this.dataDir, TEAM_DIR, 'membership.json'), { force: true });
      deleted += (await applyWithdraw(this.dataDir, plan)).deleted.length;
      void vscode.window.showInformationMessage(`Craft Time: left the team aggregate; deleted ${deleted} file(s) and your key.`);
      return deleted;
    });
  }

  /** The roster: fingerprints and dates of members and pending requests, with the padding warning. */
  async showRoster(folderArg?: string): Promise<string | undefined> {
    const m = await readMembership(this.dataDir);
    const folder = typeof folderArg === 'string' ? folderArg : m?.folder ?? (await this.pickFolder('The team folder'));
    if (!folder) return undefined;
    return this.guard('read the roster', async () => {
      const v = await rosterView(folder, this.dataDir, Date.now());
      const lines = [`# Team roster`, '', `Team fingerprint: \`${v.teamFingerprint}\`${v.pinned ? '' : ' (not confirmed on this machine)'}`, '',
        `Privacy (signed in team.json): groups of at least ${v.privacy.minGroupSize}; noise epsilon ${v.privacy.epsilonPerMonth} per month (0: none), ${v.privacy.epsilonPerYear} per year.`, '',
        ...v.warnings.map((w) => `> **Warning:** ${w}\n`),
        `## Members (${v.members.length})`, '', ...v.members.map((x) => `- \`${x.fingerprint}\` admitted ${x.admitted}`), '',
        `## Pending requests (${v.pending.length})`, '', ...v.pending.map((x) => `- \`${x.fingerprint}\` requested ${x.requested}`), ''];
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
      await vscode.window.showTextDocument(doc, { preview: true });
      for (const w of v.warnings) void vscode.window.showWarningMessage(`Craft Time: ${w}`);
      return doc.getText();
    });
  }

  /** Steward: admits members by the fingerprints they told you (never "all pending"). */
  async admit(folderArg?: string, fingerprintsArg?: string): Promise<number | undefined> {
    const folder = typeof folderArg === 'string' ? folderArg : await this.pickFolder('The team folder you steward');
    if (!folder) return undefined;
    const raw = typeof fingerprintsArg === 'string' ? fingerprintsArg : await vscode.window.showInputBox({
      title: 'Admit members', prompt: 'The fingerprints your members told you, separated by spaces (e.g. k3xq-7m2a-pd9r-wf4e)', ignoreFocusOut: true,
    });
    if (!raw?.trim()) return undefined;
    return this.guard('admit members', async () => {
      const plan = await planAdmit(folder, this.dataDir, raw.split(/[\s,]+/).filter(Boolean), Date.now());
      const go = 'Admit';
      const answer = await vscode.window.showWarningMessage(
        `Admit ${plan.admit.map((a) => a.fingerprint).join(', ')}?`,
        { modal: true, detail: `Each fingerprint must be one a real member told you.${plan.warning ? ` ${plan.warning}` : ''}` },
        go,
      );
      if (answer !== go) return undefined;
      await applyAdmit(folder, this.dataDir, plan);
      void vscode.window.showInformationMessage(`Craft Time: admitted ${plan.admit.length} member(s).`);
      return plan.admit.length;
    });
  }

  /** Steward: the report (aggregates only), in a Markdown preview; optionally saved as HTML. */
  async report(folderArg?: string, monthArg?: string): Promise<string | undefined> {
    const folder = typeof folderArg === 'string' ? folderArg : await this.pickFolder('The team folder you steward');
    if (!folder) return undefined;
    const month = typeof monthArg === 'string' ? monthArg : (await vscode.window.showInputBox({ title: 'Team report: month', value: lastMonth(this.config.value.timeZone), validateInput: (v) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(v.trim()) ? undefined : 'YYYY-MM') }))?.trim();
    if (!month) return undefined;
    return this.guard('build the team report', async () => {
      const { report } = await stewardReport(folder, this.dataDir, { month, now: Date.now() });
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderTeamReportMarkdown(report) });
      await vscode.commands.executeCommand('markdown.showPreview', doc.uri).then(undefined, () => vscode.window.showTextDocument(doc));
      if (typeof folderArg !== 'string') {
        const save = await vscode.window.showInformationMessage('Craft Time: save the team report as a printable HTML file?', 'Save HTML…');
        if (save) {
          const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(`team-report-${month}.html`), filters: { HTML: ['html'] } });
          if (uri) await writeFileAtomic(uri.fsPath, renderTeamReportHtml(report), { mode: 0o644 });
        }
      }
      return doc.getText();
    });
  }
}
