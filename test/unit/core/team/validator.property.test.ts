// Property tests of the team validators (issue 12): random and mutated real inputs never throw out of a
// public function, never take long, and are either valid or rejected with a reason. The worst inputs found
// are kept in test/fixtures/team-corpus and tried on every run.
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { collectContributions, isRejection, parseContribution, parseSealedContribution, serializeSealedContribution, type SealedContribution } from '../../../../src/core/team/contribution';
import { buildTeamReport } from '../../../../src/core/team/report';
import { generateReportKeys, generateSigningKeys, fingerprint, openSealed, sealContribution } from '../../../../src/store/teamCrypto';
import { parseJoinRequest, parseRoster, parseTeamDocument } from '../../../../src/store/teamTrust';
import { aContribution, NOW } from './builders';

const TEAM = '0123456789abcdef0123456789abcdef';
const valid: SealedContribution = {
  kind: 'craft-time/team-contribution', version: 2, team: TEAM, month: '2025-05', role: 'principal', edgeState: 'watch', written: '2025-06-01T08:00:00Z',
  weeks: ['2025-W19', '2025-W20'].map((week) => ({ week, handsOnHours: 12.5, meetingHours: 10, craftRatio: 0.55, deepWorkBlocks: 4, assistedHours: 1.5 })),
};
const CORPUS = path.join(__dirname, '../../../fixtures/team-corpus');
const corpus = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.json')).map((f) => ({ name: f, text: fs.readFileSync(path.join(CORPUS, f), 'utf8') }));

/** Replaces the value at a random path of a JSON value (or deletes it, or adds a hostile key). */
function mutate(value: unknown, choices: number[], replacement: unknown): unknown {
  if (choices.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [c, ...rest] = choices;
  if (Array.isArray(value)) {
    if (value.length === 0) return [replacement];
    const i = c % value.length;
    return value.map((v, j) => (j === i ? mutate(v, rest, replacement) : v));
  }
  const keys = Object.keys(value);
  const key = keys[c % keys.length];
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (c % 7 === 0) delete copy[key];
  else if (c % 11 === 0) Object.defineProperty(copy, ['__proto__', 'constructor', 'toString', 'hasOwnProperty'][c % 4], { value: replacement, enumerable: true, configurable: true, writable: true });
  else copy[key] = mutate(copy[key], rest, replacement);
  return copy;
}

const hostileValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(Number.MAX_VALUE, -0, 1e-320, Number.MAX_SAFE_INTEGER + 2, '2025-W53', '9999-12', '__proto__', '', 'x'.repeat(10_000), [], {}),
  fc.double(),
  fc.string(),
);

const ctx = { now: NOW };

/**
 * Runs f, failing if it throws or takes longer than `ms`: a budget against inputs that make a validator
 * hang or go quadratic (a real call takes well under a millisecond), generous for a loaded machine.
 */
function quick<T>(f: () => T, ms = 1500): T {
  const t0 = performance.now();
  const result = f();
  expect(performance.now() - t0).toBeLessThan(ms);
  return result;
}

describe('contribution validators never throw', () => {
  test('the valid plaintext parses (the mutations start from a real input)', () => {
    expect(parseSealedContribution(JSON.parse(serializeSealedContribution(valid)), ctx)).toEqual(valid);
  });
  test('arbitrary JSON values: a rejection with a reason, for both versions', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const a = quick(() => parseSealedContribution(v, ctx));
      const b = quick(() => parseContribution(v, ctx));
      expect(isRejection(a) && typeof a.reason === 'string').toBe(true);
      expect(isRejection(b)).toBe(true);
    }), { numRuns: 500 });
  });
  test('mutated real contributions: valid or rejected, never a throw; rejections never quote hostile keys', () => {
    fc.assert(fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 4 }), hostileValue, (choices, replacement) => {
      const input = mutate(JSON.parse(serializeSealedContribution(valid)), choices, replacement);
      const r = quick(() => parseSealedContribution(input, ctx));
      if (isRejection(r)) expect(r.reason).not.toMatch(/__proto__|x{100}/);
      else expect(r.weeks.length).toBeGreaterThan(0);
      const legacy = mutate(JSON.parse(JSON.stringify(aContribution())), choices, replacement);
      quick(() => parseContribution(legacy, ctx));
    }), { numRuns: 1000 });
  });
  test('random file texts in a folder: collected or rejected, and the report still builds', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), { maxLength: 20 }), (texts) => {
      const files = texts.map((text, i) => ({ file: `2025-05/${i}.json`, text }));
      const collected = quick(() => collectContributions(files, ctx));
      expect(collected.contributions.length + collected.rejected.length).toBe(files.length);
      quick(() => buildTeamReport(collected.contributions.map((c) => c.contribution), collected.rejected, { month: '2025-05', trendMonths: 1 }));
    }), { numRuns: 300 });
  });
});

describe('sealed envelopes, rosters, team.json and requests never throw', () => {
  const report = generateReportKeys(), signer = generateSigningKeys();
  const keys = new Map([[fingerprint(report.publicKey), report]]);
  const sealed = sealContribution({ team: TEAM, month: '2025-05', reportKey: report.publicKey, plaintext: serializeSealedContribution(valid), signer });
  test('a mutated envelope is rejected (or, untouched, opens)', () => {
    expect(openSealed(sealed, TEAM, keys)).toMatchObject({ plaintext: serializeSealedContribution(valid) });
    fc.assert(fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 2 }), hostileValue, (choices, replacement) => {
      const text = JSON.stringify(mutate(JSON.parse(sealed), choices, replacement));
      const r = quick(() => openSealed(text, TEAM, keys));
      if (!('reason' in r)) expect(r.plaintext).toBe(serializeSealedContribution(valid));
    }), { numRuns: 300 });
  });
  test('byte flips anywhere in the sealed text are rejected', () => {
    fc.assert(fc.property(fc.nat(sealed.length - 2), fc.integer({ min: 1, max: 94 }), (at, delta) => {
      const ch = String.fromCharCode(32 + ((sealed.charCodeAt(at) - 32 + delta) % 95));
      const text = sealed.slice(0, at) + ch + sealed.slice(at + 1);
      const r = quick(() => openSealed(text, TEAM, keys));
      if (!('reason' in r)) expect(r.plaintext).toBe(serializeSealedContribution(valid)); // e.g. whitespace
    }), { numRuns: 300 });
  });
  test('random documents: team.json, roster, join request', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
      expect('reason' in quick(() => parseTeamDocument(text))).toBe(true);
      expect('reason' in quick(() => parseRoster(text, TEAM, signer.publicKey)) || text.includes('craft-time/team-roster')).toBe(true);
      expect('reason' in quick(() => parseJoinRequest(text, TEAM))).toBe(true);
    }), { numRuns: 500 });
  });
  test('the corpus of worst inputs: every validator answers quickly without throwing', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    for (const { text } of corpus) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      expect(isRejection(quick(() => parseSealedContribution(json, ctx)))).toBe(true);
      expect(isRejection(quick(() => parseContribution(json, ctx)))).toBe(true);
      expect('reason' in quick(() => openSealed(text, TEAM, keys))).toBe(true);
      expect('reason' in quick(() => parseRoster(text, TEAM, signer.publicKey))).toBe(true);
      expect('reason' in quick(() => parseTeamDocument(text))).toBe(true);
      expect(quick(() => collectContributions([{ file: '2025-05/x.json', text }], ctx)).rejected).toHaveLength(1);
    }
  });
});
