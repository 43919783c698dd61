// The activity file format, version 1 (documented in docs/data-format.md). Pure encode/decode, no I/O.
//
// One file per writer (a VS Code window, or one import) per UTC month of span starts:
//   activity/<YYYY-MM>/<source>.jsonl
// Line 1 is a header; then dictionary lines and span lines, in any mix, appended over time:
//   {"schema":1,"kind":"craft-time/activity","source":"w-1a2b3c"}
//   {"lang":1,"id":"typescript"}
//   {"ws":1,"id":"9f86d081","name":"craft-time"}
//   [1763802000,42,"c",1,1]            start (epoch s), duration (s), category code, lang ref, ws ref
//   {"pause":1763802100}               tracking was paused then: no idle gap across it is bridged
// Ref 0 means "unknown" (no language, no workspace folder). A damaged header is counted and the rest of the
// file is still read as version 1; a header naming another schema makes the whole file unreadable to us.
import type { Category, Span } from '../core/types';
import { addBeatSpans, newExtraLines, readExtraLine } from './beatLine';

export const ACTIVITY_SCHEMA = 1;
export const ACTIVITY_KIND = 'craft-time/activity';

const CODE_OF: Record<Category, string> = { coding: 'c', reading: 'r', debugging: 'd', building: 'b', reviewing: 'v' };
const CATEGORY_OF: Record<string, Category> = { c: 'coding', r: 'reading', d: 'debugging', b: 'building', v: 'reviewing' };

export interface ActivityHeader {
  readonly schema: number;
  readonly kind: string;
  readonly source: string;
}

export function pauseLine(instant: number): string {
  return JSON.stringify({ pause: Math.floor(instant / 1000) });
}

export function headerLine(source: string): string {
  return JSON.stringify({ schema: ACTIVITY_SCHEMA, kind: ACTIVITY_KIND, source });
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
      out += `[${start},${duration},"${CODE_OF[s.category]}",${lang},${ws}]\n`;
    }
    return out;
  }
}

export interface DecodedActivity {
  readonly header: ActivityHeader | undefined;
  /** Spans in file order. */
  readonly spans: Span[];
  /** Workspace display names found in the file, by id. */
  readonly workspaceNames: Map<string, string>;
  /** Instants (ms) at which tracking was paused. */
  readonly barriers: number[];
  /** Lines that could not be understood (damaged, truncated, unknown refs, wrong schema). */
  readonly damagedLines: number;
  /** Old workspace id -> new one, from alias lines (beatLine.ts). */
  readonly aliases?: ReadonlyMap<string, string>;
}

/**
 * Reads a span line of the exact shape the writer produces, `[int,int,"c",int,int]`, without JSON.parse
 * (a year of activity is a few hundred thousand such lines). Anything else returns undefined and goes
 * through JSON.parse and the full checks.
 */
function scanSpanLine(line: string, out: number[]): string | undefined {
  const n = line.length;
  if (n < 13 || line.charCodeAt(0) !== 91 || line.charCodeAt(n - 1) !== 93) return undefined;
  let i = 1;
  let field = 0;
  let code: string | undefined;
  // Fields: 0 start, 1 duration, 2 "c", 3 lang, 4 ws; separated by commas, no spaces.
  while (field < 5) {
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
    if (field < 4 ? sep !== 44 : sep !== 93 || i !== n) return undefined;
    field++;
  }
  return code;
}

type MutableSpan = { -readonly [K in keyof Span]: Span[K] };

/** Decodes one file's text. Never throws: what cannot be read is counted in `damagedLines`. */
export function decodeActivity(text: string): DecodedActivity {
  const spans: MutableSpan[] = [];
  const barriers: number[] = [];
  const workspaceNames = new Map<string, string>();
  const langs = new Map<number, string>();
  const workspaces = new Map<number, string>();
  let damagedLines = 0;
  let header: ActivityHeader | undefined;
  const nums = [0, 0, 0, 0];
  const extra = newExtraLines(workspaceNames); // beat and alias lines (beatLine.ts)

  const addSpan = (start: number, duration: number, category: Category | undefined, lang: number, ws: number): boolean => {
    if (!category || (lang !== 0 && !langs.has(lang)) || (ws !== 0 && !workspaces.has(ws))) return false;
    const startMs = start * 1000;
    const language = lang === 0 ? '' : (langs.get(lang) as string);
    const workspaceId = ws === 0 ? '' : (workspaces.get(ws) as string);
    const prev = spans[spans.length - 1];
    // A window writes a long run as touching pieces (one per 30 s flush): read them back as one span.
    if (prev && prev.end === startMs && prev.category === category && prev.language === language && prev.workspaceId === workspaceId) {
      prev.end = startMs + duration * 1000;
    } else {
      spans.push({ start: startMs, end: startMs + duration * 1000, category, language, workspaceId });
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
      if (!addSpan(nums[0], nums[1], CATEGORY_OF[code], nums[2], nums[3])) damagedLines++;
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
      const [start, duration, c, lang, ws] = v as unknown[];
      const ok = v.length === 5 && Number.isSafeInteger(start) && Number.isSafeInteger(duration) && (duration as number) >= 0 &&
        typeof c === 'string' && Number.isInteger(lang) && Number.isInteger(ws) &&
        addSpan(start as number, duration as number, CATEGORY_OF[c], lang as number, ws as number);
      if (!ok) damagedLines++;
      continue;
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (isFirst && 'schema' in o) {
        if (o.schema === ACTIVITY_SCHEMA && o.kind === ACTIVITY_KIND && typeof o.source === 'string') {
          header = { schema: o.schema, kind: o.kind, source: o.source };
          continue;
        }
        // A newer or foreign schema: nothing in the file can be trusted to mean what we think.
        const count = lines.filter((l) => l.trim() !== '').length;
        return { header: undefined, spans: [], workspaceNames, barriers: [], damagedLines: count };
      }
      if (Number.isSafeInteger(o.pause) && (o.pause as number) > 0) {
        barriers.push((o.pause as number) * 1000);
        continue;
      }
      if (Number.isInteger(o.lang) && (o.lang as number) > 0 && typeof o.id === 'string') {
        langs.set(o.lang as number, o.id);
        continue;
      }
      if (Number.isInteger(o.ws) && (o.ws as number) > 0 && typeof o.id === 'string') {
        workspaces.set(o.ws as number, o.id);
        if (typeof o.name === 'string' && o.name) workspaceNames.set(o.id, o.name);
        continue;
      }
      if (readExtraLine(o, extra)) continue;
    }
    damagedLines++;
  }
  addBeatSpans(spans, extra);
  return { header, spans, workspaceNames, barriers, damagedLines, aliases: extra.aliases };
}
