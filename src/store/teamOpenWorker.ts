// A worker thread that opens sealed contributions (X25519, HKDF, AES-256-GCM, Ed25519 verify) for the
// steward's report, so the per-file cryptography runs on several cores. Bundled as dist/teamOpenWorker.js;
// started by src/store/teamOpenPool.ts. It holds the report keys only in this process's memory, reads no
// file and writes nothing: texts in, opened plaintexts or reasons out.
import { parentPort, workerData } from 'node:worker_threads';
import { openSealed, type KeyPair } from './teamCrypto';
import type { OpenerSetup } from './teamOpenPool';

const setup = workerData as OpenerSetup;
const keys = new Map<string, KeyPair>(setup.reportKeys);
const rostered = new Map<string, string>(setup.rostered);

parentPort?.on('message', (message: { id: number; texts: string[] }) => {
  parentPort!.postMessage({ id: message.id, results: message.texts.map((text) => openSealed(text, setup.team, keys, rostered)) });
});
