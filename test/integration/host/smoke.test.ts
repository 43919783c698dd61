// Runs inside the extension host of a real VS Code (code-server) with the extension under development.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'craft-time.craft-time';

suite('smoke: the extension in a real VS Code', () => {
  test('is present under its publisher.name id', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
    assert.equal(extension.packageJSON.publisher, 'craft-time');
  });

  test('activates without error', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('registers its craftTime.* commands', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const ours = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('craftTime.'));
    assert.ok(ours.length > 0, 'no command starting with craftTime. is registered');
    const declared: string[] = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes?.commands ?? [])
      .map((c: { command: string }) => c.command);
    const missing = declared.filter((id) => !ours.includes(id));
    assert.deepEqual(missing, [], 'commands declared in package.json but not registered');
  });

  test('opens the fixture workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.match(folders[0].uri.path, /workspace/);
  });
});
