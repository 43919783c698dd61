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
import { contributionExplanation } from '../views/contributionText';
import { renderTeamReportHtml, renderTeamReportMarkdown } from '../views/render/teamReport';
import { addMonths, localDate, monthOf } from '../core/zone';
import { writeFileAtomic } from '../store/atomicWrite';
import { claimMigrationQuestion, readLegacyMembership, readMembership, TEAM_DIR, type Membership } from '../store/teamKeys';
import {
  applyAdmit, applyInit, applyJoin, applyLegacyWithdraw, applySend, applyWithdraw, memberTeam, planAdmit, planInit, planJoin, planSend, planWithdraw, rosterView, stewardReport,
} from '../store/teamOps';
import type { ConfigWatcher } from './config';
import { hostLocalizer, problemText, summaryLocalizer } from './localizer';
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
      void vscode.window.showErrorMessage(vscode.l10n.t('Craft Time: could not {0}: {1}', what, problemText((error as Error).message)));
      return undefined;
    }
  }

  /** Steward: makes the team in an empty shared folder. */
  async setUp(): Promise<string | undefined> {
    const folder = await this.pickFolder(vscode.l10n.t('The shared team folder (empty): team.json and the roster go here, never a private key'));
    if (!folder) return undefined;
    return this.guard(vscode.l10n.t('set up the team'), async () => {
      const plan = await planInit(folder, this.dataDir, Date.now());
      const go = vscode.l10n.t('Set Up Team');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('Set up a team aggregate in {0}?', folder),
        { modal: true, detail: vscode.l10n.t("Writes team.json (public keys and privacy settings: groups of at least {0}, noise epsilon {1} per month, {2} per year, signed by you) and an empty roster. Your private keys stay in your Craft Time data folder (readable only by you). Only you can open the members' sealed contributions, and only to build the report.", plan.doc.privacy.minGroupSize, plan.doc.privacy.epsilonPerMonth, plan.doc.privacy.epsilonPerYear) },
        go,
      );
      if (answer !== go) return undefined;
      await applyInit(plan, this.dataDir);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Craft Time: team set up. Team fingerprint: {0}', plan.fingerprint),
        { modal: true, detail: vscode.l10n.t('Tell your members this fingerprint: they confirm it when they join. Back up your keys with "craft-time team backup-key".') },
      );
      return plan.fingerprint;
    });
  }

  /** Member: confirms the team fingerprint, makes a signing key, leaves a join request, shows the member's fingerprint. */
  async join(): Promise<string | undefined> {
    const legacy = await readLegacyMembership(this.dataDir);
    if (legacy) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Craft Time: leave the old (plaintext) team aggregate first, with "Leave the Team Aggregate…".'));
      return undefined;
    }
    const folder = await this.pickFolder(vscode.l10n.t('The shared team folder your steward set up'));
    if (!folder) return undefined;
    const role = this.config.value.role;
    return this.guard(vscode.l10n.t('join the team'), async () => {
      const plan = await planJoin(folder, this.dataDir, role, Date.now());
      const go = vscode.l10n.t('Join');
      const p = plan.doc.privacy;
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('Join the team with fingerprint {0}?', plan.teamFingerprint),
        {
          modal: true,
          detail: p.epsilonPerMonth > 0
            ? vscode.l10n.t('Check this fingerprint with your steward first. Role: {0} (stays on your machine and inside sealed files). This team shows groups of at least {1} and adds noise (epsilon {2} per month, {3} per year). Joining writes a request with your public key only; each month you review the exact contribution before it is sealed.', role, p.minGroupSize, p.epsilonPerMonth, p.epsilonPerYear)
            : vscode.l10n.t('Check this fingerprint with your steward first. Role: {0} (stays on your machine and inside sealed files). This team shows groups of at least {1} and adds NO noise. Joining writes a request with your public key only; each month you review the exact contribution before it is sealed.', role, p.minGroupSize),
        },
        go,
      );
      if (answer !== go) return undefined;
      await applyJoin(plan, this.dataDir);
      const copy = vscode.l10n.t('Copy Fingerprint');
      const next = await vscode.window.showInformationMessage(
        vscode.l10n.t('Craft Time: your fingerprint is {0}', plan.fingerprint),
        { modal: true, detail: vscode.l10n.t('Send it to your steward, who admits you with it. Until then your contributions are not counted.') },
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
      const join = await vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: you have not joined a team aggregate.'), vscode.l10n.t('Join…'));
      if (join) await this.join();
      return undefined;
    }
    const month = typeof monthArg === 'string' ? monthArg : lastMonth(this.config.value.timeZone);
    return this.guard(vscode.l10n.t('send the contribution'), async () => {
      const { contribution, skipped } = await this.build(month, m);
      if (contribution.weeks.length === 0) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Craft Time: nothing to contribute for {0} ({1}).', month, skipped.join('; ') || vscode.l10n.t('no completed week')));
        return undefined;
      }
      const plan = await planSend(this.dataDir, m, contribution);
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: plan.plaintext });
      await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: false });
      const send = vscode.l10n.t('Seal and Send');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('Your team contribution for {0}: the editor shows the exact text that will be signed and sealed to {1}.', month, plan.absolute),
        { modal: true, detail: contributionExplanation(hostLocalizer()).join(' ') },
        send,
      );
      if (vscode.window.activeTextEditor?.document === doc) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      if (answer !== send) return undefined;
      const written = await applySend(this.dataDir, m, plan, Date.now());
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: sealed and sent your contribution for {0}. A copy of the plaintext is in your data folder (team/sent.json).', month));
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
      const review = vscode.l10n.t('Review and Send…');
      const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: your team contribution for {0} is ready. Nothing is sent until you review it.', month), review);
      if (answer === review) await this.reviewAndSend(month);
      return;
    }
    try {
      const { contribution } = await this.build(month, m);
      if (contribution.weeks.length === 0) return;
      await applySend(this.dataDir, m, await planSend(this.dataDir, m, contribution), Date.now());
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: sent your team contribution for {0} (standing consent in craftTime.team.sendWithoutReview; the plaintext is logged in team/sent.json).', month));
    } catch (error) {
      await fs.promises.rm(path.join(claimDir, month), { force: true });
      this.problems.report('team', vscode.l10n.t('Could not send the team contribution for {0}: {1}', month, (error as Error).message));
    }
  }

  /** Once: a member of a plaintext (version 1) team is asked to leave it and join the sealed one. */
  private async askToMigrate(): Promise<void> {
    if (!(await claimMigrationQuestion(this.dataDir, Date.now()))) return;
    const leave = vscode.l10n.t('Leave and Delete Old Files');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Craft Time: team contributions are now sealed (encrypted and signed). Your old plaintext files are read only for the month your steward sets up the sealed team. Leave the old aggregate and join the sealed one when your steward sends you its fingerprint.'),
      leave,
    );
    if (answer === leave) await this.leave();
  }

  /** Leave: deletes this member's files from the team folder and the signing key. */
  async leave(): Promise<number | undefined> {
    const legacy = await readLegacyMembership(this.dataDir);
    const plan = await planWithdraw(this.dataDir);
    if (!plan.membership && !legacy) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: you are not in a team aggregate.'));
      return undefined;
    }
    const go = vscode.l10n.t('Leave and Delete My Files');
    const count = plan.files.length;
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Leave the team aggregate?'),
      {
        modal: true,
        detail: legacy
          ? vscode.l10n.t('Deletes your plaintext files from the team folder and your old member id.')
          : vscode.l10n.t('Deletes {0} file(s) you wrote (your join request and sealed contributions) from the team folder and your signing key. Your own log of what you sent stays in your data folder.', count),
      },
      go,
    );
    if (answer !== go) return undefined;
    return this.guard(vscode.l10n.t('leave the team'), async () => {
      // A version-1 membership and a sealed one are the same file (membership.json): one or the other.
      const deleted = (legacy ? await applyLegacyWithdraw(this.dataDir, legacy) : await applyWithdraw(this.dataDir, plan)).deleted.length;
      void vscode.window.showInformationMessage(legacy
        ? vscode.l10n.t('Craft Time: left the old team aggregate; deleted {0} plaintext file(s) and your old member id.', deleted)
        : vscode.l10n.t('Craft Time: left the team aggregate; deleted {0} file(s) and your key.', deleted));
      return deleted;
    });
  }

  /** The roster: fingerprints and dates of members and pending requests, with the padding warning. */
  async showRoster(folderArg?: string): Promise<string | undefined> {
    const m = await readMembership(this.dataDir);
    const folder = typeof folderArg === 'string' ? folderArg : m?.folder ?? (await this.pickFolder(vscode.l10n.t('The team folder')));
    if (!folder) return undefined;
    return this.guard(vscode.l10n.t('read the roster'), async () => {
      const v = await rosterView(folder, this.dataDir, Date.now());
      const lines = [`# ${vscode.l10n.t('Team roster')}`, '', v.pinned ? vscode.l10n.t('Team fingerprint: `{0}`', v.teamFingerprint) : vscode.l10n.t('Team fingerprint: `{0}` (not confirmed on this machine)', v.teamFingerprint), '',
        vscode.l10n.t('Privacy (signed in team.json): groups of at least {0}; noise epsilon {1} per month (0: none), {2} per year.', v.privacy.minGroupSize, v.privacy.epsilonPerMonth, v.privacy.epsilonPerYear), '',
        ...v.warnings.map((w) => `> **${vscode.l10n.t('Warning:')}** ${problemText(w)}\n`),
        `## ${vscode.l10n.t('Members ({0})', v.members.length)}`, '', ...v.members.map((x) => `- ${vscode.l10n.t('`{0}` admitted {1}', x.fingerprint, x.admitted)}`), '',
        `## ${vscode.l10n.t('Pending requests ({0})', v.pending.length)}`, '', ...v.pending.map((x) => `- ${vscode.l10n.t('`{0}` requested {1}', x.fingerprint, x.requested)}`), ''];
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
      await vscode.window.showTextDocument(doc, { preview: true });
      for (const w of v.warnings) void vscode.window.showWarningMessage(vscode.l10n.t('Craft Time: {0}', problemText(w)));
      return doc.getText();
    });
  }

  /** Steward: admits members by the fingerprints they told you (never "all pending"). */
  async admit(folderArg?: string, fingerprintsArg?: string): Promise<number | undefined> {
    const folder = typeof folderArg === 'string' ? folderArg : await this.pickFolder(vscode.l10n.t('The team folder you steward'));
    if (!folder) return undefined;
    const raw = typeof fingerprintsArg === 'string' ? fingerprintsArg : await vscode.window.showInputBox({
      title: vscode.l10n.t('Admit members'), prompt: vscode.l10n.t('The fingerprints your members told you, separated by spaces (e.g. {0})', 'k3xq-7m2a-pd9r-wf4e'), ignoreFocusOut: true,
    });
    if (!raw?.trim()) return undefined;
    return this.guard(vscode.l10n.t('admit members'), async () => {
      const plan = await planAdmit(folder, this.dataDir, raw.split(/[\s,]+/).filter(Boolean), Date.now());
      const go = vscode.l10n.t('Admit');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Admit {0}?', plan.admit.map((a) => a.fingerprint).join(', ')),
        { modal: true, detail: `${vscode.l10n.t('Each fingerprint must be one a real member told you.')}${plan.warning ? ` ${plan.warning}` : ''}` },
        go,
      );
      if (answer !== go) return undefined;
      await applyAdmit(folder, this.dataDir, plan);
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: admitted {0} member(s).', plan.admit.length));
      return plan.admit.length;
    });
  }

  /**
   * Steward: the report (aggregates only), in a Markdown preview; optionally saved as HTML. Worded like a monthly
   * summary: in the display language unless craftTime.summary.language is "en".
   */
  async report(folderArg?: string, monthArg?: string): Promise<string | undefined> {
    const folder = typeof folderArg === 'string' ? folderArg : await this.pickFolder(vscode.l10n.t('The team folder you steward'));
    if (!folder) return undefined;
    const month = typeof monthArg === 'string' ? monthArg : (await vscode.window.showInputBox({ title: vscode.l10n.t('Team report: month'), value: lastMonth(this.config.value.timeZone), validateInput: (v) => (/^\d{4}-(0[1-9]|1[0-2])$/.test(v.trim()) ? undefined : 'YYYY-MM') }))?.trim();
    if (!month) return undefined;
    return this.guard(vscode.l10n.t('build the team report'), async () => {
      const { report } = await stewardReport(folder, this.dataDir, { month, now: Date.now() });
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderTeamReportMarkdown(report, summaryLocalizer('md')) });
      await vscode.commands.executeCommand('markdown.showPreview', doc.uri).then(undefined, () => vscode.window.showTextDocument(doc));
      if (typeof folderArg !== 'string') {
        const save = await vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: save the team report as a printable HTML file?'), vscode.l10n.t('Save HTML…'));
        if (save) {
          const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(`team-report-${month}.html`), filters: { HTML: ['html'] } });
          if (uri) await writeFileAtomic(uri.fsPath, renderTeamReportHtml(report, summaryLocalizer('html')), { mode: 0o644 });
        }
      }
      return doc.getText();
    });
  }
}
