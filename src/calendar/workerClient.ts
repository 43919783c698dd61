// Runs calendar expansion on one worker thread, one file at a time, and enforces the budget's wall
// time from outside: the worker checks it itself between steps, but a single step (one ical.js call)
// can outlive it, so a worker still busy past `wallMs + graceMs` is terminated and that file skipped.
// The caller's thread (the extension host) only ever waits on a promise. No vscode import: the host
// wires it in src/host/calendarEngine.ts; unit tests drive it directly.
import { Worker } from 'node:worker_threads';
import { budgetOf, reasons, skippedResult } from './budget';
import type { ExpandOptions, ExpandResult } from './expand';
import { unpackResult, type WorkerJob, type WorkerReply } from './workerProtocol';

export interface CalendarWorkerOptions {
  /** Path of the bundled worker script (dist/calendarWorker.js). */
  readonly script: string;
  /** Margin over the wall-time budget before the worker is terminated, ms (default 2,000). */
  readonly graceMs?: number;
  /** An idle worker is ended after this long, giving its memory back, ms (default 60,000). */
  readonly idleMs?: number;
  /** Heap limit of the worker, MB (default 2,048): a file that needs more is skipped, not the host. */
  readonly maxHeapMb?: number;
}

interface Pending {
  readonly job: WorkerJob;
  readonly wallMs: number;
  readonly resolve: (r: ExpandResult) => void;
}

export class CalendarWorker {
  private worker: Worker | undefined;
  private readonly queue: Pending[] = [];
  private running: Pending | undefined;
  private killTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private disposed = false;
  /** Workers started so far (a terminated one is replaced on the next job); for tests and the bench. */
  started = 0;

  constructor(private readonly options: CalendarWorkerOptions) {}

  /** Expands one file off this thread. Never rejects: failures come back as a result with one problem. */
  expand(input: string | Uint8Array, options: ExpandOptions): Promise<ExpandResult> {
    const { clock: _clock, ...sendable } = options;
    const wallMs = budgetOf(options.budget).wallMs;
    return new Promise((resolve) => {
      if (this.disposed) return resolve(skippedResult('the calendar reader was shut down'));
      this.queue.push({ job: { id: this.nextId++, input, options: sendable }, wallMs, resolve });
      this.pump();
    });
  }

  /** True while a file is being expanded. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Files being expanded or waiting (to spread files over several workers). */
  get load(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
    const waiting = [...this.queue, ...(this.running ? [this.running] : [])];
    this.queue.length = 0;
    this.running = undefined;
    for (const p of waiting) p.resolve(skippedResult('the calendar reader was shut down'));
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const next = this.queue.shift() as Pending;
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (error) {
      next.resolve(skippedResult(`the calendar reader could not start (${(error as Error).message})`));
      return this.pump();
    }
    this.running = next;
    worker.ref();
    this.killTimer = setTimeout(() => {
      // Still busy past the budget: this file is skipped; the next one gets a fresh worker.
      this.stop();
      this.finish(next, skippedResult(reasons.wallTime(budgetOf(next.job.options.budget))));
    }, next.wallMs + (this.options.graceMs ?? 2_000));
    worker.postMessage(next.job);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.script, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 2_048 },
      stdout: false,
      stderr: false,
    });
    this.started++;
    worker.on('message', (reply: WorkerReply) => {
      const p = this.running;
      if (!p || reply.id !== p.job.id) return;
      this.finish(p, unpackResult(reply.result));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const p = this.running;
      const why = error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `reading it needed more than ${this.options.maxHeapMb ?? 2_048} MB of memory`
        : `the calendar reader failed (${error.message})`;
      if (p) this.finish(p, skippedResult(why));
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const p = this.running;
      if (p) this.finish(p, skippedResult('the calendar reader stopped unexpectedly'));
    });
    this.worker = worker;
    return worker;
  }

  private finish(p: Pending, result: ExpandResult): void {
    if (this.running !== p) return;
    if (this.killTimer) clearTimeout(this.killTimer);
    this.killTimer = undefined;
    this.running = undefined;
    p.resolve(result);
    if (this.queue.length > 0) return this.pump();
    this.worker?.unref(); // an idle worker never keeps a process alive
    this.idleTimer = setTimeout(() => this.stop(), this.options.idleMs ?? 60_000);
    this.idleTimer.unref?.();
  }

  private stop(): void {
    if (this.killTimer) clearTimeout(this.killTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.killTimer = this.idleTimer = undefined;
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }
}
