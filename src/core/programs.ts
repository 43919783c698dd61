// Which program recorded a piece of activity (FORMAT-V2.md "program"), and hands-on time broken down by it.
import type { Segment, Span } from './types';

/** Program names as stored: lower-case letters, digits and dashes, 1-32 characters. */
export const PROGRAM_PATTERN = /^[a-z0-9-]{1,32}$/;

/** Files and spans that name no program were written by VS Code before programs were recorded. */
export const DEFAULT_PROGRAM = 'vscode';

export function isProgramName(value: unknown): value is string {
  return typeof value === 'string' && PROGRAM_PATTERN.test(value);
}

/** The program of a span or segment, with the version-1 default. */
export function programOf(item: { readonly program?: string }): string {
  return item.program ?? DEFAULT_PROGRAM;
}

/** VS Code builds by their URI scheme (`vscode.env.uriScheme`, product.json's urlProtocol). */
const BUILD_BY_SCHEME: Readonly<Record<string, string>> = {
  vscode: 'vscode',
  'vscode-insiders': 'vscode-insiders',
  'vscode-exploration': 'vscode-insiders',
  vscodium: 'vscodium',
  'vscodium-insiders': 'vscodium',
  cursor: 'cursor',
  windsurf: 'windsurf',
};

/**
 * The program name of a VS Code build from `vscode.env.uriScheme` and `vscode.env.appName`. A known scheme
 * names its build; else code-server (whose app name is always "code-server", and whose scheme is the
 * generic `code-oss`); else the scheme, or the app name, folded into [a-z0-9-] (a fork we have never heard
 * of still gets a stable, readable name); else 'vscode'.
 */
export function editorProgram(uriScheme: string, appName: string): string {
  const scheme = uriScheme.toLowerCase();
  const known = Object.hasOwn(BUILD_BY_SCHEME, scheme) ? BUILD_BY_SCHEME[scheme] : undefined;
  // A build with a scheme of its own (Cursor, Insiders, a code-server copy renamed to one) says so first;
  // code-server keeps VS Code's generic scheme ('vscode' or 'code-oss') and names itself in its app name.
  if (known && known !== DEFAULT_PROGRAM) return known;
  const app = fold(appName);
  if (app === 'code-server') return 'code-server';
  return known ?? (fold(uriScheme) || app || DEFAULT_PROGRAM);
}

function fold(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32).replace(/-+$/, '');
}

/**
 * Hands-on milliseconds per program within [from, to) (segments are the machine-wide timeline, so they never
 * overlap and the parts add up to the day's hands-on time). Programs with no time are left out.
 */
export function handsOnByProgram(segments: readonly Segment[], from: number, to: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of segments) {
    const start = Math.max(s.start, from), end = Math.min(s.end, to);
    if (end <= start) continue;
    const p = programOf(s);
    out.set(p, (out.get(p) ?? 0) + (end - start));
  }
  return out;
}

/** `byProgram` of the JSON outputs: minutes per program, largest first, programs with no time left out. */
export function byProgramMinutes(totals: ReadonlyMap<string, number>, toMinutes: (ms: number) => number): Record<string, number> {
  const entries = [...totals].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(entries.map(([p, ms]) => [p, toMinutes(ms)]));
}

/**
 * Maps old workspace ids to new ones (FORMAT-V2.md "Workspace id": alias lines). Returns the same arrays when
 * there is nothing to map, so the common case costs one check.
 */
export function applyWorkspaceAliases(sources: Span[][], aliases: ReadonlyMap<string, string>): Span[][] {
  if (aliases.size === 0) return sources;
  return sources.map((list) => list.map((s) => {
    const to = aliases.get(s.workspaceId);
    return to === undefined ? s : { ...s, workspaceId: to };
  }));
}
