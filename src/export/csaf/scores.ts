import type { ScoredVector } from '../../core/schema/cvss.ts';
import { EXPORT_TEXT } from '../labels.ts';
import type { CsafNote } from './notes.ts';

/**
 * `scores` of a vulnerability: the first 2.0 vector as `cvss_v2`, the first
 * 3.0 and the first 3.1 vector as `cvss_v3`, each with its computed base score
 * and severity (mandatory test 6.1.9 recomputes them). CSAF 2.0 allows one
 * score per version and product (6.1.7) and has no field for CVSS 4.0, so
 * every other vector is stated in a note instead.
 */
export function scores(vectors: readonly ScoredVector[], products: readonly string[]) {
  const used = new Set<string>();
  const out: object[] = [];
  const notes: CsafNote[] = [];
  for (const vector of vectors) {
    if (vector.version !== '4.0' && !used.has(vector.version)) {
      used.add(vector.version);
      out.push(vector.version === '2.0' ? { cvss_v2: cvssV2(vector), products: [...products] } : { cvss_v3: cvssV3(vector), products: [...products] });
      continue;
    }
    notes.push({
      category: 'other',
      text: EXPORT_TEXT.cvssNote(vector.vector, vector.score.toFixed(1), vector.severity),
      title: `${EXPORT_TEXT.cvssTitle(vector.version)}${vector.version === '4.0' ? '' : EXPORT_TEXT.furtherVector}`,
    });
  }
  return { scores: out, notes };
}

function cvssV2(vector: ScoredVector) {
  return { version: '2.0', vectorString: vector.vector, baseScore: vector.score };
}

function cvssV3(vector: ScoredVector) {
  return { version: vector.version, vectorString: vector.vector, baseScore: vector.score, baseSeverity: vector.severity.toUpperCase() };
}
