// Builds a copy of the example content, with canaries added, once for every end-to-end test file.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { copyContent, tierpress } from '../helpers/cli.ts';

export const AT = '2026-11-28T12:00:00Z';

/** Canaries added to the example content: each names the least tier that may see it. */
export const CANARIES = {
  poc: 'CANARY-POC-4F7Q2X',
  partner: 'CANARY-PARTNER-8K2M9W',
  internal: 'CANARY-INTERNAL-3J9D5V',
  pocNote: 'CANARY-POCNOTE-6R1T8Z',
  /** One word, as search tokenises it. */
  pocWord: 'quokkagadgetchain',
  /** A link definition outside every gate, used only from inside a :::poc gate: its URL. */
  pocDefinition: 'CANARY-POCDEF-7H3K2P',
  /** A footnote defined outside every gate, cited only from inside a :::poc gate. */
  pocFootnote: 'CANARY-POCFOOT-2W8N4Q',
  /** The text of an asset that only a definition cited from inside a :::poc gate points at. */
  pocAsset: 'CANARY-POCASSET-5M1V6B',
} as const;

declare module 'vitest' {
  export interface ProvidedContext {
    content: string;
    out: string;
  }
}

export default function setup(project: TestProject) {
  const content = copyContent();
  appendFileSync(
    join(content, 'advisories', '2025', 'CTSA-2025-0007.md'),
    `\n:::poc\nThe replay script sends ${CANARIES.poc} as the layout state through the ${CANARIES.pocWord} helper.\n:::\n\n:::tier{min=partner}\nPartners: ${CANARIES.partner} marks the staging build.\n:::\n\n:::internal\nTriage: ${CANARIES.internal} is the internal case.\n:::\n`,
  );
  // Definitions outside every gate whose only references are gated: withheld with the gate, asset included.
  writeFileSync(join(content, 'assets', '2025', 'poc-only-replay.txt'), `replay ${CANARIES.pocAsset}\n`);
  appendFileSync(
    join(content, 'advisories', '2025', 'CTSA-2025-0007.md'),
    `\n[replay-tool]: https://tools.contoso.example/${CANARIES.pocDefinition}\n\n[replay-log]: ../../assets/2025/poc-only-replay.txt\n\n[^replay]: Footnote ${CANARIES.pocFootnote} on the replay.\n\n:::poc\nRun [the replay tool][replay-tool] and compare with [the log][replay-log].[^replay]\n:::\n`,
  );
  appendFileSync(
    join(content, 'advisories', '2024', 'CTSA-2024-0003.md'),
    `\nAffected builds write :poc[the string ${CANARIES.pocNote}] to the log.\n`,
  );
  const out = mkdtempSync(join(tmpdir(), 'tierpress-dist-'));
  const result = tierpress(['build', '--content', content, '--out', out, '--at', AT]);
  if (result.status !== 0) throw new Error(`the example build failed:\n${result.stdout}\n${result.stderr}`);
  project.provide('content', content);
  project.provide('out', out);
  return () => {
    rmSync(content, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  };
}
