// The machine-wide record of edge warnings (state/warnings.json) and the claim that lets exactly one
// window speak: every window that finds a warning due tries to create the same claim file with O_EXCL,
// named after the record it read; only the first succeeds.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeAtomic } from './calendarStore';
import { readFileSafe, SafeReadError } from './safeRead';

export interface WarningRecord {
  /** When a warning was last shown on this machine (ISO), if ever. */
  readonly lastShown?: string;
  /** No warning before this instant (ISO). */
  readonly snoozedUntil?: string;
  /**
   * Set when warnings.json exists but cannot be used (damaged, unreadable, a newer schema). It fails closed:
   * no window claims a warning and the file is never overwritten, so a newer version's record survives.
   */
  readonly damaged?: string;
}

const file = (dataDir: string) => path.join(dataDir, 'state', 'warnings.json');

export async function readWarningRecord(dataDir: string): Promise<WarningRecord> {
  let text: string;
  try {
    text = (await readFileSafe(file(dataDir), { maxBytes: 1024 * 1024, within: dataDir })).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { damaged: `warnings.json cannot be read (${error instanceof SafeReadError ? error.reason : (error as Error).message})` };
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { damaged: 'warnings.json is not valid JSON' };
  }
  const o = (v && typeof v === 'object' && !Array.isArray(v) ? v : {}) as Record<string, unknown>;
  if (o.schema !== 1) return { damaged: `warnings.json has ${typeof o.schema === 'number' && o.schema > 1 ? `a newer schema (${o.schema})` : 'no known schema'}` };
  const when = (x: unknown) => (typeof x === 'string' && !Number.isNaN(Date.parse(x)) ? x : undefined);
  return { lastShown: when(o.lastShown), snoozedUntil: when(o.snoozedUntil) };
}

/** Replaces the record; refuses (throws) to overwrite a warnings.json that cannot be read. */
export async function writeWarningRecord(dataDir: string, record: WarningRecord): Promise<void> {
  const current = await readWarningRecord(dataDir);
  if (current.damaged) throw new Error(`${current.damaged}; it was left untouched.`);
  const { lastShown, snoozedUntil } = record;
  await writeAtomic(file(dataDir), JSON.stringify({ schema: 1, lastShown, snoozedUntil }, null, 2) + '\n');
}

/** A claim older than this whose record never changed belongs to a window that died before speaking. */
export const STALE_CLAIM_MS = 2 * 60_000;

/**
 * Claims the right to show the warning that is due after `record`. True for exactly one caller per
 * record, across every process on the machine. If the winner died before updating the record (its claim
 * is stale and the record unchanged), the next numbered claim is open to the same exclusive race.
 */
export async function claimWarning(dataDir: string, record: WarningRecord): Promise<boolean> {
  if (record.damaged) return false; // fail closed: no warning rather than a record written over
  const key = createHash('sha256').update(JSON.stringify([record.lastShown ?? '', record.snoozedUntil ?? ''])).digest('hex').slice(0, 16);
  const dir = path.join(dataDir, 'state', 'warning-claims');
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  for (let n = 0; n < 20; n++) {
    const file = path.join(dir, n === 0 ? key : `${key}.${n}`);
    try {
      const handle = await fs.promises.open(file, 'wx');
      await handle.close();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const age = Date.now() - (await fs.promises.stat(file)).mtimeMs;
    if (age < STALE_CLAIM_MS) return false; // someone is speaking right now
    const current = await readWarningRecord(dataDir);
    if (current.lastShown !== record.lastShown || current.snoozedUntil !== record.snoozedUntil) return false; // it spoke
  }
  return false;
}
