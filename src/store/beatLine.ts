// Beat lines and alias lines of the activity format (FORMAT-V2.md), pure encode/decode, no I/O.
//   {"beat":1763802000,"cat":"b","program":"terminal","ws":"9f86d081884c","name":"craft-time","lang":"shellscript"}
//   {"alias":"<old workspace id>","to":"<new workspace id>"}
// A beat line is self-contained (no dictionary refs), so any number of processes (every shell, every Neovim)
// can append to one file per program per month without coordinating. decodeActivity hands object lines it
// does not know to readExtraLine; beats are joined into spans once the whole file is read.
import { isProgramName } from '../core/programs';
import { SPAN_JOIN_MS, type Category, type Span } from '../core/types';

/** Category letters (FORMAT-V2.md); `a` is assisted. */
export const CATEGORY_LETTERS: Readonly<Record<string, string>> = {
  c: 'coding', r: 'reading', d: 'debugging', b: 'building', v: 'reviewing', a: 'assisted',
};
export const LETTER_OF_CATEGORY: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CATEGORY_LETTERS).map(([letter, name]) => [name, letter]),
);

/** Workspace ids: 12 hex digits of SHA-256 (FORMAT-V2.md "Workspace id"). */
export const WORKSPACE_ID_PATTERN = /^[0-9a-f]{12}$/;
/** VS Code language ids are short words; anything else is not one. */
export const LANGUAGE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+#-]{0,63}$/;
/** Longest display name kept (a folder name; longer ones are cut, never rejected). */
export const MAX_NAME = 200;

export interface Beat {
  /** Epoch seconds. */
  readonly time: number;
  /** Category letter. */
  readonly cat: string;
  readonly program: string;
  /** 12 hex digits, or '' for no workspace. */
  readonly ws: string;
  readonly name?: string;
  readonly lang?: string;
}

/** One beat as a line (no trailing newline). The caller has validated the fields (see craft-time beat). */
export function encodeBeatLine(beat: Beat): string {
  const o: Record<string, unknown> = { beat: beat.time, cat: beat.cat, program: beat.program, ws: beat.ws };
  if (beat.name) o.name = beat.name.slice(0, MAX_NAME);
  if (beat.lang) o.lang = beat.lang;
  return JSON.stringify(o);
}

export function aliasLine(oldId: string, newId: string): string {
  return JSON.stringify({ alias: oldId, to: newId });
}

/** A beat read back: a point span (category name, not letter). */
interface PointBeat {
  readonly time: number;
  readonly category: Category;
  readonly language: string;
  readonly workspaceId: string;
  readonly program: string;
}

/** What a file's extra lines add up to while it is decoded. */
export interface ExtraLines {
  readonly beats: PointBeat[];
  readonly aliases: Map<string, string>;
  readonly workspaceNames: Map<string, string>;
  /** Valid beats of a category this build does not count (so they are neither spans nor damage). */
  skipped: number;
}

export function newExtraLines(workspaceNames: Map<string, string>): ExtraLines {
  return { beats: [], aliases: new Map(), workspaceNames, skipped: 0 };
}

/**
 * Reads a beat or alias line (already JSON-parsed). Returns false when the object is neither, or is one
 * with a bad field (the caller counts it as damaged).
 */
export function readExtraLine(o: Record<string, unknown>, into: ExtraLines): boolean {
  if (Object.hasOwn(o, 'beat')) {
    // Own properties only: a line naming Object.prototype members must not read them.
    const get = (k: string) => (Object.hasOwn(o, k) ? o[k] : undefined);
    const beat = get('beat'), cat = get('cat'), program = get('program'), ws = get('ws'), name = get('name'), lang = get('lang');
    if (!Number.isSafeInteger(beat) || (beat as number) <= 0) return false;
    if (typeof cat !== 'string' || !Object.hasOwn(CATEGORY_LETTERS, cat) || !isProgramName(program)) return false;
    if (typeof ws !== 'string' || (ws !== '' && !WORKSPACE_ID_PATTERN.test(ws))) return false;
    if (name !== undefined && typeof name !== 'string') return false;
    if (lang !== undefined && (typeof lang !== 'string' || (lang !== '' && !LANGUAGE_PATTERN.test(lang)))) return false;
    const category = CATEGORY_LETTERS[cat] as Category; // assisted included: other editors may record tools' edits
    if (ws && name) into.workspaceNames.set(ws, name.slice(0, MAX_NAME));
    into.beats.push({ time: (beat as number) * 1000, category, language: lang ?? '', workspaceId: ws, program });
    return true;
  }
  if (Object.hasOwn(o, 'alias')) {
    const alias = o.alias, to = Object.hasOwn(o, 'to') ? o.to : undefined;
    if (typeof alias !== 'string' || typeof to !== 'string' || !/^[0-9a-f]{1,64}$/.test(alias) || !WORKSPACE_ID_PATTERN.test(to)) return false;
    into.aliases.set(alias, to);
    return true;
  }
  return false;
}

/**
 * Beats in time order joined into spans: consecutive beats with the same category, language, workspace and
 * program at most SPAN_JOIN_MS apart (as the extension's own spans are). Several shells append to one file,
 * so lines may be a second or two out of order: sorting first keeps them from reading as clock errors, and
 * the spans come out in order and never overlap.
 */
export function joinBeats(beats: readonly PointBeat[]): Span[] {
  const sorted = [...beats].sort((a, b) => a.time - b.time);
  const out: Span[] = [];
  let cur: { start: number; end: number; category: Category; language: string; workspaceId: string; program: string } | undefined;
  for (const b of sorted) {
    if (cur && cur.category === b.category && cur.language === b.language && cur.workspaceId === b.workspaceId &&
        cur.program === b.program && b.time - cur.end <= SPAN_JOIN_MS) {
      cur.end = b.time;
      continue;
    }
    if (cur) out.push(cur);
    cur = { start: b.time, end: b.time, category: b.category, language: b.language, workspaceId: b.workspaceId, program: b.program };
  }
  if (cur) out.push(cur);
  return out;
}

/** Adds a file's beats to its spans (kept in start order when the file has both). */
export function addBeatSpans(spans: Span[], extra: ExtraLines): void {
  if (extra.beats.length === 0) return;
  const hadSpans = spans.length > 0;
  for (const s of joinBeats(extra.beats)) spans.push(s);
  if (hadSpans) spans.sort((a, b) => a.start - b.start || a.end - b.end);
}
