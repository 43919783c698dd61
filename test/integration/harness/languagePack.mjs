// Makes code-server start in another display language: links the local language pack fixture
// (test/fixtures/language-pack-<locale>) into the extensions folder and writes the user-data folder's
// languagepacks.json, which VS Code's server reads at start-up to pick its translations. Without that
// entry `--locale de` silently gives English. Used by scripts/integration.mjs when CRAFT_TIME_LOCALE is set.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function languagePackFolder(locale) {
  return path.join(root, 'test', 'fixtures', `language-pack-${locale}`);
}

/** Installs the fixture pack for `locale`; returns the code-server arguments that select it. */
export function installLanguagePack(locale, { userDataDir, extensionsDir }) {
  const folder = languagePackFolder(locale);
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const link = path.join(extensionsDir, `${id}-${manifest.version}`);
  if (!fs.existsSync(link)) fs.symlinkSync(folder, link, 'dir');
  const localization = manifest.contributes.localizations.find((l) => l.languageId === locale);
  const translations = Object.fromEntries(localization.translations.map((t) => [t.id, path.join(link, t.path)]));
  // The same hash VS Code's LanguagePacksCache computes (md5 of id + version), so its own rewrite of
  // the file on the first extension scan changes nothing.
  const hash = crypto.createHash('md5').update(id).update(manifest.version).digest('hex');
  const file = path.join(userDataDir, 'languagepacks.json');
  const packs = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  packs[locale] = {
    hash,
    extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
    translations,
    label: localization.localizedLanguageName ?? localization.languageName,
  };
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(packs, null, 2)}\n`);
  return ['--locale', locale];
}
