#!/usr/bin/env node
// `npm test`: the Debian packages the suites need (scripts/system-deps.mjs: installed with apt-get as
// root, otherwise the command to run is printed and the run fails), then ESLint over src and test (one
// test), unit tests (vitest) and the integration tests in a real VS Code (scripts/integration.mjs).
// The last line printed is exactly `N passed, N failed`, the sum of all stages.
// A stage that crashes or reports nothing counts as at least one failed test.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });

/** Runs a command with inherited stdout/stderr and also keeps its output to parse. */
function run(cmd, args, { env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    const forward = (stream, target) => stream.on('data', (chunk) => { output += chunk; target.write(chunk); });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    const stop = () => child.kill('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('error', (error) => { output += String(error); resolve({ code: 1, output }); });
    child.on('close', (code, signal) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve({ code: code ?? (signal ? 1 : 0), output });
    });
  });
}

function readJson(file, since) {
  try {
    if (fs.statSync(file).mtimeMs < since) return undefined; // left over from an earlier run
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Counts from the last `N passed, N failed` line of some output, if any. */
function countsFromLine(output) {
  const matches = [...output.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = matches.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

/** `eslint src test` as one test: passed when clean, failed on any error. */
async function lintStage() {
  console.log('\n=== lint (eslint src test) ===');
  const { code } = await run('npx', ['--no-install', 'eslint', 'src', 'test']);
  console.log(`lint: ${code === 0 ? 'clean' : `exit ${code}`}`);
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, code };
}

async function unitStage() {
  const started = Date.now();
  const jsonFile = path.join(resultsDir, 'vitest.json');
  console.log('\n=== unit tests (vitest) ===');
  const { code } = await run('npx', ['--no-install', 'vitest', 'run', '--passWithNoTests',
    '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`]);
  const json = readJson(jsonFile, started);
  let counts = json ? { passed: json.numPassedTests ?? 0, failed: json.numFailedTests ?? 0 } : { passed: 0, failed: 0 };
  // Files that failed to load (syntax error, failing import) have no test in the counts.
  const brokenFiles = json ? (json.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).length).length : 0;
  counts = { passed: counts.passed, failed: counts.failed + brokenFiles };
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // crashed, or failed outside any test
  console.log(`unit: ${counts.passed} passed, ${counts.failed} failed (exit ${code})`);
  return { ...counts, code };
}

async function integrationStage() {
  const started = Date.now();
  console.log('\n=== integration tests (real VS Code via code-server) ===');
  const { code, output } = await run(process.execPath, [path.join(root, 'scripts', 'integration.mjs')]);
  const json = readJson(path.join(resultsDir, 'integration.json'), started);
  let counts = json ? { passed: json.passed, failed: json.failed } : countsFromLine(output) ?? { passed: 0, failed: 0 };
  if (code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 };
  return { ...counts, code };
}

function writeSummary(passed, failed) {
  fs.writeFileSync(path.join(resultsDir, 'summary.txt'), `${passed} passed, ${failed} failed\n`);
  console.log(`${passed} passed, ${failed} failed`);
}

if (!ensureSystemPackages()) {
  writeSummary(0, 1);
  process.exit(1);
}
const stages = [];
stages.push(await lintStage());
stages.push(await unitStage());
stages.push(await integrationStage());
const passed = stages.reduce((sum, s) => sum + s.passed, 0);
const failed = stages.reduce((sum, s) => sum + s.failed, 0);
const exitCode = failed > 0 || stages.some((s) => s.code !== 0) ? 1 : 0;
console.log(`\nlint + unit + integration (exit ${exitCode}):`);
writeSummary(passed, failed);
process.exit(exitCode);
