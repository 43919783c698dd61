import { describe, expect, test } from 'vitest';
import {
  buildContribution,
  collectContributions,
  craftRatio5,
  isRejection,
  MAX_CONTRIBUTION_BYTES,
  monthOfWeek,
  parseContribution,
  roundHalfHour,
  roundRatio5,
  serializeContribution,
  weeksOfMonth,
  type Contribution,
  type Rejection,
  buildSealedContribution,
  parseSealedContribution,
  serializeSealedContribution,
} from '../../../../src/core/team/contribution';
import { aContribution, asFile, memberId, NOW, shuffled } from './builders';

const ctx = { now: NOW };
const reasonOf = (json: unknown) => {
  const r = parseContribution(json, ctx);
  return isRejection(r) ? r.reason : 'accepted';
};
const raw = (c: Contribution) => JSON.parse(serializeContribution(c)) as Record<string, unknown> & { weeks: Record<string, unknown>[] };

describe('rounding', () => {
  test('hours round to the nearest half hour, halves up', () => {
    expect(roundHalfHour(0)).toBe(0);
    expect(roundHalfHour(14)).toBe(0);
    expect(roundHalfHour(15)).toBe(0.5);
    expect(roundHalfHour(44)).toBe(0.5);
    expect(roundHalfHour(45)).toBe(1);
    expect(roundHalfHour(601)).toBe(10);
    expect(roundHalfHour(615)).toBe(10.5);
  });
  test('ratios round to 5 %, halves up, clamped', () => {
    expect(roundRatio5(0.574)).toBe(0.55);
    expect(roundRatio5(0.575)).toBe(0.6);
    expect(roundRatio5(0.6249)).toBe(0.6);
    expect(roundRatio5(1.2)).toBe(1);
    expect(roundRatio5(-0.1)).toBe(0);
  });
  test('craft ratio from minutes: exact halves round up, both zero is undefined', () => {
    expect(craftRatio5(23, 17)).toBe(0.6); // 0.575 exactly
    expect(craftRatio5(1, 2)).toBe(0.35); // 0.333
    expect(craftRatio5(0, 60)).toBe(0);
    expect(craftRatio5(60, 0)).toBe(1);
    expect(craftRatio5(0, 0)).toBeNull();
  });
});

describe('weeks and months', () => {
  test('a week belongs to the month of its Thursday', () => {
    expect(weeksOfMonth('2025-05')).toEqual(['2025-W18', '2025-W19', '2025-W20', '2025-W21', '2025-W22']);
    expect(weeksOfMonth('2025-06')).toEqual(['2025-W23', '2025-W24', '2025-W25', '2025-W26']);
    expect(monthOfWeek('2025-W01')).toBe('2025-01'); // Mon 2024-12-30, Thu 2025-01-02
    expect(monthOfWeek('2020-W53')).toBe('2020-12');
    expect(monthOfWeek('2025-W53')).toBeUndefined(); // 2025 has 52 weeks
  });
});

describe('buildContribution', () => {
  const member = memberId(7);
  test('rounds, keeps only completed weeks of the month with any time, and writes no time of day beyond seconds', () => {
    const c = buildContribution(
      {
        role: 'principal',
        edgeState: 'watch',
        weeks: [
          { week: '2025-W17', handsOnMinutes: 600, meetingMinutes: 60, deepWorkBlocks: 2 }, // April
          { week: '2025-W18', handsOnMinutes: 614, meetingMinutes: 1000, deepWorkBlocks: 3 },
          { week: '2025-W19', handsOnMinutes: 0, meetingMinutes: 0, deepWorkBlocks: 0 }, // away
          { week: '2025-W20', handsOnMinutes: 45, meetingMinutes: 44, deepWorkBlocks: 1 },
          { week: '2025-W22', handsOnMinutes: 300, meetingMinutes: 300, deepWorkBlocks: 1 }, // ends Sun 1 June
        ],
      },
      { member, month: '2025-05', now: Date.UTC(2025, 5, 1, 20, 30, 15, 123), today: '2025-06-01' },
    );
    expect(c.written).toBe('2025-06-01T20:30:15Z');
    expect(c.weeks).toEqual([
      { week: '2025-W18', handsOnHours: 10, meetingHours: 16.5, craftRatio: 0.4, deepWorkBlocks: 3 },
      { week: '2025-W20', handsOnHours: 1, meetingHours: 0.5, craftRatio: 0.5, deepWorkBlocks: 1 },
    ]);
    expect(isRejection(parseContribution(JSON.parse(serializeContribution(c)), { now: Date.UTC(2025, 5, 2) }))).toBe(false);
  });
  test('the serialized file holds exactly the schema fields', () => {
    const c = aContribution();
    expect(Object.keys(raw(c))).toEqual(['kind', 'version', 'member', 'month', 'role', 'edgeState', 'written', 'weeks']);
    expect(Object.keys(raw(c).weeks[0])).toEqual(['week', 'handsOnHours', 'meetingHours', 'craftRatio', 'deepWorkBlocks']);
  });
  test('refuses a bad member id', () => {
    expect(() => buildContribution({ role: 'staff', edgeState: 'healthy', weeks: [] }, { member: 'Alice', month: '2025-05', now: NOW, today: '2025-06-10' })).toThrow(RangeError);
  });
});

describe('buildSealedContribution (team format 2)', () => {
  const team = 'ab'.repeat(16);
  test('the plaintext names the team, not a member, and carries assisted hours rounded to the half hour', () => {
    const c = buildSealedContribution(
      { role: 'staff', edgeState: 'healthy', weeks: [
        { week: '2025-W19', handsOnMinutes: 614, meetingMinutes: 1000, deepWorkBlocks: 3, assistedMinutes: 75 },
        { week: '2025-W20', handsOnMinutes: 45, meetingMinutes: 44, deepWorkBlocks: 1 },
      ] },
      { team, month: '2025-05', now: Date.UTC(2025, 5, 1, 20, 30, 15), today: '2025-06-01' },
    );
    // 614 min -> 10 h; 1000 min -> 16.5 h; ratio 614 / 1614 = 38 % -> 40 %; 75 min assisted -> 1.5 h (halves up);
    // no assisted minutes given -> 0.
    expect(c.weeks).toEqual([
      { week: '2025-W19', handsOnHours: 10, meetingHours: 16.5, craftRatio: 0.4, deepWorkBlocks: 3, assistedHours: 1.5 },
      { week: '2025-W20', handsOnHours: 1, meetingHours: 0.5, craftRatio: 0.5, deepWorkBlocks: 1, assistedHours: 0 },
    ]);
    const text = serializeSealedContribution(c);
    expect(Object.keys(JSON.parse(text))).toEqual(['kind', 'version', 'team', 'month', 'role', 'edgeState', 'written', 'weeks']);
    expect(text).not.toContain('member');
    expect(parseSealedContribution(JSON.parse(text), { now: Date.UTC(2025, 5, 2) })).toEqual(c);
    expect(() => buildSealedContribution({ role: 'staff', edgeState: 'healthy', weeks: [] }, { team: 'x', month: '2025-05', now: NOW, today: '2025-06-10' })).toThrow(RangeError);
  });
  test('assistedHours is optional in version 2 (absent means 0) and checked when present', () => {
    const c = JSON.parse(serializeSealedContribution(buildSealedContribution(
      { role: 'staff', edgeState: 'healthy', weeks: [{ week: '2025-W19', handsOnMinutes: 600, meetingMinutes: 600, deepWorkBlocks: 1 }] },
      { team, month: '2025-05', now: NOW, today: '2025-06-10' })));
    delete c.weeks[0].assistedHours;
    const parsed = parseSealedContribution(c, { now: NOW });
    expect(isRejection(parsed) ? parsed.reason : parsed.weeks[0].assistedHours).toBe(0);
    c.weeks[0].assistedHours = 0.25;
    expect(parseSealedContribution(c, { now: NOW })).toEqual({ rejected: true, reason: 'weeks[0]: assistedHours must be 0-168 in half hours' });
  });
});

describe('parseContribution rejects hostile input', () => {
  const good = () => raw(aContribution());
  test('accepts a valid contribution', () => {
    expect(reasonOf(good())).toBe('accepted');
  });
  test.each<[string, (j: ReturnType<typeof good>) => unknown, RegExp]>([
    ['not an object', () => [1, 2], /not a JSON object/],
    ['null', () => null, /not a JSON object/],
    ['wrong kind', (j) => ({ ...j, kind: 'other' }), /not a team contribution/],
    ['newer version', (j) => ({ ...j, version: 3 }), /version 3 is newer/],
    ['a version-2 plaintext outside a sealed file', (j) => ({ ...j, version: 2 }), /must be sealed, not plaintext/],
    ['old version', (j) => ({ ...j, version: 0 }), /unsupported version 0/],
    ['version as string', (j) => ({ ...j, version: '1' }), /version missing/],
    ['unexpected field (a name)', (j) => ({ ...j, name: 'Ada Lovelace' }), /unexpected field "name"/],
    ['hostile field name not echoed', (j) => ({ ...j, '<script>alert(1)</script>': 1 }), /unexpected field \(unprintable name\)/],
    ['__proto__ key', () => JSON.parse(serializeContribution(aContribution()).replace('{', '{"__proto__":{"x":1},')), /unexpected field/],
    ['missing field', (j) => { const { edgeState: _e, ...rest } = j; return rest; }, /missing field "edgeState"/],
    ['member from a name', (j) => ({ ...j, member: 'ada@example.com' }), /member must be/],
    ['uppercase member', (j) => ({ ...j, member: 'A'.repeat(32) }), /member must be/],
    ['month 13', (j) => ({ ...j, month: '2025-13' }), /month must be YYYY-MM/],
    ['future month', (j) => ({ ...j, month: '2025-07' }), /month 2025-07 is in the future/],
    ['bad role', (j) => ({ ...j, role: 'ceo' }), /role must be one of/],
    ['bad edge state', (j) => ({ ...j, edgeState: 'great' }), /edgeState must be/],
    ['written not a timestamp', (j) => ({ ...j, written: 'yesterday' }), /written must be/],
    ['written in the future', (j) => ({ ...j, written: '2025-06-10T12:06:00Z' }), /written in the future/],
    ['written before the month', (j) => ({ ...j, written: '2025-04-01T00:00:00Z' }), /written before 2025-05 began/],
    ['no weeks', (j) => ({ ...j, weeks: [] }), /no weeks/],
    ['too many weeks', (j) => ({ ...j, weeks: [...j.weeks, ...j.weeks] }), /more than 5 weeks/],
    ['weeks not an array', (j) => ({ ...j, weeks: {} }), /weeks must be an array/],
    ['week of another month', (j) => ({ ...j, weeks: [{ ...j.weeks[0], week: '2025-W17' }] }), /does not belong to 2025-05/],
    ['week not real', (j) => ({ ...j, weeks: [{ ...j.weeks[0], week: '2025-W60' }] }), /ISO week/],
    ['duplicate week', (j) => ({ ...j, weeks: [j.weeks[0], j.weeks[0]] }), /appears twice/],
    ['hours above 168', (j) => ({ ...j, weeks: [{ ...j.weeks[0], handsOnHours: 168.5 }] }), /handsOnHours must be/],
    ['negative meeting hours', (j) => ({ ...j, weeks: [{ ...j.weeks[0], meetingHours: -1 }] }), /meetingHours must be/],
    ['unrounded hours', (j) => ({ ...j, weeks: [{ ...j.weeks[0], handsOnHours: 12.3 }] }), /handsOnHours must be/],
    ['hours as string', (j) => ({ ...j, weeks: [{ ...j.weeks[0], handsOnHours: '12' }] }), /handsOnHours must be/],
    ['unrounded ratio', (j) => ({ ...j, weeks: [{ ...j.weeks[0], craftRatio: 0.33 }] }), /craftRatio must be/],
    ['ratio above 1', (j) => ({ ...j, weeks: [{ ...j.weeks[0], craftRatio: 1.05 }] }), /craftRatio must be/],
    ['fractional deep work', (j) => ({ ...j, weeks: [{ ...j.weeks[0], deepWorkBlocks: 1.5 }] }), /deepWorkBlocks must be/],
    ['impossible deep work', (j) => ({ ...j, weeks: [{ ...j.weeks[0], handsOnHours: 1, deepWorkBlocks: 3 }] }), /more deep-work blocks/],
    ['extra week field (time of day)', (j) => ({ ...j, weeks: [{ ...j.weeks[0], firstActivity: '08:12' }] }), /unexpected field "firstActivity"/],
  ])('%s', (_name, mutate, reason) => {
    expect(reasonOf(mutate(good()))).toMatch(reason);
  });
  test('a week that is not over yet is rejected (relative to now and to written)', () => {
    const june = raw(aContribution({ month: '2025-06', weeks: ['2025-W23', '2025-W24'], written: '2025-06-10T12:00:00Z' }));
    expect(reasonOf(june)).toMatch(/2025-W24 is not over yet/);
    const early = raw(aContribution({ weeks: ['2025-W22'], written: '2025-05-30T12:00:00Z' }));
    expect(reasonOf(early)).toMatch(/was not over when the file was written/);
  });
});

describe('collectContributions', () => {
  test('malformed, oversized and misplaced files are rejected without stopping the rest', () => {
    const ok = aContribution();
    const result = collectContributions(
      [
        asFile(ok),
        { file: '2025-05/broken.json', text: '{"kind": "craft-time/team-contribution", "member": "Ada' },
        { file: '2025-05/big.json', text: ' '.repeat(MAX_CONTRIBUTION_BYTES + 1) },
        asFile(aContribution(), '2025-04/moved.json'),
      ],
      ctx,
    );
    expect(result.contributions.map((c) => c.contribution.member)).toEqual([ok.member]);
    expect(result.rejected).toEqual([
      { file: '2025-04/moved.json', reason: 'in folder 2025-04 but for month 2025-05' },
      { file: '2025-05/big.json', reason: `larger than ${MAX_CONTRIBUTION_BYTES} bytes` },
      { file: '2025-05/broken.json', reason: 'not valid JSON' },
    ]);
  });
  test('duplicates: the newest written wins, in any order; ties go to the first path', () => {
    const member = memberId(99);
    const old = aContribution({ member, hours: 10, written: '2025-06-01T08:00:00Z' });
    const mid = aContribution({ member, hours: 12, written: '2025-06-02T08:00:00Z' });
    const latest = aContribution({ member, hours: 14, written: '2025-06-03T08:00:00Z' });
    const files = [asFile(old, '2025-05/a.json'), asFile(latest, '2025-05/b.json'), asFile(mid, '2025-05/c.json')];
    for (let seed = 1; seed <= 6; seed++) {
      const r = collectContributions(shuffled(files, seed), ctx);
      expect(r.contributions).toEqual([{ file: '2025-05/b.json', contribution: latest }]);
      expect(r.rejected).toEqual([
        { file: '2025-05/a.json', reason: 'duplicate of 2025-05/b.json (same member and month; the newest is kept)' },
        { file: '2025-05/c.json', reason: 'duplicate of 2025-05/b.json (same member and month; the newest is kept)' },
      ]);
    }
    const tie = collectContributions([asFile(mid, 'z.json'), asFile(mid, '2025-05/y.json')], ctx);
    expect(tie.contributions[0].file).toBe('2025-05/y.json');
    expect(tie.rejected.map((r) => r.file)).toEqual(['z.json']);
  });
  test('the same member in different months is not a duplicate', () => {
    const member = memberId(55);
    const r = collectContributions([asFile(aContribution({ member })), asFile(aContribution({ member, month: '2025-04', weeks: ['2025-W14'] }))], ctx);
    expect(r.contributions.map((c) => c.contribution.month)).toEqual(['2025-04', '2025-05']);
    expect(r.rejected).toEqual([]);
  });
  test('a rejection is typed as such', () => {
    const r = parseContribution(42, ctx) as Rejection;
    expect(r).toEqual({ rejected: true, reason: 'not a JSON object' });
  });
});
