#!/usr/bin/env node
// Proves that the packaged extension (craft-time.vsix) installs into the real VS Code the integration
// tests use (code-server, see scripts/setup-vscode.mjs) and works there:
//   1. package: `npm run package` in a temporary copy of the project (so a concurrent build or edit of the
//      working tree cannot end up half-way in the package, and the working tree's dist/ is left alone);
//      if its type check fails, the bundle + `vsce package` steps alone, said loudly. The .vsix is copied
//      to ./craft-time.vsix. `--reuse` takes an existing ./craft-time.vsix (or `--vsix FILE`) instead.
//   2. install it with code-server's own CLI into a fresh extensions folder;
//   3. check the installed folder: package.json, its `main`, dist/extension.js, dist/calendar.js,
//      dist/webview.js, dist/webview.css, every dist file .vscodeignore ships, and every sibling that a
//      shipped bundle loads with require('./x.js') (lazily loaded bundles are easy to forget);
//   4. run integration suites against the INSTALLED folder (CRAFT_TIME_EXTENSION_PATH; ui windows load
//      it as an installed extension, host suites as the development extension):
//      default ui/smoke, host/smoke, ui/dashboard (the webview assets) and host/summary (the lazy
//      reports bundle); suite files given on the command line replace them.
// Last line: `vsix-check: PASS ...` or `vsix-check: FAIL ...`; exit code 0 / 1.
//
//   node scripts/vsix-check.mjs                 # package, install, check, run the default suites
//   node scripts/vsix-check.mjs --reuse         # use ./craft-time.vsix as it is
//   node scripts/vsix-check.mjs --no-suites     # package, install and check files only
//   node scripts/vsix-check.mjs test/integration/ui/smoke.test.mjs
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_VERSION, setup as setupVsCode } from './setup-vscode.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const suites = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--vsix');
const DEFAULT_SUITES = ['test/integration/ui/smoke.test.mjs', 'test/integration/host/smoke.test.ts', 'test/integration/ui/dashboard.test.mjs', 'test/integration/host/summary.test.ts'];
const target = path.join(root, 'craft-time.vsix');
const started = Date.now();
const temps = [];

const say = (line) => console.log(`[vsix-check] ${line}`);
const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(0)}s`;

class CheckFailed extends Error {}

function run(cmd, cmdArgs, cwd, { env = {}, timeout = 600_000 } = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd, encoding: 'utf8', timeout, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  return { ok: r.status === 0, status: r.status ?? r.signal, output, took: seconds(t0) };
}

function tail(text, n = 25) {
  return text.split('\n').slice(-n).map((l) => `    ${l}`).join('\n');
}

function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Packages in a copy of the project (node_modules linked, not copied); returns the .vsix path. */
function packageVsix() {
  const work = tempDir('craft-time-vsix-src-');
  const skip = new Set(['node_modules', '.git', '.cache', 'out', 'dist', 'test-results']);
  for (const entry of fs.readdirSync(root)) {
    if (skip.has(entry) || entry.endsWith('.vsix')) continue;
    fs.cpSync(path.join(root, entry), path.join(work, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  const out = path.join(work, 'craft-time.vsix');
  say('packaging: npm run package (in a temporary copy of the project)');
  let r = run('npm', ['run', 'package'], work);
  if (!r.ok) {
    say(`npm run package failed (exit ${r.status}, ${r.took}); output:\n${tail(r.output)}`);
    const types = run('npm', ['run', 'check-types'], work);
    if (types.ok) throw new CheckFailed('npm run package failed although the type check passes (see above)');
    say('WARNING: the type check fails (above); packaging with the bundle + vsce steps alone');
    r = run(process.execPath, ['esbuild.js', '--production'], work);
    if (!r.ok) throw new CheckFailed(`node esbuild.js --production failed:\n${tail(r.output)}`);
    r = run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out], work);
    if (!r.ok) throw new CheckFailed(`vsce package failed:\n${tail(r.output)}`);
  }
  if (!fs.existsSync(out)) throw new CheckFailed(`packaging reported success but wrote no ${out}`);
  say(`packaged (${r.took})`);
  fs.copyFileSync(out, target);
  return target;
}

/** Installs the .vsix with code-server's CLI into a fresh extensions folder; returns the installed folder. */
function install(vsix, entry) {
  const dir = tempDir('craft-time-vsix-ext-');
  const extensionsDir = path.join(dir, 'extensions');
  const env = { XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), XDG_DATA_HOME: path.join(dir, 'xdg-data') };
  const r = run(process.execPath, [entry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(dir, 'user-data')], dir, { env, timeout: 300_000 });
  say(`code-server --install-extension (${r.took}):\n${tail(r.output, 8)}`);
  if (!r.ok) throw new CheckFailed(`code-server --install-extension failed with ${r.status}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const folders = fs.existsSync(extensionsDir) ? fs.readdirSync(extensionsDir).filter((n) => n.toLowerCase().startsWith(`${id}-`)) : [];
  if (folders.length !== 1) throw new CheckFailed(`expected one ${id}-* folder in ${extensionsDir}, found: ${folders.join(', ') || 'none'}`);
  const listed = run(process.execPath, [entry, '--list-extensions', '--show-versions', '--extensions-dir', extensionsDir, '--user-data-dir', path.join(dir, 'user-data')], dir, { env });
  if (!listed.output.toLowerCase().includes(id)) throw new CheckFailed(`code-server --list-extensions does not list ${id}:\n${tail(listed.output, 8)}`);
  say(`code-server lists it: ${listed.output.split('\n').filter((l) => l.toLowerCase().includes(id)).join(', ')}`);
  return path.join(extensionsDir, folders[0]);
}

/** The files an installed copy needs; throws with every one missing. */
function checkFiles(installed) {
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  const need = new Set(['package.json', 'dist/extension.js', 'dist/calendar.js', 'dist/calendarWorker.js', 'dist/webview.js', 'dist/webview.css']);
  if (manifest.main) need.add(path.posix.normalize(manifest.main.replace(/^\.\//, '')).replace(/(\.js)?$/, '.js'));
  const ignore = fs.existsSync(path.join(root, '.vscodeignore')) ? fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8') : '';
  for (const line of ignore.split('\n').map((l) => l.trim())) {
    if (/^!dist\/[^*]+$/.test(line)) need.add(line.slice(1));
  }
  // Bundles load siblings lazily (require('./calendar.js')): each must be in the package too.
  const dist = path.join(installed, 'dist');
  for (const file of fs.existsSync(dist) ? fs.readdirSync(dist).filter((n) => n.endsWith('.js')) : []) {
    const text = fs.readFileSync(path.join(dist, file), 'utf8');
    for (const m of text.matchAll(/require\(\s*["'`]\.\/([\w.-]+)["'`]\s*\)/g)) need.add(`dist/${m[1].endsWith('.js') ? m[1] : `${m[1]}.js`}`);
  }
  const missing = [...need].filter((f) => !fs.existsSync(path.join(installed, f)));
  if (missing.length) throw new CheckFailed(`the installed extension lacks ${missing.join(', ')}`);
  const unwanted = ['src', 'node_modules', 'test', '.cache'].filter((f) => fs.existsSync(path.join(installed, f)));
  if (unwanted.length) throw new CheckFailed(`the package ships ${unwanted.join(', ')}`);
  say(`installed files ok: ${[...need].sort().join(', ')}`);
  return manifest;
}

/** Runs the integration harness against the installed folder; resolves { passed, failed, code }. */
function runSuites(installed, files) {
  say(`running ${files.length} suite(s) against ${installed}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'integration.mjs'), ...files], {
      cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CRAFT_TIME_EXTENSION_PATH: installed },
    });
    let last = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      last = (last + chunk.toString()).split('\n').slice(-50).join('\n');
    });
    const forward = (signal) => child.kill(signal);
    process.once('SIGINT', forward);
    process.once('SIGTERM', forward);
    child.once('exit', (code, signal) => {
      const m = /integration: (\d+) passed, (\d+) failed/.exec(last);
      resolve({ passed: m ? Number(m[1]) : 0, failed: m ? Number(m[2]) : 0, code: code ?? signal, counted: Boolean(m) });
    });
  });
}

let result = 'FAIL';
let summary;
try {
  const entry = setupVsCode();
  let vsix = option('--vsix') ? path.resolve(option('--vsix')) : undefined;
  if (!vsix && flag('--reuse')) vsix = target;
  if (vsix) {
    if (!fs.existsSync(vsix)) throw new CheckFailed(`${vsix} does not exist`);
    say(`using the existing ${path.relative(root, vsix) || vsix} (${new Date(fs.statSync(vsix).mtimeMs).toISOString()})`);
  } else {
    vsix = packageVsix();
  }
  const size = `${Math.round(fs.statSync(vsix).size / 1024)} KB`;
  const installed = install(vsix, entry);
  const manifest = checkFiles(installed);
  const what = `${path.basename(vsix)} (${manifest.publisher}.${manifest.name} ${manifest.version}, ${size}) installed into code-server ${CODE_SERVER_VERSION}`;
  if (flag('--no-suites')) {
    result = 'PASS';
    summary = `${what}; files checked (no suites run)`;
  } else {
    const files = suites.length ? suites : DEFAULT_SUITES;
    const r = await runSuites(installed, files);
    if (r.counted && r.failed === 0 && r.passed > 0 && r.code === 0) {
      result = 'PASS';
      summary = `${what}; ${r.passed} integration test(s) passed against the installed copy`;
    } else {
      summary = `${what}; integration against the installed copy: ${r.counted ? `${r.passed} passed, ${r.failed} failed` : `no result (exit ${r.code})`}`;
    }
  }
} catch (error) {
  summary = error instanceof CheckFailed ? error.message : (error?.stack ?? String(error));
} finally {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`vsix-check: ${result} (${seconds(started)}): ${summary}`);
process.exit(result === 'PASS' ? 0 : 1);
