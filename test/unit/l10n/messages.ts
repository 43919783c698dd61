// Finds every message literal given to vscode.l10n.t (host) or a Localizer's t (views, webview: always
// called as `l.t(...)`), so the German bundle can be checked against the code.
import * as fs from 'node:fs';
import * as path from 'node:path';

const CALL = /(?:\bl10n|\bl)\.t\(\s*(['"])((?:\\.|(?!\1)[^\\])*)\1/g;

function unescape(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e.startsWith('u') && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e.startsWith('x') && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
  });
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Message → the files using it. */
export function messagesIn(srcDir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of sourceFiles(srcDir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(CALL)) {
      const message = unescape(m[2]);
      out.set(message, [...(out.get(message) ?? []), path.relative(srcDir, file)]);
    }
  }
  return out;
}

/** The set of `{0}`-style placeholders in a message. */
export function placeholders(message: string): string[] {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();
}
