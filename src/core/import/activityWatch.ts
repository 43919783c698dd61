// ActivityWatch editor bucket export -> spans (mapping documented in docs/data-format.md, "Import").
// Input: the parsed JSON of an ActivityWatch export, in any of three shapes:
//   {"buckets":{"<id>":{"id","type":"app.editor.activity","client","hostname","created","events":[…]}}}
//   one bucket object {"id","type","events":[…]}
//   a bare events array [{"timestamp":ISO,"duration":seconds,"data":{"file","project","language"}}]
// An event is a run of heartbeats that the watcher merged because they were at most `pulsetime` apart
// (aw-watcher-vscode and the other editor watchers use 60 s or less), so every instant of
// [timestamp, timestamp + duration] is activity: the event becomes one span of exactly that interval.
// Category: editor watchers record none, so every event is `coding`.
// Only timestamp, duration, data.language and the last segment of data.project are read; data.file and
// the full project path are never read into the result.
import type { Span } from '../types';
import {
  EARLIEST_IMPORT_MS, ProblemTally, ProjectWorkspaces, boundedString, sequentialSpans,
  type ImportOptions, type ImportResult,
} from './importResult';

export const AW_EDITOR_BUCKET_TYPE = 'app.editor.activity';

/** Longest single event accepted (a day): longer ones are damaged or not an editor watcher's. */
const MAX_EVENT_MS = 24 * 3_600_000;

interface EventList {
  readonly events: unknown[];
}

function collectEventLists(json: unknown, tally: ProblemTally): EventList[] | undefined {
  if (Array.isArray(json)) return [{ events: json }];
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  const buckets: unknown[] = [];
  if (o.buckets && typeof o.buckets === 'object') {
    buckets.push(...(Array.isArray(o.buckets) ? o.buckets : Object.values(o.buckets)));
  } else if (Array.isArray(o.events)) {
    buckets.push(o);
  } else {
    return undefined;
  }
  const lists: EventList[] = [];
  for (const b of buckets) {
    if (!b || typeof b !== 'object') {
      tally.note('Buckets that are not objects (ignored)');
      continue;
    }
    const bucket = b as Record<string, unknown>;
    const type = typeof bucket.type === 'string' ? bucket.type : '';
    if (type !== AW_EDITOR_BUCKET_TYPE) {
      const id = typeof bucket.id === 'string' ? bucket.id.slice(0, 80) : '?';
      tally.note(`Bucket "${id}" of type "${type.slice(0, 60) || 'none'}" ignored: only ${AW_EDITOR_BUCKET_TYPE} buckets hold editor activity`);
      continue;
    }
    if (!Array.isArray(bucket.events)) {
      tally.note('Editor buckets without an events list (ignored)');
      continue;
    }
    lists.push({ events: bucket.events });
  }
  return lists;
}

/** ISO 8601 instant; one without a zone designator is UTC (as ActivityWatch stores it), never local time. */
export function parseTimestamp(text: string): number {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(t)) return NaN;
  return Date.parse(/(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`);
}

export function parseActivityWatch(json: unknown, options: ImportOptions): ImportResult {
  const tally = new ProblemTally();
  const lists = collectEventLists(json, tally);
  if (!lists) {
    return {
      spans: [], workspaceNames: new Map(), records: 0, skipped: 0,
      problems: ['This is not an ActivityWatch export (expected {"buckets":{…}}, a bucket, or an events array).'],
    };
  }
  const raw: Span[] = [];
  const projects = new ProjectWorkspaces(options.workspaceId);
  const workspaceNames = projects.names;
  let records = 0;
  for (const { events } of lists) {
    for (const e of events) {
      records++;
      if (!e || typeof e !== 'object' || Array.isArray(e)) {
        tally.skip('Events that are not objects');
        continue;
      }
      const ev = e as Record<string, unknown>;
      const start = typeof ev.timestamp === 'string' ? parseTimestamp(ev.timestamp) : NaN;
      if (!Number.isFinite(start) || start < EARLIEST_IMPORT_MS) {
        tally.skip('Events without a valid timestamp');
        continue;
      }
      const seconds = ev.duration ?? 0;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        tally.skip('Events with a negative or invalid duration');
        continue;
      }
      const end = start + Math.round(seconds * 1000);
      if (end - start > MAX_EVENT_MS) {
        tally.skip('Events longer than a day (not an editor heartbeat run)');
        continue;
      }
      if (options.notAfter !== undefined && end > options.notAfter) {
        tally.skip('Events in the future');
        continue;
      }
      const data = ev.data && typeof ev.data === 'object' ? (ev.data as Record<string, unknown>) : {};
      const workspaceId = projects.idOfProject(data.project);
      const language = boundedString(data.language);
      raw.push({ start, end, category: 'coding', language: language === 'unknown' ? '' : language, workspaceId });
    }
  }
  const { spans, trimmed } = sequentialSpans(raw);
  if (trimmed) tally.note('Overlapping events counted once (cut where they overlap)', trimmed);
  return { spans, workspaceNames, records, skipped: tally.skipped, problems: tally.lines() };
}
