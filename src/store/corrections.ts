// <data>/corrections.json: the user's "Mark as My Own Work" ranges (docs/data-format.md "corrections.json").
// {"schema":1,"kind":"craft-time/corrections","ranges":[{"from":ms,"to":ms,"at":ms}]}
import * as path from 'node:path';
import type { CorrectionRange } from '../core/corrections';
import { writeFileAtomic } from './atomicWrite';
import { readFileSafe, SafeReadError } from './safeRead';

export const CORRECTIONS_FILE = 'corrections.json';
export const CORRECTIONS_KIND = 'craft-time/corrections';
const MAX_BYTES = 4 * 1024 * 1024;
/** Instants a correction may name: 2000-01-01 .. 2100-01-01. */
const EARLIEST = Date.UTC(2000, 0, 1), LATEST = Date.UTC(2100, 0, 1);

export interface CorrectionsRead {
  readonly ranges: CorrectionRange[];
  /** Set when the file exists but cannot be used (damaged, newer schema): it is then never overwritten. */
  readonly problem?: string;
}

const isInstant = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= EARLIEST && (v as number) <= LATEST;

/** Parses the file's text. Ranges with a bad field are dropped (counted in the problem), never guessed. */
export function parseCorrections(text: string): CorrectionsRead {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ranges: [], problem: 'corrections.json is not valid JSON' };
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { ranges: [], problem: 'corrections.json is not an object' };
  const schema = Object.hasOwn(v, 'schema') ? (v as { schema: unknown }).schema : undefined;
  if (schema !== 1) return { ranges: [], problem: `corrections.json has schema ${String(schema)}, this version reads 1` };
  const list = Object.hasOwn(v, 'ranges') ? (v as { ranges: unknown }).ranges : undefined;
  if (!Array.isArray(list)) return { ranges: [], problem: 'corrections.json has no ranges list' };
  const ranges: CorrectionRange[] = [];
  let bad = 0;
  for (const r of list) {
    const ok = r && typeof r === 'object' && !Array.isArray(r) && Object.hasOwn(r, 'from') && Object.hasOwn(r, 'to') && Object.hasOwn(r, 'at');
    const { from, to, at } = ok ? (r as Record<string, unknown>) : {};
    if (ok && isInstant(from) && isInstant(to) && isInstant(at) && to > from) ranges.push({ from, to, at });
    else bad++;
  }
  return bad ? { ranges, problem: `${bad} damaged range(s) in corrections.json were skipped` } : { ranges };
}

export async function readCorrections(dataDir: string): Promise<CorrectionsRead> {
  try {
    const buf = await readFileSafe(path.join(dataDir, CORRECTIONS_FILE), { maxBytes: MAX_BYTES, within: dataDir });
    return parseCorrections(buf.toString('utf8'));
  } catch (error) {
    if (error instanceof SafeReadError && error.code === 'ENOENT') return { ranges: [] };
    return { ranges: [], problem: `corrections.json could not be read (${error instanceof SafeReadError ? error.reason : (error as Error).message})` };
  }
}

/**
 * Adds a range and writes the file atomically. A damaged or newer file is never overwritten: the call
 * throws with the reason, and the user's earlier corrections stay as they are.
 */
export async function addCorrection(dataDir: string, range: CorrectionRange): Promise<CorrectionRange[]> {
  const current = await readCorrections(dataDir);
  if (current.problem && current.ranges.length === 0) throw new Error(`${current.problem}; not changing it`);
  const ranges = [...current.ranges, range];
  const text = JSON.stringify({ schema: 1, kind: CORRECTIONS_KIND, ranges }) + '\n';
  await writeFileAtomic(path.join(dataDir, CORRECTIONS_FILE), text, { mkdir: true });
  return ranges;
}
