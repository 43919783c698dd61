// Compacted copies of closed months' beat files (docs/data-format.md "Compacted beat files"): the same
// spans as the beat file, read instead of it while its stamp matches, never a lost or doubled line.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { compactedName, isClosedMonth } from '../../../src/store/beatCompaction';
import { encodeBeatLine, type Beat } from '../../../src/store/beatLine';
import { readActivity, readActivityFile } from '../../../src/store/history';

const WS = '9f86d081884c';
const MONTH = '2025-03';
const T0 = Date.UTC(2025, 2, 10, 9) / 1000; // 2025-03-10 09:00 UTC, epoch seconds
const AFTER = Date.UTC(2025, 4, 1); // May: March is long closed

let dir: string, monthDir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-compact-'));
  monthDir = path.join(dir, 'activity', MONTH);
  fs.mkdirSync(monthDir, { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const beat = (offset: number, extra: Partial<Beat> = {}): string => encodeBeatLine({ time: T0 + offset, cat: 'b', program: 'terminal', ws: WS, name: 'craft-time', ...extra });
const write = (name: string, lines: string[]) => fs.writeFileSync(path.join(monthDir, name), lines.join('\n') + '\n');
const copy = (name: string) => path.join(monthDir, compactedName(name));

describe('closed months', () => {
  test('a month is closed one day after its last instant (UTC)', () => {
    expect(isClosedMonth('2025-03', Date.UTC(2025, 3, 1, 23, 59))).toBe(false);
    expect(isClosedMonth('2025-03', Date.UTC(2025, 3, 2))).toBe(true);
    expect(isClosedMonth('not-a-month', AFTER)).toBe(false);
  });
});

describe('compacted beat files', () => {
  // Beats 20 s apart join into one span (SPAN_JOIN_MS is 60 s); a 10-minute gap starts another; one
  // beat out of order (several shells append) is sorted in. By hand: [0, 40] s and [640, 660] s.
  const lines = [beat(0), beat(40), beat(20), beat(640), beat(660, { lang: 'shellscript' })];

  test('the first read of a closed month writes the copy; the next read gives exactly the same spans', () => {
    write('terminal.jsonl', lines);
    const first = readActivityFile(dir, MONTH, 'terminal.jsonl', AFTER);
    expect(first.spans.map((s) => [(s.start / 1000) - T0, (s.end / 1000) - T0, s.language, s.program])).toEqual([[0, 40, '', 'terminal'], [640, 640, '', 'terminal'], [660, 660, 'shellscript', 'terminal']]);
    expect(fs.existsSync(copy('terminal.jsonl'))).toBe(true);
    const copyText = fs.readFileSync(copy('terminal.jsonl'), 'utf8');
    expect(copyText.trim().split('\n').length).toBeLessThan(lines.length + 3); // header + dictionaries + 3 spans
    const second = readActivityFile(dir, MONTH, 'terminal.jsonl', AFTER);
    expect(second).toEqual(first);
    // The copy is what was read: a marker value changed only in the copy shows through.
    fs.writeFileSync(copy('terminal.jsonl'), copyText.replace('"name":"craft-time"', '"name":"from-copy"'));
    expect(readActivityFile(dir, MONTH, 'terminal.jsonl', AFTER).names.get(WS)).toBe('from-copy');
  });

  test('an open month gets no copy', () => {
    write('terminal.jsonl', lines);
    readActivityFile(dir, MONTH, 'terminal.jsonl', Date.UTC(2025, 2, 20));
    expect(fs.existsSync(copy('terminal.jsonl'))).toBe(false);
  });

  test('a late append changes the stamp: the beat file is read in full again and nothing is lost', () => {
    write('terminal.jsonl', lines);
    readActivityFile(dir, MONTH, 'terminal.jsonl', AFTER);
    fs.appendFileSync(path.join(monthDir, 'terminal.jsonl'), beat(3000) + '\n');
    const again = readActivityFile(dir, MONTH, 'terminal.jsonl', AFTER);
    expect(again.spans.map((s) => s.start / 1000 - T0)).toEqual([0, 640, 660, 3000]);
    // ... and the copy is brought up to date.
    expect(readActivityFile(dir, MONTH, 'terminal.jsonl', AFTER)).toEqual(again);
  });

  test('a damaged copy is ignored, never counted; the whole year counts each beat once', async () => {
    write('terminal.jsonl', lines);
    const before = await readActivity(dir);
    fs.writeFileSync(copy('terminal.jsonl'), '{"schema":2,'); // damaged
    const after = await readActivity(dir);
    expect(after.sources).toEqual(before.sources);
    expect(after.files).toBe(1); // the copy is not an activity file of its own
    expect(after.damagedLines).toBe(0);
  });

  test('files with a pause, an alias, a damaged line or two programs get no copy', () => {
    write('a.jsonl', [...lines, '{"pause":' + (T0 + 5000) + '}']);
    write('b.jsonl', [...lines, '{"alias":"0123456789abcdef","to":"9f86d081884c"}']);
    write('c.jsonl', [...lines, '{"beat":-1}']);
    write('d.jsonl', [...lines, beat(5000, { program: 'neovim' })]);
    for (const name of ['a.jsonl', 'b.jsonl', 'c.jsonl', 'd.jsonl']) {
      readActivityFile(dir, MONTH, name, AFTER);
      expect(fs.existsSync(copy(name))).toBe(false);
    }
  });

  test("a window's span file is never copied", () => {
    write('w-abc.jsonl', ['{"schema":2,"kind":"craft-time/activity","source":"w-abc","program":"vscode"}', `[${T0},60,"c",0,0]`]);
    readActivityFile(dir, MONTH, 'w-abc.jsonl', AFTER);
    expect(fs.existsSync(copy('w-abc.jsonl'))).toBe(false);
  });
});
