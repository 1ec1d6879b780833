import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedExports } from '../../src/cache/exports.ts';
import { CacheStore } from '../../src/cache/store.ts';
import type { ProjectedAdvisory } from '../../src/core/project/project.ts';
import { advisoryExportInput, advisoryExports, bundleExportFiles, type AdvisoryExports } from '../../src/export/advisory.ts';
import type { ExportContext } from '../../src/export/context.ts';
import { frontmatter } from '../helpers/content.ts';
import { exampleContent, projectedOf, projectTiers } from '../helpers/exports.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const open = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierpress-exports-unit-'));
  dirs.push(dir);
  return { dir, store: await CacheStore.open(dir, 'v1', 'exports') };
};

const content = await exampleContent();
const publicTier = projectTiers(content).find((tier) => tier.tier === 'public')!;
const inputsOf = (advisories: readonly ProjectedAdvisory[], context: ExportContext) => advisories.map((advisory) => advisoryExportInput(advisory, context));
/** Every file of the given exports, as text: what reaches a bundle. */
const texts = (exports: readonly AdvisoryExports[]) => exports.flatMap((entry) => [...entry.csaf.files, entry.osv]).map((file) => `${file.path}\n${file.content}`);

describe("advisories' CSAF and OSV files from the cache", () => {
  it('makes every advisory the first time, none the second, and gives what advisoryExports gives', async () => {
    const { store } = await open();
    const inputs = inputsOf(publicTier.advisories, publicTier.context);
    const fresh = inputs.map(advisoryExports);
    const first = await cachedExports(store, inputs);
    expect(first).toMatchObject({ made: inputs.length, cached: 0 });
    expect(first.exports).toEqual(fresh);
    const second = await cachedExports(store, inputsOf(publicTier.advisories, publicTier.context));
    expect(second).toMatchObject({ made: 0, cached: inputs.length });
    expect(second.exports).toEqual(fresh);
    // The bundle's files from kept parts are those made from the projection alone.
    expect(bundleExportFiles(second.exports, publicTier.context)).toEqual(bundleExportFiles(fresh, publicTier.context));
  });

  it('makes again the one advisory that changed, and any advisory whose context changed in a field it reads', async () => {
    const { store } = await open();
    const original = publicTier.advisories.find((candidate) => candidate.id === 'CTSA-2025-0007')!;
    // With a `{{mark}}` its public files show, so that a change of the mark shows in them.
    const marked = { type: 'paragraph' as const, children: [{ type: 'text' as const, value: 'Marked {{mark}}.' }] };
    const advisory = { ...original, body: { ...original.body, children: [...original.body.children, marked] } };
    const { context } = publicTier;
    await cachedExports(store, inputsOf([...publicTier.advisories, advisory], context));
    const changes: Array<[string, ProjectedAdvisory, ExportContext]> = [
      ['a body paragraph', { ...advisory, body: { type: 'root', children: [...advisory.body.children, { type: 'paragraph', children: [{ type: 'text', value: 'Added.' }] }] } }, context],
      ['the summary', { ...advisory, summary: `${advisory.summary} Changed.` }, context],
      ['a product', { ...advisory, products: [...advisory.products, { name: 'Contoso Other', affected: ['*'] }] }, context],
      ['the publisher', advisory, { ...context, site: { ...context.site, publisher: { ...context.site.publisher, name: 'Contoso Ltd.' } } }],
      // Not shown in this advisory's public files (it has no overlay): the key names the whole site all the same.
      ["a tier's name", advisory, { ...context, site: { ...context.site, tiers: context.site.tiers.map((tier) => ({ ...tier, name: `${tier.name}!` })) } }],
      ["the tier's TLP", advisory, { ...context, tier: { ...context.tier, tlp: 'GREEN' } }],
      ['the base URL', advisory, { ...context, baseUrl: 'https://elsewhere.bundles.example/' }],
      ['the mark', advisory, { ...context, mark: (id) => `partner-mark-${id}` }],
    ];
    for (const [what, changed, changedContext] of changes) {
      const input = advisoryExportInput(changed, changedContext);
      const result = await cachedExports(store, [input]);
      expect(result, what).toMatchObject({ made: 1, cached: 0 });
      expect(result.exports[0], what).toEqual(advisoryExports(input));
      if (what !== "a tier's name") expect(texts(result.exports), what).not.toEqual(texts(inputsOf([advisory], context).map(advisoryExports)));
    }
  });

  it("keeps a released advisory's files across build instants and OpenPGP keys, which they never read; a draft's only at the same instant", async () => {
    const { store } = await open();
    const internal = projectTiers(content).find((tier) => tier.tier === 'internal')!;
    const draft = internal.advisories.find((advisory) => advisory.status === 'draft')!;
    const released = internal.advisories.find((advisory) => advisory.id === 'CTSA-2025-0007')!;
    await cachedExports(store, inputsOf([draft, released], internal.context));
    const later = { ...internal.context, at: '2031-01-01T00:00:00Z', openpgp: { fingerprint: '0123456789ABCDEF0123456789ABCDEF01234567', publicKey: 'key' } };
    const kept = await cachedExports(store, inputsOf([released], later));
    expect(kept).toMatchObject({ made: 0, cached: 1 });
    // What the cache gave is what the later build makes without it.
    expect(texts(kept.exports)).toEqual(texts(inputsOf([released], later).map(advisoryExports)));
    const redone = await cachedExports(store, inputsOf([draft], later));
    expect(redone).toMatchObject({ made: 1, cached: 0 });
    expect(texts(redone.exports).join('\n')).toContain('2031-01-01T00:00:00Z');
  });

  it('takes a damaged entry for a miss and makes it again', async () => {
    const { dir, store } = await open();
    const inputs = inputsOf(publicTier.advisories.slice(0, 3), publicTier.context);
    await cachedExports(store, inputs);
    const folder = join(dir, 'v1', 'exports');
    const entries = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(entries).toHaveLength(3);
    // One entry no longer a serialized value, one still a value but with a byte of its files changed.
    writeFileSync(join(entries[0]!.parentPath, entries[0]!.name), 'not a serialized value');
    const bytes = readFileSync(join(entries[1]!.parentPath, entries[1]!.name));
    const at = bytes.indexOf('CTSA-');
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'X'.charCodeAt(0);
    writeFileSync(join(entries[1]!.parentPath, entries[1]!.name), bytes);
    const again = await cachedExports(store, inputs);
    expect(again).toMatchObject({ made: 2, cached: 1 });
    expect(again.exports).toEqual(inputs.map(advisoryExports));
  });

  it("never lets one view's files reach another view built from the same store", async () => {
    const CANARY = 'EXPORTS-CACHE-CANARY-4e8b';
    const text = `${frontmatter('CTSA-2025-0001')}Public text.

:::tier{min=trusted}
Trusted detail ${CANARY} with marker {{mark}}.
:::
`;
    const { store } = await open();
    const trusted = projectedOf(text, 'trusted');
    const publicView = projectedOf(text, 'public');
    // The trusted view fills the store first, then the public view builds from it, then both again.
    const filled = await cachedExports(store, inputsOf([trusted.advisory], trusted.context));
    expect(texts(filled.exports).filter((file) => file.includes(CANARY)).length).toBe(2);
    for (let round = 0; round < 2; round++) {
      const seen = await cachedExports(store, inputsOf([publicView.advisory], publicView.context));
      expect(seen).toMatchObject(round === 0 ? { made: 1, cached: 0 } : { made: 0, cached: 1 });
      expect(texts(seen.exports).join('\n')).not.toContain(CANARY);
      expect(bundleExportFiles(seen.exports, publicView.context).filter((file) => file.content.includes(CANARY))).toEqual([]);
    }
    // The same public advisory in the trusted tier's context (its TLP, its base URL) is still made afresh, without the canary.
    const crossed = await cachedExports(store, inputsOf([publicView.advisory], trusted.context));
    expect(crossed).toMatchObject({ made: 1, cached: 0 });
    expect(texts(crossed.exports).join('\n')).not.toContain(CANARY);
  });

  it('makes every advisory without a store', async () => {
    const inputs = inputsOf(publicTier.advisories.slice(0, 2), publicTier.context);
    expect(await cachedExports(undefined, inputs)).toEqual({ exports: inputs.map(advisoryExports), made: 2, cached: 0 });
  });
});
