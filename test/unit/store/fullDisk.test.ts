// A full disk, for real: a 256 KB tmpfs filled to the last page. Import, flush, export and summary fail
// with a clear error, leave no temporary file behind, and every byte written before is still there.
// Needs root (mount); skipped with the reason otherwise. CI runs as root.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import type { Span } from '../../../src/core/types';
import { ActivityWriter, AppendError, writeActivityFile } from '../../../src/store/activityStore';
import { readActivity } from '../../../src/store/history';
import { isDiskFull } from '../../../src/store/atomicWrite';
import { writeControls } from '../../../src/store/controls';
import { writeExport } from '../../../src/store/exporter';
import { importFile } from '../../../src/store/importer';

const FIXTURES = path.join(__dirname, '../../fixtures/import');
const T = Date.UTC(2025, 10, 20, 9, 0, 0);
const span = (i: number): Span => ({ start: T + i * 60_000, end: T + i * 60_000 + 30_000, category: 'coding', language: 'typescript', workspaceId: 'ws1' });
const names = new Map([['ws1', 'craft-time']]);

let mountPoint: string | undefined;
let skipReason = '';
let dataDir = '';

function tryMount(): void {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    skipReason = 'needs root on Linux to mount a small tmpfs';
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'pipe' });
    mountPoint = dir;
  } catch (error) {
    fs.rmdirSync(dir);
    skipReason = `mount -t tmpfs failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
  }
}

/** Writes a filler file until the file system says it is full. */
function fill(): void {
  const fd = fs.openSync(path.join(mountPoint as string, 'filler'), 'w');
  const chunk = Buffer.alloc(4096, 120);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    if (!isDiskFull(error)) throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/** Every file under `root` with its bytes (relative paths). */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of fs.readdirSync(root, { recursive: true }) as string[]) {
    const abs = path.join(root, rel);
    if (fs.statSync(abs).isFile()) out.set(rel, fs.readFileSync(abs, 'base64'));
  }
  return out;
}

const temporaries = (root: string) => (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp'));

beforeAll(async () => {
  tryMount();
  if (!mountPoint) return;
  dataDir = path.join(mountPoint, 'data');
  await writeActivityFile(dataDir, 'w-before', [span(0), span(1), span(2)], names);
  await new ActivityWriter(dataDir, 'w-live').append([span(10), span(11)], names);
  await writeControls(dataDir, { schema: 1, paused: false, excludedWorkspaces: [{ id: 'secret-ws', name: 'Excluded' }] });
  fill();
});

afterAll(() => {
  if (!mountPoint) return;
  execFileSync('umount', [mountPoint]);
  fs.rmdirSync(mountPoint);
});

describe('on a full disk', () => {
  test('the test ran on a real full disk (or says why not)', (ctx) => {
    if (!mountPoint) ctx.skip(skipReason);
    expect(() => fs.writeFileSync(path.join(mountPoint as string, 'probe'), Buffer.alloc(8192))).toThrow(/ENOSPC/);
    fs.rmSync(path.join(mountPoint as string, 'probe'), { force: true });
  });

  test('import fails with ENOSPC, leaves no temporary file, changes nothing', async (ctx) => {
    if (!mountPoint) ctx.skip(skipReason);
    const before = snapshot(dataDir);
    const error = await importFile(dataDir, 'wakatime', path.join(FIXTURES, 'wakatime-small.json')).catch((e: unknown) => e);
    expect(isDiskFull(error)).toBe(true);
    expect(temporaries(mountPoint as string)).toEqual([]);
    // A month folder the import created may remain (empty); every file that was there is unchanged.
    const after = snapshot(dataDir);
    for (const [file, bytes] of before) expect(after.get(file), file).toBe(bytes);
    expect([...after.keys()].filter((f) => !before.has(f))).toEqual([]);
  });

  test('a flush fails with the unwritten spans handed back; after space frees, the retry loses nothing', async (ctx) => {
    if (!mountPoint) ctx.skip(skipReason);
    const writer = new ActivityWriter(dataDir, 'w-live');
    // More than a page of lines, so the write cannot fit in the slack of the file's last page.
    const batch = Array.from({ length: 400 }, (_, i) => span(100 + i));
    const error = await writer.append(batch, names).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppendError);
    expect((error as AppendError).code).toBe('ENOSPC');
    expect((error as AppendError).unwritten).toEqual(batch);
    const stillThere = await readActivity(dataDir);
    const all = stillThere.sources.flat();
    for (const s of [span(0), span(1), span(2), span(10), span(11)]) expect(all).toContainEqual(s);
    // Space comes back (the user cleans up): the retry of what was handed back lands in full.
    fs.truncateSync(path.join(mountPoint as string, 'filler'), 64 * 1024);
    await writer.append((error as AppendError).unwritten, names);
    const after = (await readActivity(dataDir)).sources.flat();
    for (const s of [span(0), span(1), span(2), span(10), span(11), ...batch]) expect(after).toContainEqual(s);
    fill();
  });

  test('export to the full disk fails, leaves no temporary file and no partial export', async (ctx) => {
    if (!mountPoint) ctx.skip(skipReason);
    const before = snapshot(dataDir);
    const out = path.join(mountPoint as string, 'export.json');
    const error = await writeExport(dataDir, out, T).catch((e: unknown) => e);
    expect(isDiskFull(error)).toBe(true);
    expect(fs.existsSync(out)).toBe(false);
    expect(temporaries(mountPoint as string)).toEqual([]);
    expect(snapshot(dataDir)).toEqual(before);
  });

  test('craft-time summary --out on the full disk exits 1 with the reason, leaving no temporary file', async (ctx) => {
    if (!mountPoint) ctx.skip(skipReason);
    let stderr = '';
    const io: CliIo = { stdout: () => undefined, stderr: (t) => void (stderr += t), env: {}, now: () => T + 86_400_000, cwd: mountPoint as string };
    const out = path.join(mountPoint as string, 'summary.html');
    const code = await runCli(['summary', '--month', '2025-11', '--format', 'html', '--out', out, '--data-dir', dataDir, '--tz', 'UTC'], io);
    expect(code).toBe(1);
    expect(stderr).toMatch(/ENOSPC|no space/i);
    expect(fs.existsSync(out)).toBe(false);
    expect(temporaries(mountPoint as string)).toEqual([]);
  });
});
