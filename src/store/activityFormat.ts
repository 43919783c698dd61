// The activity file format, versions 1 and 2 (documented in docs/data-format.md). Pure encode/decode, no I/O.
//
// One file per writer (a VS Code window, or one import) per UTC month of span starts:
//   activity/<YYYY-MM>/<source>.jsonl
// Line 1 is a header; then dictionary lines and span lines, in any mix, appended over time:
//   {"schema":2,"kind":"craft-time/activity","source":"w-1a2b3c","program":"vscode"}
//   {"lang":1,"id":"typescript"}
//   {"ws":1,"id":"9f86d081","name":"craft-time"}
//   [1763802000,42,"c",1,1]            start (epoch s), duration (s), category code, lang ref, ws ref
//   [1763802042,30,"a",1,1,18]         version 2: optional changed lines (inserted + deleted)
//   {"pause":1763802100}               tracking was paused then: no idle gap across it is bridged
// Ref 0 means "unknown" (no language, no workspace folder). In a version-2 file `c` is the user's own hands
// (origin known); in a version-1 file the origin is unknown (its `c` may include tool-written edits).
// A damaged header is counted and the rest of the file is still read as version 1; a header naming a
// newer schema makes the whole file unreadable to us. Every field of every line is validated: anything
// out of range is a damaged line, skipped and counted, never a crash and never a guess.
import type { Category, Span } from '../core/types';
import { addBeatSpans, newExtraLines, readExtraLine } from './beatLine';

export const ACTIVITY_SCHEMA = 2;
/** Schemas this reader understands. */
export const READABLE_ACTIVITY_SCHEMAS: readonly number[] = [1, 2];
export const ACTIVITY_KIND = 'craft-time/activity';
/** Program of a file without one (version 1): every version-1 file was written by the VS Code extension. */
export const DEFAULT_PROGRAM = 'vscode';

const CODE_OF: Readonly<Record<Category, string>> = { coding: 'c', reading: 'r', debugging: 'd', building: 'b', reviewing: 'v', assisted: 'a' };
/**
 * The category of a code letter. A switch, not an object lookup: a code named like an Object.prototype
 * member ("constructor") must find nothing, and this is on the reader's hot path.
 */
function categoryOf(code: string): Category | undefined {
  if (code.length !== 1) return undefined;
  switch (code) {
    case 'c': return 'coding';
    case 'r': return 'reading';
    case 'd': return 'debugging';
    case 'b': return 'building';
    case 'v': return 'reviewing';
    case 'a': return 'assisted';
    default: return undefined;
  }
}

/** Earliest instant any line may name: 2000-01-01T00:00:00Z (older is a clock or unit error). */
export const EARLIEST_INSTANT_MS = Date.UTC(2000, 0, 1);
/** Latest instant when the caller does not pass `now` (keeps every instant inside JavaScript's date range). */
export const LATEST_INSTANT_MS = Date.UTC(2100, 0, 1);
/** How far past `now` an instant may lie (a clock a little ahead of this one). */
export const FUTURE_SLACK_MS = 5 * 60_000;
/** Longest span one line may describe: a writer flushes every 30 s, so one day is generous. */
export const MAX_SPAN_SECONDS = 86_400;
const MAX_ID = 200;
const MAX_NAME = 500;
const PROGRAM = /^[a-z0-9-]{1,32}$/;

export interface ActivityHeader {
  readonly schema: number;
  readonly kind: string;
  readonly source: string;
  /** Who wrote the file (vscode, cursor, import-wakatime, ...); 'vscode' for version 1. */
  readonly program: string;
}

export function pauseLine(instant: number): string {
  return JSON.stringify({ pause: Math.floor(instant / 1000) });
}

export function headerLine(source: string, program = DEFAULT_PROGRAM): string {
  return JSON.stringify({ schema: ACTIVITY_SCHEMA, kind: ACTIVITY_KIND, source, program });
}

/** True for a program name the format accepts ([a-z0-9-]{1,32}). */
export function isProgramName(value: unknown): value is string {
  return typeof value === 'string' && PROGRAM.test(value);
}

/** Encodes spans for one file, adding dictionary lines for ids the file has not defined yet. */
export class ActivityEncoder {
  private readonly langs = new Map<string, number>();
  private readonly workspaces = new Map<string, number>();

  /** `names` gives workspace display names by id (written once per file, with the id). */
  encode(spans: readonly Span[], names: ReadonlyMap<string, string>): string {
    let out = '';
    for (const s of spans) {
      let lang = 0;
      if (s.language) {
        lang = this.langs.get(s.language) ?? 0;
        if (!lang) {
          lang = this.langs.size + 1;
          this.langs.set(s.language, lang);
          out += JSON.stringify({ lang, id: s.language }) + '\n';
        }
      }
      let ws = 0;
      if (s.workspaceId) {
        ws = this.workspaces.get(s.workspaceId) ?? 0;
        if (!ws) {
          ws = this.workspaces.size + 1;
          this.workspaces.set(s.workspaceId, ws);
          out += JSON.stringify({ ws, id: s.workspaceId, name: names.get(s.workspaceId) ?? '' }) + '\n';
        }
      }
      const start = Math.floor(s.start / 1000);
      const duration = Math.floor(s.end / 1000) - start;
      const lines = s.lines && s.lines > 0 ? `,${Math.floor(s.lines)}` : '';
      out += `[${start},${duration},"${CODE_OF[s.category]}",${lang},${ws}${lines}]\n`;
    }
    return out;
  }
}

export interface DecodedActivity {
  readonly header: ActivityHeader | undefined;
  /** Spans in file order. Spans of a version-1 file carry `originKnown: false`. */
  readonly spans: Span[];
  /** Workspace display names found in the file, by id. */
  readonly workspaceNames: Map<string, string>;
  /** Instants (ms) at which tracking was paused. */
  readonly barriers: number[];
  /** Lines that could not be understood (damaged, truncated, out of range, unknown refs, wrong schema). */
  readonly damagedLines: number;
  /** Old workspace id -> new one, from alias lines (beatLine.ts). */
  readonly aliases?: ReadonlyMap<string, string>;
  /** Who wrote the file ('vscode' when the header does not say). */
  readonly program: string;
  /** False for a version-1 file (or one without a header): its coding may include tool-written edits. */
  readonly originKnown: boolean;
}

export interface DecodeOptions {
  /** The reader's clock (epoch ms): instants later than now + 5 min are damage. Default: only the year-2100 bound. */
  readonly now?: number;
  /** The file's month folder 'YYYY-MM': every span and pause must start in that UTC month. */
  readonly month?: string;
}

/**
 * Reads a span line of the exact shape the writer produces, `[int,int,"c",int,int]` or with a sixth
 * integer, without JSON.parse (a year of activity is a few hundred thousand such lines). Anything else
 * returns undefined and goes through JSON.parse and the full checks. `out[4]` is -1 without a sixth value.
 */
function scanSpanLine(line: string, out: number[]): string | undefined {
  const n = line.length;
  if (n < 13 || line.charCodeAt(0) !== 91 || line.charCodeAt(n - 1) !== 93) return undefined;
  let i = 1;
  let field = 0;
  let code: string | undefined;
  out[4] = -1;
  // Fields: 0 start, 1 duration, 2 "c", 3 lang, 4 ws, optional 5 lines; separated by commas, no spaces.
  for (;;) {
    if (field === 2) {
      if (line.charCodeAt(i) !== 34 || line.charCodeAt(i + 2) !== 34) return undefined;
      code = line[i + 1];
      i += 3;
    } else {
      const from = i;
      let v = 0;
      let c = line.charCodeAt(i);
      while (c >= 48 && c <= 57) {
        v = v * 10 + (c - 48);
        c = line.charCodeAt(++i);
      }
      if (i === from || i - from > 15) return undefined;
      out[field < 2 ? field : field - 1] = v;
    }
    const sep = line.charCodeAt(i++);
    if (field >= 4 && sep === 93) return i === n ? code : undefined;
    if (sep !== 44 || field === 5) return undefined;
    field++;
  }
}

type MutableSpan = { -readonly [K in keyof Span]: Span[K] };

/**
 * A span as one object literal per shape (adding optional fields afterwards makes V8 change the object's
 * shape for every span, which made reading a year 1.5-2x slower).
 */
function newSpan(start: number, end: number, category: Category, language: string, workspaceId: string, lines: number, originKnown: boolean): MutableSpan {
  if (lines > 0) {
    return originKnown ? { start, end, category, language, workspaceId, lines } : { start, end, category, language, workspaceId, lines, originKnown: false };
  }
  return originKnown ? { start, end, category, language, workspaceId } : { start, end, category, language, workspaceId, originKnown: false };
}

/** The value of an own property, never one inherited from Object.prototype ("constructor", "__proto__"). */
function own(o: object, key: string): unknown {
  return Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

const isRef = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID;

const MONTH_FOLDER = /^(\d{4})-(\d{2})$/;
/** Month folders seen so far (a reader decodes hundreds of files of the same few months). */
const monthRanges = new Map<string, { from: number; to: number } | undefined>();

/** [from, to) in epoch ms of a 'YYYY-MM' month folder, or undefined when it is not one. */
export function monthRange(month: string): { from: number; to: number } | undefined {
  if (monthRanges.has(month)) return monthRanges.get(month);
  const m = MONTH_FOLDER.exec(month);
  const mo = m ? Number(m[2]) : 0;
  const range = m && mo >= 1 && mo <= 12 ? { from: Date.UTC(Number(m[1]), mo - 1, 1), to: Date.UTC(Number(m[1]), mo, 1) } : undefined;
  if (monthRanges.size < 10_000) monthRanges.set(month, range);
  return range;
}

/** Decodes one file's text. Never throws: what cannot be read is counted in `damagedLines`. */
export function decodeActivity(text: string, options: DecodeOptions = {}): DecodedActivity {
  const spans: MutableSpan[] = [];
  const barriers: number[] = [];
  const workspaceNames = new Map<string, string>();
  const langs = new Map<number, string>();
  const workspaces = new Map<number, string>();
  let damagedLines = 0;
  let header: ActivityHeader | undefined;
  let originKnown = false;
  const nums = [0, 0, 0, 0, -1];
  // Bounds of every instant, in epoch seconds (the unit of the lines).
  const range = options.month === undefined ? undefined : monthRange(options.month);
  const latest = Math.min(LATEST_INSTANT_MS, options.now === undefined ? LATEST_INSTANT_MS : options.now + FUTURE_SLACK_MS) / 1000;
  const earliestStart = Math.max(EARLIEST_INSTANT_MS, range ? range.from : EARLIEST_INSTANT_MS) / 1000;
  const latestStart = range ? Math.min(latest, range.to / 1000 - 1) : latest;
  // A month folder that is not a month: nothing in it can be placed in time.
  const badFolder = options.month !== undefined && !range;
  const extra = newExtraLines(workspaceNames); // beat and alias lines (beatLine.ts)

  const addSpan = (start: number, duration: number, category: Category | undefined, lang: number, ws: number, lines: number): boolean => {
    if (badFolder || !category || start < earliestStart || start > latestStart || duration > MAX_SPAN_SECONDS || start + duration > latest) return false;
    if ((lang !== 0 && !langs.has(lang)) || (ws !== 0 && !workspaces.has(ws))) return false;
    const startMs = start * 1000;
    const language = lang === 0 ? '' : (langs.get(lang) as string);
    const workspaceId = ws === 0 ? '' : (workspaces.get(ws) as string);
    const prev = spans[spans.length - 1];
    // A window writes a long run as touching pieces (one per 30 s flush): read them back as one span.
    if (prev && prev.end === startMs && prev.category === category && prev.language === language && prev.workspaceId === workspaceId) {
      prev.end = startMs + duration * 1000;
      if (lines > 0) prev.lines = (prev.lines ?? 0) + lines;
    } else {
      spans.push(newSpan(startMs, startMs + duration * 1000, category, language, workspaceId, lines, originKnown));
    }
    return true;
  };

  // Blank lines carry nothing (a writer may add one to end a line cut short by a failed write).
  const lines = text.split('\n');
  let first = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0 || line.trim() === '') continue;
    const isFirst = first;
    first = false;
    const code = scanSpanLine(line, nums);
    if (code !== undefined) {
      const lineCount = nums[4] < 0 ? 0 : nums[4];
      if (!addSpan(nums[0], nums[1], categoryOf(code), nums[2], nums[3], lineCount)) damagedLines++;
      continue;
    }
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      damagedLines++;
      continue;
    }
    if (Array.isArray(v)) {
      const [start, duration, c, lang, ws, changed] = v as unknown[];
      const ok = (v.length === 5 || v.length === 6) && Number.isSafeInteger(start) && Number.isSafeInteger(duration) && (duration as number) >= 0 &&
        typeof c === 'string' && isRef(lang) && isRef(ws) && (v.length === 5 || isRef(changed)) &&
        addSpan(start as number, duration as number, categoryOf(c), lang, ws, v.length === 6 ? (changed as number) : 0);
      if (!ok) damagedLines++;
      continue;
    }
    if (v && typeof v === 'object') {
      const o = v as object;
      if (Object.hasOwn(o, 'schema')) {
        const schema = own(o, 'schema'), kind = own(o, 'kind'), source = own(o, 'source'), program = own(o, 'program');
        const known = typeof schema === 'number' && READABLE_ACTIVITY_SCHEMAS.includes(schema) && kind === ACTIVITY_KIND &&
          typeof source === 'string' && source.length <= MAX_ID && (program === undefined || isProgramName(program));
        if (isFirst) {
          if (known) {
            header = { schema, kind, source, program: (program as string | undefined) ?? DEFAULT_PROGRAM };
            originKnown = schema >= 2;
            continue;
          }
          // A newer or foreign schema: nothing in the file can be trusted to mean what we think.
          const count = lines.filter((l) => l.trim() !== '').length;
          return { header: undefined, spans: [], workspaceNames, barriers: [], damagedLines: count, program: DEFAULT_PROGRAM, originKnown: false };
        }
        // A second header (two appenders racing to create the file) says nothing new: ignored.
        if (known) continue;
        damagedLines++;
        continue;
      }
      // Beat and alias lines (beatLine.ts) carry their own `ws` and `lang` fields: read them first.
      if (Object.hasOwn(o, 'beat') || Object.hasOwn(o, 'alias')) {
        if (!readExtraLine(o as Record<string, unknown>, extra)) damagedLines++;
        continue;
      }
      const pause = own(o, 'pause');
      if (pause !== undefined) {
        if (Number.isSafeInteger(pause) && (pause as number) >= earliestStart && (pause as number) <= latestStart && !badFolder) barriers.push((pause as number) * 1000);
        else damagedLines++;
        continue;
      }
      const langRef = own(o, 'lang'), id = own(o, 'id');
      if (langRef !== undefined) {
        if (isRef(langRef) && langRef > 0 && isId(id)) langs.set(langRef, id);
        else damagedLines++;
        continue;
      }
      const wsRef = own(o, 'ws'), name = own(o, 'name');
      if (wsRef !== undefined) {
        if (isRef(wsRef) && wsRef > 0 && isId(id) && (name === undefined || (typeof name === 'string' && name.length <= MAX_NAME))) {
          workspaces.set(wsRef, id);
          if (typeof name === 'string' && name) workspaceNames.set(id, name);
        } else damagedLines++;
        continue;
      }
    }
    damagedLines++;
  }
  addBeatSpans(spans, extra);
  return { header, spans, workspaceNames, barriers, damagedLines, program: header?.program ?? DEFAULT_PROGRAM, originKnown, aliases: extra.aliases };
}
