// The sealed team aggregate at company scale. Prints a table; no assertions.
// 1. Sealing one contribution (sign + X25519 + HKDF + AES-256-GCM), median of 200 (target: under 50 ms).
// 2. `team report` over 10,000 sealed contributions of 10,000 rostered members: verify team.json and the
//    roster, open every file in memory, build the report (target: under 3 s and under 250 MB peak). It runs in
//    a child process so its peak memory (maxRSS) is the report's alone, not the generator's.
// Run: npx tsx bench/team.bench.ts
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSealedContribution, serializeSealedContribution, weeksOfMonth } from '../src/core/team/contribution';
import { seededRandom } from '../src/core/team/noise';
import { TEAM_ROLES } from '../src/core/team/roles';
import { fingerprint, generateSigningKeys, sealContribution } from '../src/store/teamCrypto';
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

async function child(folder: string, data: string): Promise<void> {
  const t0 = performance.now(), c0 = process.cpuUsage();
  const { report } = await stewardReport(folder, data, { month: MONTH, now: NOW, seed: 1 });
  const ms = performance.now() - t0, cpu = process.cpuUsage(c0);
  const reasons = [...new Set(report.rejected.map((r) => r.reason))].slice(0, 3);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRss: process.resourceUsage().maxRSS * 1024, contributors: report.contributors, rejected: report.rejected.length, reasons, groups: report.groups.length }));
}

async function main(): Promise<void> {
  if (process.argv[2] === 'child') return child(process.argv[3], process.argv[4]);
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
    void fingerprint;
    const generated = performance.now() - g0;

    process.stderr.write(`generated in ${((performance.now() - g0) / 1000).toFixed(0)} s; running the report in a child process...\n`);
    const out = execFileSync(process.execPath, [...process.execArgv, __filename, 'child', folder, data], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out) as { ms: number; cpuMs: number; maxRss: number; contributors: number; rejected: number; reasons: string[]; groups: number };
    if (r.reasons.length) console.log(`rejected: ${r.reasons.join('; ')}`);
    rows.push([`team report (${r.contributors} counted, ${r.rejected} rejected, ${r.groups} groups)`, MEMBERS.toLocaleString('en'), `${r.ms.toFixed(0)} ms`, `cpu ${r.cpuMs.toFixed(0)} ms`, mb(r.maxRss), '< 3 s, < 250 MB']);

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
