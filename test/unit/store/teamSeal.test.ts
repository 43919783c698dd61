// The sealed team folder end to end, on real files: set up, join, admit, seal, open, and every attack of
// issue 13 (tampering, unrostered keys, replayed months, forged roster entries, padding with made-up members).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { buildSealedContribution, serializeSealedContribution, type SealedContribution } from '../../../src/core/team/contribution';
import type { TeamRole } from '../../../src/core/team/roles';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { build } from 'esbuild';
import { canonicalJson, fingerprint, generateReportKeys, generateSigningKeys, isPrivateJwk, openSealed, sealContribution, signText, verifyText } from '../../../src/store/teamCrypto';
import { ROSTER_FILE, TEAM_FILE, writeContribution, writeJoinRequest, writeSealed } from '../../../src/store/teamFolder';
import { claimMigrationQuestion, MIGRATION_ASKED_FILE, readLegacyMembership, readMembership, readSentLog, readSteward, reportKeyMap, writeSteward, type Membership } from '../../../src/store/teamKeys';
import { collectTeamContributions, loadStewardTeam } from '../../../src/store/teamOpen';
import {
  applyAdmit, applyInit, applyJoin, applyLegacyWithdraw, applySend, applyWithdraw, backupStewardKeys, memberTeam, openStewardBackup, planAdmit, planInit, planJoin, planSend,
  planWithdraw, rosterView, rotateReportKey, stewardReport,
} from '../../../src/store/teamOps';
import { createJoinRequest, createTeamDocument, entryHash, serializeTeamDocument } from '../../../src/store/teamTrust';
import { aContribution } from '../core/team/builders';

vi.mock('../../../src/store/teamRandom', async (original) => {
  const real = await original<typeof import('../../../src/store/teamRandom')>();
  return { cryptoRandom: vi.fn(real.cryptoRandom) };
});
const { cryptoRandom } = await import('../../../src/store/teamRandom');

/** May 2025 is over; setup happened on 2025-05-02 (so the setup month is May). */
const SETUP = Date.UTC(2025, 4, 2, 9);
const NOW = Date.UTC(2025, 5, 10, 12);
const MAY_WEEKS = ['2025-W19', '2025-W20', '2025-W21', '2025-W22'];
const APRIL_WEEKS = ['2025-W14', '2025-W15', '2025-W16', '2025-W17'];

let root: string, folder: string, stewardData: string;

beforeEach(async () => {
  root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-seal-'));
  folder = path.join(root, 'team');
  stewardData = path.join(root, 'steward');
  await fs.promises.mkdir(folder);
  const plan = await planInit(folder, stewardData, SETUP, { minGroupSize: 5, epsilonPerMonth: 0, epsilonPerYear: 0 });
  await applyInit(plan, stewardData);
});
afterEach(async () => {
  await fs.promises.rm(root, { recursive: true, force: true });
});

let memberCount = 0;
async function join(role: TeamRole = 'engineer'): Promise<{ data: string; m: Membership; fp: string }> {
  const data = path.join(root, `member-${++memberCount}`);
  const plan = await planJoin(folder, data, role, SETUP + memberCount * 1000);
  await applyJoin(plan, data);
  return { data, m: (await readMembership(data))!, fp: plan.fingerprint };
}

async function admit(...fps: string[]): Promise<void> {
  await applyAdmit(folder, stewardData, await planAdmit(folder, stewardData, fps, SETUP + 60_000));
}

/** A contribution with `hours` hands-on and 10 meeting hours every week of `month`. */
function contribution(team: string, role: TeamRole, hours: number, month = '2025-05', now = NOW): SealedContribution {
  const weeks = (month === '2025-05' ? MAY_WEEKS : APRIL_WEEKS).map((week) => ({ week, handsOnMinutes: hours * 60, meetingMinutes: 600, deepWorkBlocks: 2 }));
  return buildSealedContribution({ role, edgeState: 'healthy', weeks }, { team, month, now, today: new Date(now).toISOString().slice(0, 10) });
}

async function send(member: { data: string; m: Membership }, hours: number, month = '2025-05'): Promise<string> {
  const doc = await memberTeam(member.m);
  const plan = await planSend(member.data, member.m, contribution(doc.team, member.m.role as TeamRole, hours, month));
  return applySend(member.data, member.m, plan, NOW);
}

const exactReport = () => stewardReport(folder, stewardData, { month: '2025-05', now: NOW, trendMonths: 1 });
const everyone = (r: Awaited<ReturnType<typeof exactReport>>['report']) => r.groups.find((g) => g.group === 'all');

describe('keys and documents', () => {
  test('the files holding private keys are named for exports to leave out', async () => {
    const { isTeamPrivateKeyFile } = await import('../../../src/store/teamKeys');
    const member = await join();
    const files = [...(await fs.promises.readdir(path.join(stewardData, 'team'))).map((f) => `team/${f}`), ...(await fs.promises.readdir(path.join(member.data, 'team'))).map((f) => `team/${f}`)];
    expect(files.filter(isTeamPrivateKeyFile)).toEqual(files.filter((f) => /steward-|membership/.test(f)));
    expect(files.filter(isTeamPrivateKeyFile)).toHaveLength(2);
    expect(isTeamPrivateKeyFile('team/sent.json')).toBe(false);
  });
  test('private keys stay in data folders with mode 0600; the team folder holds only public keys', async () => {
    const member = await join();
    const stewardFile = (await fs.promises.readdir(path.join(stewardData, 'team'))).find((f) => f.startsWith('steward-'))!;
    expect((await fs.promises.stat(path.join(stewardData, 'team', stewardFile))).mode & 0o777).toBe(0o600);
    expect((await fs.promises.stat(path.join(member.data, 'team', 'membership.json'))).mode & 0o777).toBe(0o600);
    const everything = (await fs.promises.readdir(folder, { recursive: true })).filter((f) => f.endsWith('.json'));
    for (const f of everything) expect(await fs.promises.readFile(path.join(folder, f), 'utf8')).not.toMatch(/"d"\s*:/);
    const team = JSON.parse(await fs.promises.readFile(path.join(folder, TEAM_FILE), 'utf8'));
    expect(Object.keys(team)).toEqual(['kind', 'version', 'team', 'created', 'setupMonth', 'steward', 'fingerprint', 'reportKey', 'privacy', 'signature']);
    expect(team.fingerprint).toBe(fingerprint(team.steward));
    expect(team.setupMonth).toBe('2025-05');
    // The join request holds the public key only: no role.
    const request = await fs.promises.readFile(path.join(folder, member.m.requestFile), 'utf8');
    expect(request).not.toContain('engineer');
    expect(fingerprint(JSON.parse(request).key)).toBe(member.fp);
    expect(member.fp).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
  });
});

describe('primitives', () => {
  test('canonical JSON: keys sorted at every level, undefined left out, arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: 'x', c: [2, { f: null, e: true }] }, u: undefined })).toBe('{"a":{"c":[2,{"e":true,"f":null}],"d":"x"},"b":1}');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson({ z: undefined, y: 'a"b' })).toBe('{"y":"a\\"b"}');
    expect(canonicalJson('s')).toBe('"s"');
  });
  test('fresh key pairs: 32 raw bytes each, the public key is the private key\'s, signatures verify', () => {
    for (const pair of [generateSigningKeys(), generateReportKeys()]) {
      expect(Buffer.from(pair.publicKey, 'base64url')).toHaveLength(32);
      expect(Buffer.from(pair.privateKey.d, 'base64url')).toHaveLength(32);
      expect(pair.privateKey.x).toBe(pair.publicKey);
      expect(isPrivateJwk(pair.privateKey, pair.privateKey.crv)).toBe(true);
      const derived = createPublicKey(createPrivateKey({ key: { ...pair.privateKey }, format: 'jwk' })).export({ format: 'jwk' }) as { x: string };
      expect(derived.x).toBe(pair.publicKey);
    }
    const a = generateSigningKeys(), b = generateSigningKeys();
    expect(a.publicKey).not.toBe(b.publicKey);
    const sig = signText(a.privateKey, 'ctx', 'message');
    expect(verifyText(a.publicKey, 'ctx', 'message', sig)).toBe(true);
    expect(verifyText(b.publicKey, 'ctx', 'message', sig)).toBe(false);
  });
});

describe('sealing', () => {
  test('round trip: the steward opens exactly the plaintext the member reviewed, with its signer', async () => {
    const member = await join('principal');
    const doc = await memberTeam(member.m);
    const c = contribution(doc.team, 'principal', 12);
    const text = sealContribution({ team: doc.team, month: '2025-05', reportKey: doc.reportKey, plaintext: serializeSealedContribution(c), signer: member.m.signing });
    const steward = (await readSteward(stewardData, doc.team))!;
    const opened = openSealed(text, doc.team, reportKeyMap(steward));
    expect(opened).toEqual({ month: '2025-05', signer: member.m.signing.publicKey, signerFingerprint: member.fp, plaintext: serializeSealedContribution(c) });
    // Nothing readable: no role, no field name, no number of the contribution.
    expect(text).not.toMatch(/principal|handsOn|craftRatio|weeks|edgeState/);
    // Padding: every sealed file of a 4- or 5-week month has the same size.
    const shorter = sealContribution({ team: doc.team, month: '2025-05', reportKey: doc.reportKey, plaintext: serializeSealedContribution({ ...c, weeks: c.weeks.slice(0, 1) }), signer: member.m.signing });
    expect(shorter.length).toBe(text.length);
    // With the roster's keys: the fingerprint is the roster's; a signer not on it is refused before verifying.
    expect(openSealed(text, doc.team, reportKeyMap(steward), new Map([[member.m.signing.publicKey, member.fp]]))).toEqual(opened);
    expect(openSealed(text, doc.team, reportKeyMap(steward), new Map([[generateSigningKeys().publicKey, member.fp]]))).toEqual({ reason: 'signed by a key that is not on the roster' });
  });
  test('a tampered file is rejected: a flipped ciphertext byte, an edited header', async () => {
    const member = await join();
    await admit(member.fp);
    const file = await send(member, 20);
    const text = await fs.promises.readFile(file, 'utf8');
    const json = JSON.parse(text);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const steward = (await readSteward(stewardData, json.team))!;
    expect(openSealed(JSON.stringify({ ...json, ciphertext: flip(json.ciphertext, 100) }), json.team, reportKeyMap(steward))).toEqual({ reason: 'does not decrypt (tampered, or not sealed to this report key)' });
    expect(openSealed(JSON.stringify({ ...json, month: '2025-04' }), json.team, reportKeyMap(steward))).toEqual({ reason: 'does not decrypt (tampered, or not sealed to this report key)' });
    expect(openSealed('{', json.team, reportKeyMap(steward))).toEqual({ reason: 'not valid JSON' });
    await fs.promises.writeFile(file, JSON.stringify({ ...json, ciphertext: flip(json.ciphertext, 10) }));
    const { report } = await exactReport();
    expect(report.contributors).toBe(0);
    expect(report.rejected).toEqual([{ file: path.relative(folder, file), reason: 'does not decrypt (tampered, or not sealed to this report key)' }]);
  });
  test('a file signed by a key that is not on the roster does not count', async () => {
    const members = await Promise.all([1, 2, 3, 4, 5].map(() => join()));
    for (const m of members) await send(m, 20);
    let { report } = await exactReport();
    expect(report.contributors).toBe(0);
    expect(report.rejected.map((r) => r.reason)).toEqual(Array(5).fill('signed by a key that is not on the roster'));
    await admit(...members.map((m) => m.fp));
    ({ report } = await exactReport());
    expect(report.contributors).toBe(5);
    expect(everyone(report)!.weeklyHandsOnHours.median).toBe(20);
  });
  test('a file replayed from another month is rejected', async () => {
    const member = await join();
    await admit(member.fp);
    const april = await send(member, 20, '2025-04');
    const copy = path.join(folder, '2025-05', path.basename(april));
    await fs.promises.mkdir(path.dirname(copy), { recursive: true });
    await fs.promises.copyFile(april, copy);
    const team = await loadStewardTeam(folder, stewardData);
    const { contributions, rejected } = await collectTeamContributions(folder, team, { months: ['2025-05'], now: NOW });
    expect(contributions).toEqual([]);
    expect(rejected).toEqual([{ file: `2025-05/${path.basename(april)}`, reason: 'in folder 2025-05 but sealed for 2025-04 (a replayed file)' }]);
  });
  test('once per member and month: the newest counts', async () => {
    const member = await join();
    await admit(member.fp);
    const doc = await memberTeam(member.m);
    const seal = (hours: number, at: number) => sealContribution({ team: doc.team, month: '2025-05', reportKey: doc.reportKey, plaintext: serializeSealedContribution(contribution(doc.team, 'engineer', hours, '2025-05', at)), signer: member.m.signing });
    await writeSealed(folder, `2025-05/${'1'.repeat(32)}.sealed`, seal(10, NOW - 3600_000));
    await writeSealed(folder, `2025-05/${'2'.repeat(32)}.sealed`, seal(30, NOW));
    const team = await loadStewardTeam(folder, stewardData);
    const { contributions, rejected } = await collectTeamContributions(folder, team, { months: ['2025-05'], now: NOW });
    expect(contributions).toHaveLength(1);
    expect(contributions[0].contribution.weeks[0].handsOnHours).toBe(30);
    expect(rejected[0].reason).toMatch(/older contribution of the same member/);
  });
});

describe('the roster', () => {
  test('an entry not signed by the steward makes the roster untrusted: nobody counts, and the report says why', async () => {
    const member = await join();
    await admit(member.fp);
    const roster = JSON.parse(await fs.promises.readFile(path.join(folder, ROSTER_FILE), 'utf8'));
    const attacker = generateSigningKeys();
    const body = { seq: 2, type: 'admit', key: attacker.publicKey, fingerprint: fingerprint(attacker.publicKey), at: '2025-06-01T00:00:00Z', prev: entryHash(roster.entries[0]) };
    roster.entries.push({ ...body, signature: signText(attacker.privateKey, 'craft-time/team-roster-entry', `${roster.team}\n${canonicalJson(body)}`) });
    await fs.promises.writeFile(path.join(folder, ROSTER_FILE), JSON.stringify(roster));
    await expect(exactReport()).rejects.toThrow('The roster does not verify: roster entry 2 is not signed by the steward. Nobody can be counted until the steward restores it.');
  });
  test('editing, dropping or reordering entries is detected', async () => {
    const a = await join(), b = await join();
    await admit(a.fp);
    await admit(b.fp);
    const file = path.join(folder, ROSTER_FILE);
    const original = await fs.promises.readFile(file, 'utf8');
    const roster = JSON.parse(original);
    await fs.promises.writeFile(file, JSON.stringify({ ...roster, entries: [{ ...roster.entries[0], key: b.m.signing.publicKey, fingerprint: b.fp }, roster.entries[1]] }));
    await expect(exactReport()).rejects.toThrow(/roster entry 2 does not follow the entry before it/);
    // A member's machine, which holds no record of what the steward signed, checks every signature.
    expect((await rosterView(folder, a.data, NOW).catch((e: Error) => e)).toString()).toMatch(/roster entry 1 is not signed by the steward/);
    await fs.promises.writeFile(file, JSON.stringify({ ...roster, entries: [roster.entries[0]] }));
    await expect(exactReport()).rejects.toThrow(/entries were removed or replaced/);
    await fs.promises.writeFile(file, JSON.stringify({ ...roster, entries: [roster.entries[1], roster.entries[0]] }));
    await expect(exactReport()).rejects.toThrow(/out of sequence/);
    // The steward skips re-checking the entries it signed, but not their hash: an edited last fingerprint is caught.
    await fs.promises.writeFile(file, JSON.stringify({ ...roster, entries: [roster.entries[0], { ...roster.entries[1], fingerprint: a.fp }] }));
    await expect(exactReport()).rejects.toThrow(/entries 1-2 are not the ones this steward signed/);
    await fs.promises.writeFile(file, original);
    await expect(exactReport()).resolves.toBeDefined();
  });
  test('admission is by fingerprint only, and needs a matching join request', async () => {
    const a = await join();
    await expect(planAdmit(folder, stewardData, [], NOW)).rejects.toThrow(/Name the fingerprint/);
    await expect(planAdmit(folder, stewardData, ['aaaa-bbbb-cccc-dddd'], NOW)).rejects.toThrow(/No valid join request/);
    await expect(planAdmit(folder, stewardData, ['not a fingerprint'], NOW)).rejects.toThrow(/is not a fingerprint/);
    await admit(a.fp);
    await expect(planAdmit(folder, stewardData, [a.fp], NOW)).rejects.toThrow(/already on the roster/);
  });
  test('the roster view lists members and pending requests, and warns about several recent admissions', async () => {
    const a = await join(), b = await join(), c = await join();
    await admit(a.fp, b.fp);
    const view = await rosterView(folder, a.data, SETUP + 120_000);
    expect(view.members.map((m) => m.fingerprint)).toEqual([a.fp, b.fp]);
    expect(view.pending.map((p) => p.fingerprint)).toEqual([c.fp]);
    expect(view.pinned).toBe(true);
    expect(view.warnings.join(' ')).toMatch(/2 members were admitted in the last 14 days/);
    expect((await rosterView(folder, a.data, SETUP + 30 * 86_400_000)).warnings).toEqual([]);
  });
  test('a team.json replaced by someone else is refused by members and by the steward', async () => {
    const member = await join();
    const fake = generateSigningKeys();
    const doc = JSON.parse(await fs.promises.readFile(path.join(folder, TEAM_FILE), 'utf8'));
    const forged = createTeamDocument({ team: doc.team, now: NOW, setupMonth: '2025-05', steward: fake, reportKey: doc.reportKey, privacy: { minGroupSize: 3, epsilonPerMonth: 0, epsilonPerYear: 0 } });
    await fs.promises.writeFile(path.join(folder, TEAM_FILE), serializeTeamDocument(forged));
    await expect(memberTeam(member.m)).rejects.toThrow(/not the one you confirmed/);
    await expect(exactReport()).rejects.toThrow(/not the one you confirmed/);
    // Editing the signed privacy settings without re-signing breaks the signature.
    await fs.promises.writeFile(path.join(folder, TEAM_FILE), JSON.stringify({ ...doc, privacy: { ...doc.privacy, minGroupSize: 3 } }));
    await expect(memberTeam(member.m)).rejects.toThrow(/not signed by its steward/);
  });
});

describe('the padding attack of issue 13', () => {
  test('one real principal plus four made-up members is not a group of 5', async () => {
    const real = await join('principal');
    await admit(real.fp);
    await send(real, 12);
    // Someone with write access to the folder makes four keys, leaves join requests and seals zero-hour files
    // to the (public) report key, signed by those keys.
    const doc = await memberTeam(real.m);
    for (let i = 0; i < 4; i++) {
      const fake = generateSigningKeys();
      await writeJoinRequest(folder, fingerprint(fake.publicKey), JSON.stringify(createJoinRequest(doc.team, fake, NOW)));
      const text = sealContribution({ team: doc.team, month: '2025-05', reportKey: doc.reportKey, plaintext: serializeSealedContribution(contribution(doc.team, 'principal', 0)), signer: fake });
      await writeSealed(folder, `2025-05/${String(i).repeat(32)}.sealed`, text);
    }
    const { report } = await exactReport();
    expect(report.contributors).toBe(1);
    expect(report.groups).toEqual([]);
    expect(report.rejected.filter((r) => r.reason === 'signed by a key that is not on the roster')).toHaveLength(4);
    const view = await rosterView(folder, stewardData, NOW);
    expect(view.members).toHaveLength(1);
    expect(view.pending).toHaveLength(4);
  });
});

describe('opening on worker threads', () => {
  test('the bundled worker gives the same report as this thread: counted, tampered, unrostered, older copies', async () => {
    const script = path.join(root, 'teamOpenWorker.js');
    await build({ entryPoints: [path.join(__dirname, '../../../src/store/teamOpenWorker.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    const members = await Promise.all(['engineer', 'engineer', 'senior', 'staff', 'engineer', 'senior'].map((r) => join(r as TeamRole)));
    await admit(...members.slice(0, 5).map((m) => m.fp));
    for (const [i, m] of members.entries()) await send(m, 10 + i * 4);
    const doc = await memberTeam(members[0].m);
    // An older copy of member 0 (same member and month), and a tampered file.
    const older = sealContribution({ team: doc.team, month: '2025-05', reportKey: doc.reportKey, plaintext: serializeSealedContribution(contribution(doc.team, 'engineer', 40, '2025-05', NOW - 86_400_000)), signer: members[0].m.signing });
    await writeSealed(folder, `2025-05/${'0'.repeat(32)}.sealed`, older);
    const tampered = JSON.parse(older);
    await writeSealed(folder, `2025-05/${'f'.repeat(32)}.sealed`, JSON.stringify({ ...tampered, nonce: 'A'.repeat(16) }));
    // 300 files from keys nobody admitted: three batches of 128 or fewer, so the worker threads start and, with
    // one worker holding two batches, the third is opened on this thread.
    const strangers: string[] = [];
    for (let i = 0; i < 300; i++) {
      const rel = `2025-05/a${String(i).padStart(31, '0')}.sealed`;
      strangers.push(rel);
      await writeSealed(folder, rel, sealContribution({ team: doc.team, month: '2025-05', reportKey: doc.reportKey, plaintext: serializeSealedContribution(contribution(doc.team, 'engineer', 0)), signer: generateSigningKeys() }));
    }
    const here = await stewardReport(folder, stewardData, { month: '2025-05', now: NOW, trendMonths: 1, workers: 0 });
    const pooled = await stewardReport(folder, stewardData, { month: '2025-05', now: NOW, trendMonths: 1, workers: 2, workerScript: script });
    expect(pooled.report.contributors).toBe(here.report.contributors);
    expect(pooled.report.groups).toEqual(here.report.groups);
    expect(pooled.report.rejected).toEqual(here.report.rejected);
    const shared = await stewardReport(folder, stewardData, { month: '2025-05', now: NOW, trendMonths: 1, workers: 1, workerScript: script });
    expect(shared.report.groups).toEqual(here.report.groups);
    expect(shared.report.rejected).toEqual(here.report.rejected);
    // A worker that fails hands its files back to this thread: nothing lost, nothing counted twice.
    const broken = path.join(root, 'broken.js');
    await fs.promises.writeFile(broken, "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });\n");
    for (const workers of [1, 2]) {
      const rescued = await stewardReport(folder, stewardData, { month: '2025-05', now: NOW, trendMonths: 1, workers, workerScript: broken });
      expect(rescued.report.groups).toEqual(here.report.groups);
      expect(rescued.report.rejected).toEqual(here.report.rejected);
    }
    expect(here.report.contributors).toBe(5);
    const winner = (await readSentLog(members[0].data))[0].file;
    expect(here.report.rejected).toEqual([
      { file: `2025-05/${'0'.repeat(32)}.sealed`, reason: `an older contribution of the same member and month than ${winner} (the newest counts)` },
      { file: (await readSentLog(members[5].data))[0].file, reason: 'signed by a key that is not on the roster' },
      { file: `2025-05/${'f'.repeat(32)}.sealed`, reason: 'does not decrypt (tampered, or not sealed to this report key)' },
      ...strangers.map((file) => ({ file, reason: 'signed by a key that is not on the roster' })),
    ].sort((a, b) => (a.file < b.file ? -1 : 1)));
  }, 30_000);
});

describe('leaving, migration, key care', () => {
  test('every file sent is logged with its exact plaintext; leaving deletes the member\'s files and keys', async () => {
    const member = await join();
    const file = await send(member, 20);
    const log = await readSentLog(member.data);
    expect(log).toHaveLength(1);
    expect(log[0].plaintext).toBe(serializeSealedContribution(contribution(member.m.team, 'engineer', 20)));
    expect(path.join(folder, ...log[0].file.split('/'))).toBe(file);
    const other = await join();
    const plan = await planWithdraw(member.data);
    expect(plan.files.sort()).toEqual([log[0].file, member.m.requestFile].sort());
    const done = await applyWithdraw(member.data, plan);
    expect(done.deleted.sort()).toEqual([file, path.join(folder, ...member.m.requestFile.split('/'))].sort());
    expect(fs.existsSync(path.join(member.data, 'team', 'membership.json'))).toBe(false);
    expect(fs.existsSync(path.join(folder, ...other.m.requestFile.split('/')))).toBe(true);
  });
  test('a version-1 membership is recognised (for the one-time question to leave it), a sealed one is not', async () => {
    const data = path.join(root, 'old-member');
    await fs.promises.mkdir(path.join(data, 'team'), { recursive: true });
    await fs.promises.writeFile(path.join(data, 'team', 'membership.json'), JSON.stringify({ schema: 1, folder }));
    expect(await readLegacyMembership(data)).toEqual({ folder, member: undefined });
    await fs.promises.writeFile(path.join(data, 'team', 'member.json'), JSON.stringify({ member: 'ab'.repeat(16) }));
    expect(await readLegacyMembership(data)).toEqual({ folder, member: 'ab'.repeat(16) });
    await fs.promises.writeFile(path.join(data, 'team', 'member.json'), JSON.stringify({ member: '../../etc' }));
    expect(await readLegacyMembership(data)).toEqual({ folder, member: undefined });
    const sealedMember = await join();
    expect(await readLegacyMembership(sealedMember.data)).toBeUndefined();
    expect(await readLegacyMembership(path.join(root, 'nobody'))).toBeUndefined();
  });
  test('leaving a version-1 team deletes exactly that member\'s plaintext files, the old membership and the old member id', async () => {
    // The data folder as a version-1 Craft Time left it: membership.json (schema 1) and member.json.
    const data = path.join(root, 'old-member');
    const me = 'a1'.repeat(16), other = 'b2'.repeat(16);
    await fs.promises.mkdir(path.join(data, 'team'), { recursive: true });
    await fs.promises.writeFile(path.join(data, 'team', 'membership.json'), `${JSON.stringify({ schema: 1, folder, joinedAt: '2025-03-03T09:00:00.000Z', written: ['2025-03', '2025-04'] }, null, 2)}\n`);
    await fs.promises.writeFile(path.join(data, 'team', 'member.json'), `${JSON.stringify({ version: 1, member: me, role: 'engineer' }, null, 2)}\n`);
    const mine = [
      await writeContribution(folder, aContribution({ member: me, month: '2025-03', weeks: ['2025-W10'] })),
      await writeContribution(folder, aContribution({ member: me, month: '2025-04', weeks: ['2025-W14'] })),
    ];
    const theirs = await writeContribution(folder, aContribution({ member: other, month: '2025-04', weeks: ['2025-W14'] }));
    const legacy = await readLegacyMembership(data);
    expect(legacy).toEqual({ folder, member: me });
    const done = await applyLegacyWithdraw(data, legacy!);
    expect(done.deleted.sort()).toEqual(mine.sort());
    expect(done.forgotten.sort()).toEqual([path.join(data, 'team', 'member.json'), path.join(data, 'team', 'membership.json')]);
    for (const f of mine) expect(fs.existsSync(f)).toBe(false);
    expect(fs.existsSync(theirs)).toBe(true);
    expect(fs.existsSync(path.join(folder, TEAM_FILE))).toBe(true);
    expect(await readLegacyMembership(data)).toBeUndefined();
  });
  test('the one-time migration question is claimed by exactly one of several windows, and never again', async () => {
    const data = path.join(root, 'old-member-windows');
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimMigrationQuestion(data, NOW)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(fs.readFileSync(path.join(data, 'team', MIGRATION_ASKED_FILE), 'utf8')).toBe('2025-06-10T12:00:00.000Z\n');
    expect(await claimMigrationQuestion(data, NOW + 86_400_000)).toBe(false);
    expect(fs.readdirSync(path.join(data, 'team'))).toEqual([MIGRATION_ASKED_FILE]); // no temporary file left
  });
  test('version-1 plaintext files count for the setup month only, with a warning', async () => {
    for (let i = 0; i < 5; i++) await writeContribution(folder, aContribution({ role: 'engineer', hours: 20 }));
    await writeContribution(folder, aContribution({ month: '2025-04', weeks: ['2025-W14'], written: '2025-05-01T00:00:00Z' }));
    const { report } = await stewardReport(folder, stewardData, { month: '2025-05', now: NOW, trendMonths: 2 });
    expect(report.contributors).toBe(5);
    expect(report.warnings[0]).toMatch(/5 unsigned version-1 plaintext file\(s\) were counted for 2025-05/);
    expect(report.rejected).toEqual([{ file: expect.stringMatching(/^2025-04\//), reason: 'version-1 plaintext file: read only for 2025-05, the month this team was set up' }]);
  });
  test('backup, restore and rotation: old contributions still open, new ones seal to the new key', async () => {
    const member = await join();
    await admit(member.fp);
    await send(member, 20, '2025-04');
    const backup = await backupStewardKeys(folder, stewardData, 'correct horse battery');
    expect(backup).not.toContain('"d"');
    expect(() => openStewardBackup(backup, 'wrong passphrase')).toThrow(/Wrong passphrase/);
    const restored = openStewardBackup(backup, 'correct horse battery');
    const before = await readSteward(stewardData, restored.team);
    expect(restored).toEqual(before);
    const rotated = await rotateReportKey(folder, stewardData, NOW, true);
    const doc = await memberTeam(member.m);
    expect(fingerprint(doc.reportKey)).toBe(rotated.fingerprint);
    await send(member, 25, '2025-05');
    const team = await loadStewardTeam(folder, stewardData);
    expect(team.roster.entries.map((e) => e.type)).toEqual(['admit', 'report-key']);
    const { contributions, rejected } = await collectTeamContributions(folder, team, { months: ['2025-04', '2025-05'], now: NOW });
    expect(rejected).toEqual([]);
    expect(contributions.map((c) => c.contribution.month)).toEqual(['2025-04', '2025-05']);
    // A steward who restored the pre-rotation backup cannot open the new month: the report says so.
    await writeSteward(stewardData, restored);
    await expect(loadStewardTeam(folder, stewardData)).rejects.toThrow(/report key this steward does not hold|entries were removed/);
  });
});

describe('noise from the crypto generator', () => {
  test('a report of a team with noise on, without a seed, draws from cryptoRandom and spends the yearly budget', async () => {
    const noisyRoot = path.join(root, 'noisy');
    await fs.promises.mkdir(noisyRoot);
    const plan = await planInit(noisyRoot, stewardData, SETUP, { minGroupSize: 5, epsilonPerMonth: 2, epsilonPerYear: 4 });
    await applyInit(plan, stewardData);
    vi.mocked(cryptoRandom).mockClear();
    await stewardReport(noisyRoot, stewardData, { month: '2025-05', now: NOW, trendMonths: 1 });
    expect(cryptoRandom).toHaveBeenCalledTimes(1);
    await stewardReport(noisyRoot, stewardData, { month: '2025-04', now: NOW, trendMonths: 1 });
    await expect(stewardReport(noisyRoot, stewardData, { month: '2025-05', now: NOW, trendMonths: 1 })).rejects.toThrow(/noise budget for 2025 is spent: 4 of 4/);
    // A seeded report is reproducible, not recorded, and says never to publish it.
    const seeded = await stewardReport(noisyRoot, stewardData, { month: '2025-05', now: NOW, trendMonths: 1, seed: 3 });
    expect(seeded.report.warnings.join(' ')).toMatch(/Never publish/);
  });
});
