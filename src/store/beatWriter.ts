// Appends one beat line (FORMAT-V2.md) to activity/<YYYY-MM>/<program>.jsonl: one write() with O_APPEND, so
// any number of processes of one program share the file without locks (each line is far under PIPE_BUF).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTIVITY_DIR, monthFolder } from './activityStore';
import { encodeBeatLine, type Beat } from './beatLine';

export function beatFile(dataDir: string, program: string, epochSeconds: number): string {
  return path.join(dataDir, ACTIVITY_DIR, monthFolder(epochSeconds * 1000), `${program}.jsonl`);
}

/** Writes the beat; returns the file. Folders are created private (0700), the file 0600; never through a symlink. */
export function appendBeat(dataDir: string, beat: Beat): string {
  const file = beatFile(dataDir, beat.program, beat.time);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const flags = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);
  const fd = fs.openSync(file, flags, 0o600);
  try {
    if (!fs.fstatSync(fd).isFile()) throw new Error(`${file} is not a regular file`);
    fs.writeSync(fd, encodeBeatLine(beat) + '\n');
  } finally {
    fs.closeSync(fd);
  }
  return file;
}
