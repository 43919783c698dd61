// Suites that need a data folder without some of its files (warning records, calendar sources, logged
// meetings) move those files aside before they start and put them back after, so suites that share one
// server and data folder never see each other's state.
import fs from 'node:fs';
import path from 'node:path';

/** Moves each of `rels` (paths inside `dataDir`) into `backupDir`; returns the function that puts them back. */
export function moveAside(dataDir, backupDir, rels) {
  fs.rmSync(backupDir, { recursive: true, force: true });
  for (const rel of rels) {
    const from = path.join(dataDir, rel);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(backupDir, rel)), { recursive: true });
    fs.renameSync(from, path.join(backupDir, rel));
  }
  return function putBack() {
    for (const rel of rels) {
      const to = path.join(dataDir, rel);
      fs.rmSync(to, { recursive: true, force: true });
      const from = path.join(backupDir, rel);
      if (fs.existsSync(from)) {
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.renameSync(from, to);
      }
    }
    fs.rmSync(backupDir, { recursive: true, force: true });
  };
}
