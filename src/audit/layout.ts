/** What a bundle may contain, given what its view may see. */
export interface LayoutExpectation {
  /** Ids of the advisories the view sees. */
  advisories: ReadonlySet<string>;
  /** Their CSAF file names (lower case, by the CSAF naming rule). */
  csaf: ReadonlySet<string>;
  /** Assets its visible content refers to, as `assets/...` paths. */
  assets: ReadonlySet<string>;
  /** Ids of the content's advisories the view does not see: a link naming one is a finding wherever it points. */
  hidden: ReadonlySet<string>;
  /** Hosts (lower case, with any port) the project's bundles are served from: site, tiers and partners. */
  hosts: ReadonlySet<string>;
}

/** One way a bundle breaks its layout (docs/deployment.md#what-a-build-produces). */
export interface LayoutFinding {
  file: string;
  message: string;
}

const ID = '[A-Z][A-Z0-9]{1,15}-\\d{4}-\\d{4,7}';
// Pagefind's runtime sits in pagefind/ only; an index (the search is one per year, the newest in
// pagefind/ itself) in pagefind/ or pagefind/<year>/.
const PAGEFIND = new RegExp(
  '^pagefind/(' +
    [
      'pagefind(-component-ui|-modular-ui|-ui|-highlight|-worker)?\\.(js|css)',
      'wasm\\.[a-z-]+\\.pagefind',
      '(\\d{4}/)?(' +
        [
          'pagefind-entry\\.json',
          'pagefind\\.[a-z-]+_[0-9a-f]+\\.pf_meta',
          '(fragment|index|filter)/[a-z-]+_[0-9a-f]+\\.pf_(fragment|index|filter)',
        ].join('|') +
        ')',
    ].join('|') +
    ')$',
);

/** Files of the layout that do not depend on the content. */
const FIXED = new Set([
  'index.html',
  'advisories/index.html',
  'products/index.html',
  'search/index.html',
  'feed.xml',
  'feed.json',
  'robots.txt',
  'manifest.json',
  'manifest.json.sig',
  'signing-key.pub.pem',
]);

/** Named leftovers of the tools, reported by name so the cause is obvious. */
const FORBIDDEN: Array<[RegExp, string]> = [
  [/\.map$/, 'a source map'],
  [/\.mjs$/, 'a server or prerender chunk (.mjs)'],
  [/(^|\/)data-store\.json$/, "Astro's content store"],
  [/(^|\/)(\.astro|_astro|\.prerender)(\/|$)|\.astro$/, 'an Astro build artefact'],
  [/(^|\/)(pages|projection)\.json$/, 'a staging file'],
];

/**
 * Checks every path of a bundle against its layout
 * (docs/deployment.md#what-a-build-produces): default deny, so anything not
 * known to belong is a finding.
 */
export function checkLayout(files: readonly string[], expected: LayoutExpectation): LayoutFinding[] {
  const findings: LayoutFinding[] = [];
  // security.txt belongs to the public site: only a bundle whose CSAF folder is TLP:CLEAR's (white) may have it.
  const clear = files.includes('.well-known/csaf/white/index.txt');
  for (const file of files) {
    const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(file));
    if (forbidden) {
      findings.push({ file, message: `${forbidden[1]} must never be in a bundle` });
      continue;
    }
    if (FIXED.has(file) || PAGEFIND.test(file) || /^products\/[^/.][^/]*\/index\.html$/.test(file) || /^styles\/[\w.-]+\.css$/.test(file)) continue;
    const csaf = /^\.well-known\/csaf\/(white|green|amber|red)\/\d{4}\/([^/]+\.json)(\.sha256|\.sha512|\.sig|\.asc)?$/.exec(file);
    if (csaf) {
      if (!expected.csaf.has(csaf[2]!)) findings.push({ file, message: 'a CSAF document of an advisory this view may not see' });
      continue;
    }
    if (/^\.well-known\/csaf\/(provider-metadata\.json|service\.json|openpgp\/[0-9A-F]{40,}\.asc|(white|green|amber|red)\/(index\.txt|changes\.csv|csaf-feed-tlp-\2\.json|category-\2\.json))$/.test(file)) continue;
    if (file === '.well-known/security.txt') {
      if (!clear) findings.push({ file, message: 'a security.txt outside the public (TLP:CLEAR) bundle' });
      continue;
    }
    const osv = new RegExp(`^osv/(${ID})\\.json$`).exec(file);
    if (osv) {
      if (!expected.advisories.has(osv[1]!)) findings.push({ file, message: `an OSV record of ${osv[1]}, which this view may not see` });
      continue;
    }
    const page = new RegExp(`^advisories/(${ID})/index\\.html$`).exec(file);
    if (page) {
      if (!expected.advisories.has(page[1]!)) findings.push({ file, message: `a page for ${page[1]}, which this view may not see` });
      continue;
    }
    if (file.startsWith('assets/')) {
      if (!expected.assets.has(file)) findings.push({ file, message: 'an asset no content visible to this view refers to' });
      continue;
    }
    findings.push({ file, message: 'a file outside the bundle layout (see "What a build produces" in docs/deployment.md)' });
  }
  return findings;
}

/** A link to an advisory page, as a page writes it: the host, when the URL names one, and the advisory's id. */
export interface AdvisoryLink {
  host?: string;
  id: string;
}

/**
 * Every link in a page to an advisory page of the form ours have, in order,
 * however the link is written: below a base path (`/partner/advisories/X/`),
 * absolute (`https://security.contoso.example/advisories/X/`), with or
 * without the trailing `/` or `index.html`. Which of them a view may not
 * have is `judgeLinks`'s call: this part depends on the page alone.
 */
export function findLinks(html: string): AdvisoryLink[] {
  const links: AdvisoryLink[] = [];
  // Leftmost match first: a URL with a host is matched from its scheme or `//`, so the host is known.
  const link = new RegExp(`(?:(?:https?:)?\\/\\/([^/\\s"'<>\\\\]+)[^\\s"'<>]*?)?\\/advisories\\/(${ID})(?![0-9])`, 'g');
  for (const match of html.matchAll(link)) {
    const [, host, id] = match as unknown as [string, string | undefined, string];
    links.push(host === undefined ? { id } : { host, id });
  }
  return links;
}

/**
 * The links of a page (`findLinks`) to advisory pages the view may not see.
 * A link to another site's advisory page
 * (`https://rustsec.org/advisories/RUSTSEC-2023-0064.html`) is not one of
 * ours, unless it names an advisory of the content this view may not see.
 */
export function judgeLinks(file: string, links: readonly AdvisoryLink[], expected: LayoutExpectation): LayoutFinding[] {
  const findings: LayoutFinding[] = [];
  for (const { host, id } of links) {
    if (expected.advisories.has(id)) continue;
    const elsewhere = host !== undefined && !expected.hosts.has(host.toLowerCase());
    if (elsewhere && !expected.hidden.has(id)) continue;
    findings.push({ file, message: `a link to ${id}, which this view may not see` });
  }
  return findings;
}

/** Links in a page to advisory pages the view may not see, however the link is written (`findLinks`, then `judgeLinks`). */
export function checkLinks(file: string, html: string, expected: LayoutExpectation): LayoutFinding[] {
  return judgeLinks(file, findLinks(html), expected);
}
