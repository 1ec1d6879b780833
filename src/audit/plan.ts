import type { Nodes } from 'mdast';
import { buildFingerprints, type Fingerprints, type HiddenText } from '../core/fingerprint/fingerprints.ts';
import { hiddenTexts, visibleTexts } from '../core/fingerprint/texts.ts';
import type { Removal } from '../core/project/project.ts';
import type { ViewProjection } from '../core/project/summary.ts';
import type { Content } from '../core/validate/content.ts';
import type { AuditPlan } from './audit.ts';
import { csafFileName } from '../export/csaf/names.ts';
import { chromeTexts } from './chrome.ts';
import { Explainer } from './explain.ts';
import { derivedTexts, viewAtoms, type BuildFacts } from './vocabulary.ts';

const EMPTY: HiddenText[] = [];

/** A stable identity for what a removal took away, to compare removals of two views. */
function removalKey(removal: Removal): string | Nodes {
  if (removal.kind === 'gate') return removal.gate;
  return removal.kind === 'overlay' ? `${removal.id}:${removal.tier}` : removal.id;
}

/**
 * What a bundle is audited against: fingerprints of everything projection
 * withheld from its view (less the phrases of the reviewed allowlist), the
 * text that may explain a match (what the view sees and what the pipeline
 * derives from it), the layout it may have, and, when `lowest` is given
 * (the most trusted bundle of a build), fingerprints of what this view sees
 * that the lowest view does not, which the audit must find. `baseUrl` is
 * where the bundle is served, when not at its tier's URL (a partner's `url`);
 * `build`, the instant and OpenPGP key the bundle was built with, which it
 * prints as its own.
 */
export function auditPlan(content: Content, projection: ViewProjection, runtime: ReadonlyMap<string, string>, lowest?: ViewProjection, baseUrl?: string, build?: BuildFacts): AuditPlan {
  const { view } = projection;
  const chrome = chromeTexts({ site: content.site.site, publisher: content.site.publisher, tiers: content.site.tiers.slice(0, view.rank + 1) });
  const derived = derivedTexts(content.site, view, projection.advisories, baseUrl, build);
  const allow = content.auditAllow;
  const restricted = buildFingerprints(hiddenTexts(content.advisories, projection.removed), [...visibleTexts(projection.advisories), ...derived], { allowed: allow });
  const seen = new Set(projection.advisories.map((advisory) => advisory.id));
  return {
    runtime,
    restricted,
    entitled: lowest ? entitledFingerprints(content, projection, lowest, chrome) : buildFingerprints(EMPTY, []),
    expected: {
      advisories: seen,
      csaf: new Set(projection.advisories.map((advisory) => csafFileName(advisory.id))),
      assets: new Set(projection.advisories.flatMap((advisory) => advisory.assets)),
      hidden: new Set(content.advisories.map((advisory) => advisory.fields.id).filter((id) => !seen.has(id))),
      hosts: servedHosts(content, baseUrl),
    },
    explainer: new Explainer(restricted.dictionary, () => viewAtoms(projection.advisories, derived)),
    allowed: allow.filter((_entry, index) => restricted.allowedUsed.has(index)),
  };
}

/** Every host the project's bundles are served from: a link to any other host is not to one of our pages. */
function servedHosts(content: Content, baseUrl?: string): Set<string> {
  const urls = [content.site.site.url, ...content.site.tiers.map((tier) => tier.url), ...content.partners.partners.map((partner) => partner.url), baseUrl];
  return new Set(urls.filter((url): url is string => url !== undefined).map((url) => new URL(url).host.toLowerCase()));
}

/**
 * Fingerprints of what `projection` sees and `lowest` does not; when the two
 * views see the same, the view's own advisory texts, so the control never
 * runs empty while there is anything to find.
 */
function entitledFingerprints(content: Content, projection: ViewProjection, lowest: ViewProjection, chrome: string[]): Fingerprints {
  const withheldHere = new Set(projection.removed.map(removalKey));
  const entitled = lowest.removed.filter((removal) => !withheldHere.has(removalKey(removal)));
  if (entitled.length > 0) {
    return buildFingerprints(hiddenTexts(content.advisories, entitled), [...visibleTexts(lowest.advisories), ...chrome]);
  }
  const own = projection.advisories.map((advisory) => ({
    text: `${advisory.title} ${advisory.summary}`,
    source: { advisory: advisory.id, file: '', what: 'title and summary' },
  }));
  return buildFingerprints(own, chrome);
}
