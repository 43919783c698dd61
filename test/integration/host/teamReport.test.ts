// Inside the extension host: *Team Report* builds the steward's report and words it through the view, in the
// display language (English here unless the run sets CRAFT_TIME_LOCALE=de). The team is made with the real
// CLI (`craft-time team init`) with this window's data folder as the steward's, so the report command opens
// it exactly as a steward's would. Every file the suite adds to the data folder is removed afterwards.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface CraftTimeApi {
  dataDir: string;
}

const EXTENSION_ID = 'craft-time.craft-time';
const MONTH = '2026-10';

/** Every file under `dir`, relative (none when it does not exist). */
function filesUnder(dir: string): Set<string> {
  if (!fs.existsSync(dir)) return new Set();
  return new Set((fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()));
}

suite('team report command', () => {
  let dataDir: string;
  let folder: string;
  let before: Set<string>;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<CraftTimeApi>(EXTENSION_ID);
    assert.ok(ext, 'extension not found');
    dataDir = (await ext.activate()).dataDir;
    before = filesUnder(path.join(dataDir, 'team'));
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-team-report-'));
    const cli = path.join(ext.extensionPath, 'dist', 'cli.js');
    // The extension host runs on Node in code-server; ELECTRON_RUN_AS_NODE covers an Electron build too.
    execFileSync(process.execPath, [cli, 'team', 'init', '--dir', folder, '--yes'], {
      env: { ...process.env, CRAFT_TIME_DATA_DIR: dataDir, ELECTRON_RUN_AS_NODE: '1' },
      stdio: 'pipe',
    });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const added = [...filesUnder(path.join(dataDir, 'team'))].filter((f) => !before.has(f));
    for (const f of added) fs.rmSync(path.join(dataDir, 'team', f), { force: true });
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('the report opens in the display language, aggregates only, with no member to show', async () => {
    const text = await vscode.commands.executeCommand<string | undefined>('craftTime.team.report', folder, MONTH);
    assert.ok(text, 'the command gave no report (see its error notification)');
    const german = vscode.env.language.startsWith('de');
    const lines = text.split('\n');
    if (german) {
      assert.equal(lines[0], '# Team-Handwerksbericht: Oktober 2026');
      assert.match(text, /(Personen haben|Person hat) für Oktober 2026 beigetragen\./);
      assert.match(text, /Keine Gruppe erreichte das Minimum von 5 Mitgliedern, daher werden keine Zahlen gezeigt\./);
      assert.match(text, /Differential Privacy: diskretes Laplace-Rauschen/);
    } else {
      assert.equal(lines[0], '# Team craft report: October 2026');
      assert.match(text, /(people|person) contributed for October 2026\./);
      assert.match(text, /No group reached the minimum of 5 members, so no numbers are shown\./);
      assert.match(text, /Differential privacy: discrete Laplace noise/);
    }
    // Nobody joined: no table, and nothing names a member.
    assert.doesNotMatch(text, /^\| /m);
  });
});
