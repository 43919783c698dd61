// Property-based tests over the two importers: random and mutated real inputs never throw out of the
// public functions, every result keeps the importer's promises, and no input costs more than its budget.
// The worst inputs found (and the attack inputs of issue 12) are kept in test/fixtures/import/corpus/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseActivityWatch } from '../../../../src/core/import/activityWatch';
import { EARLIEST_IMPORT_MS, type ImportOptions, type ImportResult } from '../../../../src/core/import/importResult';
import { parseWakaTime, wakaTimeLanguage } from '../../../../src/core/import/wakatime';
import { isCategory } from '../../../../src/core/types';

const FIXTURES = path.join(__dirname, '../../../fixtures/import');
const CORPUS = path.join(FIXTURES, 'corpus');
const NOW = Date.UTC(2026, 0, 1);
const OPTIONS: ImportOptions = { workspaceId: (key) => `id-${key.length}-${key.slice(-8)}`, notAfter: NOW };
const PARSERS = { wakatime: parseWakaTime, activitywatch: parseActivityWatch } as const;
/** Per input, for the small inputs fast-check makes (the corpus has its own, larger, budget). */
const BUDGET_MS = 250;
/** However many distinct reasons an input holds, the problems stay a short report. */
const MAX_PROBLEM_LINES = 25;

/** What every result must satisfy, whatever went in. */
function checkResult(r: ImportResult, recordsIn?: number): void {
  expect(Array.isArray(r.spans)).toBe(true);
  let lastEnd = -Infinity;
  for (const s of r.spans) {
    expect(isCategory(s.category), `category ${String(s.category)}`).toBe(true);
    expect(typeof s.language).toBe('string');
    expect(typeof s.workspaceId).toBe('string');
    expect(Number.isFinite(s.start) && Number.isFinite(s.end)).toBe(true);
    expect(s.start).toBeGreaterThanOrEqual(EARLIEST_IMPORT_MS);
    expect(s.end).toBeLessThanOrEqual(NOW);
    expect(s.end).toBeGreaterThanOrEqual(s.start);
    expect(s.start).toBeGreaterThanOrEqual(lastEnd); // one writer's stream: sorted, never overlapping
    lastEnd = s.end;
    if (s.workspaceId) expect(typeof r.workspaceNames.get(s.workspaceId)).toBe('string');
  }
  expect(Number.isInteger(r.records) && r.records >= 0).toBe(true);
  expect(Number.isInteger(r.skipped) && r.skipped >= 0 && r.skipped <= r.records).toBe(true);
  if (recordsIn !== undefined) expect(r.records).toBeLessThanOrEqual(recordsIn);
  expect(r.problems.length).toBeLessThanOrEqual(MAX_PROBLEM_LINES);
  for (const p of r.problems) expect(typeof p === 'string' && p.length < 400).toBe(true);
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

// Values of the kinds that break naive code: prototype keys, out-of-range numbers, odd strings.
const hostileString = fc.oneof(
  fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '', ' ', 'Other', 'unknown',
    'coding', 'CODING ', 'meeting', 'indexing', '2024-03-04T09:00:00Z', '2024-03-04 09:00', '+275760-09-13T00:00:00Z', '9999-12-31T23:59:59Z',
    '2024-03-04T09:00:00+14:00', '../../etc/passwd', 'C:\\Users\\x\\proj', '\u0000', '\ud800', 'a'.repeat(1000)),
  fc.string({ maxLength: 30 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1e300, -1e300, Number.MAX_SAFE_INTEGER, 8.64e12, 8.64e15 / 1000, 8.64e15 / 1000 + 1, 946684800, 1709542800, 1709542800.5, 1e21, 2 ** 53 + 1),
  fc.double({ noNaN: false }),
  fc.integer({ min: 946_684_800, max: 1_767_225_600 }), // 2000..2026 in seconds
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant([]), fc.constant({}));

const heartbeat = fc.record({
  time: fc.oneof(hostileNumber, hostileValue),
  category: fc.oneof(hostileString, hostileValue),
  language: fc.oneof(hostileString, hostileValue),
  project: fc.oneof(hostileString, hostileValue),
  entity: hostileString,
}, { requiredKeys: [] });
const wakaTimeInput = fc.oneof(
  fc.record({ days: fc.array(fc.oneof(fc.record({ date: hostileString, heartbeats: fc.array(heartbeat, { maxLength: 30 }) }), hostileValue), { maxLength: 5 }) }),
  fc.record({ data: fc.array(fc.oneof(heartbeat, hostileValue), { maxLength: 40 }) }),
  fc.array(fc.oneof(heartbeat, hostileValue), { maxLength: 40 }),
);

const awEvent = fc.record({
  timestamp: fc.oneof(hostileString, hostileValue, fc.date({ min: new Date('1999-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }).map((d) => d.toISOString())),
  duration: fc.oneof(hostileNumber, hostileValue, fc.double({ min: 0, max: 100_000, noNaN: true })),
  data: fc.oneof(fc.record({ project: fc.oneof(hostileString, hostileValue), language: fc.oneof(hostileString, hostileValue), file: hostileString }, { requiredKeys: [] }), hostileValue),
}, { requiredKeys: [] });
const awBucket = fc.record({ id: fc.oneof(hostileString, hostileValue), type: fc.oneof(fc.constant('app.editor.activity'), hostileString), events: fc.oneof(fc.array(fc.oneof(awEvent, hostileValue), { maxLength: 30 }), hostileValue) }, { requiredKeys: [] });
const activityWatchInput = fc.oneof(
  fc.record({ buckets: fc.oneof(fc.dictionary(fc.oneof(hostileString, fc.string()), fc.oneof(awBucket, hostileValue), { maxKeys: 4 }), fc.array(awBucket, { maxLength: 3 })) }),
  awBucket,
  fc.array(fc.oneof(awEvent, hostileValue), { maxLength: 40 }),
);

/** Replaces, deletes or duplicates random parts of a real export: "almost right" inputs. */
function mutate(json: unknown, picks: readonly number[], values: readonly unknown[]): unknown {
  const copy = structuredClone(json) as unknown;
  let p = 0;
  const next = () => picks[p++ % picks.length];
  for (let i = 0; i < values.length; i++) {
    let node = copy as Record<string, unknown> | unknown[];
    // Walk down a few levels by the picks, then change one child.
    for (let depth = 0; depth < 5; depth++) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const child = (node as Record<string, unknown>)[keys[next() % keys.length]];
      if (!child || typeof child !== 'object' || next() % 3 === 0) break;
      node = child as Record<string, unknown>;
    }
    const keys = Object.keys(node);
    if (keys.length === 0) continue;
    const key = keys[next() % keys.length];
    const action = next() % 3;
    if (action === 0) (node as Record<string, unknown>)[key] = values[i];
    else if (action === 1 && !Array.isArray(node)) delete (node as Record<string, unknown>)[key];
    else if (Array.isArray(node)) node.push(structuredClone(node[Number(key)]) ?? values[i]);
  }
  return copy;
}

const real = {
  wakatime: JSON.parse(fs.readFileSync(path.join(FIXTURES, 'wakatime-small.json'), 'utf8')) as unknown,
  activitywatch: JSON.parse(fs.readFileSync(path.join(FIXTURES, 'activitywatch-small.json'), 'utf8')) as unknown,
};

describe.each(Object.keys(PARSERS) as (keyof typeof PARSERS)[])('%s importer', (kind) => {
  const parse = PARSERS[kind];
  const input = kind === 'wakatime' ? wakaTimeInput : activityWatchInput;

  test('random inputs of its own shape: never throws, keeps its promises, within budget', () => {
    let worst = 0;
    fc.assert(fc.property(input, (json) => {
      const { value, ms } = timed(() => parse(json, OPTIONS));
      checkResult(value);
      worst = Math.max(worst, ms);
    }), { numRuns: 400, seed: 12 });
    expect(worst).toBeLessThan(BUDGET_MS);
  });

  test('any JSON value at all: never throws', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (json) => checkResult(parse(json, OPTIONS))), { numRuns: 300, seed: 12 });
  });

  test('mutated real exports: never throws, keeps its promises', () => {
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.array(hostileValue, { minLength: 1, maxLength: 6 }), (picks, values) => {
      checkResult(parse(mutate(real[kind], picks, values), OPTIONS));
    }), { numRuns: 400, seed: 12 });
  });
});

describe('the corpus of worst inputs', () => {
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();

  test('is there', () => expect(files.length).toBeGreaterThan(0));

  test.each(files)('%s: both importers, no throw, promises kept, within 2 s', (file) => {
    const json = JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')) as unknown;
    for (const parse of Object.values(PARSERS)) {
      const { value, ms } = timed(() => parse(json, OPTIONS));
      checkResult(value);
      expect(ms).toBeLessThan(2000);
    }
  });
});

test('prototype names are never a category or a language of ours', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    const r = parseWakaTime([{ time: 1709542800, category: name, language: name }], OPTIONS);
    expect(r.spans).toEqual([]);
    expect(r.skipped).toBe(1);
    expect(wakaTimeLanguage(name)).toBe(name.toLowerCase());
  }
});
