import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { downloadCalendar, maskUrl, normalizeCalendarUrl } from '../../../src/calendar/download';

const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n';
const SECRET = 'private-7f3a9c2e1b';
let server: http.Server;
let base = '';
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    const url = req.url ?? '';
    if (url.startsWith(`/${SECRET}/basic.ics`)) {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/calendar', etag: '"v1"', 'last-modified': 'Sat, 21 Nov 2026 10:00:00 GMT' });
      res.end(ICS);
    } else if (url === '/redirect') {
      res.writeHead(302, { location: `/${SECRET}/basic.ics` });
      res.end();
    } else if (url === '/big') {
      res.writeHead(200, { 'content-type': 'text/calendar' }); // no length: the cap applies while reading
      const chunk = Buffer.alloc(64 * 1024, 65);
      let sent = 0;
      const pump = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (url === '/hang') {
      // Never answers.
    } else if (url.startsWith('/gone')) {
      res.writeHead(404);
      res.end('nope');
    } else {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('calendar subscription downloads', () => {
  test('a first download returns the text with its validators; the next request is conditional and unchanged', async () => {
    const first = await downloadCalendar(`${base}/${SECRET}/basic.ics`, { allowHttp: true });
    expect(first).toEqual({ status: 'ok', text: ICS, etag: '"v1"', lastModified: 'Sat, 21 Nov 2026 10:00:00 GMT' });
    const second = await downloadCalendar(`${base}/${SECRET}/basic.ics`, { allowHttp: true, etag: '"v1"', lastModified: 'Sat, 21 Nov 2026 10:00:00 GMT' });
    expect(second).toEqual({ status: 'notModified' });
    expect(seen.at(-1)?.['if-none-match']).toBe('"v1"');
    expect(seen.at(-1)?.['if-modified-since']).toBe('Sat, 21 Nov 2026 10:00:00 GMT');
  });

  test('redirects are followed', async () => {
    expect((await downloadCalendar(`${base}/redirect`, { allowHttp: true })).status).toBe('ok');
  });

  test('a body over the size cap is refused while reading', async () => {
    const r = await downloadCalendar(`${base}/big`, { allowHttp: true, maxBytes: 1024 * 1024 });
    expect(r.status).toBe('error');
    expect(r.status === 'error' && r.message).toMatch(/over the 1 MB limit/);
  });

  test('a server that never answers times out with a clear message', async () => {
    const r = await downloadCalendar(`${base}/hang`, { allowHttp: true, timeoutMs: 500 });
    expect(r).toEqual({ status: 'error', message: `127.0.0.1:${new URL(base).port} did not answer within 1 s.` });
  });

  test('HTTP errors and refused connections say what happened without the secret part of the address', async () => {
    const gone = await downloadCalendar(`${base}/gone?token=${SECRET}`, { allowHttp: true });
    const refused = await downloadCalendar(`http://127.0.0.1:1/${SECRET}/basic.ics`, { allowHttp: true });
    for (const r of [gone, refused]) {
      expect(r.status).toBe('error');
      expect(JSON.stringify(r)).not.toContain(SECRET);
    }
    expect(gone.status === 'error' && gone.message).toMatch(/HTTP 404.*add it again/);
  });

  test('plain http is refused unless a test allows it; webcal means https', async () => {
    const r = await downloadCalendar(`${base}/${SECRET}/basic.ics`);
    expect(r.status).toBe('error');
    expect(JSON.stringify(r)).not.toContain(SECRET);
    expect(normalizeCalendarUrl(`webcal://calendar.example/${SECRET}/basic.ics`)?.protocol).toBe('https:');
    expect(maskUrl(`https://calendar.example/calendar/ical/me%40example.com/${SECRET}/basic.ics`)).toBe('https://calendar.example/…');
    expect(normalizeCalendarUrl('ftp://x/y')).toBeUndefined();
  });
});
