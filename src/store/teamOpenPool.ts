// Opening sealed contributions on worker threads (dist/teamOpenWorker.js) and on the caller's thread at once:
// the report's cost is the per-file cryptography (about 0.35 ms a file), which parallelises. One worker per core
// but one, each kept busy; the caller's thread opens the batches no worker is free for, between reading and
// counting, so on 2 cores both cores open files. Without the bundled worker script (tests and benchmarks run the sources) or when a
// worker fails, files are opened on the caller's thread instead: the same function, the same results.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openSealed, type KeyPair, type OpenedContribution } from './teamCrypto';

export type OpenResult = OpenedContribution | { reason: string };

export interface OpenerSetup {
  readonly team: string;
  /** Report key fingerprint -> key pair. */
  readonly reportKeys: readonly (readonly [string, KeyPair])[];
  /** Rostered public key -> fingerprint. */
  readonly rostered: readonly (readonly [string, string])[];
}

export interface SealedOpener {
  /** Opens a batch of sealed texts; results in the same order. Never rejects. */
  open(texts: readonly string[]): Promise<OpenResult[]>;
  /** Batches that may be in flight at once (bounds the memory of texts waiting for a worker). */
  readonly parallel: number;
  close(): Promise<void>;
}

/** Batches a worker holds at once: the one it opens and one queued behind it. */
const QUEUED_PER_WORKER = 2;

/** Batches smaller than this, before any worker runs, are opened on the caller's thread. */
const MIN_BATCH_FOR_WORKERS = 64;

/** The bundled worker script next to the bundle that runs (dist/), when it exists. */
export const DEFAULT_OPEN_WORKER = path.join(__dirname, 'teamOpenWorker.js');

/** On the caller's thread. */
export function inProcessOpener(setup: OpenerSetup): SealedOpener {
  const keys = new Map(setup.reportKeys), rostered = new Map(setup.rostered);
  return {
    parallel: 1,
    open: async (texts) => texts.map((text) => openSealed(text, setup.team, keys, rostered)),
    close: async () => undefined,
  };
}

/**
 * `workers` threads running `script` (default: one per core but one, at most 3) plus the caller's thread, or
 * the in-process opener alone when the script is missing, `workers` is 0 or the machine has one core.
 */
export function createSealedOpener(setup: OpenerSetup, options: { workers?: number; script?: string } = {}): SealedOpener {
  const script = options.script ?? DEFAULT_OPEN_WORKER;
  // The caller's thread reads, parses and counts, and opens its share of batches: one worker per other core.
  // (Two workers beside the caller on 2 cores: a longer wall time, 12 % more CPU, 239 MB peak; docs/performance.md.)
  const count = options.workers ?? Math.min(3, (os.availableParallelism?.() ?? os.cpus().length) - 1);
  const fallback = inProcessOpener(setup);
  if (count < 1 || !fs.existsSync(script)) return fallback;
  const pending = new Map<number, { texts: readonly string[]; resolve: (r: OpenResult[]) => void }>();
  const owner = new Map<number, Worker>();
  let nextId = 1;
  /** Batches a worker holds now (sent, not yet answered). */
  const held = (worker: Worker) => {
    let n = 0;
    for (const w of owner.values()) if (w === worker) n++;
    return n;
  };
  const workers: Worker[] = [];
  // A worker that fails hands its batches back to the caller's thread: no file is lost or counted twice.
  const fail = (worker: Worker) => {
    const i = workers.indexOf(worker);
    if (i >= 0) workers.splice(i, 1);
    for (const [id, w] of owner) {
      if (w !== worker) continue;
      const job = pending.get(id)!;
      pending.delete(id);
      owner.delete(id);
      void fallback.open(job.texts).then(job.resolve);
    }
  };
  let started = false;
  const start = () => {
    started = true;
    for (let i = 0; i < count; i++) {
      try {
        workers.push(spawn());
      } catch {
        // A thread that cannot start: the others, or the caller's thread, open the files.
      }
    }
  };
  const spawn = () => {
    // Small heaps: a worker holds one batch of texts at a time (the report's peak memory stays under 250 MB);
    // one that runs out fails and its files are opened on the caller's thread.
    const worker = new Worker(script, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } });
    worker.on('message', (m: { id: number; results: OpenResult[] }) => {
      const job = pending.get(m.id);
      if (!job) return;
      pending.delete(m.id);
      owner.delete(m.id);
      job.resolve(m.results);
    });
    worker.on('error', () => fail(worker));
    worker.on('exit', () => fail(worker));
    return worker;
  };
  return {
    parallel: count * QUEUED_PER_WORKER + 1,
    open(texts) {
      // Threads start with the first full batch: a small team's report never pays for starting them.
      if (!started && texts.length >= MIN_BATCH_FOR_WORKERS) start();
      if (workers.length === 0) return fallback.open(texts);
      // Each worker keeps one batch queued behind the one it opens, so it never waits for the caller; the
      // caller opens the other batches itself, between reading and counting.
      const worker = workers.find((w) => held(w) < QUEUED_PER_WORKER);
      if (!worker) return fallback.open(texts);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { texts, resolve });
        owner.set(id, worker);
        worker.postMessage({ id, texts });
      });
    },
    async close() {
      const all = workers.splice(0);
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
