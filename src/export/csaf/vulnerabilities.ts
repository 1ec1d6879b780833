import type { ProjectedAdvisory } from '../../core/project/project.ts';
import { identifierUrl } from '../../render/format.ts';
import type { ExportContext } from '../context.ts';
import { EXPORT_TEXT } from '../labels.ts';
import { csafCwe } from './cwe.ts';
import type { CsafNote } from './notes.ts';
import type { ProductIds } from './product-tree.ts';
import { type CsafReference, externalReferences } from './references.ts';
import { scores } from './scores.ts';

const unique = (ids: readonly string[]) => [...new Set(ids)];

/**
 * `vulnerabilities` of a security advisory: one per CVE, or one without a CVE
 * (identified by the advisory id) when it has none. Each carries the
 * advisory's first CWE (CSAF 2.0 allows one; the others are noted), its CVSS
 * scores, the status of every product (affected ranges known_affected, fixed
 * versions fixed), a remediation per product (see `remediationsOf`), the
 * references and the credits.
 */
export function vulnerabilities(advisory: ProjectedAdvisory, ids: readonly ProductIds[], context: Pick<ExportContext, 'site'>): object[] {
  const affected = unique(ids.flatMap((product) => product.affected));
  const fixed = unique(ids.flatMap((product) => product.fixed));
  const scored = scores(advisory.cvss, affected);
  const cwe = advisory.cwes[0] === undefined ? undefined : csafCwe(advisory.cwes[0]);
  const otherCwes = advisory.cwes.slice(cwe ? 1 : 0);
  const notes: CsafNote[] = [
    { category: 'description', text: advisory.summary, title: EXPORT_TEXT.description },
    ...(otherCwes.length > 0 ? [{ category: 'other' as const, text: otherCwes.join(', '), title: cwe ? EXPORT_TEXT.furtherWeaknesses : EXPORT_TEXT.weaknesses }] : []),
    ...scored.notes,
  ];
  const references = externalReferences(advisory.references, context);
  const remediations = remediationsOf(advisory, ids);
  const acknowledgments = advisory.credits.map((credit) => ({ names: [credit] }));
  const aliases = advisory.aliases.map((alias) => ({ system_name: /^([A-Za-z][A-Za-z0-9]*)-/.exec(alias)?.[1] ?? EXPORT_TEXT.alias, text: alias }));

  const cves: Array<string | undefined> = advisory.cves.length > 0 ? advisory.cves : [undefined];
  return cves.map((cve) => {
    // Aliases name the advisory's issue; they can be pinned to a vulnerability only when there is one.
    const vulnerabilityIds = cve ? (cves.length === 1 ? aliases : []) : [{ system_name: context.site.publisher.name, text: advisory.id }, ...aliases];
    const cveReference: CsafReference[] = cve ? [{ category: 'external', summary: EXPORT_TEXT.cveRecord(cve), url: identifierUrl(cve)! }] : [];
    return {
      ...(acknowledgments.length > 0 ? { acknowledgments } : {}),
      ...(cve ? { cve } : {}),
      ...(cwe ? { cwe } : {}),
      ...(vulnerabilityIds.length > 0 ? { ids: vulnerabilityIds } : {}),
      notes,
      product_status: { ...(fixed.length > 0 ? { fixed } : {}), known_affected: affected },
      ...(cveReference.length + references.length > 0 ? { references: [...cveReference, ...references] } : {}),
      ...(remediations.length > 0 ? { remediations } : {}),
      ...(scored.scores.length > 0 ? { scores: scored.scores } : {}),
    };
  });
}

/**
 * A remediation for the affected versions of every product: a vendor_fix
 * naming its fixed versions (linking the first fix reference), or, for a
 * product without fixed versions, `none_available`, which is what the
 * advisory says by naming none (optional test 6.2.2 wants every affected
 * product to have a remediation).
 */
function remediationsOf(advisory: ProjectedAdvisory, ids: readonly ProductIds[]) {
  const fixUrl = advisory.references.find((reference) => reference.type === 'fix')?.url;
  return advisory.products.map((product, index) => {
    const product_ids = unique(ids[index]!.affected);
    if (!product.fixed) return { category: 'none_available', details: EXPORT_TEXT.noFixYet(product.name), product_ids };
    return {
      category: 'vendor_fix',
      details: EXPORT_TEXT.update(product.name, product.fixed.join(EXPORT_TEXT.or)),
      product_ids,
      ...(fixUrl ? { url: fixUrl } : {}),
    };
  });
}
