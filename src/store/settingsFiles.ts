// Where the CLI finds the user's settings (docs/settings.md "Where the CLI reads settings"): VS Code's user
// settings.json of each build present, JSON with comments, read safely. The values are resolved by the one
// settings model (core/settings.ts), so the CLI judges with the same role, floors, zone and idle rule as
// the extension.
import * as path from 'node:path';
// The ESM build: the default (UMD) entry's require() calls cannot be followed by a bundler.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { readFileSafe, SafeReadError } from './safeRead';

/** VS Code builds whose user settings are read, in this order (the first that sets a key wins). */
export const VSCODE_BUILDS = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor'] as const;

const MAX_SETTINGS_BYTES = 8 * 1024 * 1024;

/**
 * The user settings.json of each VS Code build, in the documented order. Only the environment given is
 * used (no fallback to the process's home), so tests and tools stay hermetic.
 */
export function vscodeSettingsFiles(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): string[] {
  const home = env.HOME ?? env.USERPROFILE;
  let base: string | undefined;
  if (platform === 'win32') base = env.APPDATA ?? (home ? path.join(home, 'AppData', 'Roaming') : undefined);
  else if (platform === 'darwin') base = home ? path.join(home, 'Library', 'Application Support') : undefined;
  else base = env.XDG_CONFIG_HOME ?? (home ? path.join(home, '.config') : undefined);
  if (!base) return [];
  return VSCODE_BUILDS.map((b) => path.join(base, b, 'User', 'settings.json'));
}

export interface SettingsFile {
  readonly file: string;
  /** The `craftTime.*` keys found (with the prefix), values as written. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Why the file could not be used (it is then skipped). */
  readonly problem?: string;
}

/** Reads one settings.json (JSON with comments and trailing commas). A missing file is undefined. */
export async function readSettingsFile(file: string): Promise<SettingsFile | undefined> {
  let text: string;
  try {
    text = (await readFileSafe(file, { maxBytes: MAX_SETTINGS_BYTES })).toString('utf8');
  } catch (error) {
    if (error instanceof SafeReadError && error.code === 'ENOENT') return undefined;
    return { file, values: {}, problem: `${file}: ${error instanceof SafeReadError ? error.reason : (error as Error).message}` };
  }
  const errors: ParseError[] = [];
  const json: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || json === null || typeof json !== 'object' || Array.isArray(json)) {
    const why = errors.length ? `${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}` : 'not a JSON object';
    return { file, values: {}, problem: `${file} is not valid settings JSON (${why}); its values are ignored.` };
  }
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    if (k.startsWith('craftTime.')) values[k] = v;
    // A nested object form ("craftTime": { "role": ... }) is not VS Code's, but cheap to accept.
    else if (k === 'craftTime' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [sub, sv] of Object.entries(v as Record<string, unknown>)) values[`craftTime.${sub}`] = sv;
    }
  }
  return { file, values };
}
