/**
 * Where a bundle is served: every link, asset, script, feed and search
 * result of its pages goes through these, so a bundle served below a path
 * (`https://security.contoso.example/partner/`) links only inside itself.
 */
export interface BundleBase {
  /** The absolute URL the bundle is served at, ending in `/`. */
  url: string;
  /** Its path, ending in `/`: `/` for a bundle at the root of its host, `/partner/` below it. */
  path: string;
}

/** The base of a bundle served at `url` (absolute https, with or without a trailing `/`). */
export function bundleBase(url: string): BundleBase {
  const parsed = new URL(url);
  if (parsed.search || parsed.hash) throw new Error(`a bundle URL has no query or fragment: "${url}"`);
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return { url: parsed.href, path: parsed.pathname };
}

/** A file or folder of the bundle (`advisories/X/`, `/feed.xml`) as its pages link it: below the base path. */
export function sitePath(base: Pick<BundleBase, 'path'>, path: string): string {
  return `${base.path}${path.replace(/^\/+/, '')}`;
}

/** A file or folder of the bundle as an absolute URL: what feeds, exports and search engines are given. */
export function siteUrl(base: Pick<BundleBase, 'url'>, path: string): string {
  return `${base.url}${path.replace(/^\/+/, '')}`;
}
