// What stays on one machine: the steward's private keys and release ledger, the member's signing key and
// membership, and the member's log of every file sent with its exact plaintext. All in the data folder's
// team/ subfolder, mode 0600, never in the team folder. Formats: docs/team-format.md ("On your machine").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { readFileSafe, SafeReadError } from './safeRead';
import { fingerprint, isPrivateJwk, isPublicKeyText, type KeyPair } from './teamCrypto';

export const TEAM_DIR = 'team';
const MAX_STATE_BYTES = 16 * 1024 * 1024;
const HEX32 = /^[0-9a-f]{32}$/;

const teamDir = (dataDir: string) => path.join(dataDir, TEAM_DIR);

/**
 * Files of the data folder (relative, '/' separators) that hold private keys: "Export all data" and any
 * other copy of the data folder must leave them out (a steward backs keys up with `team backup-key`).
 */
export function isTeamPrivateKeyFile(relative: string): boolean {
  return /^team\/(steward-[0-9a-f]{32}|membership)\.json$/.test(relative);
}

async function readState(dataDir: string, name: string): Promise<unknown> {
  try {
    const text = (await readFileSafe(path.join(teamDir(dataDir), name), { maxBytes: MAX_STATE_BYTES, within: dataDir })).toString('utf8');
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof SafeReadError && error.code === 'ENOENT') return undefined;
    if (error instanceof SyntaxError) throw new Error(`${path.join(teamDir(dataDir), name)} is damaged (not valid JSON); it was left as it is.`, { cause: error });
    throw error;
  }
}

async function writeState(dataDir: string, name: string, value: unknown): Promise<string> {
  const file = path.join(teamDir(dataDir), name);
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, mkdir: true });
  await fs.promises.chmod(file, 0o600); // a file restored by the user may have come with looser bits
  return file;
}

function isKeyPair(v: unknown, crv: 'Ed25519' | 'X25519'): v is KeyPair {
  const k = v as KeyPair | undefined;
  return typeof v === 'object' && v !== null && isPublicKeyText(k?.publicKey) && isPrivateJwk(k?.privateKey, crv) && k.privateKey.x === k.publicKey;
}

// ---------------------------------------------------------------------------------------------------------
// The steward.

export interface StewardState {
  readonly kind: 'craft-time/team-steward';
  readonly version: 1;
  readonly team: string;
  /** The team folder as the steward named it (informative; commands take --dir). */
  readonly folder: string;
  readonly signing: KeyPair;
  /** Every report key this team used, oldest first; the last is current. Old ones open old contributions. */
  readonly reportKeys: readonly (KeyPair & { readonly created: string })[];
  /** The roster as this steward last wrote it: a shorter roster in the folder means entries were removed. */
  readonly rosterEntries: number;
  readonly rosterHead: string;
}

export const stewardFileName = (team: string) => `steward-${team}.json`;

export function parseStewardState(v: unknown): StewardState | undefined {
  const s = v as Partial<StewardState> | undefined;
  if (typeof v !== 'object' || v === null || s?.kind !== 'craft-time/team-steward' || s.version !== 1 || typeof s.team !== 'string' || !HEX32.test(s.team)) return undefined;
  if (!isKeyPair(s.signing, 'Ed25519') || !Array.isArray(s.reportKeys) || s.reportKeys.length === 0 || !s.reportKeys.every((k) => isKeyPair(k, 'X25519'))) return undefined;
  if (typeof s.rosterEntries !== 'number' || typeof s.rosterHead !== 'string' || typeof s.folder !== 'string') return undefined;
  return s as StewardState;
}

export async function readSteward(dataDir: string, team: string): Promise<StewardState | undefined> {
  const v = await readState(dataDir, stewardFileName(team));
  if (v === undefined) return undefined;
  const s = parseStewardState(v);
  if (!s || s.team !== team) throw new Error(`The steward key file ${stewardFileName(team)} in ${teamDir(dataDir)} is damaged; restore it from a backup (team restore-key).`);
  return s;
}

export async function writeSteward(dataDir: string, state: StewardState): Promise<string> {
  return writeState(dataDir, stewardFileName(state.team), state);
}

/** Report keys by fingerprint (what a sealed file names as its recipient). */
export function reportKeyMap(state: StewardState): Map<string, KeyPair> {
  return new Map(state.reportKeys.map((k) => [fingerprint(k.publicKey), k]));
}

/** The steward's release ledger: what each report released, for the yearly budget and the trend. */
export interface Release {
  readonly month: string;
  readonly released: string;
  /** 0 when noise was off. */
  readonly epsilon: number;
  readonly groups: Readonly<Record<string, { members: number; weeklyHandsOnHoursMedian: number | null; craftRatioMedian: number | null }>>;
}

export const releasesFileName = (team: string) => `releases-${team}.json`;

export async function readReleases(dataDir: string, team: string): Promise<Release[]> {
  const v = (await readState(dataDir, releasesFileName(team))) as { releases?: unknown } | undefined;
  if (v === undefined) return [];
  if (!Array.isArray(v.releases)) throw new Error(`${releasesFileName(team)} is damaged; it was left as it is (the yearly noise budget cannot be checked without it).`);
  return v.releases as Release[];
}

export async function appendRelease(dataDir: string, team: string, release: Release): Promise<void> {
  const all = await readReleases(dataDir, team);
  await writeState(dataDir, releasesFileName(team), { kind: 'craft-time/team-releases', version: 1, team, releases: [...all, release] });
}

// ---------------------------------------------------------------------------------------------------------
// The member.

export interface Membership {
  readonly schema: 2;
  readonly team: string;
  /** The steward key the member confirmed (by its fingerprint) when joining: team.json must keep it. */
  readonly steward: string;
  readonly folder: string;
  readonly role: string;
  readonly signing: KeyPair;
  readonly joined: string;
  /** The join request's path in the team folder (deleted on leave). */
  readonly requestFile: string;
}

export const MEMBERSHIP_FILE = 'membership.json';

export async function readMembership(dataDir: string): Promise<Membership | undefined> {
  const v = (await readState(dataDir, MEMBERSHIP_FILE).catch(() => undefined)) as Partial<Membership> | undefined;
  if (!v || v.schema !== 2 || typeof v.team !== 'string' || !HEX32.test(v.team) || !isPublicKeyText(v.steward) || typeof v.folder !== 'string' || typeof v.role !== 'string' || !isKeyPair(v.signing, 'Ed25519') || typeof v.requestFile !== 'string') return undefined;
  return v as Membership;
}

/** A version-1 membership (plaintext era): its folder and member id, for the one-time migration question. */
export async function readLegacyMembership(dataDir: string): Promise<{ folder: string; member?: string } | undefined> {
  const v = (await readState(dataDir, MEMBERSHIP_FILE).catch(() => undefined)) as { schema?: unknown; folder?: unknown } | undefined;
  if (!v || v.schema !== 1 || typeof v.folder !== 'string') return undefined;
  const m = (await readState(dataDir, 'member.json').catch(() => undefined)) as { member?: unknown } | undefined;
  return { folder: v.folder, member: typeof m?.member === 'string' && HEX32.test(m.member) ? m.member : undefined };
}

export async function writeMembership(dataDir: string, m: Membership): Promise<string> {
  return writeState(dataDir, MEMBERSHIP_FILE, m);
}

/** The marker of the one-time question to leave a version-1 team (its content: when it was asked). */
export const MIGRATION_ASKED_FILE = 'migration-asked';

/**
 * Claims the one-time migration question: true for exactly one caller on the machine, ever (the marker is
 * created exclusively, so two windows starting together cannot both ask), false once it has been asked.
 */
export async function claimMigrationQuestion(dataDir: string, now: number): Promise<boolean> {
  try {
    await writeFileAtomic(path.join(teamDir(dataDir), MIGRATION_ASKED_FILE), `${new Date(now).toISOString()}\n`, { mkdir: true, exclusive: true });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** True when this machine is in a team, sealed or legacy (cheap: decides whether the team code loads at startup). */
export function hasMembershipFile(dataDir: string): boolean {
  return fs.existsSync(path.join(teamDir(dataDir), MEMBERSHIP_FILE));
}

/** One file sent: when, for which month, where, and the exact plaintext that was sealed into it. */
export interface SentEntry {
  readonly team: string;
  readonly sent: string;
  readonly month: string;
  readonly file: string;
  readonly plaintext: string;
}

export const SENT_LOG_FILE = 'sent.json';

export async function readSentLog(dataDir: string): Promise<SentEntry[]> {
  const v = (await readState(dataDir, SENT_LOG_FILE)) as { sent?: unknown } | undefined;
  if (v === undefined) return [];
  if (!Array.isArray(v.sent)) throw new Error(`${SENT_LOG_FILE} in ${teamDir(dataDir)} is damaged; it was left as it is.`);
  return v.sent as SentEntry[];
}

/** Logs a file before it is written to the team folder (so nothing is ever sent without a log line). */
export async function appendSentLog(dataDir: string, entry: SentEntry): Promise<string> {
  const all = await readSentLog(dataDir);
  return writeState(dataDir, SENT_LOG_FILE, { schema: 1, sent: [...all, entry] });
}

/**
 * Leaving: deletes the membership (which holds the signing key) and the legacy member id. The send log stays:
 * it is the member's own record of what was sent (and says which files leaving deleted).
 */
export async function forgetMember(dataDir: string): Promise<string[]> {
  const deleted: string[] = [];
  for (const name of [MEMBERSHIP_FILE, 'member.json']) {
    const file = path.join(teamDir(dataDir), name);
    if (fs.existsSync(file)) {
      await fs.promises.rm(file, { force: true });
      deleted.push(file);
    }
  }
  return deleted;
}
