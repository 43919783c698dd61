// The walkthrough's pages are markdown files named through package.nls*.json, so each display language
// gets its own: every language names a file that exists, and the German pages are not the English ones.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const steps: { id: string; media: { markdown: string } }[] = manifest.contributes.walkthroughs.flatMap((w: { steps: unknown[] }) => w.steps);

describe('walkthrough pages per display language', () => {
  test('every step names its page through an nls key that English and German both fill with an existing file', () => {
    const english = read('package.nls.json');
    const german = read('package.nls.de.json');
    expect(steps.length).toBe(3);
    for (const step of steps) {
      const key = /^%(.+)%$/.exec(step.media.markdown)?.[1];
      expect(key, step.id).toBeDefined();
      for (const bundle of [english, german]) expect(fs.existsSync(path.join(ROOT, bundle[key!])), `${bundle[key!]}`).toBe(true);
      expect(german[key!]).not.toBe(english[key!]);
      // Same tables and lists, other words: the German page keeps the role table rows.
      const en = fs.readFileSync(path.join(ROOT, english[key!]), 'utf8');
      const de = fs.readFileSync(path.join(ROOT, german[key!]), 'utf8');
      expect(de.match(/^\|/gm)?.length ?? 0).toBe(en.match(/^\|/gm)?.length ?? 0);
      expect(de.split('\n')[0]).not.toBe(en.split('\n')[0]);
    }
  });
});
