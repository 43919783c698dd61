// Entry point that VS Code loads into the extension host when extensionTestsPath points here
// (the same contract as @vscode/test-electron): `run()` resolves when every suite passed.
// scripts/integration.mjs calls `runFiles()` for one suite at a time and reads `resultsFile`
// (one JSON object per line) to count the tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface RunOptions {
  /** Appends one JSON line per finished test: { title, state: 'passed' | 'failed', error? }. */
  readonly resultsFile?: string;
  /** Per-test timeout; suites wait for real UI, so this is generous. */
  readonly timeoutMs?: number;
}

export function run(): Promise<void> {
  const files = fs.readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(__dirname, name));
  return runFiles(files);
}

export function runFiles(files: readonly string[], options: RunOptions = {}): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: options.timeoutMs ?? 60_000, reporter: 'spec' });
  for (const file of files) mocha.addFile(file);
  const record = (entry: object): void => {
    if (options.resultsFile) fs.appendFileSync(options.resultsFile, `${JSON.stringify(entry)}\n`);
  };
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
      runner.on('pass', (test) => record({ title: test.fullTitle(), state: 'passed' }));
      runner.on('fail', (test, error: unknown) => record({
        title: test.fullTitle(),
        state: 'failed',
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }));
    } catch (error) {
      record({ title: 'loading the suite', state: 'failed', error: String(error) });
      reject(error);
    }
  });
}
