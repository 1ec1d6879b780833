import type { ProjectedAdvisory } from '../../core/project/project.ts';
import { bundleUrl, type ExportContext } from '../context.ts';
import { sortKeys } from '../file.ts';
import { EXPORT_TEXT } from '../labels.ts';
import { relativeDocumentPath, tlpRoot } from './names.ts';
import { documentNotes } from './notes.ts';
import { productTree } from './product-tree.ts';
import { type CsafReference, externalReferences } from './references.ts';
import { distribution } from './tlp.ts';
import { tracking } from './tracking.ts';
import { vulnerabilities } from './vulnerabilities.ts';

/** Where an advisory's CSAF document sits: below its TLP folder, below the bundle root, and as a URL. */
export function csafLocation(advisory: ProjectedAdvisory, context: ExportContext) {
  const relative = relativeDocumentPath(advisory.id, tracking(advisory, context).initial_release_date);
  const path = `${tlpRoot(context.tier.tlp)}/${relative}`;
  return { relative, path, url: bundleUrl(context, path) };
}

/**
 * The CSAF 2.0 document of one projected advisory, made from that projection
 * alone. A vulnerability advisory is a `csaf_security_advisory`; an
 * informational one (such as an unmaintained package) a
 * `csaf_informational_advisory`, the profile CSAF gives advisories without a
 * vulnerability, which lists its products in a note instead. Keys are sorted,
 * as CSAF asks.
 */
export function csafDocument(advisory: ProjectedAdvisory, context: ExportContext) {
  const informational = advisory.kind === 'informational';
  const { publisher } = context.site;
  const products = productTree(advisory.products, publisher);
  const credits = advisory.credits.map((credit) => ({ names: [credit] }));
  return sortKeys({
    document: {
      ...(informational && credits.length > 0 ? { acknowledgments: credits } : {}),
      ...(advisory.severity ? { aggregate_severity: { text: advisory.severity.toUpperCase() } } : {}),
      category: informational ? 'csaf_informational_advisory' : 'csaf_security_advisory',
      csaf_version: '2.0',
      distribution: distribution(context.tier.tlp),
      lang: 'en',
      notes: documentNotes(advisory, context),
      publisher: csafPublisher(publisher),
      references: documentReferences(advisory, context),
      title: advisory.title,
      tracking: tracking(advisory, context),
    },
    product_tree: products.tree,
    ...(informational ? {} : { vulnerabilities: vulnerabilities(advisory, products.ids, context) }),
  });
}

/** The publisher as CSAF writes it, in documents and provider metadata alike (§7.1.7 asks them to match), with its contact when it has one. */
export function csafPublisher(publisher: ExportContext['site']['publisher']) {
  return {
    category: 'vendor',
    ...(publisher.contact ? { contact_details: publisher.contact } : {}),
    name: publisher.name,
    namespace: publisher.namespace,
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
    external.push({ category: 'external', summary: EXPORT_TEXT.publisher, url: context.site.publisher.namespace });
  }
  return [
    { category: 'self', summary: EXPORT_TEXT.advisoryPage, url: bundleUrl(context, `advisories/${advisory.id}/`) },
    { category: 'self', summary: EXPORT_TEXT.thisDocument, url: csafLocation(advisory, context).url },
    ...external,
  ];
}
