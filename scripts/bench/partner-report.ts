// The partner scenario as a Markdown section of BENCHMARKS.md.
import type { PartnerRun } from './partners.ts';
import type { ReferenceRun } from './reference-build.ts';

/** Where the section starts: BENCHMARKS.md's hand-written analysis ends there. */
export const PARTNER_HEADING = '## Partner bundles';

/**
 * Wall seconds of both cold builds and their ratio against the 1.5× target; the warm rebuild with
 * every partner against the plain Astro reference of the same 1,000 advisories (target at most 1×).
 */
export function partnerReport(run: PartnerRun, reference?: ReferenceRun): string {
  const alone = run.tiersOnly.outside.seconds;
  const all = run.withPartners.outside.seconds;
  const report = run.withPartners.report;
  const ratio = all / alone;
  const warm = run.warm.outside.seconds;
  const warmRatio = reference ? warm / reference.seconds : undefined;
  return [
    `${PARTNER_HEADING}: ${run.partners} partners over 1,000 advisories (issue 6)`,
    '',
    `The same corpus with a partners.yaml of ${run.partners} partners (tiers partner, trusted and public; some in a`,
    'restricted-jurisdiction group, some withholding PoC): first `--tier` for each of the four tiers',
    '(tier bundles only), then a full build (four tier bundles and one bundle per partner with tar archives),',
    'each cold (an empty cache of its own); then the full build again after one advisory changed, warm.',
    '',
    '| build | seconds | renders | bundles |',
    '| --- | ---: | ---: | ---: |',
    `| four tiers alone, cold | ${alone.toFixed(1)} | ${run.tiersOnly.report.renders.length} | ${run.tiersOnly.report.bundles.length} |`,
    `| four tiers and ${run.partners} partners, cold | ${all.toFixed(1)} | ${report.renders.length} | ${report.bundles.length} |`,
    `| four tiers and ${run.partners} partners, warm after one advisory changed | ${warm.toFixed(1)} | ${run.warm.report.renders.length} | ${run.warm.report.bundles.length} |`,
    ...(reference ? [`| reference Astro build, 1,000 advisories | ${reference.seconds.toFixed(1)} | | |`] : []),
    '',
    `Ratio: ${ratio.toFixed(2)} (target at most 1.5: ${ratio <= 1.5 ? 'met' : 'not met'}). Partners with the same view share one render;`,
    'each partner bundle is that render with its marks and name filled in, sealed and archived.',
    ...(warmRatio === undefined
      ? []
      : [
          '',
          `Warm rebuild with ${run.partners} partners / reference: ${warmRatio.toFixed(2)} (target at most 1: ${warmRatio <= 1 ? 'met' : 'not met'}).`,
          'Measured at 1,000 advisories: a cold 10,000-advisory build with 50 partners to fill the cache would add',
          'more than the rest of the bench together.',
        ]),
  ].join('\n');
}
