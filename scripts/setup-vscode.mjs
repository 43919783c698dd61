#!/usr/bin/env node
// Installs code-server (a real VS Code, served to a browser) into a cache folder so the integration
// tests can run the extension inside it. Idempotent: a marker file makes reruns instant.
//
//   node scripts/setup-vscode.mjs            # install if missing, print the server entry point
//   node scripts/setup-vscode.mjs --force    # reinstall from scratch
//
// Cache folder: $CRAFT_TIME_VSCODE_CACHE, or .cache/code-server-<version> inside the project.
// Recipe and its reasons: shared notes "real-vscode.md" (code-server's own postinstall downloads
// binaries, which these machines cannot do, so the native parts are rebuilt here from source).
// Needs (Debian): python3, make, g++, libkrb5-dev; /usr/bin/rg is copied in when present.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARKER = '.craft-time-setup-complete';

/** Folder that holds node_modules/code-server once setup has run. */
export function cacheDir() {
  return path.resolve(process.env.CRAFT_TIME_VSCODE_CACHE || path.join(projectRoot, '.cache', `code-server-${CODE_SERVER_VERSION}`));
}

/** Path of code-server's Node entry point inside the cache. */
export function entryPoint(dir = cacheDir()) {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

export function isInstalled(dir = cacheDir()) {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
    // Native modules are built for one Node ABI: another Node needs a rebuild.
    return marker.version === CODE_SERVER_VERSION && marker.abi === process.versions.modules && fs.existsSync(entryPoint(dir));
  } catch {
    return false;
  }
}

const log = (message) => console.log(`[setup-vscode] ${message}`);

function npmEnv(extra = {}) {
  // JOBS: node-gyp compiles with as many parallel jobs as there are cores.
  const env = { JOBS: String(os.cpus().length), ...process.env, npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false',
    npm_config_update_notifier: 'false', npm_config_progress: 'false', ...extra };
  // node-gyp must build against the installed Node's headers; without a nodedir it would download
  // them, and these machines cannot. Debian/NodeSource ship them in /usr/include/node.
  if (!env.npm_config_nodedir && !env.NPM_CONFIG_NODEDIR && fs.existsSync('/usr/include/node/node.h')) {
    env.npm_config_nodedir = '/usr';
  }
  // Never let a CI flag or the project's own config change where things go.
  delete env.npm_config_prefix;
  delete env.npm_config_global;
  return env;
}

function run(cmd, args, cwd, { allowFail = false, env = {} } = {}) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd, env: npmEnv(env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const ok = result.status === 0;
  if (!ok) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    if (!allowFail) {
      throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed with ${result.status ?? result.signal} after ${seconds}s:\n${output}`);
    }
    log(`  (allowed to fail) ${cmd} ${args.join(' ')}: exit ${result.status ?? result.signal}`);
  }
  return ok;
}

function step(title, fn) {
  const started = Date.now();
  log(`${title} ...`);
  const value = fn();
  log(`${title}: done in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  return value;
}

/** Packages (relative paths under node_modules) that carry a binding.gyp, i.e. native addons. */
function nativePackages(nodeModules) {
  const found = [];
  const visit = (dir, name) => {
    if (fs.existsSync(path.join(dir, 'binding.gyp'))) found.push(name);
  };
  for (const entry of fs.existsSync(nodeModules) ? fs.readdirSync(nodeModules) : []) {
    if (entry.startsWith('.')) continue;
    const full = path.join(nodeModules, entry);
    if (entry.startsWith('@')) {
      for (const sub of fs.readdirSync(full)) visit(path.join(full, sub), `${entry}/${sub}`);
    } else {
      visit(full, entry);
    }
  }
  return found.sort();
}

const WINDOWS_ONLY = new Set(['@vscode/windows-mutex', '@vscode/windows-process-tree', '@vscode/windows-registry',
  '@vscode/windows-ca-certs', 'windows-foreground-love', '@vscode/policy-watcher']);

export function setup({ force = false } = {}) {
  const dir = cacheDir();
  if (!force && isInstalled(dir)) {
    log(`code-server ${CODE_SERVER_VERSION} already set up in ${dir}`);
    return entryPoint(dir);
  }
  const started = Date.now();
  log(`setting up code-server ${CODE_SERVER_VERSION} in ${dir} (takes a few minutes once)`);
  fs.rmSync(path.join(dir, MARKER), { force: true });
  if (force) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Own package.json, so npm installs here and never walks up into the project.
  const pkg = path.join(dir, 'package.json');
  if (!fs.existsSync(pkg)) {
    fs.writeFileSync(pkg, `${JSON.stringify({ name: 'craft-time-vscode-cache', private: true, description: 'code-server for integration tests' }, null, 2)}\n`);
  }

  const codeServer = path.join(dir, 'node_modules', 'code-server');
  const vscodeDir = path.join(codeServer, 'lib', 'vscode');

  step(`npm install code-server@${CODE_SERVER_VERSION} --ignore-scripts`, () => {
    if (fs.existsSync(path.join(codeServer, 'package.json'))
      && JSON.parse(fs.readFileSync(path.join(codeServer, 'package.json'), 'utf8')).version === CODE_SERVER_VERSION) {
      log('  already present');
      return;
    }
    run('npm', ['install', '--ignore-scripts', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], dir);
  });

  step('npm rebuild argon2', () => run('npm', ['rebuild', 'argon2'], dir));

  step('lib/vscode: npm install --omit=dev --ignore-scripts', () =>
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-save'], vscodeDir));

  step('lib/vscode: ripgrep binary', () => {
    const binDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
    fs.mkdirSync(binDir, { recursive: true });
    const target = path.join(binDir, 'rg');
    const systemRg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
    if (systemRg) {
      fs.copyFileSync(systemRg, target);
    } else {
      // Search in files will not work, everything else does.
      log('  no system ripgrep found (apt-get install ripgrep); installing a stub');
      fs.writeFileSync(target, '#!/bin/sh\necho "ripgrep is not installed" >&2\nexit 2\n');
    }
    fs.chmodSync(target, 0o755);
  });

  step('lib/vscode: rebuild native modules', () => {
    const nodeModules = path.join(vscodeDir, 'node_modules');
    const failed = [];
    for (const name of nativePackages(nodeModules)) {
      if (WINDOWS_ONLY.has(name) || name.startsWith('@vscode/windows-')) {
        log(`  skip ${name} (Windows only)`);
        continue;
      }
      const t0 = Date.now();
      const ok = run('npm', ['rebuild', name], vscodeDir, { allowFail: true });
      log(`  ${ok ? 'rebuilt' : 'FAILED '} ${name} (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
      if (!ok) failed.push(name);
    }
    // These are needed by the server and the extension host; the rest are optional at run time.
    const required = ['@parcel/watcher', '@vscode/spdlog', 'node-pty'];
    const missing = failed.filter((name) => required.includes(name));
    if (missing.length) throw new Error(`required native modules failed to build: ${missing.join(', ')} (need python3, make, g++, libkrb5-dev)`);
  });

  step('lib/vscode: node_modules.asar link', () => {
    const link = path.join(vscodeDir, 'node_modules.asar');
    let exists = false;
    try { fs.lstatSync(link); exists = true; } catch { /* absent */ }
    if (!exists) fs.symlinkSync('node_modules', link);
  });

  step('lib/vscode/extensions: npm install --omit=dev --ignore-scripts', () =>
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-save'], path.join(vscodeDir, 'extensions')));

  fs.writeFileSync(path.join(dir, MARKER), `${JSON.stringify({ version: CODE_SERVER_VERSION, node: process.version, abi: process.versions.modules, finishedAt: new Date().toISOString() }, null, 2)}\n`);
  log(`code-server ${CODE_SERVER_VERSION} ready in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  return entryPoint(dir);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const entry = setup({ force: process.argv.includes('--force') });
    log(`entry point: ${entry}`);
  } catch (error) {
    console.error(`[setup-vscode] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
