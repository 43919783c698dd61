// The dashboard webview's HTML shell (no vscode import, so tests can load the same page in Chromium).
// Strict CSP: nothing but our own stylesheet and the nonce'd bundle; no inline styles or scripts. The
// translations travel as an escaped data attribute (text, never markup or script).

export interface DashboardHtmlOptions {
  /** webview.cspSource (in tests: 'file:'). */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
  /** The display language ('en' when absent) and its translations, read by the webview before it builds the page. */
  readonly locale?: string;
  readonly bundle?: Readonly<Record<string, string>>;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');

export function dashboardCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource}; script-src 'nonce-${nonce}'; font-src ${cspSource}`;
}

export function dashboardHtml(o: DashboardHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="${attr(o.locale ?? 'en')}" data-locale="${attr(o.locale ?? 'en')}" data-l10n="${attr(JSON.stringify(o.bundle ?? {}))}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(dashboardCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(o.styleUri)}">
<title>Craft Time</title>
</head>
<body>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}
