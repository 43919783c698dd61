// The steward's side of a team folder: verify team.json and the roster against the keys this machine holds,
// then open every sealed contribution in memory and keep only what may count: signed by a rostered member,
// for the month of its folder, once per member and month (the newest wins). Nothing opened is written.
import {
  collectContributions,
  isRejection,
  parseSealedContribution,
  type MonthContribution,
  type RejectedFile,
} from '../core/team/contribution';
import { NOT_ROSTERED } from './teamCrypto';
import { createSealedOpener, type OpenResult, type SealedOpener } from './teamOpenPool';
import { readTeamText, ROSTER_FILE, scanTeamFolder, TEAM_FILE, type ScanOptions, type ScannedFile } from './teamFolder';
import { reportKeyMap, readSteward, type StewardState } from './teamKeys';
import { emptyRoster, entryHash, isProblem, parseRoster, parseTeamDocument, rosterMembers, type Roster, type TeamDocument } from './teamTrust';

export interface StewardTeam {
  readonly doc: TeamDocument;
  readonly roster: Roster;
  readonly steward: StewardState;
}

/** Reads and verifies team.json (unpinned: it names the team). Throws Error with a plain reason. */
export async function readTeamDocument(folder: string, pinnedSteward?: string): Promise<TeamDocument> {
  const text = await readTeamText(folder, TEAM_FILE);
  if (text === undefined) throw new Error(`${folder} has no team.json: it is not a team folder (the steward runs "craft-time team init" first).`);
  const doc = parseTeamDocument(text, pinnedSteward);
  if (isProblem(doc)) throw new Error(doc.reason);
  return doc;
}

/** Reads and verifies the roster (an absent roster is empty). Throws Error when it does not verify. */
export async function readRoster(folder: string, doc: TeamDocument, trusted?: { entries: number; head: string }): Promise<Roster> {
  const text = await readTeamText(folder, ROSTER_FILE);
  if (text === undefined) return emptyRoster(doc.team);
  const roster = parseRoster(text, doc.team, doc.steward, trusted);
  if (isProblem(roster)) throw new Error(`The roster does not verify: ${roster.reason}. Nobody can be counted until the steward restores it.`);
  return roster;
}

/**
 * The team as the steward's keys see it: team.json must be signed by this machine's steward key and name a
 * report key it holds; the roster must verify and must extend the roster this steward last wrote.
 */
export async function loadStewardTeam(folder: string, dataDir: string): Promise<StewardTeam> {
  const unpinned = await readTeamDocument(folder);
  const steward = await readSteward(dataDir, unpinned.team);
  if (!steward) throw new Error(`This machine holds no steward key for team ${unpinned.team} (restore it with "craft-time team restore-key").`);
  const doc = await readTeamDocument(folder, steward.signing.publicKey);
  if (!reportKeyMap(steward).has(steward.reportKeys.length ? fingerprintOf(steward, doc.reportKey) : '')) {
    throw new Error("team.json names a report key this steward does not hold: restore the latest key backup.");
  }
  const roster = await readRoster(folder, doc, steward.rosterEntries > 0 ? { entries: steward.rosterEntries, head: steward.rosterHead } : undefined).catch((error: Error) => {
    throw new Error(`${error.message} (or entries were removed or replaced)`, { cause: error });
  });
  if (roster.entries.length < steward.rosterEntries || (steward.rosterEntries > 0 && entryHash(roster.entries[steward.rosterEntries - 1]) !== steward.rosterHead)) {
    throw new Error(`The roster in the folder has ${roster.entries.length} entries but this steward wrote ${steward.rosterEntries}: entries were removed or replaced. Restore roster.json from a copy.`);
  }
  return { doc, roster, steward };
}

function fingerprintOf(steward: StewardState, publicKey: string): string {
  for (const [fp, k] of reportKeyMap(steward)) if (k.publicKey === publicKey) return fp;
  return '';
}

export interface CountedContribution {
  readonly file: string;
  /** Signer fingerprint (sealed) or "v1:<member id>" (legacy, setup month only). */
  readonly member: string;
  readonly contribution: MonthContribution & { readonly written: string };
}

export interface CollectedTeam {
  readonly contributions: CountedContribution[];
  readonly rejected: RejectedFile[];
  readonly warnings: string[];
}

/**
 * Opens the month folders in a memory budget (see scanTeamFolder) and applies the counting rules. Never
 * throws on file content: every file that does not count is listed with its reason.
 */
export async function collectTeamContributions(folder: string, team: StewardTeam, options: ScanOptions & { now: number; workers?: number; workerScript?: string }): Promise<CollectedTeam> {
  const keys = reportKeyMap(team.steward);
  // Rostered members by their full public key (not by its 80-bit fingerprint), with their fingerprints.
  const rostered = new Map(rosterMembers(team.roster).map((m) => [m.key, m.fingerprint]));
  const opener = createSealedOpener({ team: team.doc.team, reportKeys: [...keys], rostered: [...rostered] }, { workers: options.workers, script: options.workerScript });
  try {
    return await collectWith(folder, team, options, rostered, opener);
  } finally {
    await opener.close();
  }
}

/** Sealed files go to the opener in batches of this many (one message to a worker thread each). */
const OPEN_BATCH = 128;

async function collectWith(folder: string, team: StewardTeam, options: ScanOptions & { now: number }, rostered: ReadonlyMap<string, string>, opener: SealedOpener): Promise<CollectedTeam> {
  const rejected: RejectedFile[] = [];
  const best = new Map<string, CountedContribution>();
  const legacyFiles: { file: string; text: string }[] = [];
  const keep = (c: CountedContribution) => {
    const key = `${c.contribution.month}/${c.member}`;
    const old = best.get(key);
    if (!old) return void best.set(key, c);
    const newer = Date.parse(c.contribution.written) > Date.parse(old.contribution.written) || (c.contribution.written === old.contribution.written && c.file < old.file);
    const [win, lose] = newer ? [c, old] : [old, c];
    best.set(key, win);
    rejected.push({ file: lose.file, reason: `an older contribution of the same member and month than ${win.file} (the newest counts)` });
  };
  const onFile = (f: ScannedFile): Promise<void> | undefined => {
    const folderMonth = f.file.slice(0, 7);
    if (f.format === 'legacy') {
      if (folderMonth !== team.doc.setupMonth) rejected.push({ file: f.file, reason: `version-1 plaintext file: read only for ${team.doc.setupMonth}, the month this team was set up` });
      else legacyFiles.push({ file: f.file, text: f.text });
      return undefined;
    }
    batch.push(f.file);
    texts.push(f.text);
    if (texts.length >= OPEN_BATCH) return dispatch();
  };
  // Batches are opened in parallel but counted in the order they were read (so reasons do not depend on which
  // worker finished first); the scan waits only while `opener.parallel` batches are still being opened (a
  // batch opened on this thread and waiting for an older one to be counted does not hold the scan up).
  let batch: string[] = [], texts: string[] = [];
  let chain: Promise<void> = Promise.resolve();
  const opening = new Set<Promise<unknown>>();
  const dispatch = (): Promise<void> | undefined => {
    const files = batch, results = opener.open(texts);
    batch = [];
    texts = [];
    const tracked: Promise<unknown> = results.finally(() => opening.delete(tracked));
    opening.add(tracked);
    chain = chain.then(() => results).then((r) => r.forEach((opened, i) => counted(files[i], opened)));
    return opening.size >= opener.parallel ? Promise.race(opening).then(() => undefined) : undefined;
  };
  const counted = (file: string, opened: OpenResult) => {
    const folderMonth = file.slice(0, 7);
    if ('reason' in opened) return void rejected.push({ file, reason: opened.reason });
    if (opened.month !== folderMonth) return void rejected.push({ file, reason: `in folder ${folderMonth} but sealed for ${opened.month} (a replayed file)` });
    if (rostered.get(opened.signer) !== opened.signerFingerprint) return void rejected.push({ file, reason: NOT_ROSTERED });
    let json: unknown;
    try {
      json = JSON.parse(opened.plaintext);
    } catch {
      return void rejected.push({ file, reason: 'sealed plaintext is not valid JSON' });
    }
    const c = parseSealedContribution(json, { now: options.now });
    if (isRejection(c)) return void rejected.push({ file, reason: c.reason });
    if (c.team !== team.doc.team || c.month !== opened.month) return void rejected.push({ file, reason: 'sealed plaintext names another team or month' });
    keep({ file, member: opened.signerFingerprint, contribution: c });
  };
  const scanRejected = await scanTeamFolder(folder, options, onFile);
  if (texts.length > 0) dispatch();
  await chain;
  const warnings: string[] = [];
  if (legacyFiles.length > 0) {
    const legacy = collectContributions(legacyFiles, { now: options.now });
    rejected.push(...legacy.rejected);
    for (const l of legacy.contributions) {
      if (l.contribution.month !== team.doc.setupMonth) continue;
      keep({ file: l.file, member: `v1:${l.contribution.member}`, contribution: l.contribution });
    }
    if (legacy.contributions.length > 0) {
      warnings.push(`${legacy.contributions.length} unsigned version-1 plaintext file(s) were counted for ${team.doc.setupMonth}, the month this team was set up. ` +
        'They are not bound to rostered members, so this month is not protected against made-up members; from next month only sealed contributions count. Ask their authors to re-send sealed, then delete them.');
    }
  }
  const contributions = [...best.values()].sort((a, b) => (a.contribution.month !== b.contribution.month ? (a.contribution.month < b.contribution.month ? -1 : 1) : a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
  rejected.push(...scanRejected);
  rejected.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.reason < b.reason ? -1 : 1));
  return { contributions, rejected, warnings };
}
