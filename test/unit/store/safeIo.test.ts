// The one writer and the one reader: attacks a user's machine can present (a FIFO where a file should be,
// a symlink planted at the target or leading out of the data folder, a file larger than allowed, a failing
// write) and what must hold then.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../../src/store/atomicWrite';
import { readFileSafe, readFileSafeSync, SafeReadError } from '../../../src/store/safeRead';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-safeio-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const leftovers = () => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe('writeFileAtomic', () => {
  test('replaces the content, leaves no temporary file, creates private files', async () => {
    const file = path.join(dir, 'a.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(leftovers()).toEqual([]);
  });

  test('a symlink planted at the target is replaced, never written through', async () => {
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    const file = path.join(dir, 'state.json');
    fs.symlinkSync(victim, file);
    await writeFileAtomic(file, 'new');
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
  });

  test('a failure (the folder is gone) removes the temporary file and keeps the error', async () => {
    const file = path.join(dir, 'missing', 'x.json');
    await expect(writeFileAtomic(file, 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(leftovers()).toEqual([]);
  });

  test('exclusive: a second writer of the same new file fails with EEXIST and the first content stays', async () => {
    const file = path.join(dir, 'member.json');
    await writeFileAtomic(file, 'first', { exclusive: true });
    await expect(writeFileAtomic(file, 'second', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
    expect(leftovers()).toEqual([]);
  });

  test('the synchronous twin behaves the same', () => {
    const file = path.join(dir, 'sub', 'b.json');
    writeFileAtomicSync(file, 'x', { mkdir: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('readFileSafe', () => {
  test('a FIFO where a file should be is refused at once (never blocks)', async () => {
    const fifo = path.join(dir, 'calendar.ics');
    execFileSync('mkfifo', [fifo]);
    await expect(readFileSafe(fifo, { maxBytes: 1000 })).rejects.toMatchObject({ reason: 'not a regular file' });
    expect(() => readFileSafeSync(fifo, { maxBytes: 1000 })).toThrow(SafeReadError);
  });

  test('a folder or a device is refused', async () => {
    await expect(readFileSafe(dir, { maxBytes: 1000 })).rejects.toBeInstanceOf(SafeReadError);
    await expect(readFileSafe('/dev/zero', { maxBytes: 1000 })).rejects.toMatchObject({ reason: 'not a regular file' });
  });

  test('the size is checked before reading', async () => {
    const file = path.join(dir, 'big');
    fs.writeFileSync(file, Buffer.alloc(5000));
    await expect(readFileSafe(file, { maxBytes: 4096 })).rejects.toMatchObject({ reason: 'larger than 4 KB' });
    expect((await readFileSafe(file, { maxBytes: 5000 })).length).toBe(5000);
  });

  test('symlinks are judged by their real paths: inside the folder is fine, outside is refused', async () => {
    const data = path.join(dir, 'data');
    fs.mkdirSync(data);
    fs.writeFileSync(path.join(data, 'real.json'), '{}');
    fs.symlinkSync(path.join(data, 'real.json'), path.join(data, 'inside.json'));
    fs.writeFileSync(path.join(dir, 'secret'), 'x');
    fs.symlinkSync(path.join(dir, 'secret'), path.join(data, 'outside.json'));
    expect((await readFileSafe(path.join(data, 'inside.json'), { maxBytes: 100, within: data })).toString()).toBe('{}');
    await expect(readFileSafe(path.join(data, 'outside.json'), { maxBytes: 100, within: data })).rejects.toMatchObject({ reason: 'a link that leads outside the data folder' });
    // The data folder itself may be a symlink: judged by real paths on both sides.
    const linked = path.join(dir, 'linked-data');
    fs.symlinkSync(data, linked);
    expect(readFileSafeSync(path.join(linked, 'real.json'), { maxBytes: 100, within: linked }).toString()).toBe('{}');
  });

  test('a missing file says ENOENT', async () => {
    await expect(readFileSafe(path.join(dir, 'nope'), { maxBytes: 10 })).rejects.toMatchObject({ code: 'ENOENT', reason: 'ENOENT: not found' });
  });
});
