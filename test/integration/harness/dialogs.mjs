// Driving VS Code's own dialogs from the ui suites, as a person would: modal message boxes
// (vscode.window.show*Message with { modal: true }, drawn as `.monaco-dialog-box` in the browser),
// the simple file dialog (vscode.window.showOpenDialog in code-server: a quick input where a path is
// typed), and reading what an editor shows.
//
// Everything here waits for the UI to be ready and retries a click that did not take; the waits have
// generous limits (the machine is shared) and are never used to assert how fast something is.

const WAIT = 60_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Polls `probe` until it returns something truthy (returned); throws `message` (or the last error) after `timeout`. */
export async function waitUntil(probe, { timeout = WAIT, interval = 250, message = 'condition never held' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`${message} (waited ${timeout / 1000}s)${lastError ? `: ${lastError.message}` : ''}`);
    await sleep(interval);
  }
}

/** Locator of the visible modal dialog box (there is at most one). */
export function dialogBox(page) {
  return page.locator('.monaco-dialog-box').filter({ visible: true }).first();
}

/** Locator of a dialog button by its exact label. */
function dialogButton(page, label) {
  return dialogBox(page).locator('.dialog-buttons .monaco-button, .dialog-buttons [role="button"]')
    .filter({ hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }).first();
}

/**
 * Waits for a modal dialog that offers a button labelled `button` (when given) and returns what it says:
 * { message, detail, buttons } (detail '' when the dialog has none).
 */
export async function waitForDialog(page, { button, timeout = WAIT } = {}) {
  return waitUntil(async () => {
    const box = dialogBox(page);
    if (!(await box.isVisible())) return undefined;
    const buttons = (await box.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    if (button && !buttons.includes(button)) return undefined;
    // A dialog with a detail shows the message as a heading above it; one without shows the message
    // in the detail's place.
    const heading = box.locator('.dialog-message-text');
    const shown = (await box.locator('.dialog-message-detail').first().innerText().catch(() => '')).trim();
    if ((await heading.count()) === 0) return { message: shown, detail: '', buttons };
    return { message: (await heading.first().innerText()).trim(), detail: shown, buttons };
  }, { timeout, message: `no modal dialog${button ? ` with a "${button}" button` : ''} appeared` });
}

/**
 * Clicks the button labelled `label` of the modal dialog, waiting for it to appear, and retries until
 * that dialog has gone (a click can be lost while the dialog is still animating in).
 */
export async function clickDialogButton(page, label, { timeout = WAIT } = {}) {
  await waitForDialog(page, { button: label, timeout });
  const deadline = Date.now() + timeout;
  for (;;) {
    const button = dialogButton(page, label);
    if (!(await button.isVisible().catch(() => false))) return; // the dialog closed
    await button.click({ timeout: 5_000 }).catch(() => {});
    const gone = await button.waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false);
    if (gone) return;
    if (Date.now() > deadline) throw new Error(`the dialog's "${label}" button did not close it (waited ${timeout / 1000}s)`);
  }
}

const quickInput = (page) => page.locator('.quick-input-widget').filter({ visible: true }).first();
const quickInputBox = (page) => page.locator('.quick-input-widget .quick-input-box input').filter({ visible: true }).first();

/**
 * Answers VS Code's simple file dialog (showOpenDialog in a browser window) with an absolute folder path:
 * types the path with a trailing slash (the dialog then lists that folder), presses Enter, and falls back
 * to the dialog's OK button. Retries, re-typing the path, until the dialog has closed.
 * Returns the title the dialog showed.
 */
export async function chooseFolderInSimpleDialog(page, folder, { timeout = WAIT } = {}) {
  const target = folder.endsWith('/') ? folder : `${folder}/`;
  const input = quickInputBox(page);
  await input.waitFor({ state: 'visible', timeout });
  // The dialog first fills in its start folder; wait for that so our text is not overwritten.
  await waitUntil(async () => (await input.inputValue()).startsWith('/'), { timeout, message: 'the file dialog never showed a path' });
  const title = (await quickInput(page).locator('.quick-input-title').innerText().catch(() => '')).trim();
  const deadline = Date.now() + timeout;
  for (let attempt = 0; ; attempt++) {
    if (!(await input.isVisible().catch(() => false))) return title;
    if ((await input.inputValue().catch(() => '')) !== target) await input.fill(target);
    // The dialog lists the typed folder asynchronously (its progress bar shows meanwhile); Enter waits
    // for that on its own, but give it a moment so a retry does not race it.
    await sleep(750);
    if (attempt % 2 === 0) {
      await input.press('Enter').catch(() => {});
    } else {
      const ok = quickInput(page).locator('.quick-input-action .monaco-button, .quick-input-ok .monaco-button')
        .filter({ hasText: /^\s*OK\s*$/ }).first();
      await ok.click({ timeout: 5_000 }).catch(() => input.press('Enter').catch(() => {}));
    }
    const closed = await input.waitFor({ state: 'hidden', timeout: 10_000 }).then(() => true, () => false);
    if (closed) return title;
    const validation = (await quickInput(page).locator('.quick-input-message').innerText().catch(() => '')).trim();
    if (Date.now() > deadline) {
      throw new Error(`the file dialog did not accept ${target} (waited ${timeout / 1000}s; it shows ${JSON.stringify(await input.inputValue().catch(() => '?'))}${validation ? `, message ${JSON.stringify(validation)}` : ''})`);
    }
  }
}

/**
 * The text of the active editor, line by line as rendered (Monaco draws only the lines in view: make
 * the page tall enough for the whole document). Lines are ordered by their position, non-breaking
 * spaces are turned back into spaces, and lines are joined with '\n'.
 */
export async function activeEditorText(page) {
  const lines = page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines').first();
  await lines.waitFor({ state: 'attached', timeout: WAIT });
  return lines.evaluate((el) => [...el.querySelectorAll('.view-line')]
    .map((line) => ({ top: parseFloat(line.style.top) || 0, text: line.textContent ?? '' }))
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text.replace(/\u00a0/g, ' '))
    .join('\n'));
}
