import cvssCalculator from 'ae-cvss-calculator';
import type { Site, Tier } from '../core/schema/site.ts';
import { REFERENCE_LABEL, SEVERITY_LABEL, TLP_MEANING } from '../render/format.ts';

const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = cvssCalculator;

/** The words of the CVSS breakdown tables: metric and value names of every version. */
function cvssVocabulary(): string[] {
  const words: string[] = [];
  for (const vector of [new Cvss2(), new Cvss3P0(), new Cvss3P1(), new Cvss4P0()]) {
    for (const components of vector.getRegisteredComponents().values()) {
      for (const component of components) words.push(component.name, ...component.values.map((value) => value.name));
    }
  }
  return words;
}

/**
 * Text every page of a bundle may show besides its advisories: the site's
 * names, labels, TLP wording, CVSS metric names. Hidden text that matches it
 * is not distinctive, so it is not a fingerprint.
 */
export function chromeTexts(site: Pick<Site, 'site' | 'publisher'> & { tiers: readonly Tier[] }): string[] {
  return [
    site.site.title,
    site.site.url,
    site.publisher.name,
    site.publisher.namespace,
    ...site.tiers.flatMap((tier) => [tier.id, tier.name, `TLP:${tier.tlp}`]),
    ...Object.values(SEVERITY_LABEL),
    ...Object.values(REFERENCE_LABEL),
    ...Object.values(TLP_MEANING),
    ...cvssVocabulary(),
  ];
}
