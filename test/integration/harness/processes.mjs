// Child processes of the integration runner and the typing bench: a free port, a health check, and ending
// a server's whole tree (code-server starts extension hosts, watchers and browsers that make process groups
// of their own, so killing the group alone leaves some behind). Linux /proc; elsewhere only the group.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A TCP port nobody listens on right now (127.0.0.1). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when `url` answers 200 within 2 s. */
export function httpOk(url) {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => { response.resume(); resolve(response.statusCode === 200); });
    request.setTimeout(2000, () => { request.destroy(); resolve(false); });
    request.on('error', () => resolve(false));
  });
}

/** The command line of a live process ('' when it is gone). */
export function commandLine(pid) {
  try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '); } catch { return ''; }
}

/** Pids of every live descendant of `pid` (from /proc), deepest first. */
export function descendants(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  const found = [];
  const visit = (p) => { for (const c of children.get(p) ?? []) { visit(c); found.push(c); } };
  visit(pid);
  return found;
}

/** Kills a detached child's whole process group (the child and everything it started). */
export function killGroup(child, signal = 'SIGKILL') {
  if (!child?.pid) return;
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

/** Kills a child's whole tree: its process group and descendants that made groups of their own (chromium). */
export function killTree(child) {
  if (!child?.pid) return;
  let pids = [];
  try { pids = descendants(child.pid); } catch { /* no /proc */ }
  killGroup(child, 'SIGKILL');
  for (const pid of pids) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

export function groupAlive(child) {
  try { process.kill(-child.pid, 0); return true; } catch { return false; }
}

/** SIGKILLs what is left of the tree and waits (up to 5 s) until the kernel has reaped the group. */
export async function reapGroup(child) {
  killTree(child); // extension hosts, watchers and browsers that outlived their parent too
  for (let i = 0; i < 50 && child?.pid && groupAlive(child); i++) await sleep(100);
}
