import type { ProjectedAdvisory } from '../../core/project/project.ts';
import { bundleUrl, type ExportContext } from '../context.ts';
import { plainText } from '../plain-text.ts';
import { exportTree } from '../tree.ts';
import { relativeDocumentPath, tlpRoot } from './names.ts';
import { productTree } from './product-tree.ts';
import { type CsafReference, externalReferences } from './references.ts';
import type { CsafNote } from './scores.ts';
import { distribution } from './tlp.ts';
import { revisionHistory, tracking } from './tracking.ts';
import { vulnerabilities } from './vulnerabilities.ts';

/** Where an advisory's CSAF document sits: below its TLP folder, below the bundle root, and as a URL. */
export function csafLocation(advisory: ProjectedAdvisory, context: ExportContext) {
  const initial = advisory.release ?? revisionHistory(advisory, context.at)[0]!.date;
  const relative = relativeDocumentPath(advisory.id, initial);
  const path = `${tlpRoot(context.tier.tlp)}/${relative}`;
  return { relative, path, url: bundleUrl(context, path) };
}

/**
 * The CSAF 2.0 document of one projected advisory, made from that projection
 * alone. A vulnerability advisory is a `csaf_security_advisory`; an
 * informational one (such as an unmaintained package) a
 * `csaf_informational_advisory`, the profile CSAF gives advisories without a
 * vulnerability, which lists its products in a note instead.
 */
export function csafDocument(advisory: ProjectedAdvisory, context: ExportContext) {
  const informational = advisory.kind === 'informational';
  const { publisher } = context.site;
  const products = productTree(advisory.products, publisher.name);
  const credits = advisory.credits.map((credit) => ({ names: [credit] }));
  return {
    document: {
      ...(informational && credits.length > 0 ? { acknowledgments: credits } : {}),
      ...(advisory.severity ? { aggregate_severity: { text: advisory.severity.toUpperCase() } } : {}),
      category: informational ? 'csaf_informational_advisory' : 'csaf_security_advisory',
      csaf_version: '2.0',
      distribution: distribution(context.tier.tlp),
      lang: 'en',
      notes: documentNotes(advisory, context),
      publisher: { category: 'vendor', name: publisher.name, namespace: publisher.namespace },
      references: documentReferences(advisory, context),
      title: advisory.title,
      tracking: tracking(advisory, context.at),
    },
    product_tree: products.tree,
    ...(informational ? {} : { vulnerabilities: vulnerabilities(advisory, products.ids, context) }),
  };
}

/**
 * The advisory page and this file as `self`, then the advisory's references.
 * An informational advisory must have an external reference (mandatory test
 * 6.1.27.2); without one of its own, the publisher's namespace is that reference.
 */
function documentReferences(advisory: ProjectedAdvisory, context: ExportContext): CsafReference[] {
  const external = externalReferences(advisory.references, context);
  if (advisory.kind === 'informational' && external.length === 0) {
    external.push({ category: 'external', summary: 'Publisher', url: context.site.publisher.namespace });
  }
  return [
    { category: 'self', summary: 'The advisory page', url: bundleUrl(context, `advisories/${advisory.id}/`) },
    { category: 'self', summary: 'This CSAF document', url: csafLocation(advisory, context).url },
    ...external,
  ];
}

/** Summary, withdrawal, the body as plain text, the products (informational only) and each tier's notes, labelled. */
function documentNotes(advisory: ProjectedAdvisory, context: ExportContext): CsafNote[] {
  const text = (tree: ProjectedAdvisory['body']) => plainText(exportTree(tree, context));
  const notes: CsafNote[] = [{ category: 'summary', text: advisory.summary, title: 'Summary' }];
  if (advisory.withdrawn) {
    notes.push({ category: 'general', text: `Withdrawn on ${advisory.withdrawn.at}: ${advisory.withdrawn.reason}`, title: 'Withdrawn' });
  }
  const body = text(advisory.body);
  if (body.length > 0) notes.push({ category: 'description', text: body, title: 'Description' });
  if (advisory.kind === 'informational') {
    const lines = advisory.products.map(
      (product) => `- ${product.name}: ${product.affected.join('; ')}${product.fixed ? ` (fixed in ${product.fixed.join(', ')})` : ''}`,
    );
    notes.push({ category: 'general', text: lines.join('\n'), title: 'Products' });
  }
  for (const note of advisory.notes) {
    const noteText = text(note.body);
    if (noteText.length > 0) notes.push({ audience: note.tierName, category: 'other', text: noteText, title: `Notes for ${note.tierName}` });
  }
  return notes;
}
