import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { collectContributions, serializeContribution } from '../../../src/core/team/contribution';
import { deleteContributions, deleteOwnFiles, readTeamFolder, scanTeamFolder, writeContribution, writeSealed } from '../../../src/store/teamFolder';
import { aContribution, NOW } from '../core/team/builders';

let root: string;
let team: string;
let outside: string;

beforeEach(async () => {
  root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-team-'));
  team = path.join(root, 'team');
  outside = path.join(root, 'outside');
  await fs.promises.mkdir(team);
  await fs.promises.mkdir(outside);
});
afterEach(async () => {
  await fs.promises.rm(root, { recursive: true, force: true });
});

describe('writeContribution', () => {
  test('writes <month>/<member>.json atomically, leaving no temporary file', async () => {
    const c = aContribution();
    const file = await writeContribution(team, c);
    expect(file).toBe(path.join(team, '2025-05', `${c.member}.json`));
    expect(await fs.promises.readFile(file, 'utf8')).toBe(serializeContribution(c));
    const again = aContribution({ member: c.member, hours: 12 });
    await writeContribution(team, again);
    expect(await fs.promises.readFile(file, 'utf8')).toBe(serializeContribution(again));
    expect(await fs.promises.readdir(path.join(team, '2025-05'))).toEqual([`${c.member}.json`]);
  });
  test('refuses to write through a symlinked month folder or into a missing team folder', async () => {
    await fs.promises.symlink(outside, path.join(team, '2025-05'));
    await expect(writeContribution(team, aContribution())).rejects.toThrow(/symbolic link/);
    expect(await fs.promises.readdir(outside)).toEqual([]);
    await expect(writeContribution(path.join(root, 'missing'), aContribution())).rejects.toThrow();
  });
});

describe('readTeamFolder treats the folder as hostile', () => {
  test('reads month folders only, skips top-level, hidden, temporary, nested and other files', async () => {
    const a = aContribution(), b = aContribution();
    await writeContribution(team, a);
    await fs.promises.writeFile(path.join(team, `${b.member}.json`), serializeContribution(b));
    await fs.promises.writeFile(path.join(team, 'team.json'), '{}');
    await fs.promises.writeFile(path.join(team, '2025-05', '.x.tmp'), 'partial');
    await fs.promises.writeFile(path.join(team, '2025-05', 'README.md'), '# hi');
    await fs.promises.mkdir(path.join(team, '2025-05', 'deeper'));
    await fs.promises.writeFile(path.join(team, '2025-05', 'deeper', 'x.json'), '{}');
    await fs.promises.mkdir(path.join(team, '.git'));
    const read = await readTeamFolder(team);
    expect(read.files.map((f) => f.file)).toEqual([`2025-05/${a.member}.json`]);
    expect(read.rejected).toEqual([]);
    expect(collectContributions(read.files, { now: NOW }).contributions).toHaveLength(1);
  });
  test('only the months asked for are read', async () => {
    await writeContribution(team, aContribution());
    await writeContribution(team, aContribution({ month: '2025-04', weeks: ['2025-W14'], written: '2025-05-01T00:00:00Z' }));
    const read = await readTeamFolder(team, { months: ['2025-04'] });
    expect(read.files.map((f) => f.file.slice(0, 7))).toEqual(['2025-04']);
  });
  test('symbolic links are not followed: to a file outside, to a folder outside, dangling', async () => {
    const secret = path.join(outside, 'secret.json');
    await fs.promises.writeFile(secret, serializeContribution(aContribution()));
    await fs.promises.mkdir(path.join(team, '2025-05'));
    await fs.promises.symlink(secret, path.join(team, '2025-05', 'link.json'));
    await fs.promises.symlink(outside, path.join(team, '2025-04'));
    await fs.promises.symlink(path.join(root, 'nowhere.json'), path.join(team, '2025-05', 'dangling.sealed'));
    await fs.promises.symlink('../../outside/secret.json', path.join(team, '2025-05', 'relative.json'));
    const read = await readTeamFolder(team);
    expect(read.files).toEqual([]);
    expect(read.rejected).toEqual([
      { file: '2025-04', reason: 'symbolic link (not followed)' },
      { file: '2025-05/dangling.sealed', reason: 'symbolic link (not followed)' },
      { file: '2025-05/link.json', reason: 'symbolic link (not followed)' },
      { file: '2025-05/relative.json', reason: 'symbolic link (not followed)' },
    ]);
  });
  test('oversized files are rejected unread: 64 KB for plaintext, 16 KB for sealed files', async () => {
    await fs.promises.mkdir(path.join(team, '2025-05'));
    await fs.promises.writeFile(path.join(team, '2025-05', 'big.json'), ' '.repeat(64 * 1024 + 1));
    await fs.promises.writeFile(path.join(team, '2025-05', 'big.sealed'), ' '.repeat(16 * 1024 + 1));
    await fs.promises.writeFile(path.join(team, '2025-05', 'small.json'), '{}');
    const read = await readTeamFolder(team);
    expect(read.rejected).toEqual([
      { file: '2025-05/big.json', reason: 'larger than 65536 bytes' },
      { file: '2025-05/big.sealed', reason: 'larger than 16384 bytes' },
    ]);
    expect(read.files.map((f) => f.file)).toEqual(['2025-05/small.json']);
  });
  test('a memory budget for the whole folder: once spent, the rest is rejected with the reason, and files are streamed in batches', async () => {
    await fs.promises.mkdir(path.join(team, '2025-05'));
    // 200 files of 1,000 bytes against a 150,000-byte budget: exactly 150 are read.
    for (let i = 0; i < 200; i++) await fs.promises.writeFile(path.join(team, '2025-05', `${String(i).padStart(3, '0')}.sealed`), 'x'.repeat(1000));
    let seen = 0;
    const rejected = await scanTeamFolder(team, { maxTotalBytes: 150_000 }, () => void seen++);
    expect(seen).toBe(150);
    expect(rejected).toHaveLength(50);
    expect(rejected[0]).toEqual({ file: '2025-05/150.sealed', reason: "the folder's reading budget of 0 MB is spent" });
  });
  test('the file count is capped and the rest reported', async () => {
    await fs.promises.mkdir(path.join(team, '2025-05'));
    for (let i = 0; i < 5; i++) await fs.promises.writeFile(path.join(team, '2025-05', `${i}.json`), '{}');
    const read = await readTeamFolder(team, { maxFiles: 3 });
    expect(read.files).toHaveLength(3);
    expect(read.rejected).toEqual([{ file: '2025-05/3.json', reason: 'more than 3 files: this one and 1 after it not read' }]);
  });
  test('a named pipe is not opened (it would block)', async () => {
    await fs.promises.mkdir(path.join(team, '2025-05'));
    const fifo = path.join(team, '2025-05', 'pipe.json');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo on this system
    }
    const read = await readTeamFolder(team);
    expect(read.rejected).toEqual([{ file: '2025-05/pipe.json', reason: 'not a regular file' }]);
  });
});

describe('deleteContributions (opting out)', () => {
  test('deletes only this member\'s regular files', async () => {
    const mine = aContribution(), theirs = aContribution();
    await writeContribution(team, mine);
    await writeContribution(team, { ...mine, month: '2025-04', weeks: [{ ...mine.weeks[0], week: '2025-W14' }] });
    await writeContribution(team, theirs);
    const deleted = await deleteContributions(team, mine.member);
    expect(deleted).toEqual([path.join(team, '2025-04', `${mine.member}.json`), path.join(team, '2025-05', `${mine.member}.json`)]);
    expect(await fs.promises.readdir(path.join(team, '2025-05'))).toEqual([`${theirs.member}.json`]);
    await expect(deleteContributions(team, '../etc')).rejects.toThrow(RangeError);
  });
});

describe('deleteOwnFiles (leaving)', () => {
  test('deletes only the listed files of the shapes the product writes', async () => {
    const mine = '2025-05/' + 'a'.repeat(32) + '.sealed', theirs = '2025-05/' + 'b'.repeat(32) + '.sealed';
    await writeSealed(team, mine, 'x');
    await writeSealed(team, theirs, 'y');
    await fs.promises.mkdir(path.join(team, 'requests'));
    await fs.promises.writeFile(path.join(team, 'requests', 'abcd-efgh-ijkl-mnop.json'), '{}');
    await fs.promises.writeFile(path.join(team, 'team.json'), '{}');
    const deleted = await deleteOwnFiles(team, [mine, 'requests/abcd-efgh-ijkl-mnop.json', 'team.json', '../outside/x', '2025-05/missing' + 'c'.repeat(25) + '.sealed']);
    expect(deleted).toEqual([path.join(team, ...mine.split('/')), path.join(team, 'requests', 'abcd-efgh-ijkl-mnop.json')]);
    expect(fs.existsSync(path.join(team, ...theirs.split('/')))).toBe(true);
    expect(fs.existsSync(path.join(team, 'team.json'))).toBe(true);
  });
  test('refuses a path that is not a sealed file name', async () => {
    await expect(writeSealed(team, '../x.sealed', 'x')).rejects.toThrow(RangeError);
  });
});
