// Reading what the extension wrote, the way a user's tools would: through the built CLI.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CLI = path.join(root, 'dist', 'cli.js');

const utcDate = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Hands-on minutes yesterday + today (UTC) from the data folder, per `craft-time days`. */
export function handsOnMinutes(dataDir, { idleMinutes = 5 } = {}) {
  const now = Date.now();
  const out = execFileSync(process.execPath, [CLI, 'days', '--data-dir', dataDir, '--from', utcDate(now - 86_400_000), '--to', utcDate(now),
    '--tz', 'UTC', '--idle-minutes', String(idleMinutes), '--json'], { encoding: 'utf8' });
  return JSON.parse(out).days.reduce((sum, d) => sum + d.handsOnMinutes, 0);
}

/** Minutes shown by a status bar text such as "0m", "12m" or "1h 05m". */
export function statusMinutes(text) {
  const m = /(?:(\d+)h\s*)?(\d+)m/.exec(text);
  return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) : Number.NaN;
}

/** Types ordinary text, key by key, for `ms` milliseconds. */
export async function typeFor(window, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) await window.type('lorem ipsum ', { delay: 40 });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Longer than the extension's 30 s flush interval. */
export const FLUSH_WAIT_MS = 33_000;
