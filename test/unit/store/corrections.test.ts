import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addCorrection, parseCorrections, readCorrections } from '../../../src/store/corrections';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-corrections-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const A = Date.UTC(2026, 10, 20, 9), B = Date.UTC(2026, 10, 20, 11), AT = Date.UTC(2026, 10, 21);

describe('corrections.json', () => {
  test('a missing file is no corrections; adding writes the documented shape atomically', async () => {
    expect(await readCorrections(dir)).toEqual({ ranges: [] });
    await addCorrection(dir, { from: A, to: B, at: AT });
    await addCorrection(dir, { from: B, to: B + 60_000, at: AT });
    const text = fs.readFileSync(path.join(dir, 'corrections.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({ schema: 1, kind: 'craft-time/corrections', ranges: [{ from: A, to: B, at: AT }, { from: B, to: B + 60_000, at: AT }] });
    expect(fs.readdirSync(dir)).toEqual(['corrections.json']); // no temporary file left
  });

  test('bad ranges are skipped and said, prototype names find nothing', () => {
    const r = parseCorrections(JSON.stringify({ schema: 1, ranges: [{ from: A, to: B, at: AT }, { from: B, to: A, at: AT }, { from: 5, to: B, at: AT }, { ['__proto__']: { from: A } }, 'x'] }));
    expect(r.ranges).toEqual([{ from: A, to: B, at: AT }]);
    expect(r.problem).toBe('4 damaged range(s) in corrections.json were skipped');
  });

  test('a damaged or newer file is never overwritten', async () => {
    const file = path.join(dir, 'corrections.json');
    for (const text of ['{not json', '{"schema":2,"ranges":[]}']) {
      fs.writeFileSync(file, text);
      await expect(addCorrection(dir, { from: A, to: B, at: AT })).rejects.toThrow(/not changing it/);
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
    }
  });

  test('a FIFO in its place is refused, not waited on', async () => {
    const file = path.join(dir, 'corrections.json');
    try {
      execFileSync('mkfifo', [file]);
    } catch {
      return; // no mkfifo here
    }
    const r = await readCorrections(dir);
    expect(r.ranges).toEqual([]);
    expect(r.problem).toMatch(/not a regular file/);
  });
});
