// A real bash, zsh and fish in tmux with `craft-time shell-hook` installed: 20 commands make heartbeats in
// the shared data folder, no command text is stored, `craft-time days` counts them, the pause and exclusion
// markers are respected, and VS Code's integrated terminal stays silent.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { activityLines, buildCli, cleanEnv, has, Tmux, waitFor } from './helpers';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
const ready = has('tmux') && has('git');
let tmp: string, cli: string, repo: string;

beforeAll(async () => {
  if (!ready) return;
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'craft-shell-')));
  cli = await buildCli(tmp);
  repo = path.join(tmp, 'work', 'demo-repo');
  fs.mkdirSync(path.join(repo, 'sub dir'), { recursive: true });
  execFileSync('git', ['init', '-q', repo]);
}, 60_000);
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Starts `shell` in tmux with the printed hook in its startup file; returns the session and its data folder. */
function startShell(shell: (typeof SHELLS)[number], name: string, env: Record<string, string> = {}) {
  const home = path.join(tmp, `home-${name}`);
  const data = path.join(tmp, `data-${name}`);
  fs.mkdirSync(home, { recursive: true });
  const snippet = execFileSync(process.execPath, [cli, 'shell-hook', shell, '--data-dir', data], { encoding: 'utf8' });
  const rc = path.join(home, `rc.${shell}`);
  fs.writeFileSync(rc, `${shell === 'fish' ? 'function fish_prompt; echo "READY> "; end' : "PS1='READY> '"}\n${snippet}`);
  let command: string;
  if (shell === 'bash') command = `bash --noprofile --rcfile ${rc} -i`;
  else if (shell === 'zsh') {
    fs.writeFileSync(path.join(home, '.zshrc'), `source ${rc}\n`);
    command = 'zsh -i';
  } else command = `fish --no-config -i -C 'source ${rc}'`;
  const tmux = new Tmux(`ct-${name}-${process.pid}`, cleanEnv(home, { ZDOTDIR: home, ...env }));
  tmux.start(command, repo);
  return { tmux, data };
}

const sha12 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

describe.skipIf(!ready)('shell hook in real shells', () => {
  for (const shell of SHELLS) {
    test.skipIf(!has(shell))(`${shell}: 20 commands -> heartbeats in the shared folder, no command text, counted by craft-time days`, async () => {
      const { tmux, data } = startShell(shell, shell);
      try {
        await waitFor(() => tmux.screen().includes('READY>'), 15_000, `${shell} prompt`);
        // 20 commands with text, arguments and paths that must never reach the files; one in a sub folder.
        const commands = Array.from({ length: 20 }, (_, i) => (i === 10 ? 'cd "sub dir"' : i === 19 ? 'sleep 2' : `echo SECRET-TOKEN-${i} /etc/passwd-${i} > /dev/null`));
        for (const c of commands) tmux.type(c);
        // Each command gives one line at its start and one at its end.
        const lines = await waitFor(() => { const l = activityLines(data); return l.length >= 40 && l; }, 30_000, `${shell} heartbeats (have ${activityLines(data).length})`);
        await new Promise((r) => setTimeout(r, 300));
        expect(activityLines(data)).toHaveLength(40);
        const files = fs.readdirSync(path.join(data, 'activity'), { recursive: true }).map(String).filter((f) => f.endsWith('.jsonl'));
        expect(files.map((f) => path.basename(f))).toEqual(['terminal.jsonl']);
        // No command text, argument or path: only the time, category, program, repository id and folder name.
        const raw = fs.readFileSync(path.join(data, 'activity', files[0]), 'utf8');
        for (const secret of ['SECRET', 'echo', 'passwd', 'sleep', 'sub dir', tmp]) expect(raw).not.toContain(secret);
        const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
        for (const p of parsed) expect(Object.keys(p).sort()).toEqual(['beat', 'cat', 'name', 'program', 'ws']);
        // The same id the extension gives the folder: SHA-256 of its real path (the git top-level, also from a sub folder).
        expect(new Set(parsed.map((p) => p.ws))).toEqual(new Set([sha12(repo)]));
        expect(new Set(parsed.map((p) => `${p.cat}/${p.program}/${p.name}`))).toEqual(new Set(['b/terminal/demo-repo']));
        if (process.platform !== 'win32') expect(fs.statSync(path.join(data, 'activity', files[0])).mode & 0o777).toBe(0o600);
        // craft-time days counts them: the beats are at most 60 s apart (one run), so hands-on = last - first.
        const beats = parsed.map((p) => p.beat as number);
        const expected = Math.round(((Math.max(...beats) - Math.min(...beats)) * 1000) / 600) / 100;
        expect(expected).toBeGreaterThanOrEqual(2 / 60 - 0.01); // `sleep 2` alone spans two seconds
        const day = new Date(Math.min(...beats) * 1000).toISOString().slice(0, 10);
        const out = JSON.parse(execFileSync(process.execPath, [cli, 'days', '--from', day, '--to', day, '--tz', 'UTC', '--json', '--data-dir', data], { encoding: 'utf8' }));
        expect(out.days[0].handsOnMinutes).toBe(expected);
        expect(out.days[0].byCategory.building).toBe(expected);
      } finally {
        tmux.kill();
      }
    }, 60_000);
  }

  test.skipIf(!has('bash'))('pause and exclusion markers: nothing is written while they say so', async () => {
    const { tmux, data } = startShell('bash', 'markers');
    try {
      await waitFor(() => tmux.screen().includes('READY>'), 15_000, 'bash prompt');
      tmux.type('true');
      await waitFor(() => activityLines(data).length === 2, 10_000, 'first heartbeats');
      fs.mkdirSync(path.join(data, 'state', 'excluded'), { recursive: true });
      fs.writeFileSync(path.join(data, 'state', 'paused'), '');
      tmux.type('true');
      tmux.type('rm "$__ct_dir/state/paused"'); // its start is still paused; its end is not
      await waitFor(() => activityLines(data).length === 3, 10_000, 'the end of the un-pausing command');
      fs.writeFileSync(path.join(data, 'state', 'excluded', sha12(repo)), '');
      tmux.type('true');
      tmux.type('cd /'); // start in the excluded repo: nothing; end outside any repo: a beat with no workspace
      await waitFor(() => activityLines(data).length === 4, 10_000, 'a beat outside the excluded repository');
      const last = JSON.parse(activityLines(data)[3]);
      expect(last.ws).toBe('');
      expect(last.name).toBeUndefined();
    } finally {
      tmux.kill();
    }
  }, 60_000);

  test.skipIf(!has('bash'))('the integrated terminal of a VS Code build stays silent (its extension already counts it)', async () => {
    // VS Code (and code-server, Cursor, VSCodium, Windsurf) set TERM_PROGRAM=vscode and VSCODE_IPC_HOOK_CLI in
    // their terminals; tmux replaces TERM_PROGRAM with its own name, so this session carries the second.
    const { tmux, data } = startShell('bash', 'vscode', { VSCODE_IPC_HOOK_CLI: '/tmp/vscode-ipc-test.sock' });
    try {
      await waitFor(() => tmux.screen().includes('READY>'), 15_000, 'bash prompt');
      tmux.type('echo done-$((6*7))');
      await waitFor(() => tmux.screen().includes('done-42'), 10_000, 'the command to run');
      await new Promise((r) => setTimeout(r, 300));
      expect(activityLines(data)).toEqual([]);
    } finally {
      tmux.kill();
    }
  }, 60_000);
});
