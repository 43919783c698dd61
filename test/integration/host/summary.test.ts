// Inside the extension host: "Generate Monthly Summary" with every prompt answered by its argument writes the
// file (issue 5). Last month's activity is seeded in the documented format (docs/data-format.md) under its
// own source id and removed afterwards; the summary's hands-on hours are derived by hand from the seed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface CraftTimeApi {
  dataDir: string;
}

const SOURCE = 'seed-summary';
const HOSTILE = '<img src=x onerror=alert(1)>';
const SECRET = 'acme-secret-client';
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// Days of last month (local, this machine's zone = the extension host's) and their runs in minutes:
// a coding run at 09:00 (typescript, workspace SECRET) and a reading run at 14:00 (markdown, workspace
// HOSTILE), hours apart so each counts exactly its length.
//   3rd: 120 + 75 = 195   4th: 90 + 60 = 150   10th: 150 + 45 = 195   11th: 60 + 30 = 90
//   month: 195 + 150 + 195 + 90 = 630 min = 10.5 h
const SEED: readonly [day: number, morning: number, afternoon: number][] = [[3, 120, 75], [4, 90, 60], [10, 150, 45], [11, 60, 30]];
const EXPECTED_HOURS = '10.5 h';

const now = new Date();
const lastMonthStart = new Date(now.getFullYear(), now.getMonth() - 1, 1);
const month = `${lastMonthStart.getFullYear()}-${String(lastMonthStart.getMonth() + 1).padStart(2, '0')}`;
const monthTitle = `${MONTH_NAMES[lastMonthStart.getMonth()]} ${lastMonthStart.getFullYear()}`;

async function api(): Promise<CraftTimeApi> {
  const ext = vscode.extensions.getExtension<CraftTimeApi>('craft-time.craft-time');
  assert.ok(ext, 'extension not found');
  return ext.activate();
}

/** Writes the seed: one file per UTC month in which a span starts. Returns the files written. */
function writeSeed(dataDir: string): string[] {
  const byMonth = new Map<string, string[]>();
  for (const [day, morning, afternoon] of SEED) {
    for (const [hour, minutes, cat, lang, ws] of [[9, morning, 'c', 1, 1], [14, afternoon, 'r', 2, 2]] as const) {
      const start = new Date(lastMonthStart.getFullYear(), lastMonthStart.getMonth(), day, hour).getTime();
      const fileMonth = new Date(start).toISOString().slice(0, 7);
      if (!byMonth.has(fileMonth)) byMonth.set(fileMonth, []);
      byMonth.get(fileMonth)!.push(JSON.stringify([Math.floor(start / 1000), minutes * 60, cat, lang, ws]));
    }
  }
  const files: string[] = [];
  for (const [fileMonth, lines] of byMonth) {
    const file = path.join(dataDir, 'activity', fileMonth, `${SOURCE}.jsonl`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, [
      JSON.stringify({ schema: 1, kind: 'craft-time/activity', source: SOURCE }),
      JSON.stringify({ lang: 1, id: 'typescript' }),
      JSON.stringify({ lang: 2, id: 'markdown' }),
      JSON.stringify({ ws: 1, id: 'a1b2c3d4e5f6', name: SECRET }),
      JSON.stringify({ ws: 2, id: 'abcdef012345', name: HOSTILE }),
      ...lines,
      '',
    ].join('\n'));
    files.push(file);
  }
  return files;
}

/** Closes the untitled previews the command opened (reverted: no "save?" prompt), then every editor. */
async function closePreviews(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isUntitled)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

async function generate(format: 'md' | 'html', saveTo: string): Promise<string> {
  const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('craftTime.generateSummary', { month, format, includeWorkspaces: false, saveTo });
  assert.ok(result, 'the command resolved to no file');
  assert.equal(result.fsPath, saveTo);
  assert.ok(fs.existsSync(saveTo), `${saveTo} was not written`);
  const content = fs.readFileSync(saveTo, 'utf8');
  // The engineer saw exactly this before it was saved: an untitled preview with the same text.
  assert.ok(vscode.workspace.textDocuments.some((d) => d.isUntitled && d.getText() === content), 'no preview showed the saved content');
  return content;
}

function setSummaryLanguage(value: 'en' | 'display' | undefined): Thenable<void> {
  return vscode.workspace.getConfiguration('craftTime').update('summary.language', value, vscode.ConfigurationTarget.Global);
}

suite('monthly summary command writes the file', function () {
  this.timeout(180_000);
  let tmp: string;
  let seeded: string[] = [];

  suiteSetup(async () => {
    const { dataDir } = await api();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-time-summary-'));
    seeded = writeSeed(dataDir);
    // The English expectations below hold in any display language: craftTime.summary.language forces English.
    await setSummaryLanguage('en');
  });

  suiteTeardown(async () => {
    await setSummaryLanguage(undefined);
    for (const file of seeded) fs.rmSync(file, { force: true });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    await closePreviews().catch(() => undefined);
  });

  teardown(async () => {
    await closePreviews().catch(() => undefined);
  });

  test(`Markdown: month, hand-derived hands-on hours (${EXPECTED_HOURS}), no workspace names`, async () => {
    const file = path.join(tmp, `summary-${month}.md`);
    const md = await generate('md', file);
    assert.ok(md.startsWith(`# Craft Time: ${monthTitle}\n`), `title line: ${JSON.stringify(md.split('\n')[0])}`);
    assert.match(md, new RegExp(`^\\| Hands-on \\| \\*\\*${EXPECTED_HOURS.replace('.', '\\.')}\\*\\* \\|`, 'm'), 'the headline row does not show the seeded hands-on hours');
    assert.ok(md.includes(`**${EXPECTED_HOURS} hands-on over`), 'the overview sentence does not show the seeded hands-on hours');
    assert.ok(!md.includes(SECRET) && !md.includes('onerror') && !md.includes('<img'), 'a workspace name leaked into the Markdown');
    assert.ok(!/\*\*Workspaces:\*\*/.test(md), 'the Markdown lists workspaces although they were not asked for');
    assert.ok(md.includes('no workspace names'), 'the footer does not say workspace names were left out');
  });

  test(`the display language (${vscode.env.language}) words the Markdown unless craftTime.summary.language is "en"`, async () => {
    await setSummaryLanguage('display');
    try {
      const md = await generate('md', path.join(tmp, `summary-${month}-display.md`));
      if (vscode.env.language.startsWith('de')) {
        // German by the bundle and Intl: "<Monat> <Jahr>" title, "10,5 Std." with a decimal comma.
        const germanTitle = new Intl.DateTimeFormat('de', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(lastMonthStart.getFullYear(), lastMonthStart.getMonth(), 15));
        assert.ok(md.startsWith(`# Craft Time: ${germanTitle}\n`), `title line: ${JSON.stringify(md.split('\n')[0])}`);
        assert.ok(md.includes('\n## Überblick\n') && md.includes('\n## Vorschläge\n'), 'German headings missing');
        assert.ok(md.includes('**10,5 Std. Hands-on an'), 'the overview sentence is not German with 10,5 Std.');
      } else {
        assert.ok(md.startsWith(`# Craft Time: ${monthTitle}\n`), `title line: ${JSON.stringify(md.split('\n')[0])}`);
        assert.ok(md.includes(`**${EXPECTED_HOURS} hands-on over`));
      }
    } finally {
      await setSummaryLanguage('en');
    }
  });

  test(`HTML: one self-contained file with the month and ${EXPECTED_HOURS}, no scripts, no remote URLs, no workspace names`, async () => {
    const file = path.join(tmp, `summary-${month}.html`);
    const html = await generate('html', file);
    assert.match(html, /^<!doctype html>/i);
    assert.ok(html.includes(monthTitle), `the HTML does not name ${monthTitle}`);
    assert.ok(html.includes(EXPECTED_HOURS), `the HTML does not show ${EXPECTED_HOURS}`);
    assert.ok(!/<script/i.test(html), 'the HTML has a <script>');
    assert.ok(!/https?:\/\//i.test(html), `the HTML names a URL: ${html.match(/.{0,40}https?:\/\/.{0,40}/i)?.[0]}`);
    assert.ok(!/<link\b|<iframe\b|<object\b|<embed\b|@import|url\(/i.test(html), 'the HTML loads another resource');
    for (const m of html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]*)/gi)) assert.ok(/^(#|data:)/.test(m[1]), `the HTML refers to ${m[1]}`);
    assert.ok(!html.includes(SECRET) && !html.includes('onerror') && !/<img\b/i.test(html), 'a workspace name leaked into the HTML');
  });
});
