// WakaTime heartbeats export -> spans (mapping documented in docs/data-format.md, "Import").
// Input: the parsed JSON of wakatime.com's "Export heartbeats" file:
//   {"user":…,"range":…,"days":[{"date":"YYYY-MM-DD","heartbeats":[{"time":1700000000.123,"category":"coding",
//     "language":"TypeScript","project":"craft-time","entity":"/home/me/…/file.ts","is_write":true,…}]}]}
// Also accepted: {"data":[heartbeat…]} (the heartbeats API) and a bare array of heartbeats.
// Only time, category, language, project and the line counts ai_line_changes / human_line_changes are read. `entity` (a file path or URL), branch, dependencies,
// machine and every other field are never read, so they can never be stored.
import { spansFromHeartbeats } from '../timeline';
import type { Category, Heartbeat } from '../types';
import {
  EARLIEST_IMPORT_MS, ProblemTally, ProjectWorkspaces, boundedString, sequentialSpans,
  type ImportOptions, type ImportResult,
} from './importResult';

/**
 * WakaTime category -> ours. `undefined` means "not hands-on craft in an editor": skipped and counted.
 * A heartbeat without a category is `coding` (WakaTime's own default).
 */
export const WAKATIME_CATEGORIES: Readonly<Record<string, Category | undefined>> = {
  'coding': 'coding',
  // Time WakaTime's plugins attribute to AI tools writing code: ours is `assisted`, never hands-on.
  'ai coding': 'assisted',
  'writing tests': 'coding',
  'writing docs': 'coding',
  'translating': 'coding',
  'building': 'building',
  'running tests': 'building',
  'manual testing': 'building',
  'debugging': 'debugging',
  'code reviewing': 'reviewing',
  'browsing': 'reading',
  'researching': 'reading',
  'learning': 'reading',
  // Not craft time as DESIGN.md defines it (or not made by the user):
  'indexing': undefined,
  'meeting': undefined,
  'communicating': undefined,
  'planning': undefined,
  'designing': undefined,
  'supporting': undefined,
  'advising': undefined,
};

/** WakaTime language names -> VS Code language ids, where lower-casing alone is not enough. */
const LANGUAGE_IDS: Readonly<Record<string, string>> = {
  'c++': 'cpp',
  'c#': 'csharp',
  'f#': 'fsharp',
  'objective-c': 'objective-c',
  'objective-c++': 'objective-cpp',
  'shell': 'shellscript',
  'bash': 'shellscript',
  'sh': 'shellscript',
  'zsh': 'shellscript',
  'text': 'plaintext',
  'plain text': 'plaintext',
  'tsx': 'typescriptreact',
  'jsx': 'javascriptreact',
  'vue.js': 'vue',
  'docker': 'dockerfile',
  'visual basic .net': 'vb',
  'batchfile': 'bat',
  'tex': 'latex',
  'restructuredtext': 'restructuredtext',
  'jupyter': 'jupyter',
  'git config': 'git-config',
  'git': 'git-commit',
};

const UNKNOWN_LANGUAGES = new Set(['', 'other', 'unknown']);

/** A WakaTime language name as a VS Code language id ('' when unknown). */
export function wakaTimeLanguage(value: unknown): string {
  const name = boundedString(value).toLowerCase();
  if (UNKNOWN_LANGUAGES.has(name)) return '';
  // Own keys only: "constructor" or "__proto__" is a language name like any other, never Object's.
  return (Object.hasOwn(LANGUAGE_IDS, name) ? LANGUAGE_IDS[name] : undefined) ?? name.replace(/\s+/g, '-');
}

/** A WakaTime line count (lines added + removed since the previous heartbeat) as a whole number >= 0. */
function lineCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(Math.round(value), 1_000_000) : 0;
}

/** Pulls the heartbeat records out of any accepted shape; `undefined` when the shape is not WakaTime's. */
function heartbeatRecords(json: unknown, tally: ProblemTally): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.data)) return o.data;
  if (!Array.isArray(o.days)) return undefined;
  const out: unknown[] = [];
  for (const day of o.days) {
    const hb = day && typeof day === 'object' ? (day as Record<string, unknown>).heartbeats : undefined;
    if (!Array.isArray(hb)) {
      tally.note('Days without a heartbeats list (ignored)');
      continue;
    }
    for (const h of hb) out.push(h);
  }
  return out;
}

export function parseWakaTime(json: unknown, options: ImportOptions): ImportResult {
  const tally = new ProblemTally();
  const records = heartbeatRecords(json, tally);
  if (!records) {
    return {
      spans: [], workspaceNames: new Map(), records: 0, skipped: 0,
      problems: ['This is not a WakaTime heartbeats export (expected {"days":[{"heartbeats":[…]}]}).'],
    };
  }
  const heartbeats: Heartbeat[] = [];
  const projects = new ProjectWorkspaces(options.workspaceId);
  const workspaceNames = projects.names;
  for (const r of records) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) {
      tally.skip('Records that are not heartbeat objects');
      continue;
    }
    const h = r as Record<string, unknown>;
    const seconds = h.time;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
      tally.skip('Heartbeats without a valid time');
      continue;
    }
    const time = Math.round(seconds * 1000);
    if (time < EARLIEST_IMPORT_MS || time > 8.64e15) {
      tally.skip('Heartbeats with a time before 2000 (not epoch seconds?)');
      continue;
    }
    if (options.notAfter !== undefined && time > options.notAfter) {
      tally.skip('Heartbeats in the future');
      continue;
    }
    let category: Category | undefined = 'coding';
    if (h.category !== undefined && h.category !== null) {
      const name = typeof h.category === 'string' ? h.category.trim().toLowerCase() : '';
      const known = Object.hasOwn(WAKATIME_CATEGORIES, name);
      category = known ? WAKATIME_CATEGORIES[name] : undefined;
      if (!category) {
        tally.skip(known ? `Heartbeats of category "${name}" (not hands-on craft)` : `Heartbeats of unknown category "${name.slice(0, 40)}"`);
        continue;
      }
    }
    const workspaceId = projects.idOfProject(h.project);
    // Changed lines: the AI's on an `ai coding` heartbeat, the human's on any other (the other count, if any,
    // belongs to time this heartbeat does not stand for).
    const lines = lineCount(category === 'assisted' ? h.ai_line_changes : h.human_line_changes);
    heartbeats.push({ time, category, language: wakaTimeLanguage(h.language), workspaceId, ...(lines ? { lines } : {}) });
  }
  heartbeats.sort((a, b) => a.time - b.time);
  const { spans, trimmed } = sequentialSpans(spansFromHeartbeats(heartbeats));
  if (trimmed) tally.note('Spans cut where several heartbeats shared the same instant', trimmed);
  return { spans, workspaceNames, records: records.length, skipped: tally.skipped, problems: tally.lines() };
}
