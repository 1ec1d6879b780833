// The partner scenario of issue 6: the same corpus built for its tiers alone, then with 50 partners.
import { cp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTierpress, type TierpressRun } from './tierpress-build.ts';

/** Tiers alone and tiers with partners, on one copy of a corpus, one after the other. */
export interface PartnerRun {
  partners: number;
  tiersOnly: TierpressRun;
  withPartners: TierpressRun;
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

/** Builds a copy of the corpus with `count` partners: first only its tiers, then everything. */
export async function buildWithPartners(options: { root: string; content: string; at: string; work: string; count: number }): Promise<PartnerRun> {
  const content = join(options.work, 'corpus-partners');
  await rm(content, { recursive: true, force: true });
  await cp(options.content, content, { recursive: true });
  await writeFile(join(content, 'partners.yaml'), partnersYaml(options.count));
  const tiers = ['public', 'partner', 'trusted', 'internal'].flatMap((tier) => ['--tier', tier]);
  const tiersOnly = await buildTierpress({ ...options, content, work: join(options.work, 'tiers-only'), extra: tiers });
  const withPartners = await buildTierpress({ ...options, content, work: join(options.work, 'with-partners') });
  await rm(content, { recursive: true, force: true });
  return { partners: options.count, tiersOnly, withPartners };
}
