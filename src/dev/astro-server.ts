import { createReadStream } from 'node:fs';
import { extname, join } from 'node:path';
import type { AstroIntegration } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import { PROJECT_ROOT } from '../pipeline/root.ts';
import { STAGE_ENV } from '../render/load.ts';
import { bundleBase } from '../render/urls.ts';

/** A running Astro dev server over one staging folder. */
export interface AstroPreview {
  /** Where the view's home page is served: `http://localhost:4321/partner/`. */
  url: string;
  port: number;
  /** Makes the pages read the staged page data again (when `pages`), and has every open browser reload. */
  reload(pages: boolean): Promise<void>;
  stop(): Promise<void>;
}

/** The module every page reads its data through; it keeps what it read, so a save makes it and its importers run again. */
const PAGE_DATA_MODULE = join(PROJECT_ROOT, 'src', 'render', 'load.ts');

const TYPES: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf', '.json': 'application/json',
};

/**
 * Starts Astro's dev server (the project's astro.config.mjs, from the
 * staging folder `stage`, served below `baseUrl`'s path, on `port` or the
 * next free one) with what the preview adds: a middleware that puts the
 * banner and content errors on every page, and `assets/` served from the
 * content folder, exactly the files `assets()` lists (those the view's
 * visible advisories refer to), as a build copies them.
 */
export async function startAstro(options: { stage: string; baseUrl: string; port: number; contentDir: string; assets: () => ReadonlySet<string> }): Promise<AstroPreview> {
  const base = bundleBase(options.baseUrl);
  process.env[STAGE_ENV] = options.stage;
  process.env.TIERPRESS_BASE_URL = base.url;
  // Astro keeps a NODE_ENV it finds set, and under `test` (or `production`) its pages get no live reload.
  process.env.NODE_ENV = 'development';
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  // No request to a package registry for a newer Astro: the version is pinned.
  process.env.ASTRO_DISABLE_UPDATE_CHECK = 'true';

  let vite: ViteDevServer | undefined;
  const plugin: Plugin = {
    name: 'tierpress-dev',
    configureServer(server) {
      vite = server;
      server.middlewares.use((request, response, next) => {
        // As the browser asked for it: Vite takes the base path off `url` before this runs.
        const path = pathOf((request as { originalUrl?: string }).originalUrl ?? request.url);
        const asset = path.startsWith(base.path) ? path.slice(base.path.length) : '';
        if (!asset.startsWith('assets/') || !options.assets().has(asset)) return next();
        response.setHeader('content-type', TYPES[extname(asset).toLowerCase()] ?? 'application/octet-stream');
        response.setHeader('cache-control', 'no-store');
        createReadStream(join(options.contentDir, asset)).on('error', () => next()).pipe(response);
      });
    },
  };
  const integration: AstroIntegration = {
    name: 'tierpress-dev',
    hooks: {
      'astro:config:setup': ({ addMiddleware }) => addMiddleware({ order: 'pre', entrypoint: new URL('./middleware.ts', import.meta.url) }),
    },
  };

  const { dev } = await import('astro');
  const server = await dev({
    root: PROJECT_ROOT,
    logLevel: 'warn',
    server: { port: options.port },
    integrations: [integration],
    vite: {
      plugins: [plugin],
      // Staging, caches and built bundles are no source of the site: watching them would only cost.
      server: { watch: { ignored: ['**/.tierpress/**', '**/dist/**'] } },
    },
  });
  if (!vite) throw new Error('the Astro dev server started without its Vite server');
  const viteServer = vite;
  return {
    url: `http://localhost:${server.address.port}${base.path}`,
    port: server.address.port,
    async reload(pages) {
      if (pages) {
        forgetPageData(viteServer);
        // Astro keeps each dynamic route's getStaticPaths() result (its pages' props) until told content changed; without
        // this, a browser's reload could race the re-run modules and be served the page as it was, and never reload again.
        for (const [name, environment] of Object.entries(viteServer.environments)) {
          if (name !== 'client') environment.hot.send({ type: 'custom', event: 'astro:content-changed', data: {} });
        }
      }
      viteServer.environments.client.hot.send({ type: 'full-reload', path: '*' });
    },
    stop: () => server.stop(),
  };
}

/** A request's path, decoded; malformed escapes give no path (and so no asset). */
function pathOf(url: string | undefined): string {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname);
  } catch {
    return '';
  }
}

/**
 * Has the page-data module and every module that imports it (pages,
 * layouts, components) run again on the next request, in each environment
 * that runs modules on the server: they read the staged data anew, and
 * Astro, seeing new page modules, asks them for their paths again.
 */
function forgetPageData(vite: ViteDevServer): void {
  for (const environment of Object.values(vite.environments)) {
    const modules = 'runner' in environment ? (environment as { runner: { evaluatedModules: EvaluatedModules } }).runner.evaluatedModules : undefined;
    if (!modules) continue;
    const queue = [...(modules.getModulesByFile(PAGE_DATA_MODULE) ?? [])];
    const seen = new Set<EvaluatedModule>();
    while (queue.length > 0) {
      const module = queue.pop()!;
      if (seen.has(module)) continue;
      seen.add(module);
      for (const id of module.importers) {
        const importer = modules.getModuleById(id);
        if (importer) queue.push(importer);
      }
    }
    for (const module of seen) modules.invalidateModule(module);
  }
}

/** What of Vite's module runner `forgetPageData` uses. */
interface EvaluatedModule {
  importers: Set<string>;
}
interface EvaluatedModules {
  getModulesByFile(file: string): Set<EvaluatedModule> | undefined;
  getModuleById(id: string): EvaluatedModule | undefined;
  invalidateModule(module: EvaluatedModule): void;
}
