// The team contribution: one member's coarse numbers for one month (docs/team-format.md). Pure: the clock
// comes in as `now`, files come in as text, nothing is read or written here.
import { addDays, addMonths, isoWeek, isoWeekMonday, monthOf } from '../zone';
import { isTeamRole, type TeamRole } from './roles';

export const CONTRIBUTION_KIND = 'craft-time/team-contribution';
export const CONTRIBUTION_VERSION = 1;
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
}

export interface Contribution {
  readonly kind: typeof CONTRIBUTION_KIND;
  readonly version: typeof CONTRIBUTION_VERSION;
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

/**
 * Builds the contribution for a month: only weeks that belong to the month (Thursday rule), are complete by
 * `today`, and have any hands-on or meeting time. Numbers are rounded here, before anything is written.
 * Throws RangeError on an invalid member id or month.
 */
export function buildContribution(input: ContributionInput, meta: ContributionMeta): Contribution {
  if (!MEMBER_ID_RE.test(meta.member)) throw new RangeError('Member id must be 32 lowercase hex digits.');
  if (!MONTH_RE.test(meta.month)) throw new RangeError(`Not a month (YYYY-MM): ${meta.month}`);
  const wanted = new Set(weeksOfMonth(meta.month));
  const byWeek = new Map<string, ContributionWeek>();
  for (const w of input.weeks) {
    if (!wanted.has(w.week)) continue;
    const monday = weekMonday(w.week)!;
    if (addDays(monday, 7) > meta.today) continue; // not over yet
    const ratio = craftRatio5(w.handsOnMinutes, w.meetingMinutes);
    if (ratio === null) continue; // no activity at all: away or not tracked; counts for and against no one
    byWeek.set(w.week, {
      week: w.week,
      handsOnHours: Math.min(MAX_WEEK_HOURS, roundHalfHour(w.handsOnMinutes)),
      meetingHours: Math.min(MAX_WEEK_HOURS, roundHalfHour(w.meetingMinutes)),
      craftRatio: ratio,
      deepWorkBlocks: Math.min(MAX_DEEP_WORK_BLOCKS, Math.max(0, Math.round(w.deepWorkBlocks))),
    });
  }
  const weeks = [...byWeek.values()].sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
  return {
    kind: CONTRIBUTION_KIND,
    version: CONTRIBUTION_VERSION,
    member: meta.member,
    month: meta.month,
    role: input.role,
    edgeState: input.edgeState,
    written: new Date(Math.floor(meta.now / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    weeks,
  };
}

/** The exact text written to disk: pretty-printed JSON with fields in schema order, and a final newline. */
export function serializeContribution(c: Contribution): string {
  const ordered = {
    kind: c.kind,
    version: c.version,
    member: c.member,
    month: c.month,
    role: c.role,
    edgeState: c.edgeState,
    written: c.written,
    weeks: c.weeks.map((w) => ({
      week: w.week,
      handsOnHours: w.handsOnHours,
      meetingHours: w.meetingHours,
      craftRatio: w.craftRatio,
      deepWorkBlocks: w.deepWorkBlocks,
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Validation of untrusted input.

function reject(reason: string): Rejection {
  return { rejected: true, reason };
}

export function isRejection(value: Contribution | Rejection): value is Rejection {
  return (value as Rejection).rejected === true;
}

/** A field name safe to repeat in a reason (hostile names are not echoed). */
function fieldName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(name) ? `"${name}"` : '(unprintable name)';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStep(value: unknown, steps: number, max: number): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) return false;
  const scaled = value * steps;
  return Math.abs(scaled - Math.round(scaled)) < 1e-9;
}

/**
 * Validates one parsed JSON value against schema version 1. Every check is listed in docs/team-format.md.
 * Reasons never quote the file's content (a rejected file may hold anything).
 */
export function parseContribution(json: unknown, context: ParseContext): Contribution | Rejection {
  if (!isPlainObject(json)) return reject('not a JSON object');
  if (json.kind !== CONTRIBUTION_KIND) return reject(`not a team contribution (kind must be "${CONTRIBUTION_KIND}")`);
  const version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) return reject('version missing or not an integer');
  if (version > CONTRIBUTION_VERSION) return reject(`version ${version} is newer than this Craft Time reads (${CONTRIBUTION_VERSION})`);
  if (version !== CONTRIBUTION_VERSION) return reject(`unsupported version ${version}`);
  for (const key of Object.keys(json)) if (!TOP_FIELDS.includes(key)) return reject(`unexpected field ${fieldName(key)}`);
  for (const key of TOP_FIELDS) if (!(key in json)) return reject(`missing field "${key}"`);

  if (typeof json.member !== 'string' || !MEMBER_ID_RE.test(json.member)) return reject('member must be 32 lowercase hex digits');
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
  const weeks: ContributionWeek[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < json.weeks.length; i++) {
    const w: unknown = json.weeks[i];
    const at = `weeks[${i}]`;
    if (!isPlainObject(w)) return reject(`${at} is not an object`);
    for (const key of Object.keys(w)) if (!WEEK_FIELDS.includes(key)) return reject(`${at}: unexpected field ${fieldName(key)}`);
    for (const key of WEEK_FIELDS) if (!(key in w)) return reject(`${at}: missing field "${key}"`);
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
    weeks.push({
      week: w.week,
      handsOnHours: w.handsOnHours,
      meetingHours: w.meetingHours,
      craftRatio: Math.round(w.craftRatio * 20) / 20,
      deepWorkBlocks: w.deepWorkBlocks,
    });
  }
  weeks.sort((a, b) => (a.week < b.week ? -1 : 1));
  return {
    kind: CONTRIBUTION_KIND,
    version: CONTRIBUTION_VERSION,
    member: json.member,
    month,
    role: json.role,
    edgeState: json.edgeState as TeamEdgeState,
    written: json.written,
    weeks,
  };
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
