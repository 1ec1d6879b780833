import { posix } from 'node:path';

/** Schemes a body may link to; anything else (javascript:, data:, file:, …) is refused. */
const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The folder below the content folder that local links must resolve into. */
export const ASSETS_DIR = 'assets';

/** What a URL in a body turned out to be. */
export type UrlMeaning = { kind: 'remote' } | { kind: 'fragment' } | { kind: 'asset'; path: string } | { kind: 'error'; message: string };

/**
 * Classifies a link or image URL. A local URL is resolved relative to the
 * advisory file (`file`, a path below the content folder) and must name an
 * existing file under `assets/`.
 */
export function interpretUrl(url: string, file: string, assets: ReadonlySet<string>): UrlMeaning {
  // An empty destination (`[text]()`) is valid CommonMark and points at the page itself.
  if (url === '' || url.startsWith('#')) return { kind: 'fragment' };
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/.exec(url)?.[1];
  if (scheme) {
    return ALLOWED_SCHEMES.has(scheme.toLowerCase())
      ? { kind: 'remote' }
      : { kind: 'error', message: `the URL scheme ${scheme} is not allowed; use https:, http: or mailto:` };
  }
  if (url.startsWith('//')) return { kind: 'error', message: `protocol-relative URL ${url}; write the scheme (https://)` };
  if (url.startsWith('/')) return { kind: 'error', message: `absolute path ${url}; write local files relative to the advisory file` };
  const withoutFragment = url.replace(/#.*$/, '');
  if (withoutFragment.includes('?')) return { kind: 'error', message: `local link ${url} has a query, which a static file cannot use` };
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutFragment);
  } catch {
    return { kind: 'error', message: `local link ${url} has invalid percent-encoding` };
  }
  const resolved = posix.normalize(posix.join(posix.dirname(file), decoded));
  if (!resolved.startsWith(`${ASSETS_DIR}/`)) {
    return { kind: 'error', message: `local link ${url} resolves to ${resolved}, outside ${ASSETS_DIR}/` };
  }
  if (!assets.has(resolved)) return { kind: 'error', message: `local link ${url} names ${resolved}, which does not exist` };
  return { kind: 'asset', path: resolved };
}
