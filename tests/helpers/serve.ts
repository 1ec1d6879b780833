import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.asc': 'text/plain',
  '.pem': 'text/plain',
};

/** A bundle served on localhost: the server's origin, and the URL the bundle is served at (origin and mount path). */
export interface Served {
  url: string;
  base: string;
  close: () => Promise<void>;
}

/**
 * Serves a built bundle on localhost the way a static host would (directory
 * URLs to index.html), at the path `at` (`/`, `/partner/`): anything outside
 * that path is a 404, as it would be on a host that serves only this bundle there.
 * Folders below `.well-known/csaf/` are listed, as CSAF 2.0 requirement 14 asks
 * the host to (a static bundle cannot list itself); other folders without an
 * `index.html` are a 404.
 */
export async function serve(root: string, at = '/'): Promise<Served> {
  const mount = at.endsWith('/') ? at : `${at}/`;
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!`${pathname}/`.startsWith(mount)) {
      response.writeHead(404).end('not found');
      return;
    }
    const inside = normalize(`/${pathname.slice(mount.length)}`);
    let file = join(root, inside);
    try {
      if (statSync(file).isDirectory() && inside.startsWith('/.well-known/csaf/') && !existsSync(join(file, 'index.html'))) {
        const names = readdirSync(file, { withFileTypes: true }).map((entry) => `${entry.name}${entry.isDirectory() ? '/' : ''}`);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(`<!doctype html><title>${inside}</title><ul>${names.map((name) => `<li><a href="${name}">${name}</a></li>`).join('')}</ul>`);
        return;
      }
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return { url, base: `${url}${mount}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
