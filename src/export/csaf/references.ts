import type { ProjectedReference } from '../../core/project/project.ts';
import { type ExportContext, tierName } from '../context.ts';
import { CSAF_REFERENCE_LABEL, EXPORT_TEXT } from '../labels.ts';

/** A CSAF reference: `self` for this document's own addresses, `external` for the rest. */
export interface CsafReference {
  category: 'external' | 'self';
  summary: string;
  url: string;
}

/** The advisory's references as CSAF writes them, each naming its type and, for an overlay's, the tier that added it. */
export function externalReferences(references: readonly ProjectedReference[], context: Pick<ExportContext, 'site'>): CsafReference[] {
  return references.map((reference) => ({
    category: 'external',
    summary: reference.tier ? EXPORT_TEXT.withTier(CSAF_REFERENCE_LABEL[reference.type], tierName(context, reference.tier)) : CSAF_REFERENCE_LABEL[reference.type],
    url: reference.url,
  }));
}
