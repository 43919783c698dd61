// Where the data lives: one folder per user, outside every editor's storage, shared by every VS Code build,
// the CLI, the shell hook and other editors (docs/data-format.md "Where the folder is").
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const EXTENSION_ID = 'craft-time.craft-time';
export const DATA_DIR_NAME = 'craft-time';
/** Overrides the default folder for every program (after an explicit --data-dir or the editor setting). */
export const DATA_DIR_ENV = 'CRAFT_TIME_DATA_DIR';

type Env = Readonly<Record<string, string | undefined>>;

function homeOf(env: Env, platform: NodeJS.Platform): string {
  return (platform === 'win32' ? env.USERPROFILE ?? env.HOME : env.HOME) ?? os.homedir();
}

const pathFor = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

/**
 * The default data folder on this OS: `$XDG_DATA_HOME/craft-time` (XDG_DATA_HOME only when absolute, as the
 * XDG spec says; else ~/.local/share) on Linux and other Unixes, `~/Library/Application Support/craft-time`
 * on macOS, `%LOCALAPPDATA%\craft-time` on Windows (local, not roaming: activity is per machine).
 */
export function defaultDataDir(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const p = pathFor(platform);
  const home = homeOf(env, platform);
  if (platform === 'win32') return p.join(env.LOCALAPPDATA || p.join(home, 'AppData', 'Local'), DATA_DIR_NAME);
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', DATA_DIR_NAME);
  const xdg = env.XDG_DATA_HOME;
  return p.join(xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.local', 'share'), DATA_DIR_NAME);
}

/**
 * The data folder in use. First that is set: `explicit` (the CLI's --data-dir, or the editor's
 * `craftTime.dataFolder` setting), then CRAFT_TIME_DATA_DIR, then the default. Relative paths are taken
 * from `cwd`; a leading `~` is the home folder (settings are often written that way).
 */
export function resolveDataDir(explicit: string | undefined, env: Env, cwd: string, platform: NodeJS.Platform = process.platform): string {
  const p = pathFor(platform);
  const expand = (value: string) => {
    const home = homeOf(env, platform);
    const v = value === '~' ? home : /^~[\\/]/.test(value) ? p.join(home, value.slice(2)) : value;
    return p.resolve(cwd, v);
  };
  if (explicit && explicit.trim()) return expand(explicit.trim());
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv && fromEnv.trim()) return expand(fromEnv.trim());
  return defaultDataDir(env, platform);
}

/** Creates the folder (and parents) private to the user: 0700 for the folder itself. */
export async function ensureDataDir(dataDir: string): Promise<void> {
  await fs.promises.mkdir(dataDir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing folder's mode alone; tighten ours (never a parent's) when it is looser.
  const st = await fs.promises.stat(dataDir);
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) {
    await fs.promises.chmod(dataDir, st.mode & 0o700);
  }
}

/** The user-data folders of the VS Code builds whose old per-editor storage is migrated (migrate.ts). */
export const EDITOR_USER_DIRS = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'] as const;

/**
 * Every place an older Craft Time kept its data: `<user data>/User/globalStorage/craft-time.craft-time` for
 * each desktop build, plus code-server's (`~/.local/share/code-server`). Existing or not.
 */
export function legacyDataDirs(env: Env = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const p = pathFor(platform);
  const home = homeOf(env, platform);
  let configRoot: string;
  if (platform === 'win32') configRoot = env.APPDATA || p.join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') configRoot = p.join(home, 'Library', 'Application Support');
  else configRoot = env.XDG_CONFIG_HOME && p.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : p.join(home, '.config');
  const dirs = EDITOR_USER_DIRS.map((build) => p.join(configRoot, build, 'User', 'globalStorage', EXTENSION_ID));
  const xdgData = env.XDG_DATA_HOME && p.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : p.join(home, '.local', 'share');
  if (platform !== 'win32') dirs.push(p.join(xdgData, 'code-server', 'User', 'globalStorage', EXTENSION_ID));
  return dirs;
}
