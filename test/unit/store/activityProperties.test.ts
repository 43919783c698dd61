// Property tests (fast-check) over the activity decoder: random text and mutated real lines never throw,
// and whatever comes out obeys the format's rules (every instant in the file's month and not in the
// future beyond the slack, no span line longer than a day, categories from the known set). The worst
// inputs are kept as a corpus in test/fixtures/activity-corpus/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ActivityEncoder, decodeActivity, FUTURE_SLACK_MS, headerLine, monthRange } from '../../../src/store/activityFormat';
import { ALL_CATEGORIES, type Span } from '../../../src/core/types';

const corpus = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/activity-corpus/hostile-lines.json'), 'utf8')) as { month: string; now: number; lines: string[] };
const MONTH = corpus.month;
const NOW = corpus.now;
const range = monthRange(MONTH)!;
const T = Date.UTC(2026, 10, 20, 9);

/** A realistic file of the month: what the writer produces for a few spans. */
function realFile(): string {
  const spans: Span[] = [
    { start: T, end: T + 42_000, category: 'coding', language: 'typescript', workspaceId: 'a1b2c3d4e5f6', lines: 3 },
    { start: T + 60_000, end: T + 90_000, category: 'assisted', language: 'typescript', workspaceId: 'a1b2c3d4e5f6', lines: 40 },
    { start: T + 120_000, end: T + 121_000, category: 'reading', language: 'markdown', workspaceId: '', },
  ];
  return headerLine('w-1a2b3c4d5e6f', 'vscode') + '\n' + new ActivityEncoder().encode(spans, new Map([['a1b2c3d4e5f6', 'craft-time']])) + '{"pause":' + Math.floor((T + 200_000) / 1000) + '}\n';
}

function checkInvariants(text: string): void {
  const d = decodeActivity(text, { now: NOW, month: MONTH });
  const nonBlank = text.split('\n').filter((l) => l.trim() !== '').length;
  expect(d.damagedLines).toBeGreaterThanOrEqual(0);
  expect(d.damagedLines).toBeLessThanOrEqual(nonBlank);
  for (const s of d.spans) {
    expect((ALL_CATEGORIES as readonly string[]).includes(s.category)).toBe(true);
    expect(Object.hasOwn(s, 'category')).toBe(true);
    expect(s.start).toBeGreaterThanOrEqual(range.from);
    expect(s.start).toBeLessThan(range.to);
    expect(s.end).toBeGreaterThanOrEqual(s.start);
    expect(s.end).toBeLessThanOrEqual(NOW + FUTURE_SLACK_MS);
    expect(Number.isFinite(s.end)).toBe(true);
    if (s.lines !== undefined) expect(Number.isSafeInteger(s.lines) && s.lines > 0).toBe(true);
  }
  for (const b of d.barriers) {
    expect(b).toBeGreaterThanOrEqual(range.from);
    expect(b).toBeLessThan(range.to);
  }
}

const hostileToken = fc.constantFrom('constructor', '__proto__', 'toString', '1e400', '-0', '9007199254740993', 'null', '{}', '[]', '"', '\\u0000', '99999999999999', '-1', '0.5', 'NaN', '"a"', '"v"');

describe('decodeActivity never throws and keeps its invariants', () => {
  test('random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => checkInvariants(text)), { numRuns: 1000, seed: 10 });
  });

  test('random lines of JSON values', () => {
    fc.assert(fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'), { maxLength: 20 }), (lines) =>
      checkInvariants([headerLine('w-x'), ...lines].join('\n'))), { numRuns: 500, seed: 11 });
  });

  test('real lines with characters replaced, inserted or deleted', () => {
    const base = realFile();
    const edit = fc.tuple(fc.nat({ max: base.length - 1 }), fc.constantFrom('replace', 'insert', 'delete'), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }));
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
      let text = base;
      for (const [at, kind, s] of edits) {
        const i = Math.min(at, text.length);
        text = kind === 'replace' ? text.slice(0, i) + s + text.slice(i + s.length) : kind === 'insert' ? text.slice(0, i) + s + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
      }
      checkInvariants(text);
    }), { numRuns: 1200, seed: 12 });
  });

  test('real lines with a field swapped for a hostile token', () => {
    const lines = realFile().split('\n');
    fc.assert(fc.property(fc.nat({ max: lines.length - 1 }), hostileToken, fc.nat({ max: 6 }), (li, token, field) => {
      const copy = [...lines];
      copy[li] = copy[li].replace(/[^,[\]{}:]+/g, (m, offset: number) => (offset >= 0 && copy[li].slice(0, offset).split(',').length - 1 === field ? token : m));
      checkInvariants(copy.join('\n'));
    }), { numRuns: 1000, seed: 13 });
  });

  test('the kept corpus of worst lines: each skipped and counted, the good line kept', () => {
    const good = `[${Math.floor(T / 1000)},30,"c",0,0]`;
    for (const line of corpus.lines) {
      const text = [headerLine('w-x'), line, good].join('\n');
      checkInvariants(text);
      const d = decodeActivity(text, { now: NOW, month: MONTH });
      // The last corpus line is a valid span written with an escape: it may be kept; every other is damage.
      if (!line.includes('\\u0063')) expect(d.damagedLines, line).toBe(1);
      expect(d.spans.length).toBeGreaterThanOrEqual(1);
    }
  });
});
