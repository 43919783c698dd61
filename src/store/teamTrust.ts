// What makes a team folder trustworthy: team.json signed by the steward, an append-only roster whose every
// entry the steward signed (each entry also names the hash of the one before, so entries cannot be dropped
// from the middle, reordered or edited), and join requests that hold only a member's public key.
// Parsing never throws on file content: a bad document is a reason. Formats: docs/team-format.md.
import { canonicalJson, fingerprint, FINGERPRINT_RE, isPublicKeyText, sha256, signText, verifyText, type KeyPair } from './teamCrypto';

export const TEAM_KIND = 'craft-time/team';
export const ROSTER_KIND = 'craft-time/team-roster';
export const REQUEST_KIND = 'craft-time/team-join-request';
const TEAM_CONTEXT = 'craft-time/team.json';
const ROSTER_CONTEXT = 'craft-time/team-roster-entry';
const REQUEST_CONTEXT = 'craft-time/team-join-request';
const HEX32 = /^[0-9a-f]{32}$/;
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const STAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The privacy settings a team can change only in its signed team.json (members see them when joining). */
export interface TeamPrivacy {
  /** Smallest group the report shows: default 5, never below 3. */
  readonly minGroupSize: number;
  /** Differential-privacy budget per monthly report; 0 turns noise off (shown to members as such). */
  readonly epsilonPerMonth: number;
  /** Total budget of all releases of one calendar year; the report refuses to go beyond it. */
  readonly epsilonPerYear: number;
}

export interface TeamDocument {
  readonly kind: typeof TEAM_KIND;
  readonly version: 1;
  readonly team: string;
  readonly created: string;
  /** The month the team was set up: version-1 plaintext files are read for this month only. */
  readonly setupMonth: string;
  /** Steward's Ed25519 public key; its fingerprint is the team's fingerprint that members confirm. */
  readonly steward: string;
  /** The team fingerprint (of `steward`), for people to read out and compare. */
  readonly fingerprint: string;
  /** Current report key (X25519): contributions are sealed to it. */
  readonly reportKey: string;
  readonly privacy: TeamPrivacy;
  readonly signature: string;
}

export interface Problem {
  readonly reason: string;
}
export type Parsed<T> = T | Problem;
export function isProblem<T extends object>(v: T | Problem): v is Problem {
  return 'reason' in v && Object.keys(v).length === 1;
}

export function stamp(now: number): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function exactKeys(o: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
}

export function validatePrivacy(p: unknown): Parsed<TeamPrivacy> {
  if (!isObject(p) || !exactKeys(p, ['minGroupSize', 'epsilonPerMonth', 'epsilonPerYear'])) return { reason: 'privacy must hold minGroupSize, epsilonPerMonth, epsilonPerYear' };
  const { minGroupSize: m, epsilonPerMonth: e, epsilonPerYear: y } = p;
  if (typeof m !== 'number' || !Number.isInteger(m) || m < 3 || m > 1000) return { reason: 'minGroupSize must be a whole number from 3 to 1000' };
  if (typeof e !== 'number' || !Number.isFinite(e) || (e !== 0 && (e < 0.1 || e > 10))) return { reason: 'epsilonPerMonth must be 0 (noise off) or from 0.1 to 10' };
  if (typeof y !== 'number' || !Number.isFinite(y) || y < e || y > 120) return { reason: 'epsilonPerYear must be at least epsilonPerMonth and at most 120' };
  return { minGroupSize: m, epsilonPerMonth: e, epsilonPerYear: y };
}

function teamMessage(doc: Omit<TeamDocument, 'signature'>): string {
  return canonicalJson(doc);
}

/** A new signed team.json. */
export function createTeamDocument(input: { team: string; now: number; setupMonth: string; steward: KeyPair; reportKey: string; privacy: TeamPrivacy }): TeamDocument {
  const body = {
    kind: TEAM_KIND as typeof TEAM_KIND, version: 1 as const, team: input.team, created: stamp(input.now), setupMonth: input.setupMonth,
    steward: input.steward.publicKey, fingerprint: fingerprint(input.steward.publicKey), reportKey: input.reportKey, privacy: input.privacy,
  };
  return { ...body, signature: signText(input.steward.privateKey, TEAM_CONTEXT, teamMessage(body)) };
}

/** team.json re-signed with a changed report key (rotation) or privacy settings. */
export function resignTeamDocument(doc: TeamDocument, steward: KeyPair, change: { reportKey?: string; privacy?: TeamPrivacy }): TeamDocument {
  const { signature: _s, ...body } = doc;
  const next = { ...body, reportKey: change.reportKey ?? doc.reportKey, privacy: change.privacy ?? doc.privacy };
  return { ...next, signature: signText(steward.privateKey, TEAM_CONTEXT, teamMessage(next)) };
}

export function serializeTeamDocument(doc: TeamDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const TEAM_FIELDS = ['kind', 'version', 'team', 'created', 'setupMonth', 'steward', 'fingerprint', 'reportKey', 'privacy', 'signature'];

/** Parses and verifies team.json: its signature must verify under its own steward key (and that key must be `pinned` when given). */
export function parseTeamDocument(text: string, pinnedSteward?: string): Parsed<TeamDocument> {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return { reason: 'team.json is not valid JSON' };
  }
  if (!isObject(j) || j.kind !== TEAM_KIND) return { reason: 'team.json is not a Craft Time team file' };
  if (j.version !== 1) return { reason: typeof j.version === 'number' && j.version > 1 ? 'team.json is newer than this Craft Time reads' : 'team.json has an unsupported version' };
  if (!exactKeys(j, TEAM_FIELDS)) return { reason: 'team.json has missing or unexpected fields' };
  if (typeof j.team !== 'string' || !HEX32.test(j.team)) return { reason: 'team.json: team must be 32 hex digits' };
  if (typeof j.created !== 'string' || !STAMP_RE.test(j.created)) return { reason: 'team.json: bad created time' };
  if (typeof j.setupMonth !== 'string' || !MONTH_RE.test(j.setupMonth)) return { reason: 'team.json: bad setupMonth' };
  if (!isPublicKeyText(j.steward) || !isPublicKeyText(j.reportKey)) return { reason: 'team.json: bad public key' };
  if (j.fingerprint !== fingerprint(j.steward)) return { reason: "team.json: the fingerprint is not the steward key's" };
  const privacy = validatePrivacy(j.privacy);
  if (isProblem(privacy)) return { reason: `team.json: ${privacy.reason}` };
  const { signature, ...body } = j;
  if (!verifyText(j.steward, TEAM_CONTEXT, canonicalJson(body), signature)) return { reason: 'team.json is not signed by its steward key (changed after signing?)' };
  if (pinnedSteward !== undefined && j.steward !== pinnedSteward) return { reason: "team.json's steward key is not the one you confirmed: someone replaced team.json" };
  return { kind: TEAM_KIND, version: 1, team: j.team, created: j.created, setupMonth: j.setupMonth, steward: j.steward, fingerprint: j.fingerprint as string, reportKey: j.reportKey, privacy, signature: signature as string };
}

// ---------------------------------------------------------------------------------------------------------
// The roster.

export interface RosterEntry {
  readonly seq: number;
  /** admit: a member's signing key; report-key: a rotation of the report key. */
  readonly type: 'admit' | 'report-key';
  readonly key: string;
  readonly fingerprint: string;
  readonly at: string;
  /** Hash of the previous entry (canonical JSON with its signature), or of the team id for the first. */
  readonly prev: string;
  readonly signature: string;
}

export interface Roster {
  readonly kind: typeof ROSTER_KIND;
  readonly version: 1;
  readonly team: string;
  readonly entries: readonly RosterEntry[];
}

export function emptyRoster(team: string): Roster {
  return { kind: ROSTER_KIND, version: 1, team, entries: [] };
}

export function entryHash(e: RosterEntry): string {
  return sha256(canonicalJson(e));
}

/** The hash that chains the next entry: of the last entry, or of the team id. */
export function rosterHead(roster: Roster): string {
  const last = roster.entries[roster.entries.length - 1];
  return last ? entryHash(last) : sha256(`craft-time team ${roster.team}`);
}

/** Appends signed entries (pure: returns the new roster; one pass, so admitting many stays linear). */
export function appendRoster(roster: Roster, steward: KeyPair, ...added: { type: RosterEntry['type']; key: string; now: number }[]): Roster {
  const entries = [...roster.entries];
  for (const entry of added) {
    const prev = entries.length ? entryHash(entries[entries.length - 1]) : rosterHead(emptyRoster(roster.team));
    const body = { seq: entries.length + 1, type: entry.type, key: entry.key, fingerprint: fingerprint(entry.key), at: stamp(entry.now), prev };
    entries.push({ ...body, signature: signText(steward.privateKey, ROSTER_CONTEXT, `${roster.team}\n${canonicalJson(body)}`) });
  }
  return { ...roster, entries };
}

export function serializeRoster(r: Roster): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

const ENTRY_FIELDS = ['seq', 'type', 'key', 'fingerprint', 'at', 'prev', 'signature'];
export const MAX_ROSTER_ENTRIES = 100_000;

/**
 * Parses and verifies the roster: every entry signed by the steward, numbered 1, 2, 3 ... and chained by
 * hash. One bad entry rejects the whole roster (a report then counts no one), because a roster that was
 * tampered with cannot be partly trusted.
 */
export function parseRoster(text: string, team: string, steward: string, trusted?: { readonly entries: number; readonly head: string }): Parsed<Roster> {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return { reason: 'roster.json is not valid JSON' };
  }
  if (!isObject(j) || j.kind !== ROSTER_KIND || j.version !== 1 || !exactKeys(j, ['kind', 'version', 'team', 'entries'])) return { reason: 'roster.json is not a Craft Time roster' };
  if (j.team !== team) return { reason: 'roster.json belongs to another team' };
  if (!Array.isArray(j.entries) || j.entries.length > MAX_ROSTER_ENTRIES) return { reason: 'roster.json: entries must be a list' };
  if (trusted !== undefined && j.entries.length < trusted.entries) return { reason: `roster.json has ${j.entries.length} entries but this steward signed ${trusted.entries} (entries removed)` };
  const entries: RosterEntry[] = [];
  let head = rosterHead(emptyRoster(team));
  for (let i = 0; i < j.entries.length; i++) {
    const e: unknown = j.entries[i];
    const at = `roster entry ${i + 1}`;
    if (!isObject(e) || !exactKeys(e, ENTRY_FIELDS)) return { reason: `${at} has missing or unexpected fields` };
    if (e.seq !== i + 1) return { reason: `${at} is out of sequence (entries removed or reordered)` };
    if (e.type !== 'admit' && e.type !== 'report-key') return { reason: `${at} has an unknown type` };
    // The steward's own machine knows the hash of the last entry it signed: the entries up to it are chained
    // to that hash, so they are exactly what it signed (checked at the last of them; a shorter roster was
    // refused above) and their signatures and fingerprints need no second computation.
    const vouched = trusted !== undefined && i < trusted.entries;
    if (!isPublicKeyText(e.key) || typeof e.fingerprint !== 'string' || (!vouched && e.fingerprint !== fingerprint(e.key))) return { reason: `${at} has a bad key or fingerprint` };
    if (typeof e.at !== 'string' || !STAMP_RE.test(e.at)) return { reason: `${at} has a bad date` };
    if (e.prev !== head) return { reason: `${at} does not follow the entry before it (entries removed, reordered or edited)` };
    const { signature, ...body } = e;
    if (!vouched && !verifyText(steward, ROSTER_CONTEXT, `${team}\n${canonicalJson(body)}`, signature)) return { reason: `${at} is not signed by the steward` };
    entries.push(e as unknown as RosterEntry);
    head = entryHash(entries[entries.length - 1]);
    if (vouched && i === trusted.entries - 1 && head !== trusted.head) return { reason: `entries 1-${trusted.entries} are not the ones this steward signed (replaced or edited)` };
  }
  return { kind: ROSTER_KIND, version: 1, team, entries };
}

export interface RosterMember {
  readonly fingerprint: string;
  readonly key: string;
  readonly admitted: string;
}

/** Admitted members, once each (the first admission counts), in admission order. */
export function rosterMembers(roster: Roster): RosterMember[] {
  const seen = new Map<string, RosterMember>();
  for (const e of roster.entries) if (e.type === 'admit' && !seen.has(e.fingerprint)) seen.set(e.fingerprint, { fingerprint: e.fingerprint, key: e.key, admitted: e.at });
  return [...seen.values()];
}

/** A warning when several members were admitted shortly before `now` (how a group would be padded). */
export const RECENT_ADMISSION_DAYS = 14;
export function recentAdmissionsWarning(roster: Roster, now: number): string | undefined {
  const since = now - RECENT_ADMISSION_DAYS * 86_400_000;
  const recent = rosterMembers(roster).filter((m) => Date.parse(m.admitted) >= since);
  if (recent.length < 2) return undefined;
  return `${recent.length} members were admitted in the last ${RECENT_ADMISSION_DAYS} days (${recent.map((m) => m.fingerprint).join(', ')}). ` +
    'Several admissions just before a report is how a group is padded with made-up members: check that each fingerprint belongs to a real person who told you it.';
}

// ---------------------------------------------------------------------------------------------------------
// Join requests.

export interface JoinRequest {
  readonly kind: typeof REQUEST_KIND;
  readonly version: 1;
  readonly team: string;
  readonly key: string;
  readonly requested: string;
  /** Self-signature: the requester holds the private key. */
  readonly signature: string;
}

export function createJoinRequest(team: string, member: KeyPair, now: number): JoinRequest {
  const body = { kind: REQUEST_KIND as typeof REQUEST_KIND, version: 1 as const, team, key: member.publicKey, requested: stamp(now) };
  return { ...body, signature: signText(member.privateKey, REQUEST_CONTEXT, canonicalJson(body)) };
}

export function parseJoinRequest(text: string, team: string): Parsed<JoinRequest & { fingerprint: string }> {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return { reason: 'not valid JSON' };
  }
  if (!isObject(j) || j.kind !== REQUEST_KIND || j.version !== 1 || !exactKeys(j, ['kind', 'version', 'team', 'key', 'requested', 'signature'])) return { reason: 'not a join request' };
  if (j.team !== team) return { reason: 'a request for another team' };
  if (!isPublicKeyText(j.key) || typeof j.requested !== 'string' || !STAMP_RE.test(j.requested)) return { reason: 'bad key or date' };
  const { signature, ...body } = j;
  if (!verifyText(j.key, REQUEST_CONTEXT, canonicalJson(body), signature)) return { reason: 'not signed by its own key' };
  return { kind: REQUEST_KIND, version: 1, team, key: j.key, requested: j.requested, signature: signature as string, fingerprint: fingerprint(j.key) };
}

export function isFingerprint(value: string): boolean {
  return FINGERPRINT_RE.test(value);
}
