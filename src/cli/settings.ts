// The CLI's settings: flags, then --settings FILE (or $CRAFT_TIME_SETTINGS), then the data folder's
// machine-wide settings.json, then the VS Code builds' settings.json files, then the defaults, resolved by the same model as the extension (core/settings.ts).
import * as path from 'node:path';
import { rawFromObject, resolveSettings, SETTING_KEYS, type SettingKey, type Settings } from '../core/settings';
import { readSettingsFile, vscodeSettingsFiles, type SettingsFile } from '../store/settingsFiles';
import { machineSettingsFile, readMachineSettings } from '../store/machineSettings';
import { systemTimeZone } from '../store/systemZone';
import { dataDirOf } from './options';
import { UsageError, type ParsedArgs } from './args';
import type { CliIo } from './io';

/** Where each effective value came from. */
export type SettingSource = { readonly kind: 'flag'; readonly flag: string } | { readonly kind: 'file'; readonly file: string } | { readonly kind: 'default' };

export interface CliSettings {
  readonly settings: Settings;
  readonly sources: Readonly<Record<SettingKey, SettingSource>>;
  /** Settings files that could not be used (one line each, for stderr). */
  readonly problems: readonly string[];
}

/** Overrides given as flags, keyed by setting (already checked by the command's own option parsing). */
export type FlagOverrides = Partial<Record<SettingKey, { value: unknown; flag: string }>>;

/** Reads the settings files in the documented order and applies flag overrides. */
export async function loadCliSettings(args: ParsedArgs, io: CliIo, flags: FlagOverrides = {}): Promise<CliSettings> {
  const explicit = args.values.settings ?? io.env.CRAFT_TIME_SETTINGS;
  const files: SettingsFile[] = [];
  const problems: string[] = [];
  if (explicit !== undefined) {
    const file = path.resolve(io.cwd, explicit);
    const read = await readSettingsFile(file);
    if (!read) throw new UsageError(`Settings file ${explicit} does not exist.`);
    if (read.problem) throw new UsageError(read.problem);
    files.push(read);
  }
  // The machine-wide file in the data folder: the settings that change numbers, for every build and the CLI.
  const machineFile = machineSettingsFile(dataDirOf(args, io));
  const machine = await readMachineSettings(dataDirOf(args, io));
  if (machine.problem) problems.push(machine.problem);
  if (Object.keys(machine.values).length > 0) {
    files.push({ file: machineFile, values: Object.fromEntries(Object.entries(machine.values).map(([k, v]) => [`craftTime.${k}`, v])) });
  }
  for (const file of vscodeSettingsFiles(io.env)) {
    const read = await readSettingsFile(file);
    if (!read) continue;
    if (read.problem) problems.push(read.problem);
    else files.push(read);
  }
  const sources = {} as Record<SettingKey, SettingSource>;
  const merged: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const flag = flags[key];
    if (flag !== undefined) {
      merged[key] = flag.value;
      sources[key] = { kind: 'flag', flag: flag.flag };
      continue;
    }
    const from = files.find((f) => Object.hasOwn(f.values, `craftTime.${key}`));
    if (from) {
      merged[key] = from.values[`craftTime.${key}`];
      sources[key] = { kind: 'file', file: from.file };
    } else sources[key] = { kind: 'default' };
  }
  const settings = resolveSettings(rawFromObject(merged), systemTimeZone());
  return { settings, sources, problems: [...problems, ...settings.problems] };
}
