// A real headless Neovim with the snippet from docs/other-editors.md adds heartbeats through craft-time beat.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { activityLines, buildCli, cleanEnv, has, ROOT, waitFor } from './helpers';

const ready = has('nvim') && has('git');
let tmp: string;
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});
beforeAll(() => {
  if (ready) tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'craft-nvim-')));
});

/** The ```lua block of docs/other-editors.md, exactly as a user copies it. */
function documentedSnippet(): string {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/other-editors.md'), 'utf8');
  const m = /```lua\n([\s\S]*?)```/.exec(doc);
  if (!m) throw new Error('no lua block in docs/other-editors.md');
  return m[1];
}

test.skipIf(!ready)('headless Neovim with the documented snippet records coding and reading heartbeats', async () => {
  const cli = await buildCli(tmp);
  const bin = path.join(tmp, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'craft-time'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`, { mode: 0o755 });
  const repo = path.join(tmp, 'plugin-repo');
  fs.mkdirSync(path.join(repo, 'lua'), { recursive: true });
  execFileSync('git', ['init', '-q', repo]);
  fs.writeFileSync(path.join(repo, 'lua', 'hello.lua'), 'return 1\n');
  const config = path.join(tmp, 'config', 'nvim');
  fs.mkdirSync(path.join(config, 'lua'), { recursive: true });
  fs.writeFileSync(path.join(config, 'lua', 'craft_time.lua'), documentedSnippet());
  fs.writeFileSync(path.join(config, 'init.lua'), "require('craft_time')\n");
  const data = path.join(tmp, 'data');
  const env = cleanEnv(tmp, { PATH: `${bin}:${process.env.PATH}`, XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_DATA_HOME: path.join(tmp, 'share'), XDG_STATE_HOME: path.join(tmp, 'state'), CRAFT_TIME_DATA_DIR: data });
  // Open a file (BufEnter: reading), then type into it from the main loop as keys arrive from a person
  // (TextChangedI/TextChanged: coding), and quit once the jobs had time to finish.
  const keys = 'lua vim.defer_fn(function() vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes("Glocal x = 2<Esc>", true, false, true), "t", false) end, 200)';
  execFileSync('nvim', ['--headless', '-i', 'NONE', path.join(repo, 'lua', 'hello.lua'), `+${keys}`, '+lua vim.defer_fn(function() vim.cmd("qa!") end, 3000)'],
    { env, cwd: tmp, timeout: 30_000, stdio: 'pipe' });
  const lines = await waitFor(() => { const l = activityLines(data); return l.length >= 2 && l; }, 10_000, 'Neovim heartbeats');
  const beats = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const ws = createHash('sha256').update(repo).digest('hex').slice(0, 12);
  expect(new Set(beats.map((b) => b.cat))).toEqual(new Set(['r', 'c']));
  for (const b of beats) expect(b).toMatchObject({ program: 'neovim', ws, name: 'plugin-repo', lang: 'lua' });
  expect(fs.readdirSync(path.join(data, 'activity'), { recursive: true }).map(String).filter((f) => f.endsWith('.jsonl')).map((f) => path.basename(f))).toEqual(['neovim.jsonl']);
  // Never a path or file name.
  expect(lines.join('\n')).not.toContain('hello.lua');
}, 60_000);
