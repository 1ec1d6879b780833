import type { Nodes } from 'mdast';
import { buildFingerprints, dropVisible, type FingerprintInput, type Fingerprints, type HiddenText } from '../core/fingerprint/fingerprints.ts';
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
  const parts = auditPlanParts(content, projection, runtime, lowest, baseUrl, build);
  return parts.finish(fingerprintsOf(parts.restricted), fingerprintsOf(parts.entitled));
}

/** `buildFingerprints` of one input. */
export const fingerprintsOf = (input: FingerprintInput): Fingerprints => buildFingerprints(input.hidden, input.visible, input.allowed ? { allowed: input.allowed } : {});

/**
 * `auditPlan` in two steps, for a caller that keeps fingerprint tables
 * between builds: what the restricted and the entitled tables are made from,
 * and the plan once they are made (by `fingerprintsOf`, or taken from a cache
 * by exactly that input).
 */
export function auditPlanParts(
  content: Content,
  projection: ViewProjection,
  runtime: ReadonlyMap<string, string>,
  lowest?: ViewProjection,
  baseUrl?: string,
  build?: BuildFacts,
): { restricted: FingerprintInput; entitled: FingerprintInput; finish: (restricted: Fingerprints, entitled: Fingerprints) => AuditPlan } {
  const { view } = projection;
  const chrome = chromeTexts({ site: content.site.site, publisher: content.site.publisher, tiers: content.site.tiers.slice(0, view.rank + 1) });
  // What the build itself prints (its instant, its key) is visible text too, but it changes with every build: the
  // fingerprints kept in the cache are made without it, and its matches are dropped from them afterwards, on every path.
  const derived = derivedTexts(content.site, view, projection.advisories, baseUrl);
  const printed = build ? derivedTexts(content.site, view, projection.advisories, baseUrl, build) : derived;
  const allow = content.auditAllow;
  const seen = new Set(projection.advisories.map((advisory) => advisory.id));
  return {
    restricted: { hidden: hiddenTexts(content.advisories, projection.removed), visible: [...visibleTexts(projection.advisories), ...derived], allowed: allow },
    entitled: lowest ? entitledInput(content, projection, lowest, chrome) : { hidden: EMPTY, visible: [] },
    finish: (restricted, entitled) => ({
      runtime,
      restricted: printed === derived ? restricted : dropVisible(restricted, printed),
      entitled,
      expected: {
        advisories: seen,
        csaf: new Set(projection.advisories.map((advisory) => csafFileName(advisory.id))),
        assets: new Set(projection.advisories.flatMap((advisory) => advisory.assets)),
        hidden: new Set(content.advisories.map((advisory) => advisory.fields.id).filter((id) => !seen.has(id))),
        hosts: servedHosts(content, baseUrl),
      },
      explainer: new Explainer(restricted.dictionary, () => viewAtoms(projection.advisories, printed)),
      allowed: allow.filter((_entry, index) => restricted.allowedUsed.has(index)),
    }),
  };
}

/** Every host the project's bundles are served from: a link to any other host is not to one of our pages. */
function servedHosts(content: Content, baseUrl?: string): Set<string> {
  const urls = [content.site.site.url, ...content.site.tiers.map((tier) => tier.url), ...content.partners.partners.map((partner) => partner.url), baseUrl];
  return new Set(urls.filter((url): url is string => url !== undefined).map((url) => new URL(url).host.toLowerCase()));
}

/**
 * What the fingerprints of what `projection` sees and `lowest` does not are
 * made from; when the two views see the same, the view's own advisory texts,
 * so the control never runs empty while there is anything to find.
 */
function entitledInput(content: Content, projection: ViewProjection, lowest: ViewProjection, chrome: string[]): FingerprintInput {
  const withheldHere = new Set(projection.removed.map(removalKey));
  const entitled = lowest.removed.filter((removal) => !withheldHere.has(removalKey(removal)));
  if (entitled.length > 0) return { hidden: hiddenTexts(content.advisories, entitled), visible: [...visibleTexts(lowest.advisories), ...chrome] };
  const own = projection.advisories.map((advisory) => ({
    text: `${advisory.title} ${advisory.summary}`,
    source: { advisory: advisory.id, file: '', what: 'title and summary' },
  }));
  return { hidden: own, visible: chrome };
}
