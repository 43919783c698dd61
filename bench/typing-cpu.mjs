#!/usr/bin/env node
// What Craft Time costs while a person types: the extension host's CPU time during a stretch of fast
// typing in a real VS Code (code-server + headless Chromium, the integration harness's pieces), with
// and without the extension installed, in alternating runs. Figures, never assertions. Takes minutes:
// not part of `npm run bench`.
//
//   npm run bench:typing                                  # 5 + 5 runs of 90 s typing
//   node bench/typing-cpu.mjs --runs 2 --seconds 30       # a quick check
//   node bench/typing-cpu.mjs --extension before=/path/to/older/checkout --extension after=.
//
// Options:
//   --runs N              runs per variant (default 5); variants alternate, the order rotates each round
//   --seconds S           typing time per run (default 90)
//   --keys-per-second K   typing rate (default 20)
//   --settle S            quiet seconds after the window is ready, before measuring (default 15)
//   --history-weeks W     weeks of generated activity put in the data folder first (default 17; 0 = none)
//   --extension L=PATH    a variant with the extension folder PATH, labelled L (repeatable; default
//                         with=<this project>); a variant "without" (no extension) always runs too
//   --no-build            do not run `node esbuild.js` in each extension folder first
//   --attribute           also sample the extension host with V8's profiler during the typing (a small
//                         profiler extension in every variant) and report the CPU spent with one of
//                         Craft Time's own functions on the stack: the extension's cost read directly,
//                         which the machine's load disturbs far less than a difference of two runs
//   --report [FILE]       only print the tables again from a saved results file
//
// Each run starts its own code-server with fresh user data, opens one window (so exactly one extension
// host), opens notes.txt, waits, then types paced keys. The extension host is the server's child whose
// command line carries --type=extensionHost; its CPU time is utime + stime of /proc/<pid>/stat read
// right before and right after the typing. Results: a table on stdout and bench/results/typing-cpu.json.
// Needs CRAFT_TIME_VSCODE_CACHE (or a code-server installed by scripts/setup-vscode.mjs) and Chromium.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup as setupVsCode } from '../scripts/setup-vscode.mjs';
import { QUIET_SETTINGS, VsCodeWindow, launchBrowser, workbenchUrl } from '../test/integration/harness/vscode.mjs';
import { commandLine, descendants, freePort, httpOk, reapGroup, sleep } from '../test/integration/harness/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => console.log(line);

// ---------------------------------------------------------------------------------------------
// Options

function parseOptions(argv) {
  const options = { runs: 5, seconds: 90, keysPerSecond: 20, settle: 15, historyWeeks: 17, build: true, attribute: false, extensions: [] };
  const numeric = { '--runs': 'runs', '--seconds': 'seconds', '--keys-per-second': 'keysPerSecond', '--settle': 'settle', '--history-weeks': 'historyWeeks' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg in numeric) {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value < 0) throw new Error(`${arg} needs a number >= 0, got ${argv[i]}`);
      options[numeric[arg]] = value;
    } else if (arg === '--extension') {
      const spec = argv[++i] ?? '';
      const eq = spec.indexOf('=');
      if (eq < 1) throw new Error(`--extension needs LABEL=PATH, got ${spec}`);
      options.extensions.push({ label: spec.slice(0, eq), path: path.resolve(spec.slice(eq + 1)) });
    } else if (arg === '--no-build') {
      options.build = false;
    } else if (arg === '--attribute') {
      options.attribute = true;
    } else {
      throw new Error(`unknown option ${arg} (see the top of bench/typing-cpu.mjs)`);
    }
  }
  if (options.runs < 1 || options.seconds <= 0 || options.keysPerSecond <= 0) throw new Error('--runs, --seconds and --keys-per-second must be positive');
  if (!options.extensions.length) options.extensions.push({ label: 'with', path: root });
  const labels = options.extensions.map((e) => e.label);
  if (labels.includes('without') || new Set(labels).size !== labels.length) throw new Error('extension labels must be distinct and not "without"');
  return options;
}

// ---------------------------------------------------------------------------------------------
// Processes

const CLOCK_TICKS = (() => {
  try { return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100; } catch { return 100; }
})();

/** utime + stime of a process in seconds (fields 14 and 15 of /proc/<pid>/stat). */
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function extensionHostPids(serverPid) {
  return descendants(serverPid).filter((pid) => {
    const cmd = commandLine(pid);
    return cmd.includes('--type=extensionHost') || (cmd.includes('bootstrap-fork') && cmd.includes('extensionHost'));
  });
}

/** Ends the server's process group and every descendant (extension host, watchers). */
const stopServer = (child) => reapGroup(child);


async function startCodeServer(entry, dirs, logFile) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [entry,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--extensions-dir', dirs.extensionsDir, '--user-data-dir', dirs.userDataDir, dirs.workspace,
  ], {
    cwd: dirs.workspace, detached: true, stdio: ['ignore', out, out],
    env: { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, VSCODE_PROXY_URI: '', CRAFT_TIME_BENCH_PROFILE_DIR: dirs.profileDir },
  });
  fs.closeSync(out);
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}`);
    if (await httpOk(`${url}healthz`)) return { child, url };
    await sleep(300);
  }
  await stopServer(child);
  throw new Error(`code-server did not answer within 120 s; see ${logFile}`);
}

// ---------------------------------------------------------------------------------------------
// Folders and generated history

/**
 * `weeks` of plausible activity before today in the extension's data folder (format: docs/data-format.md):
 * two window sessions per weekday, each a morning of 40-second spans with short gaps. Deterministic.
 */
function writeHistory(dataDir, weeks) {
  if (weeks <= 0) return { files: 0, spans: 0 };
  const dayMs = 86_400_000;
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const files = new Map();
  let spans = 0;
  for (let d = weeks * 7; d >= 1; d--) {
    const day = today - d * dayMs;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let session = 0; session < 2; session++) {
      const source = `w-${(d * 2 + session).toString(16).padStart(12, '0')}`;
      const month = new Date(day).toISOString().slice(0, 7);
      const lines = [JSON.stringify({ schema: 1, kind: 'craft-time/activity', source }),
        JSON.stringify({ lang: 1, id: 'typescript' }), JSON.stringify({ ws: 1, id: '9f86d081884c', name: 'bench' })];
      let t = day / 1000 + (8 + session * 5) * 3600; // 08:00 and 13:00 UTC
      for (let i = 0; i < 150; i++) {
        const duration = 20 + ((i * 37) % 50);
        lines.push(JSON.stringify([t, duration, i % 7 === 3 ? 'r' : 'c', 1, 1]));
        t += duration + 5 + ((i * 13) % 40);
        spans++;
      }
      files.set(path.join(dataDir, 'activity', month, `${source}.jsonl`), `${lines.join('\n')}\n`);
    }
  }
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return { files: files.size, spans };
}

function prepareFolders(tmp, extensionPath, historyWeeks, attribute) {
  const dirs = {
    userDataDir: path.join(tmp, 'user-data'),
    extensionsDir: path.join(tmp, 'extensions'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgData: path.join(tmp, 'xdg-data'),
    workspace: path.join(tmp, 'workspace'),
    profileDir: path.join(tmp, 'profile'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), dirs.workspace, { recursive: true });
  fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
  // The integration harness's quiet settings: nothing else in the window works in the background.
  fs.writeFileSync(path.join(dirs.userDataDir, 'User', 'settings.json'), `${JSON.stringify(QUIET_SETTINGS, null, 2)}\n`);
  // Same history in every variant, so only the extension differs. It goes straight into the one data folder
  // (XDG_DATA_HOME/craft-time, docs/data-format.md): history left in an editor's old storage would be migrated
  // in during the measured typing and be counted as typing cost.
  const history = writeHistory(path.join(dirs.xdgData, 'craft-time'), historyWeeks);
  // --attribute: the same small profiler extension in every variant, so each carries its (small) cost.
  if (attribute) fs.symlinkSync(path.join(root, 'bench', 'profiler-extension'), path.join(dirs.extensionsDir, 'craft-time-bench.typing-bench-profiler-0.0.1'), 'dir');
  if (extensionPath) {
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
    fs.symlinkSync(extensionPath, path.join(dirs.extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  }
  return { dirs, history };
}

// ---------------------------------------------------------------------------------------------
// One run

const TEXT = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n';

/** Presses keys at `keysPerSecond` for `seconds`, on a fixed schedule (no catching up in bursts). */
async function typePaced(page, seconds, keysPerSecond) {
  const interval = 1000 / keysPerSecond;
  const end = Date.now() + seconds * 1000;
  let next = Date.now();
  let keys = 0;
  while (Date.now() < end) {
    const ch = TEXT[keys % TEXT.length];
    if (ch === '\n') await page.keyboard.press('Enter');
    else await page.keyboard.type(ch);
    keys++;
    next += interval;
    const wait = next - Date.now();
    if (wait > 0) await sleep(Math.min(wait, end - Date.now()));
    else if (wait < -200) next = Date.now(); // far behind (a busy machine): keep the rate, do not burst
  }
  return keys;
}

async function waitForExtensionHost(serverPid, timeoutMs = 60_000) {
  const started = Date.now();
  for (;;) {
    const pids = extensionHostPids(serverPid);
    if (pids.length === 1) return pids[0];
    if (pids.length > 1) throw new Error(`expected one extension host, found ${pids.length}`);
    if (Date.now() - started > timeoutMs) throw new Error('no extension host process appeared');
    await sleep(250);
  }
}

function loadAverage() {
  return Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

async function runOnce(entry, variant, options, index) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-time-typing-'));
  const logDir = path.join(root, 'bench', 'results');
  fs.mkdirSync(logDir, { recursive: true });
  let server;
  let browser;
  current = { stop: async () => { await browser?.close().catch(() => {}); await stopServer(server?.child); fs.rmSync(tmp, { recursive: true, force: true }); } };
  try {
    const { dirs } = prepareFolders(tmp, variant.path, options.historyWeeks, options.attribute);
    server = await startCodeServer(entry, dirs, path.join(logDir, `typing-cpu-code-server-${index}.log`));
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const window = new VsCodeWindow(page, { resultsDir: logDir, label: `${variant.label}-${index}` });
    await page.goto(workbenchUrl(server.url, { folder: dirs.workspace }));
    await window.waitForWorkbench();
    const hostPid = await waitForExtensionHost(server.child.pid);
    if (variant.path) {
      await window.craftTimeStatus(120_000); // activated: its status bar item is drawn
    }
    await window.openFile('notes.txt');
    await page.keyboard.press('Control+End');
    const craftShown = await window.craftTimeItem().isVisible();
    if (craftShown !== Boolean(variant.path)) throw new Error(`Craft Time status item ${craftShown ? 'shown' : 'missing'} in a "${variant.label}" run`);
    await sleep(options.settle * 1000);

    if (options.attribute) await startProfiler(dirs.profileDir);
    const load = loadAverage();
    const wallStart = Date.now();
    const cpuBefore = cpuSeconds(hostPid);
    const keys = await typePaced(page, options.seconds, options.keysPerSecond);
    const cpuAfter = cpuSeconds(hostPid);
    const wall = (Date.now() - wallStart) / 1000;
    if (extensionHostPids(server.child.pid)[0] !== hostPid) throw new Error('the extension host changed during the run');
    const result = { index, variant: variant.label, cpu: cpuAfter - cpuBefore, wall, keys, keysPerSecond: keys / wall, load };
    if (options.attribute) {
      const profile = await stopProfiler(dirs.profileDir);
      // Kept for a closer look (Chrome DevTools > Performance, or any .cpuprofile viewer).
      fs.writeFileSync(path.join(logDir, `typing-cpu-${index}-${variant.label}.cpuprofile`), JSON.stringify(profile));
      Object.assign(result, attribute(profile, variant.path));
    }
    return result;
  } finally {
    await browser?.close().catch(() => {});
    await stopServer(server?.child);
    fs.rmSync(tmp, { recursive: true, force: true });
    current = undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// --attribute: V8 samples of the extension host (bench/profiler-extension)

async function waitForFile(file, timeoutMs) {
  const started = Date.now();
  while (!fs.existsSync(file)) {
    if (Date.now() - started > timeoutMs) throw new Error(`the profiler extension did not write ${path.basename(file)} within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function startProfiler(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'start'), '');
  await waitForFile(path.join(dir, 'started'), 30_000);
}

async function stopProfiler(dir) {
  fs.writeFileSync(path.join(dir, 'stop'), '');
  const file = path.join(dir, 'profile.cpuprofile');
  await waitForFile(file, 60_000);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Sampled CPU of the whole host, and of the samples with one of Craft Time's functions anywhere on the
 * stack (its bundle, under the variant's folder or its link in the extensions folder): what the
 * extension's own code and everything it called cost, in milliseconds.
 */
function attribute(profile, extensionPath) {
  const parent = new Map();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ours = (url) => Boolean(extensionPath) && (url.includes(`${extensionPath}/dist/`) || /\/craft-time\.craft-time-[^/]*\/dist\//.test(url));
  const mine = new Map();
  const isMine = (id) => {
    if (mine.has(id)) return mine.get(id);
    const node = nodes.get(id);
    const value = ours(node.callFrame.url) || (parent.has(id) && isMine(parent.get(id)));
    mine.set(id, value);
    return value;
  };
  // Each sample stands for the time until the next one (timeDeltas[i + 1]).
  let busy = 0;
  let own = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (nodes.get(id).callFrame.functionName === '(idle)') continue;
    busy += ms;
    if (isMine(id)) own += ms;
  }
  return { sampledBusyMs: busy, ownMs: own };
}

/** The run in progress, so an interrupt still ends its server and browser. */
let current;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    say(`[typing-cpu] ${signal}: stopping`);
    Promise.resolve(current?.stop()).finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Figures

function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

function describe(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, median: quantile(sorted, 0.5), min: sorted[0], max: sorted[sorted.length - 1], q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) };
}

/** Least squares cpu = a(variant) + b·keys with one b; each variant's cpu at `keys`. Undefined if keys never varied. */
function adjustForKeys(results, variants, keys) {
  let sxy = 0;
  let sxx = 0;
  const means = {};
  for (const v of variants) {
    const mine = results.filter((r) => r.variant === v.label);
    const k = mine.reduce((a, r) => a + r.keys, 0) / mine.length;
    const c = mine.reduce((a, r) => a + r.cpu, 0) / mine.length;
    means[v.label] = { k, c };
    for (const r of mine) { sxy += (r.keys - k) * (r.cpu - c); sxx += (r.keys - k) ** 2; }
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  const at = Object.fromEntries(variants.map((v) => [v.label, means[v.label].c + slope * (keys - means[v.label].k)]));
  return { slope, keys, at };
}

const s3 = (x) => x.toFixed(3);
const pct = (cpu, seconds) => `${((cpu / seconds) * 100).toFixed(2)} %`;

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}

function printReport(results, variants, options) {
  say('\nPer run (extension host CPU = utime + stime during the typing):');
  // A busy machine types slower than asked: CPU per 1000 keys shows whether a difference is only that.
  const perKilokey = (r) => (r.cpu / r.keys) * 1e6;
  say(table([['#', 'variant', 'cpu s', '% core', 'keys', 'keys/s', 'ms/1000 keys', 'wall s', 'load1'],
    ...results.map((r) => [r.index, r.variant, s3(r.cpu), pct(r.cpu, r.wall), r.keys, r.keysPerSecond.toFixed(1), perKilokey(r).toFixed(0), r.wall.toFixed(1), r.load.toFixed(2)])]));

  const stats = Object.fromEntries(variants.map((v) => [v.label, describe(results.filter((r) => r.variant === v.label).map((r) => r.cpu))]));
  say(`\nPer variant (${options.seconds} s typing at ${options.keysPerSecond} keys/s; CPU seconds of the extension host):`);
  say(table([['variant', 'n', 'median', 'min–max', 'IQR (q1–q3)', 'median % core', 'median keys/s', 'median ms/1000 keys'],
    ...variants.map((v) => {
      const d = stats[v.label];
      const mine = results.filter((r) => r.variant === v.label);
      return [v.label, d.n, s3(d.median), `${s3(d.min)}–${s3(d.max)}`, `${s3(d.q1)}–${s3(d.q3)}`, pct(d.median, options.seconds),
        describe(mine.map((r) => r.keysPerSecond)).median.toFixed(1), describe(mine.map(perKilokey)).median.toFixed(0)];
    })]));

  const attributed = results.some((r) => r.ownMs !== undefined);
  if (attributed) {
    say(`\nSampled by V8 during the typing (--attribute): the extension host's busy time, and the part with one of Craft Time's own functions on the stack:`);
    say(table([['variant', 'n', 'own ms: median', 'min–max', 'median % core', 'own ms per 1000 keys', 'host busy ms: median'],
      ...variants.map((v) => {
        const mine = results.filter((r) => r.variant === v.label && r.ownMs !== undefined);
        if (!mine.length) return [v.label, 0, '-', '-', '-', '-', '-'];
        const own = describe(mine.map((r) => r.ownMs));
        return [v.label, own.n, own.median.toFixed(0), `${own.min.toFixed(0)}–${own.max.toFixed(0)}`, pct(own.median / 1000, options.seconds),
          describe(mine.map((r) => (r.ownMs / r.keys) * 1000)).median.toFixed(0), describe(mine.map((r) => r.sampledBusyMs)).median.toFixed(0)];
      })]));
  }

  const differences = {};
  const rows = [['variant − without', 'median diff s', '% core', 'paired diffs: median', 'min–max']];
  for (const v of variants.filter((x) => x.path)) {
    const diff = stats[v.label].median - stats.without.median;
    // Paired: each round's run of this variant against the same round's run without.
    const paired = [];
    for (let round = 0; round < options.runs; round++) {
      const a = results.find((r) => r.round === round && r.variant === v.label);
      const b = results.find((r) => r.round === round && r.variant === 'without');
      if (a && b) paired.push(a.cpu - b.cpu);
    }
    const p = paired.length ? describe(paired) : undefined;
    differences[v.label] = { medianDiff: diff, percentOfCore: (diff / options.seconds) * 100, paired: p };
    rows.push([v.label, s3(diff), pct(diff, options.seconds), p ? s3(p.median) : '-', p ? `${s3(p.min)}–${s3(p.max)}` : '-']);
  }
  say(`\nCost of the extension (difference of medians; % of one core over the ${options.seconds} s):`);
  say(table(rows));

  // The host's CPU grows with the keys typed, and a busy machine types fewer than asked, differently in
  // each run. Fitting cpu = a(variant) + b·keys (one slope for all, least squares within variants) and
  // comparing at the mean number of keys of all runs takes that out (with one slope the difference does
  // not depend on that choice; it assumes the extension's cost per key is small next to the host's own).
  // A model, so printed next to the medians, not instead of them.
  const meanKeys = Math.round(results.reduce((a, r) => a + r.keys, 0) / results.length);
  const adjusted = adjustForKeys(results, variants, meanKeys);
  if (adjusted) {
    say(`\nAdjusted for keys typed (common slope ${(adjusted.slope * 1000).toFixed(2)} ms/key; at the mean of ${adjusted.keys} keys):`);
    say(table([['variant', 'adjusted cpu s', 'minus without s', '% core'],
      ...variants.map((v) => {
        const diff = adjusted.at[v.label] - adjusted.at.without;
        return [v.label, s3(adjusted.at[v.label]), v.path ? s3(diff) : '-', v.path ? pct(diff, options.seconds) : '-'];
      })]));
  }
  return { stats, differences, adjusted };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (process.argv[2] === '--report') {
    // Prints the tables again from a saved results file (bench/results/typing-cpu.json by default).
    const saved = JSON.parse(fs.readFileSync(process.argv[3] ?? path.join(root, 'bench', 'results', 'typing-cpu.json'), 'utf8'));
    printReport(saved.results, saved.variants, saved.options);
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  const variants = [{ label: 'without', path: undefined }, ...options.extensions];
  for (const v of options.extensions) {
    if (!fs.existsSync(path.join(v.path, 'package.json'))) throw new Error(`${v.path} is not an extension folder`);
    if (options.build) {
      const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: v.path, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`node esbuild.js failed in ${v.path}:\n${r.stdout}${r.stderr}`);
    }
    if (!fs.existsSync(path.join(v.path, 'dist', 'extension.js'))) throw new Error(`${v.path}/dist/extension.js is missing: build it`);
    const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: v.path, encoding: 'utf8' }).stdout?.trim();
    v.commit = commit || undefined;
    say(`[typing-cpu] ${v.label}: ${v.path}${commit ? ` (commit ${commit})` : ''}`);
  }
  const entry = setupVsCode();
  say(`[typing-cpu] ${options.runs} run(s) per variant × ${options.seconds} s at ${options.keysPerSecond} keys/s, ${options.historyWeeks} weeks of history, `
    + `${os.cpus().length} cores, clock ticks ${CLOCK_TICKS}/s; load now ${loadAverage()}`);

  const results = [];
  let index = 0;
  for (let round = 0; round < options.runs; round++) {
    // Rotate the order each round so no variant always runs first (after a quiet or a busy spell).
    const order = variants.map((_, i) => variants[(i + round) % variants.length]);
    for (const variant of order) {
      index++;
      const started = Date.now();
      let result;
      try {
        result = await runOnce(entry, variant, options, index);
      } catch (error) {
        // A shared machine sometimes starves a start-up past its time limits: one more try.
        say(`[typing-cpu] run ${index} ${variant.label} failed (${error instanceof Error ? error.message : error}); trying once more`);
        result = await runOnce(entry, variant, options, index);
      }
      result.round = round;
      results.push(result);
      say(`[typing-cpu] run ${index} ${variant.label}: ${s3(result.cpu)} s CPU (${pct(result.cpu, result.wall)} of a core), `
        + `${result.keys} keys (${result.keysPerSecond.toFixed(1)}/s), load ${result.load.toFixed(2)}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
    }
  }
  const summary = printReport(results, variants, options);
  const out = path.join(root, 'bench', 'results', 'typing-cpu.json');
  fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), options, variants, results, ...summary }, null, 2)}\n`);
  say(`\n[typing-cpu] written ${path.relative(root, out)}`);
}

main().catch((error) => {
  console.error(`[typing-cpu] ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
