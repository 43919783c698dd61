// The team contribution: one member's coarse numbers for one month (docs/team-format.md). Pure: the clock
// comes in as `now`, files come in as text, nothing is read or written here.
import { addDays, addMonths, isoWeek, isoWeekMonday, monthOf } from '../zone';
import { isTeamRole, type TeamRole } from './roles';

export const CONTRIBUTION_KIND = 'craft-time/team-contribution';
/** Version 1: plaintext files in the team folder (read only for the month a sealed team is set up). */
export const LEGACY_CONTRIBUTION_VERSION = 1;
/** Version 2: the plaintext sealed inside a contribution (docs/team-format.md, version table). */
export const CONTRIBUTION_VERSION = 2;
/** Files larger than this are rejected unread (a real contribution is well under 2 KB). */
export const MAX_CONTRIBUTION_BYTES = 64 * 1024;
/** A week cannot hold more hours than this. */
export const MAX_WEEK_HOURS = 168;
/** Deep-work blocks are at least 45 minutes long, so a week holds at most 168 * 60 / 45 of them. */
export const MAX_DEEP_WORK_BLOCKS = 224;
/** Written timestamps up to this far ahead of `now` are accepted (clock skew between machines). */
export const WRITTEN_TOLERANCE_MS = 5 * 60_000;
/** The earliest local time zone is UTC+14: a month or week is "started"/"over" somewhere that soon. */
const ZONE_LEAD_MS = 14 * 3_600_000;

export const EDGE_STATES = ['healthy', 'watch', 'eroding', 'learning'] as const;
export type TeamEdgeState = (typeof EDGE_STATES)[number];

export interface ContributionWeek {
  /** ISO week 'YYYY-Www'; it belongs to the month that holds its Thursday. */
  readonly week: string;
  /** Rounded to the half hour. */
  readonly handsOnHours: number;
  /** Rounded to the half hour. */
  readonly meetingHours: number;
  /** hands-on / (hands-on + meetings) rounded to 5 % (0, 0.05, ... 1). */
  readonly craftRatio: number;
  readonly deepWorkBlocks: number;
  /** Version 2: tool-written (assisted) time, rounded to the half hour; absent means 0. Version 1 has none. */
  readonly assistedHours?: number;
}

/** What the report needs of a contribution, whatever its version. */
export interface MonthContribution {
  readonly month: string;
  readonly role: TeamRole;
  readonly weeks: readonly Pick<ContributionWeek, 'handsOnHours' | 'craftRatio'>[];
}

/** Version 1 (legacy plaintext file). */
export interface Contribution {
  readonly kind: typeof CONTRIBUTION_KIND;
  readonly version: typeof LEGACY_CONTRIBUTION_VERSION;
  /** 32 lowercase hex digits, random, generated on the member's machine. */
  readonly member: string;
  /** 'YYYY-MM'. */
  readonly month: string;
  readonly role: TeamRole;
  /** Edge state at the end of the month's last completed week. */
  readonly edgeState: TeamEdgeState;
  /** UTC instant the file was written, 'YYYY-MM-DDTHH:MM:SSZ': the newest of two copies wins. */
  readonly written: string;
  /** Completed weeks of the month with any hands-on or meeting time, in week order. */
  readonly weeks: readonly ContributionWeek[];
}

/** Version 2: the plaintext a member reviews, which is then signed and sealed. No member id: the signer is. */
export interface SealedContribution {
  readonly kind: typeof CONTRIBUTION_KIND;
  readonly version: typeof CONTRIBUTION_VERSION;
  /** The team id from team.json (32 hex digits): a contribution cannot be replayed into another team. */
  readonly team: string;
  readonly month: string;
  readonly role: TeamRole;
  readonly edgeState: TeamEdgeState;
  readonly written: string;
  readonly weeks: readonly ContributionWeek[];
}

export interface Rejection {
  readonly rejected: true;
  readonly reason: string;
}

export interface ParseContext {
  /** The caller's clock, epoch ms: nothing may be dated after it. */
  readonly now: number;
}

export const MEMBER_ID_RE = /^[0-9a-f]{32}$/;
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const WRITTEN_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const TOP_FIELDS = ['kind', 'version', 'member', 'month', 'role', 'edgeState', 'written', 'weeks'];
const WEEK_FIELDS = ['week', 'handsOnHours', 'meetingHours', 'craftRatio', 'deepWorkBlocks'];
const TOP_FIELDS_V2 = ['kind', 'version', 'team', 'month', 'role', 'edgeState', 'written', 'weeks'];
const WEEK_FIELDS_V2 = [...WEEK_FIELDS, 'assistedHours'];
/** Fields a version-2 week may leave out (they default to 0). */
const OPTIONAL_WEEK_FIELDS_V2 = ['assistedHours'];
const MAX_WEEKS = 5;

// ---------------------------------------------------------------------------------------------------------
// Rounding rules (one place; docs/team-format.md "Rounding").

/** Minutes to hours rounded to the nearest half hour, halves up (44 min -> 0.5, 45 min -> 1). */
export function roundHalfHour(minutes: number): number {
  return Math.round(minutes / 30) / 2;
}

/** A ratio rounded to the nearest 5 %, halves up, clamped to [0, 1]. */
export function roundRatio5(ratio: number): number {
  const steps = Math.round(ratio * 20 + 1e-9);
  return Math.min(20, Math.max(0, steps)) / 20;
}

/** Craft ratio from minutes, rounded to 5 %; null when both are zero (the ratio is undefined). */
export function craftRatio5(handsOnMinutes: number, meetingMinutes: number): number | null {
  const total = handsOnMinutes + meetingMinutes;
  if (total <= 0) return null;
  return Math.min(20, Math.max(0, Math.round((20 * handsOnMinutes) / total))) / 20;
}

// ---------------------------------------------------------------------------------------------------------
// ISO weeks and months.

const mondayCache = new Map<string, string | undefined>();

/** The Monday of an ISO week label, or undefined when the label is not a real ISO week. */
export function weekMonday(label: string): string | undefined {
  if (mondayCache.has(label)) return mondayCache.get(label);
  const monday = computeWeekMonday(label);
  if (mondayCache.size < 10_000) mondayCache.set(label, monday);
  return monday;
}

function computeWeekMonday(label: string): string | undefined {
  const m = WEEK_RE.exec(label);
  return m ? isoWeekMonday(Number(m[1]), Number(m[2])) : undefined;
}

interface WeekInfo {
  readonly month: string;
  /** Midnight UTC starting the Monday after the week, epoch ms. */
  readonly nextMondayMs: number;
}
const weekInfoCache = new Map<string, WeekInfo | undefined>();

/** Month (Thursday rule) and the Monday after, per week label; cached, as every file repeats the same weeks. */
function weekInfo(label: string): WeekInfo | undefined {
  if (weekInfoCache.has(label)) return weekInfoCache.get(label);
  const monday = weekMonday(label);
  const info = monday === undefined ? undefined : { month: monthOf(addDays(monday, 3)), nextMondayMs: Date.parse(`${addDays(monday, 7)}T00:00:00Z`) };
  if (weekInfoCache.size < 10_000) weekInfoCache.set(label, info);
  return info;
}

/** The month an ISO week belongs to: the one holding its Thursday (so each week is in exactly one month). */
export function monthOfWeek(label: string): string | undefined {
  return weekInfo(label)?.month;
}

/** The ISO weeks that belong to a month (4 or 5), in order. */
export function weeksOfMonth(month: string): string[] {
  const out: string[] = [];
  for (let d = `${month}-01`; monthOf(d) === month; d = addDays(d, 1)) {
    const wk = isoWeek(d);
    if (monthOfWeek(wk) === month && !out.includes(wk)) out.push(wk);
  }
  return out;
}

/** The UTC date of an instant (plain arithmetic: no Intl, this runs for every file). */
function utcDate(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

let latestCache: { now: number; date: string } | undefined;

/** The latest local date anywhere on Earth at an instant (UTC+14); cached for the last `now`. */
function latestDate(now: number): string {
  if (latestCache?.now !== now) latestCache = { now, date: utcDate(now + ZONE_LEAD_MS) };
  return latestCache.date;
}

// ---------------------------------------------------------------------------------------------------------
// Building a contribution on the member's machine.

export interface ContributionInputWeek {
  readonly week: string;
  readonly handsOnMinutes: number;
  readonly meetingMinutes: number;
  readonly deepWorkBlocks: number;
  /** Tool-written (assisted) minutes, when the measures provide them; 0 otherwise. */
  readonly assistedMinutes?: number;
}

/** What the contribution is made from: per completed week numbers from the measures, and the edge state. */
export interface ContributionInput {
  readonly role: TeamRole;
  readonly edgeState: TeamEdgeState;
  readonly weeks: readonly ContributionInputWeek[];
}

export interface ContributionMeta {
  readonly member: string;
  readonly month: string;
  /** Epoch ms of writing (the caller's clock). */
  readonly now: number;
  /** The member's local date at `now`: weeks are included only once they are over (their Sunday is past). */
  readonly today: string;
}

/** The weeks of a contribution: in the month, over by `today`, with some activity; rounded here. */
function buildWeeks(input: ContributionInput, month: string, today: string, withAssisted: boolean): ContributionWeek[] {
  const wanted = new Set(weeksOfMonth(month));
  const byWeek = new Map<string, ContributionWeek>();
  for (const w of input.weeks) {
    if (!wanted.has(w.week)) continue;
    const monday = weekMonday(w.week)!;
    if (addDays(monday, 7) > today) continue; // not over yet
    const ratio = craftRatio5(w.handsOnMinutes, w.meetingMinutes);
    if (ratio === null) continue; // no activity at all: away or not tracked; counts for and against no one
    const week: ContributionWeek = {
      week: w.week,
      handsOnHours: Math.min(MAX_WEEK_HOURS, roundHalfHour(w.handsOnMinutes)),
      meetingHours: Math.min(MAX_WEEK_HOURS, roundHalfHour(w.meetingMinutes)),
      craftRatio: ratio,
      deepWorkBlocks: Math.min(MAX_DEEP_WORK_BLOCKS, Math.max(0, Math.round(w.deepWorkBlocks))),
    };
    byWeek.set(w.week, withAssisted ? { ...week, assistedHours: Math.min(MAX_WEEK_HOURS, Math.max(0, roundHalfHour(w.assistedMinutes ?? 0))) } : week);
  }
  return [...byWeek.values()].sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
}

function writtenStamp(now: number): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Builds a version-1 (legacy plaintext) contribution. Kept for tests of the migration path only: the
 * product now builds sealed version-2 contributions (buildSealedContribution).
 * Throws RangeError on an invalid member id or month.
 */
export function buildContribution(input: ContributionInput, meta: ContributionMeta): Contribution {
  if (!MEMBER_ID_RE.test(meta.member)) throw new RangeError('Member id must be 32 lowercase hex digits.');
  if (!MONTH_RE.test(meta.month)) throw new RangeError(`Not a month (YYYY-MM): ${meta.month}`);
  return {
    kind: CONTRIBUTION_KIND,
    version: LEGACY_CONTRIBUTION_VERSION,
    member: meta.member,
    month: meta.month,
    role: input.role,
    edgeState: input.edgeState,
    written: writtenStamp(meta.now),
    weeks: buildWeeks(input, meta.month, meta.today, false),
  };
}

export interface SealedContributionMeta {
  /** The team id (32 hex digits) from the verified team.json. */
  readonly team: string;
  readonly month: string;
  readonly now: number;
  readonly today: string;
}

/**
 * Builds the version-2 plaintext: only weeks that belong to the month (Thursday rule), are complete by
 * `today`, and have any hands-on or meeting time, rounded here. Throws RangeError on a bad team id or month.
 */
export function buildSealedContribution(input: ContributionInput, meta: SealedContributionMeta): SealedContribution {
  if (!MEMBER_ID_RE.test(meta.team)) throw new RangeError('Team id must be 32 lowercase hex digits.');
  if (!MONTH_RE.test(meta.month)) throw new RangeError(`Not a month (YYYY-MM): ${meta.month}`);
  return {
    kind: CONTRIBUTION_KIND,
    version: CONTRIBUTION_VERSION,
    team: meta.team,
    month: meta.month,
    role: input.role,
    edgeState: input.edgeState,
    written: writtenStamp(meta.now),
    weeks: buildWeeks(input, meta.month, meta.today, true),
  };
}

/** The exact text of a version-1 file: pretty-printed JSON with fields in schema order, and a final newline. */
export function serializeContribution(c: Contribution): string {
  const ordered = {
    kind: c.kind,
    version: c.version,
    member: c.member,
    month: c.month,
    role: c.role,
    edgeState: c.edgeState,
    written: c.written,
    weeks: c.weeks.map(orderedWeek),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** A week's fields in schema order (both file versions share them). */
function orderedWeek(w: ContributionWeek) {
  return { week: w.week, handsOnHours: w.handsOnHours, meetingHours: w.meetingHours, craftRatio: w.craftRatio, deepWorkBlocks: w.deepWorkBlocks };
}

/**
 * The exact plaintext the member reviews, that is signed and sealed, and that the member's send log keeps:
 * pretty-printed JSON in schema order with a final newline.
 */
export function serializeSealedContribution(c: SealedContribution): string {
  const ordered = {
    kind: c.kind,
    version: c.version,
    team: c.team,
    month: c.month,
    role: c.role,
    edgeState: c.edgeState,
    written: c.written,
    weeks: c.weeks.map((w) => ({ ...orderedWeek(w), assistedHours: w.assistedHours ?? 0 })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Validation of untrusted input.

function reject(reason: string): Rejection {
  return { rejected: true, reason };
}

export function isRejection<T>(value: T | Rejection): value is Rejection {
  return typeof value === 'object' && value !== null && (value as Rejection).rejected === true;
}

/** A field name safe to repeat in a reason (hostile names are not echoed). */
function fieldName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(name) ? `"${name}"` : '(unprintable name)';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function isStep(value: unknown, steps: number, max: number): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) return false;
  const scaled = value * steps;
  return Math.abs(scaled - Math.round(scaled)) < 1e-9;
}

interface Header {
  readonly month: string;
  readonly role: TeamRole;
  readonly edgeState: TeamEdgeState;
  readonly written: string;
  readonly weeks: ContributionWeek[];
}

/** The checks shared by both versions: month, role, edge state, written, weeks. */
function parseCommon(json: Record<string, unknown>, context: ParseContext, v2: boolean): Header | Rejection {
  if (typeof json.month !== 'string' || !MONTH_RE.test(json.month)) return reject('month must be YYYY-MM');
  const month = json.month;
  const latest = latestDate(context.now);
  if (month > monthOf(latest)) return reject(`month ${month} is in the future`);
  if (!isTeamRole(json.role)) return reject('role must be one of engineer, senior, staff, principal, manager, director, executive');
  if (typeof json.edgeState !== 'string' || !(EDGE_STATES as readonly string[]).includes(json.edgeState)) {
    return reject(`edgeState must be one of ${EDGE_STATES.join(', ')}`);
  }
  if (typeof json.written !== 'string' || !WRITTEN_RE.test(json.written) || !Number.isFinite(Date.parse(json.written))) {
    return reject('written must be a UTC timestamp YYYY-MM-DDTHH:MM:SSZ');
  }
  const written = Date.parse(json.written);
  if (written > context.now + WRITTEN_TOLERANCE_MS) return reject('written in the future');
  if (written + ZONE_LEAD_MS < Date.parse(`${month}-01T00:00:00Z`)) return reject(`written before ${month} began`);

  if (!Array.isArray(json.weeks)) return reject('weeks must be an array');
  if (json.weeks.length === 0) return reject('no weeks');
  if (json.weeks.length > MAX_WEEKS) return reject(`more than ${MAX_WEEKS} weeks`);
  const fields = v2 ? WEEK_FIELDS_V2 : WEEK_FIELDS;
  const weeks: ContributionWeek[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < json.weeks.length; i++) {
    const w: unknown = json.weeks[i];
    const at = `weeks[${i}]`;
    if (!isPlainObject(w)) return reject(`${at} is not an object`);
    for (const key of Object.keys(w)) if (!fields.includes(key)) return reject(`${at}: unexpected field ${fieldName(key)}`);
    for (const key of fields) if (!hasOwn(w, key) && !(v2 && OPTIONAL_WEEK_FIELDS_V2.includes(key))) return reject(`${at}: missing field "${key}"`);
    const info = typeof w.week === 'string' ? weekInfo(w.week) : undefined;
    if (typeof w.week !== 'string' || info === undefined) return reject(`${at}: week must be an ISO week YYYY-Www`);
    if (info.month !== month) return reject(`${at}: week ${w.week} does not belong to ${month}`);
    if (seen.has(w.week)) return reject(`${at}: week ${w.week} appears twice`);
    seen.add(w.week);
    // A week is over once its next Monday has begun somewhere (UTC+14).
    if (info.nextMondayMs > context.now + ZONE_LEAD_MS) return reject(`${at}: week ${w.week} is not over yet`);
    if (info.nextMondayMs > written + ZONE_LEAD_MS) return reject(`${at}: week ${w.week} was not over when the file was written`);
    if (!isStep(w.handsOnHours, 2, MAX_WEEK_HOURS)) return reject(`${at}: handsOnHours must be 0-${MAX_WEEK_HOURS} in half hours`);
    if (!isStep(w.meetingHours, 2, MAX_WEEK_HOURS)) return reject(`${at}: meetingHours must be 0-${MAX_WEEK_HOURS} in half hours`);
    if (!isStep(w.craftRatio, 20, 1)) return reject(`${at}: craftRatio must be 0-1 in steps of 0.05`);
    if (typeof w.deepWorkBlocks !== 'number' || !Number.isInteger(w.deepWorkBlocks) || w.deepWorkBlocks < 0 || w.deepWorkBlocks > MAX_DEEP_WORK_BLOCKS) {
      return reject(`${at}: deepWorkBlocks must be an integer 0-${MAX_DEEP_WORK_BLOCKS}`);
    }
    if (w.deepWorkBlocks * 0.75 > w.handsOnHours + 0.25) return reject(`${at}: more deep-work blocks than the hands-on hours allow`);
    const assisted = v2 && hasOwn(w, 'assistedHours') ? w.assistedHours : 0;
    if (!isStep(assisted, 2, MAX_WEEK_HOURS)) return reject(`${at}: assistedHours must be 0-${MAX_WEEK_HOURS} in half hours`);
    const week: ContributionWeek = {
      week: w.week,
      handsOnHours: w.handsOnHours,
      meetingHours: w.meetingHours,
      craftRatio: Math.round(w.craftRatio * 20) / 20,
      deepWorkBlocks: w.deepWorkBlocks,
    };
    weeks.push(v2 ? { ...week, assistedHours: assisted } : week);
  }
  weeks.sort((a, b) => (a.week < b.week ? -1 : 1));
  return { month, role: json.role, edgeState: json.edgeState as TeamEdgeState, written: json.written, weeks };
}

/** kind and version checks; returns the version (1 or 2) or a rejection. */
function parseVersion(json: Record<string, unknown>): 1 | 2 | Rejection {
  if (json.kind !== CONTRIBUTION_KIND) return reject(`not a team contribution (kind must be "${CONTRIBUTION_KIND}")`);
  const version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) return reject('version missing or not an integer');
  if (version > CONTRIBUTION_VERSION) return reject(`version ${version} is newer than this Craft Time reads (${CONTRIBUTION_VERSION})`);
  if (version !== 1 && version !== 2) return reject(`unsupported version ${version}`);
  return version;
}

function checkFields(json: Record<string, unknown>, fields: readonly string[]): Rejection | undefined {
  for (const key of Object.keys(json)) if (!fields.includes(key)) return reject(`unexpected field ${fieldName(key)}`);
  for (const key of fields) if (!hasOwn(json, key)) return reject(`missing field "${key}"`);
  return undefined;
}

/**
 * Validates one parsed JSON value against schema version 1 (the legacy plaintext file). Every check is
 * listed in docs/team-format.md. Reasons never quote the file's content (a rejected file may hold anything).
 */
export function parseContribution(json: unknown, context: ParseContext): Contribution | Rejection {
  if (!isPlainObject(json)) return reject('not a JSON object');
  const version = parseVersion(json);
  if (isRejection(version)) return version;
  if (version === 2) return reject('a version-2 contribution must be sealed, not plaintext');
  const bad = checkFields(json, TOP_FIELDS);
  if (bad) return bad;
  if (typeof json.member !== 'string' || !MEMBER_ID_RE.test(json.member)) return reject('member must be 32 lowercase hex digits');
  const common = parseCommon(json, context, false);
  if (isRejection(common)) return common;
  return { kind: CONTRIBUTION_KIND, version: LEGACY_CONTRIBUTION_VERSION, member: json.member, ...common };
}

/** Validates the plaintext found inside a sealed contribution (version 2). Never throws. */
export function parseSealedContribution(json: unknown, context: ParseContext): SealedContribution | Rejection {
  if (!isPlainObject(json)) return reject('not a JSON object');
  const version = parseVersion(json);
  if (isRejection(version)) return version;
  if (version !== 2) return reject('a sealed contribution must hold version 2');
  const bad = checkFields(json, TOP_FIELDS_V2);
  if (bad) return bad;
  if (typeof json.team !== 'string' || !MEMBER_ID_RE.test(json.team)) return reject('team must be 32 lowercase hex digits');
  const common = parseCommon(json, context, true);
  if (isRejection(common)) return common;
  return { kind: CONTRIBUTION_KIND, version: CONTRIBUTION_VERSION, team: json.team, ...common };
}

// ---------------------------------------------------------------------------------------------------------
// Collecting a folder's files: parse, validate, de-duplicate.

export interface ContributionFile {
  /** Path relative to the team folder, with '/' separators (e.g. '2025-05/0123...json'). */
  readonly file: string;
  readonly text: string;
}

export interface RejectedFile {
  readonly file: string;
  readonly reason: string;
}

export interface LoadedContribution {
  readonly file: string;
  readonly contribution: Contribution;
}

export interface CollectedContributions {
  /** Valid, de-duplicated, sorted by month then member. */
  readonly contributions: LoadedContribution[];
  /** Sorted by file. */
  readonly rejected: RejectedFile[];
}

const MONTH_FOLDER_RE = /^(\d{4}-\d{2})\//;

/**
 * Parses and validates every file; a bad file is rejected with its reason and never stops the others.
 * Duplicates (same member and month) keep the newest `written`; on a tie the file whose path sorts first,
 * so the result never depends on the order files were listed in.
 */
export function collectContributions(files: readonly ContributionFile[], context: ParseContext): CollectedContributions {
  const rejected: RejectedFile[] = [];
  const byKey = new Map<string, LoadedContribution[]>();
  for (const { file, text } of files) {
    if (text.length > MAX_CONTRIBUTION_BYTES) {
      rejected.push({ file, reason: `larger than ${MAX_CONTRIBUTION_BYTES} bytes` });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      rejected.push({ file, reason: 'not valid JSON' });
      continue;
    }
    const parsed = parseContribution(json, context);
    if (isRejection(parsed)) {
      rejected.push({ file, reason: parsed.reason });
      continue;
    }
    const folder = MONTH_FOLDER_RE.exec(file)?.[1];
    if (folder !== undefined && folder !== parsed.month) {
      rejected.push({ file, reason: `in folder ${folder} but for month ${parsed.month}` });
      continue;
    }
    const key = `${parsed.month}/${parsed.member}`;
    const list = byKey.get(key);
    if (list) list.push({ file, contribution: parsed });
    else byKey.set(key, [{ file, contribution: parsed }]);
  }
  const best: LoadedContribution[] = [];
  for (const list of byKey.values()) {
    let keep = list[0];
    for (const c of list) if (isNewer(c, keep)) keep = c;
    best.push(keep);
    for (const c of list) {
      if (c !== keep) rejected.push({ file: c.file, reason: `duplicate of ${keep.file} (same member and month; the newest is kept)` });
    }
  }
  const contributions = best.sort((a, b) =>
    a.contribution.month !== b.contribution.month
      ? a.contribution.month < b.contribution.month ? -1 : 1
      : a.contribution.member < b.contribution.member ? -1 : a.contribution.member > b.contribution.member ? 1 : 0,
  );
  rejected.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.reason < b.reason ? -1 : 1));
  return { contributions, rejected };
}

function isNewer(a: LoadedContribution, b: LoadedContribution): boolean {
  const ta = Date.parse(a.contribution.written), tb = Date.parse(b.contribution.written);
  if (ta !== tb) return ta > tb;
  return a.file < b.file;
}

/** The months a report of `month` with `trendMonths` months of trend reads (oldest first). */
export function reportMonths(month: string, trendMonths: number): string[] {
  const out: string[] = [];
  for (let i = trendMonths - 1; i >= 0; i--) out.push(addMonths(month, -i));
  return out;
}
