// Inside the extension host: which events make heartbeats. Edits other extensions make to documents the
// user is not working in, and programmatic cursor moves, must not count; typing in the active editor must.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

interface CraftTimeApi {
  dataDir: string;
  flush(): Promise<void>;
  /** heartbeats: hands-on ones; assistedHeartbeats: edits tools made (issue 10). */
  stats(): { heartbeats: number; assistedHeartbeats: number; anomalies: number; pending: number; rules: Record<string, number> };
}

async function api(): Promise<CraftTimeApi> {
  const ext = vscode.extensions.getExtension<CraftTimeApi>('craft-time.craft-time');
  assert.ok(ext, 'extension not found');
  return ext.activate();
}

const settle = () => new Promise((r) => setTimeout(r, 300));
/** Longer than the origin classifier's hold (500 ms) for changes with no user input around them. */
const settleHeld = () => new Promise((r) => setTimeout(r, 900));

suite('tracking: what counts as a heartbeat', () => {
  test('an edit by another extension to a background document is not hands-on (it is assisted)', async () => {
    const ct = await api();
    const active = await vscode.workspace.openTextDocument({ content: 'active\n', language: 'plaintext' });
    await vscode.window.showTextDocument(active);
    const background = await vscode.workspace.openTextDocument({ content: 'background\n', language: 'typescript' });
    await settle();
    const before = ct.stats().heartbeats;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(background.uri, new vscode.Position(0, 0), '// inserted by another extension\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await settle();
    assert.equal(background.getText().startsWith('// inserted'), true, 'the edit was applied');
    assert.equal(ct.stats().heartbeats, before, 'a background edit produced a hands-on heartbeat');
  });

  test('a programmatic selection change does not count', async () => {
    const ct = await api();
    const doc = await vscode.workspace.openTextDocument({ content: 'line one\nline two\nline three\n', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(doc);
    await settle();
    const before = ct.stats().heartbeats;
    editor.selection = new vscode.Selection(2, 0, 2, 4);
    await settle();
    assert.equal(ct.stats().heartbeats, before, 'an extension moving the cursor produced a heartbeat');
  });

  test('a programmatic editor.edit() in the active editor, with no user input around it, is assisted', async () => {
    const ct = await api();
    const doc = await vscode.workspace.openTextDocument({ content: '', language: 'markdown' });
    const editor = await vscode.window.showTextDocument(doc);
    await settleHeld();
    const before = ct.stats();
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'hello from a tool'));
    await settleHeld();
    const after = ct.stats();
    assert.equal(after.heartbeats, before.heartbeats, 'the tool\'s edit produced a hands-on heartbeat');
    assert.equal(after.assistedHeartbeats, before.assistedHeartbeats + 1, 'the tool\'s edit was not assisted');
  });

  test('a WorkspaceEdit of a 5-line block into the active document is assisted; the caret move it causes is not reading', async () => {
    const ct = await api();
    const doc = await vscode.workspace.openTextDocument({ content: 'first line\n', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await settleHeld();
    const before = ct.stats();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(1, 0), 'one\ntwo\nthree\nfour\nfive\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await settleHeld();
    const after = ct.stats();
    assert.equal(after.heartbeats, before.heartbeats, 'hands-on heartbeats from a tool\'s edit');
    assert.equal(after.assistedHeartbeats, before.assistedHeartbeats + 1);
  });

  test('a chat-style apply to three documents at once is assisted in each', async () => {
    const ct = await api();
    const docs = await Promise.all([0, 1, 2].map((i) => vscode.workspace.openTextDocument({ content: `file ${i}\n`, language: 'typescript' })));
    await vscode.window.showTextDocument(docs[0]);
    await settleHeld();
    const before = ct.stats();
    const edit = new vscode.WorkspaceEdit();
    for (const d of docs) edit.insert(d.uri, new vscode.Position(0, 0), '// applied from chat\n// second line\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await settleHeld();
    const after = ct.stats();
    assert.equal(after.heartbeats, before.heartbeats);
    assert.equal(after.assistedHeartbeats, before.assistedHeartbeats + 3);
  });

  test('Mark as My Own Work writes a correction record beside the data, never touching the activity files', async () => {
    const ct = await api();
    const file = vscode.Uri.file(`${ct.dataDir}/corrections.json`);
    const from = Date.UTC(2026, 0, 5, 9), to = Date.UTC(2026, 0, 5, 11);
    await vscode.commands.executeCommand('craftTime.markOwnWork', { from, to });
    const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as { schema: number; kind: string; ranges: { from: number; to: number; at: number }[] };
    assert.equal(written.schema, 1);
    assert.equal(written.kind, 'craft-time/corrections');
    const last = written.ranges[written.ranges.length - 1];
    assert.deepEqual([last.from, last.to], [from, to]);
    assert.ok(last.at > to, 'the record says when the user corrected it');
  });

  test('output channels are not work', async () => {
    const ct = await api();
    const channel = vscode.window.createOutputChannel('craft-time-probe');
    channel.show(true);
    await settle();
    const before = ct.stats().heartbeats;
    for (let i = 0; i < 20; i++) channel.appendLine(`log line ${i}`);
    await settle();
    channel.dispose();
    assert.equal(ct.stats().heartbeats, before, 'output channel lines produced heartbeats');
  });

  test('flushing writes this window\'s own file under the global storage folder', async () => {
    const ct = await api();
    const doc = await vscode.workspace.openTextDocument({ content: '', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'x'));
    await ct.flush();
    assert.equal(ct.stats().pending, 0, 'spans still pending after flush');
    const month = new Date().toISOString().slice(0, 7);
    const files = await vscode.workspace.fs.readDirectory(vscode.Uri.file(`${ct.dataDir}/activity/${month}`));
    assert.ok(files.some(([name]) => name.startsWith('w-') && name.endsWith('.jsonl')), `no window file in ${files.map((f) => f[0]).join(', ')}`);
  });
});
