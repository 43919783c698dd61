// Which program wrote an activity file (format version 2 header `program`), from what the editor says
// about itself (vscode.env.appName and vscode.env.uriScheme). Pure: the host passes both strings in.

/** URI schemes of the VS Code builds we know, and the program name each one records. */
const BY_URI_SCHEME: Readonly<Record<string, string>> = {
  'vscode': 'vscode',
  'vscode-insiders': 'vscode-insiders',
  'vscode-exploration': 'vscode-insiders',
  'cursor': 'cursor',
  'vscodium': 'vscodium',
  'vscodium-insiders': 'vscodium',
  'windsurf': 'windsurf',
};

/**
 * The program name for a VS Code build: code-server says so in its app name (its URI scheme is that of
 * the VS Code it bundles); the others by their URI scheme; an unknown build by its scheme when that is a
 * valid name ([a-z0-9-]{1,32}), else 'vscode'.
 */
export function programName(appName: string, uriScheme: string): string {
  const app = appName.toLowerCase();
  if (app.includes('code-server')) return 'code-server';
  const scheme = uriScheme.toLowerCase();
  if (Object.hasOwn(BY_URI_SCHEME, scheme)) return BY_URI_SCHEME[scheme];
  if (app.includes('cursor')) return 'cursor';
  if (app.includes('windsurf')) return 'windsurf';
  if (app.includes('vscodium')) return 'vscodium';
  if (app.includes('insiders')) return 'vscode-insiders';
  return /^[a-z0-9-]{1,32}$/.test(scheme) ? scheme : 'vscode';
}
