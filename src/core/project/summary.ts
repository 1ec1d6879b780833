import type { Content } from '../validate/content.ts';
import { project, type ProjectedAdvisory, type Removal } from './project.ts';
import type { View } from './view.ts';

/** One view's projection of the whole content, with counts for the summaries. */
export interface ViewProjection {
  view: View;
  advisories: ProjectedAdvisory[];
  removed: Removal[];
  /** Advisories not visible: drafts and those still embargoed for this view. */
  hidden: number;
  /** Gates removed from visible advisories (outermost only). */
  gatesRemoved: number;
}

/** Projects every advisory of the content for one view at instant `at` (milliseconds). */
export function projectAll(content: Content, view: View, at: number): ViewProjection {
  const removed: Removal[] = [];
  const advisories: ProjectedAdvisory[] = [];
  for (const advisory of content.advisories) {
    const projected = project(advisory, view, at, removed);
    if (projected) advisories.push(projected);
  }
  return {
    view,
    advisories,
    removed,
    hidden: content.advisories.length - advisories.length,
    gatesRemoved: removed.filter((removal) => removal.kind === 'gate').length,
  };
}
