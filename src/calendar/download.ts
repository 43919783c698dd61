// Downloads a calendar subscription (https) with a conditional request, a timeout and a size cap.
// Subscription URLs are credentials: no message from here ever contains more of the URL than its host.
import * as http from 'node:http';
import * as https from 'node:https';

export interface DownloadOptions {
  readonly etag?: string;
  readonly lastModified?: string;
  /** Whole request, including the body (default 30 s). */
  readonly timeoutMs?: number;
  /** Largest body accepted (default 20 MB). */
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  /** Only for tests against a local server: allow plain http. */
  readonly allowHttp?: boolean;
}

export type DownloadResult =
  | { readonly status: 'ok'; readonly text: string; readonly etag?: string; readonly lastModified?: string }
  | { readonly status: 'notModified' }
  | { readonly status: 'error'; readonly message: string };

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** `webcal://` is how calendar apps spell an https subscription. */
export function normalizeCalendarUrl(raw: string): URL | undefined {
  let text = raw.trim();
  if (/^webcals?:\/\//i.test(text)) text = text.replace(/^webcals?:/i, 'https:');
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** What may be shown of a subscription URL: scheme and host, the rest hidden. */
export function maskUrl(raw: string): string {
  const url = normalizeCalendarUrl(raw);
  return url ? `${url.protocol}//${url.host}/…` : '(invalid address)';
}

export function downloadCalendar(rawUrl: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const url = normalizeCalendarUrl(rawUrl);
  if (!url) return Promise.resolve({ status: 'error', message: 'The address is not an https URL.' });
  if (url.protocol === 'http:' && !options.allowHttp) {
    return Promise.resolve({ status: 'error', message: `Refusing plain http for ${url.host}: calendar addresses are secrets; use https.` });
  }
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return get(url, options, deadline, options.maxRedirects ?? 5);
}

function get(url: URL, options: DownloadOptions, deadline: number, redirectsLeft: number): Promise<DownloadResult> {
  const host = url.host;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: DownloadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const headers: Record<string, string> = { 'user-agent': 'CraftTime-VSCode', accept: 'text/calendar, */*;q=0.5' };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.get(url, { headers }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304 && res.headers.location) {
        res.resume();
        if (redirectsLeft <= 0) return finish({ status: 'error', message: `Too many redirects from ${host}.` });
        let next: URL;
        try {
          next = new URL(res.headers.location, url);
        } catch {
          return finish({ status: 'error', message: `${host} redirected to an invalid address.` });
        }
        if (next.protocol !== 'https:' && !(options.allowHttp && next.protocol === 'http:')) {
          return finish({ status: 'error', message: `${host} redirected away from https; not followed.` });
        }
        void get(next, options, deadline, redirectsLeft - 1).then(finish);
        return;
      }
      if (status === 304) {
        res.resume();
        return finish({ status: 'notModified' });
      }
      if (status !== 200) {
        res.resume();
        const hint = status === 401 || status === 403 || status === 404 ? ' The address may have been reset or unpublished; add it again.' : '';
        return finish({ status: 'error', message: `${host} answered HTTP ${status}.${hint}` });
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > maxBytes) {
        res.destroy();
        return finish({ status: 'error', message: `The calendar from ${host} is ${mb(declared)}, over the ${mb(maxBytes)} limit.` });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          finish({ status: 'error', message: `The calendar from ${host} is over the ${mb(maxBytes)} limit.` });
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', () => finish({ status: 'error', message: `The connection to ${host} broke off.` }));
      res.on('end', () => {
        const etag = header(res.headers.etag), lastModified = header(res.headers['last-modified']);
        finish({ status: 'ok', text: Buffer.concat(chunks).toString('utf8'), etag, lastModified });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' ? 'could not be found (offline?)' : error.code === 'ECONNREFUSED' ? 'refused the connection' : `could not be reached (${error.code ?? 'network error'})`;
      finish({ status: 'error', message: `${host} ${why}.` });
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: 'error', message: `${host} did not answer within ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s.` });
    }, Math.max(0, deadline - Date.now()));
  });
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
