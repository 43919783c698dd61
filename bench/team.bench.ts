// Team report at company scale: 10,000 generated contributions in one month folder (plus 5 trend months of
// 2,000 each), read from disk, validated and reported. Prints a table; no assertions.
// Run: npx tsx bench/team.bench.ts   (targets: under 2 s and under 200 MB for the 10,000)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectContributions, serializeContribution, weeksOfMonth, type Contribution } from '../src/core/team/contribution';
import { seededRandom } from '../src/core/team/noise';
import { renderTeamReportHtml, renderTeamReportJson, renderTeamReportMarkdown } from '../src/core/team/render';
import { buildTeamReport } from '../src/core/team/report';
import { TEAM_ROLES } from '../src/core/team/roles';
import { addMonths } from '../src/core/zone';
import { readTeamFolder } from '../src/store/teamFolder';

const MONTH = '2025-05';
const NOW = Date.UTC(2025, 5, 10);
const random = seededRandom(2025);

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function generate(month: string, i: number): Contribution {
  const role = TEAM_ROLES[Math.floor(random() ** 1.6 * TEAM_ROLES.length)];
  const base = [24, 20, 15, 11, 5, 4, 2][TEAM_ROLES.indexOf(role)];
  const weeks = weeksOfMonth(month).map((week) => {
    const handsOn = Math.max(0, Math.round((base + (random() - 0.5) * base) * 2) / 2);
    const meetings = Math.round((8 + random() * 25) * 2) / 2;
    const ratio = handsOn + meetings === 0 ? 0 : Math.round((20 * handsOn) / (handsOn + meetings)) / 20;
    return { week, handsOnHours: handsOn, meetingHours: meetings, craftRatio: ratio, deepWorkBlocks: Math.min(Math.floor(handsOn / 0.75), Math.floor(random() * 8)) };
  });
  return {
    kind: 'craft-time/team-contribution',
    version: 1,
    member: `${hex(i)}${hex(i * 7919)}${hex(i * 104729)}${hex(month.charCodeAt(6) * 31 + i)}`,
    month,
    role,
    edgeState: (['healthy', 'watch', 'eroding', 'learning'] as const)[i % 4],
    written: `${addMonths(month, 1)}-07T08:00:00Z`,
    weeks,
  };
}

async function writeMonth(folder: string, month: string, n: number): Promise<void> {
  const dir = path.join(folder, month);
  await fs.promises.mkdir(dir, { recursive: true });
  for (let i = 0; i < n; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, n - i) }, (_, j) => {
        const c = generate(month, i + j + 1);
        return fs.promises.writeFile(path.join(dir, `${c.member}.json`), serializeContribution(c));
      }),
    );
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

async function main(): Promise<void> {
  const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-team-bench-'));
  try {
    await writeMonth(folder, MONTH, 10_000);
    for (let k = 1; k <= 5; k++) await writeMonth(folder, addMonths(MONTH, -k), 2_000);
    const rows: [string, string, string, string, string][] = [];
    const baseline = process.memoryUsage().rss;
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const time = async <T>(label: string, f: () => Promise<T> | T, files: string): Promise<T> => {
      const t0 = performance.now(), c0 = process.cpuUsage();
      const result = await f();
      const ms = performance.now() - t0, cpu = process.cpuUsage(c0);
      peak = Math.max(peak, process.memoryUsage().rss);
      rows.push([label, files, `${ms.toFixed(0)} ms`, `${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`, `${mb(peak)} MB`]);
      return result;
    };
    const total0 = performance.now(), cpu0 = process.cpuUsage();
    const cpuSince = (c: NodeJS.CpuUsage) => { const u = process.cpuUsage(c); return `${((u.user + u.system) / 1000).toFixed(0)} ms`; };
    const oneMonth = await time('read folder (1 month)', () => readTeamFolder(folder, { months: [MONTH] }), '10,000');
    const collected1 = await time('validate + de-duplicate', () => collectContributions(oneMonth.files, { now: NOW }), '10,000');
    await time('report (no trend)', () => buildTeamReport(collected1.contributions.map((c) => c.contribution), collected1.rejected, { month: MONTH, trendMonths: 1 }), '10,000');
    const oneTotal = performance.now() - total0;
    rows.push(['= total, 1 month', '10,000', `${oneTotal.toFixed(0)} ms`, cpuSince(cpu0), `${mb(peak)} MB`]);

    const total1 = performance.now(), cpu1 = process.cpuUsage();
    const all = await time('read folder (6 months)', () => readTeamFolder(folder, { months: Array.from({ length: 6 }, (_, k) => addMonths(MONTH, -k)) }), '20,000');
    const collected = await time('validate + de-duplicate', () => collectContributions(all.files, { now: NOW }), '20,000');
    const contributions = collected.contributions.map((c) => c.contribution);
    const report = await time('report, 6-month trend', () => buildTeamReport(contributions, collected.rejected, { month: MONTH }), '20,000');
    await time('report, trend + noise (eps 1)', () => buildTeamReport(contributions, collected.rejected, { month: MONTH, epsilon: 1, random: seededRandom(1) }), '20,000');
    await time('render md + html + json', () => [renderTeamReportMarkdown(report), renderTeamReportHtml(report), renderTeamReportJson(report)].join('').length, '-');
    rows.push(['= total, 6 months', '20,000', `${(performance.now() - total1).toFixed(0)} ms`, cpuSince(cpu1), `${mb(peak)} MB`]);
    clearInterval(sampler);

    const header = ['step', 'files', 'wall time', 'CPU time', 'peak RSS'];
    const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i].length)));
    const line = (r: readonly string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
    console.log(`Team report benchmark (Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}); targets: < 2000 ms and < 200 MB for 10,000`);
    console.log(`RSS before reading: ${mb(baseline)} MB (runtime, tsx and the generated folder's writes)`);
    console.log(line(header));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const r of rows) console.log(line(r));
    console.log(`groups shown: ${report.groups.map((g) => `${g.group} (${g.members})`).join(', ')}; rejected: ${report.rejected.length}`);
  } finally {
    await fs.promises.rm(folder, { recursive: true, force: true });
  }
}

void main();
