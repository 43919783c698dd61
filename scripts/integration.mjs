#!/usr/bin/env node
// Integration tests in a real VS Code: code-server (VS Code 1.100 served to a browser, installed by
// scripts/setup-vscode.mjs) driven by headless Debian Chromium through playwright-core.
//
//   npm run test:integration                 # build, set up code-server once, run every suite
//   node scripts/integration.mjs --only smoke  # suites whose file name contains "smoke"
//   node scripts/integration.mjs --keep        # keep the temporary user data / workspace folder
//   node scripts/integration.mjs test/integration/ui/smoke.test.mjs   # just the suites named
//
// Two kinds of suites:
//   host: test/integration/host/*.test.ts, mocha (tdd), compiled to out/test/integration/host and run
//         inside the window's extension host (extensionDevelopmentPath + extensionTestsPath payload).
//   ui:   test/integration/ui/*.test.mjs, node:test files in their own Node process that drive
//         browser pages through test/integration/harness/vscode.mjs.
// Every test is counted; the last line is `integration: N passed, N failed`; exit code 1 on failure.
//
// Environment:
//   CRAFT_TIME_EXTENSION_PATH   extension folder under test (default: this project; then it is built)
//   CRAFT_TIME_UI_LOAD          how ui windows load it: 'installed' (default; linked into the
//                               extensions dir) or 'development' (extensionDevelopmentPath payload)
//   CRAFT_TIME_SUITE_TIMEOUT_MS one suite's time limit (default 600000: some suites wait for the
//                               extension's 30 s flushes, and CI machines are shared)
//   CRAFT_TIME_VSCODE_CACHE     where code-server is installed (see setup-vscode.mjs)
//   CRAFT_TIME_LOCALE           display language, e.g. `de`: installs test/fixtures/language-pack-de and
//                               starts code-server with --locale de (harness/languagePack.mjs)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { setup as setupVsCode } from './setup-vscode.mjs';
import { ensureSystemPackages } from './system-deps.mjs';
import { installLanguagePack } from '../test/integration/harness/languagePack.mjs';
import { descendants, freePort, httpOk, killGroup, killTree, reapGroup, sleep } from '../test/integration/harness/processes.mjs';
import { QUIET_SETTINGS, launchBrowser, remoteUri, safeName, workbenchUrl } from '../test/integration/harness/vscode.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
// Suite files named on the command line replace the default lists: *.test.mjs run as ui suites,
// *.test.ts under test/integration/host as their compiled host suites, *.test.js as host suites.
const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--only').map((a) => path.resolve(a));
const keep = args.includes('--keep');
const extensionPath = path.resolve(process.env.CRAFT_TIME_EXTENSION_PATH || root);
const loadMode = process.env.CRAFT_TIME_UI_LOAD === 'development' ? 'development' : 'installed';
const locale = process.env.CRAFT_TIME_LOCALE || undefined;
const suiteTimeoutMs = Number(process.env.CRAFT_TIME_SUITE_TIMEOUT_MS) || 600_000;
const resultsDir = path.join(root, 'test-results');
const exthostLog = path.join(resultsDir, 'exthost.log');

/** @type {{ suite: string, title: string, state: 'passed' | 'failed', error?: string }[]} */
const results = [];
const cleanups = [];
const children = new Set();
let cleanedUp = false;

const say = (line) => console.log(line);
function report(suite, title, state, error) {
  results.push({ suite, title, state, error });
  say(`  ${{ passed: '✔', failed: '✖' }[state] ?? '-'} ${suite} › ${title}${state === 'skipped' ? ' (skipped)' : ''}`);
  if (error) say(String(error).split('\n').slice(0, 12).map((l) => `      ${l}`).join('\n'));
}

function elapsed(started) {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}

/** Runs a build step; a failure is counted as a failed test named after the step. */
function buildStep(title, cmd, cmdArgs) {
  const started = Date.now();
  const result = spawnSync(cmd, cmdArgs, { cwd: root, encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status === 0) {
    say(`[integration] ${title}: ok (${elapsed(started)})`);
    return true;
  }
  report('build', title, 'failed', `${cmd} ${cmdArgs.join(' ')} exited with ${result.status ?? result.signal}\n${output.split('\n').slice(-30).join('\n')}`);
  return false;
}


async function stopGroup(child) {
  if (!child?.pid) return;
  if (child.exitCode === null && child.signalCode === null) {
    const tree = descendants(child.pid);
    child.once('exit', () => { for (const pid of tree) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } } });
    killGroup(child, 'SIGTERM');
    await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)]);
  }
  await reapGroup(child);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms); }),
  ]);
}

function listSuites(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((n) => n.endsWith(suffix) && (!only || n.includes(only))).sort().map((n) => path.join(dir, n));
}

function prepareFolders(tmp) {
  const dirs = {
    userDataDir: path.join(tmp, 'user-data'),
    extensionsDir: path.join(tmp, 'extensions'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgData: path.join(tmp, 'xdg-data'),
    // The one data folder every build writes (issue 11); a second server in a suite shares it.
    dataDir: path.join(tmp, 'craft-time-data'),
    workspace: path.join(tmp, 'workspace'),
    hostRuns: path.join(tmp, 'host-runs'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), dirs.workspace, { recursive: true });
  fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userDataDir, 'User', 'settings.json'), `${JSON.stringify(QUIET_SETTINGS, null, 2)}\n`);
  // Test-only stand-ins for other extensions (an agent, an inline completion provider, a formatter) that
  // also record what an extension observes: test/fixtures/probe-extension (issue 10).
  fs.symlinkSync(path.join(root, 'test', 'fixtures', 'probe-extension'), path.join(dirs.extensionsDir, 'craft-time-test.craft-time-probe-0.0.1'), 'dir');
  if (loadMode === 'installed') {
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
    const link = path.join(dirs.extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
    fs.symlinkSync(extensionPath, link, 'dir');
  }
  dirs.localeArgs = locale ? installLanguagePack(locale, dirs) : [];
  return dirs;
}

async function startCodeServer(entry, dirs) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const logFile = path.join(resultsDir, 'code-server.log');
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [entry,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--extensions-dir', dirs.extensionsDir, '--user-data-dir', dirs.userDataDir, ...dirs.localeArgs, dirs.workspace,
  ], {
    cwd: dirs.workspace,
    detached: true, // own process group: killGroup() also ends its extension hosts
    stdio: ['ignore', out, out],
    env: { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, CRAFT_TIME_DATA_DIR: dirs.dataDir, VSCODE_PROXY_URI: '' },
  });
  fs.closeSync(out);
  children.add(child);
  cleanups.push(() => stopGroup(child));
  const started = Date.now();
  while (Date.now() - started < 90_000) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}`);
    if (await httpOk(`${url}healthz`)) {
      say(`[integration] code-server ${url} ready (${elapsed(started)})`);
      return { child, url, port };
    }
    await sleep(300);
  }
  throw new Error(`code-server did not answer on ${url} within 90s; see ${logFile}`);
}

/** One host suite = one window whose extension host runs mocha on that compiled file. */
async function runHostSuite(browser, server, dirs, file) {
  const name = `host/${path.basename(file, '.test.js')}`;
  const runDir = path.join(dirs.hostRuns, safeName(name));
  fs.mkdirSync(runDir, { recursive: true });
  const resultsFile = path.join(runDir, 'results.jsonl');
  const indexJs = path.join(root, 'out', 'test', 'integration', 'host', 'index.js');
  fs.writeFileSync(path.join(runDir, 'index.js'), [
    `const { runFiles } = require(${JSON.stringify(indexJs)});`,
    `exports.run = () => runFiles([${JSON.stringify(file)}], { resultsFile: ${JSON.stringify(resultsFile)} });`,
    '',
  ].join('\n'));
  const logStream = fs.createWriteStream(exthostLog, { flags: 'a' });
  logStream.write(`\n===== ${name} (${new Date().toISOString()}) =====\n`);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const started = Date.now();
  let exitCode;
  let failure;
  try {
    const page = await context.newPage();
    let onExit;
    const exited = new Promise((resolve) => { onExit = resolve; });
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      const text = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      logStream.write(`[${type}] ${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => onExit(code));
    page.on('crash', () => onExit('page crashed'));
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.url, extensionPath)],
      ['extensionTestsPath', remoteUri(server.url, path.join(runDir, 'index.js'))],
    ];
    await page.goto(workbenchUrl(server.url, { folder: dirs.workspace, payload }));
    exitCode = await withTimeout(exited, suiteTimeoutMs, name);
    if (typeof exitCode === 'string') failure = exitCode;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    await context.close().catch(() => {});
    await new Promise((r) => logStream.end(r));
  }
  const entries = fs.existsSync(resultsFile)
    ? fs.readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    : [];
  for (const entry of entries) report(name, entry.title, entry.state, entry.state === 'failed' ? entry.error : undefined);
  const failedHere = entries.some((e) => e.state === 'failed');
  if (failure) report(name, '(suite)', 'failed', `${failure}; see test-results/exthost.log`);
  else if (exitCode !== 0 && !failedHere) report(name, '(suite)', 'failed', `extension host tests exited with ${exitCode}; see test-results/exthost.log`);
  else if (entries.length === 0) report(name, '(suite)', 'failed', 'the suite ran no test');
  say(`[integration] ${name}: ${entries.length} test(s) in ${elapsed(started)}`);
}

/** One ui suite = one `node --test` process; a reporter writes one JSON line per test. */
async function runUiSuite(server, dirs, configFile, file) {
  const name = `ui/${path.basename(file, '.test.mjs')}`;
  const jsonl = path.join(dirs.hostRuns, `${safeName(name)}.jsonl`);
  const logFile = path.join(resultsDir, `${safeName(name)}.log`);
  const reporter = path.join(root, 'test', 'integration', 'harness', 'reporter.mjs');
  const started = Date.now();
  const out = fs.openSync(logFile, 'w');
  // No --test-timeout: node applies it to the file as a whole too. The helpers' waits have their own
  // limits, a test can pass { timeout }, and the suite's time limit below catches the rest.
  const child = spawn(process.execPath, ['--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`, `--test-reporter-destination=${jsonl}`, file], {
    cwd: root, detached: true, stdio: ['ignore', out, out],
    env: { ...process.env, CRAFT_TIME_IT_CONFIG: configFile, NODE_OPTIONS: '' },
  });
  fs.closeSync(out);
  children.add(child);
  let failure;
  try {
    const code = await withTimeout(new Promise((resolve) => child.once('exit', (c, s) => resolve(c ?? s))), suiteTimeoutMs, name);
    if (code !== 0) failure = `node --test exited with ${code}`;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    await reapGroup(child); // the suite's chromium, if it left one behind
  }
  const entries = fs.existsSync(jsonl)
    ? fs.readFileSync(jsonl, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    : [];
  for (const entry of entries) report(name, entry.title, entry.state, entry.state === 'failed' ? entry.error : undefined);
  const failedHere = entries.some((e) => e.state === 'failed');
  if (failure && (!failedHere || /timed out/.test(failure))) report(name, '(suite)', 'failed', `${failure}; see test-results/${path.basename(logFile)}`);
  else if (!failure && entries.length === 0) report(name, '(suite)', 'failed', 'the suite ran no test');
  say(`[integration] ${name}: ${entries.length} test(s) in ${elapsed(started)} (output: test-results/${path.basename(logFile)})`);
}

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const fn of cleanups.reverse()) {
    try { await fn(); } catch { /* keep cleaning */ }
  }
}

/** Activation errors of the extension under test, from the extension hosts' logs. */
function activationErrors() {
  const logs = path.join(resultsDir, 'code-server-logs');
  if (!fs.existsSync(logs)) return [];
  const found = new Set();
  for (const entry of fs.readdirSync(logs, { recursive: true })) {
    if (!String(entry).endsWith('exthost.log')) continue;
    const lines = fs.readFileSync(path.join(logs, String(entry)), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.includes('Activating extension craft-time.craft-time failed')) found.add(lines[i + 1]?.replace(/^\S+ \S+ /, '') ?? line);
    });
  }
  return [...found];
}

function finish() {
  for (const error of activationErrors()) say(`[integration] the extension failed to activate in a window: ${error} (see test-results/code-server-logs)`);
  const passed = results.filter((r) => r.state === 'passed').length;
  const failed = results.filter((r) => r.state === 'failed').length;
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'integration.json'), `${JSON.stringify({ passed, failed, results }, null, 2)}\n`);
  if (failed) {
    say('\nfailed:');
    for (const r of results.filter((x) => x.state === 'failed')) say(`  ✖ ${r.suite} › ${r.title}`);
  }
  say(`integration: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

async function main() {
  const started = Date.now();
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(exthostLog, '');
  fs.rmSync(path.join(resultsDir, 'screenshots'), { recursive: true, force: true });
  if (!ensureSystemPackages()) {
    report('build', 'Debian packages the suites need (scripts/system-deps.mjs)', 'failed', 'missing packages: see the command above');
    return;
  }

  if (extensionPath === root) {
    if (!buildStep('bundle the extension (node esbuild.js)', process.execPath, ['esbuild.js'])) return;
  } else {
    say(`[integration] testing the extension in ${extensionPath} (CRAFT_TIME_EXTENSION_PATH); not building it`);
  }
  fs.rmSync(path.join(root, 'out', 'test', 'integration'), { recursive: true, force: true });
  buildStep('compile the integration tests (tsc -p test/tsconfig.json)', 'npx', ['--no-install', 'tsc', '-p', 'test/tsconfig.json']);

  const compiled = (file) => path.join(root, 'out', path.relative(root, file)).replace(/\.ts$/, '.js');
  const hostSuites = named.length
    ? named.filter((f) => f.endsWith('.test.js') || f.endsWith('.test.ts')).map((f) => (f.endsWith('.ts') ? compiled(f) : f))
    : listSuites(path.join(root, 'out', 'test', 'integration', 'host'), '.test.js');
  const uiSuites = named.length
    ? named.filter((f) => f.endsWith('.test.mjs'))
    : listSuites(path.join(root, 'test', 'integration', 'ui'), '.test.mjs');
  say(`[integration] ${hostSuites.length} host suite(s), ${uiSuites.length} ui suite(s)`);
  if (!hostSuites.length && !uiSuites.length) { report('integration', 'find suites', 'failed', 'no suite found'); return; }

  const entry = setupVsCode();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-time-it-'));
  cleanups.push(() => {
    if (keep) say(`[integration] kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  });
  const dirs = prepareFolders(tmp);
  cleanups.push(() => {
    const logs = path.join(dirs.userDataDir, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(resultsDir, 'code-server-logs'), { recursive: true });
  });
  fs.rmSync(path.join(resultsDir, 'code-server-logs'), { recursive: true, force: true });
  const server = await startCodeServer(entry, dirs);
  const configFile = path.join(tmp, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify({
    url: server.url, workspace: dirs.workspace, userDataDir: dirs.userDataDir, extensionsDir: dirs.extensionsDir,
    dataDir: dirs.dataDir, codeServerEntry: entry, resultsDir, extensionPath, loadMode, locale: locale ?? 'en',
  }, null, 2));

  if (hostSuites.length) {
    const browser = await launchBrowser();
    cleanups.push(() => browser.close().catch(() => {}));
    for (const file of hostSuites) await runHostSuite(browser, server, dirs, file);
    await browser.close().catch(() => {});
  }
  for (const file of uiSuites) await runUiSuite(server, dirs, configFile, file);
  say(`[integration] done in ${elapsed(started)}`);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    say(`[integration] ${signal}: stopping`);
    report('integration', `interrupted by ${signal}`, 'failed');
    cleanup().finally(() => { finish(); process.exit(130); });
  });
}
// Last resort if something exits the process early: no server or browser may outlive the run.
process.on('exit', () => { for (const child of children) killTree(child); });

let code;
try {
  await main();
} catch (error) {
  report('integration', 'harness', 'failed', error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await cleanup();
  code = finish();
}
process.exit(code);
