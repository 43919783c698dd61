// Entry of dist/calendarWorker.js: expands calendars on a worker thread, so a hostile or huge feed
// never blocks the extension host's thread (every extension of the window runs there). One job at a
// time; the budget's wall time is checked here cooperatively, and the host terminates the thread when a
// single step outlives it (see workerClient.ts).
import { parentPort } from 'node:worker_threads';
import { expandIcs, expandIcsBytes, type ExpandOptions } from './expand';
import { packResult, type WorkerJob, type WorkerReply } from './workerProtocol';

parentPort?.on('message', (job: WorkerJob) => {
  const options: ExpandOptions = job.options;
  const result = typeof job.input === 'string' ? expandIcs(job.input, options) : expandIcsBytes(job.input, options);
  const reply: WorkerReply = { id: job.id, result: packResult(result) };
  parentPort?.postMessage(reply);
});
