// The machine-wide settings file (<data folder>/settings.json) seen from one build: its values win over
// this build's own settings for the keys that change numbers; a change the user makes here is written
// through; a change made elsewhere (another build, the CLI, an editor) is picked up and, for keys this
// build sets, copied into its settings; a real disagreement is asked once (docs/settings.md).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MACHINE_SETTING_KEYS, type MachineSettingKey } from '../core/machineSettings';
import { agreedValues, changesToWrite, disagreementId, planSync, resolveAsked, type MachineValues, type SyncPlan } from '../core/settingsSync';
import { writeFileAtomic } from '../store/atomicWrite';
import { MACHINE_SETTINGS_FILE, readMachineSettings, readMachineSettingsSync, updateMachineSettings } from '../store/machineSettings';
import { Disposable, toDisposable } from './lifecycle';
import type { ProblemReporter } from './problems';

const AGREED_KEY = 'craftTime.sharedSettings.agreed';
const PROBLEM_KEY = 'machine-settings';
const keepEditor = () => vscode.l10n.t("Keep this editor's values");
const useShared = () => vscode.l10n.t('Use the shared values');

/** This build's user (global) values of the machine-wide keys; unset keys are absent. */
function userValues(): Partial<Record<MachineSettingKey, unknown>> {
  const c = vscode.workspace.getConfiguration('craftTime');
  const out: Partial<Record<MachineSettingKey, unknown>> = {};
  for (const key of MACHINE_SETTING_KEYS) {
    const v = c.inspect(key)?.globalValue;
    if (v !== undefined) out[key] = v;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class SharedSettings extends Disposable {
  private file: MachineValues;
  private pending: MachineValues = {};
  private mine: MachineValues = userValues();
  /** One operation at a time: a write, a reload and a question never interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  private started = false;
  private readonly emitter = this._register(new vscode.EventEmitter<void>());
  /** The file's values changed (another build, the CLI, or this build's own write). */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly dataDir: string, private readonly problems: ProblemReporter) {
    super();
    const read = readMachineSettingsSync(dataDir);
    this.file = read.values;
    if (read.problem) problems.report(PROBLEM_KEY, read.problem);
    // What start() will write through (a setting changed or reset while this build was closed) applies
    // from the first render, so no surface shows the old shared value for the moment until then.
    else this.pending = planSync(this.file, this.mine, this.agreed).toFile;
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (MACHINE_SETTING_KEYS.some((k) => e.affectsConfiguration(`craftTime.${k}`))) this.enqueue(() => this.userChanged());
    }));
  }

  /** The file's good values (empty when it is missing or damaged: this build's settings apply then). */
  get values(): MachineValues {
    return Object.keys(this.pending).length ? { ...this.file, ...this.pending } : this.file;
  }

  /** After the data folder is ready: compare once, ask if needed, then follow the file's changes. */
  start(): Promise<void> {
    if (this.started) return Promise.resolve();
    this.started = true;
    this.watch();
    return this.enqueue(() => this.reload());
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work).catch((e: Error) => this.problems.report(PROBLEM_KEY, vscode.l10n.t('Could not sync the machine-wide settings: {0}', e.message)));
    this.queue = next;
    return next;
  }

  private watch(): void {
    let timer: NodeJS.Timeout | undefined;
    try {
      fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
      // The folder, not the file: an atomic write replaces the file, which a watch on the file would lose.
      const watcher = fs.watch(this.dataDir, { persistent: false }, (_event, name) => {
        if (name !== null && name.toString() !== MACHINE_SETTINGS_FILE) return;
        clearTimeout(timer);
        timer = setTimeout(() => void this.enqueue(() => this.reload()), 150);
      });
      watcher.on('error', () => watcher.close());
      this._register(toDisposable(() => {
        clearTimeout(timer);
        watcher.close();
      }));
    } catch (error) {
      this.problems.log().warn(`Machine-wide settings: not watching ${this.dataDir} (${(error as Error).message}); changes from elsewhere apply after a reload.`);
    }
  }

  private async reload(): Promise<void> {
    const read = await readMachineSettings(this.dataDir);
    this.pending = {}; // from now on the file itself says (reconcile writes what was pending)
    this.setFile(read.values);
    if (read.problem) {
      this.problems.report(PROBLEM_KEY, read.problem);
      return; // fail closed: nothing is written or copied while the file is damaged
    }
    this.problems.clear(PROBLEM_KEY);
    await this.reconcile();
  }

  private setFile(values: MachineValues): void {
    if (same(values, this.file)) return;
    this.file = values;
    this.emitter.fire();
  }

  private get agreed(): MachineValues {
    return this.context.globalState.get<MachineValues>(AGREED_KEY) ?? {};
  }

  /** Records what the file and this build agree on now (`this.mine` is left to userChanged, which diffs it). */
  private async remember(): Promise<void> {
    await this.context.globalState.update(AGREED_KEY, agreedValues(this.file, userValues()));
  }

  private async reconcile(): Promise<void> {
    const plan = planSync(this.file, userValues(), this.agreed);
    if (!(await this.apply(plan))) return;
    // Not awaited: an unanswered question must not hold up writes and reloads queued behind it.
    if (plan.ask.length) void this.ask(plan.ask, userValues()).catch((e: Error) => this.problems.report(PROBLEM_KEY, vscode.l10n.t('Could not ask about the machine-wide settings: {0}', e.message)));
    await this.remember();
  }

  /** Writes the file, then this build's settings. False when the file could not be written. */
  private async apply(plan: SyncPlan): Promise<boolean> {
    if (Object.keys(plan.toFile).length) {
      try {
        this.setFile(await updateMachineSettings(this.dataDir, plan.toFile));
        this.problems.clear(PROBLEM_KEY);
      } catch (error) {
        this.problems.report(PROBLEM_KEY, (error as Error).message);
        return false;
      }
    }
    const c = vscode.workspace.getConfiguration('craftTime');
    for (const [key, value] of Object.entries(plan.toBuild)) await c.update(key, value, vscode.ConfigurationTarget.Global);
    return true;
  }

  private async userChanged(): Promise<void> {
    const before = this.mine;
    this.mine = userValues();
    const changes = changesToWrite(before, this.mine, this.file);
    if (Object.keys(changes).length && !(await this.apply({ toFile: changes, toBuild: {}, ask: [] }))) return;
    await this.remember();
  }

  /**
   * Asks which values to keep, once per disagreement on this build: the first window to create the
   * question's marker asks; any other window, and any later start, sees the marker and does not.
   */
  private async ask(keys: readonly MachineSettingKey[], mine: MachineValues): Promise<void> {
    const id = disagreementId(keys, this.file, mine, this.agreed);
    const name = createHash('sha256').update(`${this.context.globalStorageUri.toString()}\n${id}`).digest('hex').slice(0, 24);
    const marker = path.join(this.dataDir, 'state', 'settings-questions', name);
    try {
      await writeFileAtomic(marker, `${JSON.stringify({ asked: new Date().toISOString() })}\n`, { exclusive: true, mkdir: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
      throw error;
    }
    const list = keys.map((k) => vscode.l10n.t('craftTime.{0}: {1} here, {2} shared', k, mine[k] === undefined ? vscode.l10n.t('the default') : JSON.stringify(mine[k]), JSON.stringify(this.file[k]))).join('; ');
    const keep = keepEditor();
    const picked = await vscode.window.showInformationMessage(
      vscode.l10n.t("Craft Time: this editor's settings differ from the machine-wide ones every editor and the command use ({0}). Which do you want to keep?", list),
      keep, useShared(),
    );
    // Dismissed: the shared values stay in force (they always win) and the question is not asked again.
    if (!picked) return;
    await this.enqueue(async () => {
      const fresh = await readMachineSettings(this.dataDir);
      if (fresh.problem) return this.problems.report(PROBLEM_KEY, fresh.problem);
      this.setFile(fresh.values);
      if (await this.apply(resolveAsked(picked === keep ? 'editor' : 'shared', keys, this.file, userValues(), this.agreed))) await this.remember();
    });
  }
}
