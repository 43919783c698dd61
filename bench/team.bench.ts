// The sealed team aggregate at company scale. Prints a table; no assertions.
// 1. Sealing one contribution (sign + X25519 + HKDF + AES-256-GCM), median of 200 (target: under 50 ms).
// 2. `team report` over 10,000 sealed contributions of 10,000 rostered members: verify team.json and the
//    roster, open every file in memory, build the report (target: under 3 s and under 250 MB peak). It runs in
//    a child process so its peak memory (maxRSS) is the report's alone, not the generator's.
// 3. In the same child, the per-file cryptography alone over the same files: the floor of row 2.
// 4. Row 2 as the product runs it: the files opened on worker threads (the bundled dist/teamOpenWorker.js),
//    one per core but one, and on the caller's thread in turn with them.
// 5. Row 2 with one worker per core (at most 4) beside the caller: more threads than cores.
// Run: npx tsx bench/team.bench.ts
import { execFileSync } from 'node:child_process';
import { createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, verify } from 'node:crypto';
import * as fs from 'node:fs';
import { build } from 'esbuild';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSealedContribution, serializeSealedContribution, weeksOfMonth } from '../src/core/team/contribution';
import { seededRandom } from '../src/core/team/noise';
import { TEAM_ROLES } from '../src/core/team/roles';
import { canonicalJson, generateSigningKeys, sealContribution } from '../src/store/teamCrypto';
import { newSealedRelativePath, ROSTER_FILE, writeTeamText } from '../src/store/teamFolder';
import { readSteward, writeSteward } from '../src/store/teamKeys';
import { applyInit, planInit, stewardReport } from '../src/store/teamOps';
import { appendRoster, emptyRoster, entryHash, serializeRoster } from '../src/store/teamTrust';

const MONTH = '2025-05';
const SETUP = Date.UTC(2025, 3, 1);
const NOW = Date.UTC(2025, 5, 10);
const MEMBERS = 10_000;
const random = seededRandom(2025);

function plaintext(team: string, i: number): string {
  const role = TEAM_ROLES[Math.floor(random() ** 1.6 * TEAM_ROLES.length)];
  const base = [24, 20, 15, 11, 5, 4, 2][TEAM_ROLES.indexOf(role)];
  const weeks = weeksOfMonth(MONTH).map((week) => {
    const handsOnMinutes = Math.max(0, (base + (random() - 0.5) * base) * 60);
    return { week, handsOnMinutes, meetingMinutes: (8 + random() * 25) * 60, deepWorkBlocks: Math.min(Math.floor(random() * 6), Math.floor(handsOnMinutes / 45)), assistedMinutes: random() * 300 };
  });
  const c = buildSealedContribution({ role, edgeState: (['healthy', 'watch', 'eroding', 'learning'] as const)[i % 4], weeks }, { team, month: MONTH, now: NOW, today: '2025-06-10' });
  return serializeSealedContribution(c);
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

async function child(folder: string, data: string, workers: number | undefined, workerScript: string): Promise<void> {
  const t0 = performance.now(), c0 = process.cpuUsage();
  const { report } = await stewardReport(folder, data, { month: MONTH, now: NOW, seed: 1, workers, workerScript });
  const ms = performance.now() - t0, cpu = process.cpuUsage(c0); // cpuUsage counts every thread of the process
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const reasons = [...new Set(report.rejected.map((r) => r.reason))].slice(0, 3);
  const floor = workers !== 0 ? undefined : await cryptoFloor(folder, data);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRss, contributors: report.contributors, rejected: report.rejected.length, reasons, groups: report.groups.length, floor }));
}

/**
 * The per-file cryptography alone, over the same files (read and parsed beforehand, not timed): the two
 * public keys from raw bytes, X25519, HKDF, AES-256-GCM of the padded 2 KB, Ed25519 verify. No report can
 * cost less than this without skipping a check. Constants as in src/store/teamCrypto.ts.
 */
async function cryptoFloor(folder: string, data: string): Promise<{ files: number; verified: number; wallMs: number; cpuMs: number; phases: Record<string, number> }> {
  const doc = JSON.parse(fs.readFileSync(path.join(folder, 'team.json'), 'utf8')) as { team: string };
  const steward = (await readSteward(data, doc.team))!;
  const report = steward.reportKeys[steward.reportKeys.length - 1];
  const reportPrivate = createPrivateKey({ key: { ...report.privateKey }, format: 'jwk' });
  const dir = path.join(folder, MONTH);
  const files = fs.readdirSync(dir).map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as Record<string, string>);
  const phases = { keys: 0, x25519: 0, hkdf: 0, aes: 0, verify: 0 };
  const cpuNow = () => { const u = process.cpuUsage(); return u.user + u.system; };
  let verified = 0, t = 0;
  const lap = (phase: keyof typeof phases) => {
    const now = cpuNow();
    phases[phase] += now - t;
    t = now;
  };
  const t0 = performance.now(), c0 = cpuNow();
  for (const h of files) {
    t = cpuNow();
    const ephemeral = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: h.ephemeral }, format: 'jwk' });
    lap('keys');
    const shared = diffieHellman({ privateKey: reportPrivate, publicKey: ephemeral });
    lap('x25519');
    const key = Buffer.from(hkdfSync('sha256', shared, Buffer.from(`${h.ephemeral}.${report.publicKey}`), 'craft-time team seal v2', 32));
    lap('hkdf');
    const raw = Buffer.from(h.ciphertext, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(h.nonce, 'base64url'));
    const { ciphertext: _c, ...header } = h;
    decipher.setAAD(Buffer.from(canonicalJson(header)));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const padded = Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]);
    lap('aes');
    const inner = JSON.parse(padded.toString('utf8')) as { signer: string; signature: string; contribution: string };
    t = cpuNow();
    const signer = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: inner.signer }, format: 'jwk' });
    lap('keys');
    const message = Buffer.from(`craft-time/team-contribution-signature\n${doc.team}\n${h.month}\n${h.recipient}\n${inner.contribution}`);
    if (verify(null, message, signer, Buffer.from(inner.signature, 'base64url'))) verified++;
    lap('verify');
  }
  const wallMs = performance.now() - t0, cpuMs = (cpuNow() - c0) / 1000;
  return { files: files.length, verified, wallMs, cpuMs, phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v / 1000)])) };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'child') return child(process.argv[3], process.argv[4], process.argv[5] === 'default' ? undefined : Number(process.argv[5]), process.argv[6]);
  const root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-team-bench-'));
  const folder = path.join(root, 'team'), data = path.join(root, 'steward');
  await fs.promises.mkdir(folder);
  try {
    const plan = await planInit(folder, data, SETUP);
    await applyInit(plan, data);
    const rows: string[][] = [];

    // 1. Sealing one contribution.
    const signer = generateSigningKeys();
    const text = plaintext(plan.team, 0);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      sealContribution({ team: plan.team, month: MONTH, reportKey: plan.doc.reportKey, plaintext: text, signer });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    rows.push(['seal one contribution (median of 200)', '1', `${times[100].toFixed(2)} ms`, `p95 ${times[190].toFixed(2)} ms`, '-', '< 50 ms']);

    // 2. A folder of 10,000 rostered members, each with one sealed contribution.
    const g0 = performance.now();
    process.stderr.write('generating 10,000 members, roster and sealed files...\n');
    const keys = Array.from({ length: MEMBERS }, () => generateSigningKeys());
    const steward = (await readSteward(data, plan.team))!;
    const roster = appendRoster(emptyRoster(plan.team), steward.signing, ...keys.map((k) => ({ type: 'admit' as const, key: k.publicKey, now: SETUP })));
    await writeTeamText(folder, ROSTER_FILE, serializeRoster(roster));
    await writeSteward(data, { ...steward, rosterEntries: roster.entries.length, rosterHead: entryHash(roster.entries[roster.entries.length - 1]) });
    await fs.promises.mkdir(path.join(folder, MONTH));
    let bytes = 0;
    for (let i = 0; i < MEMBERS; i += 200) {
      await Promise.all(keys.slice(i, i + 200).map((k, j) => {
        const sealed = sealContribution({ team: plan.team, month: MONTH, reportKey: plan.doc.reportKey, plaintext: plaintext(plan.team, i + j), signer: k });
        bytes += sealed.length;
        return fs.promises.writeFile(path.join(folder, ...newSealedRelativePath(MONTH).split('/')), sealed);
      }));
    }
    const generated = performance.now() - g0;

    process.stderr.write(`generated in ${((performance.now() - g0) / 1000).toFixed(0)} s; running the report in a child process...\n`);
    // The worker script as the product ships it (dist/teamOpenWorker.js), bundled for this run.
    const workerScript = path.join(root, 'teamOpenWorker.js');
    await build({ entryPoints: [path.join(__dirname, '../src/store/teamOpenWorker.ts')], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    for (const threads of [0, 'default', Math.min(4, cores)] as const) {
      const out = execFileSync(process.execPath, [...process.execArgv, __filename, 'child', folder, data, String(threads), workerScript], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const r = JSON.parse(out) as { ms: number; cpuMs: number; maxRss: number; contributors: number; rejected: number; reasons: string[]; groups: number; floor?: Awaited<ReturnType<typeof cryptoFloor>> };
      if (r.reasons.length) console.log(`rejected: ${r.reasons.join('; ')}`);
      const where = threads === 0 ? 'one thread' : threads === 'default' ? `as shipped: ${Math.min(3, cores - 1)} worker thread(s) + this thread` : `${threads} worker threads + this thread`;
      rows.push([`team report, ${where} (${r.contributors} counted, ${r.rejected} rejected, ${r.groups} groups)`, MEMBERS.toLocaleString('en'), `${r.ms.toFixed(0)} ms`, `cpu ${r.cpuMs.toFixed(0)} ms`, mb(r.maxRss), '< 3 s, < 250 MB']);
      const f = r.floor;
      if (f) rows.push([`its crypto alone (${f.verified} verified; ${Object.entries(f.phases).map(([k, v]) => `${k} ${v}`).join(', ')} ms)`, f.files.toLocaleString('en'), `${f.wallMs.toFixed(0)} ms`, `cpu ${f.cpuMs.toFixed(0)} ms`, '-', 'floor of the row above']);
    }

    const head = ['case', 'files', 'wall', 'other', 'peak RSS', 'target'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    console.log(`Team aggregate (Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}: on a loaded machine compare CPU time); folder: ${MEMBERS.toLocaleString('en')} sealed files, ${mb(bytes)}, roster ${mb(serializeRoster(roster).length)}; generated in ${(generated / 1000).toFixed(1)} s`);
    console.log(line(head));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const row of rows) console.log(line(row));
  } finally {
    await fs.promises.rm(root, { recursive: true, force: true });
  }
}

void main();
