// The German translation is complete and has nothing left over: every message the code passes to
// vscode.l10n.t or a Localizer has an entry with the same placeholders, every entry is still used, and
// package.nls.de.json covers exactly the keys of package.nls.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { messagesIn, placeholders } from './messages';

const root = path.resolve(__dirname, '..', '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
const messages = messagesIn(path.join(root, 'src'));
const german = readJson('l10n/bundle.l10n.de.json');

describe('l10n/bundle.l10n.de.json', () => {
  test('the code has messages to translate (the scan finds the calls)', () => {
    // Spot checks from three layers: a host notification, a status-bar line, the webview.
    expect(messages.has('Craft Time: tracking resumed.')).toBe(true);
    expect(messages.has('Time zone {0}')).toBe(true);
    expect(messages.has('Craft ratio')).toBe(true);
  });

  test('every message has a German entry with the same placeholders', () => {
    const missing = [...messages.keys()].filter((m) => typeof german[m] !== 'string' || (german[m] as string).trim() === '');
    expect(missing).toEqual([]);
    const mismatched = [...messages.keys()].filter((m) => placeholders(m).join() !== placeholders(german[m] as string).join());
    expect(mismatched).toEqual([]);
  });

  test('no orphan entries', () => {
    expect(Object.keys(german).filter((k) => !messages.has(k))).toEqual([]);
  });

  test('package.json points VS Code at the bundles', () => {
    expect(readJson('package.json').l10n).toBe('./l10n');
  });
});

describe('package.nls', () => {
  const english = readJson('package.nls.json');
  const de = readJson('package.nls.de.json');

  test('package.nls.de.json has exactly the keys of package.nls.json', () => {
    expect(Object.keys(english).filter((k) => !(k in de))).toEqual([]);
    expect(Object.keys(de).filter((k) => !(k in english))).toEqual([]);
  });

  test('every %key% in package.json has an English text', () => {
    const text = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = [...text.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !(k in english))).toEqual([]);
  });
});
