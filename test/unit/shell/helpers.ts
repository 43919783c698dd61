// Real shells in tmux with the hook installed (issue 11 proof). Each session gets a private tmux socket
// and a clean environment (no VSCODE_* or TERM_PROGRAM from wherever the tests run).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '../../..');

export function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Builds the CLI into `dir` (esbuild, as npm run build does) and returns the path of cli.js. */
export async function buildCli(dir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const out = path.join(dir, 'cli.js');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', banner: { js: '#!/usr/bin/env node' }, logLevel: 'silent',
  });
  return out;
}

export function cleanEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', LANG: 'C.UTF-8', SHELL: '/bin/sh', ...extra };
}

export class Tmux {
  constructor(readonly socket: string, private readonly env: Record<string, string>) {}

  private tmux(...args: string[]) {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { env: this.env, encoding: 'utf8' });
  }

  start(command: string, cwd: string): void {
    this.tmux('new-session', '-d', '-s', 'main', '-x', '160', '-y', '40', '-c', cwd, command);
  }

  /** Types a line and Enter, as a person would. */
  type(line: string): void {
    if (line) this.tmux('send-keys', '-t', 'main', '-l', line);
    this.tmux('send-keys', '-t', 'main', 'Enter');
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

export async function waitFor<T>(probe: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every line of every .jsonl file under the data folder's activity/. */
export function activityLines(dataDir: string): string[] {
  const root = path.join(dataDir, 'activity');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => fs.readFileSync(path.join(root, f), 'utf8').split('\n').filter(Boolean));
}
