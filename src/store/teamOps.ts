// The team operations shared by the CLI and the extension, each split into "plan" (what would be written:
// shown without --yes or before a confirmation) and "apply" (writes). Keys and logs go to the data folder
// (0600), public documents and ciphertext to the team folder.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { monthOf } from '../core/zone';
import { serializeSealedContribution, type SealedContribution } from '../core/team/contribution';
import { decryptWithPassphrase, encryptWithPassphrase, fingerprint, generateReportKeys, generateSigningKeys, sealContribution, type KeyPair } from './teamCrypto';
import { deleteContributions, deleteOwnFiles, newSealedRelativePath, readJoinRequests, readTeamText, requestRelativePath, ROSTER_FILE, TEAM_FILE, writeJoinRequest, writeSealed, writeTeamText } from './teamFolder';
import {
  appendSentLog, forgetMember, parseStewardState, readMembership, readSentLog, readSteward, writeMembership, writeSteward, type Membership, type StewardState,
} from './teamKeys';
import { collectTeamContributions, loadStewardTeam, readRoster, readTeamDocument } from './teamOpen';
import { reportMonths } from '../core/team/contribution';
import { seededRandom } from '../core/team/noise';
import { buildReleasedReport, DEFAULT_TREND_MONTHS, type EarlierGroup, type ReleasedAggregate, type TeamReport } from '../core/team/report';
import type { TeamGroupId } from '../core/team/roles';
import { appendRelease, readReleases } from './teamKeys';
import { cryptoRandom } from './teamRandom';
import {
  appendRoster, createJoinRequest, createTeamDocument, emptyRoster, entryHash, isFingerprint, isProblem, parseJoinRequest, recentAdmissionsWarning, resignTeamDocument,
  rosterMembers, serializeRoster, serializeTeamDocument, stamp, type Roster, type TeamDocument, type TeamPrivacy,
} from './teamTrust';

export const DEFAULT_PRIVACY: TeamPrivacy = { minGroupSize: 5, epsilonPerMonth: 2, epsilonPerYear: 24 };

/** The team's fingerprint: of the steward's signing key (the root every member confirms). */
export function teamFingerprint(doc: TeamDocument): string {
  return fingerprint(doc.steward);
}

// ---------------------------------------------------------------------------------------------------------
// Steward: init, admit, rotate, backup, restore.

export interface InitPlan {
  readonly team: string;
  readonly folder: string;
  readonly steward: KeyPair;
  readonly report: KeyPair;
  readonly doc: TeamDocument;
  readonly fingerprint: string;
  /** Files the apply step writes (team folder first, then the data folder). */
  readonly writes: readonly string[];
}

export async function planInit(folder: string, dataDir: string, now: number, privacy: TeamPrivacy = DEFAULT_PRIVACY): Promise<InitPlan> {
  if ((await readTeamText(folder, TEAM_FILE)) !== undefined) throw new Error(`${folder} already holds a team (team.json). Choose an empty folder.`);
  const team = randomBytes(16).toString('hex');
  const steward = generateSigningKeys(), report = generateReportKeys();
  const doc = createTeamDocument({ team, now, setupMonth: monthOf(new Date(now).toISOString().slice(0, 10)), steward, reportKey: report.publicKey, privacy });
  return {
    team, folder, steward, report, doc, fingerprint: teamFingerprint(doc),
    writes: [path.join(dataDir, 'team', `steward-${team}.json`) + ' (private keys, mode 0600)', path.join(folder, TEAM_FILE), path.join(folder, ROSTER_FILE)],
  };
}

export async function applyInit(plan: InitPlan, dataDir: string): Promise<void> {
  const roster = emptyRoster(plan.team);
  // The keys first: a team.json whose private keys were never saved would be a team nobody can report on.
  await writeSteward(dataDir, {
    kind: 'craft-time/team-steward', version: 1, team: plan.team, folder: plan.folder, signing: plan.steward,
    reportKeys: [{ ...plan.report, created: plan.doc.created }], rosterEntries: 0, rosterHead: '',
  });
  await writeTeamText(plan.folder, TEAM_FILE, serializeTeamDocument(plan.doc));
  await writeTeamText(plan.folder, ROSTER_FILE, serializeRoster(roster));
}

async function saveRoster(folder: string, dataDir: string, steward: StewardState, roster: Roster): Promise<void> {
  const last = roster.entries[roster.entries.length - 1];
  await writeSteward(dataDir, { ...steward, rosterEntries: roster.entries.length, rosterHead: last ? entryHash(last) : '' });
  await writeTeamText(folder, ROSTER_FILE, serializeRoster(roster));
}

export interface AdmitPlan {
  readonly admit: { fingerprint: string; key: string; requested: string }[];
  readonly roster: Roster;
  readonly warning?: string;
}

/**
 * Admission is by fingerprint only: each one must match a verified join request; "all pending" does not
 * exist, because anyone who can write to the folder can leave requests.
 */
export async function planAdmit(folder: string, dataDir: string, fingerprints: readonly string[], now: number): Promise<AdmitPlan & { team: Awaited<ReturnType<typeof loadStewardTeam>> }> {
  if (fingerprints.length === 0) throw new Error('Name the fingerprint(s) to admit, as each member told you (e.g. k3xq-7m2a-pd9r-wf4e).');
  const team = await loadStewardTeam(folder, dataDir);
  const requests = new Map<string, { key: string; requested: string }>();
  for (const r of await readJoinRequests(folder)) {
    const p = parseJoinRequest(r.text, team.doc.team);
    if (!isProblem(p)) requests.set(p.fingerprint, { key: p.key, requested: p.requested });
  }
  const members = new Set(rosterMembers(team.roster).map((m) => m.fingerprint));
  const admit: AdmitPlan['admit'] = [];
  for (const raw of fingerprints) {
    const fp = raw.trim().toLowerCase();
    if (!isFingerprint(fp)) throw new Error(`"${raw}" is not a fingerprint (four groups of four letters and digits, e.g. k3xq-7m2a-pd9r-wf4e).`);
    if (members.has(fp)) throw new Error(`${fp} is already on the roster.`);
    const req = requests.get(fp);
    if (!req) throw new Error(`No valid join request in the folder has fingerprint ${fp}. Ask the member to run "craft-time team join" (or Join in VS Code) and to read you the fingerprint it shows.`);
    members.add(fp);
    admit.push({ fingerprint: fp, ...req });
  }
  const roster = appendRoster(team.roster, team.steward.signing, ...admit.map((a) => ({ type: 'admit' as const, key: a.key, now })));
  return { admit, roster, warning: recentAdmissionsWarning(roster, now), team };
}

export async function applyAdmit(folder: string, dataDir: string, plan: AdmitPlan & { team: Awaited<ReturnType<typeof loadStewardTeam>> }): Promise<void> {
  await saveRoster(folder, dataDir, plan.team.steward, plan.roster);
}

/** Rotation: a new report key; the steward keeps the old ones (old contributions still open); the roster records it. */
export async function rotateReportKey(folder: string, dataDir: string, now: number, apply: boolean): Promise<{ fingerprint: string; writes: string[] }> {
  const team = await loadStewardTeam(folder, dataDir);
  const report = generateReportKeys();
  const writes = [path.join(dataDir, 'team', `steward-${team.doc.team}.json`), path.join(folder, TEAM_FILE), path.join(folder, ROSTER_FILE)];
  if (!apply) return { fingerprint: fingerprint(report.publicKey), writes };
  const steward: StewardState = { ...team.steward, reportKeys: [...team.steward.reportKeys, { ...report, created: stamp(now) }] };
  await writeSteward(dataDir, steward);
  await writeTeamText(folder, TEAM_FILE, serializeTeamDocument(resignTeamDocument(team.doc, steward.signing, { reportKey: report.publicKey })));
  await saveRoster(folder, dataDir, steward, appendRoster(team.roster, steward.signing, { type: 'report-key', key: report.publicKey, now }));
  return { fingerprint: fingerprint(report.publicKey), writes };
}

export async function backupStewardKeys(folder: string, dataDir: string, passphrase: string): Promise<string> {
  const doc = await readTeamDocument(folder);
  const steward = await readSteward(dataDir, doc.team);
  if (!steward) throw new Error(`This machine holds no steward key for team ${doc.team}.`);
  return encryptWithPassphrase(JSON.stringify(steward), passphrase);
}

/** Decrypts a backup (nothing written); apply with writeSteward. */
export function openStewardBackup(text: string, passphrase: string): StewardState {
  const state = parseStewardState(JSON.parse(decryptWithPassphrase(text, passphrase)) as unknown);
  if (!state) throw new Error('The backup decrypted but does not hold valid steward keys.');
  return state;
}

// ---------------------------------------------------------------------------------------------------------
// Member: join, send, withdraw.

export interface JoinPlan {
  readonly doc: TeamDocument;
  readonly teamFingerprint: string;
  readonly signing: KeyPair;
  readonly fingerprint: string;
  readonly requestFile: string;
  readonly requestText: string;
  readonly membership: Membership;
}

export async function planJoin(folder: string, dataDir: string, role: string, now: number): Promise<JoinPlan> {
  const existing = await readMembership(dataDir);
  if (existing) throw new Error(`This machine is already a member of team ${existing.team} (${existing.folder}). Leave it first ("craft-time team withdraw").`);
  const doc = await readTeamDocument(folder);
  const signing = generateSigningKeys();
  const fp = fingerprint(signing.publicKey);
  const requestFile = requestRelativePath(fp);
  return {
    doc, teamFingerprint: teamFingerprint(doc), signing, fingerprint: fp, requestFile,
    requestText: `${JSON.stringify(createJoinRequest(doc.team, signing, now), null, 2)}\n`,
    membership: { schema: 2, team: doc.team, steward: doc.steward, folder, role, signing, joined: stamp(now), requestFile },
  };
}

export async function applyJoin(plan: JoinPlan, dataDir: string): Promise<void> {
  await writeMembership(dataDir, plan.membership);
  await writeJoinRequest(plan.membership.folder, plan.fingerprint, plan.requestText);
}

/** The member's view of the team: team.json pinned to the steward key they confirmed. */
export async function memberTeam(m: Membership): Promise<TeamDocument> {
  return readTeamDocument(m.folder, m.steward);
}

export interface SendPlan {
  readonly doc: TeamDocument;
  readonly plaintext: string;
  readonly file: string;
  readonly absolute: string;
}

/** Where the month's file goes: the one already sent for that month (replaced), else a new random name. */
export async function planSend(dataDir: string, m: Membership, contribution: SealedContribution): Promise<SendPlan> {
  const doc = await memberTeam(m);
  if (contribution.team !== doc.team) throw new Error('The contribution was built for another team.');
  const earlier = (await readSentLog(dataDir)).filter((e) => e.month === contribution.month && e.file.startsWith(`${contribution.month}/`) && e.team === doc.team).pop();
  const file = earlier?.file ?? newSealedRelativePath(contribution.month);
  return { doc, plaintext: serializeSealedContribution(contribution), file, absolute: path.join(m.folder, ...file.split('/')) };
}

/** Logs the exact plaintext, then seals it to the team's current report key and writes the ciphertext. */
export async function applySend(dataDir: string, m: Membership, plan: SendPlan, now: number): Promise<string> {
  const sealed = sealContribution({ team: plan.doc.team, month: plan.file.slice(0, 7), reportKey: plan.doc.reportKey, plaintext: plan.plaintext, signer: m.signing });
  await appendSentLog(dataDir, { sent: stamp(now), month: plan.file.slice(0, 7), file: plan.file, plaintext: plan.plaintext, team: plan.doc.team });
  return writeSealed(m.folder, plan.file, sealed);
}

/** Leaving: the member's sealed files (from the send log) and join request, then the keys. */
export async function planWithdraw(dataDir: string): Promise<{ membership: Membership | undefined; files: string[] }> {
  const m = await readMembership(dataDir);
  if (!m) return { membership: undefined, files: [] };
  const sent = (await readSentLog(dataDir).catch(() => [])).filter((e) => e.team === m.team).map((e) => e.file);
  return { membership: m, files: [...new Set([...sent, m.requestFile])] };
}

export async function applyWithdraw(dataDir: string, plan: { membership: Membership | undefined; files: string[] }): Promise<{ deleted: string[]; forgotten: string[] }> {
  if (!plan.membership) return { deleted: [], forgotten: [] };
  const deleted = await deleteOwnFiles(plan.membership.folder, plan.files);
  const forgotten = await forgetMember(dataDir);
  return { deleted, forgotten };
}

/**
 * Leaving a version-1 (plaintext) team: this member's `<YYYY-MM>/<member id>.json` files, then the old
 * membership and member id (the files first: a folder that cannot be reached leaves the membership, so
 * leaving can be tried again).
 */
export async function applyLegacyWithdraw(dataDir: string, legacy: { folder: string; member?: string }): Promise<{ deleted: string[]; forgotten: string[] }> {
  const deleted = legacy.member ? await deleteContributions(legacy.folder, legacy.member) : [];
  const forgotten = await forgetMember(dataDir);
  return { deleted, forgotten };
}

// ---------------------------------------------------------------------------------------------------------
// Anyone: the roster view.

export interface RosterView {
  readonly team: string;
  readonly teamFingerprint: string;
  /** How the roster was verified: against the key this machine confirmed, or only against team.json itself. */
  readonly pinned: boolean;
  readonly privacy: TeamPrivacy;
  readonly members: { fingerprint: string; admitted: string }[];
  readonly pending: { fingerprint: string; requested: string }[];
  readonly warnings: string[];
}

export async function rosterView(folder: string, dataDir: string, now: number): Promise<RosterView> {
  const unpinned = await readTeamDocument(folder);
  const m = await readMembership(dataDir);
  const s = await readSteward(dataDir, unpinned.team).catch(() => undefined);
  const pin = m?.team === unpinned.team ? m.steward : s?.signing.publicKey;
  const doc = pin ? await readTeamDocument(folder, pin) : unpinned;
  const roster = await readRoster(folder, doc);
  const members = rosterMembers(roster).map((x) => ({ fingerprint: x.fingerprint, admitted: x.admitted }));
  const admitted = new Set(members.map((x) => x.fingerprint));
  const pending: RosterView['pending'] = [];
  for (const r of await readJoinRequests(folder)) {
    const p = parseJoinRequest(r.text, doc.team);
    if (!isProblem(p) && !admitted.has(p.fingerprint)) pending.push({ fingerprint: p.fingerprint, requested: p.requested });
  }
  pending.sort((a, b) => (a.requested < b.requested ? -1 : a.requested > b.requested ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
  const warnings: string[] = [];
  const recent = recentAdmissionsWarning(roster, now);
  if (recent) warnings.push(recent);
  if (!pin) warnings.push(`This machine has not confirmed this team: compare the team fingerprint ${teamFingerprint(doc)} with the one your steward tells you.`);
  return { team: doc.team, teamFingerprint: teamFingerprint(doc), pinned: pin !== undefined, privacy: doc.privacy, members, pending, warnings };
}

// ---------------------------------------------------------------------------------------------------------
// Steward: the report.

export interface StewardReportOptions {
  readonly month: string;
  readonly now: number;
  /** Can only raise team.json's minimum. */
  readonly minGroup?: number;
  readonly trendMonths?: number;
  /** Reproducible noise for tests: the release is not recorded, and the report says never to publish it. */
  readonly seed?: number;
  /** Worker threads that open the sealed files beside this thread (default: one per core but one, at most 3; 0: this thread alone). */
  readonly workers?: number;
  /** The bundled worker script (default: dist/teamOpenWorker.js next to the running bundle). */
  readonly workerScript?: string;
}

/**
 * The steward's report: verifies the team, opens the contributions in memory, applies team.json's minimum
 * and noise, checks and records the yearly noise budget in the release ledger (the trend of a noisy report
 * reads earlier releases from it, never recomputes them).
 */
export async function stewardReport(folder: string, dataDir: string, o: StewardReportOptions): Promise<{ report: TeamReport; released: ReleasedAggregate[]; team: string; minGroup: number; epsilon: number | null }> {
  const team = await loadStewardTeam(folder, dataDir);
  const privacy = team.doc.privacy;
  const minGroup = Math.max(privacy.minGroupSize, o.minGroup ?? 0);
  const epsilon = privacy.epsilonPerMonth > 0 ? privacy.epsilonPerMonth : undefined;
  if (o.seed !== undefined && epsilon === undefined) throw new Error('A seed only makes sense when team.json turns noise on.');
  const releases = await readReleases(dataDir, team.doc.team);
  if (epsilon !== undefined && o.seed === undefined) {
    const year = o.month.slice(0, 4);
    const spent = releases.filter((r) => r.month.startsWith(year)).reduce((s, r) => s + r.epsilon, 0);
    if (spent + epsilon > privacy.epsilonPerYear + 1e-9) {
      throw new Error(`This team's noise budget for ${year} is spent: ${spent} of ${privacy.epsilonPerYear} used, and a report costs ${epsilon}. ` +
        'Each report (re-runs included) spends budget, because averaging many noisy reports would remove the noise.');
    }
  }
  const earlier = new Map<string, Map<TeamGroupId, EarlierGroup>>();
  for (const r of releases) earlier.set(r.month, new Map(Object.entries(r.groups) as [TeamGroupId, EarlierGroup][]));
  const trendMonths = o.trendMonths ?? DEFAULT_TREND_MONTHS;
  const collected = await collectTeamContributions(folder, team, { months: reportMonths(o.month, trendMonths), now: o.now, workers: o.workers, workerScript: o.workerScript });
  const warnings = [...collected.warnings];
  const recent = recentAdmissionsWarning(team.roster, o.now);
  if (recent) warnings.push(recent);
  if (o.seed !== undefined) warnings.push('Seeded noise: anyone who knows the seed can remove the noise. Never publish this report.');
  const random = epsilon === undefined ? undefined : o.seed !== undefined ? seededRandom(o.seed) : cryptoRandom();
  const { report, released } = buildReleasedReport(collected.contributions.map((c) => c.contribution), collected.rejected, { month: o.month, minGroup, epsilon, random, trendMonths, earlier, warnings });
  if (o.seed === undefined) {
    const groups = Object.fromEntries(report.groups.map((g) => [g.group, { members: g.members, weeklyHandsOnHoursMedian: g.weeklyHandsOnHours.median, craftRatioMedian: g.craftRatio.median }]));
    await appendRelease(dataDir, team.doc.team, { month: o.month, released: stamp(o.now), epsilon: epsilon ?? 0, groups });
  }
  return { report, released, team: team.doc.team, minGroup, epsilon: epsilon ?? null };
}
