// Where the data lives: the extension's global storage folder, shared by the CLI.
import * as os from 'node:os';
import * as path from 'node:path';

export const EXTENSION_ID = 'craft-time.craft-time';

/**
 * The VS Code global storage folder of the extension for the stable desktop build on this OS.
 * The CLI uses it when neither --data-dir nor CRAFT_TIME_DATA_DIR is given.
 */
export function defaultVsCodeDataDir(env: Readonly<Record<string, string | undefined>> = process.env, platform = process.platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  let userDir: string;
  if (platform === 'win32') userDir = path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Code', 'User');
  else if (platform === 'darwin') userDir = path.join(home, 'Library', 'Application Support', 'Code', 'User');
  else userDir = path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Code', 'User');
  return path.join(userDir, 'globalStorage', EXTENSION_ID);
}

/** --data-dir, else CRAFT_TIME_DATA_DIR, else the extension's own folder. */
export function resolveDataDir(option: string | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  if (option) return path.resolve(cwd, option);
  if (env.CRAFT_TIME_DATA_DIR) return path.resolve(cwd, env.CRAFT_TIME_DATA_DIR);
  return defaultVsCodeDataDir(env);
}
