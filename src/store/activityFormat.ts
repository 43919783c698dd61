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

export const ACTIVITY_SCHEMA = 1;
const DAMAGED = Symbol('damaged');
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
}

/** Decodes one file's text. Never throws: what cannot be read is counted in `damagedLines`. */
export function decodeActivity(text: string): DecodedActivity {
  // Blank lines carry nothing (a writer may add one to end a line cut short by a failed write).
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  // Fast path: the whole file as one JSON array (one parse call); per-line only when something is damaged.
  let parsed: unknown[] | undefined;
  try {
    parsed = JSON.parse('[' + lines.join(',') + ']') as unknown[];
    if (parsed.length !== lines.length) parsed = undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed) {
    parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return DAMAGED;
      }
    });
  }

  const spans: Span[] = [];
  const barriers: number[] = [];
  const workspaceNames = new Map<string, string>();
  const langs = new Map<number, string>();
  const workspaces = new Map<number, string>();
  let damagedLines = 0;
  let header: ActivityHeader | undefined;

  for (let i = 0; i < parsed.length; i++) {
    const v = parsed[i];
    if (Array.isArray(v)) {
      const [start, duration, code, lang, ws] = v as unknown[];
      const category = typeof code === 'string' ? CATEGORY_OF[code] : undefined;
      if (
        !Number.isSafeInteger(start) || !Number.isSafeInteger(duration) || (duration as number) < 0 || !category ||
        !Number.isInteger(lang) || !Number.isInteger(ws) ||
        ((lang as number) !== 0 && !langs.has(lang as number)) || ((ws as number) !== 0 && !workspaces.has(ws as number))
      ) {
        damagedLines++;
        continue;
      }
      const startMs = (start as number) * 1000;
      const language = (lang as number) === 0 ? '' : (langs.get(lang as number) as string);
      const workspaceId = (ws as number) === 0 ? '' : (workspaces.get(ws as number) as string);
      const prev = spans[spans.length - 1];
      // A window writes a long run as touching pieces (one per 30 s flush): read them back as one span.
      if (prev && prev.end === startMs && prev.category === category && prev.language === language && prev.workspaceId === workspaceId) {
        spans[spans.length - 1] = { ...prev, end: startMs + (duration as number) * 1000 };
        continue;
      }
      spans.push({
        start: startMs,
        end: startMs + (duration as number) * 1000,
        category,
        language,
        workspaceId,
      });
      continue;
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (i === 0 && 'schema' in o) {
        if (o.schema === ACTIVITY_SCHEMA && o.kind === ACTIVITY_KIND && typeof o.source === 'string') {
          header = { schema: o.schema, kind: o.kind, source: o.source };
          continue;
        }
        // A newer or foreign schema: nothing in the file can be trusted to mean what we think.
        return { header: undefined, spans: [], workspaceNames, barriers: [], damagedLines: lines.length };
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
    }
    damagedLines++;
  }
  return { header, spans, workspaceNames, barriers, damagedLines };
}
