#!/usr/bin/env node
// `npm start`: builds the extension and starts VS Code with it loaded.
// - With a desktop VS Code on PATH (`code`), opens it with --extensionDevelopmentPath.
// - Otherwise starts VS Code in the browser (code-server, built once into the cache by setup-vscode.mjs)
//   with the extension installed from this folder, and prints the address to open.
// Options: --folder DIR (the workspace to open; default: the current folder), --port N (default 8080),
//          --browser (force the browser VS Code even when `code` exists).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryPoint, isInstalled, setup } from './setup-vscode.mjs';
import { CODE_SERVER_PACKAGES, ensureSystemPackages } from './system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const folder = path.resolve(opt('folder', process.env.INIT_CWD || process.cwd()));
const port = Number(opt('port', process.env.PORT || 8080));

console.log('[start] building the extension…');
const build = spawnSync(process.execPath, [path.join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const hasDesktop = !args.includes('--browser') && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasDesktop) {
  console.log(`[start] opening VS Code with Craft Time ${pkg.version} loaded from ${root}`);
  const child = spawn('code', ['--extensionDevelopmentPath', root, folder], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!isInstalled()) {
    // Its native modules are compiled here: the Debian build tools first (apt-get as root, else the command).
    if (!ensureSystemPackages({ only: CODE_SERVER_PACKAGES })) process.exit(1);
    console.log('[start] no desktop VS Code found: building VS Code for the browser once (code-server, about 3 minutes)…');
    await setup();
  }
  const state = path.join(root, '.cache', 'start');
  const extensions = path.join(state, 'extensions');
  fs.mkdirSync(extensions, { recursive: true });
  const link = path.join(extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  fs.rmSync(link, { force: true, recursive: false });
  fs.symlinkSync(root, link, 'dir');
  const child = spawn(process.execPath, [
    entryPoint(), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--extensions-dir', extensions, '--user-data-dir', path.join(state, 'user-data'), folder,
  ], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, XDG_CONFIG_HOME: path.join(state, 'config') } });
  console.log(`[start] VS Code with Craft Time ${pkg.version}: open http://127.0.0.1:${port}/ in a browser (Ctrl+C to stop)`);
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
