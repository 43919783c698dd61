// Marker files that mirror the tracking controls (state/controls.json) for processes too cheap to parse
// JSON: the shell hook tests them with `[ -e ... ]` before every line it appends (docs/terminal.md).
//   state/paused               exists while tracking is paused, or while the controls cannot be read
//                              (fail closed: when we cannot tell, nothing is recorded)
//   state/excluded/<id>        one empty file per excluded workspace id
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { WORKSPACE_ID_PATTERN } from './beatLine';
import type { Controls } from './controls';

export function pausedMarker(dataDir: string): string {
  return path.join(dataDir, 'state', 'paused');
}

export function excludedMarkerDir(dataDir: string): string {
  return path.join(dataDir, 'state', 'excluded');
}

/**
 * Makes the markers say what `controls` says; `undefined` means the controls could not be read, which
 * pauses the hook until they can. Idempotent; several windows may run it at once (each step is atomic).
 */
export async function syncControlMarkers(dataDir: string, controls: Controls | undefined): Promise<void> {
  const paused = pausedMarker(dataDir);
  if (!controls || controls.paused) {
    const why = controls ? 'Tracking is paused (Craft Time: Resume Tracking).\n' : 'The tracking controls could not be read; recording stops until they can.\n';
    const current = await fs.promises.readFile(paused, 'utf8').catch(() => undefined);
    if (current !== why) await writeFileAtomic(paused, why, { mkdir: true });
  } else {
    await fs.promises.rm(paused, { force: true });
  }
  if (!controls) return;
  const dir = excludedMarkerDir(dataDir);
  const wanted = new Set(controls.excludedWorkspaces.map((w) => w.id).filter((id) => WORKSPACE_ID_PATTERN.test(id)));
  const present = new Set(await fs.promises.readdir(dir).catch(() => [] as string[]));
  for (const id of wanted) if (!present.has(id)) await writeFileAtomic(path.join(dir, id), '', { mkdir: true });
  for (const name of present) if (WORKSPACE_ID_PATTERN.test(name) && !wanted.has(name)) await fs.promises.rm(path.join(dir, name), { force: true });
}

/** What a recorder outside the editor must respect: nothing is written while this says so. */
export function isRecordingBlocked(dataDir: string, workspaceId: string): 'paused' | 'excluded' | undefined {
  if (fs.existsSync(pausedMarker(dataDir))) return 'paused';
  if (workspaceId && fs.existsSync(path.join(excludedMarkerDir(dataDir), workspaceId))) return 'excluded';
  return undefined;
}
