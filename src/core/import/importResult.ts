// What an importer hands back: spans ready for one activity file, plus a report for the user.
// Pure: no I/O, no clock, no hashing library (the caller passes `workspaceId`).
import type { Span } from '../types';

export interface ImportResult {
  /** Spans in time order, never overlapping one another (one writer's stream, as cleanSource expects). */
  readonly spans: Span[];
  /** Workspace display names (project names) by workspace id. */
  readonly workspaceNames: Map<string, string>;
  /** Records (heartbeats or events) found in the input, kept or not. */
  readonly records: number;
  /** Records left out (invalid, not hands-on, in the future); the reasons are in `problems`. */
  readonly skipped: number;
  /** One line per kind of problem, with counts; never one line per record. */
  readonly problems: string[];
}

export interface ImportOptions {
  /**
   * Turns a project key ("project:<name>") into a stable workspace id. The store layer passes a hash
   * (sha256, first 12 hex digits) so the core stays free of node:crypto.
   */
  readonly workspaceId: (key: string) => string;
  /** Records later than this (epoch ms) are skipped as clock errors. Omit to keep every time. */
  readonly notAfter?: number;
}

/** Earliest instant an importer accepts (2000-01-01T00:00:00Z): older times are clock or unit errors. */
export const EARLIEST_IMPORT_MS = Date.UTC(2000, 0, 1);

/** Longest project name or language id kept; anything longer is cut (it is a display name, not data). */
const MAX_NAME = 200;

/** The workspace key of a project name: the same name from any importer is the same workspace. */
export function projectKey(name: string): string {
  return `project:${name}`;
}

/** Last segment of a path-like project value (ActivityWatch stores folder paths), trimmed and bounded. */
export function projectName(value: unknown): string {
  if (typeof value !== 'string') return '';
  const parts = value.trim().split(/[\\/]+/).filter((p) => p !== '');
  const last = parts.length ? parts[parts.length - 1] : '';
  return last.slice(0, MAX_NAME);
}

/**
 * Workspace ids of imported projects: one id per project name (the same name is the same workspace in
 * every importer), with its display name recorded the first time it is seen.
 */
export class ProjectWorkspaces {
  private readonly idOf = new Map<string, string>();
  readonly names = new Map<string, string>();
  constructor(private readonly idFor: (key: string) => string) {}

  /** The workspace id of a raw project value ('' for none). */
  idOfProject(value: unknown): string {
    const project = projectName(value);
    if (!project) return '';
    let id = this.idOf.get(project);
    if (!id) {
      id = this.idFor(projectKey(project));
      this.idOf.set(project, id);
      this.names.set(id, project);
    }
    return id;
  }
}

const MAX_REASONS = 20;
const OTHER_REASONS = 'Other problems';

/** Counts problems by reason so a million bad records make one line, not a million. */
export class ProblemTally {
  private readonly counts = new Map<string, number>();
  skipped = 0;

  skip(reason: string): void {
    this.skipped++;
    this.note(reason);
  }

  note(reason: string, n = 1): void {
    // Reasons can carry a value from the input (an unknown category name): past a few distinct ones,
    // the rest share one line, so the report stays short whatever the input holds.
    const key = this.counts.has(reason) || this.counts.size < MAX_REASONS ? reason : OTHER_REASONS;
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  lines(): string[] {
    return [...this.counts].map(([reason, n]) => `${reason}: ${n}`);
  }
}

/**
 * Makes spans (in any order, possibly overlapping) into one writer's stream: sorted, and each instant
 * kept once. A span inside one already kept is dropped; one that overlaps the previous is cut to begin
 * where it ends. The union of the time, and therefore every total, is unchanged.
 */
export function sequentialSpans(spans: readonly Span[]): { spans: Span[]; trimmed: number } {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let lastEnd = -Infinity;
  let trimmed = 0;
  for (const s of sorted) {
    if (s.start >= lastEnd) {
      out.push(s);
      lastEnd = s.end;
      continue;
    }
    trimmed++;
    if (s.end <= lastEnd) continue;
    out.push({ ...s, start: lastEnd });
    lastEnd = s.end;
  }
  return { spans: out, trimmed };
}

/** A language value as we keep it: a short string or ''. */
export function boundedString(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, MAX_NAME) : '';
}
