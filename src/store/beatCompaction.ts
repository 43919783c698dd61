// Compacted copies of closed months' beat files (docs/data-format.md "Compacted beat files"). A beat file
// (activity/<month>/terminal.jsonl, neovim.jsonl, …) is one JSON object per heartbeat: several times the
// lines, and the parsing, of the same time as spans. Once its month is closed, a reader that decoded it
// writes `.<name>.spans` next to it: the same spans in the normal span format, stamped with the beat
// file's size and modification time. Later reads take the copy while the stamp still matches. The beat
// file itself is never changed or removed, so no line can be lost: a late append, a copy from a backup, or
// a damaged copy changes the stamp or fails the check, and the beat file is read again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Span } from '../core/types';
import { ACTIVITY_KIND, ACTIVITY_SCHEMA, ActivityEncoder, decodeActivity, isProgramName, monthRange, type DecodedActivity } from './activityFormat';
import { writeFileAtomicSync } from './atomicWrite';
import { readFileSafeSync } from './safeRead';

/** A month is closed a day after it ends (UTC): a shell may append a beat of 23:59 a moment after midnight. */
const CLOSE_AFTER_MS = 86_400_000;
const MAX_BYTES = 64 * 1024 * 1024;

export function compactedName(name: string): string {
  return `.${name}.spans`;
}

export function isClosedMonth(month: string, now: number): boolean {
  const range = monthRange(month);
  return range !== undefined && now >= range.to + CLOSE_AFTER_MS;
}

interface Stamp {
  readonly bytes: number;
  readonly mtimeMs: number;
}

/** The compacted copy's spans, or undefined when there is none or it no longer matches the beat file. */
export function readCompacted(dataDir: string, dir: string, name: string, month: string): DecodedActivity | undefined {
  let source: fs.Stats;
  let text: string;
  try {
    source = fs.statSync(path.join(dir, name));
    text = readFileSafeSync(path.join(dir, compactedName(name)), { maxBytes: MAX_BYTES, within: dataDir }).toString('utf8');
  } catch {
    return undefined; // no copy (or one that cannot be read safely): the beat file is read instead
  }
  const newline = text.indexOf('\n');
  let head: Record<string, unknown>;
  try {
    head = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const stamp = head.compactOf as Stamp | undefined;
  if (!stamp || stamp.bytes !== source.size || stamp.mtimeMs !== source.mtimeMs || !isProgramName(head.program)) return undefined;
  const decoded = decodeActivity(text, { month });
  if (decoded.damagedLines > 0 || !decoded.header) return undefined;
  const program = head.program;
  return { ...decoded, header: undefined, spans: decoded.spans.map((s) => ({ ...s, program })) };
}

/**
 * After `decoded` was read from a closed month's beat file whose size and mtime were `stamp` when read:
 * writes the compacted copy when the file is plain beats of one program (no pause, alias or damaged line)
 * and the copy decodes to exactly the same spans and names. Best effort: a read-only folder just means
 * no copy.
 */
export function writeCompacted(dir: string, name: string, month: string, stamp: Stamp, decoded: DecodedActivity): void {
  if (decoded.header || decoded.spans.length === 0 || decoded.barriers.length || decoded.damagedLines || (decoded.aliases?.size ?? 0) > 0) return;
  const program = decoded.spans[0].program;
  if (!isProgramName(program) || decoded.spans.some((s) => s.program !== program)) return;
  const head = JSON.stringify({ schema: ACTIVITY_SCHEMA, kind: ACTIVITY_KIND, source: name.replace(/\.jsonl$/, ''), program, compactOf: { bytes: stamp.bytes, mtimeMs: stamp.mtimeMs } });
  const text = `${head}\n${new ActivityEncoder().encode(decoded.spans, decoded.workspaceNames)}`;
  const check = decodeActivity(text, { month });
  const names = (m: ReadonlyMap<string, string>) => JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
  const same = (spans: readonly Span[]) => JSON.stringify(spans.map((s) => ({ ...s, program })));
  if (check.damagedLines || same(check.spans) !== same(decoded.spans) || names(check.workspaceNames) !== names(decoded.workspaceNames)) return;
  try {
    writeFileAtomicSync(path.join(dir, compactedName(name)), text);
  } catch {
    // No copy: the beat file is read in full next time, as before.
  }
}
