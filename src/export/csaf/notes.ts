import type { ProjectedAdvisory } from '../../core/project/project.ts';
import type { ExportContext } from '../context.ts';
import { EXPORT_TEXT } from '../labels.ts';
import { plainText } from '../plain-text.ts';
import { exportTree } from '../tree.ts';

/** A note of a document or a vulnerability, as CSAF 2.0 writes one. */
export interface CsafNote {
  audience?: string;
  category: 'description' | 'details' | 'faq' | 'general' | 'legal_disclaimer' | 'other' | 'summary';
  text: string;
  title?: string;
}

/**
 * `document.notes` of an advisory as the view sees it: the summary, the
 * withdrawal with its reason, the body as plain text, the products (for an
 * informational advisory, which has no product status) and each tier's
 * notes, labelled with that tier as title and audience.
 */
export function documentNotes(advisory: ProjectedAdvisory, context: ExportContext): CsafNote[] {
  const text = (tree: ProjectedAdvisory['body']) => plainText(exportTree(tree, { baseUrl: context.baseUrl, mark: context.mark(advisory.id) }));
  const notes: CsafNote[] = [{ category: 'summary', text: advisory.summary, title: EXPORT_TEXT.summary }];
  if (advisory.withdrawn) {
    notes.push({ category: 'general', text: EXPORT_TEXT.withdrawnOn(advisory.withdrawn.at, advisory.withdrawn.reason), title: EXPORT_TEXT.withdrawn });
  }
  const body = text(advisory.body);
  if (body.length > 0) notes.push({ category: 'description', text: body, title: EXPORT_TEXT.description });
  if (advisory.kind === 'informational') {
    const lines = advisory.products.map(
      (product) => `${EXPORT_TEXT.productLine(product.name, product.affected.join('; '))}${product.fixed ? EXPORT_TEXT.fixedIn(product.fixed.join(', ')) : ''}`,
    );
    notes.push({ category: 'general', text: lines.join('\n'), title: EXPORT_TEXT.products });
  }
  for (const note of advisory.notes) {
    const noteText = text(note.body);
    if (noteText.length > 0) notes.push({ audience: note.tierName, category: 'other', text: noteText, title: EXPORT_TEXT.notesFor(note.tierName) });
  }
  return notes;
}
