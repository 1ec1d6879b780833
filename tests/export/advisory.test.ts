import { describe, expect, it } from 'vitest';
import { advisoryExportInput, advisoryExports, bundleExportFiles } from '../../src/export/advisory.ts';
import { csafAdvisoryFiles, csafProviderFiles } from '../../src/export/csaf/provider.ts';
import type { ExportFile } from '../../src/export/file.ts';
import { osvFile, osvFiles } from '../../src/export/osv.ts';
import { exampleContent, projectTiers, rustsecContent } from '../helpers/exports.ts';

/** Two build instants after every advisory of both contents is out: the same projection, another clock. */
const [AT, LATER] = ['2031-01-01T00:00:00Z', '2033-06-15T08:30:00Z'];
const OPENPGP = { fingerprint: '0123456789ABCDEF0123456789ABCDEF01234567', publicKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ\n-----END PGP PUBLIC KEY BLOCK-----\n' };
const text = (files: readonly ExportFile[]) => files.map((file) => `${file.path}\n${file.content}`).join('\n');

describe.each([
  ['the example content', exampleContent],
  ['the RustSec samples', rustsecContent],
])("an advisory's own export files (%s)", (_, load) => {
  it('are byte-identical at two build instants when it is released, so their key leaves the instant out; a draft has it in its key', async () => {
    const content = await load();
    let released = 0;
    for (const tier of projectTiers(content, AT)) {
      const later = { ...tier.context, at: LATER };
      for (const advisory of tier.advisories) {
        // Made straight from the full context, not through the input: the instant is there to be read.
        const files = (context: typeof later) => text([...csafAdvisoryFiles(advisory, context).files, osvFile(advisory, context)]);
        // The input as JSON is what the cache key hashes (src/cache/exports.ts).
        const [keyNow, keyLater] = [JSON.stringify(advisoryExportInput(advisory, tier.context)), JSON.stringify(advisoryExportInput(advisory, later))];
        if (advisory.release !== undefined) {
          released++;
          expect(files(later), `${tier.tier} ${advisory.id}`).toBe(files(tier.context));
          expect(keyLater, `${tier.tier} ${advisory.id}`).toBe(keyNow);
        } else {
          expect(keyLater, `${tier.tier} ${advisory.id}`).not.toBe(keyNow);
        }
      }
    }
    expect(released).toBeGreaterThan(20);
  });

  it('made from their input alone are those made from the whole context, OpenPGP key included, and make the same bundle', async () => {
    const content = await load();
    for (const tier of projectTiers(content, AT)) {
      const context = { ...tier.context, openpgp: OPENPGP };
      const made = tier.advisories.map((advisory) => advisoryExports(advisoryExportInput(advisory, context)));
      expect(made).toEqual(tier.advisories.map((advisory) => ({ csaf: csafAdvisoryFiles(advisory, context), osv: osvFile(advisory, context) })));
      expect(bundleExportFiles(made, context)).toEqual([...csafProviderFiles(tier.advisories, context), ...osvFiles(tier.advisories, context)]);
    }
  });
});

describe("a draft's export files", () => {
  it('follow the build instant, which is in their input', async () => {
    const internal = projectTiers(await exampleContent(), AT).find((tier) => tier.tier === 'internal')!;
    const drafts = internal.advisories.filter((advisory) => advisory.release === undefined);
    expect(drafts.length).toBeGreaterThan(0);
    for (const draft of drafts) {
      const files = (at: string) => advisoryExports(advisoryExportInput(draft, { ...internal.context, at }));
      expect(JSON.stringify(files(LATER))).toContain(LATER);
      expect(files(LATER)).not.toEqual(files(AT));
    }
  });

});

describe("an advisory's export input", () => {
  it('leaves the instant out for a released advisory, and an exporter that reads it anyway fails rather than be kept under a key without it', async () => {
    const publicTier = projectTiers(await exampleContent(), AT).find((tier) => tier.tier === 'public')!;
    const input = advisoryExportInput(publicTier.advisories[0]!, publicTier.context);
    expect(input).not.toHaveProperty('at');
    expect(JSON.stringify(input)).not.toContain(AT);
    // The input of a released advisory given a draft's dates: its files need the instant, which the input lacks.
    const undated = { ...input, advisory: { ...input.advisory, revisions: [], release: undefined } };
    expect(() => advisoryExports(undated)).toThrow(/read the build instant, which is not in their input/);
  });
});
