// Benchmarks for issue 11 (one machine, one timeline). Figures are printed, never asserted.
// Run: npx tsx bench/machine.bench.ts
// 1. Shell-hook overhead per command, in a real bash, zsh and fish: the functions a prompt runs (command
//    start + command end), timed inside the shell itself, in a git repository, folder unchanged (the
//    common case) and folder changed every command (git + sha256sum run again).
// 2. Reading a year whose activity comes from four programs (VS Code, Cursor, the terminal hook, Neovim)
//    against the same year from VS Code windows alone (today's shape). The cold read is the first after the
//    months closed (it writes the compacted copies of the beat files); warm reads take the copies.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { shellHook } from '../src/cli/shellSnippets';
import { HeartbeatAccumulator } from '../src/core/accumulator';
import { dailyActivity } from '../src/core/days';
import { handsOnByProgram } from '../src/core/programs';
import { seededRandom } from '../src/core/random';
import { buildTimeline } from '../src/core/timeline';
import type { Category, Span } from '../src/core/types';
import { addDays, isoWeekday, zonedTime } from '../src/core/zone';
import { ActivityWriter } from '../src/store/activityStore';
import { readActivity } from '../src/store/history';
import { encodeBeatLine } from '../src/store/beatLine';

const TZ = 'Europe/Berlin';
const rows: string[][] = [];
const row = (measure: string, value: string, target: string, note = '') => {
  rows.push([measure, value, target, note]);
  console.error(`  done: ${measure} = ${value}`);
};
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// ---------------------------------------------------------------------------------------------
// 1. Shell hook
const N = 300;
function benchShell(tmp: string): void {
  const repo = path.join(tmp, 'repo');
  fs.mkdirSync(path.join(repo, 'a'), { recursive: true });
  execFileSync('git', ['init', '-q', repo]);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp, LANG: 'C.UTF-8' };
  const scripts: Record<string, (hook: string, cd: boolean) => string[]> = {
    // The command itself (a `cd` in the second case) runs between the start and the end, as at a prompt.
    // bash: PS0 runs `$(__ct_beat)` (a subshell) at the start, PROMPT_COMMAND runs __ct_precmd at the end.
    bash: (hook, cd) => ['bash', '--noprofile', '--norc', '-c', `${hook}\ncd ${repo}\nfor ((i=0;i<${N};i++)); do t0=$EPOCHREALTIME; __ct_ran=1; x=$(__ct_beat); ${cd ? 'if ((i%2==0)); then cd a; else cd ..; fi; ' : ''}__ct_precmd; t1=$EPOCHREALTIME; echo $(( (\${t1/./}-\${t0/./}) )); done`],
    // zsh: the preexec and precmd hook functions.
    zsh: (hook, cd) => ['zsh', '-f', '-c', `${hook}\ncd ${repo}\nzmodload zsh/datetime\nfor ((i=0;i<${N};i++)); do t0=$EPOCHREALTIME; __ct_preexec; ${cd ? 'if ((i%2==0)); then cd a; else cd ..; fi; ' : ''}__ct_precmd; t1=$EPOCHREALTIME; echo $(( (t1-t0)*1000000 )); done`],
    // fish: the fish_preexec / fish_postexec handlers; no sub-millisecond clock builtin, so `date +%s%N` around them.
    fish: (hook, cd) => ['fish', '--no-config', '-c', `${hook}\ncd ${repo}\nfor i in (seq ${N}); set t0 (date +%s%N); __ct_preexec; ${cd ? 'if test (math $i % 2) -eq 1; cd a; else; cd ..; end; ' : ''}set -g CMD_DURATION 5; __ct_postexec; set t1 (date +%s%N); echo (math "($t1 - $t0) / 1000"); end`],
  };
  // The timing's own `date` forks cost time inside the fish loop: measured alone and subtracted.
  const fishClock = () => {
    const out = execFileSync('fish', ['--no-config', '-c', `for i in (seq ${N}); set t0 (date +%s%N); set t1 (date +%s%N); echo (math "($t1 - $t0) / 1000"); end`], { env, encoding: 'utf8' });
    return pct(out.trim().split('\n').map(Number), 50);
  };
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    if (!has(shell)) {
      row(`shell hook, ${shell}`, 'skipped', '< 5 ms', `${shell} not installed`);
      continue;
    }
    const data = path.join(tmp, `data-${shell}`);
    const hook = shellHook(shell, data);
    const clock = shell === 'fish' ? fishClock() : 0;
    for (const cd of [false, true]) {
      const [cmd, ...args] = scripts[shell](hook, cd);
      const out = execFileSync(cmd, args, { env, encoding: 'utf8', cwd: repo });
      const us = out.trim().split('\n').map(Number).slice(5).map((x) => Math.max(0, x - clock)); // first few warm the caches
      const lines = fs.readFileSync(path.join(data, 'activity', new Date().toISOString().slice(0, 7), 'terminal.jsonl'), 'utf8').trim().split('\n').length;
      row(`shell hook per command, ${shell}, ${cd ? 'new folder every command' : 'same folder'}`,
        `median ${(pct(us, 50) / 1000).toFixed(2)} ms, p95 ${(pct(us, 95) / 1000).toFixed(2)} ms`, '< 5 ms',
        `${us.length} commands (start + end line each)${shell === 'fish' ? `; minus ${(clock / 1000).toFixed(2)} ms for the two date forks of the timing` : ''}; file now ${lines} lines`);
      fs.rmSync(data, { recursive: true, force: true });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 2. A year of four programs
const CATS: Category[] = ['coding', 'reading', 'debugging', 'building', 'reviewing'];
type Program = 'vscode' | 'cursor' | 'terminal' | 'neovim';

/**
 * 250 working days x 8 h, heartbeats every 2-40 s. `programs` take turns (5-25 min each); window programs
 * write one window file per day (as the extension does), beat programs append to one file per month.
 */
async function writeYear(dir: string, programs: readonly Program[]) {
  const r = seededRandom(11);
  const names = new Map([['aaaaaaaaaaa1', 'craft-time'], ['bbbbbbbbbbb2', 'backend']]);
  let date = '2025-01-01', workDays = 0, heartbeats = 0, beats = 0;
  const lastBeat = new Map<Program, number>();
  const beatFiles = new Map<string, string[]>();
  while (workDays < 250) {
    if (isoWeekday(date) <= 5) {
      workDays++;
      const accs = new Map<Program, HeartbeatAccumulator>();
      const pending = new Map<Program, Span[]>();
      let t = zonedTime(date, 9 * 60, TZ);
      const end = t + 8 * 3_600_000;
      let turn = 0, turnEnd = t + (5 + r() * 20) * 60_000, cat: Category = 'coding', nextFlush = t + 30_000, ws = 'aaaaaaaaaaa1';
      while (t < end) {
        if (t >= turnEnd) {
          turn = (turn + 1) % programs.length;
          turnEnd = t + (5 + r() * 20) * 60_000;
          ws = r() < 0.6 ? 'aaaaaaaaaaa1' : 'bbbbbbbbbbb2'; // each turn in one repository
        }
        const p = programs[turn];
        if (r() < 0.01) cat = CATS[Math.floor(r() * CATS.length)];
        heartbeats++;
        if (p === 'terminal' || p === 'neovim') {
          // As written in practice: the Neovim snippet sends at most one beat per 15 s per category; a
          // terminal gives two per command, a command every 20 s or more at the busiest.
          if (t - (lastBeat.get(p) ?? -Infinity) < (p === 'neovim' ? 15_000 : 10_000)) {
            t += r() < 0.9 ? 2_000 + r() * 18_000 : 20_000 + r() * 20_000;
            continue;
          }
          lastBeat.set(p, t);
          beats++;
          const month = new Date(t).toISOString().slice(0, 7);
          const key = `${month}/${p}`;
          if (!beatFiles.has(key)) beatFiles.set(key, []);
          (beatFiles.get(key) as string[]).push(encodeBeatLine({ time: Math.floor(t / 1000), cat: p === 'terminal' ? 'b' : 'c', program: p, ws, name: names.get(ws), lang: p === 'neovim' ? 'lua' : undefined }));
        } else {
          if (!accs.has(p)) accs.set(p, new HeartbeatAccumulator());
          (accs.get(p) as HeartbeatAccumulator).add(t, cat, 'typescript', ws);
        }
        if (t >= nextFlush) {
          for (const [k, a] of accs) pending.set(k, [...(pending.get(k) ?? []), ...a.drain()]);
          nextFlush = t + 30_000;
        }
        t += r() < 0.9 ? 2_000 + r() * 18_000 : 20_000 + r() * 20_000;
      }
      for (const [k, a] of accs) pending.set(k, [...(pending.get(k) ?? []), ...a.drain()]);
      let i = 0;
      for (const [, list] of pending) if (list.length) await new ActivityWriter(dir, `w-${date.replace(/-/g, '')}${i++}`).append(list, names);
    }
    date = addDays(date, 1);
  }
  for (const [key, lines] of beatFiles) {
    fs.mkdirSync(path.join(dir, 'activity', key.split('/')[0]), { recursive: true });
    fs.writeFileSync(path.join(dir, 'activity', `${key}.jsonl`), lines.join('\n') + '\n');
  }
  let bytes = 0, files = 0;
  for (const m of fs.readdirSync(path.join(dir, 'activity'))) for (const f of fs.readdirSync(path.join(dir, 'activity', m))) {
    bytes += fs.statSync(path.join(dir, 'activity', m, f)).size;
    files++;
  }
  return { dir, files, bytes, heartbeats, beats, to: addDays(date, -1) };
}

async function readYear(dir: string, to: string) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const read = await readActivity(dir);
  const t1 = performance.now();
  const { segments } = buildTimeline(read.sources, { idleMs: 5 * 60_000, now: Date.UTC(2026, 0, 1) });
  const days = dailyActivity(segments, '2025-01-01', to, TZ);
  const by = handsOnByProgram(segments, -Infinity, Infinity);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const spans = read.sources.reduce((n, l) => n + l.length, 0);
  return { total: t2 - t0, cpu: (cpu.user + cpu.system) / 1000, read: t1 - t0, compute: t2 - t1, days, by, damaged: read.damagedLines, spans, segments: segments.length };
}

async function benchYears(tmp: string): Promise<void> {
  for (const [label, programs] of [['VS Code windows only (today\'s shape)', ['vscode', 'vscode', 'vscode']], ['four programs: VS Code, Cursor, terminal, Neovim', ['vscode', 'cursor', 'terminal', 'neovim']]] as const) {
    const y = await writeYear(path.join(tmp, label.replace(/\W+/g, '-')), programs);
    const cold = await readYear(y.dir, y.to);
    // The first read of a closed month's beat file leaves a compacted copy (store/beatCompaction.ts); warm reads take it.
    const copies = fs.readdirSync(path.join(y.dir, 'activity')).reduce((n, m) => n + fs.readdirSync(path.join(y.dir, 'activity', m)).filter((f) => f.endsWith('.spans')).length, 0);
    const warm = [await readYear(y.dir, y.to), await readYear(y.dir, y.to), await readYear(y.dir, y.to)].sort((a, b) => a.total - b.total)[1];
    const hours = cold.days.reduce((s, d) => s + d.handsOnMs, 0) / 3_600_000;
    const split = [...cold.by].map(([p, ms]) => `${p} ${(ms / 3_600_000).toFixed(0)} h`).join(', ');
    row(`year of days, ${label}`, `cold ${cold.total.toFixed(0)} ms (cpu ${cold.cpu.toFixed(0)}), warm ${warm.total.toFixed(0)} ms (cpu ${warm.cpu.toFixed(0)})`, '< 150 ms (issue 2)',
      `read ${cold.read.toFixed(0)} ms + timeline/days ${cold.compute.toFixed(0)} ms; ${y.files} files, ${(y.bytes / 1048576).toFixed(1)} MB, ${(y.heartbeats / 1e6).toFixed(2)}M events (${(y.beats / 1e3).toFixed(0)}k beat lines), ${cold.spans} spans -> ${cold.segments} segments; ${hours.toFixed(0)} h hands-on (${split}); ${cold.damaged} damaged; ${copies} compacted copies written by the cold read`);
  }
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-bench-machine-'));
  try {
    if (!process.argv.includes('--year-only')) benchShell(tmp);
    if (!process.argv.includes('--shell-only')) await benchYears(tmp);
  } finally {
    const head = ['measure', 'value', 'target', 'note'];
    const w = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i].length)));
    const line = (r: string[]) => `| ${r.map((c, i) => (i === 3 ? c : c.padEnd(w[i]))).join(' | ')} |`;
    console.log(`\nIssue 11 benchmarks (node ${process.version}, ${os.cpus().length} cpus, load ${os.loadavg()[0].toFixed(2)})\n`);
    console.log(line(head));
    console.log(`|${w.slice(0, 3).map((n) => '-'.repeat(n + 2)).join('|')}|------|`);
    for (const r of rows) console.log(line(r));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
