#!/usr/bin/env node
// The Debian packages the tests need, installed when missing (as `npx playwright install-deps` does):
// as root with apt-get; otherwise the one command to run is printed and the caller exits non-zero.
// Packages already installed (dpkg -s) are never passed to apt, so a prepared machine needs no apt at all.
//
//   node scripts/system-deps.mjs           # check, install when root, exit 1 if something is missing
//   node scripts/system-deps.mjs --check   # check only: print the command, exit 1 if something is missing
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** The packages `npm start` needs to build VS Code for the browser (code-server) when no desktop VS Code is found. */
export const CODE_SERVER_PACKAGES = ['libkrb5-dev', 'python3', 'make', 'g++', 'ripgrep'];

/** Each package with the reason it is needed; the suites and scripts named here break without it. */
export const DEBIAN_PACKAGES = [
  ['chromium', 'headless browser for the integration suites and the dashboard browser tests'],
  ['libkrb5-dev', "headers for code-server's kerberos module (scripts/setup-vscode.mjs)"],
  ['python3', 'node-gyp builds code-server\'s native modules'],
  ['make', 'node-gyp'],
  ['g++', 'node-gyp'],
  ['ripgrep', "search in files inside the test VS Code (copied into code-server's @vscode/ripgrep)"],
  ['python3-recurring-ical-events', 'reference expansion for the calendar tests (test/unit/calendar/reference.test.ts)'],
  ['zsh', 'terminal shell-integration suites'],
  ['fish', 'terminal shell-integration suites'],
  ['tmux', 'terminal multiplexer suites'],
  ['neovim', 'editor-outside-VS-Code suites'],
];

/** True when dpkg knows the package as installed. */
function installed(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && /install ok installed/.test(result.stdout);
}

export function missingPackages(packages = DEBIAN_PACKAGES.map(([name]) => name)) {
  return packages.filter((name) => !installed(name));
}

export function installCommand(missing) {
  return `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
}

/**
 * Makes sure every package is present. Returns true when nothing is missing (afterwards).
 * Not Debian (no dpkg): says so and returns true, the tests will tell what is absent.
 */
export function ensureSystemPackages({ checkOnly = false, only, say = (line) => console.log(`[system-deps] ${line}`) } = {}) {
  const wanted = DEBIAN_PACKAGES.filter(([name]) => !only || only.includes(name));
  if (spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) {
    say('no dpkg here (not Debian/Ubuntu): install the equivalents of these yourself: '
      + wanted.map(([name]) => name).join(', '));
    return true;
  }
  const missing = missingPackages(wanted.map(([name]) => name));
  if (!missing.length) return true;
  for (const [name, why] of wanted.filter(([n]) => missing.includes(n))) say(`missing ${name}: ${why}`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (checkOnly || !isRoot) {
    say('run this once, then run the command again:');
    console.log(`\n  ${installCommand(missing)}\n`);
    return false;
  }
  say(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const opts = { stdio: ['ignore', 'inherit', 'inherit'], env };
  const update = spawnSync('apt-get', ['update', '-q'], opts);
  const install = update.status === 0
    && spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], opts).status === 0;
  const stillMissing = missingPackages(missing);
  if (!install || stillMissing.length) {
    say(`apt-get could not install: ${stillMissing.join(' ') || missing.join(' ')}`);
    return false;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(ensureSystemPackages({ checkOnly: process.argv.includes('--check') }) ? 0 : 1);
}
