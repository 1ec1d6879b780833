import type { ProjectedReference } from '../../core/project/project.ts';
import type { Reference } from '../../core/schema/advisory.ts';
import { type ExportContext, tierName } from '../context.ts';

/** A CSAF reference: `self` for this document's own addresses, `external` for the rest. */
export interface CsafReference {
  category: 'external' | 'self';
  summary: string;
  url: string;
}

const LABELS: Record<Reference['type'], string> = {
  advisory: 'Advisory',
  article: 'Article',
  detection: 'Detection guidance',
  fix: 'Fix',
  report: 'Report',
  web: 'Web page',
};

/** The advisory's references as CSAF writes them, each naming its type and, for an overlay's, the tier that added it. */
export function externalReferences(references: readonly ProjectedReference[], context: Pick<ExportContext, 'site'>): CsafReference[] {
  return references.map((reference) => ({
    category: 'external',
    summary: reference.tier ? `${LABELS[reference.type]} (${tierName(context, reference.tier)})` : LABELS[reference.type],
    url: reference.url,
  }));
}
