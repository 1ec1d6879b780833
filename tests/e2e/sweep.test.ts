import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/cli/check.ts';
import { visibilityInstants } from '../../src/core/project/instants.ts';
import { ROOT, scratchDirs, tierpress } from '../helpers/cli.ts';

// Builds real content at instants where embargoes are in force and checks that every bundle holds exactly the
// advisories its audience may see then. The expectation is worked out here from the frontmatter with plain date
// arithmetic, not with the project's projection, so that the code under test does not grade itself.

const { temp } = scratchDirs();

/** The frontmatter fields that decide who sees an advisory when. */
interface Schedule {
  id: string;
  draft: boolean;
  release?: number;
  /** Release overrides by tier id. */
  overrides: Record<string, number>;
}

/** One bundle of a build: its folder below the output, and whose view it is. */
interface Audience {
  bundle: string;
  /** Index into the site's tiers, least trusted first. */
  tier: number;
  /** Milliseconds before release it may receive an advisory at most, if capped by a group. */
  maxLead?: number;
}

/** Milliseconds of a lead such as 0h, 24h or 5d; Infinity for always. */
function leadOf(text: string): number {
  if (text === 'always') return Infinity;
  const m = /^(\d+)([hd])$/.exec(text);
  if (!m) throw new Error(`unexpected lead ${text}`);
  return Number(m[1]) * (m[2] === 'd' ? 24 : 1) * 3_600_000;
}

/** An RFC 3339 instant or a plain date (midnight UTC, as Date.parse reads date-only forms), in milliseconds. */
function instantOf(value: unknown): number {
  const ms = Date.parse(String(value));
  if (Number.isNaN(ms)) throw new Error(`unexpected instant ${String(value)}`);
  return ms;
}

/** Every advisory's schedule, read from the files with the YAML parser alone. */
function schedules(content: string): Schedule[] {
  const files = readdirSync(join(content, 'advisories'), { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.md'));
  return files.map((path) => {
    const text = readFileSync(join(content, 'advisories', path), 'utf8');
    const fields = parse(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) as Record<string, any>;
    const overrides: Record<string, number> = {};
    for (const [tier, overlay] of Object.entries<any>(fields.tiers ?? {})) if (overlay?.release !== undefined) overrides[tier] = instantOf(overlay.release);
    return { id: fields.id, draft: fields.status === 'draft', ...(fields.release !== undefined ? { release: instantOf(fields.release) } : {}), overrides };
  });
}

/** Tiers (id and lead) from site.yaml, and every bundle a full build makes: each tier, each partner capped by its groups. */
function audiences(content: string): { tiers: Array<{ id: string; lead: number }>; audiences: Audience[] } {
  const site = parse(readFileSync(join(content, 'site.yaml'), 'utf8'));
  const tiers = site.tiers.map((tier: { id: string; lead: string }) => ({ id: tier.id, lead: leadOf(tier.lead) }));
  const rank = (id: string) => tiers.findIndex((tier: { id: string }) => tier.id === id);
  const list: Audience[] = tiers.map((tier: { id: string }, index: number) => ({ bundle: tier.id, tier: index }));
  let partners: any = { groups: {}, partners: [] };
  try {
    partners = parse(readFileSync(join(content, 'partners.yaml'), 'utf8'));
  } catch {
    // The samples have no partners.yaml: tier bundles only.
  }
  for (const partner of partners.partners ?? []) {
    const groups = (partner.groups ?? []).map((name: string) => partners.groups[name]);
    const caps = groups.filter((group: any) => group.max_tier).map((group: any) => rank(group.max_tier));
    const leads = groups.filter((group: any) => group.max_lead !== undefined).map((group: any) => leadOf(group.max_lead));
    list.push({ bundle: `partners/${partner.id}`, tier: Math.min(rank(partner.tier), ...caps), ...(leads.length ? { maxLead: Math.min(...leads) } : {}) });
  }
  return { tiers, audiences: list };
}

/** The ids an audience may see at `at`: a tier's lead (or its release override) before release, no earlier than a group's max_lead. */
function expectedIds(all: Schedule[], tiers: Array<{ id: string; lead: number }>, audience: Audience, at: number): string[] {
  const tier = tiers[audience.tier]!;
  return all
    .filter((advisory) => {
      if (tier.lead === Infinity) return true;
      if (advisory.draft || advisory.release === undefined) return false;
      let from = advisory.overrides[tier.id] ?? advisory.release - tier.lead;
      if (audience.maxLead !== undefined) from = Math.max(from, advisory.release - audience.maxLead);
      return at >= from;
    })
    .map((advisory) => advisory.id)
    .sort();
}

/** The advisories a bundle's manifest lists a page for. */
function manifestIds(bundle: string): string[] {
  const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as { files: Array<{ path: string }> };
  return manifest.files.flatMap((file) => /^advisories\/([^/]+)\/index\.html$/.exec(file.path)?.[1] ?? []).sort();
}

const SUITES = [
  {
    name: 'the example content',
    content: join(ROOT, 'content'),
    // CTSA-2025-0007 reaches partners through a release override, two days early; public waits.
    // CTSA-2025-0011 reaches trusted; public is in the state of 2025-12-01, where the audit raised false alarms.
    // CTSA-2026-0009 reaches partners while trusted also sees CTSA-2026-0010 and CTSA-2026-0011 is embargoed for all.
    instants: ['2025-07-20T17:00:00Z', '2025-12-04T17:00:00Z', '2026-11-28T09:00:00Z'],
    released: undefined,
  },
  {
    name: 'the RustSec samples',
    content: join(ROOT, 'tests', 'fixtures', 'rustsec', 'content'),
    // Two advisories with partners and trusted, none public; then two with trusted, one with partners;
    // then three with partners and trusted at once.
    instants: ['2019-08-31T00:00:00Z', '2023-11-14T00:00:00Z', '2024-05-21T00:00:00Z'],
    // Every one released. RUSTSEC-2024-0335 links RustSec's page of RUSTSEC-2023-0064, which is not
    // in the samples: the audit once took it for a link to a page of ours the view may not see.
    released: '2030-01-01T00:00:00Z',
  },
];

describe.each(SUITES)('a full build of $name at instants where embargoes are in force', ({ content, instants, released }) => {
  let all: Schedule[];
  let setup: ReturnType<typeof audiences>;
  let changes: string[];
  beforeAll(async () => {
    all = schedules(content);
    setup = audiences(content);
    changes = visibilityInstants((await loadContent(content)).content!).map((instant) => instant.at);
  });

  it('builds at instants the sweep would choose, where trusted sees advisories public does not', () => {
    for (const at of instants) {
      expect(changes).toContain(at);
      const [publicIds, trustedIds] = ['public', 'trusted'].map((id) => expectedIds(all, setup.tiers, setup.audiences.find((a) => a.bundle === id)!, Date.parse(at)));
      expect(trustedIds!.filter((id) => !publicIds!.includes(id)).length, at).toBeGreaterThan(0);
    }
  });

  it.each(released ? [...instants, released] : instants)('at %s: exits 0 and every bundle lists exactly the advisories its audience may see', (at) => {
    const out = temp('tierpress-sweep-test-');
    const result = tierpress(['build', '--content', content, '--out', out, '--at', at]);
    expect(result.status, `${result.stderr}\n${result.stdout}`).toBe(0);
    for (const audience of setup.audiences) {
      expect(manifestIds(join(out, audience.bundle)), `${audience.bundle} at ${at}`).toEqual(expectedIds(all, setup.tiers, audience, Date.parse(at)));
    }
  }, 600_000);
});
