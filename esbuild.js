// Bundles the extension, the CLI and the dashboard webview. `--production` minifies; `--watch` rebuilds.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// windows-iana's `main` picks its development or production CommonJS build at run time by NODE_ENV,
// so a bundle would carry both (155 KB); its ES module build is the same code, once.
const alias = { 'windows-iana': 'windows-iana/dist/windows-iana.esm.js' };
const common = { bundle: true, minify: production, sourcemap: !production, sourcesContent: false, logLevel: 'warning', alias };

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js',
    platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', './calendar.js', './reports.js'] },
  // The monthly summary and team aggregate, loaded by src/host/lazyReports.ts on first use.
  { ...common, entryPoints: ['src/host/reports.ts'], outfile: 'dist/reports.js',
    platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', './calendar.js'] },
  // The calendar engine as a library (in-process use by tests and tools).
  { ...common, entryPoints: ['src/calendar/expand.ts'], outfile: 'dist/calendar.js',
    platform: 'node', format: 'cjs', target: 'node20' },
  // The worker thread that expands calendars for the extension (src/host/calendarEngine.ts starts it).
  { ...common, entryPoints: ['src/calendar/worker.ts'], outfile: 'dist/calendarWorker.js',
    platform: 'node', format: 'cjs', target: 'node20' },
  // The worker threads that open sealed team contributions (src/store/teamOpenPool.ts starts them).
  { ...common, entryPoints: ['src/store/teamOpenWorker.ts'], outfile: 'dist/teamOpenWorker.js',
    platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js',
    platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js',
    platform: 'browser', format: 'iife', target: 'es2022' },
].filter((t) => require('fs').existsSync(t.entryPoints[0]));

async function main() {
  const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map(async (c) => { await c.rebuild(); await c.dispose(); }));
}

main().catch((error) => { console.error(error); process.exit(1); });
