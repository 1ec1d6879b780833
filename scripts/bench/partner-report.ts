// The partner scenario as a Markdown section of BENCHMARKS.md.
import type { PartnerRun } from './partners.ts';

/** Where the section starts: BENCHMARKS.md's hand-written analysis ends there. */
export const PARTNER_HEADING = '## Partner bundles';

/** Wall seconds of both builds, their ratio against the 1.5× target, and what the partner build made. */
export function partnerReport(run: PartnerRun): string {
  const alone = run.tiersOnly.outside.seconds;
  const all = run.withPartners.outside.seconds;
  const report = run.withPartners.report;
  const ratio = all / alone;
  return [
    `${PARTNER_HEADING}: ${run.partners} partners over 1,000 advisories (issue 6)`,
    '',
    `The same corpus with a partners.yaml of ${run.partners} partners (tiers partner, trusted and public; some in a`,
    'restricted-jurisdiction group, some withholding PoC): first `--tier` for each of the four tiers',
    '(tier bundles only), then a full build (four tier bundles and one bundle per partner with tar archives).',
    '',
    '| build | seconds | renders | bundles |',
    '| --- | ---: | ---: | ---: |',
    `| four tiers alone | ${alone.toFixed(1)} | ${run.tiersOnly.report.renders.length} | ${run.tiersOnly.report.bundles.length} |`,
    `| four tiers and ${run.partners} partners | ${all.toFixed(1)} | ${report.renders.length} | ${report.bundles.length} |`,
    '',
    `Ratio: ${ratio.toFixed(2)} (target at most 1.5: ${ratio <= 1.5 ? 'met' : 'not met'}). Partners with the same view share one render;`,
    'each partner bundle is that render with its marks and name filled in, sealed and archived.',
  ].join('\n');
}
