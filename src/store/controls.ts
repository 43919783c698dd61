// Machine-wide tracking controls (pause, excluded workspaces), shared by every window through one small
// file: state/controls.json. Written atomically; a damaged file reads as defaults and is reported.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';

export interface Controls {
  readonly schema: 1;
  readonly paused: boolean;
  /** Workspaces the user excluded: local id and the display name shown when listing them. */
  readonly excludedWorkspaces: readonly { readonly id: string; readonly name: string }[];
}

export const DEFAULT_CONTROLS: Controls = { schema: 1, paused: false, excludedWorkspaces: [] };

export function controlsFile(dataDir: string): string {
  return path.join(dataDir, 'state', 'controls.json');
}

export async function readControls(dataDir: string): Promise<{ controls: Controls; problem?: string }> {
  let text: string;
  try {
    text = await fs.promises.readFile(controlsFile(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { controls: DEFAULT_CONTROLS };
    return { controls: DEFAULT_CONTROLS, problem: `Could not read ${controlsFile(dataDir)}: ${(error as Error).message}` };
  }
  try {
    const v = JSON.parse(text) as Partial<Controls>;
    const excluded = Array.isArray(v.excludedWorkspaces)
      ? v.excludedWorkspaces.filter((w) => w && typeof w.id === 'string').map((w) => ({ id: w.id, name: typeof w.name === 'string' ? w.name : '' }))
      : [];
    return { controls: { schema: 1, paused: v.paused === true, excludedWorkspaces: excluded } };
  } catch {
    return { controls: DEFAULT_CONTROLS, problem: `${controlsFile(dataDir)} is damaged; tracking runs with default controls until it is saved again.` };
  }
}

export async function writeControls(dataDir: string, controls: Controls): Promise<void> {
  const file = controlsFile(dataDir);
  await writeFileAtomic(file, JSON.stringify(controls, null, 2) + '\n', { mkdir: true });
}
