// npm run bench: runs every bench/*.bench.ts in turn with tsx and prints their tables.
// Figures are printed, never asserted, so this exits 0 even when a bench fails (it says so).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benches = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).sort();
const extra = process.argv.slice(2);
const failed = [];
for (const file of benches) {
  console.log(`\n=== bench/${file}`);
  const r = spawnSync('npx', ['tsx', join('bench', file), ...extra], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) failed.push(`${file} (exit ${r.status ?? r.signal})`);
}
if (failed.length) console.log(`\nThese benchmarks did not finish: ${failed.join(', ')}`);
process.exit(0);
