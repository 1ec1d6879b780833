// The partner scenario of issue 6: the same corpus built for its tiers alone, then with 50 partners.
import { cp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withOneAdvisoryChanged } from './edit.ts';
import { buildTierpress, type TierpressRun } from './tierpress-build.ts';

/** Tiers alone and tiers with partners, on one copy of a corpus, one after the other, each cold; then the partner build warm. */
export interface PartnerRun {
  partners: number;
  tiersOnly: TierpressRun;
  withPartners: TierpressRun;
  /** Everything again with the cache the partner build filled, after one advisory changed. */
  warm: TierpressRun;
}

/**
 * Fifty partners over three tiers, like a real programme: most trusted or
 * partner, some in a restricted-jurisdiction group (partner view, no PoC, no
 * advance notice), some withholding PoC, a few on the public tier.
 */
export function partnersYaml(count: number): string {
  const lines = ['groups:', '  restricted-jurisdiction:', '    max_tier: partner', '    withhold: [poc]', '    max_lead: 0h', 'partners:'];
  for (let i = 1; i <= count; i++) {
    const tier = i % 10 === 0 ? 'public' : i % 2 === 0 ? 'trusted' : 'partner';
    const groups = i % 5 === 1 ? '[restricted-jurisdiction]' : '[]';
    const withhold = i % 7 === 0 && tier === 'trusted' ? '[poc]' : '[]';
    lines.push(`  - id: partner-${String(i).padStart(2, '0')}`, `    name: Bench Partner ${i}`, `    tier: ${tier}`, `    groups: ${groups}`, `    withhold: ${withhold}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Builds a copy of the corpus with `count` partners: first only its tiers, then everything, each
 * with an empty cache of its own (cold); then everything again after one advisory changed, with
 * the cache the full build filled (warm).
 */
export async function buildWithPartners(options: { root: string; content: string; at: { ms: number; text: string }; work: string; count: number }): Promise<PartnerRun> {
  const content = join(options.work, 'corpus-partners');
  await rm(content, { recursive: true, force: true });
  await cp(options.content, content, { recursive: true });
  await writeFile(join(content, 'partners.yaml'), partnersYaml(options.count));
  const tiers = ['public', 'partner', 'trusted', 'internal'].flatMap((tier) => ['--tier', tier]);
  const cache = async (name: string) => {
    const dir = join(options.work, name);
    await rm(dir, { recursive: true, force: true });
    return ['--cache', dir];
  };
  const base = { root: options.root, content, at: options.at.text };
  const tiersOnly = await buildTierpress({ ...base, work: join(options.work, 'tiers-only'), extra: [...tiers, ...(await cache('cache-tiers'))] });
  const withCache = await cache('cache-partners');
  const withPartners = await buildTierpress({ ...base, work: join(options.work, 'with-partners'), extra: withCache });
  const warm = await withOneAdvisoryChanged(content, options.at.ms, () => buildTierpress({ ...base, work: join(options.work, 'warm'), extra: withCache }));
  await rm(content, { recursive: true, force: true });
  return { partners: options.count, tiersOnly, withPartners, warm };
}
