import type { Tlp } from '../../core/schema/site.ts';

/** The TLP 1.0 labels CSAF 2.0 knows. */
export type CsafTlpLabel = 'WHITE' | 'GREEN' | 'AMBER' | 'RED';

/** The official TLP definitions, linked from every document and feed. */
export const TLP_URL = 'https://www.first.org/tlp/';

// CSAF 2.0 predates TLP 2.0: CLEAR was WHITE, and AMBER+STRICT has no label of its own.
const LABELS: Record<Tlp, CsafTlpLabel> = { CLEAR: 'WHITE', GREEN: 'GREEN', AMBER: 'AMBER', 'AMBER+STRICT': 'AMBER', RED: 'RED' };

/** The CSAF 2.0 (TLP 1.0) label for a tier's TLP 2.0 label (the README's "Machine-readable exports: CSAF 2.0 and OSV"). */
export function csafTlpLabel(tlp: Tlp): CsafTlpLabel {
  return LABELS[tlp];
}

/** The folder of a TLP label below `.well-known/csaf/`: the label in lower case. */
export function tlpFolder(tlp: Tlp): string {
  return csafTlpLabel(tlp).toLowerCase();
}

/**
 * `document.distribution` for a tier: the TLP 1.0 label with its URL, and a
 * text naming the TLP 2.0 label wherever the mapping loses something, so
 * AMBER+STRICT is never read as plain AMBER.
 */
export function distribution(tlp: Tlp): { text?: string; tlp: { label: CsafTlpLabel; url: string } } {
  const label = csafTlpLabel(tlp);
  const text =
    tlp === 'AMBER+STRICT'
      ? 'TLP:AMBER+STRICT (TLP 2.0). CSAF 2.0 can only label this TLP:AMBER: recipients may share it only within their own organization, not with its clients.'
      : tlp === 'CLEAR'
        ? 'TLP:CLEAR (TLP 2.0), written TLP:WHITE in CSAF 2.0: disclosure is not limited.'
        : undefined;
  return { ...(text ? { text } : {}), tlp: { label, url: TLP_URL } };
}
