import type { ProjectedAdvisory } from '../../core/project/project.ts';
import type { ExportContext } from '../context.ts';
import { EXPORT_TEXT } from '../labels.ts';

/** One entry of `document.tracking.revision_history`. */
export interface CsafRevision {
  date: string;
  number: string;
  summary: string;
}

/**
 * `document.tracking` of an advisory as the view sees it. Released documents
 * number their revisions 1, 2, 3…; a draft numbers them 0.1.0, 0.2.0…, the
 * only numbering CSAF allows a draft (mandatory tests 6.1.17, 6.1.21). An
 * advisory without revisions gets one at its release; a withdrawn one gets a
 * final revision at the withdrawal unless one is already dated then. A draft
 * has no release, so its dates fall back to its revisions or the build instant.
 * The generator has no date: the document then changes only when its content does.
 * The build instant is read only where it is used (an advisory without a
 * release), so the document of a released advisory is kept in the cache
 * without it (src/export/advisory.ts).
 */
export function tracking(advisory: ProjectedAdvisory, context: Pick<ExportContext, 'at'>) {
  const history = revisionHistory(advisory, context);
  const first = history[0]!;
  const last = history.at(-1)!;
  const initial = advisory.release ?? first.date;
  return {
    current_release_date: Date.parse(last.date) > Date.parse(initial) ? last.date : initial,
    generator: { engine: { name: EXPORT_TEXT.generator } },
    id: advisory.id,
    initial_release_date: initial,
    revision_history: history,
    status: advisory.status,
    version: last.number,
  };
}

/** The revision history, oldest first and numbered in that order, with the synthetic entries described above. */
function revisionHistory(advisory: ProjectedAdvisory, context: Pick<ExportContext, 'at'>): CsafRevision[] {
  const entries = advisory.revisions.map((revision) => ({ ...revision }));
  if (entries.length === 0) {
    entries.push({ date: advisory.release ?? context.at, summary: advisory.status === 'draft' ? EXPORT_TEXT.draftRevision : EXPORT_TEXT.initialRelease });
  }
  const withdrawn = advisory.withdrawn;
  if (withdrawn && !entries.some((entry) => entry.date === withdrawn.at)) {
    entries.push({ date: withdrawn.at, summary: EXPORT_TEXT.withdrawnRevision(withdrawn.reason) });
  }
  // Stable: revisions are listed oldest first already; only the added withdrawal may need to move.
  entries.sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const draft = advisory.status === 'draft';
  return entries.map((entry, index) => ({
    date: entry.date,
    number: draft ? `0.${index + 1}.0` : String(index + 1),
    summary: entry.summary,
  }));
}
